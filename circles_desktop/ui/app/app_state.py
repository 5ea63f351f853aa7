"""What every screen shares: the data folder, the open Database (or none while locked), the one
Unlocker, the keyring vault and the settings store, with signals when the app locks and unlocks.

Screens never keep a Database or a session of their own: each read or write goes through
ui/common/operations.py, which opens one short session on `state.database` for it. Locking replaces
nothing but that object, so the screens (and any text typed into them) survive a lock.

The store and services that load SQLAlchemy and SQLCipher are imported lazily here, so the first
dialog can be painted before they load.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.store.paths import DataPaths
from circles_desktop.ui.common.background import Background

if TYPE_CHECKING:
    from circles_desktop.services.security.access import Unlocker
    from circles_desktop.store.database import Database

T = TypeVar("T")

log = logging.getLogger(__name__)
DEFAULT_AUTO_LOCK_MINUTES = 5
AUTO_LOCK_KEY = "security/auto_lock_minutes"
NOT_CHECKED = object()  # the keyring has not answered yet


def load_heavy_modules() -> None:
    """Import the database stack; run in a worker once the first dialog is on screen."""
    from circles_desktop.services.security import (
        access,  # noqa: F401  (SQLAlchemy, SQLCipher, cryptography, alembic)
    )


class AppState(QObject):
    locked = Signal()
    unlocked = Signal(object)  # the Database just opened
    keyring_checked = Signal(object)  # None when remembering is possible, else the reason it is not
    auto_lock_changed = Signal(int)  # minutes
    written = Signal()  # a write through operations.write committed (Home reads again while out of sight)

    def __init__(
        self,
        data_dir: str | None,
        vault: KeyVault | None = None,
        settings: QSettings | None = None,
        background: Background | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.paths = DataPaths.at(data_dir)
        self.vault = vault if vault is not None else KeyVault()
        self.settings = settings if settings is not None else QSettings()
        self.background = background if background is not None else Background()
        self.database: Database | None = None
        self.keyring_reason: Any = NOT_CHECKED
        self._unlocker: Unlocker | None = None
        self._unlocker_lock = threading.Lock()

    # --- unlocking -------------------------------------------------------------------------------
    @property
    def unlocker(self) -> Unlocker:
        """The one Unlocker for the app's lifetime, so failed tries (and the delay) carry over locks."""
        with self._unlocker_lock:
            if self._unlocker is None:
                from circles_desktop.services.security.access import Unlocker

                self._unlocker = Unlocker(self.data_dir)
            return self._unlocker

    def delay_remaining(self) -> float:
        return 0.0 if self._unlocker is None else self._unlocker.delay_remaining()

    @property
    def is_locked(self) -> bool:
        return self.database is None or not self.database.is_open

    def set_database(self, db: Database) -> None:
        self.database = db
        self.unlocked.emit(db)

    def lock(self, reason: str = "on demand") -> None:
        """Close the database (writing the lock to the audit log) and tell every screen."""
        db, self.database = self.database, None
        if db is None:
            return
        from circles_desktop.services.security import access

        try:
            access.lock(db, reason)
        except Exception as exc:  # a full disk must not stop the lock: the key goes regardless
            log.warning("the lock could not be written to the audit log: %s", type(exc).__name__)
        finally:
            db.close()
            self.locked.emit()

    def hand_over(self) -> Database | None:
        """Take the open database away from the screens without locking the app (a restore swaps it).

        The screens' reads meanwhile find it locked; `set_database` gives them the new one. The caller
        closes what it is handed.
        """
        db, self.database = self.database, None
        return db

    # --- the keyring -----------------------------------------------------------------------------
    def check_keyring(self) -> None:
        """Ask, off the UI thread, whether a keyring can remember keys here; reported once."""

        def done(reason: str | None) -> None:
            self.keyring_reason = reason
            self.keyring_checked.emit(reason)

        self.background.run(self.vault.unavailable_reason, done, lambda exc: done(str(exc)))

    def remembered_key(self) -> bytes | None:
        """Worker-side: the data key remembered for this data folder's database, if any."""
        from circles_desktop.store.keyfile import KeyFile

        database_id = KeyFile.load(self.paths.key_file).database_id
        return self.vault.recall(database_id)

    # --- settings --------------------------------------------------------------------------------
    @property
    def auto_lock_minutes(self) -> int:
        try:
            # QSettings gives back a str from an ini file and an int from the registry or memory.
            minutes = int(str(self.settings.value(AUTO_LOCK_KEY, DEFAULT_AUTO_LOCK_MINUTES)))
        except (TypeError, ValueError):
            minutes = DEFAULT_AUTO_LOCK_MINUTES
        return max(1, minutes)

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        self.settings.setValue(AUTO_LOCK_KEY, int(minutes))
        self.auto_lock_changed.emit(int(minutes))
