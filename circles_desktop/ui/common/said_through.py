"""A failure said through any function that takes a sentence (a status label's setter, a screen's
heading, a message box), after words that say what did not happen: the `show=` that operations.write /
load / in_background take where there is no FieldMessage line of its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping


class SaidThrough:
    """Every message of a failure in one sentence, after `before` ("Nothing was printed: ")."""

    def __init__(self, say: Callable[[str], object], before: str = "") -> None:
        self._say = say
        self._before = before

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self._say(self._before + " ".join(message for message in errors.values() if message))
