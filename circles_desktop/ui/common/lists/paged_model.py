"""A read-only table model that pages and filters in SQL, for list screens of any size.

It never loads a whole table: it holds the rows fetched so far, asks for the next page (LIMIT/OFFSET)
when the view scrolls near the end (canFetchMore/fetchMore), and starts again from the first page
when the filter text changes. Filtering in SQL and resetting paints in a few milliseconds even over
100,000 rows, where a QSortFilterProxyModel over every row takes hundreds per keystroke.

The two callables it is given open their own short session each time, so no session is held while
the coordinator reads the screen.

Sorting is in SQL too: a model names the columns it can sort by in `SORTS` ({column: the service's
sort key}) and its first order in `DEFAULT_SORT`; clicking a header (list_parts.list_table wires it)
calls `set_sort`, and the fetch passes `sort_key` and `descending` on to the service's page query
(services/common/paging.page_order), so the order holds across every page, however many rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from circles_desktop.ui.common.operations import read

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState

# PySide6 resolves Qt.DisplayRole-style names slowly on every call; data() compares against these.
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
ALIGN_ROLE = Qt.ItemDataRole.TextAlignmentRole
HORIZONTAL = Qt.Orientation.Horizontal

FetchPage = Callable[[str, int, int], Sequence[Sequence[Any]]]  # (filter text, offset, limit) -> rows
CountRows = Callable[[str], int]  # (filter text) -> rows matching
AnyIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200


class PagedTableModel(QAbstractTableModel):
    failed = Signal(str)  # a page could not be read; the message to show
    total_changed = Signal(int)  # rows matching the filter, for a "N entries" label
    sort_changed = Signal(int, bool)  # the column sorted by and whether descending, for the header

    SORTS: dict[int, str] = {}  # column -> the service's sort key; columns not named do not sort
    DEFAULT_SORT: tuple[int, bool] | None = None  # (column, descending) at first; None: the service's own

    def __init__(
        self,
        headers: Sequence[str],
        fetch_page: FetchPage,
        count_rows: CountRows,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self._fetch_page = fetch_page
        self._count_rows = count_rows
        self.page_size = page_size
        self.filter_text = ""
        self.total = 0
        self._rows: list[Sequence[Any]] = []
        self.sort_column, self.descending = self.DEFAULT_SORT or (-1, False)

    # --- sorting -----------------------------------------------------------------------------------
    @property
    def sort_key(self) -> str | None:
        """The service's name for the order now shown (None: the service's default order)."""
        return self.SORTS.get(self.sort_column)

    def sortable(self, column: int) -> bool:
        return column in self.SORTS

    def set_sort(self, column: int, descending: bool) -> bool:
        """Sort by a column, read again from the first page; False (and nothing changes) for a column
        that cannot be sorted in SQL."""
        if column not in self.SORTS:
            return False
        if (column, descending) != (self.sort_column, self.descending):
            self.sort_column, self.descending = column, descending
            self.sort_changed.emit(column, descending)
            self.reload()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's way of asking (QTableView.sortByColumn): the same as set_sort."""
        self.set_sort(column, order == Qt.SortOrder.DescendingOrder)

    # --- loading ---------------------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        text = text.strip()
        if text != self.filter_text:
            self.filter_text = text
            self.reload()

    def reload(self) -> None:
        """Back to the first page of the current filter."""
        self.beginResetModel()
        try:
            self.total = self._count_rows(self.filter_text)
            self._rows = list(self._fetch_page(self.filter_text, 0, self.page_size))
        except Exception as exc:  # shown by the screen; the table is left empty, not half-loaded
            self.total, self._rows = 0, []
            self._report(exc)
        finally:
            self.endResetModel()
        self.total_changed.emit(self.total)

    def clear(self) -> None:
        """Forget every row (on lock), so nothing read from the database stays in memory."""
        self.beginResetModel()
        self._rows, self.total = [], 0
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt's API)
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008 (Qt's API)
        if parent.isValid():
            return
        start = len(self._rows)
        try:
            page = list(self._fetch_page(self.filter_text, start, self.page_size))
        except Exception as exc:
            self.total = start  # stop asking for more
            self._report(exc)
            return
        if not page:
            self.total = start  # rows were deleted meanwhile
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def _report(self, exc: Exception) -> None:
        from circles_desktop.ui.common.messages import describe

        self.failed.emit(describe(exc))

    def every_row(self) -> list[Sequence[Any]]:
        """Every row matching the filter, in the list's order, shown columns only (for an export: what
        is on screen with its filters, not just the pages read so far). Reads only the model's own
        filter values, so it may run in the Background pool."""
        text, shown = self.filter_text, len(self.headers)
        total = self._count_rows(text)
        return [row[:shown] for row in self._fetch_page(text, 0, total)] if total else []

    # --- reading ---------------------------------------------------------------------------------
    def row(self, row: int) -> Sequence[Any]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if role == DISPLAY_ROLE or role == TOOLTIP_ROLE:
            value = self._rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if orientation != HORIZONTAL:
            return None
        if role == DISPLAY_ROLE:
            return self.headers[section]
        if role == TOOLTIP_ROLE:
            if section not in self.SORTS:
                return self.headers[section]
            return f"{self.headers[section]}: click to sort by it, click again to reverse the order"
        return None


class RecordListModel(PagedTableModel):
    """One kind of record a page at a time, matching the search text and one narrowing choice (a
    person's part, an organisation's kind; None for all), each page read in its own short session.

    A subclass names its HEADERS and gives `count_in(session, text)`, `page_in(session, text, offset,
    limit)` (the service's rows) and `cells(row)`: the shown columns, formatted once here rather than
    on every paint, followed by the record's id, which is not shown (`record_id(row)`).
    """

    HEADERS: tuple[str, ...] = ()

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.narrow: Any = None

    def set_narrow(self, value: Any) -> None:
        if value != self.narrow:
            self.narrow = value
            self.reload()

    def record_id(self, row: int) -> int:
        return int(self.row(row)[len(self.headers)])

    def count_in(self, session: Session, text: str) -> int:
        raise NotImplementedError

    def page_in(self, session: Session, text: str, offset: int, limit: int) -> Sequence[Any]:
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[Any, ...]:
        raise NotImplementedError

    def _count(self, text: str) -> int:
        return read(self.state, lambda s: self.count_in(s, text), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple[Any, ...]]:
        rows = read(self.state, lambda s: self.page_in(s, text, offset, limit), [])
        return [self.cells(r) for r in rows]
