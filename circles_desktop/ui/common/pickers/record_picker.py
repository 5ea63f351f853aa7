"""Choosing one record (a person, a professional, an organisation) by searching for it in a dialog.

`RecordPicker` is a combo box that holds at most the one chosen record, so `forms.value_of`,
`forms.set_value` and RecordForm's unsaved-changes tracking treat it like any other combo. Opening it
(click, Space, F4, Alt+Down) shows a `PickerDialog`: a search box over a table that pages and filters
in SQL (PagedTableModel), so it stays quick with 100,000 people. Enter chooses the selected (or first)
row, Escape closes; Delete or Backspace on the picker clears the choice.

Any screen can reuse it: record_search.py has the sources for people, professionals and organisations
(and `person_picker(state)` and the like, ready made); any other record needs a `PickerSource` of its own.
A form choosing inline, from a short drop-down, uses search_picker.SearchPicker instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.list_parts import list_table, search_box
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage, Note

# A search result row: the record's id, the words the picker shows once chosen, then the table's columns.
PickRow = tuple[Any, ...]
ID, LABEL, FIRST_COLUMN = 0, 1, 2


@dataclass(frozen=True)
class PickerSource:
    """What to search: each callable takes an open session (opened by the picker, one per call)."""

    title: str  # "Choose the person referred"
    noun: str  # "person", for "Search for a person"
    headers: tuple[str, ...]
    fetch: Callable[[Any, str, int, int], Sequence[PickRow]]  # (session, text, offset, limit)
    count: Callable[[Any, str], int]  # (session, text)
    hint: str = ""  # what the search matches, shown under the box


class _PickModel(PagedTableModel):
    """Rows are (id, label, *columns); only the columns are shown."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: D102
        if role == _DISPLAY or role == _TOOLTIP:
            value = self.row(index.row())[FIRST_COLUMN + index.column()]
            return "" if value is None else str(value)
        return None


_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


class PickerDialog(QDialog):
    """Search and choose one record. `chosen(id, label)` is emitted on Enter, double-click or Choose."""

    chosen = Signal(object, str)

    def __init__(self, state: AppState, source: PickerSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.source = source
        self.setWindowTitle(source.title)
        self.setAccessibleName(source.title)
        self.resize(640, 440)

        self.search = search_box("picker.search", f"Search for a {source.noun}", f"Search for a {source.noun}")
        self.count = QLabel()
        self.count.setAccessibleName("Number of matches")
        self.error = FieldMessage("Search error")
        self.model = _PickModel(source.headers, self._fetch, self._count, page_size=100, parent=self)
        self.table = list_table(self.model, "picker.table", f"Matching {source.noun} records")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = self.buttons.addButton("&Choose", QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button.setObjectName("picker.choose")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if source.hint:
            layout.addWidget(Note(source.hint))
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        # Default only once the button is inside the dialog, or the dialog never learns of it.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.choose_button.setDefault(True)

        self.search.textChanged.connect(self.model.set_filter)
        self.model.total_changed.connect(self._counted)
        self.model.failed.connect(self.error.show_message)
        self.table.doubleClicked.connect(lambda _i: self.choose())
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        state.locked.connect(self._on_locked)
        self.search.installEventFilter(self)

    # --- data ------------------------------------------------------------------------------------
    def _fetch(self, text: str, offset: int, limit: int) -> Sequence[PickRow]:
        return read(self.state, lambda s: list(self.source.fetch(s, text, offset, limit)), [])

    def _count(self, text: str) -> int:
        return read(self.state, lambda s: self.source.count(s, text), 0)

    def _counted(self, total: int) -> None:
        self.count.setText(f"{total} found")
        if total:
            self.table.selectRow(0)

    def _on_locked(self) -> None:
        self.model.clear()
        if self.isVisible():
            self.reject()

    # --- use -------------------------------------------------------------------------------------
    def start(self, text: str = "") -> None:
        """Show the dialog (window-modal, not blocking) with the search box ready for typing."""
        self.error.clear_message()
        self.search.setText(text)
        self.model.reload()
        self.open()
        self.search.setFocus()
        if text:
            self.search.end(False)  # typed on the field: the next letter follows, not replaces
        else:
            self.search.selectAll()

    def choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (0 if self.model.rowCount() else -1)
        if row < 0:
            self.error.show_message(f"No {self.source.noun} matches; change the search.")
            return
        record = self.model.row(row)
        self.accept()
        self.chosen.emit(record[ID], str(record[LABEL]))
        self.model.clear()  # nothing read from the database lingers in a hidden dialog

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # Up and Down in the search box move through the results, so typing then Enter picks.
        if watched is self.search and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                current = self.table.currentIndex()
                row = current.row() if current.isValid() else -1
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[key]
                target = max(0, min(self.model.rowCount() - 1, row + step))
                if self.model.rowCount():
                    self.table.selectRow(target)
                    self.table.scrollTo(self.model.index(target, 0, QModelIndex()))
                return True
        return super().eventFilter(watched, event)


class RecordPicker(QComboBox):
    """A field holding one chosen record; opening it searches. Value: the record's id, or None."""

    picked = Signal(object)  # the id chosen (None when cleared)

    def __init__(self, state: AppState, source: PickerSource, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.source = source
        self.dialog: PickerDialog | None = None
        self.setPlaceholderText(placeholder or f"Choose a {source.noun}…")
        self.setToolTip(f"Click, or press Space, to search for a {source.noun}. Delete clears the choice.")
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCurrentIndex(-1)

    # --- value -----------------------------------------------------------------------------------
    def set_choice(self, record_id: Any, label: str = "") -> None:
        """Show `label` as the chosen record (before RecordForm.load sets the value), or nothing."""
        self.blockSignals(True)
        try:
            self.clear()
            if record_id is not None:
                self.addItem(label or f"#{record_id}", record_id)
        finally:
            self.blockSignals(False)
        self.setCurrentIndex(0 if record_id is not None else -1)
        self.currentIndexChanged.emit(self.currentIndex())  # RecordForm marks itself changed

    def value(self) -> Any:
        return self.currentData()

    def label(self) -> str:
        return self.currentText() if self.currentIndex() >= 0 else ""

    # --- searching -------------------------------------------------------------------------------
    def showPopup(self) -> None:  # noqa: N802 (Qt's name): search instead of the item list
        self._search("")

    def _search(self, typed: str) -> None:
        if self.state.is_locked:
            return
        if self.dialog is None:
            self.dialog = PickerDialog(self.state, self.source, self.window())
            self.dialog.chosen.connect(self._chosen)
        if typed and self.dialog.isVisible():
            self.dialog.search.insert(typed)  # typed faster than the dialog took the keyboard
        else:
            self.dialog.start(typed)

    def _chosen(self, record_id: Any, label: str) -> None:
        self.set_choice(record_id, label)
        self.picked.emit(record_id)
        self.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.currentIndex() >= 0:
                self.set_choice(None)
                self.picked.emit(None)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            event.ignore()  # arrows would otherwise do nothing useful; leave them to the form
            return
        if _is_letters(event):
            # The field says "Search for a person…": what is typed on it starts that search, never lost.
            self._search(event.text())
            event.accept()
            return
        super().keyPressEvent(event)


def _is_letters(event: Any) -> bool:
    text = event.text()
    held = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    return bool(text) and text.isprintable() and not text.isspace() and not held
