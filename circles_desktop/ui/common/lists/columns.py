"""How every list's columns behave: sized to what they hold, within the list's width, and sorted by a
click on their header (in SQL, for a paged list).

`fit_columns(table)` sizes each column to its heading and the rows shown (as they come into view), and
when they do not all fit takes the room from the widest columns first (long free text: a title, an
agency, a detail), so the key columns — names, references, dates — keep their whole text and a list of
ordinary width needs no horizontal scroll bar. Whatever a narrowed cell cannot show is on its tooltip.

`sort_by_header(table, model)` sorts a PagedTableModel by the column clicked (again: the other way);
a column the model cannot sort in SQL keeps the order shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from shiboken6 import isValid

from circles_desktop.ui.common.lists.paged_model import PagedTableModel

PADDING = 18  # beside the text: the cell's margins and a little air
FLOOR = 48  # no column narrower than this (or its heading, whichever is less)
ASCENDING = Qt.SortOrder.AscendingOrder
DESCENDING = Qt.SortOrder.DescendingOrder


def fitted_widths(wanted: list[int], floors: list[int], room: int, keep: Iterable[int] = ()) -> list[int]:
    """Widths for columns that want `wanted`, in `room` pixels: all they want if it fits (the rest of
    the room is left to the caller); otherwise the widest are cut down to a common width (never below
    their floor) until they fit, the columns in `keep` last of all."""
    widths = list(wanted)
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    kept = set(keep)
    for group in ([c for c in range(len(widths)) if c not in kept], sorted(kept)):
        excess = _level(widths, floors, group, excess)
        if excess <= 0:
            break
    return widths


def _level(widths: list[int], floors: list[int], columns: list[int], excess: int) -> int:
    """Cut the widest of `columns` down to one level until `excess` pixels are gone (or all are at their
    floor); returns what is still too much."""
    while excess > 0:
        above = [c for c in columns if widths[c] > floors[c]]
        if not above:
            return excess
        top = max(widths[c] for c in above)
        widest = [c for c in above if widths[c] == top]
        others = [widths[c] for c in above if widths[c] < top]
        step = top - max([*others, *(floors[c] for c in widest)])
        cut = min(step * len(widest), excess)
        for i, c in enumerate(widest):
            share = cut // len(widest) + (1 if i < cut % len(widest) else 0)
            widths[c] -= share
        excess -= cut
    return 0


class ColumnFitter(QObject):
    """Keeps a table's columns fitted whenever its rows are replaced, it is resized or scrolled.

    Only the rows shown are measured (the header's resize precision 0): Qt would otherwise measure up to
    1000 rows per column through the model's data(), which over a 200-row page cost more than the query
    itself on every keystroke. Rows scrolled into view since the rows were replaced only widen columns,
    so the key columns of what is read stay whole and the columns do not jump back as the list scrolls."""

    def __init__(self, table: QTableView, stretch: int | None, keep: Iterable[int]) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self.keep = tuple(keep)
        self.seen: list[int] = []  # the widest each column wanted since its rows were replaced
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch is None)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setResizeContentsPrecision(0)  # sizeHintForColumn: the rows shown (all, while hidden)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.viewport().installEventFilter(self)
        table.verticalScrollBar().valueChanged.connect(lambda _v: self.widen())
        model = table.model()
        model.modelReset.connect(self.fit_anew)
        model.layoutChanged.connect(self.fit_anew)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit_anew(self) -> None:
        """The rows were replaced: fit to the new rows alone."""
        self.seen = []
        self.fit()

    def widen(self) -> None:
        """Rows scrolled into view: fit again only if one of them wants a wider column (so a column the
        coordinator has widened by hand stays as it is while they scroll)."""
        before = list(self.seen)
        self.fit(unless_unchanged=before)

    def fit(self, unless_unchanged: list[int] | None = None) -> None:
        if not isValid(self.table):  # a model going away with its table says it was reset
            return
        table, header = self.table, self.table.horizontalHeader()
        columns = table.model().columnCount()
        if columns == 0:
            return
        shown = [c for c in range(columns) if not header.isSectionHidden(c)]
        wanted, floors = self._wanted(shown, columns)
        if unless_unchanged is not None and wanted == unless_unchanged:
            return
        room = max(table.viewport().width(), 200)
        widths = fitted_widths(wanted, floors, room, self.keep)
        spare = room - sum(widths[c] for c in shown)
        target = self.stretch if self.stretch is not None and self.stretch in shown else (shown[-1] if shown else None)
        if spare > 0 and target is not None:
            widths[target] += spare
        for c in shown:
            if header.sectionSize(c) != widths[c]:  # an unchanged width costs no relayout
                header.resizeSection(c, widths[c])

    def _wanted(self, shown: list[int], columns: int) -> tuple[list[int], list[int]]:
        """What each column wants (its heading, the widest of the rows shown and of those seen before since
        the rows were replaced) and its floor."""
        table, header = self.table, self.table.horizontalHeader()
        if len(self.seen) != columns:
            self.seen = [0] * columns
        floors = [0] * columns
        for c in shown:
            heading = header.sectionSizeFromContents(c).width()
            self.seen[c] = max(self.seen[c], heading, table.sizeHintForColumn(c) + PADDING)
            floors[c] = min(max(FLOOR, heading), self.seen[c])
        return list(self.seen), floors


def fit_columns(table: QTableView, stretch: int | None = None, keep: Iterable[int] = ()) -> ColumnFitter:
    """Fit the table's columns from now on; `stretch` takes any room left over (default: the last),
    `keep` are the columns cut last of all when room is short."""
    return ColumnFitter(table, stretch, keep)


def refit(table: QTableView) -> None:
    """Fit the columns again after filling a table item by item (a QTableWidget); a paged model's new
    rows are fitted as they are read, and rows scrolled into view only widen the columns."""
    fitter = table.findChild(ColumnFitter)
    if fitter is not None:
        fitter.fit_anew()


def sort_by_header(table: QTableView, model: PagedTableModel) -> None:
    """Clicking a column's header sorts the list by it in SQL; clicking it again reverses the order."""
    header = table.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)

    def show(column: int, descending: bool) -> None:
        header.setSortIndicator(column, DESCENDING if descending else ASCENDING)

    def clicked(column: int) -> None:
        if column == model.sort_column:
            model.set_sort(column, not model.descending)
        else:
            model.set_sort(column, False)
        show(model.sort_column, model.descending)  # a column that cannot sort leaves the indicator put

    if model.sort_column >= 0:
        show(model.sort_column, model.descending)
    else:
        header.setSortIndicator(-1, ASCENDING)
    header.sectionClicked.connect(clicked)
    model.sort_changed.connect(show)
