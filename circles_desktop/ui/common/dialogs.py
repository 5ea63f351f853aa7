"""Dialogs every area uses: a form in a dialog (and one whose Save is a single write), a yes/no question
whose safe answer is the default, and Save / Discard / Cancel for unsaved changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QVBoxLayout, QWidget

from circles_desktop.ui.common.forms import DateField, Leave, RecordForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState


D = TypeVar("D", bound=QDialog)


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


class WriteDialog(FormDialog):
    """A dialog whose Save runs `work(values)` as one write; its problems go beside the form's fields."""

    def __init__(
        self,
        state: AppState,
        title: str,
        form: RecordForm,
        work: Callable[[dict[str, Any]], Callable[[Session], Any]],
        parent: QWidget | None,
        name: str,
    ) -> None:
        super().__init__(title, form, self._save, parent, name)
        self.state, self._work = state, work
        self.saved_value: Any = None
        form.save_button.setObjectName(f"{name}.save")
        form.mark_clean()  # what the dialog opens with (defaults, the record as saved) is not a change

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # Typing goes into the first field, unless the dialog's maker chose another one to start at.
        focused = self.focusWidget()
        if focused is None or not self.form.isAncestorOf(focused) or isinstance(focused, QAbstractButton):
            first = self.form.first_field()
            if first is not None:
                first.setFocus()

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.ui.common.operations import write

        outcome = write(self.state, self._work(values), show=self.form)
        self.saved_value = outcome.value
        return outcome.ok


def dated(name: str, optional: bool = False, value: date | None = None) -> DateField:
    """A named date field for a small form: today, or empty when optional, unless a value is given."""
    field = DateField(optional=optional)
    field.setObjectName(name)
    field.set_value(value if value is not None or optional else date.today())
    return field


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


def open_dialog(owner: Any, dialog: D, then: Callable[[], Any], show: bool = True) -> D:
    """The one way a screen opens a dialog that changes its record: `then` runs once it is accepted
    (the screen reads again); the dialog is kept as `owner.dialog` for as long as it is open (tests
    and the keyboard reach it there), and opened window-modal unless `show` is False (a test fills it)."""
    dialog.accepted.connect(then)
    owner.dialog = dialog
    if show:
        dialog.open()
    return dialog
