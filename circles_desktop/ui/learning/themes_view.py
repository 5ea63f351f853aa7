"""The Themes view: how many learning circles held in a date range had each theme (what the Quality,
Performance and Action Group receives), optionally for one locality, with the learning circles behind a
count. `themes_area(state)` is the factory the main window registers ("Themes")."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.forms import DateField
from circles_desktop.ui.common.lists.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.operations import load, read
from circles_desktop.ui.common.widgets import FieldMessage, Note, labelled
from circles_desktop.ui.learning.learning_fields import STAGE_WORDS, LocalityChoice
from circles_desktop.ui.learning.learning_list import when_text

if TYPE_CHECKING:
    from circles_desktop.services.learning.learning_list import LearningCircleRow
    from circles_desktop.services.learning.themes import ThemeCount


def three_months_before(today: date) -> date:
    month = today.month - 3
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(today.day, 28))


class ThemesArea(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("themes.area")
        self.setAccessibleName("Themes")
        self.counts: list[ThemeCount] = []
        self.error = FieldMessage("Themes error")
        self.error.setObjectName("themes.error")
        tools = self._build_tools()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_counts_box())
        splitter.addWidget(self._build_circles_box())
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([430, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<h2>Themes</h2>"))
        layout.addWidget(
            Note(
                "Each learning circle counts once for each of its themes, by the date it was held (both ends of "
                "the range included). Circles with no date yet are in no range."
            )
        )
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        self.date_from.dateChanged.connect(lambda _d: self.reload())
        self.date_to.dateChanged.connect(lambda _d: self.reload())
        self.locality.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._theme_chosen)
        self.copy_button.clicked.connect(self.copy_text)
        state.locked.connect(self.forget)
        state.unlocked.connect(lambda _db: self.refresh())
        if not state.is_locked:
            self.refresh()

    def _build_tools(self) -> QHBoxLayout:
        """The date range (the last three months at first), the locality and Copy."""
        today = date.today()
        self.date_from = DateField()
        self.date_from.setObjectName("themes.from")
        self.date_from.setAccessibleName("From")
        self.date_from.set_value(three_months_before(today))
        self.date_to = DateField()
        self.date_to.setObjectName("themes.to")
        self.date_to.setAccessibleName("To")
        self.date_to.set_value(today)
        self.locality = LocalityChoice("themes.locality")
        self.copy_button = button("&Copy as text", "themes.copy", "Copy the theme counts as text")
        tools = QHBoxLayout()
        tools.addWidget(labelled("&From:", self.date_from))
        tools.addWidget(self.date_from)
        tools.addWidget(labelled("&To:", self.date_to))
        tools.addWidget(self.date_to)
        tools.addSpacing(12)
        tools.addWidget(self.locality)
        tools.addStretch(1)
        tools.addWidget(self.copy_button)
        return tools

    def _build_counts_box(self) -> QGroupBox:
        self.summary = QLabel()
        self.summary.setObjectName("themes.summary")
        self.table = make_table(("Theme", "Learning circles"), "Theme counts", stretch=0)
        self.table.setObjectName("themes.counts")
        counts_box = QGroupBox("Themes counted (for the Quality, Performance and Action Group)")
        kbox = QVBoxLayout(counts_box)
        kbox.addWidget(self.summary)
        kbox.addWidget(self.table, 1)
        return counts_box

    def _build_circles_box(self) -> QGroupBox:
        """The learning circles behind the chosen theme's count."""
        self.circles = make_table(
            ("Reference", "Child", "Locality", "When", "Stage"), "Learning circles with the chosen theme", stretch=1
        )
        self.circles.setObjectName("themes.circles")
        self.circles_box = QGroupBox("Learning circles with the chosen theme")
        cbox = QVBoxLayout(self.circles_box)
        self.circles_note = Note("Choose a theme to see the learning circles behind its count.")
        cbox.addWidget(self.circles_note)
        cbox.addWidget(self.circles, 1)
        return self.circles_box

    def refresh(self) -> None:
        """The localities, then the counts."""
        self.locality.refresh(self.state)
        self.reload()

    def reload(self) -> None:
        from circles_desktop.services.learning import themes

        keep = selected_id(self.table)
        start, end, where = self.date_from.value(), self.date_to.value(), self.locality.currentData()
        self.error.clear_message()
        ok, counts = load(self.state, lambda s: themes.theme_counts(s, start, end, where), show=self.error)
        self.counts = counts if ok else []
        fill_table(self.table, [(c.name, c.count) for c in self.counts], [c.theme_id for c in self.counts])
        n = sum(c.count for c in self.counts)
        self.summary.setText(
            f"{plural(len(self.counts), 'theme')} from {uk_date(start)} to {uk_date(end)}"
            + (f" in {where}" if where else "")
            + (f" ({plural(n, 'theme')} counted)" if n else "")
        )
        if keep is None or keep not in {c.theme_id for c in self.counts}:
            fill_table(self.circles, [], [])
            self.circles_box.setTitle("Learning circles with the chosen theme")
        self._theme_chosen()

    def _theme_chosen(self) -> None:
        from circles_desktop.services.learning import learning_list

        theme_id = selected_id(self.table)
        self.circles_note.setVisible(theme_id is None)
        if theme_id is None:
            fill_table(self.circles, [], [])
            return
        name = next((c.name for c in self.counts if c.theme_id == theme_id), "")
        start, end = self.date_from.value(), self.date_to.value()
        where = self.locality.currentData()
        rows: list[LearningCircleRow] = read(
            self.state,
            lambda s: learning_list.list_learning_circles(
                s, theme_id=theme_id, date_from=start, date_to=end, limit=1000, descending=False
            ),
            [],
        )
        if where:
            rows = [r for r in rows if r.locality == where]
        # A circle counts by the date it was held: one proposed in the range but not yet held is left out.
        rows = [r for r in rows if r.meets_at is not None]
        fill_table(
            self.circles,
            [(r.reference, r.child_name, r.locality, when_text(r), STAGE_WORDS.get(r.stage, r.stage)) for r in rows],
            [r.id for r in rows],
        )
        self.circles_box.setTitle(f"Learning circles with the theme “{name}” ({len(rows)})")

    def counts_text(self) -> str:
        start, end, where = self.date_from.value(), self.date_to.value(), self.locality.currentData()
        lines = [f"Learning circle themes, {uk_date(start)} to {uk_date(end)}" + (f", {where}" if where else "")]
        lines += [f"{c.name}\t{c.count}" for c in self.counts]
        return "\n".join(lines)

    def copy_text(self) -> str:
        """Theme names and counts only (no child is named), for the QPAG's report."""
        text = self.counts_text()
        QGuiApplication.clipboard().setText(text)
        self.summary.setText(self.summary.text().split(" — ")[0] + " — copied")
        return text

    def forget(self) -> None:
        self.counts = []
        fill_table(self.table, [], [])
        fill_table(self.circles, [], [])
        self.summary.clear()


def themes_area(state: AppState) -> QWidget:
    return ThemesArea(state)
