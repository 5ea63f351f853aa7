"""Settings: change the passphrase (current, new twice), with each problem under its own field."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from circles_desktop.services.security import passphrase
from circles_desktop.store.errors import WrongPassphrase
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, in_store
from circles_desktop.ui.common.widgets import FieldMessage, Note, StatusNote, labelled, passphrase_field, with_message


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
        self.status = StatusNote("Change passphrase status")

        form = QFormLayout()
        # Each label is the buddy of its field, not of the field-and-message row, for Alt+letter.
        form.addRow(labelled("C&urrent passphrase:", self.current), with_message(self.current, self.current_error))
        form.addRow(labelled("&New passphrase:", self.new), with_message(self.new, self.new_error))
        form.addRow(labelled("Type it &again:", self.confirm), with_message(self.confirm, self.confirm_error))
        actions = QHBoxLayout()
        actions.addWidget(self.change_button)
        actions.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The database is not rewritten: only its key is locked again under the "
                "new passphrase. The recovery key stays the same."
            )
        )
        layout.addLayout(form)
        layout.addLayout(actions)
        self.setTabOrder(self.current, self.new)
        self.setTabOrder(self.new, self.confirm)
        self.setTabOrder(self.confirm, self.change_button)

        self.change_button.clicked.connect(self.submit)
        for field in (self.current, self.new, self.confirm):
            field.returnPressed.connect(self.submit)
        state.locked.connect(self._clear_secrets)

    def submit(self) -> None:
        if self.state.is_locked or not self.change_button.isEnabled():
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
        state = self.state

        def change() -> None:
            from circles_desktop.services.security import access

            in_store(state, lambda db: access.change_passphrase(db, current, new, confirm))

        in_background(state, change, self._changed, on_error=self._failed)

    def _changed(self, _result: object) -> None:
        self._set_busy(False)
        self._clear_secrets()
        self.status.say("Passphrase changed. Use the new one next time you unlock.")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase):  # said under the field it is about
            self.current_error.show_message("That is not the current passphrase or recovery key.")
            self.current.selectAll()
            self.current.setFocus()
        else:
            self.status.fail(describe(exc))

    def _set_busy(self, busy: bool) -> None:
        self.change_button.setEnabled(not busy)
        for field in (self.current, self.new, self.confirm):
            field.setEnabled(not busy)
        if busy:
            self.status.say("Changing the passphrase…")

    def _clear_secrets(self) -> None:
        # Passphrases are not "unsaved work": they must not survive a lock in memory or on screen.
        for field in (self.current, self.new, self.confirm):
            field.clear()
