"""Settings → Backups: where automatic backups go, how often, how many are kept, when to remind."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.security import backups
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import field_errors
from circles_desktop.ui.common.widgets import FieldMessage, StatusNote, labelled


def _spin(low: int, high: int, unit: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)

    def suffix(value: int) -> None:  # "1 day", "2 days"
        spin.setSuffix(f" {unit}" if value == 1 else f" {unit}s")

    spin.valueChanged.connect(suffix)
    suffix(spin.value())
    spin.setAccessibleName(name)
    spin.setMaximumWidth(160)
    return spin


class PolicyForm(QWidget):
    """The backup policy as fields; Save keeps it (services/security/backups.save_policy checks it)."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Backup folder")
        self.folder.setPlaceholderText(str(state.paths.backups))
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose the backup folder")
        low, high = backups.LIMITS["every_days"]
        self.every_days = _spin(low, high, "day", "Back up automatically every this many days")
        self.every_days.setSpecialValueText("Never on a schedule")
        self.on_quit = QCheckBox("Back up when &quitting")
        self.keep = _spin(*backups.LIMITS["keep"], "backup", "Automatic backups kept")
        self.remind = _spin(*backups.LIMITS["remind_after_days"], "day", "Remind when the last backup is older than")
        self.save_button = QPushButton("&Save backup settings")
        self.status = StatusNote("Backup settings status", hide_when_empty=True)
        self.errors = {name: FieldMessage(f"{name} message") for name in ("folder", *backups.LIMITS)}

        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # Each message is a row of its own under its field (taking no room while empty): a field and
        # its message in one holder widget were squeezed below their height inside the scroll area.
        rows = [
            ("Backup &folder:", self.folder, folder_row, "folder"),
            ("Back up &every:", self.every_days, self.every_days, "every_days"),
            ("", None, self.on_quit, ""),
            ("&Keep:", self.keep, self.keep, "keep"),
            ("&Remind after:", self.remind, self.remind, "remind_after_days"),
        ]
        for label, buddy, field, name in rows:
            form.addRow(labelled(label, buddy) if buddy else QLabel(""), field)
            if name:
                form.addRow("", self.errors[name])
        form.addRow(self.save_button, self.status)
        self.choose.clicked.connect(self.choose_folder)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        policy = backups.load(self.state.paths).policy
        self.folder.setText(policy.folder or "")
        self.every_days.setValue(policy.every_days)
        self.on_quit.setChecked(policy.on_quit)
        self.keep.setValue(policy.keep)
        self.remind.setValue(policy.remind_after_days)

    def policy(self) -> backups.Policy:
        folder = self.folder.text().strip()
        return backups.Policy(
            folder=folder or None,
            every_days=self.every_days.value(),
            on_quit=self.on_quit.isChecked(),
            keep=self.keep.value(),
            remind_after_days=self.remind.value(),
        )

    def choose_folder(self) -> None:
        start = self.folder.text().strip() or str(self.state.paths.backups)
        chosen = QFileDialog.getExistingDirectory(self, "Back up to this folder", start)
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> bool:
        try:
            backups.save_policy(self.state.paths, self.policy())
        except ValidationError as exc:
            self.show_errors(field_errors(exc))
            self.status.fail("Not saved: see the messages above.")
            return False
        self.show_errors({})
        self.status.say("Backup settings saved.")
        return True

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for name, message in self.errors.items():
            message.show_message(errors.get(name, ""))
