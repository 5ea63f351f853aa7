"""A message line under a list or panel that `operations.write` and `operations.load` can show a
failure on (`show=line`), for the parts of a screen that have no form with fields of its own."""

from __future__ import annotations

from collections.abc import Mapping

from circles_desktop.ui.common.widgets import FieldMessage


class MessageLine(FieldMessage):
    """A FieldMessage that is also an `operations.ShowsErrors`: every message on the one line (a panel
    has no fields to put them beside); cleared again when a write succeeds."""

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self.show_message("\n".join(message for message in errors.values() if message))

    def saved_ok(self) -> None:
        self.clear_message()
