"""A settings box's messages beside its fields: one FieldMessage under each, keyed by the service's
field names; a message for no field known goes to the box's own line."""

from __future__ import annotations

from collections.abc import Mapping

from circles_desktop.ui.common.widgets import FieldMessage


class FieldErrors:
    def __init__(self, box_name: str, fields: Mapping[str, str]) -> None:
        """`fields`: field name → accessible name of its message line."""
        self.lines = {key: FieldMessage(name) for key, name in fields.items()}
        self.whole = FieldMessage(f"{box_name} message")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self.clear()
        rest = []
        for key, message in errors.items():
            line = self.lines.get(key)
            if line is not None:
                line.show_message(message)
            else:
                rest.append(message)
        self.whole.show_message("\n".join(rest))

    def clear(self) -> None:
        for line in (*self.lines.values(), self.whole):
            line.clear_message()

    def saved_ok(self) -> None:
        self.clear()
