"""A one-line field whose text is read as a value (a date, a time) the way a coordinator types it.

It is a plain QLineEdit, so it is one Tab stop and every key does what it does in any text box: typing
is never swallowed, Delete and Backspace clear it. The text is read when the coordinator leaves the
field (or presses Enter): a readable entry is shown again in the one format, an unreadable one stays as
typed, marked, with `problem()` saying why — a RecordForm shows that beside the field and will not save
until it is put right, so nothing typed is ever silently dropped.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

V = TypeVar("V")
MARKED = "QLineEdit {{ border: 1px solid {colour}; border-radius: 2px; padding: 1px; }}"


class TypedField(QLineEdit, Generic[V]):
    """Subclasses give `parse(text) -> value | None` (raising ValueError with a coordinator's sentence),
    `format(value) -> str`, `EMPTY_PROBLEM` (said when a field that may not be empty is left empty) and
    `SAMPLE` (the widest text it shows, for its width)."""

    changed = Signal()  # the coordinator typed or chose something (a form counts it as unsaved)
    value_changed = Signal(object)  # the value read changed (typed and left, chosen, or set)
    problem_changed = Signal(str)  # why the text cannot be read; "" once it can

    EMPTY_PROBLEM = "This cannot be left empty."
    SAMPLE = "00/00/0000"

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self._value: V | None = None
        self._problem = ""
        self._help: str | None = None
        # As wide as its longest entry, not stretched across the form.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self.commit)

    # --- what a subclass says ----------------------------------------------------------------------
    def parse(self, text: str) -> V | None:
        raise NotImplementedError

    def format(self, value: V) -> str:
        raise NotImplementedError

    def sizeHint(self):  # noqa: ANN201, N802 (Qt's name)
        hint = super().sizeHint()
        room = self.fontMetrics().horizontalAdvance(self.SAMPLE + "  ") + 16 + self._extra_width()
        hint.setWidth(max(room, 80))
        return hint

    def minimumSizeHint(self):  # noqa: ANN201, N802 (Qt's name)
        return self.sizeHint()

    def _extra_width(self) -> int:
        return 0

    # --- the value ---------------------------------------------------------------------------------
    def value(self) -> V | None:
        """The value the text means; None when it is empty or cannot be read (see `problem()`)."""
        try:
            return self.parse(self.text())
        except ValueError:
            return None

    def set_value(self, value: V | None) -> None:
        self.setText("" if value is None else self.format(value))
        self._set_problem("")
        self._take(value)

    def problem(self) -> str:
        """Why what is typed cannot be used ("" when it can): unreadable, or empty where a value is needed."""
        text = self.text()
        if not text.strip():
            return "" if self.optional else self.EMPTY_PROBLEM
        try:
            self.parse(text)
        except ValueError as exc:
            return str(exc)
        return ""

    def commit(self) -> None:
        """Read what is typed (on leaving the field or Enter): show it in the one format, or say why not."""
        problem = self.problem()
        self._set_problem(problem)
        if problem:
            return
        value = self.value()
        if value is not None and self.text() != self.format(value):
            self.setText(self.format(value))
        self._take(value)

    # --- inside ------------------------------------------------------------------------------------
    def _edited(self, _text: str) -> None:
        if self._problem:  # once a problem is said, it follows the typing: gone as soon as put right
            self._set_problem(self.problem())
        self.changed.emit()

    def _take(self, value: V | None) -> None:
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        from circles_desktop.ui.common.widgets import tone

        if problem and self._help is None:
            self._help = self.toolTip()  # the field's own help comes back once it is put right
        self.setStyleSheet(MARKED.format(colour=tone("error")) if problem else "")
        self.setToolTip(problem or self._help or "")
        if not problem:
            self._help = None
        self.problem_changed.emit(problem)
