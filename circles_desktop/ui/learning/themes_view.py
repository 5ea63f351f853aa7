"""The Themes view: how many learning circles held in a date range had each theme (what the Quality,
Performance and Action Group receives), optionally for one locality, with the learning circles behind a
count. `themes_area(state)` is the factory the main window registers ("Themes")."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_steps import STAGE_SHORT
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, combo
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.learning.learning_list import when_text


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
        self.counts: list[Any] = []

        today = date.today()
        self.date_from = DateField()
        self.date_from.setObjectName("themes.from")
        self.date_from.setAccessibleName("From")
        self.date_from.set_value(three_months_before(today))
        self.date_to = DateField()
        self.date_to.setObjectName("themes.to")
        self.date_to.setAccessibleName("To")
        self.date_to.set_value(today)
        self.locality = combo({}, include_blank="All localities")
        self.locality.setObjectName("themes.locality")
        self.locality.setAccessibleName("Locality")
        self.copy_button = QPushButton("&Copy as text")
        self.copy_button.setObjectName("themes.copy")
        self.copy_button.setAccessibleName("Copy the theme counts as text")
        self.error = FieldMessage("Themes error")
        self.error.setObjectName("themes.error")
        self.summary = QLabel()
        self.summary.setObjectName("themes.summary")

        self.table = make_table(("Theme", "Learning circles"), "Theme counts", stretch=0)
        self.table.setObjectName("themes.counts")
        self.circles = make_table(
            ("Reference", "Child", "Locality", "When", "Stage"), "Learning circles with the chosen theme", stretch=1
        )
        self.circles.setObjectName("themes.circles")
        self.circles_box = QGroupBox("Learning circles with the chosen theme")
        cbox = QVBoxLayout(self.circles_box)
        self.circles_note = Note("Choose a theme to see the learning circles behind its count.")
        cbox.addWidget(self.circles_note)
        cbox.addWidget(self.circles, 1)

        tools = QHBoxLayout()
        tools.addWidget(QLabel("&From:", buddy=self.date_from))
        tools.addWidget(self.date_from)
        tools.addWidget(QLabel("&To:", buddy=self.date_to))
        tools.addWidget(self.date_to)
        tools.addSpacing(12)
        tools.addWidget(self.locality)
        tools.addStretch(1)
        tools.addWidget(self.copy_button)
        counts_box = QGroupBox("Themes counted (for the Quality, Performance and Action Group)")
        kbox = QVBoxLayout(counts_box)
        kbox.addWidget(self.summary)
        kbox.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(counts_box)
        splitter.addWidget(self.circles_box)
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

    def refresh(self) -> None:
        """The localities, then the counts."""
        from circles_desktop.services.learning import children

        keep = self.locality.currentData()
        names = read(self.state, children.localities, [])
        self.locality.blockSignals(True)
        self.locality.clear()
        self.locality.addItem("All localities", None)
        for name in names:
            self.locality.addItem(name, name)
        self.locality.setCurrentIndex(max(self.locality.findData(keep), 0) if keep else 0)
        self.locality.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        from circles_desktop.services.learning import themes
        from circles_desktop.ui.common.messages import field_errors

        keep = selected_id(self.table)
        start, end, where = self.date_from.value(), self.date_to.value(), self.locality.currentData()
        self.error.clear_message()
        try:
            self.counts = read(self.state, lambda s: themes.theme_counts(s, start, end, where), [])
        except Exception as exc:
            self.counts = []
            self.error.show_message("\n".join(field_errors(exc).values()))
        fill_table(self.table, [(c.name, c.count) for c in self.counts], [c.theme_id for c in self.counts])
        n = sum(c.count for c in self.counts)
        self.summary.setText(
            f"{len(self.counts)} theme{'s' if len(self.counts) != 1 else ''} from {uk_date(start)} to {uk_date(end)}"
            + (f" in {where}" if where else "")
            + (f" ({n} theme{'s' if n != 1 else ''} counted)" if n else "")
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
        rows = read(
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
            [(r.reference, r.child_name, r.locality, when_text(r), STAGE_SHORT.get(r.stage, r.stage)) for r in rows],
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
