"""The community conversation screen: the heading, a warning while another conversation covers the same
locality and theme (with the choice to join forces or keep going separately, recorded), the balance of
attendance over the series, then the tabs: details, similar work, the toolkit's checklist, the series of
conversations, and what people noticed with the sparks. The one-page summary for the community is saved
from here.

Every part reads in its own short session on reload(), each write reads the screen again, and on lock
every part forgets what it read; typed text stays.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from circles_desktop.models.kinds.conversations import WorkDecision
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.ending import end_dialog, ended_words
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import ERROR_STYLE, GOOD_STYLE, FieldMessage
from circles_desktop.ui.conversations import conversation_dialogs as dialogs
from circles_desktop.ui.conversations.conversation_form import ConversationForm
from circles_desktop.ui.conversations.conversation_tabs import ChecklistTab, SeriesTab, SimilarWorkTab, SparksTab
from circles_desktop.ui.learning.learning_fields import html
from circles_desktop.ui.meetings.chosen_meeting_actions import AgreedActionsTab

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

WARNING_BOX = "QFrame#conversation\\.overlap { background: #fff8e1; border: 1px solid #e0b050; border-radius: 4px; }"


class ConversationScreen(QWidget):
    changed = Signal()  # something was saved (the list refreshes)
    closed = Signal()  # back to the list

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.detail: Any = None
        self.overlap: Any = None  # the first undecided overlap, while there is one
        self.dialog: Any = None
        self.setObjectName("conversation.screen")
        self.setAccessibleName("Community conversation")
        self.error = FieldMessage("Conversation error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._build_heading())
        layout.addWidget(self._build_overlap())
        self.balance = QLabel()
        self.balance.setObjectName("conversation.balance")
        self.balance.setWordWrap(True)
        self.balance.setAccessibleName("Balance of attendance")
        layout.addWidget(self.balance)
        layout.addWidget(self.error)
        layout.addWidget(self._build_tabs(), 1)
        self.state.locked.connect(self.forget)
        self.state.unlocked.connect(lambda _db: self._unlocked())
        QShortcut(
            QKeySequence("Alt+Left"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self._back)
        if not state.is_locked:
            self.reload()
            self.details.form.load_conversation(circle_id)

    def _build_heading(self) -> QHBoxLayout:
        self.back = button("← All conversations", "conversation.back", tooltip="Back to the list (Alt+Left)")
        self.heading = QLabel()
        self.heading.setObjectName("conversation.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.summary_button = button(
            "Save or &print the summary…", "conversation.summary", "One page for the community, as a PDF or on paper"
        )
        self.end_button = button("End the ser&ies…", "conversation.end", "End this series of conversations, saying why")
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.summary_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignTop)
        self.back.clicked.connect(self._back)
        self.summary_button.clicked.connect(lambda: self.save_summary())
        self.end_button.clicked.connect(lambda: self.end())
        return top

    def _build_overlap(self) -> QFrame:
        self.overlap_box = QFrame()
        self.overlap_box.setObjectName("conversation.overlap")
        self.overlap_box.setStyleSheet(WARNING_BOX)
        self.overlap_text = QLabel()
        self.overlap_text.setObjectName("conversation.overlap_text")
        self.overlap_text.setWordWrap(True)
        self.join_button = button("&Join forces…", "conversation.join_forces")
        self.separate_button = button("Keep going separatel&y…", "conversation.keep_separate")
        row = QHBoxLayout(self.overlap_box)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.overlap_text, 1)
        row.addWidget(self.join_button)
        row.addWidget(self.separate_button)
        self.join_button.clicked.connect(lambda: self.decide(WorkDecision.JOIN_FORCES))
        self.separate_button.clicked.connect(lambda: self.decide(WorkDecision.SEPARATE))
        self.overlap_box.hide()
        return self.overlap_box

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("conversation.tabs")
        self.details = DetailsTab(self)
        self.similar = SimilarWorkTab(self)
        self.checklist = ChecklistTab(self)
        self.series = SeriesTab(self)
        self.sparks = SparksTab(self)
        self.actions_tab = AgreedActionsTab(
            self,
            "conversation.actions",
            self._meetings,
            "At the &conversation on",
            "Actions are agreed at a conversation: add one to the series first.",
            "Actions agreed at a conversation: what is to be done, who in the community carries it and by when. "
            "Someone not yet on the list is added with “Add who carries one”.",
            keys={"edit_button": "C&hange…", "done_button": "Mark do&ne"},
        )
        for tab, title in (
            (self.details, "D&etails"),
            (self.similar, "Si&milar work"),
            (self.checklist, "Toolkit chec&klist"),
            (self.series, "Con&versations"),
            (self.sparks, "Noticed and spa&rks"),
            (self.actions_tab, "Actions a&greed"),
        ):
            self.tabs.addTab(tab, title)
        return self.tabs

    # --- reading -------------------------------------------------------------------------------------
    def parts(self) -> list[Any]:
        return [self.similar, self.checklist, self.series, self.sparks, self.actions_tab]

    def reload(self) -> None:
        try:  # a failure is said in the heading, where the conversation would be
            self.detail, overlaps, balance = read(self.state, self._read, (None, [], None))
        except Exception as exc:
            self.detail = None
            self.heading.setText(f"<h2>This conversation could not be read</h2><p>{html(describe(exc))}</p>")
            return
        if self.detail is None:
            return
        d = self.detail
        self.heading.setText(
            f"<h2 style='margin:0'>{d.reference} · {html(d.title)}</h2>"
            f"<span>{html(d.locality)} · {html(d.theme)} · planning started {uk_date(d.started_on)}"
            + (f" · organised by {html(d.organiser)}" if d.organiser else "")
            + html(ended_words(d.ended_on, d.ended_reason))
            + "</span>"
        )
        self.end_button.setEnabled(d.ended_on is None)
        self.heading.setAccessibleName(f"Community conversation {d.reference}: {d.title}")
        self.overlap = overlaps[0] if overlaps else None
        self.overlap_box.setVisible(self.overlap is not None)
        if self.overlap is not None:
            more = f" ({len(overlaps) - 1} more after this one.)" if len(overlaps) > 1 else ""
            self.overlap_text.setText(f"<b>Similar work already happening:</b> {html(self.overlap.warning)}{more}")
        self._show_balance(balance)
        for part in self.parts():
            part.refresh()

    def _read(self, s: Session) -> tuple[Any, list[Any], Any]:
        from circles_desktop.services.conversations import conversation_sessions, conversations, similar_work

        return (
            conversations.get_conversation(s, self.circle_id),
            similar_work.undecided_overlaps(s, self.circle_id),
            conversation_sessions.balance(s, self.circle_id),
        )

    def _meetings(self, s: Session) -> list[tuple[int, date, str]]:
        from circles_desktop.services.conversations import conversation_sessions

        return [(r.meeting_id, r.starts_at.date(), r.venue) for r in conversation_sessions.sessions(s, self.circle_id)]

    def _show_balance(self, balance: Any) -> None:
        if balance is None:
            self.balance.clear()
            return
        if balance.warning:
            self.balance.setText(f"⚠ {balance.warning}")
            self.balance.setStyleSheet(ERROR_STYLE)
        else:
            extra = (" " + " ".join(balance.notes)) if balance.total and balance.notes else ""
            self.balance.setText(f"Balance over the series: {balance.indicator}{extra}")
            self.balance.setStyleSheet(GOOD_STYLE if balance.balanced else "")

    def forget(self) -> None:
        self.detail = self.overlap = None
        self.heading.setText("<h2>Community conversation</h2>")
        self.overlap_box.hide()
        self.balance.clear()
        for part in self.parts():
            part.forget()

    def _unlocked(self) -> None:
        self.reload()
        if not self.details.form.is_dirty:
            self.details.form.load_conversation(self.circle_id)

    def saved(self) -> None:
        self.reload()
        self.changed.emit()

    # --- the choice about another conversation -------------------------------------------------------
    def decide(self, decision: str, show: bool = True) -> Any:
        if self.overlap is None:
            return None
        dialog = dialogs.overlap_dialog(self.state, self.circle_id, self.overlap.circle_id, decision, self)
        return open_dialog(self, dialog, self.saved, show)

    # --- ending the series ---------------------------------------------------------------------------
    def end(self, show: bool = True) -> Any:
        dialog = end_dialog(self.state, self.circle_id, "End the series of conversations", self)
        return open_dialog(self, dialog, self.saved, show)

    # --- the summary ---------------------------------------------------------------------------------
    def save_summary(self, show: bool = True) -> Any:
        """The summary's save-or-print dialog."""
        from circles_desktop.ui.conversations.summary_pdf import conversation_summary
        from circles_desktop.ui.sharing.document_dialog import DocumentDialog

        self.dialog = DocumentDialog(self.state, conversation_summary(self.circle_id), self)
        if show:
            self.dialog.open()
        return self.dialog

    # --- leaving -------------------------------------------------------------------------------------
    def can_leave(self) -> bool:
        return self.details.form.confirm_leave(save=self.details.save)

    def _back(self) -> None:
        if self.can_leave():
            self.closed.emit()


class DetailsTab(QScrollArea):
    """The conversation's form, in place."""

    def __init__(self, screen: ConversationScreen) -> None:
        super().__init__()
        self.conversation = screen
        self.setObjectName("conversation.details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form = ConversationForm(screen.state, "", screen.circle_id)
        self.setWidget(self.form)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(lambda: self.form.load_conversation(screen.circle_id))

    def save(self) -> bool:
        if self.form.save(self):
            self.conversation.saved()
            return True
        return False
