"""The Meeting screen driven through its widgets, on a real encrypted database: a new meeting,
attendance, minutes sections by category (internal included), decisions, actions with owners, due
dates and barriers, unsaved text kept over a lock, and the unsaved-changes prompt."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from circles_desktop.services.meetings import meetings
from circles_desktop.services.security import access
from circles_desktop.ui.meetings.meeting_details import NewMeetingDialog
from circles_desktop.ui.meetings.meeting_screen import TAB_ACTIONS, TAB_MINUTES, MeetingScreen
from support import PASSPHRASE
from support.records import cosa_circle, inner_volunteer, outer_member


@pytest.fixture
def circle(state):
    """A CoSA circle from 1 March 2025 with its core member, a volunteer and a police officer."""
    with state.database.session() as s:
        cid = cosa_circle(s)
        vol = inner_volunteer(s, cid)
        police = outer_member(s, cid)
    return cid, vol, police


def relock(state, data_dir) -> None:
    """Lock as the app does (AppState.lock), then unlock with the passphrase."""
    state.lock("test")
    assert state.is_locked
    state.set_database(access.Unlocker(data_dir).unlock(PASSPHRASE))


def new_meeting(qtbot, state, circle_id, when=datetime(2025, 4, 2, 18, 30)) -> int:
    dialog = NewMeetingDialog(state, circle_id)
    qtbot.addWidget(dialog)
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("circle_meeting"))
    dialog.form.day.set_value(when.date())
    dialog.form.start.set_value(when.time())
    dialog.form.end.set_value(time(20, 0))
    dialog.form.venue.setText("St Anne's hall")
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.meeting_id


def open_screen(qtbot, state, meeting_id) -> MeetingScreen:
    screen = MeetingScreen(state, meeting_id)
    qtbot.addWidget(screen)
    screen.resize(1176, 700)
    screen.show()
    return screen


def test_new_meeting_dialog_offers_the_circles_kinds_and_shows_messages_beside_fields(qtbot, state, circle):
    cid, _, _ = circle
    dialog = NewMeetingDialog(state, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    kinds = [dialog.form.kind.itemData(i) for i in range(dialog.form.kind.count())]
    assert kinds == ["initial_briefing", "circle_meeting", "quarterly_review", "end_of_circle_review"]
    assert dialog.form.kind.currentData() == "initial_briefing"  # the first meeting of a circle

    # A kind the circle does not hold, and an end before the start: each message beside its field.
    dialog.form.kind.addItem("Learning circle", "learning_circle")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.count() - 1)
    dialog.form.day.set_value(date(2025, 4, 2))
    dialog.form.start.set_value(time(18, 0))
    dialog.form.end.set_value(time(17, 0))
    qtbot.keyClick(dialog.form.venue, Qt.Key.Key_Return)  # Enter saves
    assert dialog.form.error_text("kind") == "A CoSA circle does not hold a learning circle."
    assert dialog.form.error_text("ends_at") == "The meeting must end after it starts."
    assert dialog.meeting_id is None and dialog.isVisible()

    # A date before the circle began.
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("circle_meeting"))
    dialog.form.day.set_value(date(2025, 2, 1))
    dialog.form.end.set_value(time(20, 0))
    dialog.create_meeting()
    assert "cannot be before the circle's start date" in dialog.form.error_text("starts_at")

    dialog.form.day.set_value(date(2025, 4, 2))
    qtbot.keyClicks(dialog.form.venue, "Library")
    assert dialog.create_meeting()
    with state.database.session() as s:
        form = meetings.meeting_form(s, dialog.meeting_id)
    assert form.kind == "circle_meeting" and form.starts_at == datetime(2025, 4, 2, 18, 0)
    assert form.ends_at == datetime(2025, 4, 2, 20, 0) and form.venue == "Library"


def test_escape_cancels_the_new_meeting_dialog(qtbot, state, circle):
    dialog = NewMeetingDialog(state, circle[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.form.venue, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.meeting_id is None


def test_attendance_is_marked_saved_and_found_again(qtbot, state, circle, created):
    cid, vol, police = circle
    mid = new_meeting(qtbot, state, cid)
    screen = open_screen(qtbot, state, mid)
    grid = screen.attendance
    names = [line.name.text() for line in grid.rows.values()]
    assert names == ["Dáithí Ó Briain", "Siân Jones", "Oluwaseun Adeyemi"]  # inner ring, then outer
    core = next(m for m in grid.rows if m not in (vol, police))

    qtbot.mouseClick(grid.mark_all, Qt.MouseButton.LeftButton)
    grid.rows[police].buttons["apologies"].click()
    grid.rows[vol].buttons["absent"].click()
    assert screen.unsaved_parts() == ["attendance"]
    with qtbot.waitSignal(screen.changed):
        qtbot.mouseClick(grid.save_button, Qt.MouseButton.LeftButton)
    assert not grid.is_dirty
    assert "1 present, 1 apologies, 1 absent" in grid.summary.text()

    # A problem with one member's row is shown on that row.
    grid.show_errors({f"member:{vol}": "Siân Jones was not in the circle on 02/04/2025."})
    assert grid.error_text(vol).startswith("Siân Jones was not")
    assert grid.error_text(core) == ""

    screen.close()
    reopened = open_screen(qtbot, state, mid)
    assert reopened.attendance.statuses() == {core: "present", vol: "absent", police: "apologies"}
    assert "1/3 present" in reopened.tabs.tabText(0)
    relock(state, created[0])
    assert reopened.attendance.statuses() == {core: "present", vol: "absent", police: "apologies"}


def test_minutes_sections_added_reordered_edited_and_deleted(qtbot, state, circle, monkeypatch):
    cid, _, _ = circle
    mid = new_meeting(qtbot, state, cid)
    screen = open_screen(qtbot, state, mid)
    screen.show_tab(TAB_MINUTES)
    panel = screen.sections

    def add(heading, body, category):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        assert panel.editing_new and panel.window().focusWidget() is panel.heading
        qtbot.keyClicks(panel.heading, heading)
        panel.body.setPlainText(body)
        panel.category.setCurrentIndex(panel.category.findData(category))
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        assert panel.error_text("heading") == "", panel.error_text("heading")

    # A heading is required: the service's message shows beside it.
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.body.setPlainText("Text without a heading")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error_text("heading") == "Enter a heading for the section."
    panel.revert()

    add("Check-in", "Everyone well.", "minutes")
    add("Risk", "Low mood mid-week.", "risk_concerns")
    add("Debrief", "Volunteers' private notes.", "internal")
    assert panel.banner.isVisible()  # the internal category says "never shared"
    add("Who came", "All present.", "attendance")
    assert panel.titles() == ["Check-in", "Risk", "Debrief", "Who came"]
    assert "(4)" in screen.tabs.tabText(TAB_MINUTES)

    # The list shows each category as a coloured tag with words; internal is marked never shared.
    tags = [panel.list.itemWidget(panel.list.item(i)).tag.text() for i in range(panel.list.count())]
    assert tags == ["Meeting minutes", "Risk and concerns", "Internal — never shared", "Attendance"]

    # Move "Who came" to the top: Move up three times (and Ctrl+Up once).
    panel.list.setCurrentRow(3)
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert panel.titles() == ["Who came", "Check-in", "Risk", "Debrief"]
    assert not panel.up_button.isEnabled()
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert panel.titles() == ["Check-in", "Who came", "Risk", "Debrief"]

    # Edit "Risk": heading, body and category.
    panel.list.setCurrentRow(2)
    assert panel.heading.text() == "Risk"
    panel.heading.clear()
    qtbot.keyClicks(panel.heading, "Risk and concerns")
    panel.body.setPlainText("Low mood mid-week; no contact with children.")
    panel.category.setCurrentIndex(panel.category.findData("risk_concerns"))
    assert panel.is_dirty
    qtbot.keyClick(panel.heading, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not panel.is_dirty

    # Delete "Who came", after confirming.
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "Who came" in asked[0]
    assert panel.titles() == ["Check-in", "Risk and concerns", "Debrief"]

    with state.database.session() as s:
        stored = [(x.heading, x.body, x.category) for x in meetings.get_meeting(s, mid).sections]
    assert stored == [
        ("Check-in", "Everyone well.", "minutes"),
        ("Risk and concerns", "Low mood mid-week; no contact with children.", "risk_concerns"),
        ("Debrief", "Volunteers' private notes.", "internal"),
    ]


def test_decisions_added_edited_and_deleted(qtbot, state, circle, monkeypatch):
    mid = new_meeting(qtbot, state, circle[0])
    screen = open_screen(qtbot, state, mid)
    panel = screen.decisions
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error_text("text") == "Enter the decision."
    panel.text.setPlainText("Next meeting in two weeks at the same time.")
    panel.category.setCurrentIndex(panel.category.findData("attendance"))
    assert panel.save()
    assert panel.titles() == ["Next meeting in two weeks at the same time."]
    panel.text.setPlainText("Next meeting in three weeks.")
    assert panel.save()
    with state.database.session() as s:
        assert [(d.text, d.category) for d in meetings.get_meeting(s, mid).decisions] == [
            ("Next meeting in three weeks.", "attendance")
        ]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.list.setCurrentRow(0)
    panel.delete_selected()
    assert panel.titles() == []


def test_actions_with_owner_due_date_barrier_and_quick_status(qtbot, state, circle):
    cid, vol, _ = circle
    mid = new_meeting(qtbot, state, cid)
    screen = open_screen(qtbot, state, mid)
    screen.show_tab(TAB_ACTIONS)
    panel = screen.actions_panel

    dialog = panel.open_dialog()
    qtbot.addWidget(dialog)
    owners = [dialog.owner.itemText(i) for i in range(dialog.owner.count())]
    assert owners[1] == "Zoë Coordinator (Coordinator)" and "Siân Jones (Volunteer)" in owners
    qtbot.keyClicks(dialog.description, "Bring bus timetable")
    dialog.owner.setCurrentIndex(owners.index("Siân Jones (Volunteer)"))
    assert dialog.created_on.value() == date(2025, 4, 2)  # agreed at the meeting
    dialog.due_on.set_value(date(2025, 3, 30))
    assert not dialog.save()
    assert dialog.form.error_text("due_on") == (
        "The due date (30/03/2025) cannot be before the date the action was agreed (02/04/2025)."
    )
    dialog.due_on.set_value(date(2025, 4, 16))
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    panel.after_change(dialog.action_id)
    assert panel.model.rowCount() == 1
    row = panel.model.row(0)
    assert (row.description, row.owner, row.due_on, row.status) == (
        "Bring bus timetable",
        "Siân Jones",
        date(2025, 4, 16),
        "open",
    )
    # Past its due date and not done: the words say overdue, not only the colour.
    assert row.overdue
    assert "OVERDUE" in panel.model.text(row, panel.model.COL_DUE)
    assert "overdue" in screen.tabs.tabText(TAB_ACTIONS)

    # Blocked without a barrier: the message is beside the barrier field; with one, it is saved.
    panel.select(row.id)
    blocked = panel.blocked_dialog()
    qtbot.addWidget(blocked)
    qtbot.mouseClick(blocked.ok_button, Qt.MouseButton.LeftButton)
    assert blocked.error.text() == "Say what is blocking this action." and blocked.error.isVisibleTo(blocked)
    blocked.barrier.setPlainText("Bus company has not replied")
    assert blocked.save()
    panel.after_change(row.id)
    assert panel.model.row(0).status == "blocked" and panel.model.row(0).barrier == "Bus company has not replied"

    # The same rule in the full edit dialog.
    edit = panel.open_dialog(row.id)
    qtbot.addWidget(edit)
    edit.barrier.setPlainText("")
    assert not edit.save()
    assert edit.form.error_text("barrier") == "Say what is blocking this action."
    edit.form.mark_clean()
    edit.reject()

    # Quick status: done today, then open again.
    assert panel.set_status("done", on=date(2025, 4, 10))
    assert panel.model.row(0).status == "done" and panel.model.row(0).done_on == date(2025, 4, 10)
    assert not panel.model.row(0).overdue
    assert panel.set_status("open")
    assert panel.model.row(0).status == "open" and panel.model.row(0).done_on is None


def test_unsaved_section_text_survives_lock_and_unlock(qtbot, state, circle, created):
    mid = new_meeting(qtbot, state, circle[0])
    with state.database.session() as s:
        meetings.add_section(s, mid, "Check-in", "Everyone well.", "minutes")
    screen = open_screen(qtbot, state, mid)
    panel = screen.sections
    panel.list.setCurrentRow(0)
    panel.body.setPlainText("Everyone well. J spoke about the new job")
    assert panel.is_dirty

    state.lock("test")
    # Everything read from the database is gone; the unsaved text stays.
    assert panel.rows == [] and panel.list.count() == 0
    assert screen.attendance.rows == {} and screen.actions_panel.model.rowCount() == 0
    assert screen.header is None and "Locked" in screen.subtitle.text()
    assert panel.body.toPlainText() == "Everyone well. J spoke about the new job"

    state.set_database(access.Unlocker(created[0]).unlock(PASSPHRASE))
    assert panel.titles() == ["Check-in"] and panel.current_id() == panel.editing_id
    assert panel.body.toPlainText() == "Everyone well. J spoke about the new job"
    assert panel.is_dirty
    assert panel.save()
    with state.database.session() as s:
        assert meetings.get_meeting(s, mid).sections[0].body == "Everyone well. J spoke about the new job"


def test_unsaved_details_survive_a_lock_and_saved_details_are_cleared(qtbot, state, circle, created):
    mid = new_meeting(qtbot, state, circle[0])
    screen = open_screen(qtbot, state, mid)
    state.lock("test")
    assert screen.details.venue.text() == ""  # read from the database, so dropped
    state.set_database(access.Unlocker(created[0]).unlock(PASSPHRASE))
    assert screen.details.venue.text() == "St Anne's hall"
    screen.details.venue.clear()
    qtbot.keyClicks(screen.details.venue, "Quaker meeting house")
    state.lock("test")
    assert screen.details.venue.text() == "Quaker meeting house"
    state.set_database(access.Unlocker(created[0]).unlock(PASSPHRASE))
    assert screen.details.venue.text() == "Quaker meeting house"
    with qtbot.waitSignal(screen.changed):
        qtbot.keyClick(screen.details.venue, Qt.Key.Key_Return)
    assert "Quaker meeting house" in screen.subtitle.text()


def test_can_leave_asks_when_anything_is_unsaved(qtbot, state, circle, monkeypatch):
    mid = new_meeting(qtbot, state, circle[0])
    screen = open_screen(qtbot, state, mid)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(*args, **kwargs):
        asked.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    assert screen.can_leave() and asked == []  # nothing changed: no question

    qtbot.mouseClick(screen.sections.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.sections.heading, "Debrief")
    qtbot.keyClicks(screen.details.venue, " annexe")
    assert not screen.can_leave()
    assert "the meeting details" in asked[-1] and "new section" in asked[-1]
    with qtbot.assertNotEmitted(screen.closed):
        qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)

    answer = QMessageBox.StandardButton.Save
    assert screen.can_leave()
    assert screen.sections.titles() == ["Debrief"]
    assert "annexe" in screen.subtitle.text()

    qtbot.keyClicks(screen.details.venue, "x")
    answer = QMessageBox.StandardButton.Discard
    with qtbot.waitSignal(screen.closed):
        qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)


def test_demo_meeting_shows_every_category_and_the_toolbar_is_there(qtbot, state):
    from circles_desktop.services.demo import demo
    from circles_desktop.services.meetings import meeting_queries

    demo.fill(state.database, size=60)
    with state.database.session() as s:
        from sqlalchemy import select

        from circles_desktop.models import MinutesSection

        mid = s.scalar(select(MinutesSection.meeting_id).where(MinutesSection.category == "internal").limit(1))
        expected = [r.heading for r in meeting_queries.sections(s, mid)]
    screen = open_screen(qtbot, state, mid)
    assert screen.sections.titles() == expected
    assert screen.toolbar.objectName() == "meeting.toolbar"
    tags = [screen.sections.list.itemWidget(screen.sections.list.item(i)).tag.text() for i in range(len(expected))]
    assert "Internal — never shared" in tags
