"""The whole Locality Learning Circle journey through the widgets only, on a real encrypted database: the
child's record with its chronology, a learning circle from proposal through every stage to themes shared
and complete, and the Themes view counting the theme."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QFileDialog, QMessageBox

from circles_desktop.services.security import audit
from circles_desktop.ui.learning.themes_view import ThemesArea
from support.learning import (
    HELD,
    TODAY,
    WAIT,
    choose,
    click,
    make_child,
    mark_done,
    no_warnings,
    propose,
    show,
    state_of,
)


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
    screen.tabs.setCurrentWidget(screen.actions_tab)
    panel = screen.actions_tab.panel
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
    screen.tabs.setCurrentWidget(screen.actions_tab)
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
    assert area.opened is None
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
