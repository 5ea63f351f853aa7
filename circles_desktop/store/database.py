"""The encrypted database: create, open (checking everything first), sessions, backup and close.

SQLCipher 4 through SQLAlchemy's sqlite+pysqlcipher dialect, keyed with a raw 256-bit data key that
the key file wraps. Nothing here writes to the files until the key, the file and the schema are
known to be right, so every refusal leaves the disk as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from . import migrate
from .errors import (
    AlreadyExists,
    BackupFailed,
    DatabaseDamaged,
    DatabaseTooNew,
    NoDatabase,
    NotACirclesDatabase,
)
from .keyfile import KeyFile, write_atomically
from .paths import DataPaths

SQLITE_HEADER = b"SQLite format 3\x00"
# SQLCipher surfaces a bad page as DatabaseError, and sometimes as MemoryError when a damaged
# length field asks for an absurd allocation.
DAMAGE_ERRORS = (sqlcipher3.DatabaseError, MemoryError)
CACHE_KIB = 32 * 1024  # a larger page cache makes encrypted reads as quick as plain ones


def _key_pragma(data_key: bytes) -> str:
    return f"x'{data_key.hex()}'"


def _configure(dbapi_conn) -> None:
    """Pragmas for every connection, after the dialect has set the key."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_compatibility = 4")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.close()


