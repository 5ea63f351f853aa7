"""The pieces every searchable list screen is built from: search box, count label, read-only table,
the list column beside a record, and the tab order through them."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def search_box(object_name: str, placeholder: str, accessible_name: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(object_name)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible_name)
    box.setClearButtonEnabled(True)
    return box


def count_label(object_name: str, accessible_name: str) -> QLabel:
    count = QLabel()
    count.setObjectName(object_name)
    count.setAccessibleName(accessible_name)
    return count


def list_table(
    model: QAbstractItemModel,
    object_name: str,
    accessible_name: str,
    *,
    word_wrap: bool = False,
    row_height: int | None = None,
    tab_key_navigation: bool = True,
) -> QTableView:
    """A read-only list: one whole row selected at a time, alternating shades, no row numbers.

    Long lists pass row_height (fixed rows lay out faster) and tab_key_navigation=False (Tab leaves
    the table rather than walking its cells)."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    table.setTabKeyNavigation(tab_key_navigation)
    table.verticalHeader().setVisible(False)
    if row_height is not None:
        table.verticalHeader().setDefaultSectionSize(row_height)
    return table


def tab_chain(parent: QWidget, *widgets: QWidget) -> None:
    """Tab moves through the widgets in the order given."""
    for before, after in pairwise(widgets):
        parent.setTabOrder(before, after)


def list_column(
    heading: str,
    search: QWidget,
    narrow: QWidget,
    count: QLabel,
    buttons: tuple[QWidget, ...],
    error: QWidget,
    table: QWidget,
    note: QWidget | None = None,
) -> QWidget:
    """The left of a list-and-record area: heading, search with one narrowing choice, the count with
    the buttons, the list's error and the list itself."""
    column = QWidget()
    tools = QHBoxLayout()
    tools.addWidget(search, 1)
    tools.addWidget(narrow)
    actions = QHBoxLayout()
    actions.addWidget(count, 1)
    for button in buttons:
        actions.addWidget(button)
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 4, 0)
    box.addWidget(QLabel(f"<h2>{heading}</h2>"))
    if note is not None:
        box.addWidget(note)
    box.addLayout(tools)
    box.addLayout(actions)
    box.addWidget(error)
    box.addWidget(table, 1)
    return column


def beside_list(
    area: QWidget, column: QWidget, placeholder: QLabel, record: QWidget, sizes: list[int]
) -> tuple[QStackedWidget, QSplitter]:
    """Fill area with the list column and, beside it, a stack showing the centred placeholder until a
    record is opened; returns (that stack, the splitter)."""
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    right = QStackedWidget()
    right.addWidget(placeholder)
    right.addWidget(record)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(column)
    splitter.addWidget(right)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(sizes)
    layout = QVBoxLayout(area)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return right, splitter
