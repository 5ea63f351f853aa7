"""Ctrl+F from anywhere: the search in a window of its own over the main window. Opening a result
closes it and opens the record (ui/app/area_links.open_record); Escape closes it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.search.search_panel import SearchPanel


class SearchDialog(QDialog):
    chosen = Signal(object)  # the RecordRef to open

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search everything")
        self.setObjectName("search.dialog")
        self.resize(760, 520)
        self.panel = SearchPanel(state, "search.dialog.panel", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.opened.connect(self._open)
        state.locked.connect(self.reject)  # nothing found stays on screen while locked

    def start(self, text: str = "") -> None:
        """Show (again) with the box focused and its text selected, ready to type over."""
        if text:
            self.panel.box.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.panel.box.setFocus()
        self.panel.box.selectAll()

    def _open(self, ref: object) -> None:
        self.accept()
        self.chosen.emit(ref)