def raw_connect(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    """A bare SQLCipher connection with the key set and no other statement run yet."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f'PRAGMA key = "{_key_pragma(data_key)}"')
    conn.execute("PRAGMA cipher_compatibility = 4")
    return conn


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Every problem SQLCipher's page check and SQLite's integrity check report; empty when sound."""
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems += rows
    return problems


def _refuse_foreign_file(path: Path) -> None:
    """Refuse files that are plainly not ours by their first bytes, before opening them at all."""
    size = path.stat().st_size
    if size == 0:
        raise NotACirclesDatabase(path, "the file is empty")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header == SQLITE_HEADER:
        raise NotACirclesDatabase(path, "it is an unencrypted SQLite database")
    if size < 1024:
        raise NotACirclesDatabase(path, "the file is too small")


def inspect(path: Path, data_key: bytes, database_id: str, check_pages: bool = True) -> str | None:
    """Check the file decrypts, belongs to this key file and is sound. Returns its schema revision.

    Reads only: it sets no journal mode and writes nothing.
    """
    _refuse_foreign_file(path)
    try:
        conn = raw_connect(path, data_key)
    except DAMAGE_ERRORS as exc:
        raise NotACirclesDatabase(path, f"it cannot be read: {exc}") from None
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DAMAGE_ERRORS:
            raise NotACirclesDatabase(
                path, "it does not decrypt with its key file's key: another file, or its first page is damaged"
            ) from None
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "database_info" not in tables:
                raise NotACirclesDatabase(path, "it has no Circles Desktop tables")
            row = conn.execute("SELECT database_id FROM database_info").fetchone()
            if row is None or row[0] != database_id:
                raise NotACirclesDatabase(path, "it belongs to a different key file")
            if check_pages:
                problems = integrity_problems(conn)
                if problems:
                    raise DatabaseDamaged(path, "; ".join(problems[:5]))
            if "alembic_version" not in tables:
                return None
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return rev[0] if rev else None
        except DAMAGE_ERRORS as exc:
            raise DatabaseDamaged(path, str(exc) or type(exc).__name__) from None
    finally:
        conn.close()


class Database:
    """An open, unlocked database. Close it to lock: the engine and its connections go away."""

    def __init__(self, paths: DataPaths, key_file: KeyFile, data_key: bytes) -> None:
        self.paths = paths
        self.key_file = key_file
        self._data_key: bytes | None = data_key
        self.engine: Engine = self._make_engine(paths.database, data_key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # --- life cycle ------------------------------------------------------------------------------
    @classmethod
    def create(cls, data_dir: Path | str | None, passphrase: str, scrypt: dict | None = None):
        """A new database and key file. Returns (database, recovery key to show once)."""
        from ..models import DatabaseInfo

        paths = DataPaths.at(data_dir)
        if paths.database.exists() and paths.database.stat().st_size > 0:
            raise AlreadyExists(paths.root)
        paths.root.mkdir(parents=True, exist_ok=True)
        key_file, data_key, recovery = KeyFile.create(passphrase, scrypt)
        key_file.save(paths.key_file)
        paths.database.unlink(missing_ok=True)
        db = cls(paths, key_file, data_key)
        try:
            with db.engine.begin() as conn:
                migrate.upgrade(conn)
            with db.session() as s:
                s.add(DatabaseInfo(database_id=key_file.database_id, created_by_version=__version__))
        except Exception:
            db.close()
            for p in (paths.database, paths.key_file):
                p.unlink(missing_ok=True)
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
    ) -> Database:
        """Open with a passphrase or recovery key, or with a data key already known (keyring).

        Raises a StoreError subclass, having changed nothing on disk, if anything is wrong.
        """
        paths = DataPaths.at(data_dir)
        if not paths.database.exists():
            raise NoDatabase(paths.root)
        _refuse_foreign_file(paths.database)
        key_file = KeyFile.load(paths.key_file)
        if data_key is None:
            if secret is None:
                raise ValueError("a passphrase, recovery key or data key is needed")
            data_key = key_file.unwrap(secret)
        revision = inspect(paths.database, data_key, key_file.database_id, check_pages)
        known = migrate.known_revisions()
        if revision is not None and revision not in known:
            raise DatabaseTooNew(revision)
        db = cls(paths, key_file, data_key)
        try:
            if revision != migrate.head():
                db.backup_to(paths.backups / f"before-upgrade-{revision}-{_stamp()}.db")
                with db.engine.begin() as conn:
                    migrate.upgrade(conn)
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

    def close(self) -> None:
        self.engine.dispose()
        self._data_key = None

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits whole on success, rolls back whole on any error."""
        if not self.is_open:
            raise RuntimeError("the database is locked")
        s = self._sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
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
        with self._raw() as conn:
            return integrity_problems(conn)

    def backup_to(self, target: Path) -> Path:
        """An encrypted copy made with SQLite's backup API, verified by reopening it.

        The key file is copied beside it (same name, .key) so the backup opens on its own.
        """
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".partial")
        tmp.unlink(missing_ok=True)
        try:
            dest = raw_connect(tmp, self.data_key)
            try:
                with self._raw() as src:
                    src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            problems = verify_backup(tmp, self.data_key, self.database_id)
            if problems:
                raise BackupFailed(f"The backup did not verify: {'; '.join(problems[:3])}")
            os.replace(tmp, target)
            write_atomically(target.with_suffix(".key"), self.key_file.to_bytes())
        except BackupFailed:
            tmp.unlink(missing_ok=True)
            raise
        except (OSError, *DAMAGE_ERRORS) as exc:
            tmp.unlink(missing_ok=True)
            raise BackupFailed(f"The backup to {target} could not be written: {exc}") from None
        return target

    # --- internals -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _raw(self) -> Iterator[sqlcipher3.Connection]:
        fairy = self.engine.raw_connection()
        try:
            yield fairy.driver_connection
        finally:
            fairy.close()

    @staticmethod
    def _make_engine(path: Path, data_key: bytes) -> Engine:
        url = URL.create("sqlite+pysqlcipher", password=_key_pragma(data_key), database=str(path))
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", lambda conn, _record: _configure(conn))
        return engine


def verify_backup(path: Path, data_key: bytes, database_id: str) -> list[str]:
    """Problems found on reopening a backup; empty when it is sound and ours."""
    try:
        inspect(path, data_key, database_id, check_pages=True)
    except (NotACirclesDatabase, DatabaseDamaged) as exc:
        return [str(exc)]
    return []


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


