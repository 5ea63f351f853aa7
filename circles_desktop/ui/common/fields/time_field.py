"""The one time field: a 24-hour time typed as people type it (18:30, 18.30, 1830, 6.30pm, 6pm: read by
services/common/typed_dates.py), one Tab stop, cleared with Delete or Backspace when it may be left empty."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QWidget

from circles_desktop.services.common.typed_dates import read_time
from circles_desktop.ui.common.fields.typed_field import TypedField


class TimeField(TypedField[time]):
    """hh:mm; `value()` is a datetime.time or None; a field that is not optional starts at `default`."""

    EMPTY_PROBLEM = "Give a time: this one cannot be left empty."
    SAMPLE = "00:00"

    def __init__(self, optional: bool = False, parent: QWidget | None = None, *, default: time = time(18, 0)) -> None:
        super().__init__(optional, parent)
        self.default = default
        self.setPlaceholderText("hh:mm")
        if not optional:
            self.set_value(None)

    def set_value(self, value: time | None) -> None:
        """None leaves an optional field empty, and puts the default in one that may not be empty."""
        super().set_value(value if value is not None or self.optional else self.default)

    def parse(self, text: str) -> time | None:
        return read_time(text)

    def format(self, value: time) -> str:
        return value.strftime("%H:%M")
