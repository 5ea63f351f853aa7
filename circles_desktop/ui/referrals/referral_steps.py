"""The steps of a referral: a stepper showing received → initial discussion → full referral →
accepted / declined / withdrawn with the date each was reached, a button for each step the service
allows next (services.referrals.next_steps), and the small dialog each button opens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import CircleKind, ReferralStatus
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.referrals.referrals import NEEDS_REASON
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.common.widgets import readable

S = ReferralStatus
OUTCOMES = (S.ACCEPTED, S.DECLINED, S.WITHDRAWN)

# (button text, dialog title, date label) for each step a referral can move to.
STEP_WORDS: dict[str, tuple[str, str, str]] = {
    S.INITIAL_DISCUSSION: ("Initial discussion held…", "Initial discussion held", "Date of the discussion"),
    S.FULL_REFERRAL: ("Full referral received…", "Full referral received", "Date received"),
    S.ACCEPTED: ("Accept…", "Accept the referral", "Date accepted"),
    S.DECLINED: ("Decline…", "Decline the referral", "Date declined"),
    S.WITHDRAWN: ("Withdrawn…", "Referral withdrawn", "Date withdrawn"),
}

_CHIP = "QLabel {{ border: 1px solid {border}; border-radius: 6px; padding: 4px 10px; background: {bg}; color: {fg}; }}"
STYLES = {
    "done": _CHIP.format(border="#2e7d32", bg="#edf7ee", fg="#1b3d1d"),
    "current": _CHIP.format(border="#1a4f8b", bg="#1a4f8b", fg="#ffffff"),
    # Light chips with their own text colour read on any palette.
    "todo": _CHIP.format(border="#b0b0b0", bg="#f5f5f5", fg="#555555"),
    "skipped": _CHIP.format(border="#cfcfcf", bg="#f5f5f5", fg="#6b6b6b"),
    S.ACCEPTED: _CHIP.format(border="#2e7d32", bg="#2e7d32", fg="#ffffff"),
    S.DECLINED: _CHIP.format(border="#b00020", bg="#b00020", fg="#ffffff"),
    S.WITHDRAWN: _CHIP.format(border="#6d4c41", bg="#6d4c41", fg="#ffffff"),
}


class ReferralStepper(QWidget):
    """Chips for each step on the referral's path, each with the date it was reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referral.stepper")
        self.setAccessibleName("Referral steps")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.chips: dict[str, QLabel] = {}
        self.summary = ""

    def show_steps(self, circle_kind: str | None, status: str | None, steps: Sequence[Any]) -> None:
        """`steps`: objects with .status, .on_date, .reason (StepReached), oldest first."""
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.chips = {}
        reached: dict[str, Any] = {}
        for step in steps:
            reached[step.status] = step
        path: list[str] = [S.RECEIVED, S.INITIAL_DISCUSSION]
        if circle_kind != CircleKind.COMMUNITY:
            path.append(S.FULL_REFERRAL)
        outcome_steps = [st for st in steps if st.status in OUTCOMES]
        last_index = max((path.index(st.status) for st in steps if st.status in path), default=-1)
        words: list[str] = []
        for i, code in enumerate(path):
            step = reached.get(code)
            if step is not None:
                kind = "current" if status == code else "done"
                text = f"<b>{S(code).label}</b><br>{uk_date(step.on_date)}"
                words.append(f"{S(code).label} on {uk_date(step.on_date)}")
            elif i < last_index or outcome_steps:
                kind, text = (
                    "skipped",
                    f"<b>{S(code).label}</b><br>not held"
                    if code == S.INITIAL_DISCUSSION
                    else (f"<b>{S(code).label}</b><br>not reached"),
                )
            else:
                kind, text = "todo", f"<b>{S(code).label}</b><br>—"
            self._add_chip(code, text, kind, i > 0)
        if outcome_steps:
            lines = []
            for st in outcome_steps:
                line = f"<b>{S(st.status).label}</b><br>{uk_date(st.on_date)}"
                lines.append(line)
                words.append(f"{S(st.status).label} on {uk_date(st.on_date)}" + (f": {st.reason}" if st.reason else ""))
            final = outcome_steps[-1].status
            self._add_chip("outcome", "<br>".join(lines), final, True)
        else:
            self._add_chip("outcome", "<b>Accepted / Declined / Withdrawn</b><br>—", "todo", True)
        self.row.addStretch(1)
        self.summary = "; ".join(words)
        self.setAccessibleDescription(self.summary)

    def _add_chip(self, code: str, text: str, kind: str, arrow: bool) -> None:
        if arrow:
            sep = QLabel("→")
            sep.setStyleSheet(f"color: {readable('#777777')}; font-size: 14pt;")
            sep.setAccessibleName("then")
            self.row.addWidget(sep)
        chip = QLabel(text)
        chip.setTextFormat(Qt.TextFormat.RichText)
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setStyleSheet(STYLES[kind])
        chip.setObjectName(f"referral.stepper.{code}")
        chip.setProperty("step_state", kind)
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.row.addWidget(chip)
        self.chips[code] = chip

    def clear(self) -> None:
        self.show_steps(None, None, ())


class StepDialog(QDialog):
    """The date of a step and, for declined or withdrawn, the reason. The service decides; its
    message shows beside the date or reason and the dialog stays open with what was typed."""

    moved = Signal(str)  # the status reached

    def __init__(self, state: AppState, referral_id: int, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.referral_id = referral_id
        self.status = status
        _button, title, date_label = STEP_WORDS.get(status, (S(status).label, S(status).label, "Date"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = RecordForm(title)
        self.form.setObjectName("step.form")
        self.on_date = DateField()
        self.on_date.setObjectName("step.date")
        self.form.add_field("on_date", date_label, self.on_date, required=True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("step.reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        if status in NEEDS_REASON:
            self.form.add_field(
                "reason", "Reason", self.reason, required=True, help=f"Why the referral was {S(status).label.lower()}."
            )
        self.form.save_button.setText(title if status in NEEDS_REASON else "&Record step")
        self.form.save_button.setObjectName("step.save")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.resize(460, 300 if status in NEEDS_REASON else 200)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.reject)
        state.locked.connect(self.reject)  # nothing of the record stays on screen while locked

    def save(self) -> None:
        from circles_desktop.services.referrals import referrals

        referral_id, status = self.referral_id, self.status
        on_date, reason = self.on_date.value(), self.reason.toPlainText()

        def work(s: Any) -> None:
            referrals.move_referral(s, referral_id, status, on_date, reason)

        # "status" problems have no field: they show under the form.
        if write(self.state, work, show=self.form).ok:
            self.accept()
            self.moved.emit(self.status)


class StepButtons(QWidget):
    """A button for each step the referral may move to now."""

    step_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}

    def show_steps(self, allowed: Sequence[str]) -> None:
        for button in self.buttons.values():
            button.hide()
            button.deleteLater()
        self.buttons = {}
        while self.row.count():
            self.row.takeAt(0)
        for status in allowed:
            text = STEP_WORDS.get(status, (S(status).label,))[0]
            button = QPushButton(text)
            button.setObjectName(f"referral.step.{status}")
            button.setAccessibleName(f"Move the referral to {S(status).label.lower()}")
            button.clicked.connect(lambda _checked=False, st=status: self.step_clicked.emit(st))
            self.row.addWidget(button)
            self.buttons[status] = button
        self.row.addStretch(1)
