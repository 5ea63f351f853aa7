"""The community of practice screen: its heading and when the next monthly session falls due, then the
tabs: seasons (with the season summary), sessions (presentations, who took part, the session note),
barriers and system blockages, and the mailing list with its exports.

Every part reads in its own short session on reload(), each write reads the screen again, and on lock
every part forgets what it read.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.ending import end_dialog, ended_words
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.learning.learning_fields import html
from circles_desktop.ui.meetings.chosen_meeting_actions import AgreedActionsTab
from circles_desktop.ui.practice import practice_dialogs as dialogs
from circles_desktop.ui.practice.practice_tabs import BarriersTab, MailingListTab, SeasonsTab, SessionsTab

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class PracticeScreen(QWidget):
    changed = Signal()
    closed = Signal()

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.dialog: Any = None
        self.setObjectName("practice.screen")
        self.setAccessibleName("Community of practice")
        self.back = button("← All communities of practice", "practice.back", tooltip="Back to the list (Alt+Left)")
        self.heading = QLabel()
        self.heading.setObjectName("practice.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.edit_button = button("&Details…", "practice.edit", "Change the community of practice's name and purpose")
        self.end_button = button("&End the community…", "practice.end", "End this community of practice, saying why")
        self.due = QLabel()
        self.due.setObjectName("practice.due")
        self.due.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("practice.tabs")
        self.seasons_tab = SeasonsTab(self)
        self.sessions_tab = SessionsTab(self)
        self.barriers_tab = BarriersTab(self)
        self.mailing_tab = MailingListTab(self)
        self.actions_tab = AgreedActionsTab(
            self,
            "practice.actions",
            self._meetings,
            "Whi&ch session",
            "Actions are agreed at a session: add one on the Sessions tab first.",
            "Actions agreed at a session: what is to be done, who takes it on and by when. Someone not yet on the "
            "list is added with “Add who carries one”.",
            keys={
                "edit_button": "C&hange…",
                "done_button": "Mark do&ne",
                "blocked_button": "Mark bloc&ked…",
                "delete_button": "Dele&te…",
            },
        )
        for tab, title in (
            (self.seasons_tab, "Sea&sons"),
            (self.sessions_tab, "Sess&ions"),
            (self.barriers_tab, "&Barriers and blockages"),
            (self.mailing_tab, "Mai&ling list"),
            (self.actions_tab, "Actions a&greed"),
        ):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.due)
        layout.addWidget(self.tabs, 1)
        self.back.clicked.connect(self._back)
        self.edit_button.clicked.connect(lambda: self.edit())
        self.end_button.clicked.connect(lambda: self.end())
        QShortcut(
            QKeySequence("Alt+Left"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self._back)
        state.locked.connect(self.forget)
        state.unlocked.connect(lambda _db: self.reload())
        if not state.is_locked:
            self.reload()

    def parts(self) -> list[Any]:
        return [self.seasons_tab, self.sessions_tab, self.barriers_tab, self.mailing_tab, self.actions_tab]

    def _meetings(self, s: Session) -> list[tuple[int, date, str]]:
        from circles_desktop.services.practice import seasons

        return [(r.meeting_id, r.starts_at.date(), r.venue) for r in seasons.sessions(s, self.circle_id)]

    def _read(self, s: Session) -> tuple[Any, list[Any]]:
        from circles_desktop.services.practice import practice, seasons

        circle = practice.find_practice(s, self.circle_id)
        c = circle
        facts = (c.reference, c.title, c.purpose, c.started_on, c.ended_on, c.ended_reason)
        due = [d for d in seasons.next_sessions_due(s, date.today()) if d.circle_id == self.circle_id]
        return facts, due

    def reload(self) -> None:
        try:
            facts, due = read(self.state, self._read, (None, []))
        except Exception as exc:
            self.heading.setText(f"<h2>This community of practice could not be read</h2><p>{html(describe(exc))}</p>")
            return
        if facts is None:
            return
        reference, title, purpose, started, ended_on, reason = facts
        self.heading.setText(
            f"<h2 style='margin:0'>{reference} · {html(title)}</h2>"
            f"<span>since {uk_date(started)}"
            + html(ended_words(ended_on, reason))
            + (f" · {html(purpose)}" if purpose else "")
            + "</span>"
        )
        self.end_button.setEnabled(ended_on is None)
        self.heading.setAccessibleName(f"Community of practice {reference}: {title}")
        if due:
            late = " (overdue)" if due[0].due_on < date.today() else ""
            self.due.setText(f"<b>{html(due[0].what)}{late}</b>")
        else:
            self.due.setText("The next session is planned, or no season is running.")
        for part in self.parts():
            part.refresh()

    def forget(self) -> None:
        self.heading.setText("<h2>Community of practice</h2>")
        self.due.clear()
        for part in self.parts():
            part.forget()

    def saved(self) -> None:
        self.reload()
        self.changed.emit()

    def edit(self, show: bool = True) -> Any:
        from circles_desktop.services.practice import practice

        values = read(self.state, lambda s: practice.practice_form(s, self.circle_id), None)
        if values is None:
            return None
        dialog = dialogs.practice_dialog(self.state, self, self.circle_id, values)
        return open_dialog(self, dialog, self.saved, show)

    def end(self, show: bool = True) -> Any:
        dialog = end_dialog(self.state, self.circle_id, "End the community of practice", self)
        return open_dialog(self, dialog, self.saved, show)

    def can_leave(self) -> bool:
        return True  # every change is saved from its own dialog

    def _back(self) -> None:
        self.closed.emit()
