"""A step the services may refuse on a date (complete a learning circle; activate or close a circle):
every reason they give is shown before trying, and OK waits until there is none."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from circles_desktop.ui.common.forms import DateField
from circles_desktop.ui.common.messages import field_errors
from circles_desktop.ui.common.operations import in_session
from circles_desktop.ui.common.widgets import Note, tone_style

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState


class ProblemsFirstDialog(QDialog):
    """The date, what stops the step on it (read again whenever the date changes), OK and Cancel.
    A subclass gives `problems_on(session, on)` (the services' {field: message}, empty when it can be
    done) and `do_it()`. Widgets are named `<prefix>.date`, `<prefix>.problems`, `<prefix>.ok`."""

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None,
        *,
        title: str,
        prefix: str,
        note: str,
        date_label: str,
        ok_text: str,
        ready_text: str,
        problem_style: str = "error",  # the tone (widgets.TONES) the problems are said in
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.ready_text, self.problem_style = ready_text, problem_style
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.on_date = DateField()
        self.on_date.setObjectName(f"{prefix}.date")
        self.on_date.setAccessibleName(date_label.rstrip(":"))
        self.problems = QLabel()
        self.problems.setObjectName(f"{prefix}.problems")
        self.problems.setAccessibleName("What stops this")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setObjectName(f"{prefix}.ok")
        form = QFormLayout()
        form.addRow(date_label, self.on_date)
        self.body = QVBoxLayout(self)
        self.body.addWidget(Note(note))
        self.body.addLayout(form)
        self.body.addWidget(self.problems)
        self.body.addWidget(self.buttons)
        self.on_date.dateChanged.connect(lambda _d: self.check())
        self.on_date.problem_changed.connect(lambda _p: self.check())
        self.buttons.accepted.connect(self.do_it)
        self.buttons.rejected.connect(self.reject)

    def problems_on(self, s: Session, on: date) -> Mapping[str, str]:
        raise NotImplementedError

    def do_it(self) -> bool:
        raise NotImplementedError

    def check(self) -> dict[str, str]:
        unreadable = self.on_date.problem()
        if unreadable:  # a date such as 31/02 is said, never taken as today
            return self._show({"on_date": unreadable})
        on = self.on_date.value() or date.today()
        work: Callable[[Session], Mapping[str, str]] = lambda s: self.problems_on(s, on)  # noqa: E731
        try:  # why it cannot even be asked (locked, unreadable) is shown the same way
            found = dict(in_session(self.state, work))
        except Exception as exc:
            found = field_errors(exc)
        return self._show(found)

    def _show(self, found: dict[str, str]) -> dict[str, str]:
        if found:
            self.problems.setText("Not yet:\n" + "\n".join(f"• {m}" for m in found.values()))
            self.problems.setStyleSheet(tone_style(self.problem_style))
        else:
            self.problems.setText(self.ready_text)
            self.problems.setStyleSheet(tone_style("good"))
        self.ok.setEnabled(not found)
        return found
