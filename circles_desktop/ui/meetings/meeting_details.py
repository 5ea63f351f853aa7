"""A meeting's details (kind, date, start and end time, venue, notes) as a RecordForm, and the
dialog that creates a meeting for a circle."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from circles_desktop.models.vocab import MeetingKind, label
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, RecordForm, TimeField, combo
from circles_desktop.ui.common.operations import in_session, write

if TYPE_CHECKING:
    from circles_desktop.services.meetings.meetings import MeetingForm

DEFAULT_START = time(18, 0)
DEFAULT_END = time(20, 0)


def kind_choices(kinds: Sequence[str], current: str | None = None) -> dict[str, str]:
    """The kinds the circle holds, plus the meeting's own kind if it is somehow not one of them."""
    choices = {k: label(k) for k in kinds}
    if current and current not in choices:
        choices[current] = label(current)
    return choices


class MeetingDetailsForm(RecordForm):
    """Kind, date, start and end, venue and notes. Field keys follow services.meetings.MeetingForm, so
    a ValidationError's messages land beside the right field ("starts_at" beside the date)."""

    def __init__(self, kinds: Sequence[str], title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.kind = combo(kind_choices(kinds))
        self.day = DateField()
        self.start = TimeField()
        self.end = TimeField(optional=True)
        self.venue = QLineEdit()
        self.add_field("kind", "&Kind of meeting", self.kind, required=True)
        self.add_field("starts_at", "&Date", self.day, required=True)
        self.add_field("start_time", "&Starts at", self.start, required=True, help="24-hour clock, e.g. 18:30")
        self.add_field("ends_at", "&Ends at", self.end, help="24-hour clock; leave empty if not known")
        self.add_field("venue", "&Venue", self.venue)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.add_field("notes", "&Notes", self.notes, help="Practical notes: room, access, who is bringing what")
        for key, widget in (
            ("kind", self.kind),
            ("date", self.day),
            ("start", self.start),
            ("end", self.end),
            ("venue", self.venue),
            ("notes", self.notes),
        ):
            widget.setObjectName(f"meeting.{key}")
        self.save_button.setObjectName("meeting.save")
        self.cancel_button.setObjectName("meeting.cancel")

    def set_kinds(self, kinds: Sequence[str], current: str | None = None) -> None:
        keep = current or self.kind.currentData()
        was = self._loading
        self._loading = True
        try:
            self.kind.clear()
            for value, text in kind_choices(kinds, current).items():
                self.kind.addItem(text, value)
            index = self.kind.findData(keep)
            self.kind.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self._loading = was

    def load_meeting(self, kind: str, starts_at: datetime, ends_at: datetime | None, venue: str, notes: str) -> None:
        self.load(
            {
                "kind": kind,
                "starts_at": starts_at.date(),
                "start_time": starts_at.time(),
                "ends_at": ends_at.time() if ends_at else None,
                "venue": venue,
                "notes": notes,
            }
        )

    def meeting_form(self) -> MeetingForm:
        """The services.meetings.MeetingForm these fields describe."""
        from circles_desktop.services.meetings.meetings import MeetingForm

        v = self.values()
        day: date | None = v["starts_at"]
        start: time | None = v["start_time"]
        starts_at = datetime.combine(day, start) if day and start else None
        ends_at = datetime.combine(day, v["ends_at"]) if day and v["ends_at"] else None
        return MeetingForm(
            kind=v["kind"] or "", starts_at=starts_at, ends_at=ends_at, venue=v["venue"] or "", notes=v["notes"] or ""
        )


class NewMeetingDialog(QDialog):
    """Create a meeting for a circle: only the kinds the circle holds are offered. After `accept()`,
    `meeting_id` is the new meeting's id."""

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.meeting_id: int | None = None
        self.setWindowTitle("New meeting")
        self.setObjectName("new_meeting")
        self.setAccessibleName("New meeting")
        self.setMinimumWidth(520)

        from circles_desktop.services.meetings import meeting_queries

        # Opened from a circle's screen while unlocked; a failure here is the opener's to show.
        info = in_session(state, lambda s: meeting_queries.circle_kinds(s, circle_id))
        self.form = MeetingDetailsForm(info.kinds, title=f"New meeting — {label(info.circle_kind)}")
        self.form.save_button.setText("&Create meeting")
        self.form.save_button.setObjectName("new_meeting.create")
        if info.meetings_held == 0 and MeetingKind.INITIAL_BRIEFING.value in info.kinds:
            default_kind = MeetingKind.INITIAL_BRIEFING.value
        elif MeetingKind.CIRCLE_MEETING.value in info.kinds:
            default_kind = MeetingKind.CIRCLE_MEETING.value
        else:
            default_kind = info.kinds[0]
        self.form.load(
            {
                "kind": default_kind,
                "starts_at": max(date.today(), info.started_on),
                "start_time": DEFAULT_START,
                "ends_at": DEFAULT_END,
                "venue": "",
                "notes": "",
            }
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.save_requested.connect(self.create_meeting)
        self.form.cancelled.connect(self.reject)
        self.form.kind.setFocus()

    def create_meeting(self) -> bool:
        from circles_desktop.services.meetings import meetings

        form = self.form.meeting_form()
        ok, new_id = write(self.state, lambda s: meetings.create_meeting(s, self.circle_id, form).id, show=self.form)
        if not ok:  # every failure is shown in the form; nothing is lost
            self.adjustSize()
            return False
        self.meeting_id = new_id
        self.accept()
        return True

    def reject(self) -> None:
        # Escape reaches the dialog when focus is outside the form; ask before losing typed details.
        if self.form.is_dirty and not self.form.confirm_leave():
            return
        super().reject()
