"""The unlock dialog: passphrase or recovery key, 'Remember on this computer', the error under the field.

Key derivation takes about half a second and the integrity check longer on a big database, so the
unlock runs in a worker and the dialog stays responsive. After five wrong tries the Unlocker asks for
a growing wait, shown here as a countdown with the Unlock button disabled.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import NOT_CHECKED, AppState
from circles_desktop.ui.common.messages import describe, explain
from circles_desktop.ui.common.widgets import FieldMessage, Note, labelled, passphrase_field

if TYPE_CHECKING:
    from circles_desktop.store.database import Database

COUNTDOWN_TICK_MS = 200
CHECKING_KEYRING = "Checking whether this computer has a system keyring…"


class UnlockDialog(QDialog):
    unlocked = Signal(object, bool)  # the Database, and whether to remember its key here
    quit_requested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None, *, relock: bool = False) -> None:
        super().__init__(parent)
        self.state = state
        self.relock = relock
        self._busy = False
        self._typing_busy = False  # busy looking for a remembered key, while typing goes on
        self._unlock_asked = False  # Enter pressed meanwhile: unlock with what was typed once it is done
        self.setWindowTitle("Unlock Circles Desktop")
        self.setAccessibleName("Unlock Circles Desktop")
        self.setMinimumWidth(460)
        self._build_fields()
        self._build_buttons()
        self._lay_out(relock)

        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_TICK_MS)
        self._countdown.timeout.connect(self._tick)

        state.keyring_checked.connect(self._show_keyring)
        self._show_keyring(state.keyring_reason)
        self.secret.returnPressed.connect(self.try_unlock)  # Enter in the field unlocks, whatever has gone before
        if not relock:
            # At start-up the shell first tries a key remembered on this computer (after the first
            # paint); Unlock waits for that, typing need not.
            self.begin_remembered_check()
        self._tick()  # a delay earned before a lock still applies

    def _build_fields(self) -> None:
        self.secret = passphrase_field("Passphrase or recovery key")
        self.error = FieldMessage("Unlock error")
        self.remember = QCheckBox("&Remember on this computer")
        self.remember.setAccessibleName("Remember on this computer")
        self.remember.setChecked(False)
        self.remember_reason = Note()
        self.remember_reason.setAccessibleName("Why remembering is not available")
        self.status = Note()
        self.status.setAccessibleName("Unlock status")
        self.status.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # a busy indicator while the key is derived
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setAccessibleName("Unlocking")
        self.progress.setVisible(False)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.unlock_button: QPushButton = self.buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.quit_button: QPushButton = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setAccessibleName("Quit Circles Desktop")
        self.quit_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, relock: bool) -> None:
        heading = QLabel("Circles Desktop is locked" if relock else "Unlock Circles Desktop")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(Note(f"Database: {self.state.paths.database}"))
        layout.addSpacing(8)
        layout.addWidget(labelled("&Passphrase or recovery key", self.secret))
        layout.addWidget(self.secret)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addSpacing(4)
        layout.addWidget(self.remember)
        layout.addWidget(self.remember_reason)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.secret, self.remember)
        self.setTabOrder(self.remember, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.quit_button)

    # --- the keyring option ----------------------------------------------------------------------
    def _show_keyring(self, reason: Any) -> None:
        if reason is NOT_CHECKED:
            self._disable_remember(CHECKING_KEYRING)
        elif reason:
            self._disable_remember(reason)
        else:
            self.remember.setEnabled(True)
            self.remember.setToolTip(
                "Keep the key in this computer's keyring, so Circles Desktop opens "
                "without asking. Anyone using your computer account could then open it."
            )
            self.remember_reason.setVisible(False)

    def _disable_remember(self, reason: str) -> None:
        self.remember.setChecked(False)
        self.remember.setEnabled(False)
        self.remember.setToolTip(reason)
        self.remember_reason.setText(reason)
        self.remember_reason.setVisible(True)

    # --- a key remembered on this computer -------------------------------------------------------
    def begin_remembered_check(self) -> None:
        # Typing goes on meanwhile (the field keeps the cursor); only Unlock waits.
        self._set_busy(True, "Looking for a key remembered on this computer…", typing=True)

    def remembered_done(self, db: Database | None) -> None:
        self._set_busy(False)
        if db is not None:
            self._unlock_asked = False
            self.unlocked.emit(db, False)
        else:
            self._unlock_if_asked()

    def remembered_failed(self, exc: BaseException) -> None:
        unusable = explain("The key remembered on this computer could not be used", exc)
        self._set_busy(False, f"{unusable} Type your passphrase instead.")
        self._unlock_if_asked()

    def _unlock_if_asked(self) -> None:
        if self._unlock_asked:
            self._unlock_asked = False
            self.try_unlock()

    # --- unlocking -------------------------------------------------------------------------------
    def try_unlock(self) -> None:
        if self._busy and self._typing_busy and self.secret.text():
            # Enter while the remembered key is still looked for: not dropped, done right after.
            self._unlock_asked = True
            self.status.setText("Unlocking as soon as the check for a remembered key has finished…")
            return
        if self._busy or self.state.delay_remaining() > 0:
            return
        secret = self.secret.text()
        if not secret:
            self.error.show_message("Type your passphrase or recovery key.")
            self.secret.setFocus()
            return
        remember = self.remember.isEnabled() and self.remember.isChecked()
        self.error.clear_message()
        self._set_busy(True, "Unlocking…")
        state = self.state
        state.background.run(
            lambda: state.unlocker.unlock(secret),
            lambda db: self._unlock_succeeded(db, remember),
            self._unlock_failed,
        )

    def _unlock_succeeded(self, db: Database, remember: bool) -> None:
        self._set_busy(False)
        self.secret.clear()
        self.unlocked.emit(db, remember)

    def _unlock_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message(describe(exc))
        self.secret.selectAll()
        self.secret.setFocus()
        self._tick()

    def _set_busy(self, busy: bool, status: str = "", *, typing: bool = False) -> None:
        """While the key is derived nothing can be typed; `typing` keeps the field open (the remembered
        key is looked for while the coordinator may already be typing). Afterwards the cursor is back in
        the field and Unlock is the default again, so the next Enter unlocks."""
        self._busy = busy
        self._typing_busy = busy and typing
        self.secret.setEnabled(typing or not busy)
        self.unlock_button.setEnabled(not busy and self.state.delay_remaining() <= 0)
        self.progress.setVisible(busy)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        if not busy:
            self.unlock_button.setDefault(True)
            self.secret.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Whatever is typed at once goes into the passphrase field."""
        super().showEvent(event)
        self.secret.setFocus()
        self.activateWindow()

    def _tick(self) -> None:
        """Keep the Unlock button disabled, with a countdown, while the Unlocker asks for a wait."""
        remaining = self.state.delay_remaining()
        if remaining > 0:
            seconds = math.ceil(remaining)
            self.unlock_button.setEnabled(False)
            self.status.setText(
                f"Too many wrong tries. You can try again in {seconds} second{'s' if seconds != 1 else ''}."
            )
            self.status.setVisible(True)
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
            if not self._busy:
                self.unlock_button.setEnabled(True)
                if self.status.text().startswith("Too many wrong tries"):
                    self.status.setVisible(False)
                    self.status.setText("")

    # --- leaving ---------------------------------------------------------------------------------
    def dismiss(self) -> None:
        """Close after a successful unlock (closeEvent is kept for the window's own close button)."""
        self._countdown.stop()
        self.hide()
        self.deleteLater()

    def reject(self) -> None:
        """Escape or Quit: the shell decides whether to quit (and asks first if work is open)."""
        self.quit_requested.emit()

    quitting = False  # set by the shell once the coordinator has chosen to quit

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """The window's close button asks the shell (which asks first if work is open); once the shell
        is quitting, Qt's closing of every window goes through."""
        if self.quitting:
            event.accept()
            return
        event.ignore()
        self.quit_requested.emit()
