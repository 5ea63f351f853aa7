"""The Communities of practice area: the list (searched and paged in SQL) and, opened from it, the
community of practice screen. `practice_area(state)` is the factory the main window registers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QStackedWidget, QVBoxLayout, QWidget

from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.widgets import FieldMessage


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
        status = CircleStatus(r.status).label
        return (r.reference, r.title, uk_date(r.started_on), r.seasons, r.sessions, latest, status, r.id)

    def circle_id(self, row: int) -> int:
        return self.record_id(row)


class PracticeArea(QWidget, OpenedInPlace):
    circle_opened = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.opened: Any = None
        self.dialog: Any = None
        self.setObjectName("practice.area")
        self.setAccessibleName("Communities of practice")
        self.model = PracticesModel(state, self)
        self.error = FieldMessage("Communities of practice list error")
        self.search = search_box("practice.search", "Search name or COP reference", "Search communities of practice")
        self.count = count_label("practice.count", "Number of communities of practice")
        self.open_button = button("&Open", "practice.open")
        self.new_button = button("&New community of practice…", "practice.new")
        self.table = list_table(self.model, "practice.table", "Communities of practice", row_height=24)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addWidget(self.new_button)
        self.list_page = QWidget()
        box = QVBoxLayout(self.list_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<h2>Communities of practice</h2>"))
        box.addLayout(tools)
        box.addWidget(self.error)
        box.addWidget(self.table, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        tab_chain(self, self.search, self.open_button, self.new_button, self.table)
        self.search.textChanged.connect(self.model.set_filter)
        self.model.total_changed.connect(lambda n: self.count.setText(plural(n, "community", "communities")))
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.open_button.clicked.connect(
            lambda: self.open_selected("Choose a community of practice in the list first.")
        )
        self.new_button.clicked.connect(lambda: self.new_practice())
        state.locked.connect(self._forget)
        state.unlocked.connect(lambda _db: self.refresh())
        if not state.is_locked:
            self.refresh()

    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()

    def open_circle(self, circle_id: int) -> Any:
        from circles_desktop.ui.practice.practice_screen import PracticeScreen

        return self.show_screen(circle_id, lambda: PracticeScreen(self.state, circle_id))

    def new_practice(self, show: bool = True) -> Any:
        from circles_desktop.ui.practice.practice_dialogs import practice_dialog

        if not self.can_leave():
            return None
        dialog = practice_dialog(self.state, self)
        dialog.accepted.connect(lambda: self.circle_created(dialog.saved_value))
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog


def practice_area(state: AppState) -> QWidget:
    return PracticeArea(state)
