"""The Circles area as the coordinator uses it: the list, one open circle, and one open meeting of
that circle, each in place of the one before. It joins the Circle screen's requests to the Meeting
screen, so neither screen needs to know about the other."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circles_list import CirclesArea


class CirclesWorkspace(CirclesArea):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.meeting: Any = None  # the open MeetingScreen, if any
        self.new_meeting_dialog: Any = None
        self.open_meeting_requested.connect(self.open_meeting)
        self.new_meeting_requested.connect(self.new_meeting)

    def open_meeting(self, meeting_id: int) -> Any:
        """Show one meeting in place of its circle; returns the MeetingScreen (None if the meeting
        already open has unsaved changes the coordinator keeps)."""
        from circles_desktop.ui.meetings.meeting_screen import MeetingScreen

        if self.meeting is not None:
            if self.meeting.meeting_id == meeting_id:
                self.stack.setCurrentWidget(self.meeting)
                return self.meeting
            if not self.meeting.can_leave():
                return None
            self._drop_meeting()
        screen = MeetingScreen(self.state, meeting_id)
        screen.closed.connect(self.back_to_circle)
        self._add_sharing_tools(screen)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.meeting = screen
        return screen

    def _add_sharing_tools(self, screen: Any) -> None:
        from circles_desktop.ui.sharing.minutes_export_dialog import open_export_dialog

        action = screen.toolbar.addAction("Export or print minutes…")
        action.setObjectName("meeting.export")
        action.setToolTip(
            "One PDF per outer-circle recipient, holding only what their consent covers; "
            "or print the minutes or the meeting pack"
        )
        action.triggered.connect(
            lambda: setattr(self, "export_dialog", open_export_dialog(self.state, screen.meeting_id, screen))
        )

    def new_meeting(self, circle_id: int) -> Any:
        from circles_desktop.ui.meetings.meeting_details import NewMeetingDialog

        dialog = NewMeetingDialog(self.state, circle_id, self)
        dialog.accepted.connect(lambda: self._meeting_created(dialog.meeting_id))
        self.new_meeting_dialog = dialog
        dialog.open()
        return dialog

    def _meeting_created(self, meeting_id: int | None) -> None:
        if self.opened is not None:
            self.opened.reload()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def back_to_circle(self) -> None:
        self._drop_meeting()
        if self.opened is not None:
            self.opened.reload()
            self.stack.setCurrentWidget(self.opened)
        else:
            self.show_list()

    def _drop_meeting(self) -> None:
        if self.meeting is not None:
            screen, self.meeting = self.meeting, None
            self.stack.removeWidget(screen)
            screen.deleteLater()

    def open_circle(self, circle_id: int) -> Any:
        if self.meeting is not None:
            if not self.meeting.can_leave():
                return None
            self._drop_meeting()
        return super().open_circle(circle_id)

    def can_leave(self) -> bool:
        return (self.meeting is None or self.meeting.can_leave()) and super().can_leave()


def circles_workspace(state: AppState) -> QWidget:
    return CirclesWorkspace(state)
