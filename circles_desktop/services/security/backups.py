"""Backups made for the coordinator: where to, how often, how many kept, and the last verified one.

The policy and the history of verified backups are kept in `backups.json` in the data folder, not in
the database: the folder is a place on this computer (often a removable drive), and restoring an
older copy of the database must not make the app forget the backups made since. The file holds
times, paths and sizes only, never a record's content.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from circles_desktop.services.common.validation import Problems, ValidationError
from circles_desktop.services.common.words import plural, uk_date_time
from circles_desktop.services.security import audit
from circles_desktop.store import backup as store_backup
from circles_desktop.store.database import Database
from circles_desktop.store.errors import StoreError
from circles_desktop.store.keyfile import KeyFile, write_atomically
from circles_desktop.store.paths import DataPaths

SETTINGS_NAME = "backups.json"
PREFIX = "circles-backup-"
HISTORY_KEPT = 30
SCHEDULED, ON_QUIT, BY_HAND = "scheduled", "on quit", "by hand"
LIMITS = {"every_days": (0, 30), "keep": (1, 100), "remind_after_days": (1, 90)}
_lock = threading.Lock()  # the worker records a backup while the Settings screen may save the policy


@dataclass(frozen=True)
class Policy:
    folder: str | None = None  # None: the data folder's backups/, until the coordinator chooses one
    every_days: int = 1  # 0: only by hand and on quitting
    on_quit: bool = True
    keep: int = 10  # automatic backups kept in the folder; older ones are removed
    remind_after_days: int = 7


@dataclass(frozen=True)
class Made:
    at: str  # ISO 8601, UTC
    path: str
    reason: str
    size: int

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


@dataclass(frozen=True)
class Settings:
    policy: Policy = field(default_factory=Policy)
    history: tuple[Made, ...] = ()


def _path(paths: DataPaths) -> Path:
    return paths.root / SETTINGS_NAME


def load(paths: DataPaths) -> Settings:
    """The policy and history; the defaults when there are none yet, or the file is unreadable."""
    try:
        doc = json.loads(_path(paths).read_text("utf-8"))
        policy = Policy(**{k: v for k, v in doc.get("policy", {}).items() if k in Policy.__dataclass_fields__})
        history = tuple(Made(**m) for m in doc.get("history", []))
    except FileNotFoundError:
        return Settings()
    except (ValueError, TypeError, AttributeError):  # a damaged settings file must not stop backups
        return Settings()
    return Settings(policy, history)


def _save(paths: DataPaths, settings: Settings) -> None:
    doc = {"policy": asdict(settings.policy), "history": [asdict(m) for m in settings.history[-HISTORY_KEPT:]]}
    write_atomically(_path(paths), (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


def save_policy(paths: DataPaths, policy: Policy) -> Policy:
    """Check and keep the policy; ValidationError with a message beside each field that is wrong."""
    problems = Problems()
    for name, (low, high) in LIMITS.items():
        value = getattr(policy, name)
        if not isinstance(value, int) or not low <= value <= high:
            problems.add(name, f"Choose a number from {low} to {high}.")
    if policy.folder is not None and not Path(policy.folder).is_dir():
        problems.add("folder", f"The folder {policy.folder} is not there. Choose a folder that exists.")
    problems.raise_if_any()
    with _lock:
        _save(paths, replace(load(paths), policy=policy))
    return policy


def folder(paths: DataPaths, policy: Policy) -> Path:
    return Path(policy.folder) if policy.folder else paths.backups


def last_verified(paths: DataPaths) -> Made | None:
    history = load(paths).history
    return history[-1] if history else None


@dataclass(frozen=True)
class Status:
    """What Home and Settings say about backups."""

    last: Made | None
    reminder_due: bool
    message: str


def status(paths: DataPaths, now: datetime | None = None) -> Status:
    """The last verified backup, and whether it is older than the coordinator wants to be reminded at."""
    settings = load(paths)
    now = now or datetime.now(UTC)
    last = settings.history[-1] if settings.history else None
    if last is None:
        return Status(None, True, "No backup has been made yet. Back up now, to a removable drive if you can.")
    age = now - last.when
    due = age >= timedelta(days=settings.policy.remind_after_days)
    days = plural(age.days, "day")
    ago = "today" if age.days == 0 else f"{days} ago"
    said = f"Last verified backup: {uk_date_time(last.when.astimezone())} ({ago}), to {Path(last.path).parent}."
    if due:
        said += f" That is more than {plural(settings.policy.remind_after_days, 'day')} old: back up now."
    return Status(last, due, said)


def due(paths: DataPaths, now: datetime | None = None) -> bool:
    """Whether the schedule asks for a backup now: none yet, or the last is a whole period old."""
    settings = load(paths)
    if settings.policy.every_days == 0:
        return False
    if not settings.history:
        return True
    now = now or datetime.now(UTC)
    return now - settings.history[-1].when >= timedelta(days=settings.policy.every_days)


UNDER_WAY = "No backup was started: another is being made (see the status bar). Back up again once it has finished."
_one_at_a_time = threading.Lock()  # a scheduled backup and one by hand never write side by side


def back_up(
    db: Database,
    reason: str,
    *,
    target: Path | None = None,
    progress: store_backup.Progress | None = None,
    cancelled: store_backup.IsCancelled | None = None,
    now: datetime | None = None,
) -> Made:
    """A verified backup, recorded in the history and the audit log; older automatic ones pruned.

    target, for a backup by hand to a file the coordinator chose; otherwise a dated file in the
    policy's folder. A folder that is not there (a drive not plugged in) is a ValidationError on
    "folder", said beside the folder, not an error box. While another backup is being made (the schedule's
    beside one by hand), none is started: a ValidationError saying so.
    """
    if not _one_at_a_time.acquire(blocking=False):
        raise ValidationError(UNDER_WAY, field="folder")
    try:
        return _back_up(db, reason, target, progress, cancelled, now)
    finally:
        _one_at_a_time.release()


def _back_up(
    db: Database,
    reason: str,
    target: Path | None,
    progress: store_backup.Progress | None,
    cancelled: store_backup.IsCancelled | None,
    now: datetime | None,
) -> Made:
    settings = load(db.paths)
    now = now or datetime.now(UTC)
    if target is None:
        where = folder(db.paths, settings.policy)
        if settings.policy.folder and not where.is_dir():
            raise ValidationError(
                f"No backup was made: the folder {where} is not there. If it is on a removable drive, "
                "plug the drive in, then back up again.",
                field="folder",
            )
        target = where / f"{PREFIX}{now.astimezone():%Y%m%d-%H%M%S}.db"
    written = db.backup_to(target, progress=progress, cancelled=cancelled)
    made = Made(now.isoformat(timespec="seconds"), str(written), reason, written.stat().st_size)
    with db.session() as s:
        audit.record(s, "backup", str(written), f"{reason}, verified")
    with _lock:
        current = load(db.paths)
        _save(db.paths, replace(current, history=(*current.history, made)))
    if reason != BY_HAND:
        prune(written.parent, db.database_id, settings.policy.keep)
    return made


def prune(where: Path, database_id: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` automatic backups of this database in the folder (never another
    database's, and never a file not named as an automatic backup). Returns what was removed."""
    ours = []
    for db_file in sorted(where.glob(f"{PREFIX}*.db")):
        try:
            if KeyFile.load(db_file.with_suffix(".key")).database_id == database_id:
                ours.append(db_file)
        except StoreError:  # an unreadable key file: not a backup this can judge, so it is kept
            continue
    removed = ours[:-keep] if keep > 0 else []
    for db_file in removed:
        db_file.unlink(missing_ok=True)
        db_file.with_suffix(".key").unlink(missing_ok=True)
    return removed


def newest_backup(paths: DataPaths) -> Path | None:
    """The newest verified backup still there, for "restore the newest backup"."""
    for made in reversed(load(paths).history):
        path = Path(made.path)
        if path.is_file() and path.with_suffix(".key").is_file():
            return path
    return None
