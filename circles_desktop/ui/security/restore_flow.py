"""Settings → Backups → Restore…: check the chosen backup, say what it holds, ask, then swap it in.

The check (a staged copy, verified thoroughly) runs in the background with progress and Cancel; it
changes nothing in the data folder. Only after the coordinator says yes is the open database closed
(the restore is written to its audit log first), the backup put in place and opened with the same
data key, so the app carries on unlocked with the restored records.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from circles_desktop.services.security import access, backups
from circles_desktop.services.security import restore as restoring
from circles_desktop.store.errors import Cancelled
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import confirm
from circles_desktop.ui.common.messages import explain
from circles_desktop.ui.common.operations import in_background
from circles_desktop.ui.common.widgets import StatusNote
from circles_desktop.ui.security.backup_job import JobProgress


class RestoreFlow:
    def __init__(self, parent: QWidget, state: AppState, job: JobProgress, status: StatusNote) -> None:
        self.parent, self.state, self.job, self.status = parent, state, job, status

    def choose(self) -> None:
        if self.state.is_locked:
            return
        newest = backups.newest_backup(self.state.paths)
        start = str(newest) if newest else str(self.state.paths.backups)
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Restore this backup", start, "Circles Desktop backups (*.db)"
        )
        if path:
            self.start(Path(path))

    def start(self, source: Path) -> None:
        db = self.state.database
        if db is None or not db.is_open:
            return
        root, key = db.paths.root, db.data_key
        self.status.say("Checking the backup…")
        self.job.start(
            lambda progress, cancelled: restoring.prepare(
                root, source, data_key=key, progress=progress, cancelled=cancelled
            ),
            self._checked,
            self._refused,
        )

    def _checked(self, prepared: restoring.Prepared) -> None:
        question = "\n".join(prepared.describe()) + "\n\nRestore this backup?"
        if self.state.is_locked or not confirm(self.parent, "Restore this backup?", question):
            restoring.discard(prepared)
            self.status.say("Not restored; nothing was changed.")
            return
        old = self.state.hand_over()
        if old is not None:
            access.lock(old, "to restore a backup")
        self.status.say("Putting the backup in place…")
        in_background(self.state, lambda: restoring.restore(prepared), self._restored, on_error=self._failed)

    def _restored(self, restored: restoring.Restored) -> None:
        self.state.set_database(restored.database)
        self.status.say(f"Backup restored. The records as they were before are kept in {restored.safety}.")

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.status.say("Restore cancelled; nothing was changed.")
        else:
            self.status.fail(explain("Not restored, and nothing was changed", exc))

    def _failed(self, exc: BaseException) -> None:
        # The live files are kept (the safety copy, or still in place): unlocking opens whichever
        # database the folder now holds, finishing a swap that was cut short.
        self.status.fail(explain("The backup could not be put in place", exc) + " Unlock to carry on.")
        self.state.locked.emit()
