"""Files and folders nobody else on the computer can read: folders 0700, files 0600, whatever the umask.

On POSIX only: Windows keeps a user's data folder private by its access lists. SQLite gives a new
write-ahead log (-wal) and wal-index (-shm) the permissions of their database file, so a database
created or tightened here keeps its companions private too.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
POSIX = os.name == "posix"

log = logging.getLogger(__name__)


def private_folder(path: Path) -> Path:
    """Make the folder and leave it readable by its owner only; so is every missing parent it needs
    (mkdir would give those the umask's permissions). Folders already there, other than the folder
    itself, are left as they are: they may be a drive's or the coordinator's own."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        tighten(folder)
    tighten(path)
    return path


def tighten(path: Path) -> None:
    """Owner-only permissions on an existing file or folder; a file that is not there is left alone.

    A folder or file someone else owns cannot be changed; that is logged, not raised, because the
    records are still safe to use (and refusing would lock the coordinator out of them).
    """
    if not POSIX:
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    wanted = FOLDER_MODE if stat.S_ISDIR(mode) else FILE_MODE
    if stat.S_IMODE(mode) != wanted:
        try:
            os.chmod(path, wanted)
        except OSError as exc:
            log.warning("could not make %s private: %s", path, exc.strerror or exc)


def create_private_file(path: Path) -> None:
    """An empty file only its owner can read, made before SQLite opens it (and names its -wal after it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        if POSIX:
            os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is cut by the umask, and ignored for an old file
    finally:
        os.close(fd)
