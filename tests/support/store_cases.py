"""Broken data folders for the error tests (store and CLI): each case builds one and says what to expect.

Every builder takes a data folder holding a freshly created, closed database (the `created` fixture)
and returns the secret to unlock with. The database is filled with enough rows to span many pages,
so a damaged middle page is one that SQLCipher's page check, not the schema read, finds.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from circles_desktop.store import database as store_db
from circles_desktop.store import errors, sqlcipher
from circles_desktop.store.keyfile import format_recovery_key
from support import PASSPHRASE

PAGE = 4096
FILLER_ROWS = 1500  # about 90 pages


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (relative path -> SHA-256), directories marked; -wal/-shm included."""
    out: dict[str, str] = {}
    for p in sorted(Path(root).rglob("*")):
        rel = str(p.relative_to(root))
        out[rel] = "<dir>" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def fill(data_dir: Path, rows: int = FILLER_ROWS) -> None:
    """Add a table of rows so the database spans many pages; close cleanly (WAL checkpointed)."""
    db = store_db.Database.open(data_dir, PASSPHRASE)
    try:
        with db._raw() as conn:
            conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            conn.execute("BEGIN")
            body = [(f"row {i} " + "x" * 200,) for i in range(rows)]
            conn.executemany("INSERT INTO filler (body) VALUES (?)", body)
            conn.execute("COMMIT")
    finally:
        db.close()


def data_key(data_dir: Path) -> bytes:
    from circles_desktop.store.keyfile import KeyFile

    return KeyFile.load(data_dir / "circles.key").unwrap(PASSPHRASE)


def damage_page(data_dir: Path) -> int:
    """Flip bytes in a middle page of a cleanly closed database; returns the page number (1-based)."""
    path = data_dir / "circles.db"
    assert not (data_dir / "circles.db-wal").exists(), "the WAL must be checkpointed first"
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 80, f"only {pages} pages: the test needs a database spanning many pages"
    # The filler rows were added last to a fresh file, so they fill its last ~80 pages: this page is
    # in the middle of the filler table, which a read of every row must touch.
    page = pages - 30
    for i in range(64):
        data[(page - 1) * PAGE + 200 + i] ^= 0xA5
    path.write_bytes(bytes(data))
    return page


def _rewrite_key_json(data_dir: Path, change) -> None:
    path = data_dir / "circles.key"
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc, indent=2) + "\n")


def _flip_wrapped_key(doc: dict) -> None:
    raw = bytearray(base64.b64decode(doc["passphrase_wrap"]["ciphertext"]))
    raw[5] ^= 0x01
    doc["passphrase_wrap"]["ciphertext"] = base64.b64encode(bytes(raw)).decode()  # checksum left as it was


def _plain_sqlite(data_dir: Path) -> None:
    path = data_dir / "circles.db"
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('someone')")
    conn.commit()
    conn.close()


def _too_new(data_dir: Path) -> None:
    conn = sqlcipher.raw_connect(data_dir / "circles.db", data_key(data_dir))
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()


def _other_key_file(data_dir: Path) -> None:
    other = data_dir.parent / "other"
    from circles_desktop.store.database import Database

    db, _ = Database.create(other, PASSPHRASE)  # same passphrase: the key file unwraps, to the wrong key
    db.close()
    shutil.copyfile(other / "circles.key", data_dir / "circles.key")


@dataclass(frozen=True)
class Case:
    name: str
    error: type
    fragment: str  # must appear in the message
    secret: str = PASSPHRASE

    def build(self, data_dir: Path, recovery: str) -> str:
        """Break data_dir; returns the secret to try (recovery is the folder's real recovery key)."""
        BUILDERS[self.name](data_dir)
        return self.secret


def _random(size: int):
    def build(data_dir: Path) -> None:
        (data_dir / "circles.db").write_bytes(os.urandom(size))

    return build


BUILDERS = {
    "wrong passphrase": lambda d: None,
    "wrong recovery key": lambda d: None,
    "plain SQLite": _plain_sqlite,
    "random 100 bytes": _random(100),
    "random 3000 bytes": _random(3000),
    "random 5000 bytes": _random(5000),
    "random 8192 bytes": _random(8192),
    "empty file": lambda d: (d / "circles.db").write_bytes(b""),
    "missing key file": lambda d: (d / "circles.key").unlink(),
    "truncated key file": lambda d: (d / "circles.key").write_bytes((d / "circles.key").read_bytes()[:150]),
    "key file not JSON": lambda d: (d / "circles.key").write_bytes(b"{'this is': not json}\n"),
    "empty key file": lambda d: (d / "circles.key").write_bytes(b""),
    "flipped byte in wrapped key": lambda d: _rewrite_key_json(d, _flip_wrapped_key),
    "key file of another database": _other_key_file,
    "damaged page": damage_page,
    "newer schema": _too_new,
}

WRONG_RECOVERY = format_recovery_key(b"\1" * 32)
CASES = [
    Case("wrong passphrase", errors.WrongPassphrase, "That passphrase is not right", PASSPHRASE + "!"),
    Case("wrong recovery key", errors.WrongPassphrase, "That recovery key is not right", WRONG_RECOVERY),
    Case("plain SQLite", errors.NotACirclesDatabase, "it is an unencrypted SQLite database"),
    Case("random 100 bytes", errors.NotACirclesDatabase, "the file is too small"),
    Case("random 3000 bytes", errors.NotACirclesDatabase, "not a whole number of 4096-byte pages"),
    Case("random 5000 bytes", errors.NotACirclesDatabase, "not a whole number of 4096-byte pages"),
    # Without the key, whole pages of random bytes and another database's file look alike.
    Case("random 8192 bytes", errors.NotACirclesDatabase, "belongs to a different key file, or is not a"),
    Case("empty file", errors.NotACirclesDatabase, "the file is empty"),
    Case("missing key file", errors.KeyFileMissing, "is missing"),
    Case("truncated key file", errors.KeyFileDamaged, "it ends too early"),
    Case("key file not JSON", errors.KeyFileDamaged, "Expecting property name"),
    Case("empty key file", errors.KeyFileDamaged, "it is empty"),
    Case("flipped byte in wrapped key", errors.KeyFileDamaged, "checksum does not match"),
    Case("key file of another database", errors.NotACirclesDatabase, "belongs to a different key file"),
    Case("damaged page", errors.DatabaseDamaged, "HMAC verification failed for page {page}"),
    Case("newer schema", errors.DatabaseTooNew, "schema 9999_from_the_future"),
]


def crash_with_log(data_dir: Path, where: Path, commits: int = 50) -> Path:
    """`where`: the data folder as a crash would leave it with `commits` saved transactions still in
    its write-ahead log (database, -wal and -shm copied while the database is open and unchanged since)."""
    from sqlalchemy import text

    db = store_db.Database.open(data_dir, PASSPHRASE)
    try:
        with db.session() as s:
            s.execute(text("CREATE TABLE IF NOT EXISTS saved (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
        db.engine.dispose()  # the table checkpointed into the file: only the saves below stay in the log
        for i in range(commits):
            with db.session() as s:
                s.execute(text("INSERT INTO saved (body) VALUES (:b)"), {"b": f"save {i} " + "x" * 300})
        shutil.copytree(data_dir, where)
    finally:
        db.close()
    assert (where / "circles.db-wal").stat().st_size > 0
    return where


def saved_rows(data_dir: Path) -> int:
    from sqlalchemy import text

    db = store_db.Database.open(data_dir, PASSPHRASE)
    try:
        with db.session() as s:
            return int(s.execute(text("SELECT count(*) FROM saved")).scalar_one())
    finally:
        db.close()


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
