"""A write-ahead log left beside the database: kept before opening, and judged after.

Before the database is opened for writing, the log is read (store/wal.py) and copied into the
data folder's safety/ folder. When its reading says SQLite will drop transactions that were written
whole, the database file as it was is copied there too, so the pair can still be examined by hand.
After opening, SQLite's own count of the frames it applied says whether any were dropped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from circles_desktop.store import wal
from circles_desktop.store.notices import LOG_APPLIED, LOST_CHANGES, Notice
from circles_desktop.store.paths import DataPaths
from circles_desktop.store.private import private_folder, tighten
from circles_desktop.store.sqlcipher import PAGE_SIZE, wal_path


@dataclass(frozen=True)
class Leftover:
    reading: wal.WalReading
    salts: bytes  # the log header's salts as read: changed later only by a complete checkpoint
    kept: Path


def _copy(source: Path, folder: Path) -> None:
    target = folder / source.name
    shutil.copyfile(source, target)
    tighten(target)


def keep(paths: DataPaths) -> Leftover | None:
    """Read and copy a leftover log (and, when it would lose changes, the database as it is)."""
    log = wal_path(paths.database)
    reading = wal.read(log, PAGE_SIZE)
    if reading is None:
        return None
    folder = private_folder(paths.safety / f"log-{datetime.now():%Y%m%d-%H%M%S-%f}")
    _copy(log, folder)
    if reading.lost_commits:
        _copy(paths.database, folder)
        _copy(paths.key_file, folder)
    return Leftover(reading, _salts(log), folder)


def _salts(log: Path) -> bytes:
    try:
        with log.open("rb") as fh:
            return fh.read(wal.HEADER)[16:24]
    except FileNotFoundError:
        return b""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def verdict(paths: DataPaths, leftover: Leftover, applied_frames: int) -> Notice | None:
    """Whether SQLite applied everything the log held; removes the copy when it did. None when the
    log held no saved change at all (the crash came before anything was saved)."""
    reading = leftover.reading
    # A log whose salts have changed since it was read was checkpointed whole (by another process
    # that had the database open) and started again: nothing of what was read was dropped.
    lost = 0 if _salts(wal_path(paths.database)) not in (leftover.salts, b"") else reading.lost_after(applied_frames)
    found = len(reading.found_commits)
    if not lost:
        shutil.rmtree(leftover.kept, ignore_errors=True)
        if not found:
            return None
        return Notice(
            LOG_APPLIED,
            "Circles Desktop was not closed properly last time; "
            f"{_plural(found, 'change', 'changes')} saved just before were recovered from its log.",
            damage=False,
        )
    kept_what = "the log and the database as they were" if reading.lost_commits else "the log"
    return Notice(
        LOST_CHANGES,
        f"Circles Desktop was not closed properly last time, and {_plural(lost, 'saved change', 'saved changes')} "
        f"could not be recovered from its log because {reading.why_lost()}: they are missing from the records. "
        f"A copy of {kept_what} is kept in {leftover.kept}. Restore the newest backup, or ask for help before "
        "entering the missing changes again.",
        damage=True,
        kept=leftover.kept,
    )
