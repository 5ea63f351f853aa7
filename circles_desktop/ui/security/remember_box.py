"""Settings: keep the data key in this computer's keyring, or forget it.

Every keyring call runs in a worker (KeyVault adds its own timeout), so a Secret Service that never
answers leaves the window usable. Where there is no keyring the controls are disabled with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from circles_desktop.ui.app.app_state import NOT_CHECKED, AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, in_store
from circles_desktop.ui.common.widgets import Note, StatusNote

if TYPE_CHECKING:
    from circles_desktop.store.database import Database

EXPLANATION = (
    "When on, the database key is kept in this computer's system keyring and Circles Desktop opens "
    "without asking for the passphrase. Anyone who can sign in to your computer account could then "
    "open it, so use this only on a laptop that is yours alone."
)


class RememberBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Remember on this computer")
        self.state = state
        self.remember = QCheckBox("&Remember the key on this computer")
        self.remember.setAccessibleName("Remember on this computer")
        self.forget_button = QPushButton("&Forget the remembered key")
        self.forget_button.setAccessibleName("Forget the remembered key")
        self.reason = Note()
        self.reason.setAccessibleName("Why remembering is not available")
        self.status = StatusNote("Remember status", hide_when_empty=True)

        row = QHBoxLayout()
        row.addWidget(self.remember)
        row.addStretch(1)
        row.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addWidget(Note(EXPLANATION))
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addWidget(self.status)

        self.remember.clicked.connect(self._remember_clicked)
        self.forget_button.clicked.connect(self.forget)
        state.keyring_checked.connect(lambda _reason: self.refresh())
        state.unlocked.connect(lambda _db: self.refresh())
        self.refresh()

    # --- showing what is remembered ------------------------------------------------------------
    def refresh(self) -> None:
        reason = self.state.keyring_reason
        self._set_enabled(False)
        if reason is NOT_CHECKED:
            self.reason.setText("Checking whether this computer has a system keyring…")
            return
        if reason:
            self.reason.setText(reason)
            self.remember.setToolTip(reason)
            self.forget_button.setToolTip(reason)
            self.reason.setVisible(True)
            return
        self.reason.setVisible(False)
        self.remember.setToolTip(EXPLANATION)
        self.forget_button.setToolTip("Remove the key from this computer's keyring")
        if self.state.is_locked:
            return
        in_background(self.state, self.state.remembered_key, self._show_remembered, on_error=self._failed)

    def _show_remembered(self, key: bytes | None) -> None:
        self._set_enabled(True)
        self.remember.setChecked(key is not None)
        self.forget_button.setEnabled(key is not None)

    def _set_enabled(self, enabled: bool) -> None:
        self.remember.setEnabled(enabled)
        self.forget_button.setEnabled(enabled)

    # --- changing it ---------------------------------------------------------------------------
    def _remember_clicked(self, checked: bool) -> None:
        if checked:
            self.remember_now()
        else:
            self.forget()

    def remember_now(self) -> None:
        vault = self.state.vault
        self._change(
            lambda db: vault.remember(db.database_id, db.data_key),
            "The key is kept in this computer's keyring; Circles Desktop will open without asking.",
            remembered=True,
        )

    def forget(self) -> None:
        vault = self.state.vault
        self._change(
            lambda db: vault.forget(db.database_id),
            "Forgotten. Circles Desktop will ask for the passphrase next time.",
            remembered=False,
        )

    def _change(self, work: Callable[[Database], object], done: str, remembered: bool) -> None:
        """Remember or forget in a worker; on failure the tick goes back to what the keyring holds."""
        if self.state.is_locked:
            return
        state = self.state
        self._set_enabled(False)
        in_background(
            state,
            lambda: in_store(state, work),
            lambda _: self._done(done, remembered=remembered),
            on_error=lambda exc: self._failed(exc, remembered=not remembered),
        )

    def _done(self, message: str, remembered: bool) -> None:
        self._show_remembered(b"" if remembered else None)
        self.status.say(message)

    def _failed(self, exc: BaseException, remembered: bool | None = None) -> None:
        """Show why; the checkbox goes back to what is known to be in the keyring, if anything."""
        self.status.fail(describe(exc))
        self._set_enabled(not self.state.is_locked)
        if remembered is not None:
            self.remember.setChecked(remembered)
