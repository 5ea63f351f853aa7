"""The Meeting screen: details, attendance, minutes sections with their categories, decisions and
actions of one meeting. Every change goes through the services in one short session; the screen
keeps no ORM objects, and on lock it drops what it read (unsaved typing stays)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import ask_save_discard
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage, tone_style
from circles_desktop.ui.meetings.actions_panel import ActionsPanel
from circles_desktop.ui.meetings.attendance_grid import AttendanceGrid
from circles_desktop.ui.meetings.meeting_details import MeetingDetailsForm
from circles_desktop.ui.meetings.minutes_decisions import DecisionsPanel
from circles_desktop.ui.meetings.minutes_sections import SectionsPanel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.services.meetings.meeting_queries import CircleKinds, MeetingHeader

TAB_DETAILS, TAB_MINUTES, TAB_DECISIONS, TAB_ACTIONS = range(4)


class MeetingScreen(QWidget):
    """One meeting. Signals: `changed` after any saved change, `closed` when the coordinator closes
    it (after `can_leave()`). `toolbar` is where the lead adds Export minutes… / Print meeting pack…."""

    changed = Signal()
    closed = Signal()

    def __init__(self, state: AppState, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.meeting_id = meeting_id
        self.header: MeetingHeader | None = None  # while unlocked
        self.setObjectName("meeting.screen")
        self.setAccessibleName("Meeting")
        self.error = FieldMessage("Meeting error")
        self.error.setObjectName("meeting.error")
        top = self._build_heading()
        self._build_parts()
        self.tabs = self._build_tabs()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self._connect()
        self._update_tab_titles()
        if not state.is_locked:
            self.reload()

    def _build_heading(self) -> QHBoxLayout:
        self.title = QLabel()
        self.title.setObjectName("meeting.title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("meeting.subtitle")
        self.subtitle.setStyleSheet(tone_style("note"))
        self.subtitle.setWordWrap(True)
        self.toolbar = QToolBar("Meeting")
        self.toolbar.setObjectName("meeting.toolbar")
        self.toolbar.setAccessibleName("Meeting tools")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.close_button = QPushButton("&Close meeting")
        self.close_button.setObjectName("meeting.close")
        self.close_button.setAccessibleName("Close this meeting")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _build_parts(self) -> None:
        self.details = MeetingDetailsForm(kinds=())
        self.details.setObjectName("meeting.details")
        self.details.save_button.setText("Save deta&ils")
        self.details.cancel_button.setText("Undo changes")
        self.details.setAccessibleName("Meeting details")
        self.attendance = AttendanceGrid(self.state, self.meeting_id)
        self.sections = SectionsPanel(self.state, self.meeting_id)
        self.decisions = DecisionsPanel(self.state, self.meeting_id)
        self.actions_panel = ActionsPanel(self.state, self.meeting_id)

    def _build_tabs(self) -> QTabWidget:
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(QLabel("<h3>Details</h3>"))
        details_layout.addWidget(self.details, 1)
        first = QSplitter(Qt.Orientation.Horizontal)
        first.setObjectName("meeting.details_splitter")
        first.setChildrenCollapsible(False)
        first.addWidget(details_box)
        first.addWidget(self.attendance)
        first.setStretchFactor(0, 2)
        first.setStretchFactor(1, 3)
        first.setSizes([420, 640])
        tabs = QTabWidget()
        tabs.setObjectName("meeting.tabs")
        tabs.setAccessibleName("Parts of the meeting")
        tabs.setDocumentMode(True)
        tabs.setToolTip("Ctrl+1 to Ctrl+4 switch between the parts of the meeting; Ctrl+Tab moves on.")
        for part in (first, self.sections, self.decisions, self.actions_panel):
            tabs.addTab(part, "")  # titled by _update_tab_titles, with their counts
        return tabs

    def _connect(self) -> None:
        self.close_button.clicked.connect(self.close_meeting)
        self.details.save_requested.connect(self.save_details)
        self.details.cancelled.connect(self._reload_details)
        self.attendance.saved.connect(self._part_changed)
        self.sections.changed.connect(self._part_changed)
        self.decisions.changed.connect(self._part_changed)
        self.actions_panel.changed.connect(self._part_changed)
        for n in range(4):
            QShortcut(
                QKeySequence(f"Ctrl+{n + 1}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            ).activated.connect(lambda n=n: self.show_tab(n))
        self.state.locked.connect(self.forget)
        self.state.unlocked.connect(self._unlocked)  # a bound slot: disconnected when the screen goes

    # --- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read everything again; unsaved text in any part stays."""
        from circles_desktop.services.meetings import meeting_queries

        def read(s: Session) -> tuple[MeetingHeader, CircleKinds]:
            header = meeting_queries.meeting_header(s, self.meeting_id)
            return header, meeting_queries.circle_kinds(s, header.circle_id)

        ok, found = load(self.state, read, show=self.error)
        if not ok:
            return
        self.error.clear_message()
        header, kinds = found
        self.header = header
        self.details.set_kinds(kinds.kinds, header.kind if not self.details.is_dirty else None)
        if not self.details.is_dirty:
            self._load_details()
        self._show_header()
        self.actions_panel.set_meeting(header.circle_id, header.starts_at.date())
        self.attendance.reload()
        self.sections.reload()
        self.decisions.reload()
        self.actions_panel.reload()
        self._update_tab_titles()

    def _unlocked(self, _db: object) -> None:
        self.reload()

    def _load_details(self) -> None:
        h = self.header
        if h is not None:
            self.details.load_meeting(h.kind, h.starts_at, h.ends_at, h.venue, h.notes)

    def _reload_details(self) -> None:
        self.reload()
        self._load_details()

    def _show_header(self) -> None:
        h = self.header
        if h is None:
            self.title.setText("<h2>Meeting</h2>")
            self.subtitle.setText("Locked — unlock to see this meeting.")
            return
        when = f"{h.starts_at:%A %d %B %Y}, {h.starts_at:%H:%M}" + (f"–{h.ends_at:%H:%M}" if h.ends_at else "")
        self.title.setText(f"<h2>{escape(label(h.kind), quote=False)} — {uk_date(h.starts_at)}</h2>")
        parts = [when]
        if h.venue:
            parts.append(h.venue)
        parts.append(f"{label(h.circle_kind)} {h.circle_name}")
        if h.coordinator:
            parts.append(f"coordinator {h.coordinator}")
        self.subtitle.setText(" · ".join(parts))
        self.setWindowTitle(f"{label(h.kind)} {uk_date(h.starts_at)} — {h.circle_name}")

    def forget(self) -> None:
        """On lock: drop everything read from the database; unsaved text and choices stay."""
        self.header = None
        if not self.details.is_dirty:
            self.details.load(
                {"kind": None, "starts_at": None, "start_time": None, "ends_at": None, "venue": "", "notes": ""}
            )
            self.details.set_kinds(())
        self.attendance.forget()
        self.sections.forget()
        self.decisions.forget()
        self.actions_panel.forget()
        self.error.clear_message()
        self._show_header()
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        n_present = sum(1 for s in self.attendance.statuses().values() if s == "present")
        n_members = len(self.attendance.rows)
        attendance = f" ({n_present}/{n_members} present)" if n_members else ""
        self.tabs.setTabText(TAB_DETAILS, f"Details and attendance{attendance}")
        self.tabs.setTabText(TAB_MINUTES, f"Minutes ({len(self.sections.rows)})")
        self.tabs.setTabText(TAB_DECISIONS, f"Decisions ({len(self.decisions.rows)})")
        actions = len(self.actions_panel.model.rows)
        overdue = self.actions_panel.overdue_count
        self.tabs.setTabText(TAB_ACTIONS, f"Actions ({actions}{f', {overdue} overdue' if overdue else ''})")

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    # --- writing ---------------------------------------------------------------------------------
    def save_details(self) -> bool:
        from circles_desktop.services.meetings import meetings

        form = self.details.meeting_form()
        if not write(self.state, lambda s: meetings.update_meeting(s, self.meeting_id, form), show=self.details).ok:
            return False
        self.reload()  # the date decides who is listed for attendance and the actions' owners
        self.changed.emit()
        return True

    def _part_changed(self) -> None:
        self._update_tab_titles()
        self.changed.emit()

    # --- leaving ---------------------------------------------------------------------------------
    def unsaved_parts(self) -> list[str]:
        parts = []
        if self.details.is_dirty:
            parts.append("the meeting details")
        if self.attendance.is_dirty:
            parts.append("attendance")
        if self.sections.is_dirty:
            parts.append(f"the minutes {self.sections.editing_title()}")
        if self.decisions.is_dirty:
            parts.append("a decision")
        return parts

    def is_dirty(self) -> bool:
        return bool(self.unsaved_parts())

    def can_leave(self) -> bool:
        """True when the screen may close: nothing unsaved, or the coordinator saved or discarded it."""
        parts = self.unsaved_parts()
        if not parts:
            return True
        answer = ask_save_discard(
            self, f"Changes to {_join(parts)} are not saved. Save them before leaving this meeting?"
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_all()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_all()
            return True
        return False

    def save_all(self) -> bool:
        ok = True
        if self.details.is_dirty:
            ok = self.save_details() and ok
        if self.attendance.is_dirty:
            ok = self.attendance.save() and ok
        if self.sections.is_dirty:
            ok = self.sections.save() and ok
        if self.decisions.is_dirty:
            ok = self.decisions.save() and ok
        return ok

    def discard_all(self) -> None:
        self.details.mark_clean()
        self.attendance.pending.clear()
        self.sections._dirty = False
        self.decisions._dirty = False

    def close_meeting(self) -> None:
        if self.can_leave():
            self.closed.emit()


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
