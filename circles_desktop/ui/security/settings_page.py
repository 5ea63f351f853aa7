"""The Settings area: auto-lock, remembering the key, changing the passphrase, backing up, the
organisation on every document (ui/settings/) and Home's numbers of days (ui/home/)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.widgets import Note, labelled
from circles_desktop.ui.home.thresholds_box import ThresholdsBox
from circles_desktop.ui.security.backup_box import BackupBox
from circles_desktop.ui.security.passphrase_form import PassphraseForm
from circles_desktop.ui.security.remember_box import RememberBox
from circles_desktop.ui.settings.organisation_box import OrganisationBox

MAX_AUTO_LOCK_MINUTES = 240
CONTENT_WIDTH = 760  # long lines of settings are hard to read on a wide screen


class AutoLockBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("Lock")
        self.state = state
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_AUTO_LOCK_MINUTES)
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(state.auto_lock_minutes)
        self.minutes.setAccessibleName("Lock after this many idle minutes")
        self.minutes.setMaximumWidth(160)
        form = QFormLayout(self)
        form.addRow(
            Note(
                "Circles Desktop locks itself when the keyboard and mouse have not been used for "
                "this long, and at once with Ctrl+L. Locking closes the database."
            )
        )
        form.addRow(labelled("Lock after &idle:", self.minutes), self.minutes)
        self.minutes.valueChanged.connect(self._changed)

    def _changed(self, minutes: int) -> None:
        self.state.auto_lock_minutes = minutes


class SettingsPage(QScrollArea):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setAccessibleName("Settings")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.auto_lock = AutoLockBox(state)
        self.remember = RememberBox(state)
        self.passphrase = PassphraseForm(state)
        self.backup = BackupBox(state)
        self.organisation = OrganisationBox(state)
        self.home = ThresholdsBox(state)

        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        content.setMinimumWidth(CONTENT_WIDTH - 120)
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel("<h2>Settings</h2>"))
        for box in (self.auto_lock, self.remember, self.passphrase, self.backup, self.organisation, self.home):
            layout.addWidget(box)
        layout.addStretch(1)
        outer = QWidget()
        # A stretch beside the content, not an alignment: an aligned item's height-for-width is taken
        # at the whole width, so wrapped notes were measured short and the boxes squeezed.
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addWidget(content)
        outer_layout.addStretch(1)
        self.setWidget(outer)
