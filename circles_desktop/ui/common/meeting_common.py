"""What the Meeting screen's parts share: one short session per piece of work, and turning a
failure into messages keyed by field (the keys of a services ValidationError)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe

T = TypeVar("T")
LOCKED_MESSAGE = "Circles Desktop is locked; unlock it to carry on. Nothing was changed."


class Locked(RuntimeError):
    """The database is closed (the app is locked)."""


def in_session(state: AppState, work: Callable[[Any], T]) -> T:
    """Run `work(session)` in one short unit of work that commits whole or rolls back whole."""
    db = state.database
    if db is None or not db.is_open:
        raise Locked(LOCKED_MESSAGE)
    with db.session() as s:
        return work(s)


def error_map(exc: BaseException) -> dict[str, str]:
    """{field: message} for any failure; "" is the record as a whole."""
    from circles_desktop.services.common.validation import NotFound, ValidationError

    if isinstance(exc, ValidationError):
        return dict(exc.errors)
    if isinstance(exc, (Locked, NotFound)):
        return {"": str(exc)}
    return {"": describe(exc)}


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question whose safe answer (No) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard(parent: QWidget, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for unsaved changes; Cancel (stay) is the default."""
    return QMessageBox.question(
        parent,
        "Unsaved changes",
        text,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
