"""Errors the store raises when a database cannot be opened or used.

Each carries a message a coordinator can act on; the CLI prints it on one line and the GUI shows it.
None of the paths that raise these writes to the files on disk.
"""


class StoreError(Exception):
    """Base class: `str(err)` is the message to show."""


class WrongPassphrase(StoreError):
    def __init__(self, what: str = "passphrase") -> None:
        super().__init__(f"That {what} is not right. Check Caps Lock and try again.")


class NotACirclesDatabase(StoreError):
    def __init__(self, path: object, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(
            f"{path} is not a Circles Desktop database{detail}. Choose another data folder, or restore a backup."
        )


class NoDatabase(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"There is no Circles Desktop database in {path}. Create one with 'init'.")


class AlreadyExists(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"A Circles Desktop database already exists in {path}; nothing was changed.")


class KeyFileMissing(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The key file {path} is missing, so the database cannot be unlocked. "
            "Put the key file back beside the database, or restore a backup with its key file."
        )


class KeyFileDamaged(StoreError):
    def __init__(self, path: object, why: str) -> None:
        super().__init__(
            f"The key file {path} is damaged ({why}). "
            "Restore the key file from a backup; the database itself was not changed."
        )


class DatabaseDamaged(StoreError):
    def __init__(self, path: object, detail: str) -> None:
        self.detail = detail
        super().__init__(f"The database {path} is damaged: {detail}. Nothing was changed; restore the newest backup.")


class DatabaseTooNew(StoreError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            f"This database was written by a newer version of Circles Desktop (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )


class BackupFailed(StoreError):
    pass


class MigrationFailed(StoreError):
    def __init__(self, path: object, detail: str, backup: object | None = None) -> None:
        kept = f" A copy made before the upgrade is at {backup}." if backup else ""
        super().__init__(
            f"The database {path} could not be upgraded to this version ({detail}). "
            f"The upgrade was rolled back, so the database is as it was.{kept}"
        )


class LogNotApplicable(StoreError):
    """The write-ahead log beside a sound database does not decrypt with it (another database's log)."""

    def __init__(self, path: object, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"The write-ahead log beside {path} (its name ends in -wal) does not belong to this database or "
            "is damaged, so it cannot be applied; the database itself is sound. Nothing was changed. Move the "
            "-wal file out of the folder, keeping it, and open the database again."
        )


class DataFolderReadOnly(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The data folder {path} is read-only, so Circles Desktop cannot save anything there. Nothing is "
            "wrong with the records: they were checked and are sound. Make the folder writable (or copy it "
            "to a drive that can be written) and open it again."
        )


class Cancelled(StoreError):
    def __init__(self, what: str = "The backup") -> None:
        super().__init__(f"{what} was cancelled; nothing was left half-written.")


class BackupRefused(StoreError):
    """A backup that cannot be restored: damaged, not a backup, or of another database."""

    def __init__(self, path: object, why: str) -> None:
        self.why = why
        super().__init__(f"The backup {path} cannot be restored: {why}. Nothing was changed.")
