"""Settings: change the passphrase (current, new twice), with each problem under its own field."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from circles_desktop.services.security import passphrase
from circles_desktop.store.errors import WrongPassphrase
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.widgets import ERROR_STYLE, FieldMessage, Note, passphrase_field


def _with_message(field: QWidget, message: FieldMessage) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


class PassphraseForm(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Change passphrase")
        self.state = state
        self.current = passphrase_field("Current passphrase", "or the recovery key")
        self.new = passphrase_field("New passphrase")
        self.confirm = passphrase_field("Type the new passphrase again")
        self.current_error = FieldMessage("Current passphrase problem")
        self.new_error = FieldMessage("New passphrase problem")
        self.confirm_error = FieldMessage("New passphrase confirmation problem")
        self.change_button = QPushButton("&Change passphrase")
        self.change_button.setAccessibleName("Change passphrase")
        self.status = Note()
        self.status.setAccessibleName("Change passphrase status")

        form = QFormLayout()
        form.addRow("C&urrent passphrase:", _with_message(self.current, self.current_error))
        form.addRow("&New passphrase:", _with_message(self.new, self.new_error))
        form.addRow("Type it &again:", _with_message(self.confirm, self.confirm_error))
        # QFormLayout's labels are buddies of the wrapper; point them at the fields for Alt+letter.
        for row, field in enumerate((self.current, self.new, self.confirm)):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            label.setBuddy(field)  # type: ignore[union-attr]
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The database is not rewritten: only its key is locked again under the "
                "new passphrase. The recovery key stays the same."
            )
        )
        layout.addLayout(form)
        layout.addLayout(row)
        self.setTabOrder(self.current, self.new)
        self.setTabOrder(self.new, self.confirm)
        self.setTabOrder(self.confirm, self.change_button)

        self.change_button.clicked.connect(self.submit)
        for field in (self.current, self.new, self.confirm):
            field.returnPressed.connect(self.submit)
        state.locked.connect(self._clear_secrets)

    def submit(self) -> None:
        db = self.state.database
        if db is None or not self.change_button.isEnabled():
            return
        for message in (self.current_error, self.new_error, self.confirm_error):
            message.clear_message()
        self.status.setText("")
        current, new, confirm = self.current.text(), self.new.text(), self.confirm.text()
        if not current:
            self.current_error.show_message("Type your current passphrase (or the recovery key).")
            return
        why = passphrase.problem(new)
        if why:
            self.new_error.show_message(why)
            return
        if new != confirm:
            self.confirm_error.show_message("The two new passphrases do not match.")
            return
        self._set_busy(True)

        def change() -> None:
            from circles_desktop.services.security import access

            access.change_passphrase(db, current, new, confirm)

        self.state.background.run(change, self._changed, self._failed)

    def _changed(self, _result: object) -> None:
        self._set_busy(False)
        self._clear_secrets()
        self.status.setStyleSheet("")
        self.status.setText("Passphrase changed. Use the new one next time you unlock.")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self.current_error.show_message("That is not the current passphrase or recovery key.")
            self.current.selectAll()
            self.current.setFocus()
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(describe(exc))

    def _set_busy(self, busy: bool) -> None:
        self.change_button.setEnabled(not busy)
        for field in (self.current, self.new, self.confirm):
            field.setEnabled(not busy)
        if busy:
            self.status.setStyleSheet("")
            self.status.setText("Changing the passphrase…")

    def _clear_secrets(self) -> None:
        # Passphrases are not "unsaved work": they must not survive a lock in memory or on screen.
        for field in (self.current, self.new, self.confirm):
            field.clear()
