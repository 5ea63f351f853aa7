"""The organisation's own copy of the toolkit's checklist: reword an item, add one under a heading, move it,
or stop offering it. The toolkit's items are the defaults; conversations that worked through an item keep
it when it is retired."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.lists.tables import USER_ROLE
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.learning.learning_fields import line


class ToolkitEditor(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.items: list[Any] = []
        self.setObjectName("toolkit_editor")
        self.setWindowTitle("The toolkit checklist")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumSize(760, 560)
        self.list = QListWidget()
        self.list.setObjectName("toolkit.list")
        self.list.setAccessibleName("The organisation's checklist")
        self.list.setWordWrap(True)
        self.section = QComboBox()
        self.section.setEditable(True)
        self.section.setObjectName("toolkit.section")
        self.section.setAccessibleName("Heading")
        self.text = line("toolkit.text", "Item", "The words of the item")
        self.error = FieldMessage("Toolkit error")
        self.add_button = button("&Add", "toolkit.add", "Add the item under the heading")
        self.change_button = button("&Change", "toolkit.change", "Put these words on the chosen item")
        self.up_button = button("Move &up", "toolkit.up")
        self.down_button = button("Move do&wn", "toolkit.down")
        self.retire_button = button("&Stop offering", "toolkit.retire", "Retire the chosen item (or offer it again)")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        edit = QHBoxLayout()
        edit.addWidget(self.section)
        edit.addWidget(self.text, 1)
        edit.addWidget(self.add_button)
        edit.addWidget(self.change_button)
        moves = QHBoxLayout()
        for b in (self.up_button, self.down_button):
            moves.addWidget(b)
        moves.addStretch(1)
        moves.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Your organisation's copy of the Community Conversations toolkit's priorities and pitfalls. "
                "Every conversation works through the items offered here."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(moves)
        layout.addLayout(edit)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.retire_button.clicked.connect(self.retire)
        self.list.currentItemChanged.connect(lambda _a, _b: self._chosen())
        self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.list.setFocus()  # the checklist first: arrows choose an item, Tab reaches its buttons

    def reload(self, keep: str | None = None) -> None:
        from circles_desktop.services.conversations import toolkit

        self.items = read(self.state, lambda s: toolkit.items(s, include_retired=True), [])
        self.list.clear()
        for item in self.items:
            row = QListWidgetItem(f"{item.section}: {item.text}" + ("   (no longer offered)" if item.retired else ""))
            row.setData(USER_ROLE, item.code)
            if item.retired:
                row.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(row)
            if item.code == keep:
                self.list.setCurrentItem(row)
        current = self.section.currentText()
        self.section.clear()
        self.section.addItems(list(dict.fromkeys(i.section for i in self.items)))
        self.section.setCurrentText(current or (self.items[0].section if self.items else ""))

    def chosen(self) -> Any:
        row = self.list.currentItem()
        code = row.data(USER_ROLE) if row is not None else None
        return next((i for i in self.items if i.code == code), None)

    def _chosen(self) -> None:
        item = self.chosen()
        if item is not None:
            self.section.setCurrentText(item.section)
            self.text.setText(item.text)

    def _write(self, work: Any, keep: str | None) -> bool:
        ok = write(self.state, work, show=self.error).ok
        if ok:
            self.reload(keep)
        return ok

    def add(self) -> bool:
        from circles_desktop.services.conversations import toolkit

        section, text = self.section.currentText(), self.text.text()
        ok = write(self.state, lambda s: toolkit.add_item(s, section, text), show=self.error)
        if ok.ok:
            self.reload(ok.value.code)
            self.text.clear()
        return ok.ok

    def change(self) -> bool:
        from circles_desktop.services.conversations import toolkit

        item = self.chosen()
        if item is None:
            self.error.show_message("Choose an item in the list first.")
            return False
        section, text = self.section.currentText(), self.text.text()
        return self._write(lambda s: toolkit.update_item(s, item.code, section, text), item.code)

    def move_item(self, by: int) -> bool:
        from circles_desktop.services.conversations import toolkit

        item = self.chosen()
        if item is None:
            self.error.show_message("Choose an item in the list first.")
            return False
        index = max(0, self.list.currentRow() + by)
        return self._write(lambda s: toolkit.move_item(s, item.code, index), item.code)

    def retire(self) -> bool:
        from circles_desktop.services.conversations import toolkit

        item = self.chosen()
        if item is None:
            self.error.show_message("Choose an item in the list first.")
            return False
        return self._write(lambda s: toolkit.retire_item(s, item.code, not item.retired), item.code)
