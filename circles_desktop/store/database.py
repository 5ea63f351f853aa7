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

from circles_desktop import __version__
from circles_desktop.models.base import utcnow
from circles_desktop.store import migrate
from circles_desktop.store.errors import (
    AlreadyExists,
    BackupFailed,
    DatabaseDamaged,
    DatabaseTooNew,
    MigrationFailed,
    NoDatabase,
    NotACirclesDatabase,
)
from circles_desktop.store.keyfile import KeyFile, write_atomically
from circles_desktop.store.paths import DB_NAME, DataPaths

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's default, which the store never changes
SALT_SIZE = 16  # SQLCipher keeps each file's random salt, in the clear, in its first 16 bytes
# SQLCipher surfaces a bad page as DatabaseError, and sometimes as MemoryError when a damaged
# length field asks for an absurd allocation.
DAMAGE_ERRORS = (sqlcipher3.DatabaseError, MemoryError)
CACHE_KIB = 32 * 1024  # a larger page cache makes encrypted reads as quick as plain ones


def _key_pragma(data_key: bytes) -> str:
    return f"x'{data_key.hex()}'"


def _quiet(dbapi_conn) -> None:
    # SQLCipher logs decryption failures straight to stderr; the store reports them as exceptions
    # instead, and the command line must print exactly one line.
    dbapi_conn.execute("PRAGMA cipher_log_level = NONE")


def _configure(dbapi_conn) -> None:
    """Pragmas for every connection, after the dialect has set the key."""
    # Let SQLAlchemy's "begin" event emit BEGIN itself: the driver's own implicit transactions start
    # only before INSERT/UPDATE/DELETE, which would leave reads and DDL (migrations) outside them.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.execute("PRAGMA cipher_compatibility = 4")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.close()


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def raw_connect(path: Path, data_key: bytes, *, read_only: bool = False) -> sqlcipher3.Connection:
    """A bare SQLCipher connection with the key set and no other statement run yet.

    A read-only connection never checkpoints a write-ahead log into the file when it closes.
    """
    if read_only:
        target, uri = Path(path).resolve().as_uri() + "?mode=ro", True
    else:
        target, uri = str(path), False
    conn = sqlcipher3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    try:
        _quiet(conn)
        conn.execute(f'PRAGMA key = "{_key_pragma(data_key)}"')
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return conn


def page_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Pages whose HMAC fails, as `PRAGMA cipher_integrity_check` names them; empty when all verify.

    It reads every page of the file (and the WAL) but needs no b-tree, so it works on any damage.
    """
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Every problem SQLCipher's page check and SQLite's integrity check report; empty when sound."""
    problems = page_problems(conn)
    if problems:
        return problems  # SQLite's own check would only stop at the first bad page
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except DAMAGE_ERRORS as exc:
        return [f"SQLite's integrity check failed: {exc or type(exc).__name__}"]
    return [] if rows == ["ok"] else rows


def _damage_detail(conn: sqlcipher3.Connection, exc: BaseException) -> str:
    """Name the damaged pages, when a read failed: SQLCipher's page check says which they are."""
    try:
        pages = page_problems(conn)
    except DAMAGE_ERRORS:
        pages = []
    if pages:
        return "; ".join(pages[:5]) + (f" (and {len(pages) - 5} more)" if len(pages) > 5 else "")
    return str(exc) or type(exc).__name__


def file_salt(path: Path) -> bytes:
    with Path(path).open("rb") as fh:
        return fh.read(SALT_SIZE)


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
    if size % PAGE_SIZE:
        raise NotACirclesDatabase(
            path, f"its size is not a whole number of {PAGE_SIZE}-byte pages: not a database, or cut short"
        )


def _refuse_other_key_file(path: Path, salt: bytes | None) -> None:
    # Without the right key an encrypted database and random bytes look alike; the salt in the clear
    # at the start of the file is what ties it to its key file.
    if salt is not None and file_salt(path) != salt:
        raise NotACirclesDatabase(path, "it belongs to a different key file, or is not a database at all")


