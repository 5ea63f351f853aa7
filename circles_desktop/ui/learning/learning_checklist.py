"""The three stages of a learning circle as a guided checklist: each step done (by whom, when), not
applicable (and why) or still to do, with what must happen first shown beside it.

The rules (blockers, dates, who) are the services'; the checklist shows their words and asks them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_steps import BY_CODE, CASE_NOTE
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import FormDialog, confirm
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import tone_style
from circles_desktop.ui.learning.learning_fields import html, text_box

if TYPE_CHECKING:
    from circles_desktop.services.circles.members import MemberRow

STATE_WORDS = {"done": "✓ Done", "not_applicable": "– Not applicable", "left": "○ To do"}
STATE_TONES = {"done": "good", "not_applicable": "note", "left": "amber"}  # widgets.TONES, bold


def step_detail(st: Any) -> str:
    """What is recorded against a step, in words."""
    if st.state == "done":
        when = "Case note dated" if st.code == CASE_NOTE else "on"
        who = f"{st.who_label} {st.by_name}" if st.by_name else "Done"
        return f"{who} {when} {uk_date(st.on)}" if st.on else who
    if st.state == "not_applicable":
        return f"Not applicable: {st.reason}"
    return st.hint


class StepRow(QFrame):
    """One step: its state, what it is, what is recorded or what must happen first, and its buttons."""

    done_requested = Signal(str)
    not_applicable_requested = Signal(str)
    undo_requested = Signal(str)

    def __init__(self, st: Any, writable: bool) -> None:
        super().__init__()
        self.code = st.code
        self.setObjectName(f"step.{st.code}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.mark = QLabel(STATE_WORDS.get(st.state, st.state))
        self.mark.setObjectName(f"step.{st.code}.state")
        self.mark.setStyleSheet(tone_style(STATE_TONES.get(st.state, "note")) + " font-weight: bold;")
        self.mark.setFixedWidth(118)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        text = self._build_text(st)
        buttons = self._build_buttons(st, writable)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 3, 4, 3)
        row.addWidget(self.mark)
        row.addLayout(text, 1)
        row.addLayout(buttons)
        row.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        self.done.clicked.connect(lambda: self.done_requested.emit(self.code))
        self.na.clicked.connect(lambda: self.not_applicable_requested.emit(self.code))
        self.undo.clicked.connect(lambda: self.undo_requested.emit(self.code))

    def _build_text(self, st: Any) -> QVBoxLayout:
        self.title = QLabel(html(st.label))
        self.title.setWordWrap(True)
        if st.state == "left":
            self.title.setStyleSheet("font-weight: bold;")
        self.detail = QLabel(html(step_detail(st)))
        self.detail.setObjectName(f"step.{st.code}.detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(tone_style("note"))
        self.detail.setVisible(bool(self.detail.text()))
        blockers = " ".join(st.blockers)
        self.blockers = QLabel(f"Before this can be marked done: {html(blockers)}" if blockers else "")
        self.blockers.setObjectName(f"step.{st.code}.blockers")
        self.blockers.setWordWrap(True)
        self.blockers.setStyleSheet(tone_style("error"))
        self.blockers.setVisible(bool(blockers))
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        text.addWidget(self.blockers)
        return text

    def _build_buttons(self, st: Any, writable: bool) -> QHBoxLayout:
        """Done… and Not applicable… while the step is left to do, Undo once it is not."""
        self.done = button("Done…", f"step.{st.code}.done", f"Mark done: {st.label}")
        self.na = button("Not applicable…", f"step.{st.code}.na", f"Mark not applicable: {st.label}")
        self.undo = button("Undo", f"step.{st.code}.undo", f"Put back to do: {st.label}")
        left = st.state == "left"
        self.done.setVisible(left)
        self.na.setVisible(left)
        self.undo.setVisible(not left)
        self.done.setEnabled(writable and not st.blockers)
        if st.blockers:
            self.done.setToolTip("Before this can be marked done: " + " ".join(st.blockers))
            self.done.setAccessibleDescription(self.done.toolTip())
        self.na.setEnabled(writable)
        self.undo.setEnabled(writable)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for b in (self.done, self.na, self.undo):
            buttons.addWidget(b)
        return buttons


class ChecklistView(QScrollArea):
    """The stages, each a group with its steps."""

    done_requested = Signal(str)
    not_applicable_requested = Signal(str)
    undo_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("learning.checklist")
        self.setAccessibleName("Checklist")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.rows: dict[str, StepRow] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._host: QWidget | None = None
        self.show_checklist(None, False)

    def show_checklist(self, checklist: Any, writable: bool) -> None:
        host = QWidget()
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 8, 0)
        self.rows.clear()
        self.groups.clear()
        if checklist is not None:
            for stage in checklist.stages:
                done = sum(1 for s in stage.steps if not s.is_left)
                group = QGroupBox(f"{stage.label} — {done} of {len(stage.steps)} done")
                group.setObjectName(f"stage.{stage.stage}")
                grid = QGridLayout(group)
                grid.setVerticalSpacing(0)
                grid.setContentsMargins(6, 4, 6, 4)
                for n, st in enumerate(stage.steps):
                    row = StepRow(st, writable)
                    if n % 2:
                        row.setStyleSheet(f"QFrame#step\\.{st.code} {{ background: palette(alternate-base); }}")
                    row.done_requested.connect(self.done_requested.emit)
                    row.not_applicable_requested.connect(self.not_applicable_requested.emit)
                    row.undo_requested.connect(self.undo_requested.emit)
                    grid.addWidget(row, n, 0)
                    self.rows[st.code] = row
                box.addWidget(group)
                self.groups[stage.stage] = group
        box.addStretch(1)
        self._host = host
        self.setWidget(host)  # the scroll area deletes the previous one


def _member_choices(state: AppState, circle_id: int) -> dict[int, str]:
    from circles_desktop.services.learning import learning_circles as lcs

    choices: dict[int, str] = {}
    rows: list[MemberRow] = read(state, lambda s: lcs.learning_members(s, circle_id), [])
    for m in rows:
        if m.left_on is None and m.person_id not in choices:
            choices[m.person_id] = f"{m.name} ({m.role_label})"
    return choices


class StepDoneDialog(FormDialog):
    """Mark a step done: the date (the case note's date for "case note recorded") and who."""

    def __init__(self, state: AppState, circle_id: int, st: Any, held_on: date | None, parent: QWidget | None = None):
        step = BY_CODE[st.code]
        form = RecordForm(st.label)
        when_label = "Date of the &case note" if st.code == CASE_NOTE else "&Date"
        on_date = form.add_field("on_date", when_label, DateField(optional=True), required=True)
        on_date.setObjectName("step_dialog.date")
        blank = "— choose —" if step.who_required else "— the learners together —"
        who = form.add_field(
            "done_by_id",
            f"&{st.who_label}",
            combo(_member_choices(state, circle_id), include_blank=blank),
            required=step.who_required,
        )
        who.setObjectName("step_dialog.who")
        form.save_button.setText("Mark &done")
        form.save_button.setObjectName("step_dialog.save")
        super().__init__("Mark a step done", form, self._save, parent, "step_dialog")
        self.state, self.circle_id, self.code = state, circle_id, st.code
        self.on_date, self.who = on_date, who
        today = date.today()
        if step.stage == "during" and held_on is not None:
            default = held_on
        elif step.stage == "before" and held_on is not None:
            default = min(today, held_on)
        else:
            default = today
        form.load({"on_date": default, "done_by_id": st.suggested_by_id})
        if st.hint:
            form.form_layout.insertRow(0, QLabel(f"<i>{html(st.hint)}</i>"))
        on_date.setFocus()

    def _save(self, v: dict[str, Any]) -> bool:
        from circles_desktop.services.learning import learning_checklist

        ok, _ = write(
            self.state,
            lambda s: learning_checklist.mark_step(s, self.circle_id, self.code, v["on_date"], v["done_by_id"]),
            show=self.form,
            parent=self,
        )
        return ok


class NotApplicableDialog(FormDialog):
    """Mark a step not applicable: the reason is required."""

    def __init__(self, state: AppState, circle_id: int, st: Any, parent: QWidget | None = None):
        form = RecordForm(st.label)
        reason = text_box("na_dialog.reason", 80)
        form.add_field("reason", "&Why it does not apply", reason, required=True)
        form.save_button.setText("Mark &not applicable")
        form.save_button.setObjectName("na_dialog.save")
        super().__init__("Mark a step not applicable", form, self._save, parent, "na_dialog")
        self.state, self.circle_id, self.code = state, circle_id, st.code
        self.reason = reason
        reason.setFocus()

    def _save(self, v: dict[str, Any]) -> bool:
        from circles_desktop.services.learning import learning_checklist

        ok, _ = write(
            self.state,
            lambda s: learning_checklist.mark_not_applicable(
                s, self.circle_id, self.code, v["reason"] or "", on_date=date.today()
            ),
            show=self.form,
            parent=self,
        )
        return ok


def undo_step(state: AppState, parent: QWidget, circle_id: int, st: Any) -> bool:
    from circles_desktop.services.learning import learning_checklist

    if not confirm(parent, "Put the step back", f"Put “{st.label}” back to still to do?"):
        return False
    ok, _ = write(
        state, lambda s: learning_checklist.undo_step(s, circle_id, st.code), parent=parent, title="Not changed"
    )
    return ok
