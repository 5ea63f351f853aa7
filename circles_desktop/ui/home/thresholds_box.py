"""Settings → Home: the numbers of days Home counts by (services/home/thresholds.py), one spin box
each, saved together; Home reads them again the next time it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QPushButton, QSpinBox

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import Note
from circles_desktop.ui.settings.field_errors import FieldErrors


class ThresholdsBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        from circles_desktop.services.home.thresholds import LABELS, MOST_DAYS, NAMES

        super().__init__("Home: what needs doing")
        self.state = state
        self.setObjectName("settings.home")
        self.days: dict[str, QSpinBox] = {}
        self.errors = FieldErrors("Home settings", {name: f"{LABELS[name]} message" for name in NAMES})
        form = QFormLayout(self)
        form.addRow(Note("How many days Home counts by. Each line of Home says what it counts."))
        for name in NAMES:
            box = QSpinBox()
            box.setObjectName(f"settings.home.{name}")
            box.setRange(1, MOST_DAYS)
            box.setSuffix(" days")
            box.setAccessibleName(LABELS[name])
            box.setMaximumWidth(140)
            box.setMinimumHeight(box.sizeHint().height())  # the Settings page scrolls rather than squash it
            self.days[name] = box
            form.addRow(LABELS[name] + ":", box)
            form.addRow("", self.errors.lines[name])  # its message, under it (no room while empty)
        form.addRow(self.errors.whole)
        self.save_button = QPushButton("Save &Home settings")
        self.save_button.setObjectName("settings.home.save")
        form.addRow("", self.save_button)
        self.save_button.clicked.connect(self.save)
        state.unlocked.connect(lambda _db: self.load())
        self.load()

    def load(self) -> None:
        from circles_desktop.services.home.thresholds import thresholds

        saved = read(self.state, thresholds, None)
        if saved is None:
            return
        for name, box in self.days.items():
            box.setValue(getattr(saved, name))

    def save(self) -> bool:
        from circles_desktop.services.home.thresholds import save_thresholds

        values: dict[str, int | None] = {name: box.value() for name, box in self.days.items()}
        return write(self.state, lambda s: save_thresholds(s, values), show=self.errors).ok
