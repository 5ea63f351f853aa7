"""Copying an open database to a verified backup file with SQLite's backup API, in steps.

The copy is written to `<name>.partial`, made private before SQLite opens it, and only renamed to its
real name once it has been synced and verified, so a backup file with its real name is always whole.
Cancelling or failing at any point removes the partial file.

What verification proves, and how it keeps within a few times the cost of the copy itself:
- the copy opens with the data key and is this database (its database_id), read back from disk;
- every page's HMAC is sound (`cipher_integrity_check`, every page of the file, free ones too): each
  page on disk is exactly the page SQLCipher encrypted, so the copy holds the live database's pages
  as they were at one moment, nothing torn, nothing lost on the way to the drive.
What it leaves to `check` and to restoring: SQLite's structural checks (`quick_check` walks every
b-tree, `integrity_check` also compares every index with its table). The backup API copies the pages
as they are, so once every page is proven intact a copy's structure is exactly the live database's:
that is the live database's property, checked by `check`, not again for every copy. A restore runs
them all on the copy it is about to use (thorough), since a file may have travelled on a drive since
it was made. Measured in benchmarks/backup.py: the structural check cost twice the page check.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from circles_desktop.store.anchor import Head, head
from circles_desktop.store.errors import BackupFailed, Cancelled
from circles_desktop.store.private import create_private_file
from circles_desktop.store.sqlcipher import DAMAGE_ERRORS, page_problems, raw_connect

Progress = Callable[[str, int, int], None]  # (what is being done, done, total): total 0 when unknown
IsCancelled = Callable[[], bool]

STEP_PAGES = 2048  # 8 MiB a step: progress often enough, and Cancel answered within a fraction of a second
CHECK_OPS_PER_TICK = 2000
# SQLite's checks run about this many thousand virtual-machine steps per page (measured on the demo
# database): enough to move a progress bar steadily, never to promise a finish time.
KOPS_PER_PAGE = {"integrity_check": 1.2}
COPYING = "Copying"
CHECKING = "Checking the copy"


def never() -> bool:
    return False


def silent(_what: str, _done: int, _total: int) -> None:
    return None


def copy_to(
    source: sqlcipher3.Connection,
    target: Path,
    data_key: bytes,
    *,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Path:
    """Copy the open database to target.partial, in steps; returns the partial file (synced)."""
    progress, cancelled = progress or silent, cancelled or never
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    dest = raw_connect(partial, data_key)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            progress(COPYING, total - remaining, total)
            if cancelled():
                raise Cancelled()

        # One read transaction for the whole copy: the backup sees one moment of the database, and
        # the app's writes meanwhile (to the log) do not make it start again from the first page.
        source.execute("BEGIN")
        try:
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            source.backup(dest, pages=STEP_PAGES, progress=step)
        finally:
            source.execute("COMMIT")
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one file, with no log beside it
    finally:
        dest.close()
    _sync(partial)
    return partial


def verify(
    path: Path,
    data_key: bytes,
    database_id: str,
    *,
    thorough: bool = False,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> tuple[list[str], Head]:
    """Problems found reading the copy back (empty when sound), and its newest audit entry.

    thorough (for a restore) adds SQLite's full integrity check: the file may have travelled on a drive
    since it was made.
    """
    progress, cancelled = progress or silent, cancelled or never
    conn = raw_connect(path, data_key, read_only=True)
    try:
        row = conn.execute("SELECT database_id FROM database_info").fetchone()
        if row is None or row[0] != database_id:
            return ["it is a copy of another database"], Head(0, "")
        if cancelled():
            raise Cancelled()
        progress(CHECKING, 0, 0)
        problems = page_problems(conn)  # one C loop over the pages: Cancel is answered after it
        if not problems and thorough:
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            problems = _checked(conn, "integrity_check", pages, progress, cancelled)
        return problems, head(conn)  # a restore anchors the log at the copy's newest entry
    except DAMAGE_ERRORS as exc:
        if isinstance(exc, sqlcipher3.OperationalError) and "interrupted" in str(exc) and cancelled():
            raise Cancelled() from None
        return [str(exc) or type(exc).__name__], Head(0, "")
    finally:
        conn.close()


def _checked(conn: sqlcipher3.Connection, check: str, pages: int, progress: Progress, cancelled: IsCancelled):
    expected = max(1, int(KOPS_PER_PAGE[check] * 1000 * pages / CHECK_OPS_PER_TICK))
    ticks = [0]

    def tick() -> int:
        ticks[0] += 1
        progress(CHECKING, min(ticks[0], expected - 1), expected)
        return 1 if cancelled() else 0  # non-zero interrupts the check

    conn.set_progress_handler(tick, CHECK_OPS_PER_TICK)
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA {check}")]
    finally:
        conn.set_progress_handler(None, 0)
    progress(CHECKING, expected, expected)
    return [] if rows == ["ok"] else rows


def finish(partial: Path, target: Path) -> Path:
    """Give the verified copy its real name."""
    os.replace(partial, target)
    sync_folder(target.parent)
    return target


def discard(partial: Path) -> None:
    partial.unlink(missing_ok=True)
    partial.with_name(partial.name + "-journal").unlink(missing_ok=True)


def failed(target: Path, exc: BaseException) -> BackupFailed:
    return BackupFailed(f"The backup to {target} could not be written: {exc}")


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
