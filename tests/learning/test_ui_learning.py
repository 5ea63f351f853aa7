"""Locality Learning Circles through the widgets only, on a real encrypted database: the child's record
with its chronology, a learning circle from proposal to themes shared and complete, the record PDF, and
the Themes view counting the theme; plus the rules' messages where the coordinator would see them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from circles_desktop.services.learning import children
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.ui.learning.learning_list import LearningCirclesArea
from support.learning import (
    click,
    make_child,
    no_warnings,
    propose,
    show,
)


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
    assert area.opened is screen
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    click(qtbot, screen.back)
    assert area.opened is None
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
