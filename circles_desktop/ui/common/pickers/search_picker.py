"""A search box and the matching records in a drop-down, for forms that choose one record inline.

Searching happens in SQL a page at a time (the `fetch` callable), so it stays quick however many
people there are. `value()` is the chosen record's id or None; RecordForm reads and fills it through
value() / set_value() and tracks its `changed` signal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

Choices = Sequence[tuple[Any, str]]


class SearchPicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        fetch: Callable[[str], Choices],
        placeholder: str = "Search…",
        blank: str = "— choose —",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._blank = blank
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        # Narrow enough to sit beside a list at 1366 px (the Children list kept its key columns whole
        # only once the record beside it could be this narrow); a long name shows whole in the drop-down.
        self.search.setFixedWidth(140)
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(18)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search)
        row.addWidget(self.choice, 1)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)
        self.search.setAccessibleName(f"Search for {name.lower()}")
        self.choice.setAccessibleName(name)

    def set_fetch(self, fetch: Callable[[str], Choices]) -> None:
        self._fetch = fetch
        self.refresh()

    def refresh(self) -> None:
        """Search again with the box's text; keeps the current choice when it still matches, and
        always while nothing is typed (a member's role changing the list offered does not take away
        the person already chosen)."""
        keep, keep_text = self.value(), self.choice.currentText()
        try:
            found = list(self._fetch(self.search.text().strip()))
        except Exception:  # locked or unreadable: leave the list as it was
            return
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(self._blank, None)
        for ident, text in found:
            self.choice.addItem(text, ident)
        index = self.choice.findData(keep) if keep is not None else -1
        if index < 0 and keep is not None and not self.search.text().strip():
            self.choice.addItem(keep_text, keep)
            index = self.choice.count() - 1
        if index < 0 and len(found) == 1 and self.search.text().strip():
            index = 1  # one match for what was typed: take it
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)
        if self.value() != keep:
            self.changed.emit()

    def value(self) -> Any:
        return self.choice.currentData()

    def set_value(self, ident: Any, text: str | None = None) -> None:
        if ident is None:
            self.choice.setCurrentIndex(0 if self.choice.count() else -1)
            return
        index = self.choice.findData(ident)
        if index < 0:
            self.choice.addItem(text or str(ident), ident)
            index = self.choice.count() - 1
        self.choice.setCurrentIndex(index)

    def named(self, name: str) -> SearchPicker:
        """Give the picker and its parts object names (tests and screen readers find them by these)."""
        if name:
            self.setObjectName(name)
            self.search.setObjectName(f"{name}.search")
            self.choice.setObjectName(f"{name}.choice")
        return self
