"""The learning circle screen: what is left at the top, then the three stages as a guided checklist,
the details form, the people (with attendance on the day), learning points, actions and themes; and
completing the circle, and its record PDF.

Every part reads in its own short session on reload() and each write reloads the screen, so the
checklist's blockers and "what is left" follow at once. On lock every part forgets what it read;
typed text stays.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.problems_first import ProblemsFirstDialog
from circles_desktop.ui.common.widgets import ON_LIGHT, FieldMessage
from circles_desktop.ui.learning.learning_checklist import ChecklistView, NotApplicableDialog, StepDoneDialog, undo_step
from circles_desktop.ui.learning.learning_fields import STAGE_LABEL_WORDS, STAGE_WORDS, html, stage_badge_style
from circles_desktop.ui.learning.learning_form import LearningDetailsForm
from circles_desktop.ui.learning.learning_tabs import ActionsTab, PeopleTab, PointsTab, ThemesTab

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.services.learning.learning_circles import LearningCircleDetail
from circles_desktop.services.learning.learning_checklist import Checklist
from circles_desktop.ui.common.dialogs import open_dialog

# Light boxes with their own dark text, so they read on a dark palette too.
LEFT_STYLE = (
    "QFrame#learning\\.left_box { background: #fff8e1; border: 1px solid #e0b050; border-radius: 4px; }"
    f"QFrame#learning\\.left_box QLabel {{ color: {ON_LIGHT}; }}"
)
READY_STYLE = (
    "QFrame#learning\\.left_box { background: #e8f5e9; border: 1px solid #81c784; border-radius: 4px; }"
    f"QFrame#learning\\.left_box QLabel {{ color: {ON_LIGHT}; }}"
)


class LearningCircleScreen(QWidget):
    changed = Signal()  # something was saved (the list refreshes)
    closed = Signal()  # back to the list

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.detail: LearningCircleDetail | None = None  # while unlocked
        self.checklist: Checklist | None = None
        self.dialog: Any = None
        self.setObjectName("learning.screen")
        self.setAccessibleName("Learning circle")
        self.error = FieldMessage("Learning circle error")
        self.error.setObjectName("learning.error")
        top = self._build_heading()
        buttons = self._build_buttons()
        self.left_box = self._build_left_box()
        self.tabs = self._build_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.left_box)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self._connect()
        if not state.is_locked:
            self.reload()
            self.details.load()

    def _build_heading(self) -> QHBoxLayout:
        self.back = button(
            "← All learning circles", "learning.back", tooltip="Back to the list of learning circles (Alt+Left)"
        )
        self.heading = QLabel()
        self.heading.setObjectName("learning.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("learning.stage")
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _build_buttons(self) -> QHBoxLayout:
        from circles_desktop.ui.learning.learning_record_pdf import can_print

        self.child_button = button(
            "C&hild's record…", "learning.child_record", tooltip="The child's summary and chronology of key events"
        )
        self.complete_button = button("Com&plete…", "learning.complete", "Complete the learning circle")
        self.reopen_button = button("Re&open…", "learning.reopen")
        self.pdf_button = button("Save record P&DF…", "learning.record_pdf", "Save the learning circle record as a PDF")
        self.print_button = button("P&rint…", "learning.print", "Print the learning circle record")
        self.print_button.setVisible(can_print())
        buttons = QHBoxLayout()
        buttons.addWidget(self.child_button)
        buttons.addStretch(1)
        for b in (self.complete_button, self.reopen_button, self.pdf_button, self.print_button):
            buttons.addWidget(b)
        return buttons

    def _build_left_box(self) -> QFrame:
        """What is left to do, above the tabs."""
        left_box = QFrame()
        left_box.setObjectName("learning.left_box")
        self.left_title = QLabel()
        self.left_title.setObjectName("learning.left_title")
        self.left = QLabel()
        self.left.setObjectName("learning.left")
        self.left.setAccessibleName("What is left")
        self.left.setWordWrap(True)
        self.left.setTextFormat(Qt.TextFormat.RichText)
        lbox = QVBoxLayout(left_box)
        lbox.setContentsMargins(8, 4, 8, 4)
        lbox.setSpacing(2)
        lbox.addWidget(self.left_title)
        lbox.addWidget(self.left)
        return left_box

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setObjectName("learning.tabs")
        self.checklist_view = ChecklistView()
        self.details = DetailsTab(self)
        self.people = PeopleTab(self)
        self.points = PointsTab(self)
        self.actions_tab = ActionsTab(self)
        self.themes = ThemesTab(self)
        titled: tuple[tuple[QWidget, str], ...] = (
            (self.checklist_view, "Chec&klist"),
            (self.details, "D&etails"),
            (self.people, "Peop&le"),
            (self.points, "Learning poi&nts"),
            (self.actions_tab, "Ac&tions"),
            (self.themes, "The&mes"),
        )
        for tab, title in titled:
            tabs.addTab(tab, title)
        return tabs

    def _connect(self) -> None:
        self.back.clicked.connect(self._back)
        QShortcut(
            QKeySequence("Alt+Left"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self._back)
        self.checklist_view.done_requested.connect(lambda code: self.step_done(code))
        self.checklist_view.not_applicable_requested.connect(lambda code: self.step_not_applicable(code))
        self.checklist_view.undo_requested.connect(self.step_undo)
        self.child_button.clicked.connect(lambda: self.open_child_record())
        self.complete_button.clicked.connect(lambda: self.complete())
        self.reopen_button.clicked.connect(self.reopen)
        self.pdf_button.clicked.connect(lambda: self.save_record_pdf())
        self.print_button.clicked.connect(self.print_record)
        self.state.locked.connect(self.forget)
        self.state.unlocked.connect(self._unlocked)

    # --- loading ---------------------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.detail is not None and self.detail.completed_on is None

    def parts(self) -> list[PeopleTab | PointsTab | ActionsTab | ThemesTab]:
        return [self.people, self.points, self.actions_tab, self.themes]

    def reload(self) -> None:

        try:  # a read whose failure is said in the heading, where the learning circle would be
            nothing: tuple[LearningCircleDetail | None, Checklist | None] = (None, None)
            self.detail, self.checklist = read(self.state, self._read, nothing)
        except Exception as exc:  # deleted meanwhile, or unreadable
            self.detail = self.checklist = None
            self.heading.setText(f"<h2>This learning circle could not be read</h2><p>{html(describe(exc))}</p>")
            return
        if self.detail is None or self.checklist is None:
            return
        d = self.detail
        when = f"{uk_date(d.held_on)} at {d.meets_at:%H:%M}" if d.meets_at else "date not set yet"
        place = (f"virtual: {d.venue}" if d.virtual else d.venue) if d.venue else "no room or platform yet"
        self.heading.setText(
            f"<h2 style='margin:0'>{d.reference} · {html(d.child_name)}</h2>"
            f"<span>{html(d.locality)} · case record {html(d.case_reference)} · "
            f"proposed {uk_date(d.proposed_on)} · {when} · {html(place)}</span>"
        )
        self.heading.setAccessibleName(f"Learning circle {d.reference} about {d.child_name}")
        self.badge.setText(STAGE_WORDS.get(d.stage, d.stage))
        self.badge.setStyleSheet(stage_badge_style(d.stage))
        self.badge.setAccessibleName(f"Stage: {STAGE_LABEL_WORDS.get(d.stage, d.stage)}")
        self._show_left()
        self.checklist_view.show_checklist(self.checklist, self.writable)
        self.complete_button.setVisible(d.completed_on is None)
        self.reopen_button.setVisible(d.completed_on is not None)
        self.child_button.setEnabled(True)
        for part in self.parts():
            part.reload()
        self.details.set_writable(self.writable)

    def _read(self, s: Session) -> tuple[LearningCircleDetail | None, Checklist | None]:
        from circles_desktop.services.learning import learning_checklist
        from circles_desktop.services.learning import learning_circles as lcs

        return lcs.get_learning_circle(s, self.circle_id), learning_checklist.checklist(s, self.circle_id)

    def _show_left(self) -> None:
        c, d = self.checklist, self.detail
        assert c is not None and d is not None  # shown only after a read
        left = c.left
        total = sum(len(st.steps) for st in c.stages)
        if d.completed_on is not None:
            self.left_title.setText(f"<b>Complete</b> on {uk_date(d.completed_on)}.")
            self.left.setText("Reopen it to make changes.")
            self.left_box.setStyleSheet(READY_STYLE)
        elif not left:
            self.left_title.setText(f"<b>Nothing is left:</b> all {total} steps are done or not applicable.")
            self.left.setText("The learning circle can be completed (Complete…).")
            self.left_box.setStyleSheet(READY_STYLE)
        else:
            self.left_title.setText(f"<b>What is left: {plural(len(left), 'step')} of {total}</b>")
            lines = [
                f"<b>{html(stage.label)}:</b> " + "; ".join(html(s.label) for s in stage.left)
                for stage in c.stages
                if stage.left
            ]
            self.left.setText("<br>".join(lines))
            self.left.setAccessibleDescription(c.left_message)
            self.left_box.setStyleSheet(LEFT_STYLE)

    def _unlocked(self, _db: object) -> None:
        self.reload()
        if not self.details.form.is_dirty:
            self.details.load()

    def forget(self) -> None:
        self.detail = self.checklist = None
        self.heading.setText("<h2>Learning circle</h2>")
        self.badge.clear()
        self.left_title.clear()
        self.left.clear()
        self.checklist_view.show_checklist(None, False)
        for part in self.parts():
            part.forget()

    def saved(self) -> None:
        """After any write: read everything again and tell the list."""
        self.reload()
        self.changed.emit()

    # --- the checklist ---------------------------------------------------------------------------
    def _step(self, code: str) -> Any:
        if self.checklist is None:
            return None
        return next((s for st in self.checklist.stages for s in st.steps if s.code == code), None)

    def step_done(self, code: str, show: bool = True) -> StepDoneDialog | None:
        st = self._step(code)
        if st is None or self.detail is None:
            return None
        dialog = StepDoneDialog(self.state, self.circle_id, st, self.detail.held_on, self)
        return self._show(dialog, show)

    def step_not_applicable(self, code: str, show: bool = True) -> NotApplicableDialog | None:
        st = self._step(code)
        if st is None:
            return None
        return self._show(NotApplicableDialog(self.state, self.circle_id, st, self), show)

    def step_undo(self, code: str) -> bool:
        st = self._step(code)
        if st is None or not undo_step(self.state, self, self.circle_id, st):
            return False
        self.saved()
        return True

    def _show(self, dialog: Any, show: bool) -> Any:
        return open_dialog(self, dialog, self.saved, show)

    # --- the child, completing, the record -------------------------------------------------------
    def open_child_record(self, show: bool = True) -> Any:
        from circles_desktop.ui.learning.child_record import ChildRecordDialog

        if self.detail is None:
            return None
        dialog = ChildRecordDialog(self.state, self.detail.child_id, self)
        dialog.finished.connect(lambda _r: self.saved())
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def complete(self, show: bool = True) -> CompleteDialog | None:
        if self.detail is None:
            return None
        return self._show(CompleteDialog(self), show)

    def reopen(self) -> bool:
        from circles_desktop.services.learning import learning_checklist
        from circles_desktop.ui.common.dialogs import confirm

        if not confirm(self, "Reopen the learning circle", "Reopen this learning circle to make changes?"):
            return False
        ok, _ = write(
            self.state, lambda s: learning_checklist.reopen_circle(s, self.circle_id), parent=self, title="Not changed"
        )
        if ok:
            self.saved()
        return ok

    def save_record_pdf(self, show: bool = True) -> Any:
        from circles_desktop.ui.learning.learning_record_pdf import RecordPdfDialog

        dialog = RecordPdfDialog(self.state, self.circle_id, self)
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def print_record(self) -> bool:
        from circles_desktop.ui.learning.learning_record_pdf import print_record

        try:
            return print_record(self.state, self, self.circle_id)
        except Exception as exc:
            self.error.show_message(f"The record was not printed: {describe(exc)}")
            return False

    # --- leaving ---------------------------------------------------------------------------------
    def can_leave(self) -> bool:
        return self.details.can_leave() and self.people.can_leave() and self.points.can_leave()

    def _back(self) -> None:
        if self.can_leave():
            self.closed.emit()


class DetailsTab(QScrollArea):
    """The learning circle form, in place: Save writes it, and the checklist follows."""

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.setObjectName("learning.details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form = LearningDetailsForm(circle_screen.state, "", circle_screen.circle_id)
        self.setWidget(self.form)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.load)

    def load(self) -> None:
        self.form.load_circle(self.circle_screen.circle_id)

    def save(self) -> bool:
        if self.form.save(self):
            self.circle_screen.saved()
            return True
        return False

    def set_writable(self, on: bool) -> None:
        self.form.setEnabled(on)

    def can_leave(self) -> bool:
        return self.form.confirm_leave(save=self.save)


class CompleteDialog(ProblemsFirstDialog):
    """Complete the learning circle: what stops it is shown before trying (steps left, dates)."""

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__(
            circle_screen.state,
            circle_screen,
            title="Complete the learning circle",
            prefix="complete",
            note=(
                "A learning circle is complete when every step is done, or marked not applicable with the reason. "
                "Once complete it is part of the record; reopen it to change anything."
            ),
            date_label="Completed on:",
            ok_text="Complete",
            ready_text="Every step is done or not applicable: the learning circle can be completed.",
        )
        self.circle_id = circle_screen.circle_id
        self.setObjectName("complete_dialog")
        self.setMinimumWidth(560)
        self.check()

    def problems_on(self, s: Session, on: date) -> dict[str, str]:
        from circles_desktop.services.learning import learning_checklist

        return learning_checklist.completion_problems(s, self.circle_id, on)

    def do_it(self) -> bool:
        from circles_desktop.services.learning import learning_checklist

        on = self.on_date.value()
        ok, _ = write(
            self.state,
            lambda s: learning_checklist.complete_circle(s, self.circle_id, on),
            parent=self,
            title="Not completed",
        )
        if ok:
            self.accept()
        else:
            self.check()
        return ok
