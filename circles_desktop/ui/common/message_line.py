"""A screen's one line of words for a failure (a FieldMessage, a status label), as the `show=` that
operations.write / load / in_background take when there are no fields to put the message beside."""

from __future__ import annotations

from collections.abc import Callable, Mapping


class MessageLine:
    """Shows every message of a failure in one line, after `before` ("The PDF was not saved: ")."""

    def __init__(self, say: Callable[[str], object], before: str = "") -> None:
        self._say = say
        self._before = before

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self._say(self._before + " ".join(message for message in errors.values() if message))
