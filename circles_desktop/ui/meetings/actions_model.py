"""The actions of one meeting as a table: who does what by when, open / done / blocked (with the
barrier). Overdue actions say so in words as well as in colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from circles_desktop.models.vocab import ActionStatus
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.widgets import readable_brush

if TYPE_CHECKING:
    from circles_desktop.services.meetings.meeting_queries import ActionRow

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
FONT_ROLE = Qt.ItemDataRole.FontRole
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole
HORIZONTAL = Qt.Orientation.Horizontal
AnyIndex = QModelIndex | QPersistentModelIndex

STATUS_WORDS = {s.value: s.label for s in ActionStatus}  # Open, Done, Blocked
OVERDUE_FG = QBrush(QColor("#b00020"))  # on its own light background: readable on any palette
OVERDUE_BG = QBrush(QColor("#fdecea"))
BLOCKED_FG = "#8d4e00"  # on the list's own background: made readable for the palette (widgets.readable)
DONE_FG = "#555555"
_BOLD = QFont()
_BOLD.setBold(True)


class ActionsModel(QAbstractTableModel):
    """The actions of one meeting, as read from the database (rows are meeting_queries.ActionRow)."""

    COL_DESCRIPTION, COL_OWNER, COL_DUE, COL_STATUS, COL_BARRIER, COL_DONE = range(6)
    HEADERS = ("Action", "Owner", "Due", "Status", "Barrier", "Done on")

    def __init__(self, parent: QWidget | None = None, owner_heading: str = "Owner") -> None:
        super().__init__(parent)
        self.rows: list[ActionRow] = []
        self.headers = (*self.HEADERS[: self.COL_OWNER], owner_heading, *self.HEADERS[self.COL_OWNER + 1 :])

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row(self, r: int) -> ActionRow:
        return self.rows[r]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if orientation == HORIZONTAL and role == DISPLAY_ROLE:
            return self.headers[section]
        return None

    def text(self, a: ActionRow, col: int) -> str:
        if col == self.COL_DESCRIPTION:
            return a.description
        if col == self.COL_OWNER:
            return f"{a.owner} (offered)" if a.owner and a.owner_offered else a.owner or "—"
        if col == self.COL_DUE:
            if a.due_on is None:
                return "no due date"
            return f"{uk_date(a.due_on)} — OVERDUE" if a.overdue else uk_date(a.due_on)
        if col == self.COL_STATUS:
            words = STATUS_WORDS.get(a.status, a.status)
            return f"{words}, overdue" if a.overdue else words
        if col == self.COL_BARRIER:
            return a.barrier
        if col == self.COL_DONE:
            return uk_date(a.done_on)
        return ""

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY_ROLE:
            return self.text(a, col)
        if role == FOREGROUND_ROLE:
            return self._foreground(a, col)
        if role == BACKGROUND_ROLE:
            return OVERDUE_BG if a.overdue else None
        if role == FONT_ROLE:
            return _BOLD if a.overdue and col in (self.COL_DUE, self.COL_STATUS) else None
        if role == TOOLTIP_ROLE:
            if col in (self.COL_DESCRIPTION, self.COL_BARRIER):
                return self.text(a, col) or None
            return f"Overdue: was due {uk_date(a.due_on)} and is not done." if a.overdue else None
        if role == ACCESSIBLE_ROLE:
            return f"{self.headers[col]}: {self.text(a, col) or 'none'}"
        return None

    def _foreground(self, a: ActionRow, col: int) -> QBrush | None:
        if a.overdue:
            return OVERDUE_FG
        if a.status == ActionStatus.BLOCKED and col in (self.COL_STATUS, self.COL_BARRIER):
            return readable_brush(BLOCKED_FG)
        if a.status == ActionStatus.DONE:
            return readable_brush(DONE_FG)
        return None

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.rows if a.overdue)
