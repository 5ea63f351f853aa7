"""The Circles area: the list of circles (filtered and paged in SQL) and, opened from it, the Circle
screen. `circles_area(state)` is the factory the main window registers."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import CircleKind, CosaVariant, label
from circles_desktop.services.circles.circle_list import status_choices
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circle_texts import release_text
from circles_desktop.ui.common.lists.list_export import add_export
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage


class CirclesModel(PagedTableModel):
    COL_REFERENCE, COL_TITLE, COL_KIND, COL_VARIANT, COL_STATUS, COL_CORE, COL_COORDINATOR, COL_STARTED, COL_RELEASE = (
        range(9)
    )
    HEADERS = ("Reference", "Title", "Kind", "Variant", "Status", "Core member", "Coordinator", "Started", "Release")
    SORTS = {
        COL_REFERENCE: "reference",
        COL_TITLE: "title",
        COL_KIND: "kind",
        COL_VARIANT: "variant",
        COL_STATUS: "status",
        COL_CORE: "focus_person",
        COL_COORDINATOR: "coordinator",
        COL_STARTED: "started_on",
        COL_RELEASE: "release",
    }
    DEFAULT_SORT = (COL_STARTED, True)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.kind: str | None = None
        self.status: str | None = None
        self.variant: str | None = None

    def set_filters(self, kind: str | None, status: str | None, variant: str | None) -> None:
        self.kind, self.status, self.variant = kind, status, variant
        self.reload()

    def _count(self, text: str) -> int:
        from circles_desktop.services.circles import circle_list

        return read(self.state, lambda s: circle_list.count_circles(s, self.kind, self.status, text, self.variant), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.circles import circle_list

        rows: list[Any] = read(
            self.state,
            lambda s: circle_list.list_circles(
                s,
                self.kind,
                self.status,
                text,
                offset=offset,
                limit=limit,
                variant=self.variant,
                sort=self.sort_key,
                descending=self.descending,
            ),
            [],
        )
        today = date.today()
        # Formatted once here, not on every paint; the circle's id rides after the shown columns.
        return [
            (
                r.reference,
                r.title,
                label(r.kind),
                label(r.variant) if r.variant else "",
                r.status_word,
                r.focus_person,
                r.coordinator,
                uk_date(r.started_on),
                release_text((r.expected_release_on - today).days, short=True) if r.expected_release_on else "",
                r.id,
            )
            for r in rows
        ]

    def circle_id(self, row: int) -> int:
        return self.row(row)[-1]


class CirclesArea(QWidget, OpenedInPlace):
    """The list of circles, and the Circle screen in its place when one is opened."""

    open_meeting_requested = Signal(int)  # meeting id, from the open circle's Meetings tab
    new_meeting_requested = Signal(int)  # circle id
    circle_opened = Signal(int)
    # (kind, circle id): a circle of a kind that has an area of its own, to be opened there
    open_elsewhere_requested = Signal(str, int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.handed_over: set[str] = set()  # kinds opened and created in their own areas (ui/app/area_links)
        self.setObjectName("circles.area")
        self.setAccessibleName("Circles")
        self.opened: Any = None  # the open CircleScreen
        self.dialog: Any = None  # the open new-circle form
        self.model = CirclesModel(state, self)
        self.list_page = self._build_list_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._connect()
        self.export = add_export(state, self.model, "circles", "Circles", self, self.count, self.error.show_message)
        tab_chain(
            self, self.search, self.kind, self.status, self.variant, self.open_button, self.new_button, self.table
        )
        state.locked.connect(self._forget)
        state.unlocked.connect(self._unlocked)
        if not state.is_locked:
            self.refresh()

    def _build_list_page(self) -> QWidget:
        self.search = search_box("circles.search", "Search core member, title or reference", "Search circles")
        self.kind = self._filter("circles.kind", "All kinds", {k.value: k.label for k in CircleKind}, "Kind")
        self.status = self._filter("circles.status", "Any status", status_choices(), "Status")
        self.variant = self._filter(
            "circles.variant", "Any variant", {v.value: v.label for v in CosaVariant}, "CoSA variant"
        )
        self.new_button = QPushButton("&New circle…")
        self.new_button.setObjectName("circles.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("circles.open")
        self.count = count_label("circles.count", "Number of circles")
        self.error = FieldMessage("Circles list error")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        for w in (self.kind, self.status, self.variant, self.count):
            tools.addWidget(w)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addWidget(self.new_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<h2>Circles</h2>"))
        column.addLayout(tools)
        column.addWidget(self.error)
        column.addWidget(self._build_table(), 1)
        return page

    def _build_table(self) -> QTableView:
        self.table = list_table(
            self.model,
            "circles.table",
            "Circles",
            stretch=CirclesModel.COL_TITLE,
            keep=(CirclesModel.COL_REFERENCE, CirclesModel.COL_KIND, CirclesModel.COL_CORE),
        )
        return self.table

    def _connect(self) -> None:
        self.search.textChanged.connect(self.model.set_filter)
        for box in (self.kind, self.status, self.variant):
            box.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.model.total_changed.connect(lambda n: self.count.setText(plural(n, "circle")))
        self.model.failed.connect(self.error.show_message)
        self.table.doubleClicked.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.table.activated.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button.clicked.connect(lambda: self.new_circle())

    def _filter(self, name: str, blank: str, choices: dict[str, str], accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.addItem(blank, None)
        for value, text in choices.items():
            box.addItem(text, value)
        return box

    def _filters_changed(self) -> None:
        self.model.set_filters(self.kind.currentData(), self.status.currentData(), self.variant.currentData())

    # --- the list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def _unlocked(self, _db: object) -> None:
        self.refresh()

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()

    def _open_selected(self) -> None:
        self.open_selected("Choose a circle in the list first.")

    # --- the Circle screen -----------------------------------------------------------------------
    def open_circle(self, circle_id: int) -> Any:
        """Show one circle in place of the list; returns its CircleScreen (None if the open one would
        lose unsaved changes, or when the circle's kind opens in an area of its own)."""
        from circles_desktop.services.circles import circles
        from circles_desktop.ui.circles.circle_screen import CircleScreen

        if self.handed_over:
            kind = read(self.state, lambda s: circles.get_circle(s, circle_id).kind, None)
            if kind in self.handed_over:
                self.open_elsewhere_requested.emit(kind, circle_id)
                return None

        def make() -> Any:
            screen = CircleScreen(self.state, circle_id)
            screen.open_meeting_requested.connect(self.open_meeting_requested.emit)
            screen.new_meeting_requested.connect(self.new_meeting_requested.emit)
            return screen

        return self.show_screen(circle_id, make)

    def hand_over(self, kind: str) -> None:
        """Circles of `kind` open (open_elsewhere_requested) and are created in an area of their own."""
        self.handed_over.add(kind)

    # --- new circles -----------------------------------------------------------------------------
    def new_circle(self, referral_id: int | None = None) -> Any:
        from circles_desktop.ui.circles.circle_form import CircleFormDialog

        dialog = CircleFormDialog(self.state, self, referral_id=referral_id, leave_out=self.handed_over)
        dialog.accepted.connect(lambda: self.circle_created(dialog.saved_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def create_from_referral(self, referral_id: int) -> Any:
        """The new-circle form, filled in from an accepted referral (Referrals screen's request)."""
        if self.opened is not None and not self.opened.can_leave():
            return None
        return self.new_circle(referral_id)


def circles_area(state: AppState) -> QWidget:
    return CirclesArea(state)
