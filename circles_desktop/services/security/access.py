"""Creating, unlocking, locking and re-keying a database, with every step in the audit log.

Failed unlocks cannot be written while the database is locked, so they are held in memory and
written after the next successful unlock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from circles_desktop.models.base import utcnow
from circles_desktop.services.security import audit, integrity, passphrase
from circles_desktop.store.anchor import ANCHORED_ACTION
from circles_desktop.store.database import Database
from circles_desktop.store.errors import WrongPassphrase
from circles_desktop.store.keyfile import parse_recovery_key
from circles_desktop.store.paths import DataPaths

FREE_TRIES = 5
MAX_DELAY = 60.0


class PassphraseRejected(ValueError):
    """A new passphrase that does not meet the rules; str() says why."""


def create(data_dir: Path | str | None, new_passphrase: str, confirmation: str | None = None, scrypt=None):
    """A new database. Returns (database, recovery key to show once)."""
    why = passphrase.problem(new_passphrase, confirmation)
    if why:
        raise PassphraseRejected(why)
    db, recovery = Database.create(data_dir, new_passphrase, scrypt)
    with db.session() as s:
        audit.record(s, "create", str(db.paths.database))
        audit.record(s, ANCHORED_ACTION, str(db.paths.database), "the audit log's newest entry is kept outside it")
    return db, recovery


@dataclass
class Unlocker:
    """Unlocks one data folder and remembers failed tries for as long as the app runs."""

    data_dir: Path | str | None
    failures: list[datetime] = field(default_factory=list)
    _last_failure: float = 0.0

    @property
    def paths(self) -> DataPaths:
        return DataPaths.at(self.data_dir)

    def delay_remaining(self, now: float | None = None) -> float:
        """Seconds to wait before the next try: none for the first five, then doubling to a minute."""
        extra = len(self.failures) - FREE_TRIES
        if extra < 0:
            return 0.0
        delay = min(MAX_DELAY, 2.0**extra)
        now = time.monotonic() if now is None else now
        return max(0.0, self._last_failure + delay - now)

    def unlock(self, secret: str, check_pages: bool = True, full_check: bool = False) -> Database:
        try:
            db = Database.open(self.data_dir, secret, check_pages=check_pages, full_check=full_check)
        except WrongPassphrase:
            self.failures.append(utcnow())
            self._last_failure = time.monotonic()
            raise
        how = "recovery key" if parse_recovery_key(secret) is not None else "passphrase"
        self._log_unlock(db, how)
        return db

    def unlock_with_key(self, data_key: bytes, check_pages: bool = True, full_check: bool = False) -> Database:
        db = Database.open(self.data_dir, data_key=data_key, check_pages=check_pages, full_check=full_check)
        self._log_unlock(db, "remembered key")
        return db

    def _log_unlock(self, db: Database, how: str) -> None:
        """The unlock, the failed tries before it and whatever opening found, in one unit of work."""
        try:
            with db.session() as s:
                for when in self.failures:
                    audit.record(s, "unlock failed", str(db.paths.database), "wrong passphrase", at=when)
                audit.record(s, "unlock", str(db.paths.database), f"with {how}")
                integrity.record_found(s, db)
            db.release_anchor()  # a disagreement with the anchor is in the log now: anchor it again
        except BaseException:
            db.close()  # never hand back, or leak, a database whose unlock could not be logged
            raise
        self.failures.clear()


def lock(db: Database, reason: str = "on demand") -> None:
    """Log the lock and close the database; it is closed even if the entry cannot be written."""
    if not db.is_open:
        return
    try:
        with db.session() as s:
            audit.record(s, "lock", str(db.paths.database), reason)
    finally:
        db.close()


def change_passphrase(db: Database, current: str, new: str, confirmation: str | None = None) -> None:
    """Check the current passphrase (or recovery key), then rewrap the key under the new one."""
    db.key_file.unwrap(current)  # raises WrongPassphrase
    why = passphrase.problem(new, confirmation)
    if why:
        raise PassphraseRejected(why)
    db.change_passphrase(new)
    with db.session() as s:
        audit.record(s, "passphrase changed", str(db.paths.key_file))
