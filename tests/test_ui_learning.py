"""Locality Learning Circles through the widgets only, on a real encrypted database: the child's record
with its chronology, a learning circle from proposal to themes shared and complete, the record PDF, and
the Themes view counting the theme; plus the rules' messages where the coordinator would see them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from services_support import person
from test_ui_helpers import click_box

from circles_desktop.services import audit, children
from circles_desktop.services import learning_circles as lcs
from circles_desktop.ui.app_state import AppState
from circles_desktop.ui.child_record import ChildrenArea
from circles_desktop.ui.learning_list import LearningCirclesArea
from circles_desktop.ui.themes_view import ThemesArea

WAIT = 5_000
TODAY = date.today()
PROPOSED = TODAY - timedelta(days=20)
HELD = TODAY - timedelta(days=5)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def state(db, tmp_path, qtbot):
    st = AppState(str(tmp_path / "data"), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    st.database = db
    yield st
    st.background.wait()


@pytest.fixture
def people(state):
    with state.database.session() as s:
        return {
            "hol": person(s, "Siân", "Llewellyn"),
            "sm": person(s, "Lukasz", "Wisniewski"),
            "tm": person(s, "Zoe", "Okafor"),
            "practitioner": person(s, "Lan", "Nguyen"),
            "learner": person(s, "Aoife", "Brennan"),
        }


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1176, 720)
    widget.show()
    return widget


def click(qtbot, button):
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, LEFT)


def choose(picker, text: str, ident: int) -> None:
    """Search a picker as a coordinator would (typing, then the one match is taken)."""
    picker.search.setText(text)
    picker.refresh()
    assert picker.value() == ident


def no_warnings(monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))


def make_child(qtbot, state, people) -> tuple[ChildrenArea, int]:
    area = show(qtbot, ChildrenArea(state))
    click(qtbot, area.new_button)
    form = area.panel.form
    assert not area.panel.add_event.isEnabled()  # the chronology waits for the record to be saved
    form.given.setText("Dáithí")
    form.given.textEdited.emit("Dáithí")
    form.family.setText("Ó Súilleabháin")
    form.born.set_value(date(2013, 7, 14))
    qtbot.keyClicks(form.locality, "Avonford North")
    qtbot.keyClicks(form.case_reference, "CR-100200")
    choose(form.practitioner, "Nguyen", people["practitioner"])
    qtbot.keyClicks(form.summary, "Lives with his mother and two sisters; missing three times since January.")
    form.summary_on.set_value(TODAY - timedelta(days=25))
    click(qtbot, form.save_button)
    child_id = area.panel.child_id
    assert child_id is not None, form.general_error.text()
    assert not form.is_dirty
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=WAIT)
    assert area.model.row(0)[0] == "Dáithí Ó Súilleabháin"

    # A key event for the chronology, then an earlier one: the list keeps date order.
    click(qtbot, area.panel.add_event)
    dialog = area.panel.dialog
    dialog.when.set_value(TODAY - timedelta(days=40))
    qtbot.keyClicks(dialog.event, "Reported missing overnight")
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    click(qtbot, area.panel.add_event)
    dialog = area.panel.dialog
    dialog.when.set_value(TODAY - timedelta(days=300))
    dialog.event.setPlainText("Child protection plan (neglect)")
    click(qtbot, dialog.form.save_button)
    assert area.panel.chronology.rowCount() == 2
    assert area.panel.chronology.item(0, 1).text() == "Child protection plan (neglect)"
    return area, child_id


def propose(qtbot, state, people, child_id: int, search: str = "CR-1002"):
    area = show(qtbot, LearningCirclesArea(state))
    click(qtbot, area.new_button)
    dialog = area.dialog
    form = dialog.details
    choose(form.child.picker, search, child_id)
    click_box(qtbot, form.reasons.boxes["escalation_of_risk"])
    form.proposed_on.set_value(PROPOSED)
    choose(form.head, "Llewellyn", people["hol"])
    choose(form.service_manager, "Wisniewski", people["sm"])
    choose(form.team_manager, "Okafor", people["tm"])
    form.meets_at.set_value(datetime.combine(HELD, datetime.min.time()).replace(hour=10))
    qtbot.keyClicks(form.focus, "We are here to understand the events that led up to the missing episodes.")
    click(qtbot, form.save_button)
    assert dialog.saved_id is not None, form.general_error.text()
    screen = area.screen
    assert screen is not None and screen.circle_id == dialog.saved_id
    return area, screen


def mark_done(qtbot, screen, code: str, who: int | None = None, on: date | None = None):
    click(qtbot, screen.checklist_view.rows[code].done)
    dialog = screen.dialog
    if who is not None:
        dialog.who.setCurrentIndex(dialog.who.findData(who))
    if on is not None:
        dialog.on_date.set_value(on)
    click(qtbot, dialog.form.save_button)
    return dialog


def state_of(screen, code: str) -> str:
    return next(s.state for st in screen.checklist.stages for s in st.steps if s.code == code)


def test_learning_circle_from_proposal_to_themes_shared(qtbot, state, people, tmp_path, monkeypatch):
    no_warnings(monkeypatch)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _children, child_id = make_child(qtbot, state, people)
    area, screen = propose(qtbot, state, people, child_id)
    assert screen.badge.text() == "Before"
    assert "What is left: 17 steps of 17" in screen.left_title.text()
    assert "Practitioners notified by the Service Manager" in screen.left.text()

    # Completing now shows what is left, and cannot be done.
    click(qtbot, screen.complete_button)
    complete = screen.dialog
    assert "Still to do before the learning circle" in complete.problems.text()
    assert not complete.ok.isEnabled()
    complete.reject()

    # Before: the practitioners notified (the Service Manager, by default).
    mark_done(qtbot, screen, "practitioners_notified")
    assert state_of(screen, "practitioners_notified") == "done"
    assert "Done by Lukasz Wisniewski" in screen.checklist_view.rows["practitioners_notified"].detail.text()
    click(qtbot, screen.checklist_view.rows["practitioners_notified"].undo)
    assert state_of(screen, "practitioners_notified") == "left"
    mark_done(qtbot, screen, "practitioners_notified")
    mark_done(qtbot, screen, "summary_and_chronology")

    # Learners identified waits for a learner: the blocker shows beside the step, its Done… is off.
    row = screen.checklist_view.rows["learners_identified"]
    assert "Add the learners to the learning circle." in row.blockers.text()
    assert not row.done.isEnabled()
    screen.tabs.setCurrentWidget(screen.people)
    choose(screen.people.person, "Brennan", people["learner"])
    click(qtbot, screen.people.add_button)
    assert not screen.people.error.isVisible(), screen.people.error.text()
    assert screen.checklist_view.rows["learners_identified"].done.isEnabled()
    mark_done(qtbot, screen, "learners_identified")

    # Invitations: marked not applicable, and the reason is required.
    click(qtbot, screen.checklist_view.rows["invitations_circulated"].na)
    na = screen.dialog
    click(qtbot, na.form.save_button)
    assert "does not apply" in na.form.error_text("reason")
    assert na.isVisible()
    qtbot.keyClicks(na.reason, "Invited in person at the team meeting")
    click(qtbot, na.form.save_button)
    assert state_of(screen, "invitations_circulated") == "not_applicable"

    # The room is needed before "room booked".
    assert "Enter the room or virtual platform." in screen.checklist_view.rows["room_booked"].blockers.text()
    screen.tabs.setCurrentWidget(screen.details)
    qtbot.keyClicks(screen.details.form.venue, "Room 2.14, Avonford Hub")
    click(qtbot, screen.details.form.save_button)
    assert not screen.details.form.is_dirty, screen.details.form.general_error.text()
    mark_done(qtbot, screen, "room_booked")
    assert screen.badge.text() == "During"

    # During: attendance on the day, steps dated the day it met.
    screen.tabs.setCurrentWidget(screen.people)
    grid = screen.people.attendance
    click(qtbot, grid.mark_all)
    click(qtbot, grid.save_button)
    assert not grid.is_dirty
    for code in ("check_in", "ground_rules"):
        mark_done(qtbot, screen, code)
    dialog = mark_done(qtbot, screen, "timekeeper")  # no one is suggested: the timekeeper must be chosen
    assert "Choose the timekeeper." in dialog.form.error_text("done_by_id")
    dialog.who.setCurrentIndex(dialog.who.findData(people["learner"]))
    click(qtbot, dialog.form.save_button)
    for code in ("reasons_and_focus", "story_told", "questions"):
        mark_done(qtbot, screen, code)
    assert state_of(screen, "story_told") == "done"

    # Learning points and an action agreed.
    assert not screen.checklist_view.rows["learning_agreed"].done.isEnabled()
    screen.tabs.setCurrentWidget(screen.points)
    qtbot.keyClicks(screen.points.text, "Missing episodes followed school exclusions")
    click(qtbot, screen.points.add_button)
    screen.points.text.setPlainText("Return interviews were not always offered")
    click(qtbot, screen.points.add_button)
    assert screen.points.list.count() == 2
    screen.points.list.setCurrentRow(1)
    click(qtbot, screen.points.up_button)
    assert screen.points.list.item(0).text() == "1. Return interviews were not always offered"
    screen.tabs.setCurrentWidget(screen.actions)
    panel = screen.actions.panel
    action = panel.open_dialog()
    qtbot.keyClicks(action.description, "Offer a return interview after every missing episode")
    action.owner.setCurrentIndex(action.owner.findData(people["tm"]))
    action.due_on.set_value(TODAY + timedelta(days=14))
    click(qtbot, action.form.save_button)
    panel.after_change(action.action_id)
    assert panel.model.rowCount() == 1
    for code in ("learning_agreed", "check_out"):
        mark_done(qtbot, screen, code)
    assert screen.badge.text() == "After"

    # After: the case note cannot be dated before the learning circle.
    mark_done(qtbot, screen, "shared_with_learners_and_qap")
    dialog = mark_done(qtbot, screen, "case_note", on=HELD - timedelta(days=1))
    assert "date of the case note" in dialog.form.error_text("on_date").lower()
    assert "cannot be before" in dialog.form.error_text("on_date")
    dialog.on_date.set_value(TODAY)
    click(qtbot, dialog.form.save_button)
    assert "Case note dated" in screen.checklist_view.rows["case_note"].detail.text()

    # Actions followed up waits for the open action: done, and the step can be ticked.
    assert "still open" in screen.checklist_view.rows["actions_followed_up"].blockers.text()
    screen.tabs.setCurrentWidget(screen.actions)
    panel.table.selectRow(0)
    click(qtbot, panel.done_button)
    mark_done(qtbot, screen, "actions_followed_up")

    # Themes, then themes shared with the QPAG.
    assert "Add the themes" in screen.checklist_view.rows["themes_shared"].blockers.text()
    screen.tabs.setCurrentWidget(screen.themes)
    qtbot.keyClicks(screen.themes.name, "Voice of the child")
    click(qtbot, screen.themes.add_button)
    assert [screen.themes.list.item(i).text() for i in range(screen.themes.list.count())] == ["Voice of the child"]
    mark_done(qtbot, screen, "themes_shared")
    assert "Nothing is left" in screen.left_title.text()

    # Complete.
    click(qtbot, screen.complete_button)
    complete = screen.dialog
    assert complete.ok.isEnabled(), complete.problems.text()
    click(qtbot, complete.ok)
    assert screen.badge.text() == "Complete"
    assert not screen.complete_button.isVisible() and screen.reopen_button.isVisible()
    assert not screen.checklist_view.rows["themes_shared"].undo.isEnabled()

    # The record PDF, audited with its hash.
    target = tmp_path / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    click(qtbot, screen.pdf_button)
    pdf = screen.dialog
    click(qtbot, pdf.save_button)
    qtbot.waitUntil(lambda: pdf.saved_path is not None or pdf.error.isVisible(), timeout=WAIT * 2)
    assert pdf.saved_path == target, pdf.error.text()
    assert target.read_bytes().startswith(b"%PDF-")
    assert "Dáithí" not in target.name

    # Back to the list: complete, in its month.
    click(qtbot, screen.back)
    assert area.screen is None
    area.set_stage("complete")
    assert area.model.rowCount() == 1
    assert "Complete (1)" in area.stages.tabText(4)
    area.set_month(HELD.replace(day=1))
    assert area.model.rowCount() == 1

    # The Themes view counts the theme in the last three months; drill down to the circle.
    themes = show(qtbot, ThemesArea(state))
    assert themes.table.rowCount() == 1
    assert themes.table.item(0, 0).text() == "Voice of the child"
    assert themes.table.item(0, 1).text() == "1"
    themes.table.selectRow(0)
    assert themes.circles.rowCount() == 1
    assert themes.circles.item(0, 1).text() == "Dáithí Ó Súilleabháin"
    assert "Voice of the child\t1" in themes.copy_text()
    themes.date_from.set_value(TODAY + timedelta(days=1))
    themes.date_to.set_value(TODAY + timedelta(days=2))
    assert themes.table.rowCount() == 0

    with state.database.session() as s:
        exported = [e for e in audit.recent(s) if e.action == "learning circle record exported"]
    assert len(exported) == 1 and exported[0].detail.startswith("sha256 ")


def test_complete_with_steps_left_lists_what_is_left(qtbot, state, people, monkeypatch):
    no_warnings(monkeypatch)
    with state.database.session() as s:
        cid = children.create_child(
            s,
            children.ChildForm("Mia", "Evans", date(2014, 2, 3), "Avonford North", "CR-9", people["practitioner"]),
        ).id
    area, screen = propose(qtbot, state, people, cid, "CR-9")
    dialog = screen.complete(show=False)
    text = dialog.problems.text()
    assert "Practitioners notified by the Service Manager" in text
    assert "Themes shared with the Quality, Performance and Action Group" in text
    assert not dialog.ok.isEnabled()
    # The summary and chronology step waits for the child's record.
    blockers = screen.checklist_view.rows["summary_and_chronology"].blockers.text()
    assert "Bring the summary on the child's record up to date." in blockers
    assert "Add the key events to the child's chronology." in blockers


def test_unsaved_changes_prompt(qtbot, state, people, monkeypatch):
    children_area, child_id = make_child(qtbot, state, people)
    form = children_area.panel.form
    qtbot.keyClicks(form.case_reference, "X")
    assert form.is_dirty
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel
    )
    assert not children_area.new_child()
    assert asked and "not saved" in asked[0]
    assert form.case_reference.text() == "CR-100200X"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert children_area.new_child()
    assert form.case_reference.text() == ""

    # The learning circle's details form asks too before going back to the list.
    area, screen = propose(qtbot, state, people, child_id)
    screen.tabs.setCurrentWidget(screen.details)
    qtbot.keyClicks(screen.details.form.venue, "Room 9")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    click(qtbot, screen.back)
    assert area.screen is screen
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    click(qtbot, screen.back)
    assert area.screen is None
    with state.database.session() as s:
        assert lcs.get_learning_circle(s, screen.circle_id).venue == "Room 9"


def test_lock_forgets_rows_and_keeps_typed_text(qtbot, state, people):
    children_area, child_id = make_child(qtbot, state, people)
    area, screen = propose(qtbot, state, people, child_id)
    screen.points.text.setPlainText("Typed, not added")
    db = state.database
    state.database = None
    state.locked.emit()
    assert children_area.model.rowCount() == 0
    assert children_area.panel.chronology.rowCount() == 0
    assert screen.checklist_view.rows == {}
    assert screen.left.text() == ""
    assert screen.points.text.toPlainText() == "Typed, not added"
    state.set_database(db)
    assert children_area.model.rowCount() == 1
    assert children_area.panel.chronology.rowCount() == 2
    assert len(screen.checklist_view.rows) == 17


def test_new_child_from_the_learning_circle_form(qtbot, state, people, monkeypatch):
    no_warnings(monkeypatch)
    area = show(qtbot, LearningCirclesArea(state))
    dialog = area.new_circle()
    form = dialog.details
    click(qtbot, form.child.new_button)
    child = form.child_dialog
    panel = child.panel
    panel.form.given.setText("Zoë")
    panel.form.family.setText("Ní Bhriain")
    panel.form.born.set_value(date(2012, 1, 9))
    qtbot.keyClicks(panel.form.locality, "Kingsbridge East")
    click(qtbot, panel.form.save_button)
    assert "case record reference" in panel.form.error_text("case_reference")
    qtbot.keyClicks(panel.form.case_reference, "CR-77")
    click(qtbot, panel.form.save_button)
    assert panel.child_id is not None and panel.add_event.isEnabled()
    click(qtbot, child.findChild(type(form.child.new_button), "child_dialog.done"))
    assert form.child.value() == panel.child_id
    assert "Zoë Ní Bhriain" in form.child.picker.choice.currentText()
