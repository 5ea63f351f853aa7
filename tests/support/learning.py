"""Driving the learning-circle screens as a coordinator would: a child's record, a proposal, steps marked done."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from circles_desktop.ui.learning.child_record import ChildrenArea
from circles_desktop.ui.learning.learning_list import LearningCirclesArea
from support.ui import click_box

WAIT = 5_000
TODAY = date.today()
PROPOSED = TODAY - timedelta(days=20)
HELD = TODAY - timedelta(days=5)
LEFT = Qt.MouseButton.LeftButton


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
    qtbot.keyClicks(dialog.what_happened, "Reported missing overnight")
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    click(qtbot, area.panel.add_event)
    dialog = area.panel.dialog
    dialog.when.set_value(TODAY - timedelta(days=300))
    dialog.what_happened.setPlainText("Child protection plan (neglect)")
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
    screen = area.opened
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
