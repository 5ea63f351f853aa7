"""Restoring a backup: check it, say what it holds, and only then put it in place (store/restore.py).

The backup is a `.db` with its `.key` beside it. It is opened with the passphrase or recovery key
the coordinator gives (the backup's own key file first, then the live one: the passphrase may have
changed since the backup), or, in the unlocked app, with the data key already in hand. The restored
database keeps the key file that secret opened, so the coordinator unlocks it the same way after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from circles_desktop.models import AuditEntry, Child, Circle, LearningCircle, Meeting, Person, Referral
from circles_desktop.services.common.words import uk_date_time
from circles_desktop.services.security import audit, integrity
from circles_desktop.store import backup
from circles_desktop.store import restore as store_restore
from circles_desktop.store.database import Database
from circles_desktop.store.errors import BackupRefused, KeyFileMissing, StoreError, WrongPassphrase
from circles_desktop.store.keyfile import KeyFile
from circles_desktop.store.paths import DataPaths

# What a coordinator is told a backup holds, in their words.
HOLDS = [
    (Person.__tablename__, "people"),
    (Referral.__tablename__, "referrals"),
    (Circle.__tablename__, "circles"),
    (Meeting.__tablename__, "meetings"),
    (LearningCircle.__tablename__, "learning circles"),
    (Child.__tablename__, "children"),
    (AuditEntry.__tablename__, "audit log entries"),
]


@dataclass(frozen=True)
class Prepared:
    """A backup checked and staged beside the live database, waiting for the coordinator's yes."""

    paths: DataPaths
    staged: store_restore.Staged
    install: KeyFile  # the key file the restored database will have
    made_at: datetime | None  # when the backup was made (local time), if its key file says
    newest_entry_at: datetime | None  # its audit log's newest entry (local time)
    holds: dict[str, int]  # "people": 1234, …

    def describe(self) -> list[str]:
        """What the coordinator reads before saying yes: the backup, its date, what it holds."""
        when = self.made_at or self.newest_entry_at
        made = uk_date_time(when) if when else "on a date it does not record"
        holds = ", ".join(f"{n:,} {what}" for what, n in self.holds.items())
        return [
            f"Backup: {self.staged.source}",
            f"Made {made}.",
            f"It holds {holds}.",
            f"Restoring it replaces the records in {self.paths.root}; they are kept first as a safety copy "
            f"in {self.paths.safety}.",
        ]


def _local(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()


def _current_key_file(paths: DataPaths) -> KeyFile | None:
    try:
        return KeyFile.load(paths.key_file)
    except StoreError:  # missing or damaged: the folder is being rebuilt from the backup
        return None


def _keys(paths: DataPaths, source: Path, secret: str | None, data_key: bytes | None) -> tuple[KeyFile, KeyFile, bytes]:
    """(the backup's key file, the key file to install, the data key)."""
    try:
        theirs = KeyFile.load(source.with_suffix(".key"))
    except KeyFileMissing:
        raise BackupRefused(source, f"its key file {source.with_suffix('.key').name} is not beside it") from None
    ours = _current_key_file(paths)
    if ours is not None and ours.database_id != theirs.database_id:
        raise BackupRefused(
            source,
            f"it is a backup of another Circles Desktop database, not of the one in {paths.root}. To look at "
            "it, restore it into an empty data folder instead",
        )
    if data_key is not None:  # the unlocked app: the live key file, so the passphrase stays as it is
        return theirs, ours or theirs, data_key
    if secret is None:
        raise ValueError("a passphrase, recovery key or data key is needed")
    try:
        return theirs, theirs, theirs.unwrap(secret)
    except WrongPassphrase:
        if ours is None:
            raise
    return theirs, ours, ours.unwrap(secret)  # the passphrase changed since the backup was made


def prepare(
    data_dir: Path | str | None,
    source: Path | str,
    *,
    secret: str | None = None,
    data_key: bytes | None = None,
    progress: backup.Progress | None = None,
    cancelled: backup.IsCancelled | None = None,
) -> Prepared:
    """Check the backup and stage it; raises BackupRefused (or WrongPassphrase) having changed nothing."""
    paths, source = DataPaths.at(data_dir), Path(source)
    if not source.is_file():
        raise BackupRefused(source, "there is no such file")
    theirs, install, key = _keys(paths, source, secret, data_key)
    staged = store_restore.stage(paths, source, theirs, key, progress=progress, cancelled=cancelled)
    try:
        counts = store_restore.counts(staged, [table for table, _ in HOLDS])
        holds = {words: counts[table] for table, words in HOLDS if table in counts}
        newest = _local(store_restore.newest_entry_at(staged))
    except BaseException:
        store_restore.discard(paths)
        raise
    return Prepared(paths, staged, install, _local(theirs.backup_made_at), newest, holds)


def discard(prepared: Prepared) -> None:
    """The coordinator said no: the staged copy goes, nothing else was touched."""
    store_restore.discard(prepared.paths)


@dataclass(frozen=True)
class Restored:
    database: Database  # open: the caller locks it, or hands it to the app
    safety: Path  # where the database as it was before is kept


def restore(prepared: Prepared) -> Restored:
    """Swap the backup in, open it, and write the restore into its audit log.

    The live database must be closed (locked) first.
    """
    safety = store_restore.swap(prepared.paths, prepared.staged, prepared.install)
    db = Database.open(prepared.paths.root, data_key=prepared.staged.data_key)
    try:
        made = prepared.made_at or prepared.newest_entry_at
        detail = f"backup made {uk_date_time(made)}; " if made else ""
        with db.session() as s:
            where = f"the database before it is kept in {safety}"
            audit.record(s, integrity.RESTORED, str(prepared.staged.source), detail + where)
            integrity.record_found(s, db)
        db.release_anchor()
    except BaseException:
        db.close()
        raise
    return Restored(db, safety)
