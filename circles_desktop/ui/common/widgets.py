"""Small widgets every form uses: a message under a field, a passphrase box, a muted note.

The unlock dialog uses these before anything else is loaded, so this module imports no more of Qt
than it needs (importing `Qt` itself costs tens of milliseconds at start-up)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #555555;"
WARNING_STYLE = "color: #b00020; font-weight: bold;"
GOOD_STYLE = "color: #1b5e20;"


class FieldMessage(QLabel):
    """The message shown under a field, in red; takes no room while empty."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName(accessible_name)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show every message of {field: message} here, so operations can report to a line of its own."""
        self.show_message("\n".join(message for message in errors.values() if message))

    def saved_ok(self) -> None:
        """A write reported here went through: the earlier failure no longer stands."""
        self.clear_message()


class Note(QLabel):
    """Muted explanatory text that wraps."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setStyleSheet(NOTE_STYLE)


class StatusNote(Note):
    """A line saying how a piece of work went: `say(text)` in plain words, `fail(text)` in red.
    `hide_when_empty` makes it take no room while there is nothing to say."""

    def __init__(self, accessible_name: str, hide_when_empty: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setAccessibleName(accessible_name)
        self.hide_when_empty = hide_when_empty
        if hide_when_empty:
            self.setVisible(False)

    def say(self, text: str) -> None:
        self.setStyleSheet("")
        self._show(text)

    def fail(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        if self.hide_when_empty:
            self.setVisible(bool(text))


def with_message(field: QWidget, message: QWidget) -> QWidget:
    """A field with its message just under it, as one widget for a form row."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(field)
    box.addWidget(message)
    return holder


def passphrase_field(accessible_name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    # No completion or undo history to keep a secret around longer than the field itself.
    field.setClearButtonEnabled(False)
    return field


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A label whose &-mnemonic moves focus to its field (Alt+letter)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
