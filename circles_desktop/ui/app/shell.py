"""The application's flow between its windows: set-up wizard or unlock dialog, main window, lock.

Start-up paints its first dialog before the database stack (SQLAlchemy, SQLCipher, cryptography,
alembic) is imported; that import, the keyring check and any remembered-key unlock all begin in
workers once the dialog is on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.store.errors import StoreError
from circles_desktop.ui.app.app_state import AppState, load_heavy_modules
from circles_desktop.ui.app.first_paint import on_first_paint
from circles_desktop.ui.common import clipboard
from circles_desktop.ui.common.access_keys import unique_in_every_dialog
from circles_desktop.ui.common.fields.wheel_guard import guard_the_wheel
from circles_desktop.ui.common.messages import explain
from circles_desktop.ui.security.idle_lock import IdleLock
from circles_desktop.ui.security.unlock_dialog import UnlockDialog

if TYPE_CHECKING:
    from circles_desktop.store.database import Database
    from circles_desktop.ui.app.main_window import MainWindow
    from circles_desktop.ui.security.backup_schedule import BackupSchedule
    from circles_desktop.ui.security.lock_cover import LockCover
    from circles_desktop.ui.security.setup_wizard import SetupWizard

# Start-up imports only what the unlock dialog needs. Even naming PySide6.QtCore.Qt costs ~30 ms
# (PySide6 builds every Qt.* enum then), so the modules that use it load after the first paint.


class Shell(QObject):
    """Opens, hands over and closes the Database itself (with AppState, the only code that holds it):
    the screens read and write through ui/common/operations.py."""

    def __init__(
        self,
        data_dir: str | None,
        vault: KeyVault | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        app = QApplication.instance()
        assert isinstance(app, QApplication), "create the QApplication first"
        self.app = app
        self.state = AppState(data_dir, vault=vault, settings=settings)
        self.idle = IdleLock(self.state, app)
        guard_the_wheel(app)  # the wheel changes only the focused field, in every window
        unique_in_every_dialog(app)  # each access key one field's or button's, in every dialog
        from circles_desktop.ui.records.draft_keeper import keep_drafts

        self.drafts = keep_drafts(self.state, forms_now=False)  # every form's typing survives a crash
        self.schedule: BackupSchedule | None = None  # made with the main window (it loads the store)
        self.window: MainWindow | None = None
        self.wizard: SetupWizard | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self._covers: list[LockCover] = []
        self.state.locked.connect(self._on_locked)
        clipboard.watch()
        self.state.locked.connect(clipboard.clear_ours)  # quitting locks too, so the text goes then too

    # --- start-up --------------------------------------------------------------------------------
    def start(self) -> QWidget:
        """Show the first dialog; returns it (the benchmark watches for its first paint)."""
        paths = self.state.paths
        # A key file without its database is a folder to repair, not a first run: creating would
        # overwrite that key file, so the unlock dialog explains instead.
        if not paths.database.exists() and not paths.key_file.exists():
            from circles_desktop.ui.security.setup_wizard import SetupWizard

            wizard = self.wizard = SetupWizard(self.state)
            wizard.accepted.connect(self._wizard_finished)
            wizard.rejected.connect(self.quit)
            on_first_paint(wizard, self._after_first_paint_wizard)
            wizard.show()
            return wizard
        dialog = self._show_unlock_dialog(relock=False)
        on_first_paint(dialog, self._after_first_paint_unlock)
        return dialog

    def _after_first_paint_wizard(self) -> None:
        self.state.check_keyring()
        self.state.background.run(load_heavy_modules)

    def _after_first_paint_unlock(self) -> None:
        self.state.check_keyring()
        dialog = self.unlock_dialog
        if dialog is None:
            return
        state = self.state

        def open_with_remembered_key() -> Database | None:
            load_heavy_modules()
            if state.vault.unavailable_reason() is not None:
                return None
            try:
                key = state.remembered_key()
            except StoreError:  # no readable key file: typing the passphrase will say so plainly
                return None
            return None if key is None else state.unlocker.unlock_with_key(key)

        state.background.run(open_with_remembered_key, dialog.remembered_done, dialog.remembered_failed)

    def _wizard_finished(self) -> None:
        wizard = self.wizard
        assert wizard is not None and wizard.database is not None
        self.wizard = None
        self._open_main_window(wizard.database)
        wizard.deleteLater()

    # --- unlocking -------------------------------------------------------------------------------
    def _show_unlock_dialog(self, relock: bool) -> UnlockDialog:
        dialog = self.unlock_dialog = UnlockDialog(self.state, self.window, relock=relock)
        dialog.unlocked.connect(self._unlocked)
        dialog.quit_requested.connect(self._quit_from_dialog)
        if self.window is not None:
            dialog.setModal(True)  # application-modal: nothing behind it can be used while locked
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _unlocked(self, db: Database, remember: bool) -> None:
        dialog, self.unlock_dialog = self.unlock_dialog, None
        self._open_main_window(db)
        if dialog is not None:
            dialog.dismiss()
        if remember:
            self._remember(db)

    def _open_main_window(self, db: Database) -> None:
        if self.window is None:
            self.drafts.attach_forms()  # before the window builds its forms
            from circles_desktop.ui.app.main_window import MainWindow
            from circles_desktop.ui.security.backup_schedule import BackupSchedule

            self.window = MainWindow(self.state)
            self.window.quit_requested.connect(self.quit)
            self.schedule = BackupSchedule(self.state)
            self.schedule.said.connect(self._notify)
        if self._covers:
            from circles_desktop.ui.security.lock_cover import remove_covers

            remove_covers(self._covers)
        self.state.set_database(db)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        from circles_desktop.ui.security import opening_notices

        opening_notices.show(self.window, db, self._notify, self._restore)

    def _restore(self, backup: Path) -> None:
        """Settings → Backups' restore, started on the backup opening offered."""
        if self.window is not None:
            self.window.show_area("Settings").backup.restoring.start(backup)  # type: ignore[attr-defined]

    def _remember(self, db: Database) -> None:
        database_id, key, vault = db.database_id, db.data_key, self.state.vault
        self.state.background.run(
            lambda: vault.remember(database_id, key),
            lambda _: self._notify("The key is remembered on this computer."),
            lambda exc: self._notify(explain("The key could not be remembered", exc)),
        )

    def _notify(self, message: str) -> None:
        if self.window is not None:
            self.window.notify(message)

    # --- locking ---------------------------------------------------------------------------------
    def lock(self, reason: str = "on demand") -> None:
        self.state.lock(reason)

    def _on_locked(self) -> None:
        if self._quitting:
            return
        from circles_desktop.ui.security.lock_cover import cover_windows

        self._covers = cover_windows(keep_visible=(self.window,))
        if self.unlock_dialog is None:
            self._show_unlock_dialog(relock=True)

    # --- quitting --------------------------------------------------------------------------------
    _quitting = False
    _shut_down = False

    def _quit_from_dialog(self) -> None:
        if self.window is not None:
            answer = QMessageBox.question(
                self.unlock_dialog,
                "Quit Circles Desktop?",
                "Quit Circles Desktop? Anything typed but not yet saved will be lost.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.quit()

    def quit(self) -> None:
        """Lock (closing the database), keep the window's place, wait for workers, leave."""
        if self._quitting:
            return
        self._quitting = True
        if self.window is not None:
            self.window.save_geometry()
        if self.schedule is not None and self.schedule.wants_quit_backup():
            self._notify("Backing up before quitting…")
            self.app.processEvents()  # paint that line: the wait below holds the UI thread
            self.schedule.back_up_on_quit()
        try:
            self.state.lock("quit")
        except Exception:  # the database closes regardless; quitting must not fail
            pass
        self.state.background.wait()
        self.state.settings.sync()
        # Qt's quit() first asks every window to close; the unlock dialog refuses while closing it means
        # "quit?", which left the process running after Lock screen → Quit → Yes. Now it is quitting.
        if self.unlock_dialog is not None:
            self.unlock_dialog.quitting = True
        self.app.quit()

    def shutdown(self) -> None:
        """For tests: wait for workers and close every window without quitting the QApplication."""
        if self._shut_down:
            return
        self._shut_down = self._quitting = True
        self.state.background.wait()
        for _ in range(100):  # let finished workers report before their widgets go
            if not self.state.background.busy:
                break
            QApplication.processEvents()
        if self.state.database is not None:
            self.state.database.close()
            self.state.database = None
        for widget in (self.unlock_dialog, self.wizard, self.window):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.unlock_dialog = self.wizard = self.window = None
        self.app.removeEventFilter(self.idle)
        self.idle.timer.stop()
        if self.schedule is not None:
            self.schedule.timer.stop()
