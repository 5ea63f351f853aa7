"""Small read-only tables filled in one go (a circle's members, a child's chronology, a volunteer's DBS
checks): each row's first cell carries its record's id. Lists of any size use list_parts.list_table
over a PagedTableModel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from circles_desktop.ui.common.lists.columns import fit_columns, refit

USER_ROLE = Qt.ItemDataRole.UserRole


def make_table(headers: Sequence[str], name: str, stretch: int | None = None, keep: Sequence[int] = ()) -> QTableWidget:
    """A small read-only table; `keep` are the key columns cut last when room is short (columns.py)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    fit_columns(table, stretch, keep)  # each column as wide as what it holds, within the table's width
    return table


def form_table(headers: Sequence[str], name: str) -> QTableWidget:
    """A few recorded entries inside a record form (checks, courses, jobs, staff): short, with plain
    rows that wrap, and Tab moves on past it rather than through its cells."""
    table = make_table(headers, name)
    table.setAlternatingRowColors(False)
    table.setWordWrap(True)
    table.setMaximumHeight(100)
    table.setTabKeyNavigation(False)
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[Any]], ids: Sequence[Any] | None = None, *, empty: str = ""
) -> None:
    """Replace the table's rows; each row's first cell carries its id (UserRole). With no rows, `empty`
    (if given) is said across the table in one row that cannot be chosen."""
    keep = selected_id(table)
    table.clearSpans()
    table.setRowCount(0)
    if not rows and empty:
        table.setRowCount(1)
        item = QTableWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        table.setItem(0, 0, item)
        table.setSpan(0, 0, 1, table.columnCount())
        refit(table)
        return
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())  # the whole text, where the column is too narrow for it
            if c == 0 and ids is not None:
                item.setData(USER_ROLE, ids[r])
            table.setItem(r, c, item)
    refit(table)
    if keep is not None and ids is not None and keep in ids:
        table.selectRow(list(ids).index(keep))


def selected_id(table: QTableWidget) -> Any:
    row = table.currentRow()
    if row < 0 or not table.selectionModel().hasSelection():
        return None
    item = table.item(row, 0)
    return item.data(USER_ROLE) if item is not None else None


def select_id(table: QTableWidget, ident: Any) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(USER_ROLE) == ident:
            table.selectRow(r)
            return True
    return False
