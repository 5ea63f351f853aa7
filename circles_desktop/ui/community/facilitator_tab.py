"""The Facilitator tab: the facilitator matched and their 12-month commitment; before a match, every
facilitator ranked by fit on location, availability and shared interests, each with the reasons in words
and what rules one out (no capacity, training or DBS missing). Choosing one records the match and the
commitment from that day.

The ranking is read when the tab is shown (not on every reload of the screen): a few milliseconds for
2,000 facilitators (benchmarks/matching.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.community.matching import FIT_MAX
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.forms import DateField
from circles_desktop.ui.common.lists.list_parts import list_table
from circles_desktop.ui.common.lists.tables import fill_table, make_table
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.community.community_screen import CommunityTab

if TYPE_CHECKING:
    from circles_desktop.services.community.matching import Match
    from circles_desktop.ui.community.community_screen import CommunityCircleScreen

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
HORIZONTAL = Qt.Orientation.Horizontal
RULED_OUT = QBrush(QColor("#777777"))
AnyIndex = QModelIndex | QPersistentModelIndex


class MatchesModel(QAbstractTableModel):
    """The ranked facilitators (matching.Match rows)."""

    COL_RANK, COL_NAME, COL_FIT, COL_WHY, COL_LOAD, COL_OUT = range(6)
    HEADERS = ("#", "Facilitator", "Fit", "Why", "Circles now", "Cannot be matched because")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Match] = []

    def set_rows(self, rows: Sequence[Match]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        return self.HEADERS[section] if orientation == HORIZONTAL and role == DISPLAY_ROLE else None

    def text(self, row: int, col: int) -> str:
        m = self.rows[row]
        c = m.candidate
        return (
            str(row + 1) if m.can_match else "—",
            c.name,
            f"{m.fit} of {FIT_MAX}",
            m.reason_words,
            f"{c.circles} of {c.max_circles}",
            m.ruled_out_words,
        )[col]

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return self.text(index.row(), index.column())
        if role == FOREGROUND_ROLE and not self.rows[index.row()].can_match:
            return RULED_OUT
        return None


class FacilitatorTab(CommunityTab):
    def __init__(self, circle_screen: CommunityCircleScreen) -> None:
        super().__init__(circle_screen, "community.facilitator_tab")
        self.current = QLabel()
        self.current.setObjectName("community.commitment")
        self.current.setAccessibleName("The facilitator matched")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        self.model = MatchesModel()
        self.table = self._build_table()
        self.on_date = DateField()
        self.on_date.setObjectName("match.date")
        self.on_date.setAccessibleName("Matched on")
        self.choose_button = button("C&hoose this facilitator", "match.choose", "Match the chosen facilitator")
        self.summary = QLabel()
        self.summary.setObjectName("match.summary")
        self.error = FieldMessage("Not matched")
        self.error.setObjectName("match.error")
        self.history = make_table(("Facilitator", "Committed from", "12-month review", "Reviewed"), "Commitments")
        self.history.setObjectName("match.history")
        self.history.setMaximumHeight(130)
        choose = QHBoxLayout()
        form = QFormLayout()
        form.addRow("Matched &on:", self.on_date)
        choose.addLayout(form)
        choose.addWidget(self.choose_button)
        choose.addStretch(1)
        self.chooser = QWidget()
        column = QVBoxLayout(self.chooser)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            Note(
                "Facilitators ranked by fit on location, availability and shared interests; those who cannot be "
                "matched (no capacity, training or DBS missing) come last, with the reason. The facilitator "
                "commits for 12 months from the day of the match."
            )
        )
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.history)
        layout.addWidget(self.error)
        layout.addWidget(self.chooser, 1)
        self.spacer = QWidget()
        layout.addWidget(self.spacer, 1)
        self.choose_button.clicked.connect(lambda: self.choose())
        self.table.activated.connect(lambda _i: self.choose())
        self._ranked = False

    def _build_table(self) -> QTableView:
        table = list_table(self.model, "match.table", "Facilitators, best fit first", word_wrap=True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        for col, width in ((0, 36), (1, 170), (2, 70), (4, 90)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(MatchesModel.COL_WHY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MatchesModel.COL_OUT, QHeaderView.ResizeMode.Stretch)
        return table

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        d = self.detail
        if d is None:
            return
        c = d.commitment
        if c is None:
            self.current.setText("<b>No facilitator matched yet.</b> Choose one below.")
        else:
            left = "" if c.still_in_circle else " (has left the circle)"
            self.current.setText(
                f"<b>Facilitator: {c.facilitator}</b>{left}, committed from {uk_date(c.committed_on)}; "
                f"the 12-month review falls due on {uk_date(c.until_on)}.<br>Matched because: {c.reasons}"
            )
        self._show_history()
        can_choose = d.is_open and (c is None or not c.still_in_circle)
        self.chooser.setVisible(can_choose)
        self.spacer.setVisible(not can_choose)
        self._ranked = False
        if can_choose and self.circle_screen.tabs.currentWidget() is self:
            self.shown()

    def _show_history(self) -> None:
        from circles_desktop.services.community import facilitators

        ok, rows = load(self.state, lambda s: facilitators.commitments(s, self.circle_id), show=self.error)
        if ok:
            fill_table(
                self.history,
                [
                    (r.facilitator, uk_date(r.committed_on), uk_date(r.until_on), "Yes" if r.reviewed else "")
                    for r in rows
                ],
                [r.id for r in rows],
            )
        self.history.setVisible(ok and bool(rows))

    def shown(self) -> None:
        """Rank the facilitators the first time the tab is shown after a reload."""
        from circles_desktop.services.community import facilitators

        if self._ranked or not self.chooser.isVisibleTo(self):
            return
        ok, rows = load(self.state, lambda s: facilitators.ranked(s, self.circle_id), show=self.error)
        if not ok:
            return
        self._ranked = True
        self.model.set_rows(rows)
        able = sum(1 for m in rows if m.can_match)
        self.summary.setText(
            f"{plural(able, 'facilitator')} can be matched; {plural(len(rows) - able, 'other')} cannot."
        )
        if able:
            self.table.selectRow(0)

    def forget(self) -> None:
        self.model.set_rows([])
        self.current.clear()
        self.summary.clear()
        self._ranked = False

    # --- choosing --------------------------------------------------------------------------------
    def chosen(self) -> Match | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def choose(self) -> bool:
        from circles_desktop.services.community import facilitators

        m = self.chosen()
        if m is None:
            self.error.show_message("Choose a facilitator in the list first.")
            return False
        person_id, on = m.candidate.person_id, self.on_date.value()
        ok = write(
            self.state, lambda s: facilitators.choose_facilitator(s, self.circle_id, person_id, on), show=self.error
        ).ok
        if ok:
            self.circle_screen.saved()
        return ok
