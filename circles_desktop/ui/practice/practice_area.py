"""The Communities of practice area: the list (searched and paged in SQL) and, opened from it, the
community of practice screen. `practice_area(state)` is the factory the main window registers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.circle_list_area import CircleListArea, status_words
from circles_desktop.ui.common.lists.paged_model import RecordListModel


class PracticesModel(RecordListModel):
    HEADERS = ("Reference", "Name", "Since", "Seasons", "Sessions", "Latest session", "Status")

    def count_in(self, session: Any, text: str) -> int:
        from circles_desktop.services.practice import practice

        return practice.count_practices(session, text)

    def page_in(self, session: Any, text: str, offset: int, limit: int) -> list[Any]:
        from circles_desktop.services.practice import practice

        return practice.list_practices(session, text, offset, limit)

    def cells(self, r: Any) -> tuple[Any, ...]:
        latest = uk_date(r.last_at.date()) if r.last_at else ""
        status = status_words(r.status, r.ended_on, r.ended_reason)
        return (r.reference, r.title, uk_date(r.started_on), r.seasons, r.sessions, latest, status, r.id)

    def circle_id(self, row: int) -> int:
        return self.record_id(row)


class PracticeArea(CircleListArea):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        model = PracticesModel(state)
        super().__init__(
            state,
            model,
            name="practice",
            title="Communities of practice",
            search_hint="Search name or COP reference",
            new_text="&New community of practice…",
            counted=lambda n: plural(n, "community", "communities"),
            nothing_chosen="Choose a community of practice in the list first.",
            parent=parent,
        )
        model.setParent(self)
        header = self.table.horizontalHeader()
        for col, width in ((0, 96), (2, 90), (3, 80), (4, 80), (5, 110), (6, 200)):
            header.resizeSection(col, width)

    def make_screen(self, circle_id: int) -> QWidget:
        from circles_desktop.ui.practice.practice_screen import PracticeScreen

        return PracticeScreen(self.state, circle_id)

    def new_dialog(self) -> Any:
        from circles_desktop.ui.practice.practice_dialogs import practice_dialog

        return practice_dialog(self.state, self)


def practice_area(state: AppState) -> QWidget:
    return PracticeArea(state)
