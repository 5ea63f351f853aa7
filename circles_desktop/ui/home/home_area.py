"""Home, the first area after unlocking: one search box over everything, and under it what needs doing
across every circle, each line opening the record it is about.

What needs doing is read in the Background pool (at 100,000 people it takes longer than a paint) and
kept, in memory and in the database (services/home/kept.py): showing Home again, or unlocking again,
paints what was read at once, and reads again only when the records have changed since (the audit
log's last entry, which every change writes) or the day has turned. While a newer reading is on its
way, the last one stays on screen, marked as updating.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.grouped_lines import Group, GroupedLines, Line
from circles_desktop.ui.common.lists.list_export import add_export
from circles_desktop.ui.common.lists.list_parts import tab_chain
from circles_desktop.ui.common.messages import explain
from circles_desktop.ui.common.operations import in_background, in_session, read, write
from circles_desktop.ui.common.widgets import Note, StatusNote
from circles_desktop.ui.search.search_panel import SearchPanel

READING = "Finding what needs doing…"
AFTER_WRITES_MS = 1500  # quiet this long after a save before Home, out of sight, reads again


class HomeArea(QWidget):
    open_requested = Signal(object)  # the RecordRef of a line chosen (from the list or the search)
    loaded = Signal()  # what needs doing is on screen, as read

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("home")
        self.setAccessibleName("Home")
        self.sections: list[Any] = []  # what was read last (DueSection rows)
        self._shown_for: tuple[Any, date] | None = None  # (changes seen, day) of what is on screen
        self._reading_for: tuple[Any, date] | None = None
        self.search = SearchPanel(state, "home.search", self, results_when_empty=False)
        self.due = GroupedLines(("What needs doing", "Whose", "When"), "What needs doing")
        self.due.setObjectName("home.due")
        self.explains = Note()
        self.explains.setObjectName("home.explains")
        self.explains.setAccessibleName("What this part of Home counts")
        self.status = StatusNote("Home status", hide_when_empty=True)
        self.status.setObjectName("home.status")
        self.backup = StatusNote("Last verified backup")  # as Settings → Backups says it, reminder included
        self.backup.setObjectName("home.backup")
        self._build()
        self.search.box.textChanged.connect(self._search_or_due)
        self.search.opened.connect(self.open_requested.emit)
        self.due.opened.connect(self.open_requested.emit)
        self.due.selectionModel().currentChanged.connect(lambda current, _old: self._explain(current))
        state.locked.connect(self.forget)
        state.unlocked.connect(lambda _db: self.refresh())
        # A change saved elsewhere is read while Home is out of sight, so that coming back paints what
        # is current at once; a burst of saves is read once, after the last.
        self._after_writes = QTimer(self)
        self._after_writes.setSingleShot(True)
        self._after_writes.setInterval(AFTER_WRITES_MS)
        self._after_writes.timeout.connect(self.refresh)
        state.written.connect(self._written_elsewhere)

    def _build(self) -> None:
        self.heading = QLabel("<h2>Home</h2>")
        self.today = QLabel()
        self.today.setObjectName("home.today")
        self.list_page = QWidget()  # what needs doing: out of the way while the search has text
        column = QVBoxLayout(self.list_page)
        column.setContentsMargins(0, 0, 0, 0)
        heading_row = QWidget()
        row = QHBoxLayout(heading_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.due_heading = QLabel("<h3>What needs doing</h3>")
        row.addWidget(self.due_heading)
        row.addStretch(1)
        column.addWidget(heading_row)
        column.addWidget(self.status)
        column.addWidget(self.due, 1)
        column.addWidget(self.explains)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.today)
        self.layout_.addWidget(self.backup)
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.list_page, 1)
        # Every line of what needs doing, not only the first few of each kind Home lists.
        self.export = add_export(self.state, DueRows(self), "due", "What needs doing", self, self.due_heading,
                                 self.status.fail)  # fmt: skip
        tab_chain(self, self.search.box, self.search.results, self.due, self.export.button)

    # --- searching -------------------------------------------------------------------------------
    def _search_or_due(self, text: str) -> None:
        searching = bool(text.strip())
        self.list_page.setVisible(not searching)
        self.layout_.setStretchFactor(self.search, 1 if searching else 0)

    def focus_search(self) -> None:
        self.search.box.setFocus()
        self.search.box.selectAll()

    # --- what needs doing ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()

    def _written_elsewhere(self) -> None:
        if not self.isVisible() and self._shown_for is not None:  # Home has been read this unlock
            self._after_writes.start()

    def refresh(self, force: bool = False) -> None:
        """Read what needs doing again, unless what is on screen is still current. With nothing on screen
        yet (just unlocked), the reading kept at the last one is painted at once, and read again only if
        records have changed since."""
        if self.state.is_locked:
            return
        from circles_desktop.services.home import kept
        from circles_desktop.services.home.items import changes_seen
        from circles_desktop.services.security import backups

        said = backups.status(self.state.paths)  # a small file beside the database: no need to wait
        (self.backup.fail if said.reminder_due else self.backup.say)(said.message)

        today = date.today()
        self.today.setText(f"{today:%A} {today.day} {today:%B %Y}")
        key = (read(self.state, changes_seen, None), today)
        if not force and key in (self._shown_for, self._reading_for):
            return
        if not self.sections and not force:
            last = read(self.state, kept.kept, None)
            if last is not None:
                self._paint((last.changes_seen, last.day), last.sections)
                if last.current_for(*key):
                    self.loaded.emit()
                    return
        self._reading_for = key
        self.status.say(READING if not self.sections else "Updating…")
        state = self.state

        def work() -> list[Any]:
            from circles_desktop.services.home.items import what_needs_doing

            return in_session(state, lambda s: what_needs_doing(s, today))

        in_background(state, work, lambda sections: self._show(key, sections), on_error=self._failed)

    def _show(self, key: tuple[Any, date], sections: list[Any]) -> None:
        if self.state.is_locked or key != self._reading_for:
            return  # locked meanwhile, or a newer reading is on its way
        self._reading_for = None
        self._paint(key, sections)
        self.loaded.emit()
        # Kept for the next unlock, written here on the UI thread like every other write: a second writer
        # in the background could make a coordinator's save meet a busy database.
        from circles_desktop.services.home import kept

        write(self.state, lambda s: kept.keep(s, key[0], key[1], sections), show=self, saved=False)

    def show_errors(self, errors: Any) -> None:
        """Keeping the reading failed: Home still shows it; it is read again at the next unlock."""
        self.status.fail("; ".join(errors.values()))

    def _paint(self, key: tuple[Any, date], sections: list[Any]) -> None:
        self._shown_for = key
        self.sections = sections
        self.due.show_groups([_group(section, key[1]) for section in sections])
        waiting = sum(s.total for s in sections)
        self.status.say("Nothing needs doing today." if not waiting else "")
        self._explain(self.due.currentIndex())

    def _failed(self, exc: BaseException) -> None:
        self._reading_for = None
        self.status.fail(explain("What needs doing could not be read", exc))
        self.status.show()

    def _explain(self, index: Any) -> None:
        """Under the list: what the part of Home the cursor is in counts (the tooltip, for the keyboard)."""
        if not index.isValid():
            self.explains.clear()
            return
        top = index if not index.parent().isValid() else index.parent()
        row = top.row()
        self.explains.setText(self.sections[row].explains if 0 <= row < len(self.sections) else "")

    def forget(self) -> None:
        """On lock: nothing read stays on screen or in memory."""
        self._after_writes.stop()
        self.sections = []
        self._shown_for = self._reading_for = None
        self.due.clear_groups()
        self.explains.clear()
        self.status.say("")

    def lines(self) -> list[tuple[str, Any]]:
        return self.due.lines()


def _group(section: Any, today: date) -> Group:
    lines = tuple(
        Line((item.what, item.who, item.when(today)), item.opens, urgent=item.days_overdue(today) > 0)
        for item in section.items
    )
    if section.total > len(section.items):
        lines += (Line((f"…and {section.total - len(section.items):,} more", "", ""), None),)
    heading = f"{section.title} ({section.total:,})" if section.total else f"{section.title}: none"
    return Group(heading, lines, section.explains)


class DueRows:
    """What Home's Export… writes: every item of every kind (the list `due` of the command line), read
    afresh in the Background pool; the warning counts what Home shows."""

    def __init__(self, home: HomeArea) -> None:
        from circles_desktop.services.exports.lists import LISTS

        self.home, self.table = home, LISTS["due"]
        self.headers = list(self.table.headers)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.home.sections)

    def every_row(self) -> list[Any]:
        today = date.today()
        return in_session(self.home.state, lambda s: list(self.table.rows(s, today)))


def home_area(state: AppState) -> QWidget:
    return HomeArea(state)
