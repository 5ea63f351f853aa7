"""Ending a circle of a kind that ends with its reason said (a series of community conversations, a
community of practice): the date and why, one write through the generic circle's life cycle
(`services/circles/circles.close_circle`, where the rules are), and how an ended one reads in a heading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.dialogs import WriteDialog, dated
from circles_desktop.ui.common.forms import RecordForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState


def end_dialog(state: AppState, circle_id: int, title: str, parent: QWidget | None) -> WriteDialog:
    """ "E.g. "End the series of conversations": why, and the date (today unless changed); both needed."""
    from circles_desktop.services.circles import circles

    reason = QPlainTextEdit()
    reason.setObjectName("end.reason")
    reason.setAccessibleName("Why it is ending")
    reason.setTabChangesFocus(True)  # Tab moves on to Save; a reason is a sentence or two
    reason.setMaximumHeight(80)
    form = RecordForm(title)
    form.add_field("reason", "&Why it is ending", reason, required=True)
    form.add_field("on_date", "Ended &on", dated("end.on_date"), required=True)

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        return lambda s: circles.close_circle(s, circle_id, v["on_date"], v["reason"] or "").id

    dialog = WriteDialog(state, title, form, work, parent, "end_dialog")
    dialog.setMinimumWidth(520)
    reason.setFocus()
    return dialog


def ended_words(ended_on: date | None, reason: str) -> str:
    """' · ended 01/12/2026: merged with the forum' for a heading; '' while it runs."""
    if ended_on is None:
        return ""
    return f" · ended {uk_date(ended_on)}" + (f": {reason}" if reason else "")
