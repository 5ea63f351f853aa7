"""Dialogs every area uses: a form in a dialog, a yes/no question whose safe answer is the default,
and Save / Discard / Cancel for unsaved changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from circles_desktop.ui.common.forms import Leave, RecordForm


class FormDialog(QDialog):
    """A dialog around one RecordForm. `on_save(values) -> bool` does the write (through
    operations.write, which shows any problem beside its field); True closes the dialog. Escape asks
    before losing edits."""

    def __init__(
        self,
        title: str,
        form: RecordForm,
        on_save: Callable[[dict[str, Any]], bool],
        parent: QWidget | None = None,
        object_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if object_name:
            self.setObjectName(object_name)
        self.form = form
        self._on_save = on_save
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        form.save_requested.connect(self.save)
        form.cancelled.connect(self._cancelled)
        self.setMinimumWidth(640)

    def save(self) -> bool:
        problems = self.form.entry_problems()  # a date such as 31/02 is said, not saved as no date
        if problems:
            self.form.show_errors(problems)
            return False
        if self._on_save(self.form.values()):
            self.form.mark_clean()
            self.accept()
            return True
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """The cursor starts in the first field the coordinator can type in, not on Save."""
        super().showEvent(event)
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def _cancelled(self) -> None:
        super().reject()

    def reject(self) -> None:  # the window's close button and Escape outside a field
        if self.form.ask_to_leave(self.save) is Leave.GO:
            super().reject()  # after Save the dialog has already closed itself


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question whose safe answer (No) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard(parent: QWidget | None, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for unsaved changes; Cancel (stay) is the default."""
    return QMessageBox.question(
        parent,
        "Unsaved changes",
        text,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
