"""Where a data folder keeps its files. The default folder is the platform's per-user data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_NAME = "circles.db"
KEY_NAME = "circles.key"
BACKUP_DIR = "backups"
SAFETY_DIR = "safety"  # copies kept before a restore, and logs a crash left that could not be applied
ANCHOR_NAME = "circles.anchor"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Circles Desktop", appauthor=False)


def documents_folder() -> Path:
    """Where a saved document or export is offered first: the user's Documents folder when it is there,
    else their home folder (a fresh account, or a machine with no Documents folder)."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @classmethod
    def at(cls, data_dir: Path | str | None) -> DataPaths:
        return cls(Path(data_dir) if data_dir else default_data_dir())

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def key_file(self) -> Path:
        return self.root / KEY_NAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_DIR

    @property
    def safety(self) -> Path:
        return self.root / SAFETY_DIR

    @property
    def anchor(self) -> Path:
        return self.root / ANCHOR_NAME

    def exists(self) -> bool:
        """A database is here if its file has any content (an empty file is refused on open)."""
        return self.database.exists()