def inspect(
    path: Path,
    data_key: bytes,
    database_id: str,
    check_pages: bool = True,
    *,
    full_check: bool = False,
    salt: bytes | None = None,
) -> str:
    """Check the file decrypts, belongs to this key file and is sound. Returns its schema revision.

    check_pages verifies every page's HMAC (SQLCipher's page check: any changed byte shows);
    full_check adds SQLite's integrity check of every b-tree and index, which is slower.
    salt, when the key file records it, tells a file of another key file from a damaged first page.

    Reads only: it sets no journal mode and writes nothing. When a write-ahead log is present (a
    crash, or another process has the database open) it reads through a read-only connection, so
    closing does not checkpoint the log into the file.
    """
    _refuse_foreign_file(path)
    _refuse_other_key_file(path, salt)
    wal = _wal(path)
    try:
        conn = raw_connect(path, data_key, read_only=wal.exists() and wal.stat().st_size > 0)
    except DAMAGE_ERRORS as exc:
        raise NotACirclesDatabase(path, f"it cannot be read: {exc}") from None
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DAMAGE_ERRORS as exc:
            if salt is not None:  # the file is this key file's, so its first page is damaged
                raise DatabaseDamaged(path, _damage_detail(conn, exc)) from None
            raise NotACirclesDatabase(
                path,
                "it does not decrypt with its key file's key: another file, or its first page is damaged",
            ) from None
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "database_info" not in tables:
                raise NotACirclesDatabase(path, "it has no Circles Desktop tables")
            row = conn.execute("SELECT database_id FROM database_info").fetchone()
            if row is None or row[0] != database_id:
                raise NotACirclesDatabase(path, "it belongs to a different key file")
            if check_pages or full_check:
                problems = integrity_problems(conn) if full_check else page_problems(conn)
                if problems:
                    raise DatabaseDamaged(path, "; ".join(problems[:5]))
            if "alembic_version" not in tables:
                raise NotACirclesDatabase(path, "it has no schema version")
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if rev is None:
                raise NotACirclesDatabase(path, "it has no schema version")
            return rev[0]
        except DAMAGE_ERRORS as exc:
            raise DatabaseDamaged(path, _damage_detail(conn, exc)) from None
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
        paths.root.mkdir(parents=True, exist_ok=True)
        key_file, data_key, recovery = KeyFile.create(passphrase, scrypt)
        paths.database.unlink(missing_ok=True)
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
            for p in (paths.database, _wal(paths.database), paths.database.with_name(DB_NAME + "-shm")):
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
        anything is wrong.
        """
        paths = DataPaths.at(data_dir)
        if not paths.database.exists():
            raise NoDatabase(paths.root)
        _refuse_foreign_file(paths.database)
        key_file = KeyFile.load(paths.key_file)
        _refuse_other_key_file(paths.database, key_file.database_salt)
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
        db = cls(paths, key_file, data_key)
        try:
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
        except BaseException as exc:
            s.rollback()
            damage = _underlying_damage(exc)
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
                return [_damage_detail(conn, exc)]

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
            # The copy has a salt of its own; its key file records it, so the pair opens together.
            backup_key_file = self.key_file.with_database_salt(file_salt(tmp))
            problems = verify_backup(tmp, self.data_key, self.database_id)
            if problems:
                raise BackupFailed(f"The backup did not verify: {'; '.join(problems[:3])}")
            os.replace(tmp, target)
            write_atomically(target.with_suffix(".key"), backup_key_file.to_bytes())
        except BackupFailed:
            tmp.unlink(missing_ok=True)
            raise
        except (OSError, *DAMAGE_ERRORS) as exc:
            tmp.unlink(missing_ok=True)
            raise BackupFailed(f"The backup to {target} could not be written: {exc}") from None
        return target

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
                if _underlying_damage(exc) is not None:
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
            return _damage_detail(conn, exc)
        finally:
            conn.close()

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
        # The driver no longer starts transactions itself (see _configure): start each one here, so a
        # unit of work's reads, writes and DDL are all inside it.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine


def verify_backup(path: Path, data_key: bytes, database_id: str) -> list[str]:
    """Problems found on reopening a backup (every page and SQLite's checks); empty when sound and ours."""
    try:
        inspect(path, data_key, database_id, check_pages=True, full_check=True)
    except (NotACirclesDatabase, DatabaseDamaged) as exc:
        return [str(exc)]
    return []


def _underlying_damage(exc: BaseException) -> BaseException | None:
    """The driver error under exc if it is one that means a damaged file, else None.

    Only the exact DatabaseError class (SQLITE_CORRUPT, SQLITE_NOTADB) and MemoryError: its
    subclasses (IntegrityError, OperationalError such as a busy database) are ordinary failures.
    """
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        if isinstance(current, MemoryError) or type(current) is sqlcipher3.DatabaseError:
            return current
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
        seen += 1
    return None


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
