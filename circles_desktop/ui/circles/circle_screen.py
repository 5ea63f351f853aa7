"""The Circle screen: one circle in tabs (overview with the ring drawing, members, consent, goals,
meetings, developments, reviews due).

Each tab reads what it shows in its own short session when the circle is (re)loaded, and each write
reloads the screen. On lock every tab forgets what it read; text typed into a form stays.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import CircleStatus, CosaVariant, MemberRole, label
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.circles.circle_texts import release_text, review_text
from circles_desktop.ui.circles.ring_drawing import RingDrawing, RingPerson
from circles_desktop.ui.common.forms import DateField
from circles_desktop.ui.common.messages import Locked, field_errors
from circles_desktop.ui.common.operations import in_session, load, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import FieldMessage, Note, tone, tone_style
from circles_desktop.ui.sharing.shared_documents import SharedDocumentsPanel

FOCUS_ROLES = (MemberRole.CORE_MEMBER, MemberRole.FOCUS_PERSON)


class CircleScreen(QWidget):
    changed = Signal()  # something in the circle was saved (the list refreshes)
    closed = Signal()  # "back to all circles"
    open_meeting_requested = Signal(int)  # meeting id
    new_meeting_requested = Signal(int)  # circle id

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.info: Any = None  # services.overview.CircleOverview, read on each load
        self.setObjectName("circle.screen")
        self.setAccessibleName("Circle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_top())
        layout.addWidget(self._build_tabs(), 1)
        self.back.clicked.connect(self._back)
        back_key = QShortcut(QKeySequence("Alt+Left"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_key.activated.connect(self._back)
        state.locked.connect(self.clear)
        state.unlocked.connect(self._unlocked)
        if not state.is_locked:
            self.reload()

    def _build_top(self) -> QHBoxLayout:
        self.back = QPushButton("← All circles")
        self.back.setObjectName("circle.back")
        self.back.setAccessibleName("Back to all circles")
        self.back.setToolTip("Back to the list of circles (Alt+Left)")
        self.heading = QLabel()
        self.heading.setObjectName("circle.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.badge = QLabel()
        self.badge.setObjectName("circle.status")
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge)
        return top

    def _build_tabs(self) -> QTabWidget:
        from circles_desktop.ui.circles.circle_meetings import MeetingsTab, ReviewsTab
        from circles_desktop.ui.circles.circle_members import MembersTab
        from circles_desktop.ui.circles.consent_tab import ConsentTab
        from circles_desktop.ui.circles.developments_tab import DevelopmentsTab
        from circles_desktop.ui.circles.goals_tab import GoalsTab

        self.tabs = QTabWidget()
        self.tabs.setObjectName("circle.tabs")
        self.overview = OverviewTab(self)
        self.members_tab = MembersTab(self)
        self.consent_tab = ConsentTab(self)
        self.goals_tab = GoalsTab(self)
        self.meetings_tab = MeetingsTab(self)
        self.developments_tab = DevelopmentsTab(self)
        self.reviews_tab = ReviewsTab(self)
        self.shared_tab = SharedDocumentsPanel(self.state, self.circle_id)
        for tab, title in (
            (self.overview, "&Overview"),
            (self.members_tab, "&Members"),
            (self.consent_tab, "Co&nsent"),
            (self.goals_tab, "&Goals"),
            (self.meetings_tab, "M&eetings"),
            (self.developments_tab, "&Developments"),
            (self.reviews_tab, "&Reviews due"),
            (self.shared_tab, "S&hared documents"),
        ):
            self.tabs.addTab(tab, title)
        return self.tabs

    # --- loading ---------------------------------------------------------------------------------
    def tab_widgets(self) -> list[Any]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def reload(self) -> None:
        from circles_desktop.services.circles import overview

        outcome = load(
            self.state,
            lambda s: overview.circle_overview(s, self.circle_id),
            show=SaidThrough(self._unreadable),  # deleted meanwhile, or unreadable
            handlers={Locked: lambda _exc: None},  # the lock cover says it; the tabs are cleared on lock
        )
        self.info = outcome.value if outcome.ok else None
        if self.info is None:
            return
        c = self.info.circle
        who = c.focus_person.display_name if c.focus_person else (c.title or "")
        kind = label(c.cosa.variant) + " CoSA circle" if c.cosa else label(c.kind)
        self.heading.setText(f"<h2 style='margin:0'>{c.reference} · {_html(who)}</h2><span>{kind}</span>")
        self.heading.setAccessibleName(f"Circle {c.reference}, {who}, {kind}")
        self.badge.setText(f"  {label(c.status)}  ")
        tones = {CircleStatus.FORMING: "amber", CircleStatus.ACTIVE: "good", CircleStatus.CLOSED: "note"}
        colour = tone(tones.get(c.status, "note"))
        self.badge.setStyleSheet(
            f"border: 2px solid {colour}; color: {colour}; border-radius: 4px; font-weight: bold; padding: 2px;"
        )
        self.badge.setAccessibleName(f"Status: {label(c.status)}")
        for tab in self.tab_widgets():
            tab.reload()

    def _unreadable(self, text: str) -> None:
        self.heading.setText(f"<h2>This circle could not be read</h2><p>{text}</p>")

    def _unlocked(self, _db: object) -> None:
        self.reload()

    def clear(self) -> None:
        self.info = None
        for tab in self.tab_widgets():
            tab.clear()

    def saved(self) -> None:
        """After any write: read everything again and tell the list."""
        self.reload()
        self.changed.emit()

    # --- leaving ---------------------------------------------------------------------------------
    def can_leave(self) -> bool:
        return all(getattr(tab, "can_leave", lambda: True)() for tab in self.tab_widgets())

    def _back(self) -> None:
        if self.can_leave():
            self.closed.emit()

    # --- helpers for the tabs --------------------------------------------------------------------
    @property
    def is_young_person(self) -> bool:
        return bool(self.info and self.info.circle.cosa and self.info.circle.cosa.variant == CosaVariant.YOUNG_PERSON)

    @property
    def is_closed(self) -> bool:
        return bool(self.info and self.info.circle.status == CircleStatus.CLOSED)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


DETAILS = (
    ("reference", "Reference"),
    ("kind", "Kind"),
    ("variant", "Variant"),
    ("status", "Status"),
    ("started", "Started forming"),
    ("activated", "Active since"),
    ("ended", "Closed on"),
    ("release", "Expected release"),
    ("coordinator", "Coordinator"),
    ("referral", "Referral"),
)


class OverviewTab(CircleTab):
    """The circle's details, what is due now, the lifecycle buttons, and the ring drawing beside them."""

    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.overview")
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self._build_details())
        lbox.addWidget(self._build_now())
        lbox.addLayout(self._build_buttons())
        lbox.addWidget(self._build_who())
        lbox.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)
        left.setAutoFillBackground(False)
        scroll.setMinimumWidth(380)
        scroll.setMaximumWidth(430)
        self.rings = RingDrawing()
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.rings, 1)

    def _build_details(self) -> QGroupBox:
        self.details = QFormLayout()
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, text in DETAILS:
            value = QLabel()
            value.setObjectName(f"overview.{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(text)
            self.values[key] = value
            self.details.addRow(f"{text}:", value)
        box = QGroupBox("Details")
        box.setLayout(self.details)
        return box

    def _build_now(self) -> QGroupBox:
        self.countdown = QLabel()
        self.countdown.setObjectName("overview.countdown")
        self.countdown.setAccessibleName("Release countdown")
        self.countdown.setStyleSheet(f"font-size: 15pt; font-weight: bold; color: {tone('accent')};")
        self.review = QLabel()
        self.review.setObjectName("overview.review_due")
        self.review.setAccessibleName("Quarterly review due")
        self.review.setWordWrap(True)
        self.open_actions = QLabel()
        self.open_actions.setObjectName("overview.actions")
        self.open_actions.setAccessibleName("Actions")
        self.open_actions.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("overview.counts")
        self.counts.setWordWrap(True)
        box = QGroupBox("Now")
        column = QVBoxLayout(box)
        for w in (self.countdown, self.review, self.open_actions, self.counts):
            column.addWidget(w)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        self.edit_button = QPushButton("Edit &details…")
        self.edit_button.setObjectName("overview.edit")
        self.activate_button = QPushButton("&Activate…")
        self.activate_button.setObjectName("overview.activate")
        self.activate_button.setAccessibleName("Make the circle active")
        self.close_button = QPushButton("&Close circle…")
        self.close_button.setObjectName("overview.close")
        self.close_button.setAccessibleName("Close the circle")
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.activate_button, self.close_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.edit_button.clicked.connect(self.edit_details)
        self.activate_button.clicked.connect(lambda: self.change_status("activate"))
        self.close_button.clicked.connect(lambda: self.change_status("close"))
        from circles_desktop.ui.records.record_actions import add_delete_circle

        self.delete_button = add_delete_circle(self.circle_screen, buttons)
        return buttons

    def _build_who(self) -> QGroupBox:
        self.who = QLabel()
        self.who.setObjectName("overview.who")
        self.who.setAccessibleName("Who is in each ring")
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QGroupBox("Who is in each ring")
        QVBoxLayout(box).addWidget(self.who)
        return box

    def reload(self) -> None:
        info = self.circle_screen.info
        if info is None:
            self.clear()
            return
        c = info.circle
        v = self.values
        v["reference"].setText(c.reference)
        v["kind"].setText(label(c.kind))
        v["variant"].setText(label(c.cosa.variant) if c.cosa else "—")
        v["status"].setText(label(c.status))
        v["started"].setText(uk_date(c.started_on))
        v["activated"].setText(uk_date(c.activated_on) or "—")
        v["ended"].setText(uk_date(c.ended_on) or "—")
        release = c.cosa.expected_release_on if c.cosa else None
        v["release"].setText(uk_date(release) or "—")
        v["coordinator"].setText(c.coordinator.display_name if c.coordinator else "—")
        v["referral"].setText(info.referral_reference or "—")

        self.countdown.setText(release_text(info.days_until_release))
        self.countdown.setVisible(info.days_until_release is not None)
        self.review.setText(review_text(info.review_due))
        overdue = bool(info.review_due and info.review_due.overdue)
        self.review.setStyleSheet(tone_style("warning") if overdue else "")
        text = f"{plural(info.open_actions, 'open action')}"
        if info.overdue_actions:
            text += f", {info.overdue_actions} overdue"
        self.open_actions.setText(text + ".")
        self.open_actions.setStyleSheet(tone_style("warning") if info.overdue_actions else "")
        self.counts.setText(f"{plural(info.meetings, 'meeting')} · {plural(info.goals, 'goal')}")

        core = next((m for m in info.inner if m.role in FOCUS_ROLES), None)
        core_name = core.name if core else (c.focus_person.display_name if c.focus_person else None)
        core_role = label(core.role) if core else "Core member"
        inner = [RingPerson(m.name, m.role_label) for m in info.inner if m is not core]
        outer = [RingPerson(m.name, m.role_label, m.organisation) for m in info.outer]
        self.rings.set_people(core_name, inner, outer, core_role=core_role)
        self.who.setText(self.rings.text_alternative())
        self.activate_button.setEnabled(c.status == CircleStatus.FORMING)
        self.close_button.setEnabled(c.status != CircleStatus.CLOSED)

    def clear(self) -> None:
        for value in self.values.values():
            value.clear()
        for w in (self.countdown, self.review, self.open_actions, self.counts, self.who):
            w.clear()
        self.rings.clear()

    # --- actions ---------------------------------------------------------------------------------
    def edit_details(self) -> None:
        from circles_desktop.ui.circles.circle_form import CircleFormDialog

        self.open_dialog(CircleFormDialog(self.state, self, circle_id=self.circle_id))

    def change_status(self, which: str) -> LifecycleDialog:
        return self.open_dialog(LifecycleDialog(self.circle_screen, which, self))


class LifecycleDialog(QDialog):
    """Activate or close a circle: shows, before trying, every reason the services give for not yet."""

    def __init__(self, circle_screen: CircleScreen, which: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.which = which
        activate = which == "activate"
        title = "Make the circle active" if activate else "Close the circle"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName(f"lifecycle.{which}")
        self.on_date = DateField()
        self.on_date.setObjectName("lifecycle.date")
        self.on_date.setAccessibleName("Active from" if activate else "Closing date")
        self.problems = QLabel()
        self.problems.setObjectName("lifecycle.problems")
        self.problems.setAccessibleName("What stops this")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.error = FieldMessage("Not done")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Activate" if activate else "Close circle")
        self.ok.setObjectName("lifecycle.ok")
        form = QFormLayout()
        form.addRow("Active from:" if activate else "Closing date:", self.on_date)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "A circle becomes active from an accepted referral with at least one volunteer in the inner "
                "circle and, for a young person, a parent's or carer's consent."
                if activate
                else "A CoSA circle closes after its end-of-circle review has been held and recorded."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.on_date.dateChanged.connect(lambda _d: self.check())
        self.on_date.problem_changed.connect(lambda _p: self.check())
        self.buttons.accepted.connect(self.do_it)
        self.buttons.rejected.connect(self.reject)
        self.check()

    def check(self) -> dict[str, str]:
        from circles_desktop.services.circles import circles

        on = self.on_date.value() or date.today()

        def work(s: Any) -> dict[str, str]:
            unreadable = self.on_date.problem()
            if unreadable:  # a date such as 31/02 is said, never taken as today
                return {"on_date": unreadable}
            circle = circles.get_circle(s, self.circle_screen.circle_id)
            if self.which == "activate":
                return circles.activation_problems(s, circle, on)
            return circles.closing_problems(s, circle, on)

        try:
            problems = in_session(self.state, work)
        except Exception as exc:  # what stops it, in the same words as any failure (locked included)
            problems = field_errors(exc)
        if problems:
            self.problems.setText("Not yet:\n" + "\n".join(f"• {m}" for m in problems.values()))
            self.problems.setStyleSheet(tone_style("warning"))
        else:
            self.problems.setText(
                "Everything needed is in place." if self.which == "activate" else "The circle can be closed."
            )
            self.problems.setStyleSheet(tone_style("good"))
        self.ok.setEnabled(not problems)
        return problems

    def do_it(self) -> None:
        from circles_desktop.services.circles import circles

        on = self.on_date.value() or date.today()
        fn = circles.activate_circle if self.which == "activate" else circles.close_circle
        ok, _ = write(self.state, lambda s: fn(s, self.circle_screen.circle_id, on), parent=self, title="Not changed")
        if ok:
            self.accept()
        else:
            self.check()
