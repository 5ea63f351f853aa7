"""The Connectors area: the connectors' network (each regional connector with the local connectors they
support, each connector's partner organisation), and beside it one connector's page: their circles, the
facilitators their partner organisation recruited and trained, and the network's community practice
sessions. `connectors_area(state)` is the factory the main window registers ("Connectors").

A region has tens of connectors: the network is read whole, like a circle's members.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from circles_desktop.services.common.words import plural
from circles_desktop.services.community.community_circles import STAGES
from circles_desktop.services.community.connectors import MAX_LOCAL
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.lists.tables import fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import load
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.community.practice_panel import PracticePanel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.services.community.connectors import ConnectorRow


def _page(s: Session, row: ConnectorRow) -> tuple[list[Any], list[Any]]:
    """Their circles (a regional connector's: those of the connectors they support), and the facilitators
    their partner organisation recruited."""
    from circles_desktop.services.community import community_list, connectors, facilitators

    theirs = [pid for pid, _ in connectors.local_connectors(s, row.person_id)] if row.regional else [row.person_id]
    circles = community_list.list_community_circles(s, connectors=theirs, limit=500)
    recruited = facilitators.pool(s, date.today(), recruited_by=row.host_id)
    return circles, sorted(recruited, key=lambda c: c.name.casefold())


class ConnectorPage(QWidget):
    """One connector: who they are in the network, their circles, facilitators and the sessions."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.row: ConnectorRow | None = None
        self.setObjectName("network.connector")
        self.heading = QLabel()
        self.heading.setObjectName("network.heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        # Every column as wide as its words (scrolling sideways if need be): a stretched one was squeezed
        # to "…" on a regional connector's page.
        self.circles = make_table(
            ("Reference", "Person in focus", "Stage", "Facilitator", "Connector", "Where"), "Their circles"
        )
        self.circles.setObjectName("network.circles")
        self.facilitators = make_table(
            ("Facilitator", "Where", "Circles now", "Training", "DBS"), "Facilitators they recruited and trained", 1
        )
        self.facilitators.setObjectName("network.facilitators")
        self.practice = PracticePanel(state)
        self.error = FieldMessage("Connector error")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("network.tabs")
        self.tabs.addTab(self.circles, "Their circles")
        self.tabs.addTab(self.facilitators, "Facilitators")
        self.tabs.addTab(self.practice, "Community practice sessions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)

    def show_connector(self, row: ConnectorRow | None) -> None:
        self.row = row
        if row is None:
            self.heading.setText("<i>Choose a connector in the list.</i>")
            fill_table(self.circles, [])
            fill_table(self.facilitators, [])
            self.practice.forget()
            return
        if row.regional:
            place = f"Regional connector supporting {row.locals} of {MAX_LOCAL} local connectors"
        else:
            place = f"Supported by {escape(row.regional_name)}" if row.regional_name else "No regional connector yet"
        self.heading.setText(
            f"<h2 style='margin:0'>{escape(row.name)}</h2><span>{place} · employed and hosted by "
            f"{escape(row.host)}{' · ' + escape(row.area) if row.area else ''}</span>"
        )
        ok, found = load(self.state, lambda s: _page(s, row), show=self.error)
        if ok:
            self.error.clear_message()
            circles, recruited = found
            fill_table(
                self.circles,
                [
                    (c.reference, c.person, STAGES.get(c.stage, c.stage), c.facilitator or "—", c.connector, c.where)
                    for c in circles
                ],
                [c.id for c in circles],
                empty="No Community Circles yet.",
            )
            fill_table(
                self.facilitators,
                [
                    (
                        f.name,
                        " · ".join(p for p in (f.district, f.area) if p),
                        f"{f.circles} of {f.max_circles}",
                        "Trained" if f.has_training else "Training missing",
                        "Checked" if f.has_dbs else "DBS missing",
                    )
                    for f in recruited
                ],
                [f.person_id for f in recruited],
                empty=f"{row.host} has no facilitators recorded yet.",
            )
        self.practice.show_network(row.person_id if row.regional else row.regional_id, can_record=row.regional)


class ConnectorsArea(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: list[ConnectorRow] = []
        self.dialog: Any = None
        self.setObjectName("network.area")
        self.setAccessibleName("Connectors")
        self.table = make_table(("Connector", "Role", "Partner organisation", "Circles"), "The connectors' network", 2)
        self.table.setObjectName("network.table")
        self.count = QLabel()
        self.count.setObjectName("network.count")
        self.error = FieldMessage("Connectors list error")
        self.new_button = button("&New connector…", "network.new", "Record a connector")
        self.edit_button = button("&Change…", "network.edit", "Change the chosen connector's record")
        self.page = ConnectorPage(state)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(QLabel("<h2>Connectors</h2>"))
        column.addWidget(
            Note(
                "Each connector is employed and hosted by a partner organisation, which recruits and trains "
                f"facilitators. A regional connector supports up to {MAX_LOCAL} local connectors and runs "
                "six-weekly community practice sessions."
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.new_button)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.page)
        split.setSizes([470, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.new_button.clicked.connect(lambda: self.edit_connector(None))
        self.edit_button.clicked.connect(lambda: self.edit_connector(selected_id(self.table)))
        self.page.practice.changed.connect(self.refresh)
        state.locked.connect(self._forget)
        state.unlocked.connect(lambda _db: self.refresh())
        if not state.is_locked:
            self.refresh()

    def refresh(self) -> None:
        from circles_desktop.services.community import connectors

        keep = selected_id(self.table)
        ok, rows = load(self.state, connectors.network, show=self.error)
        if not ok:
            return
        self.error.clear_message()
        self.rows = rows
        fill_table(
            self.table,
            [
                (
                    r.name if r.regional or r.regional_id is None else f"    {r.name}",
                    r.kind_words,
                    r.host,
                    r.open_circles or "",
                )
                for r in rows
            ],
            [r.person_id for r in rows],
            empty="No connectors recorded yet.",
        )
        regional = sum(1 for r in rows if r.regional)
        self.count.setText(f"{plural(len(rows) - regional, 'connector')}, {plural(regional, 'regional connector')}")
        if keep is None or not select_id(self.table, keep):
            if rows:
                self.table.selectRow(0)
            else:
                self.page.show_connector(None)

    def _chosen(self) -> None:
        ident = selected_id(self.table)
        self.edit_button.setEnabled(ident is not None)
        self.page.show_connector(next((r for r in self.rows if r.person_id == ident), None))

    def select_connector(self, person_id: int) -> bool:
        return select_id(self.table, person_id)

    def _forget(self) -> None:
        self.rows = []
        fill_table(self.table, [])
        self.count.clear()
        self.page.show_connector(None)

    def edit_connector(self, person_id: int | None, show: bool = True) -> Any:
        from circles_desktop.ui.community.connector_dialog import ConnectorDialog

        dialog = ConnectorDialog(self.state, person_id, self)

        def saved() -> None:
            self.refresh()
            if dialog.person_id is not None:
                self.select_connector(dialog.person_id)

        return open_dialog(self, dialog, saved, show)


def connectors_area(state: AppState) -> QWidget:
    return ConnectorsArea(state)
