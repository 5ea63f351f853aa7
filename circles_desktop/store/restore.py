"""Putting a verified backup in place of the live database; the live one is kept as a safety copy.

1. Stage: the backup is copied into `<data>/.restoring/` (on the same drive, so it can be renamed
   into place) and that copy, the one that will be used, is verified thoroughly. A refusal removes
   the staging folder: the data folder is left as it was.
2. Swap, once the coordinator has confirmed: a journal is written; every file of the live database
   (database, its log, key file, anchor) is linked (or, where links are impossible, copied) into
   `safety/before-restore-<when>/`, never deleted, so even a damaged database is kept; then the
   staged files are renamed over the live ones, each rename atomic.
3. A crash part-way leaves the journal: opening the data folder finishes the swap first, so the
   folder always ends with one whole database and its own key file, and the one before kept.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from circles_desktop.store import anchor, backup
from circles_desktop.store.errors import BackupRefused, Cancelled, NotACirclesDatabase, StoreError
from circles_desktop.store.inspection import inspect, refuse_foreign_file, refuse_other_key_file
from circles_desktop.store.keyfile import KeyFile, write_atomically
from circles_desktop.store.notices import RESTORE_FINISHED, Notice
from circles_desktop.store.paths import DB_NAME, KEY_NAME, DataPaths
from circles_desktop.store.private import private_folder, tighten
from circles_desktop.store.sqlcipher import DAMAGE_ERRORS, file_salt, raw_connect, shm_path, wal_path

STAGING = ".restoring"
JOURNAL = "journal.json"
CHUNK = 4 * 1024 * 1024
READING = "Reading the backup"


@dataclass(frozen=True)
class Staged:
    source: Path  # the backup file chosen
    database: Path  # its copy in the staging folder
    key_file: KeyFile  # the backup's own key file
    data_key: bytes
    revision: str
    head: anchor.Head  # the copy's newest audit entry

    @property
    def folder(self) -> Path:
        return self.database.parent


def staging(paths: DataPaths) -> Path:
    return paths.root / STAGING


def stage(
    paths: DataPaths,
    source: Path,
    key_file: KeyFile,
    data_key: bytes,
    *,
    progress: backup.Progress | None = None,
    cancelled: backup.IsCancelled | None = None,
) -> Staged:
    """Copy the backup beside the live database and verify that copy; BackupRefused if it will not do."""
    folder = staging(paths)
    made_root = not paths.root.exists()
    if not (folder / JOURNAL).exists():
        shutil.rmtree(folder, ignore_errors=True)  # left by a restore that never reached its swap
    try:
        private_folder(folder)
        copy = folder / DB_NAME
        _copy(source, copy, progress or backup.silent, cancelled or backup.never)
        revision = _readable(copy, source, key_file, data_key)
        problems, head = backup.verify(
            copy, data_key, key_file.database_id, thorough=True, progress=progress, cancelled=cancelled
        )
        if problems:
            raise BackupRefused(source, f"it is damaged ({'; '.join(problems[:3])})")
        return Staged(source, copy, key_file, data_key, revision, head)
    except BaseException:
        discard(paths)
        if made_root:
            shutil.rmtree(paths.root, ignore_errors=True)
        raise


def _readable(copy: Path, source: Path, key_file: KeyFile, data_key: bytes) -> str:
    """The copy's schema revision, once it is known to decrypt as this key file's database."""
    try:
        refuse_foreign_file(copy)
        refuse_other_key_file(copy, key_file.database_salt)
        return inspect(copy, data_key, key_file.database_id, check_pages=False, salt=key_file.database_salt)
    except NotACirclesDatabase as exc:
        raise BackupRefused(source, _why(exc)) from None
    except StoreError as exc:  # damaged
        raise BackupRefused(source, f"it is damaged ({getattr(exc, 'detail', exc)})") from None


def _why(exc: NotACirclesDatabase) -> str:
    text = str(exc)
    reason = text[text.find("(") + 1 : text.rfind(")")] if "(" in text else "it is not one"
    return f"it is not a Circles Desktop backup that its key file opens ({reason})"


def _copy(source: Path, target: Path, progress: backup.Progress, cancelled: backup.IsCancelled) -> None:
    total = source.stat().st_size
    done = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        tighten(target)
        with source.open("rb") as src:
            while chunk := src.read(CHUNK):
                os.write(fd, chunk)
                done += len(chunk)
                progress(READING, done, total)
                if cancelled():
                    raise Cancelled("The restore")
        os.fsync(fd)
    finally:
        os.close(fd)


def counts(staged: Staged, tables: list[str]) -> dict[str, int]:
    """How many rows each named table of the staged copy holds (a table it lacks is left out)."""
    conn = raw_connect(staged.database, staged.data_key, read_only=True)
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables if t in present}
    finally:
        conn.close()


def newest_entry_at(staged: Staged) -> str | None:
    conn = raw_connect(staged.database, staged.data_key, read_only=True)
    try:
        row = conn.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None
    except DAMAGE_ERRORS:
        return None
    finally:
        conn.close()


def discard(paths: DataPaths) -> None:
    """Remove the staging folder of a restore that was refused, cancelled or not confirmed."""
    if not (staging(paths) / JOURNAL).exists():
        shutil.rmtree(staging(paths), ignore_errors=True)


def swap(paths: DataPaths, staged: Staged, install: KeyFile) -> Path:
    """Put the staged copy in place, keeping the live files; returns the safety copy's folder.

    install is the key file the restored database will have (the backup's, or the live one's when
    the coordinator unlocked with it): its wraps, with the staged copy's salt.
    """
    folder = staged.folder
    salt = file_salt(staged.database)
    write_atomically(folder / KEY_NAME, install.for_live_database(salt).to_bytes())
    anchor.write(folder / paths.anchor.name, staged.data_key, install.database_id, staged.head)
    safety = paths.safety / f"before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}"
    journal = {"backup": str(staged.source), "safety": safety.name, "stage": "ready"}
    write_atomically(folder / JOURNAL, json.dumps(journal).encode("utf-8"))
    _complete(paths, journal)
    return safety


def finish_interrupted(paths: DataPaths) -> Notice | None:
    """Finish a swap a crash interrupted (opening calls this first); None when there was none."""
    path = staging(paths) / JOURNAL
    try:
        journal = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, OSError):  # a journal only half written: the swap had not begun
        shutil.rmtree(staging(paths), ignore_errors=True)
        return None
    _complete(paths, journal)
    return Notice(
        RESTORE_FINISHED,
        f"A restore of the backup {journal['backup']} was interrupted; it has now been finished. The "
        f"database as it was before is kept in {paths.safety / journal['safety']}.",
        damage=False,
        kept=paths.safety / journal["safety"],
    )


def _live_files(paths: DataPaths) -> list[Path]:
    db = paths.database
    return [db, wal_path(db), paths.key_file, paths.anchor]


def _complete(paths: DataPaths, journal: dict) -> None:
    folder, safety = staging(paths), paths.safety / journal["safety"]
    if journal["stage"] == "ready":
        private_folder(safety)
        for live in _live_files(paths):
            _keep(live, safety / live.name)
        backup.sync_folder(safety)
        journal = {**journal, "stage": "kept"}
        write_atomically(folder / JOURNAL, json.dumps(journal).encode("utf-8"))
    # The old log and wal-index belong to the old database: never leave them beside the new one.
    wal_path(paths.database).unlink(missing_ok=True)
    shm_path(paths.database).unlink(missing_ok=True)
    for name in (DB_NAME, KEY_NAME, paths.anchor.name):
        staged = folder / name
        if staged.exists():
            os.replace(staged, paths.root / name)
    backup.sync_folder(paths.root)
    shutil.rmtree(folder, ignore_errors=True)


def _keep(live: Path, kept: Path) -> None:
    if not live.exists() or kept.exists():
        return
    try:
        os.link(live, kept)  # the same file under a second name: instant, whatever its state
    except OSError:
        partial = kept.with_name(kept.name + ".partial")  # a copy cut short never takes the real name
        shutil.copyfile(live, partial)
        tighten(partial)
        os.replace(partial, kept)
