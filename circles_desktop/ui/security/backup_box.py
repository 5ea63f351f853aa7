"""Settings → Backups: the last verified backup (and a reminder when it is old), back up now, restore,
and the policy for automatic backups. Each backup is verified; backing up and restoring show progress
and can be cancelled, leaving nothing partial."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.security import backups
from circles_desktop.store.errors import Cancelled
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe, explain
from circles_desktop.ui.common.operations import in_store
from circles_desktop.ui.common.widgets import Note, StatusNote
from circles_desktop.ui.security.backup_job import JobProgress
from circles_desktop.ui.security.backup_policy import PolicyForm
from circles_desktop.ui.security.restore_flow import RestoreFlow


class BackupBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Backups")
        self.state = state
        self.last = StatusNote("Last verified backup")
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("Res&tore…")
        self.restore_button.setAccessibleName("Restore a backup")
        self.job = JobProgress(state)
        self.status = StatusNote("Backup status", hide_when_empty=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy = PolicyForm(state)
        self.restoring = RestoreFlow(self, state, self.job, self.status)

        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.last)
        layout.addLayout(actions)
        layout.addWidget(self.job)
        layout.addWidget(self.status)
        layout.addWidget(
            Note(
                "Backups stay encrypted and each is checked by reading it back. Its key file is written "
                "beside it with the same name; keep the two together. A removable drive kept apart from "
                "this computer is the safest place."
            )
        )
        layout.addWidget(self.policy)
        self.backup_button.clicked.connect(lambda: self.back_up_to(None))
        self.restore_button.clicked.connect(self.restoring.choose)
        self.job.visibility_changed.connect(self._busy)
        state.unlocked.connect(lambda _db: self.show_last())
        self.show_last()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.show_last()  # an automatic backup may have been made since
        super().showEvent(event)

    def show_last(self) -> None:
        said = backups.status(self.state.paths)
        (self.last.fail if said.reminder_due else self.last.say)(said.message)

    def back_up_to(self, target: Path | None) -> None:
        """A verified backup by hand: to target, or to a dated file in the chosen folder."""
        if self.state.is_locked or self.job.running:
            return
        if target is not None and target.suffix != ".db":
            target = target.with_name(target.name + ".db")
        state = self.state

        def work(progress, cancelled) -> backups.Made:
            return in_store(
                state,
                lambda db: backups.back_up(db, backups.BY_HAND, target=target, progress=progress, cancelled=cancelled),
            )

        self.status.say("Backing up…")
        self.policy.show_errors({})
        self.job.start(work, self._done, self._failed)

    def _busy(self, running: bool) -> None:
        self.backup_button.setEnabled(not running)
        self.restore_button.setEnabled(not running)

    def _done(self, made: backups.Made) -> None:
        key = Path(made.path).with_suffix(".key").name
        self.status.say(f"Backup written and verified: {made.path} (key file {key})")
        self.show_last()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.status.say("Backup cancelled; nothing was written.")
        elif isinstance(exc, ValidationError):  # the drive is not plugged in: said beside the folder
            self.policy.show_errors(exc.errors)
            self.status.fail(str(exc))
        else:  # a full disk, a folder that cannot be made: say what failed, then why
            self.status.fail(
                explain("The backup could not be written", exc) if isinstance(exc, OSError) else describe(exc)
            )
