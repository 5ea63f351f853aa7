"""The Community Circles area: the list by stage (with counts), paged and searched in SQL; opened from it,
the Community Circle screen, and from that one of its meetings, each in place of the one before.
`community_circles_area(state)` is the factory the main window registers ("Community Circles")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.kinds.community import PurposeKind
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.community.community_circles import STAGES
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.lists.stage_tabs import StageTabs
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage

COLUMN_WIDTHS = (80, 150, 150, 130, 130, 140, 140, 84)


class CommunityCirclesModel(PagedTableModel):
    (
        COL_REFERENCE,
        COL_PERSON,
        COL_PURPOSE,
        COL_WHERE,
        COL_CONNECTOR,
        COL_FACILITATOR,
        COL_STAGE,
        COL_STARTED,
        COL_REVIEW,
    ) = range(9)
    HEADERS = (
        "Reference",
        "Person in focus",
        "Purpose",
        "Where",
        "Connector",
        "Facilitator",
        "Stage",
        "Started",
        "12-month review",
    )

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.stage: str | None = None

    def circle_id(self, row: int) -> int:
        return self.row(row)[-1]

    def _count(self, text: str) -> int:
        from circles_desktop.services.community import community_list

        return read(self.state, lambda s: community_list.count_community_circles(s, self.stage, text), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.community import community_list

        rows = read(
            self.state,
            lambda s: community_list.list_community_circles(s, self.stage, text, offset=offset, limit=limit),
            [],
        )
        return [
            (
                r.reference,
                r.person,
                PurposeKind(r.purpose_kind).label,
                r.where,
                r.connector,
                r.facilitator or "—",
                STAGES.get(r.stage, r.stage),
                uk_date(r.started_on),
                uk_date(r.review_due_on),
                r.id,
            )
            for r in rows
        ]


class CommunityCirclesArea(QWidget, OpenedInPlace):
    """The list of Community Circles, and a circle's screen (or one of its meetings) in its place."""

    circle_opened = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("community.area")
        self.setAccessibleName("Community Circles")
        self.opened: Any = None  # the open CommunityCircleScreen (OpenedInPlace)
        self.meeting: Any = None  # the open MeetingScreen, in place of its circle
        self.dialog: Any = None
        self.error = FieldMessage("Community Circles list error")
        self.model = CommunityCirclesModel(state, self)
        self.table = self._build_table()
        self.list_page = self._build_list_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        tab_chain(self, self.stages, self.search, self.open_button, self.new_button, self.table)
        self._connect()
        if not state.is_locked:
            self.refresh()

    def _build_table(self) -> QTableView:
        table = list_table(self.model, "community.table", "Community Circles", row_height=24, tab_key_navigation=False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        return table

    def _build_list_page(self) -> QWidget:
        self.stages = StageTabs("community.stages", STAGES, "Community Circle")
        self.search = search_box(
            "community.search",
            "Search the person's name, CC reference or postcode district",
            "Search Community Circles",
        )
        self.new_button = button("&New self-referral…", "community.new", "Take a new self-referral")
        self.open_button = button("&Open", "community.open")
        self.count = count_label("community.count", "Number of Community Circles")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addWidget(self.new_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<h2>Community Circles</h2>"))
        column.addWidget(self.stages)
        column.addLayout(tools)
        column.addWidget(self.error)
        column.addWidget(self.table, 1)
        return page

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_changed)
        self.stages.currentChanged.connect(lambda _i: self._stage_changed())
        self.model.total_changed.connect(lambda n: self.count.setText(plural(n, "Community Circle")))
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.table.doubleClicked.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.open_button.clicked.connect(lambda: self.open_selected("Choose a Community Circle in the list first."))
        self.new_button.clicked.connect(lambda: self.new_self_referral())
        self.state.locked.connect(self._forget)
        self.state.unlocked.connect(lambda _db: self.refresh())

    # --- the list --------------------------------------------------------------------------------
    @property
    def stage(self) -> str | None:
        return self.stages.stage()

    def set_stage(self, stage: str | None) -> None:
        self.stages.set_stage(stage)

    def _search_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._reload_counts()

    def _stage_changed(self) -> None:
        self.model.stage = self.stage
        self.model.reload()

    def refresh(self) -> None:
        self.error.clear_message()
        self.model.stage = self.stage
        self.model.reload()
        self._reload_counts()

    def _reload_counts(self) -> None:
        from circles_desktop.services.community import community_list

        text = self.search.text().strip()
        counts: dict[str, int] = {}
        try:  # the counts are beside the list; the list's own line says why they are missing
            counts = read(self.state, lambda s: community_list.counts_by_stage(s, text), counts)
        except Exception as exc:
            self.error.show_message(describe(exc))
        self.stages.show_counts(counts)

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()
        self.stages.show_counts({})

    # --- a circle, and one of its meetings ---------------------------------------------------------
    def open_circle(self, circle_id: int) -> Any:
        from circles_desktop.ui.community.community_screen import CommunityCircleScreen

        if self.meeting is not None:
            if not self.meeting.can_leave():
                return None
            self._drop_meeting()

        def make() -> Any:
            screen = CommunityCircleScreen(self.state, circle_id)
            screen.open_meeting_requested.connect(self.open_meeting)
            return screen

        return self.show_screen(circle_id, make)

    def new_self_referral(self, show: bool = True) -> Any:
        from circles_desktop.ui.community.self_referral_dialog import SelfReferralDialog

        if not self.can_leave():
            return None
        dialog = SelfReferralDialog(self.state, self)
        return open_dialog(self, dialog, lambda: self.circle_created(dialog.saved_id), show)

    def open_meeting(self, meeting_id: int) -> Any:
        """The full meeting (details, attendance and roles, minutes, decisions, actions) in place of its circle."""
        from circles_desktop.ui.meetings.meeting_screen import MeetingScreen

        if self.meeting is not None and not self.meeting.can_leave():
            return None
        self._drop_meeting()
        screen = MeetingScreen(self.state, meeting_id)
        screen.closed.connect(self.back_to_circle)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.meeting = screen
        return screen

    def back_to_circle(self) -> None:
        self._drop_meeting()
        if self.opened is not None:
            self.opened.saved()
            self.stack.setCurrentWidget(self.opened)
        else:
            self.show_list()

    def _drop_meeting(self) -> None:
        if self.meeting is not None:
            screen, self.meeting = self.meeting, None
            self.stack.removeWidget(screen)
            screen.deleteLater()

    def can_leave(self) -> bool:
        return (self.meeting is None or self.meeting.can_leave()) and OpenedInPlace.can_leave(self)


def community_circles_area(state: AppState) -> QWidget:
    return CommunityCirclesArea(state)
