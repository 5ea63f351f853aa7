"""Retention review (an area): circles closed more than the set number of years ago, oldest first,
each to open or delete. The years are a setting of this computer (QSettings, like the auto-lock)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QSpinBox, QVBoxLayout, QWidget

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.records import retention
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.list_parts import (
    PagedList,
    count_label,
    list_column,
    list_table,
    search_box,
    tab_chain,
)
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.common.widgets import FieldMessage, Note, labelled
from circles_desktop.ui.records.delete_circle_dialog import open_delete_circle

YEARS_KEY = "records/retention_years"


def retention_years(state: AppState) -> int:
    try:
        # QSettings gives back a str from an ini file and an int from the registry or memory.
        return retention.check_years(int(str(state.settings.value(YEARS_KEY, retention.DEFAULT_YEARS))))
    except (TypeError, ValueError):  # a hand-edited setting: the default, and the box shows it
        return retention.DEFAULT_YEARS


class DueModel(RecordListModel):
    HEADERS = ("Circle", "Kind", "Title", "Closed on")

    def __init__(self, state: AppState, parent: Any = None) -> None:
        self.years = retention_years(state)
        self.today = date.today()
        super().__init__(state, parent)

    def count_in(self, session: Any, text: str) -> int:
        return retention.count_due(session, self.years, self.today, text)

    def page_in(self, session: Any, text: str, offset: int, limit: int) -> Sequence[Any]:
        return retention.due_page(session, self.years, self.today, text, offset, limit)

    def cells(self, row: retention.DueRow) -> tuple[Any, ...]:
        return (row.reference, label(row.kind), row.title, uk_date(row.ended_on), row.id)


class RetentionPage(PagedList):
    model: DueModel

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("retention")
        self.setAccessibleName("Retention review")
        self.model = DueModel(state, self)
        self.years = QSpinBox()
        self.years.setRange(retention.FEWEST_YEARS, retention.MOST_YEARS)
        self.years.setValue(self.model.years)
        self._say_years(self.model.years)
        self.years.setAccessibleName("Keep closed circles for")
        self.years.valueChanged.connect(self._years_changed)
        self.search = search_box("retention.search", "Search by circle number or title", "Search circles due")
        self.count = count_label("retention.count", "Circles due for review")
        self.error = FieldMessage("Retention review error")
        self.delete_button = QPushButton("&Delete circle…")
        self.delete_button.setObjectName("retention.delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.table = list_table(self.model, "retention.table", "Circles due for review", row_height=24)
        self.table.activated.connect(lambda _index: self.delete_selected())
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the title
        keep = QWidget()
        note = Note(
            "Circles closed longer ago than the organisation keeps them. Review each and delete it (with "
            "everything recorded in it) when it is no longer needed. Press Enter on a circle to delete it."
        )
        column = list_column(
            "Retention review", self.search, keep, self.count, (self.delete_button,), self.error, self.table, note
        )
        row = QHBoxLayout(keep)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(labelled("&Keep closed circles for", self.years))
        row.addWidget(self.years)
        QVBoxLayout(self).addWidget(column)
        tab_chain(self, self.search, self.years, self.delete_button, self.table)
        self.follow(lambda n: f"{n:,} {'circle' if n == 1 else 'circles'} due for review")

    def _say_years(self, years: int) -> None:
        self.years.setSuffix(" year" if years == 1 else " years")

    def _years_changed(self, years: int) -> None:
        self._say_years(years)
        self.state.settings.setValue(YEARS_KEY, years)
        self.model.years = years
        self.refresh()

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.error.show_message("Choose a circle in the list first.")
            return
        dialog = open_delete_circle(self.state, self.model.record_id(rows[0].row()), self)
        if dialog is not None:
            dialog.deleted.connect(lambda _id: self.refresh())


def retention_area(state: AppState) -> QWidget:
    return RetentionPage(state)
