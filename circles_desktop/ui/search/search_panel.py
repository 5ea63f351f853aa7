"""One search box over every kind of record, with the results grouped by kind under it.

Each keystroke searches (services/search, in SQL: a few milliseconds at 100,000 people); Down moves from
the box into the results, Enter opens the selected result (from the box: the first), and `opened`
says which record to open. Nothing read is kept across a lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.grouped_lines import Group, GroupedLines, Line
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage, Note

HINT = "Search people, organisations, referrals, circles, meetings and minutes, learning circles, children"


class SearchBox(QLineEdit):
    """The search line: Down goes to the results, Enter opens the first."""

    down = Signal()
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    opened = Signal(object)  # the RecordRef of the result chosen
    searched = Signal(str)  # the text whose results are now shown

    def __init__(
        self, state: AppState, name: str = "search", parent: QWidget | None = None, *, results_when_empty: bool = True
    ) -> None:
        """`results_when_empty=False`: the results (and their summary) take no room while the box is
        empty, for a search box above other things (Home)."""
        super().__init__(parent)
        self.state = state
        self.results_when_empty = results_when_empty
        self.setObjectName(name)
        self.box = SearchBox()
        self.box.setObjectName(f"{name}.box")
        self.box.setPlaceholderText(HINT)
        self.box.setAccessibleName("Search everything")
        self.box.setClearButtonEnabled(True)
        self.results = GroupedLines(("Found", "Details"), "Search results")
        self.results.setObjectName(f"{name}.results")
        self.status = Note()
        self.status.setObjectName(f"{name}.status")
        self.status.setAccessibleName("Search summary")
        self.error = FieldMessage("Search error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.box.textChanged.connect(self.search)
        self.box.down.connect(self._into_results)
        self.box.enter.connect(self._open_first)
        self.results.opened.connect(self.opened.emit)
        state.locked.connect(self.forget)
        self.forget()
        if not results_when_empty:
            self.results.hide()
            self.status.hide()

    def search(self, text: str) -> None:
        from circles_desktop.services.search import search as service

        self.error.clear_message()
        if not self.results_when_empty:
            self.results.setVisible(bool(text.strip()))
            self.status.setVisible(bool(text.strip()))
        if not text.strip():
            self.forget(keep_text=True)
            return
        try:
            groups: list[Any] = read(self.state, lambda s: service.search(s, text), [])
        except Exception as exc:  # a failed read is said in words; the box keeps what was typed
            from circles_desktop.ui.common.messages import explain

            self.error.show_message(explain("The search could not be made", exc))
            groups = []
        self.results.show_groups([_group(g) for g in groups])
        self.status.setText(_summary(groups))
        self.searched.emit(text)

    def forget(self, keep_text: bool = False) -> None:
        """No results (on lock, or an empty box): nothing read stays on screen."""
        self.results.clear_groups()
        self.status.setText("Type a name, a reference or a word from the minutes.")
        if not keep_text:
            self.box.blockSignals(True)
            self.box.clear()
            self.box.blockSignals(False)

    def _into_results(self) -> None:
        first = self.results.first_line()
        if first is not None:
            self.results.setFocus()
            self.results.setCurrentIndex(first)

    def _open_first(self) -> None:
        first = self.results.first_line()
        if first is not None:
            self.results.setCurrentIndex(first)
            self.results.open_current()


def _group(g: Any) -> Group:
    lines = tuple(Line((h.title, h.detail), h.ref) for h in g.hits)
    shown = len(g.hits)
    if g.more or g.total > shown:
        lines += (Line((f"…and {g.count_text} in all: type more to narrow them down", ""), None),)
    return Group(f"{g.title} ({g.count_text})", lines)


def _summary(groups: list[Any]) -> str:
    if not groups:
        return "Nothing found. Check the spelling, or type fewer letters."
    return "Found " + ", ".join(g.count_words for g in groups) + ". Enter opens the first."
