"""The SQLCipher connection itself: keying, the pragmas every connection gets, and the page checks.

Everything here works on a bare sqlcipher3 connection, so the engine, inspection, backups and
restores share one way of keying a file and one way of asking whether its pages are sound.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's default, which the store never changes
SALT_SIZE = 16  # SQLCipher keeps each file's random salt, in the clear, in its first 16 bytes
# SQLCipher surfaces a bad page as DatabaseError, and sometimes as MemoryError when a damaged
# length field asks for an absurd allocation.
DAMAGE_ERRORS = (sqlcipher3.DatabaseError, MemoryError)
CACHE_KIB = 32 * 1024  # a larger page cache makes encrypted reads as quick as plain ones


def key_pragma(data_key: bytes) -> str:
    return f"x'{data_key.hex()}'"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def quiet(dbapi_conn) -> None:
    # SQLCipher logs decryption failures straight to stderr; the store reports them as exceptions
    # instead, and the command line must print exactly one line.
    dbapi_conn.execute("PRAGMA cipher_log_level = NONE")


def configure(dbapi_conn) -> None:
    """Pragmas for every engine connection, after the dialect has set the key."""
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


def raw_connect(
    path: Path, data_key: bytes, *, read_only: bool = False, immutable: bool = False
) -> sqlcipher3.Connection:
    """A bare SQLCipher connection with the key set and no other statement run yet.

    A read-only connection never checkpoints a write-ahead log into the file when it closes; an
    immutable one (for a folder that cannot be written, with no log) needs no -shm either.
    """
    if read_only or immutable:
        target, uri = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro"), True
    else:
        target, uri = str(path), False
    conn = sqlcipher3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    try:
        quiet(conn)
        conn.execute(f'PRAGMA key = "{key_pragma(data_key)}"')
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return conn


def page_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Pages whose HMAC fails, as `PRAGMA cipher_integrity_check` names them; empty when all verify.

    It reads every page of the file but needs no b-tree, so it works on any damage. It does not read
    a write-ahead log: pages there are checked only as SQLite reads them (see structure_problems).
    """
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]


def structure_problems(conn: sqlcipher3.Connection, *, full: bool) -> list[str]:
    """SQLite's own check, reading every page in use (from the log where it has a newer copy), each
    through SQLCipher's HMAC check. full compares every index with its table too (much slower)."""
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
    except DAMAGE_ERRORS as exc:
        return [f"SQLite's integrity check failed: {exc or type(exc).__name__}"]
    return [] if rows == ["ok"] else rows


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Every problem SQLCipher's page check and SQLite's integrity check report; empty when sound."""
    problems = page_problems(conn)
    if problems:
        return problems  # SQLite's own check would only stop at the first bad page
    return structure_problems(conn, full=True)


def damage_detail(conn: sqlcipher3.Connection, exc: BaseException) -> str:
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


def underlying_damage(exc: BaseException) -> BaseException | None:
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
