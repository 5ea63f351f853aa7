"""Settings: back up now, to a file the coordinator chooses, verified, and written to the audit log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe, explain
from circles_desktop.ui.common.operations import in_background, in_session, in_store
from circles_desktop.ui.common.widgets import Note, StatusNote


class BackupBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Backup")
        self.state = state
        self.backup_button = QPushButton("&Back up now…")
        self.backup_button.setAccessibleName("Back up now")
        self.status = StatusNote("Backup status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The backup stays encrypted and is checked by reopening it. Its key file is "
                "written beside it with the same name; keep the two together."
            )
        )
        layout.addLayout(actions)
        self.backup_button.clicked.connect(self.choose_and_back_up)

    def choose_and_back_up(self) -> None:
        if self.state.is_locked:
            return
        suggested = self.state.paths.backups / f"circles-backup-{datetime.now():%Y%m%d-%H%M}.db"
        path, _ = QFileDialog.getSaveFileName(
            self, "Back up the database to", str(suggested), "Circles Desktop backups (*.db)"
        )
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, target: Path) -> None:
        if self.state.is_locked:
            return
        if target.suffix != ".db":
            target = target.with_name(target.name + ".db")
        state = self.state

        def work() -> Path:
            from circles_desktop.services.security import audit

            written = in_store(state, lambda db: db.backup_to(target))
            in_session(state, lambda s: audit.record(s, "backup", str(written)))
            return written

        self.backup_button.setEnabled(False)
        self.status.say("Backing up and verifying…")
        in_background(state, work, self._done, on_error=self._failed)

    def _done(self, written: Path) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText(f"Backup written and verified: {written} (key file {written.with_suffix('.key').name})")

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        # A folder that cannot be made, a full disk: say what failed, then why.
        self.status.fail(explain("The backup could not be written", exc) if isinstance(exc, OSError) else describe(exc))
