"""Lines in groups, each line opening the record it is about: Home's sections and the search's kinds of
record. A read-only tree one level deep (Qt model/view): Enter or a double-click on a line opens it,
the arrow keys walk the lines, and a group's heading says how many it holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from circles_desktop.ui.common.widgets import tone

REF_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]  # one per column
    opens: Any = None  # the RecordRef it opens; None for a line that only informs ("and 40 more")
    urgent: bool = False  # shown in red (overdue)
    tooltip: str = ""


@dataclass(frozen=True)
class Group:
    heading: str  # e.g. "Overdue actions (12)"
    lines: tuple[Line, ...]
    tooltip: str = ""  # what the group counts


class GroupedLines(QTreeView):
    opened = Signal(object)  # the RecordRef of the line opened

    def __init__(self, headers: Sequence[str], accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.store = QStandardItemModel(0, len(headers), self)
        self.store.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.store)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setUniformRowHeights(True)  # long lists lay out faster
        self.setAllColumnsShowFocus(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.activated.connect(self._activated)

    def show_groups(self, groups: Sequence[Group]) -> None:
        """Replace what is shown; the first line that opens something becomes current."""
        self.store.removeRows(0, self.store.rowCount())
        bold = QFont(self.font())
        bold.setBold(True)
        # The tones read on this palette, light or dark. A selected line keeps the highlight's own text
        # colour (the delegate's default), so red never sits on the blue highlight.
        palette = self.palette()
        tones = {name: QBrush(QColor(tone(name, palette))) for name in ("error", "note")}
        for group in groups:
            heading = QStandardItem(group.heading)
            heading.setFont(bold)
            heading.setSelectable(False)
            heading.setToolTip(group.tooltip)
            rest = [self._filler() for _ in range(self.store.columnCount() - 1)]
            for line in group.lines:
                heading.appendRow(self._row(line, tones))
            self.store.appendRow([heading, *rest])
        self.expandAll()
        first = self.first_line()
        if first is not None:
            self.setCurrentIndex(first)

    def _filler(self) -> QStandardItem:
        item = QStandardItem("")
        item.setSelectable(False)
        return item

    def _row(self, line: Line, tones: dict[str, QBrush]) -> list[QStandardItem]:
        brush = tones["error"] if line.urgent else tones["note"] if not line.opens else None
        row = []
        for text in line.cells:
            item = QStandardItem(text)
            item.setToolTip(line.tooltip or text)
            if brush is not None:
                item.setForeground(brush)
            row.append(item)
        row[0].setData(line.opens, REF_ROLE)
        return row

    def clear_groups(self) -> None:
        self.store.removeRows(0, self.store.rowCount())

    # --- reading and opening ---------------------------------------------------------------------
    def lines(self) -> list[tuple[str, Any]]:
        """(first cell, what it opens) of every line, in order (for tests and the benchmark)."""
        found = []
        for g in range(self.store.rowCount()):
            group = self.store.item(g)
            for r in range(group.rowCount()):
                child = group.child(r)
                found.append((child.text(), child.data(REF_ROLE)))
        return found

    def headings(self) -> list[str]:
        return [self.store.item(g).text() for g in range(self.store.rowCount())]

    def first_line(self) -> QModelIndex | None:
        for g in range(self.store.rowCount()):
            group = self.store.item(g)
            for r in range(group.rowCount()):
                if group.child(r).data(REF_ROLE) is not None:
                    return group.child(r).index()
        return None

    def ref_at(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        if not index.isValid():
            return None
        return index.sibling(index.row(), 0).data(REF_ROLE)

    def open_current(self) -> bool:
        ref = self.ref_at(self.currentIndex())
        if ref is None:
            return False
        self.opened.emit(ref)
        return True

    def _activated(self, index: QModelIndex) -> None:
        ref = self.ref_at(index)
        if ref is not None:
            self.opened.emit(ref)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # Enter opens on every platform (QTreeView's own activation key differs on macOS).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.open_current():
            return
        super().keyPressEvent(event)
