"""Settings: back up now, to a file the coordinator chooses, verified, and written to the audit log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.widgets import ERROR_STYLE, Note


class BackupBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Backup")
        self.state = state
        self.backup_button = QPushButton("&Back up now…")
        self.backup_button.setAccessibleName("Back up now")
        self.status = Note()
        self.status.setAccessibleName("Backup status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The backup stays encrypted and is checked by reopening it. Its key file is "
                "written beside it with the same name; keep the two together."
            )
        )
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.choose_and_back_up)

    def choose_and_back_up(self) -> None:
        if self.state.database is None:
            return
        suggested = self.state.paths.backups / f"circles-backup-{datetime.now():%Y%m%d-%H%M}.db"
        path, _ = QFileDialog.getSaveFileName(
            self, "Back up the database to", str(suggested), "Circles Desktop backups (*.db)"
        )
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, target: Path) -> None:
        db = self.state.database
        if db is None:
            return
        if target.suffix != ".db":
            target = target.with_name(target.name + ".db")

        def work() -> Path:
            from circles_desktop.services.security import audit

            written = db.backup_to(target)
            with db.session() as s:
                audit.record(s, "backup", str(written))
            return written

        self.backup_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText("Backing up and verifying…")
        self.state.background.run(work, self._done, self._failed)

    def _done(self, written: Path) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText(f"Backup written and verified: {written} (key file {written.with_suffix('.key').name})")

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.status.setStyleSheet(ERROR_STYLE)
        message = describe(exc)
        if isinstance(exc, OSError):  # e.g. the folder cannot be made: say what failed, then why
            message = f"The backup could not be written. {message}"
        self.status.setText(message)
