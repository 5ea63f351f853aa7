"""The Community Circle screen's failure paths and its life across locks: what is read is forgotten on
lock and read again on unlock (typed text stays), a circle deleted meanwhile says so, a facilitator who
cannot be matched is refused with the reason, supported meetings out of order, a review held too early
shown before trying, and a PDF that could not be written said so."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from circles_desktop.models import Circle
from circles_desktop.services.community import facilitators, first_meetings
from circles_desktop.services.meetings import meetings
from circles_desktop.ui.community.community_area import CommunityCirclesArea
from support.community import RECEIVED, community_circle, connector, facilitator, partner
from support.journeys import choose, click, type_text
from support.ui import WAIT_MS

MATCHED = RECEIVED + timedelta(days=10)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def ids(state):
    with state.database.session() as s:
        host = partner(s)
        kofi = connector(s, "Kofi", "Mensah", host)
        cid, _ = community_circle(s, kofi)
        return {
            "circle": cid,
            "best": facilitator(s, "Rhiannon", "Price"),
            "untrained": facilitator(s, "Sam", "Ng", trained=False),
        }


def open_screen(qtbot, state, circle_id):
    area = CommunityCirclesArea(state)
    qtbot.addWidget(area)
    area.resize(1366, 720)
    area.show()
    screen = area.open_circle(circle_id)
    assert screen is not None
    return area, screen


def test_the_screen_forgets_on_lock_and_keeps_what_was_typed(qtbot, state, ids):
    _area, screen = open_screen(qtbot, state, ids["circle"])
    assert "Mair Lloyd-Evans" in screen.heading.text()
    form = screen.purpose_tab.form
    type_text(qtbot, screen.purpose_tab.fields.contact_notes, " and weekends")
    db = state.database
    state.database = None  # as a lock does, without closing the test's database
    state.locked.emit()
    assert screen.detail is None and "Mair" not in screen.heading.text()
    assert screen.circle_tab.table.rowCount() == 0
    assert form.is_dirty and screen.purpose_tab.fields.contact_notes.text().endswith("and weekends")
    state.set_database(db)
    assert "Mair Lloyd-Evans" in screen.heading.text() and screen.circle_tab.table.rowCount() == 2
    assert screen.purpose_tab.fields.contact_notes.text() == "After 4pm and weekends"  # still there


def test_a_circle_deleted_meanwhile_says_so(qtbot, state, ids):
    _area, screen = open_screen(qtbot, state, ids["circle"])
    with state.database.session() as s:
        s.delete(s.get(Circle, ids["circle"]))
    screen.reload()
    assert "could not be read" in screen.heading.text()


def test_a_facilitator_who_cannot_be_matched_is_refused_with_the_reason(qtbot, state, ids):
    _area, screen = open_screen(qtbot, state, ids["circle"])
    tab = screen.facilitator_tab
    screen.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=WAIT_MS)
    tab.table.clearSelection()
    assert not tab.choose()
    assert tab.error.text() == "Choose a facilitator in the list first."
    tab.table.selectRow(1)
    assert tab.chosen().candidate.name == "Sam Ng"
    tab.on_date.set_value(MATCHED)
    click(qtbot, tab.choose_button)
    assert tab.error.text() == "Sam Ng cannot be matched: Community Circles facilitator training missing."
    assert screen.badge.text().strip() == "Finding a facilitator"


def test_supported_meetings_out_of_order_and_an_early_review_are_said_before_anything_changes(qtbot, state, ids):
    cid = ids["circle"]
    with state.database.session() as s:
        facilitators.choose_facilitator(s, cid, ids["best"], MATCHED)
        for days in (40, 20):  # the later one created first, as meeting 1
            form = meetings.MeetingForm(starts_at=datetime.combine(MATCHED + timedelta(days=days), time(18)))
            first_meetings.create_meeting(s, cid, form, supported=days == 40)
    _area, screen = open_screen(qtbot, state, cid)
    tab = screen.meetings_tab
    screen.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)  # the earlier meeting, not supported
    guide = tab.panel.guide
    choose(guide.number, 2)
    assert "cannot be before supported meeting 1" in guide.error.text()
    assert tab.table.item(0, 1).text() != "2 of 3"

    review = screen.review_tab
    screen.tabs.setCurrentWidget(review)
    dialog = review.record_review()
    dialog.on_date.set_value(MATCHED + timedelta(days=100))
    choose(dialog.outcome, "carry_on")
    assert "a circle carries on only after it" in dialog.problems.text()
    assert not dialog.ok.isEnabled()
    dialog.reject()


def test_a_plan_that_could_not_be_written_says_so(qtbot, state, ids, tmp_path, monkeypatch):
    from circles_desktop.reports.kit import pdfio

    _area, screen = open_screen(qtbot, state, ids["circle"])
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))

    def refuse(*_a, **_k):
        raise PermissionError("The folder is read-only")

    monkeypatch.setattr(pdfio, "write_pdf", refuse)
    dialog = screen.save_document("plan")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
    assert dialog.error.text().startswith("The PDF was not saved:")
    assert dialog.saved_path is None and not target.exists()
    # The match summary needs a match first: said, not crashed on.
    summary = screen.save_document("summary")
    assert not screen.summary_button.isEnabled()
    assert not summary.save()
    assert "Match a facilitator first" in summary.error.text()
