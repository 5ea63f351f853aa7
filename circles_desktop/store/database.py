"""The encrypted database: create, open (checking everything first), sessions, backup and close.

SQLCipher 4 through SQLAlchemy's sqlite+pysqlcipher dialect, keyed with a raw 256-bit data key that
the key file wraps. Nothing here writes to the files until the key, the file and the schema are
known to be right, so every refusal leaves the disk as it was. What opening finds that the
coordinator must be told although the database opened (changes a crash's log could not give back,
an audit log cut short or rolled back) is in `Database.notices`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from circles_desktop import __version__
from circles_desktop.models import AuditEntry
from circles_desktop.models.base import utcnow
from circles_desktop.store import anchor, backup, leftover_log, migrate, restore
from circles_desktop.store.errors import (
    AlreadyExists,
    BackupFailed,
    DatabaseDamaged,
    DatabaseTooNew,
    DataFolderReadOnly,
    MigrationFailed,
    NoDatabase,
)
from circles_desktop.store.inspection import inspect, refuse_foreign_file, refuse_other_key_file, writable
from circles_desktop.store.keyfile import KeyFile, write_atomically
from circles_desktop.store.notices import AUDIT_ANCHOR, Notice
from circles_desktop.store.paths import DataPaths
from circles_desktop.store.private import create_private_file, private_folder, tighten
from circles_desktop.store.sqlcipher import (
    DAMAGE_ERRORS,
    configure,
    damage_detail,
    file_salt,
    integrity_problems,
    key_pragma,
    raw_connect,
    shm_path,
    underlying_damage,
    wal_path,
)


class Database:
    """An open, unlocked database. Close it to lock: the engine and its connections go away."""

    def __init__(self, paths: DataPaths, key_file: KeyFile, data_key: bytes) -> None:
        self.paths = paths
        self.key_file = key_file
        self._data_key: bytes | None = data_key
        self.engine: Engine = self._make_engine(paths.database, data_key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "after_flush", _note_audit_head)
        self.notices: list[Notice] = []
        # The audit anchor: written after each commit that adds entries, except while a disagreement
        # found on opening has not yet been written into the log itself (see release_anchor).
        self.unanchored = False  # a log from before anchors: the services mark it as anchored now
        self._anchor_held = False
        self._anchor_lock = threading.Lock()
        self._anchored = 0
        # Sessions running now, by thread: closing waits for other threads' sessions to end.
        self._running: dict[int, int] = {}
        self._idle = threading.Condition()

    # --- life cycle ------------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        data_dir: Path | str | None,
        passphrase: str,
        scrypt: dict | None = None,
        *,
        revision: str = "head",
    ):
        """A new database and key file. Returns (database, recovery key to show once).

        revision builds the schema only up to that Alembic revision (for migration tests and tools).
        """
        paths = DataPaths.at(data_dir)
        if paths.database.exists() and paths.database.stat().st_size > 0:
            raise AlreadyExists(paths.root)
        if paths.key_file.exists() and paths.key_file.stat().st_size > 0:
            # A key file without its database may still be the only key to a copy of that database.
            raise AlreadyExists(paths.root)
        private_folder(paths.root)
        key_file, data_key, recovery = KeyFile.create(passphrase, scrypt)
        create_private_file(paths.database)  # before SQLite opens it: its -wal and -shm take its mode
        paths.anchor.unlink(missing_ok=True)  # a stale anchor of a database no longer here
        db = cls(paths, key_file, data_key)
        try:
            db._upgrade_schema(revision)
            with db._raw() as conn:
                conn.execute(
                    "INSERT INTO database_info (database_id, created_at, created_by_version) VALUES (?, ?, ?)",
                    (key_file.database_id, utcnow().isoformat(sep=" ", timespec="microseconds"), __version__),
                )
                salt = bytes.fromhex(conn.execute("PRAGMA cipher_salt").fetchone()[0])
            db.key_file = key_file.with_database_salt(salt)
            db.key_file.save(paths.key_file)
        except BaseException:
            db.close()
            for p in (paths.database, wal_path(paths.database), shm_path(paths.database)):
                p.unlink(missing_ok=True)
            paths.key_file.unlink(missing_ok=True)
            raise
        return db, recovery

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None,
        secret: str | None = None,
        *,
        data_key: bytes | None = None,
        check_pages: bool = True,
        full_check: bool = False,
    ) -> Database:
        """Open with a passphrase or recovery key, or with a data key already known (keyring).

        check_pages verifies every page's HMAC before anything is written (about 0.1 s per 50 MB);
        full_check adds SQLite's own integrity check (used by `check`). An older schema is upgraded
        after a verified backup. Raises a StoreError subclass, having changed nothing on disk, if
        anything is wrong. Two things are written first, because the database is not whole without
        them: a restore a crash interrupted is finished (store/restore.py), and a log left by a crash
        is copied aside before it is applied; both are among the notices.
        """
        paths = DataPaths.at(data_dir)
        finished = restore.finish_interrupted(paths)
        if not paths.database.exists():
            raise NoDatabase(paths.root)
        refuse_foreign_file(paths.database)
        key_file = KeyFile.load(paths.key_file)
        refuse_other_key_file(paths.database, key_file.database_salt)
        if data_key is None:
            if secret is None:
                raise ValueError("a passphrase, recovery key or data key is needed")
            data_key = key_file.unwrap(secret)
        revision = inspect(
            paths.database,
            data_key,
            key_file.database_id,
            check_pages,
            full_check=full_check,
            salt=key_file.database_salt,
        )
        if revision not in migrate.known_revisions():
            raise DatabaseTooNew(revision)
        if not writable(paths.root, paths.database, paths.key_file):
            raise DataFolderReadOnly(paths.root)
        leftover = leftover_log.keep(paths)
        _make_private(paths)
        db = cls(paths, key_file, data_key)
        db.notices += [finished] if finished else []
        try:
            db._judge_leftover_log(leftover)
            db._check_anchor()
            if revision != migrate.head():
                backup = db.backup_to(paths.backups / f"before-upgrade-{revision}-{_stamp()}.db")
                db._upgrade_schema("head", backup)
        except BaseException:
            db.close()
            raise
        return db

    @property
    def database_id(self) -> str:
        return self.key_file.database_id

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise RuntimeError("the database is locked")
        return self._data_key

    @property
    def is_open(self) -> bool:
        return self._data_key is not None

    def close(self, wait_seconds: float = 30.0) -> None:
        """Lock: no session starts from now on, and those running in other threads (a read in a worker)
        end first, because tearing a SQLCipher connection down under a running query crashes the
        process. One that outlasts `wait_seconds` is left to fail on its own."""
        me = threading.get_ident()
        with self._idle:
            self._data_key = None
            self._idle.wait_for(lambda: sum(n for t, n in self._running.items() if t != me) == 0, wait_seconds)
        self.engine.dispose()

    def _enter(self) -> None:
        me = threading.get_ident()
        with self._idle:
            if self._data_key is None:
                raise RuntimeError("the database is locked")
            self._running[me] = self._running.get(me, 0) + 1

    def _leave(self) -> None:
        me = threading.get_ident()
        with self._idle:
            self._running[me] -= 1
            if not self._running[me]:
                del self._running[me]
            self._idle.notify_all()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits whole on success, rolls back whole on any error."""
        self._enter()
        try:
            with self._one_session() as s:
                yield s
        finally:
            self._leave()

    @contextlib.contextmanager
    def _one_session(self) -> Iterator[Session]:
        s = self._sessions()
        try:
            yield s
            s.commit()
            audit_head = s.info.pop(_AUDIT_HEAD, None)
            if audit_head is not None:
                self._write_anchor(audit_head)
        except BaseException as exc:
            s.rollback()
            damage = underlying_damage(exc)
            if damage is not None:
                raise DatabaseDamaged(self.paths.database, self._damage_detail(damage)) from exc
            raise
        finally:
            s.close()

    # --- keys ------------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the data key under a new passphrase; the database file is not touched."""
        self.key_file = self.key_file.with_passphrase(self.data_key, new_passphrase)
        self.key_file.save(self.paths.key_file)

    # --- checks and backups ----------------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """Every damaged page and every SQLite integrity problem; empty when the database is sound."""
        with self._raw() as conn:
            try:
                return integrity_problems(conn)
            except DAMAGE_ERRORS as exc:
                return [damage_detail(conn, exc)]

    def backup_to(
        self,
        target: Path,
        *,
        progress: backup.Progress | None = None,
        cancelled: backup.IsCancelled | None = None,
    ) -> Path:
        """An encrypted copy made with SQLite's backup API in steps, verified by reading it back.

        The key file is copied beside it (same name, .key) so the backup opens on its own. progress
        hears how far it has got; cancelled, asked between steps, stops it with Cancelled. Either way
        a failure leaves no file of the backup's name and no partial file.
        """
        target = Path(target)
        if not target.parent.exists():
            private_folder(target.parent)
        partial = target.with_name(target.name + ".partial")
        made_at = utcnow().isoformat(timespec="seconds")  # the moment the copy is of
        try:
            with self._raw() as src:
                backup.copy_to(src, target, self.data_key, progress=progress, cancelled=cancelled)
            # The copy has a salt of its own; its key file records it, so the pair opens together.
            backup_key_file = self.key_file.for_backup(file_salt(partial), made_at)
            problems, _head = backup.verify(
                partial, self.data_key, self.database_id, progress=progress, cancelled=cancelled
            )
            if problems:
                raise BackupFailed(f"The backup did not verify: {'; '.join(problems[:3])}")
            write_atomically(target.with_suffix(".key"), backup_key_file.to_bytes())
            backup.finish(partial, target)
        except (OSError, *DAMAGE_ERRORS) as exc:
            backup.discard(partial)
            raise backup.failed(target, exc) from None
        except BaseException:  # did not verify, cancelled, or anything else: nothing half-written stays
            backup.discard(partial)
            raise
        return target

    # --- the audit anchor ------------------------------------------------------------------------
    def _check_anchor(self) -> None:
        """Compare the log with its anchor; a disagreement becomes a notice and holds the anchor."""
        with self._raw() as conn:
            try:
                anchored = anchor.read(self.paths.anchor, self.data_key, self.database_id)
                why = anchor.problem(conn, anchored)
            except anchor.AnchorUnreadable as exc:
                why = f"the record of the audit log kept outside the database ({self.paths.anchor.name}) {exc}"
            self.unanchored = why is None and anchored is None
            head = anchor.head(conn)
        if why is None:
            self._write_anchor(head)  # the log may have gone past it: the app stopped before writing it
            return
        self._anchor_held = True
        self.notices.append(
            Notice(
                AUDIT_ANCHOR,
                f"The audit log is not as it was: {why}. Records changed since may be missing. "
                "Restore the newest backup, or ask for help.",
                damage=True,
            )
        )

    def release_anchor(self) -> None:
        """Anchor the log at its newest entry again, once a disagreement has been written into it."""
        self._anchor_held = False
        with self._raw() as conn:
            self._write_anchor(anchor.head(conn))

    def _write_anchor(self, head: anchor.Head) -> None:
        with self._anchor_lock:
            if self._anchor_held or head.entries <= self._anchored or not self.is_open:
                return
            anchor.write(self.paths.anchor, self.data_key, self.database_id, head)
            self._anchored = head.entries

    # --- a log left by a crash -------------------------------------------------------------------
    def _judge_leftover_log(self, leftover: leftover_log.Leftover | None) -> None:
        if leftover is None:
            return
        with self._raw() as conn:
            # SQLite has read the log on connecting; the checkpoint says how many of its frames it took.
            applied = int(conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
        notice = leftover_log.verdict(self.paths, leftover, max(applied, 0))
        if notice is not None:
            self.notices.append(notice)

    # --- internals -------------------------------------------------------------------------------
    def _upgrade_schema(self, target: str = "head", backup: Path | None = None) -> None:
        """Run the migrations up to target in one transaction, with foreign keys off meanwhile.

        SQLite rebuilds a table to alter it (Alembic's batch mode): create a copy, drop the old one,
        rename. With foreign keys on, dropping the old table would cascade into, or be refused by,
        every table that refers to it; so they are off during the migration (it cannot be changed
        inside a transaction) and `PRAGMA foreign_key_check` must come back clean before commit.
        """
        with self.engine.connect() as conn:
            raw: sqlcipher3.Connection = conn.connection.driver_connection  # open, so never None
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                with conn.begin():
                    migrate.upgrade(conn, target)
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationFailed(
                            self.paths.database, f"{len(broken)} rows refer to rows that do not exist", backup
                        )
            except MigrationFailed:
                raise
            except Exception as exc:
                if underlying_damage(exc) is not None:
                    raise DatabaseDamaged(self.paths.database, self._damage_detail(exc)) from exc
                if backup is None:
                    raise
                raise MigrationFailed(self.paths.database, f"{type(exc).__name__}: {exc}", backup) from exc
            finally:
                raw.execute("PRAGMA foreign_keys = ON")

    def _damage_detail(self, exc: BaseException) -> str:
        try:
            conn = raw_connect(self.paths.database, self.data_key, read_only=True)
        except DAMAGE_ERRORS:
            return str(exc) or type(exc).__name__
        try:
            return damage_detail(conn, exc)
        finally:
            conn.close()

    @contextlib.contextmanager
    def _raw(self) -> Iterator[sqlcipher3.Connection]:
        self._enter()  # a backup in a worker: closing waits for it as for a session
        try:
            fairy = self.engine.raw_connection()
            try:
                yield fairy.driver_connection
            finally:
                fairy.close()
        finally:
            self._leave()

    @staticmethod
    def _make_engine(path: Path, data_key: bytes) -> Engine:
        url = URL.create("sqlite+pysqlcipher", password=key_pragma(data_key), database=str(path))
        # A pool that hands each session a connection of its own. The pysqlcipher dialect's default,
        # SingletonThreadPool, keeps one per thread and closes the oldest once more than five threads
        # have used it, even while it runs a query in another thread: with the Background pool's
        # workers beside the UI thread, that crashed the process inside SQLCipher.
        engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", lambda conn, _record: configure(conn))
        # The driver no longer starts transactions itself (see _configure): start each one here, so a
        # unit of work's reads, writes and DDL are all inside it.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine


_AUDIT_HEAD = "circles audit head"


def _note_audit_head(session: Session, _context) -> None:
    """After a flush: the newest audit entry it wrote, for the anchor once the commit is through."""
    for obj in session.new:
        if isinstance(obj, AuditEntry):
            known = session.info.get(_AUDIT_HEAD)
            if known is None or obj.id > known.entries:
                session.info[_AUDIT_HEAD] = anchor.Head(obj.id, obj.hash)


def _make_private(paths: DataPaths) -> None:
    """Owner-only permissions on the data folder and everything of the database in it."""
    db = paths.database
    for path in (paths.root, db, wal_path(db), shm_path(db), paths.key_file, paths.anchor, paths.backups):
        tighten(path)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
