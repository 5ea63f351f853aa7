"""Checking a database file before anything is written to it: is it ours, does it decrypt, is it sound.

Every check here only reads. A write-ahead log left beside the file (by a crash, or by another
process that has the database open) is read from a private scratch folder holding the database
(hard-linked, or copied where links are not possible) and a copy of the log: reading a log makes
SQLite write a wal-index (-shm), and a refusal must leave the data folder's files exactly as they were.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from circles_desktop.store.errors import DatabaseDamaged, LogNotApplicable, NotACirclesDatabase
from circles_desktop.store.sqlcipher import (
    DAMAGE_ERRORS,
    PAGE_SIZE,
    SQLITE_HEADER,
    damage_detail,
    file_salt,
    integrity_problems,
    page_problems,
    raw_connect,
    structure_problems,
    wal_path,
)


def refuse_foreign_file(path: Path) -> None:
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


def refuse_other_key_file(path: Path, salt: bytes | None) -> None:
    # Without the right key an encrypted database and random bytes look alike; the salt in the clear
    # at the start of the file is what ties it to its key file.
    if salt is not None and file_salt(path) != salt:
        raise NotACirclesDatabase(path, "it belongs to a different key file, or is not a database at all")


def has_log(path: Path) -> bool:
    wal = wal_path(path)
    return wal.exists() and wal.stat().st_size > 0


def writable(folder: Path, *files: Path) -> bool:
    """Whether the folder (and each file in it that exists) can be written: a read-only drive or
    mount, or permissions that forbid it, make it false."""
    return os.access(folder, os.W_OK) and all(os.access(f, os.W_OK) for f in files if f.exists())


def _scratch_folder(beside: Path) -> tuple[Path, bool]:
    """A private temporary folder, on the same drive as the database when possible (for a link)."""
    try:
        return Path(tempfile.mkdtemp(prefix=".checking-", dir=beside)), True
    except OSError:  # a read-only data folder: the system's temporary folder instead
        return Path(tempfile.mkdtemp(prefix="circles-checking-")), False


@contextlib.contextmanager
def scratch_copy(path: Path, *, with_log: bool = True) -> Iterator[Path]:
    """The database (and, with_log, its write-ahead log) in a scratch folder, removed afterwards."""
    scratch, same_drive = _scratch_folder(path.parent)
    try:
        copy = scratch / path.name
        try:
            if not same_drive:
                raise OSError("not on the same drive")
            os.link(path, copy)  # instant, and safe: it is only ever opened read-only
        except OSError:
            shutil.copyfile(path, copy)
        if with_log and has_log(path):
            shutil.copyfile(wal_path(path), wal_path(copy))
        yield copy
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def reading(path: Path, data_key: bytes) -> Iterator[sqlcipher3.Connection]:
    """A connection that reads the file (and its log, if any) without writing to the data folder."""
    if has_log(path):
        with scratch_copy(path) as copy:
            conn = raw_connect(copy, data_key, read_only=True)
            try:
                yield conn
            finally:
                conn.close()
        return
    # Without a log, a read-write connection reads the file as it is and removes the -wal and -shm
    # it makes when it closes; a folder that cannot be written is read as an unchanging file.
    immutable = not writable(path.parent, path)
    conn = raw_connect(path, data_key, read_only=immutable, immutable=immutable)
    try:
        yield conn
    finally:
        conn.close()


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
    """
    refuse_foreign_file(path)
    refuse_other_key_file(path, salt)
    try:
        return _inspect(path, data_key, database_id, check_pages, full_check, salt)
    except (NotACirclesDatabase, DatabaseDamaged) as exc:
        if has_log(path) and _sound_without_log(path, data_key, database_id, salt):
            raise LogNotApplicable(path, str(exc)) from None
        raise


def _sound_without_log(path: Path, data_key: bytes, database_id: str, salt: bytes | None) -> bool:
    """Whether the file alone is sound: then it is the log beside it that does not belong."""
    with scratch_copy(path, with_log=False) as copy:
        try:
            _inspect(copy, data_key, database_id, True, False, salt)
        except (NotACirclesDatabase, DatabaseDamaged):
            return False
    return True


def _inspect(path: Path, data_key: bytes, database_id: str, check_pages: bool, full_check: bool, salt) -> str:
    try:
        with reading(path, data_key) as conn:
            _readable_as_ours(conn, path, salt)
            return _schema_if_sound(conn, path, database_id, check_pages, full_check)
    except DAMAGE_ERRORS as exc:  # the checks below name the damage; this is the file not opening at all
        raise NotACirclesDatabase(path, f"it cannot be read: {exc}") from None


def _readable_as_ours(conn: sqlcipher3.Connection, path: Path, salt: bytes | None) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DAMAGE_ERRORS as exc:
        if salt is not None:  # the file is this key file's, so its first page is damaged
            raise DatabaseDamaged(path, damage_detail(conn, exc)) from None
        raise NotACirclesDatabase(
            path,
            "it does not decrypt with its key file's key: another file, or its first page is damaged",
        ) from None


def _schema_if_sound(conn, path: Path, database_id: str, check_pages: bool, full_check: bool) -> str:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "database_info" not in tables:
            raise NotACirclesDatabase(path, "it has no Circles Desktop tables")
        row = conn.execute("SELECT database_id FROM database_info").fetchone()
        if row is None or row[0] != database_id:
            raise NotACirclesDatabase(path, "it belongs to a different key file")
        if check_pages or full_check:
            problems = integrity_problems(conn) if full_check else page_problems(conn)
            if not problems and not full_check and has_log(path):
                # The page check does not read the log: SQLite's structural check reads its pages.
                problems = structure_problems(conn, full=False)
            if problems:
                raise DatabaseDamaged(path, "; ".join(problems[:5]))
        if "alembic_version" not in tables:
            raise NotACirclesDatabase(path, "it has no schema version")
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if rev is None:
            raise NotACirclesDatabase(path, "it has no schema version")
        return rev[0]
    except DAMAGE_ERRORS as exc:
        raise DatabaseDamaged(path, damage_detail(conn, exc)) from None
