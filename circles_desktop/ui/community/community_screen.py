"""The Community Circle screen: the person and their purpose at the top with where the circle is and
what comes next; then the person and purpose, their circle, the facilitator, the meetings (the first
three supported by the connector) and the 12-month review, each a tab; and the circle plan and the
facilitator's match summary, saved or printed.

Every tab reads in its own short session on reload() and each write reloads the screen. On lock every
tab forgets what it read; typed text stays.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from circles_desktop.models.kinds.community import PurposeKind, ReviewOutcome
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.community import community_circles as cc
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.messages import Locked
from circles_desktop.ui.common.operations import load
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import FieldMessage

if TYPE_CHECKING:
    from circles_desktop.services.community.community_circles import CommunityDetail

BADGE = {
    cc.FINDING: "#8a5a00",
    cc.FIRST_MEETINGS: "#1b4f8a",
    cc.MEETING: "#1b5e20",
    cc.REVIEW_DUE: "#b00020",
    cc.ENDED: "#555555",
}
NEXT_STYLE = "QFrame#community\\.next { background: #eef4fb; border: 1px solid #9cb9d9; border-radius: 4px; }"


class CommunityTab(QWidget):
    """What every tab of the screen shares: the screen, and the dialog it has open (tests drive it)."""

    def __init__(self, circle_screen: CommunityCircleScreen, name: str) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.dialog: Any = None
        self.setObjectName(name)

    @property
    def circle_id(self) -> int:
        return self.circle_screen.circle_id

    @property
    def detail(self) -> CommunityDetail | None:
        return self.circle_screen.detail

    def open_dialog(self, dialog: QDialog, show: bool = True) -> Any:
        """Open `dialog` window-modal; once accepted, the whole screen reads again."""
        return open_dialog(self, dialog, self.circle_screen.saved, show)

    def reload(self) -> None:
        raise NotImplementedError

    def forget(self) -> None:
        raise NotImplementedError

    def can_leave(self) -> bool:
        return True


class CommunityCircleScreen(QWidget):
    changed = Signal()  # something was saved (the list refreshes)
    closed = Signal()  # back to the list
    open_meeting_requested = Signal(int)

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.detail: CommunityDetail | None = None  # while unlocked
        self.dialog: Any = None
        self.setObjectName("community.screen")
        self.setAccessibleName("Community Circle")
        self.error = FieldMessage("Community Circle error")
        self.error.setObjectName("community.error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._build_heading())
        layout.addWidget(self._build_next())
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.error)
        layout.addWidget(self._build_tabs(), 1)
        self._connect()
        if not state.is_locked:
            self.reload()

    def _build_heading(self) -> QHBoxLayout:
        self.back = button("← All Community Circles", "community.back", tooltip="Back to the list (Alt+Left)")
        self.heading = QLabel()
        self.heading.setObjectName("community.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("community.stage")
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _build_next(self) -> QFrame:
        box = QFrame()
        box.setObjectName("community.next")
        box.setStyleSheet(NEXT_STYLE)
        self.next = QLabel()
        self.next.setObjectName("community.next_text")
        self.next.setAccessibleName("What comes next")
        self.next.setWordWrap(True)
        self.next.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout(box)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.next)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        self.plan_button = button(
            "Circle &plan PDF…", "community.plan_pdf", tooltip="The one-page plan the person in focus keeps"
        )
        self.print_plan_button = button("Print circle pla&n…", "community.plan_print", "Print the circle plan")
        self.summary_button = button(
            "&Match summary PDF…", "community.summary_pdf", tooltip="The facilitator's summary of their match"
        )
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.plan_button, self.print_plan_button, self.summary_button):
            row.addWidget(b)
        return row

    def _build_tabs(self) -> QTabWidget:
        from circles_desktop.ui.community.facilitator_tab import FacilitatorTab
        from circles_desktop.ui.community.meetings_tab import MeetingsTab
        from circles_desktop.ui.community.purpose_tab import PurposeTab
        from circles_desktop.ui.community.review_tab import ReviewTab
        from circles_desktop.ui.community.their_circle_tab import TheirCircleTab

        self.tabs = QTabWidget()
        self.tabs.setObjectName("community.tabs")
        self.purpose_tab = PurposeTab(self)
        self.circle_tab = TheirCircleTab(self)
        self.facilitator_tab = FacilitatorTab(self)
        self.meetings_tab = MeetingsTab(self)
        self.review_tab = ReviewTab(self)
        for tab, title in (
            (self.purpose_tab, "Person and p&urpose"),
            (self.circle_tab, "Their &circle"),
            (self.facilitator_tab, "&Facilitator"),
            (self.meetings_tab, "M&eetings"),
            (self.review_tab, "&Review and ending"),
        ):
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        return self.tabs

    def _connect(self) -> None:
        self.back.clicked.connect(self._back)
        QShortcut(
            QKeySequence("Alt+Left"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self._back)
        self.plan_button.clicked.connect(lambda: self.save_document("plan"))
        self.summary_button.clicked.connect(lambda: self.save_document("summary"))
        self.print_plan_button.clicked.connect(self.print_plan)
        self.state.locked.connect(self.forget)
        self.state.unlocked.connect(lambda _db: self.reload())

    # --- loading ---------------------------------------------------------------------------------
    def tab_widgets(self) -> list[CommunityTab]:
        return [self.purpose_tab, self.circle_tab, self.facilitator_tab, self.meetings_tab, self.review_tab]

    def reload(self) -> None:
        outcome = load(
            self.state,
            lambda s: cc.community_detail(s, self.circle_id),
            show=SaidThrough(self._unreadable),  # deleted meanwhile, or unreadable
            handlers={Locked: lambda _exc: None},
        )
        self.detail = outcome.value if outcome.ok else None
        if self.detail is None:
            return
        d = self.detail
        kind = PurposeKind(d.form.purpose_kind).label
        where = " · ".join(p for p in (d.form.postcode_district, d.form.area) if p)
        self.heading.setText(
            f"<h2 style='margin:0'>{d.reference} · {escape(d.person_name)}</h2>"
            f"<span>{escape(kind)}{' · ' + escape(where) if where else ''} · connector {escape(d.connector_name)}"
            f" ({escape(d.host_organisation)}) · self-referral {uk_date(d.started_on)}</span>"
        )
        self.heading.setAccessibleName(f"Community Circle {d.reference}, {d.person_name}")
        colour = BADGE.get(d.stage, "#555555")
        self.badge.setText(f"  {d.stage_words}  ")
        self.badge.setStyleSheet(
            f"border: 2px solid {colour}; color: {colour}; border-radius: 4px; font-weight: bold; padding: 2px;"
        )
        self.badge.setAccessibleName(f"Stage: {d.stage_words}")
        self.next.setText(self._next_words(d))
        self.summary_button.setEnabled(d.commitment is not None)
        for tab in self.tab_widgets():
            tab.reload()

    def _next_words(self, d: CommunityDetail) -> str:
        from circles_desktop.services.community import first_meetings

        if d.stage == cc.ENDED:
            how = ReviewOutcome(d.ended_how).label if d.ended_how else "Ended"
            return f"<b>{escape(how)}</b> on {uk_date(d.ended_on)}." + (
                f" {escape(d.ended_reason)}" if d.ended_reason else ""
            )
        if d.commitment is None:
            return "<b>Next:</b> match a facilitator on location, availability and shared interests (Facilitator tab)."
        c = d.commitment
        review = f"12-month review falls due on <b>{uk_date(c.until_on)}</b>"
        if d.stage == cc.REVIEW_DUE:
            return (
                f"<b>Next:</b> the {review}: the connector goes back into the circle to see whether everyone "
                "wants to carry on (Review and ending tab)."
            )
        due = self._supported_due()
        if due is not None:
            number, on, planned = due
            focus = first_meetings.FOCUS[number].title.lower()
            when = "is planned for" if planned else "falls due by"
            return f"<b>Next:</b> supported meeting {number} of 3 {when} {uk_date(on)}: {escape(focus)}. {review}."
        return f"<b>Facilitator:</b> {escape(c.facilitator)}, committed from {uk_date(c.committed_on)}. {review}."

    def _supported_due(self) -> tuple[int, date, bool] | None:
        from circles_desktop.services.community import first_meetings
        from circles_desktop.ui.common.operations import read

        return read(self.state, lambda s: first_meetings.next_due(s, self.circle_id), None)

    def _tab_shown(self) -> None:
        tab = self.tabs.currentWidget()
        shown = getattr(tab, "shown", None)
        if callable(shown):
            shown()

    def _unreadable(self, text: str) -> None:
        self.heading.setText(f"<h2>This Community Circle could not be read</h2><p>{escape(text)}</p>")

    def forget(self) -> None:
        self.detail = None
        self.heading.setText("<h2>Community Circle</h2>")
        self.badge.clear()
        self.next.clear()
        for tab in self.tab_widgets():
            tab.forget()

    def saved(self) -> None:
        """After any write: read everything again and tell the list."""
        self.reload()
        self.changed.emit()

    # --- documents -------------------------------------------------------------------------------
    def save_document(self, which: str, show: bool = True) -> Any:
        from circles_desktop.ui.community.community_pdf import SaveDocumentDialog

        dialog = SaveDocumentDialog(self.state, self.circle_id, which, self)
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def print_plan(self) -> bool:
        from circles_desktop.ui.community.community_pdf import print_circle_document

        return print_circle_document(self.state, self, self.circle_id)

    # --- leaving ---------------------------------------------------------------------------------
    def can_leave(self) -> bool:
        return all(tab.can_leave() for tab in self.tab_widgets())

    def _back(self) -> None:
        if self.can_leave():
            self.closed.emit()
