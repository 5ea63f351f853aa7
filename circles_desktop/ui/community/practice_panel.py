"""Community practice sessions: the six-weekly sessions a regional connector runs for their connectors,
when the next falls due (six weeks after the last), and each session's attendance, the learning shared and
the problems brought and solved. Recording a session is the regional connector's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import FormDialog, open_dialog
from circles_desktop.ui.common.forms import DateField, RecordForm, text_box
from circles_desktop.ui.common.lists.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ConnectorChecks(QWidget):
    """A tick for each connector who came: value() is the set of their ids."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[int, str]]) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[int, QCheckBox] = {}
        for ident, name in choices:
            box = QCheckBox(name)
            box.setObjectName(f"practice.came.{ident}")
            box.toggled.connect(lambda _on: self.changed.emit())
            column.addWidget(box)
            self.boxes[ident] = box
        if not choices:
            column.addWidget(QLabel("No connectors are supported by this regional connector yet."))

    def value(self) -> set[int]:
        return {ident for ident, box in self.boxes.items() if box.isChecked()}

    def set_value(self, chosen: set[int] | None) -> None:
        for ident, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(ident in (chosen or set()))
            box.blockSignals(False)


def _read(s: Session, regional_id: int) -> tuple[list[Any], date, list[tuple[int, str]], str]:
    from circles_desktop.services.community import connectors, practice_sessions

    regional = connectors.get_connector(s, regional_id)
    return (
        practice_sessions.sessions(s, regional_id),
        practice_sessions.next_due(s, regional_id),
        connectors.local_connectors(s, regional_id),
        regional.person.display_name,
    )


class PracticePanel(QWidget):
    """The sessions of one regional connector's network; `can_record` for the regional connector's own page."""

    changed = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.regional_id: int | None = None
        self.dialog: Any = None
        self.rows: list[Any] = []
        self.locals: list[tuple[int, str]] = []
        self.setObjectName("community.practice")
        self.due = QLabel()
        self.due.setObjectName("practice.due")
        self.due.setAccessibleName("Next community practice session")
        self.due.setWordWrap(True)
        self.table = make_table(("Held on", "Venue", "Who came"), "Community practice sessions", stretch=2)
        self.table.setObjectName("practice.sessions")
        self.detail = QLabel()
        self.detail.setObjectName("practice.detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = FieldMessage("Practice sessions error")
        self.record_button = button("Record a &session…", "practice.record", "Record a community practice session held")
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.record_button.clicked.connect(lambda: self.record_session())

    def show_network(self, regional_id: int | None, can_record: bool) -> None:
        from circles_desktop.services.community import practice_sessions

        self.regional_id = regional_id
        self.record_button.setVisible(can_record)
        if regional_id is None:
            self.forget()
            self.due.setText("Not in a regional network yet: choose who supports this connector.")
            return
        ok, found = load(self.state, lambda s: _read(s, regional_id), show=self.error)
        if not ok:
            return
        self.error.clear_message()
        self.rows, due_on, self.locals, name = found
        self.due.setText(f"<b>{practice_sessions.due_words(due_on, date.today())}</b> Run by {name}, every six weeks.")
        fill_table(
            self.table,
            [(uk_date(r.held_on), r.venue, ", ".join(n for _, n in r.attended)) for r in self.rows],
            [r.id for r in self.rows],
            empty="No sessions recorded yet.",
        )
        if self.rows:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _show_detail(self) -> None:
        from html import escape

        ident = selected_id(self.table)
        r = next((r for r in self.rows if r.id == ident), None)
        if r is None:
            self.detail.clear()
            return
        parts = (
            ("Learning shared", r.learning_shared),
            ("Problems brought", r.problems_brought),
            ("How they were solved", r.problems_solved),
        )
        self.detail.setText("<br>".join(f"<b>{t}:</b> {escape(v) or '—'}" for t, v in parts))

    def forget(self) -> None:
        self.rows = []
        fill_table(self.table, [])
        self.detail.clear()
        self.due.clear()

    def record_session(self, show: bool = True) -> Any:
        if self.regional_id is None:
            return None
        dialog = NetworkSessionDialog(self.state, self.regional_id, self.locals, self)
        dialog.accepted.connect(lambda: self.show_network(self.regional_id, True))
        return open_dialog(self, dialog, self.changed.emit, show)


class NetworkSessionDialog(FormDialog):
    def __init__(
        self, state: AppState, regional_id: int, local: Sequence[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        title = "A community practice session"
        super().__init__(title, RecordForm(title), self._save, parent, "community.practice_dialog")
        self.state = state
        self.regional_id = regional_id
        f = self.form
        self.held_on = DateField()
        self.venue = QLineEdit()
        self.came = ConnectorChecks(local)
        self.learning = text_box(64)
        self.brought = text_box(64)
        self.solved = text_box(64)
        f.add_field("held_on", "&Held on", self.held_on, required=True)
        f.add_field("venue", "&Venue", self.venue)
        f.add_field("attended", "Who &came", self.came)
        f.add_field("learning_shared", "&Learning shared", self.learning)
        f.add_field("problems_brought", "&Problems brought", self.brought)
        f.add_field("problems_solved", "How they were &solved", self.solved)
        for key in ("held_on", "venue", "attended", "learning_shared", "problems_brought", "problems_solved"):
            f.field(key).setObjectName(f"practice.{key}")
        f.save_button.setObjectName("practice.save")
        f.load({"held_on": date.today(), "attended": set()})

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.community import practice_sessions

        form = practice_sessions.SessionForm(
            held_on=values["held_on"],
            venue=values["venue"] or "",
            attended=set(values["attended"]),
            learning_shared=values["learning_shared"] or "",
            problems_brought=values["problems_brought"] or "",
            problems_solved=values["problems_solved"] or "",
        )
        return write(
            self.state,
            lambda s: practice_sessions.record_session(s, self.regional_id, form),
            show=self.form,
            parent=self,
        ).ok
