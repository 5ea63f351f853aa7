"""The Meetings tab: the circle's meetings, the first three marked as supported by the connector; beside
the one chosen, its guide, who came and the role each took, reflecting on action, and its actions
(meeting_panel.py). A new meeting can be made one of the three supported ones as it is created; the
whole meeting (minutes, decisions) opens in place of the circle."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from circles_desktop.models.vocab import MeetingKind, label
from circles_desktop.services.common.words import uk_date_time
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.lists.tables import fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage
from circles_desktop.ui.community.community_screen import CommunityTab
from circles_desktop.ui.community.meeting_panel import MeetingPanel
from circles_desktop.ui.meetings.meeting_details import DEFAULT_END, DEFAULT_START, MeetingDetailsForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState
    from circles_desktop.ui.community.community_screen import CommunityCircleScreen

HEADERS = ("When", "Supported", "Present", "Venue")


def _read(s: Session, circle_id: int) -> tuple[list[Any], dict[int, int]]:
    from circles_desktop.services.community import first_meetings
    from circles_desktop.services.meetings import meetings

    rows = meetings.list_meetings(s, circle_id, limit=500, descending=False)
    supported = {r.meeting_id: r.number for r in first_meetings.supported_meetings(s, circle_id)}
    return rows, supported


class MeetingsTab(CommunityTab):
    def __init__(self, circle_screen: CommunityCircleScreen) -> None:
        super().__init__(circle_screen, "community.meetings_tab")
        self.table = make_table(HEADERS, "The circle's meetings", stretch=3)
        self.table.setObjectName("community.meetings")
        self.error = FieldMessage("Meetings error")
        self.new_button = button("New meetin&g…", "community.new_meeting")
        self.open_button = button("Open the &whole meeting…", "community.open_meeting", "Minutes and decisions too")
        self.panel = MeetingPanel(self.state, self)
        self.panel.changed.connect(self.circle_screen.saved)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setSizes([430, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.supported: dict[int, int] = {}
        self.dates: dict[int, date] = {}
        self.new_button.clicked.connect(lambda: self.new_meeting())
        self.open_button.clicked.connect(self.open_meeting)
        self.table.itemSelectionChanged.connect(self._chosen)

    def reload(self) -> None:
        ok, read = load(self.state, lambda s: _read(s, self.circle_id), show=self.error)
        if not ok:
            return
        self.error.clear_message()
        rows, self.supported = read
        keep = selected_id(self.table)
        self.dates = {r.id: r.starts_at.date() for r in rows}
        now = datetime.now()
        fill_table(
            self.table,
            [
                (
                    uk_date_time(r.starts_at) + (" (planned)" if r.starts_at > now else ""),
                    f"{self.supported[r.id]} of 3" if r.id in self.supported else label(r.kind),
                    r.present if r.starts_at <= now else "",
                    r.venue,
                )
                for r in rows
            ],
            [r.id for r in rows],
            empty="No meetings yet: the first three are supported by the connector.",
        )
        open_ = self.detail is not None and self.detail.is_open
        self.new_button.setEnabled(open_)
        if keep is not None and select_id(self.table, keep):
            self.panel.reload()
        elif rows:
            self.table.selectRow(len(rows) - 1)
        else:
            self.panel.show_meeting(None)

    def _chosen(self) -> None:
        meeting_id = selected_id(self.table)
        self.open_button.setEnabled(meeting_id is not None)
        if meeting_id is None:
            self.panel.show_meeting(None)
        else:
            writable = self.detail is not None and self.detail.is_open
            self.panel.show_meeting(
                meeting_id, self.circle_id, self.dates.get(meeting_id), self.supported.get(meeting_id), writable
            )

    def select_meeting(self, meeting_id: int) -> bool:
        return select_id(self.table, meeting_id)

    def forget(self) -> None:
        fill_table(self.table, [])
        self.panel.show_meeting(None)

    def new_meeting(self, show: bool = True) -> Any:
        taken = len(self.supported)
        return self.open_dialog(NewCommunityMeetingDialog(self.state, self.circle_id, taken, self), show)

    def open_meeting(self) -> None:
        meeting_id = selected_id(self.table)
        if meeting_id is not None and self.can_leave():
            self.circle_screen.open_meeting_requested.emit(meeting_id)

    def can_leave(self) -> bool:
        return self.panel.can_leave()


class NewCommunityMeetingDialog(QDialog):
    """A new meeting of the circle; while fewer than three are marked, it is the next supported meeting
    unless the coordinator unticks that. Created, `meeting_id` is its id."""

    def __init__(self, state: AppState, circle_id: int, supported: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.meeting_id: int | None = None
        self.setWindowTitle("New meeting")
        self.setAccessibleName("New meeting")
        self.setObjectName("community.new_meeting_dialog")
        self.form = MeetingDetailsForm([MeetingKind.CIRCLE_MEETING.value], title="New meeting — Community Circle")
        self.supported = QCheckBox(
            f"Supported meeting {supported + 1} of 3: the connector supports it" if supported < 3 else ""
        )
        self.supported.setObjectName("new_meeting.supported")
        self.supported.setChecked(supported < 3)
        self.supported.setVisible(supported < 3)
        self.form.form_layout.addRow("", self.supported)
        self.form.load(
            {
                "kind": MeetingKind.CIRCLE_MEETING.value,
                "starts_at": date.today(),
                "start_time": DEFAULT_START,
                "ends_at": DEFAULT_END,
                "venue": "",
                "notes": "",
            }
        )
        self.form.save_button.setText("&Create meeting")
        self.form.save_button.setObjectName("new_meeting.create")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.save_requested.connect(self.create_meeting)
        self.form.cancelled.connect(self.reject)
        self.setMinimumWidth(560)
        self.form.day.setFocus()

    def create_meeting(self) -> bool:
        from circles_desktop.services.community import first_meetings

        form, supported = self.form.meeting_form(), self.supported.isChecked()
        ok, new_id = write(
            self.state, lambda s: first_meetings.create_meeting(s, self.circle_id, form, supported).id, show=self.form
        )
        if ok:
            self.meeting_id = new_id
            self.accept()
        return ok

    def reject(self) -> None:
        if self.form.is_dirty and not self.form.confirm_leave():
            return
        super().reject()

    def set_when(self, day: date, at: time = DEFAULT_START) -> None:
        """Set the date and time (as typing them would)."""
        self.form.day.set_value(day)
        self.form.start.set_value(at)

    def starts_at(self) -> datetime | None:
        return self.form.meeting_form().starts_at
