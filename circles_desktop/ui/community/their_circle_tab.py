"""Their circle: the person in focus, the facilitator and the connector, and the people from the
person's own life (family, friends, neighbours, others), each happy to help. Add someone already
recorded or someone new; record the day someone leaves (their history stays)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.community.life_members import RELATIONSHIPS
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo, text_box
from circles_desktop.ui.common.lists.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.pickers.record_search import person_choices
from circles_desktop.ui.common.pickers.search_picker import SearchPicker
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.community.community_screen import CommunityTab

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState
    from circles_desktop.ui.community.community_screen import CommunityCircleScreen

HEADERS = ("Name", "In the circle as", "How they help", "Joined", "Left")


class TheirCircleTab(CommunityTab):
    def __init__(self, circle_screen: CommunityCircleScreen) -> None:
        super().__init__(circle_screen, "community.circle_tab")
        self.table = make_table(HEADERS, "Who is in their circle", stretch=2)
        self.table.setObjectName("community.members")
        self.error = FieldMessage("Their circle error")
        self.add_button = button("&Add someone from their life…", "community.add_member")
        self.leaves_button = button("Someone &leaves…", "community.member_leaves", "Record the day someone left")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.leaves_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "A Community Circle is drawn from the person's own life: family, friends, neighbours and others "
                "who are happy to help. Roles can change from meeting to meeting (record them with attendance)."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.rows: list[Any] = []
        self.add_button.clicked.connect(lambda: self.add_member())
        self.leaves_button.clicked.connect(lambda: self.member_leaves())

    def reload(self) -> None:
        from circles_desktop.services.community import life_members

        ok, rows = load(self.state, lambda s: life_members.their_circle(s, self.circle_id), show=self.error)
        if not ok:
            return
        self.error.clear_message()
        self.rows = rows
        fill_table(
            self.table,
            [(r.name, r.role_words, r.how_they_help, uk_date(r.joined_on), uk_date(r.left_on)) for r in rows],
            [r.member_id for r in rows],
        )
        open_ = self.detail is not None and self.detail.is_open
        self.add_button.setEnabled(open_)
        self.leaves_button.setEnabled(open_)

    def forget(self) -> None:
        self.rows = []
        fill_table(self.table, [])

    def add_member(self, show: bool = True) -> Any:
        return self.open_dialog(LifeMemberDialog(self.state, self.circle_id, self), show)

    def member_leaves(self, show: bool = True) -> Any:
        member_id = selected_id(self.table)
        if member_id is None:
            self.error.show_message("Choose who is leaving in the list first.")
            return None
        name = next((r.name for r in self.rows if r.member_id == member_id), "")
        return self.open_dialog(LeavesDialog(self.state, member_id, name, self), show)


class LifeMemberDialog(FormDialog):
    """Someone from the person's life joins their circle: someone already recorded, or someone new."""

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        title = "Add someone from their life"
        super().__init__(title, RecordForm(title), self._save, parent, "community.life_member")
        self.state = state
        self.circle_id = circle_id
        form = self.form
        self.person = SearchPicker(person_choices(state), "Search by name…").named("life.person")
        self.given = QLineEdit()
        self.family = QLineEdit()
        new = QWidget()
        row = QFormLayout(new)
        row.setContentsMargins(0, 0, 0, 0)
        row.addRow("Given name:", self.given)
        row.addRow("Family name:", self.family)
        self.relationship = combo({r.value: label(r) for r in RELATIONSHIPS}, include_blank="— choose —")
        self.happy = QCheckBox("They have said they are happy to help")
        self.how = text_box(50)
        self.joined = DateField()
        form.add_field("person_id", "Someone &recorded", self.person, help="Search the people already recorded")
        new.setToolTip("Their name, if they are not recorded yet")
        form.form_layout.addRow("…or someone new:", new)
        form.add_field("relationship", "How they &know the person", self.relationship, required=True)
        form.add_field("happy_to_help", "&Happy to help", self.happy, required=True)
        form.add_field("how_they_help", "How they will h&elp", self.how)
        form.add_field("joined_on", "&Joined on", self.joined, required=True)
        for key, widget in (("given", self.given), ("family", self.family), ("relationship", self.relationship)):
            widget.setObjectName(f"life.{key}")
        self.happy.setObjectName("life.happy_to_help")
        self.how.setObjectName("life.how_they_help")
        self.joined.setObjectName("life.joined_on")
        form.save_button.setObjectName("life.save")
        self.person.refresh()

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.community import life_members

        given, family = self.given.text(), self.family.text()
        person_id = values["person_id"]
        relationship, happy, how, joined = (
            values["relationship"] or "",
            bool(values["happy_to_help"]),
            values["how_they_help"] or "",
            values["joined_on"],
        )

        def work(s: Session) -> None:
            pid = life_members.who_joins(s, person_id, given, family)
            life_members.add_from_their_life(s, self.circle_id, pid, relationship, happy, joined, how)

        return write(self.state, work, show=self.form, parent=self).ok


class LeavesDialog(QDialog):
    """The day someone left the circle."""

    def __init__(self, state: AppState, member_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.setWindowTitle(f"{name} leaves the circle")
        self.setAccessibleName(self.windowTitle())
        self.setObjectName("community.leaves")
        self.form = RecordForm(self.windowTitle())
        self.left_on = DateField()
        self.left_on.setObjectName("leaves.left_on")
        self.left_on.set_value(date.today())
        self.form.add_field("left_on", "&Left on", self.left_on, required=True)
        self.form.save_button.setObjectName("leaves.save")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.reject)

    def save(self) -> bool:
        from circles_desktop.services.community import life_members

        on = self.left_on.value()
        ok = write(self.state, lambda s: life_members.leaves(s, self.member_id, on), show=self.form).ok
        if ok:
            self.accept()
        return ok
