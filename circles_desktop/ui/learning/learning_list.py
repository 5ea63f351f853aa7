"""The Learning circles area: the list by stage (with counts) and month, paged and filtered in SQL,
and, opened from it, the learning circle screen. `learning_circles_area(state)` is the factory the main
window registers ("Learning circles")."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.lists.list_export import add_export
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.lists.stage_tabs import StageTabs
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage
from circles_desktop.ui.learning.learning_fields import STAGE_WORDS

if TYPE_CHECKING:
    from circles_desktop.services.learning.learning_list import LearningCircleRow


def month_words(month: date) -> str:
    return month.strftime("%B %Y")


def when_text(row: Any) -> str:
    if row.meets_at is not None:
        return f"{uk_date(row.meets_at.date())} {row.meets_at:%H:%M}"
    return f"proposed {uk_date(row.proposed_on)}"


class LearningCirclesModel(PagedTableModel):
    (COL_REFERENCE, COL_CHILD, COL_CASE, COL_LOCALITY, COL_WHEN, COL_VENUE, COL_STAGE, COL_LEFT, COL_ACTIONS) = range(9)
    HEADERS = (
        "Reference",
        "Child",
        "Case record",
        "Locality",
        "When",
        "Room or platform",
        "Stage",
        "Steps left",
        "Open actions",
    )
    SORTS = {
        COL_REFERENCE: "reference",
        COL_CHILD: "child",
        COL_CASE: "case_reference",
        COL_LOCALITY: "locality",
        COL_WHEN: "when",
        COL_VENUE: "venue",
        COL_STAGE: "stage",
        COL_LEFT: "steps_left",
        COL_ACTIONS: "open_actions",
    }
    DEFAULT_SORT = (COL_WHEN, True)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.stage: str | None = None
        self.month: date | None = None

    def set_filters(self, stage: str | None, month: date | None) -> None:
        self.stage, self.month = stage, month
        self.reload()

    def circle_id(self, row: int) -> int:
        return self.row(row)[-1]

    def _count(self, text: str) -> int:
        from circles_desktop.services.learning import learning_list

        return read(self.state, lambda s: learning_list.count_learning_circles(s, self.stage, self.month, text), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.learning import learning_list

        rows: list[LearningCircleRow] = read(
            self.state,
            lambda s: learning_list.list_learning_circles(
                s,
                self.stage,
                self.month,
                text,
                offset=offset,
                limit=limit,
                sort=self.sort_key,
                descending=self.descending,
            ),
            [],
        )
        return [
            (
                r.reference,
                r.child_name,
                r.case_reference,
                r.locality,
                when_text(r),
                (f"Virtual: {r.venue}" if r.venue else "Virtual") if r.virtual else r.venue,
                STAGE_WORDS.get(r.stage, r.stage) + (f" {uk_date(r.completed_on)}" if r.completed_on else ""),
                r.steps_left if r.completed_on is None else "",
                r.open_actions or "",
                r.id,
            )
            for r in rows
        ]


class LearningCirclesArea(QWidget, OpenedInPlace):
    """The list of learning circles, and the learning circle screen in its place when one is opened."""

    circle_opened = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("learning.area")
        self.setAccessibleName("Learning circles")
        self.opened: Any = None  # the open LearningCircleScreen (OpenedInPlace)
        self.dialog: Any = None
        self.error = FieldMessage("Learning circles list error")
        self.model = LearningCirclesModel(state, self)
        self.table = self._build_table()
        self.list_page = self._build_list_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        tab_chain(self, self.stages, self.search, self.month, self.open_button, self.new_button, self.table)
        self._connect()
        self.export = add_export(
            state, self.model, "learning", "Learning circles", self, self.count, self.error.show_message
        )
        if not state.is_locked:
            self.refresh()

    def _build_filters(self) -> QHBoxLayout:
        """Search, month, the count and the buttons (the stages are tabs above them)."""
        self.stages = StageTabs("learning.stages", STAGE_WORDS, "learning circle")
        self.month = QComboBox()
        self.month.setObjectName("learning.month")
        self.month.setAccessibleName("Month")
        self.month.addItem("Any month", None)
        self.search = search_box(
            "learning.search", "Search child, case record, locality or LLC reference", "Search learning circles"
        )
        self.new_button = button("&New learning circle…", "learning.new")
        self.open_button = button("&Open", "learning.open")
        self.count = count_label("learning.count", "Number of learning circles")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(self.month)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addWidget(self.new_button)
        return tools

    def _build_table(self) -> QTableView:
        return list_table(
            self.model,
            "learning.table",
            "Learning circles",
            row_height=24,
            tab_key_navigation=False,
            stretch=LearningCirclesModel.COL_VENUE,
            keep=(LearningCirclesModel.COL_REFERENCE, LearningCirclesModel.COL_CHILD, LearningCirclesModel.COL_CASE),
        )

    def _build_list_page(self) -> QWidget:
        tools = self._build_filters()
        list_page = QWidget()
        lbox = QVBoxLayout(list_page)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(QLabel("<h2>Learning circles</h2>"))
        lbox.addWidget(self.stages)
        lbox.addLayout(tools)
        lbox.addWidget(self.error)
        lbox.addWidget(self.table, 1)
        return list_page

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_changed)
        self.stages.currentChanged.connect(lambda _i: self._filters_changed())
        self.month.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.model.total_changed.connect(lambda n: self.count.setText(f"{n:,} learning circle{'s' if n != 1 else ''}"))
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.table.doubleClicked.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button.clicked.connect(lambda: self.new_circle())
        self.state.locked.connect(self._forget)
        self.state.unlocked.connect(lambda _db: self.refresh())

    # --- filters ---------------------------------------------------------------------------------
    @property
    def stage(self) -> str | None:
        return self.stages.stage()

    def set_stage(self, stage: str | None) -> None:
        self.stages.set_stage(stage)

    def set_month(self, month: date | None) -> None:
        index = self.month.findData(month)
        self.month.setCurrentIndex(max(index, 0))

    def _search_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._reload_counts()

    def _filters_changed(self) -> None:
        self.model.set_filters(self.stage, self.month.currentData())
        self._reload_counts()

    def _reload_counts(self) -> None:
        from circles_desktop.services.learning import learning_list

        month, text = self.month.currentData(), self.search.text().strip()
        counts: dict[str, int] = {}
        try:  # the counts are beside the list; the list's own line says why they are missing
            counts = read(self.state, lambda s: learning_list.counts_by_stage(s, month, text), counts)
        except Exception as exc:
            self.error.show_message(describe(exc))
        self.stages.show_counts(counts)

    def _reload_months(self) -> None:
        from circles_desktop.services.learning import learning_list

        keep = self.month.currentData()
        months: list[date] = read(self.state, learning_list.learning_months, [])
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem("Any month", None)
        for m in months:
            self.month.addItem(month_words(m), m)
        self.month.setCurrentIndex(max(self.month.findData(keep), 0) if keep else 0)
        self.month.blockSignals(False)

    # --- the list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.clear_message()
        self._reload_months()
        self.model.stage, self.model.month = self.stage, self.month.currentData()
        self.model.reload()
        self._reload_counts()

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()
        self.stages.show_counts({})
        self.month.blockSignals(True)
        keep = self.month.currentData()
        self.month.clear()
        self.month.addItem("Any month", None)
        if keep is not None:
            self.month.addItem(month_words(keep), keep)
            self.month.setCurrentIndex(1)
        self.month.blockSignals(False)

    def _open_selected(self) -> None:
        self.open_selected("Choose a learning circle in the list first.")

    # --- the learning circle screen --------------------------------------------------------------
    def open_circle(self, circle_id: int) -> Any:
        from circles_desktop.ui.learning.learning_screen import LearningCircleScreen

        return self.show_screen(circle_id, lambda: LearningCircleScreen(self.state, circle_id))

    def new_circle(self, show: bool = True) -> Any:
        from circles_desktop.ui.learning.learning_form import NewLearningCircleDialog

        if self.opened is not None and not self.opened.can_leave():
            return None
        dialog = NewLearningCircleDialog(self.state, self)
        return open_dialog(self, dialog, lambda: self.circle_created(dialog.saved_id), show)


def learning_circles_area(state: AppState) -> QWidget:
    return LearningCirclesArea(state)
