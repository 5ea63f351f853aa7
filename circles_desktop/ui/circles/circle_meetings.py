"""The Meetings and Reviews tabs of the Circle screen. Meetings are listed here; opening or creating
one is asked of the Meeting screen through the Circle screen's signals."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import plural, uk_date_time
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.circles.circle_texts import review_text
from circles_desktop.ui.common.lists.list_parts import list_table
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.lists.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import Note, tone_style

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen


def when(moment: datetime) -> str:
    """A meeting's day and time: "Fri 14/03/2025 18:00" (the UK date, with the weekday before it)."""
    return f"{moment:%a} {uk_date_time(moment)}"


class MeetingsModel(PagedTableModel):
    COL_WHEN, COL_KIND, COL_VENUE, COL_PRESENT, COL_SECTIONS, COL_ACTIONS = range(6)
    HEADERS = ("Date and time", "Kind", "Venue", "Present", "Minutes sections", "Open actions")
    SORTS = {COL_WHEN: "starts_at", COL_KIND: "kind", COL_VENUE: "venue"}
    DEFAULT_SORT = (COL_WHEN, True)

    def __init__(self, circle_screen: CircleScreen, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.circle_screen = circle_screen

    def _count(self, _text: str) -> int:
        from circles_desktop.services.meetings import meetings

        return read(self.circle_screen.state, lambda s: meetings.count_meetings(s, self.circle_screen.circle_id), 0)

    def _fetch(self, _text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.meetings import meetings

        rows: list[Any] = read(
            self.circle_screen.state,
            lambda s: meetings.list_meetings(
                s,
                self.circle_screen.circle_id,
                offset=offset,
                limit=limit,
                sort=self.sort_key,
                descending=self.descending,
            ),
            [],
        )
        # Formatted once here; the id rides after the shown columns.
        return [(when(m.starts_at), label(m.kind), m.venue, m.present, m.sections, m.open_actions, m.id) for m in rows]

    def meeting_id(self, row: int) -> int:
        return self.row(row)[-1]


class MeetingsTab(CircleTab):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.meetings")
        self.model = MeetingsModel(circle_screen, self)
        # This table has always kept Qt's word wrap; the long lists turn it off.
        self.table = list_table(
            self.model, "meetings.table", "The circle's meetings", word_wrap=True, stretch=MeetingsModel.COL_VENUE
        )
        self.new_button = QPushButton("&New meeting…")
        self.new_button.setObjectName("meetings.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("meetings.open")
        self.count = QLabel()
        self.count.setObjectName("meetings.count")
        self.error = QLabel()
        self.error.setStyleSheet(tone_style("warning"))
        tools = QHBoxLayout()
        tools.addWidget(self.new_button)
        tools.addWidget(self.open_button)
        tools.addStretch(1)
        tools.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.error.hide()
        self.new_button.clicked.connect(self._new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.model.total_changed.connect(lambda n: self.count.setText(plural(n, "meeting")))
        self.model.failed.connect(self._failed)

    def _new_meeting(self) -> None:
        self.circle_screen.new_meeting_requested.emit(self.circle_id)

    def _failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def reload(self) -> None:
        self.error.hide()
        self.model.reload()
        self.new_button.setEnabled(not self.circle_screen.is_closed)

    def clear(self) -> None:
        self.model.clear()
        self.count.clear()

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, "Open meeting", "Choose a meeting in the list first.")
            return
        self.circle_screen.open_meeting_requested.emit(self.model.meeting_id(index.row()))


class ReviewsTab(CircleTab):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.reviews")
        self.due = QLabel()
        self.due.setObjectName("reviews.due")
        self.due.setAccessibleName("Quarterly review due")
        self.due.setWordWrap(True)
        self.due.setStyleSheet("font-size: 12pt;")
        self.table = make_table(("Date", "Kind", "Venue"), "Reviews held", stretch=2)
        self.table.setObjectName("reviews.table")
        self.new_button = QPushButton("&New review meeting…")
        self.new_button.setObjectName("reviews.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("reviews.open")
        self.questionnaire_button = QPushButton("Print blank &questionnaire…")
        self.questionnaire_button.setObjectName("reviews.questionnaire")
        self.questionnaire_button.setToolTip("The end-of-circle stakeholder questionnaire, to give to referrers")
        tools = QHBoxLayout()
        tools.addWidget(self.new_button)
        tools.addWidget(self.open_button)
        tools.addStretch(1)
        tools.addWidget(self.questionnaire_button)
        box = QGroupBox("Reviews held (quarterly and end-of-circle)")
        bl = QVBoxLayout(box)
        bl.addLayout(tools)
        bl.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addWidget(
            Note(
                "A quarterly review falls due three months after the last one (or after the circle started). "
                "Police and probation are expected to attend. A CoSA circle closes only after its end-of-circle review."
            )
        )
        layout.addWidget(box, 1)
        self.new_button.clicked.connect(self._new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.questionnaire_button.clicked.connect(self.print_questionnaire)

    def _new_meeting(self) -> None:
        self.circle_screen.new_meeting_requested.emit(self.circle_id)

    def print_questionnaire(self) -> bool:
        from circles_desktop.ui.sharing.print_documents import print_blank_questionnaire

        return print_blank_questionnaire(self.state, self, self.circle_id)

    def reload(self) -> None:
        from circles_desktop.services.circles import circle_queries

        info = self.circle_screen.info
        due = info.review_due if info else None
        self.due.setText(review_text(due))
        self.due.setStyleSheet("font-size: 12pt;" + (tone_style("warning") if due and due.overdue else ""))
        rows: list[Any] = read(self.state, lambda s: circle_queries.review_history(s, self.circle_id), [])
        fill_table(
            self.table,
            [(when(r.starts_at), label(r.kind), r.venue) for r in rows],
            [r.meeting_id for r in rows],
        )
        self.new_button.setEnabled(not self.circle_screen.is_closed)

    def clear(self) -> None:
        self.due.clear()
        self.table.setRowCount(0)

    def open_selected(self) -> None:
        ident = selected_id(self.table)
        if ident is None:
            QMessageBox.information(self, "Open review", "Choose a review in the list first.")
            return
        self.circle_screen.open_meeting_requested.emit(ident)
