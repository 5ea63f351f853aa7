"""The Circles area joins the Circle screen to the Meeting screen: open a meeting from a circle's
Meetings tab, come back to the circle, and create a new meeting that opens straight away."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from circles_desktop.services.meetings import meetings
from circles_desktop.ui.circles.circles_workspace import CirclesWorkspace
from circles_desktop.ui.meetings.meeting_screen import MeetingScreen
from support.records import cosa_circle, inner_volunteer, outer_member


@pytest.fixture
def workspace(qtbot, state):
    with state.database.session() as s:
        circle_id = cosa_circle(s)
        inner_volunteer(s, circle_id)
        outer_member(s, circle_id)
    area = CirclesWorkspace(state)
    qtbot.addWidget(area)
    area.resize(1176, 700)
    area.show()
    area.open_circle(circle_id)
    return area, circle_id


def test_new_meeting_opens_then_closing_returns_to_the_circle(qtbot, workspace):
    area, circle_id = workspace
    tab = area.opened.meetings_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = area.new_meeting_dialog
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("circle_meeting"))
    dialog.form.day.set_value(date(2025, 4, 2))
    dialog.form.start.set_value(time(18, 30))
    dialog.form.end.set_value(time(20, 0))
    dialog.form.venue.setText("St Anne's hall")
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(area.stack.currentWidget(), MeetingScreen))
    meeting = area.meeting
    with area.state.database.session() as s:
        assert [m.id for m in meetings.list_meetings(s, circle_id)] == [meeting.meeting_id]

    meeting.closed.emit()
    assert area.meeting is None
    assert area.stack.currentWidget() is area.opened
    assert tab.model.rowCount() == 1  # the circle's list shows the new meeting


def test_an_open_meeting_with_unsaved_text_holds_the_area(qtbot, workspace, monkeypatch):
    area, circle_id = workspace
    with area.state.database.session() as s:
        form = meetings.MeetingForm(
            kind="circle_meeting",
            starts_at=datetime(2025, 5, 1, 18, 0),
            ends_at=datetime(2025, 5, 1, 19, 0),
            venue="Hall",
            notes="",
        )
        mid = meetings.create_meeting(s, circle_id, form).id
    area.opened.meetings_tab.reload()
    area.opened.meetings_tab.table.selectRow(0)
    qtbot.mouseClick(area.opened.meetings_tab.open_button, Qt.MouseButton.LeftButton)
    screen = area.meeting
    assert screen is not None and screen.meeting_id == mid
    screen.details.field("venue").setText("Library")
    screen.details.field("venue").textEdited.emit("Library")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert area.can_leave() is False
    assert area.open_circle(circle_id) is None
    assert area.stack.currentWidget() is screen
    assert screen.details.field("venue").text() == "Library"


def test_meeting_toolbar_exports_and_circle_shows_its_shared_documents(qtbot, workspace):
    from PySide6.QtGui import QAction

    from circles_desktop.ui.sharing.minutes_export_dialog import ExportMinutesDialog
    from circles_desktop.ui.sharing.shared_documents import SharedDocumentsPanel

    area, circle_id = workspace
    titles = [area.opened.tabs.tabText(i).replace("&", "") for i in range(area.opened.tabs.count())]
    assert "Shared documents" in titles
    assert isinstance(area.opened.shared_tab, SharedDocumentsPanel)
    with area.state.database.session() as s:
        form = meetings.MeetingForm(
            kind="circle_meeting",
            starts_at=datetime(2025, 5, 1, 18, 0),
            ends_at=datetime(2025, 5, 1, 19, 0),
            venue="Hall",
            notes="",
        )
        mid = meetings.create_meeting(s, circle_id, form).id
    screen = area.open_meeting(mid)
    export = screen.toolbar.findChild(QAction, "meeting.export")
    assert export is not None
    export.trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(area, "export_dialog", None), ExportMinutesDialog))
    assert area.export_dialog.isVisible()
    area.export_dialog.reject()
