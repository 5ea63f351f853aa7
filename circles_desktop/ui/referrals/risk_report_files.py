"""Private temporary copies of risk reports, so the computer's own viewer can open them.

A report opened this way leaves the encrypted store: it is written, readable by this user only
(file mode 0600 in a directory of mode 0700), to a fresh private folder under the system's temporary
folder, and deleted again when the database locks (which quitting also does) or the program exits.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_name(filename: str) -> str:
    """The file's own name, without folders or characters a file system may refuse."""
    name = Path(filename.replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:120] or "report"


class PrivateTempFiles:
    """Writes copies into one private folder; `remove_all()` deletes the folder and everything in it."""

    def __init__(self, prefix: str = "circles-reports-") -> None:
        self.prefix = prefix
        self.folder: Path | None = None
        atexit.register(self.remove_all)

    def _ensure_folder(self) -> Path:
        if self.folder is None or not self.folder.is_dir():
            self.folder = Path(tempfile.mkdtemp(prefix=self.prefix))  # created with mode 0700
            os.chmod(self.folder, 0o700)
        return self.folder

    def write(self, filename: str, content: bytes, key: object = "") -> Path:
        """A new private file holding `content`; its name keeps the original's, so the viewer shows it."""
        folder = self._ensure_folder()
        # One sub-folder per copy: two reports with the same file name never overwrite each other.
        holder = Path(tempfile.mkdtemp(prefix=f"{key}-" if key != "" else "", dir=folder))
        os.chmod(holder, 0o700)
        path = holder / safe_name(filename)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        os.chmod(path, 0o600)  # whatever the umask
        return path

    def paths(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.rglob("*") if p.is_file())

    def remove_all(self) -> bool:
        """Delete every copy; True when nothing is left (a viewer may hold a file open on Windows)."""
        folder, self.folder = self.folder, None
        if folder is None or not folder.exists():
            return True
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():  # try again at exit
            self.folder = folder
            return False
        return True


# One store of copies for the whole program, so any screen's copies are removed on lock and exit.
TEMP_COPIES = PrivateTempFiles()
