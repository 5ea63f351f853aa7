"""The Members tab: who is in the inner and outer circles, and when they joined and left."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import OUTER_ROLES, CircleKind, MemberRole, PersonPart, Ring, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circle_pickers import organisation_picker, people_fetch, person_picker
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.lists.tables import fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import Note

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen

INNER_ROLES = (MemberRole.VOLUNTEER, MemberRole.PARENT_CARER)
COSA_OUTER = tuple(role for role in MemberRole if role in OUTER_ROLES)  # in the vocabulary's order
OTHER_KIND_ROLES = (
    MemberRole.FACILITATOR,
    MemberRole.VOLUNTEER,
    MemberRole.FAMILY_OR_FRIEND,
    MemberRole.CONNECTOR,
    MemberRole.PRACTITIONER,
    MemberRole.LEARNER,
    MemberRole.PRESENTER,
    MemberRole.PARTICIPANT,
    MemberRole.OTHER,
)
# Which people a role's picker lists before anything is typed.
PART_FOR_ROLE = {MemberRole.VOLUNTEER: PersonPart.VOLUNTEER, MemberRole.PARENT_CARER: PersonPart.PARENT_CARER}
HEADERS = ("Name", "Role", "Organisation", "Joined", "Left")


class MembersTab(CircleTab):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.members")
        self.rows: dict[int, Any] = {}
        self.inner_table = make_table(HEADERS, "Inner circle members", stretch=0)
        self.inner_table.setObjectName("members.inner")
        self.outer_table = make_table(HEADERS, "Outer circle members", stretch=0)
        self.outer_table.setObjectName("members.outer")
        inner_box = QGroupBox("Inner circle: core member, volunteers (and a parent or carer)")
        QVBoxLayout(inner_box).addWidget(self.inner_table)
        outer_box = QGroupBox("Outer circle: professionals")
        QVBoxLayout(outer_box).addWidget(self.outer_table)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_tools())
        layout.addWidget(
            Note(
                "Someone who has attendance or consent recorded stays in the record: "
                "use “Leaves on…” rather than Remove."
            )
        )
        layout.addWidget(inner_box, 1)
        layout.addWidget(outer_box, 1)
        self._connect()
        self._current: QTableWidget = self.inner_table

    def _build_tools(self) -> QHBoxLayout:
        self.show_left = QCheckBox("Show people who have &left")
        self.show_left.setObjectName("members.show_left")
        self.show_left.setChecked(True)
        self.add_button = QPushButton("&Add member…")
        self.add_button.setObjectName("members.add")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("members.edit")
        self.leave_button = QPushButton("&Leaves on…")
        self.leave_button.setObjectName("members.leaves")
        self.leave_button.setAccessibleName("Record the date the member left")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setObjectName("members.remove")
        self.remove_button.setAccessibleName("Remove a member entered by mistake")
        tools = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.leave_button, self.remove_button):
            tools.addWidget(b)
        tools.addStretch(1)
        tools.addWidget(self.show_left)
        return tools

    def _connect(self) -> None:
        self.add_button.clicked.connect(lambda: self.add_member())
        self.edit_button.clicked.connect(lambda: self.edit_member())
        self.leave_button.clicked.connect(lambda: self.member_leaves())
        self.remove_button.clicked.connect(self.remove_member)
        self.show_left.toggled.connect(lambda _on: self.reload())
        for table in (self.inner_table, self.outer_table):
            table.itemSelectionChanged.connect(lambda table=table: self._selected_in(table))
            table.doubleClicked.connect(lambda _i: self.edit_member())

    # --- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from circles_desktop.services.circles import members

        rows: list[Any] = read(self.state, lambda s: members.members(s, self.circle_id), [])
        today = date.today()
        if not self.show_left.isChecked():
            rows = [r for r in rows if r.left_on is None or r.left_on > today]
        self.rows = {r.id: r for r in rows}
        for table, ring in ((self.inner_table, Ring.INNER), (self.outer_table, Ring.OUTER)):
            mine = [r for r in rows if r.ring == ring]
            fill_table(
                table,
                [(r.name, r.role_label, r.organisation, uk_date(r.joined_on), uk_date(r.left_on)) for r in mine],
                [r.id for r in mine],
            )
        closed = self.circle_screen.is_closed
        self.add_button.setEnabled(not closed)

    def clear(self) -> None:
        self.rows = {}
        self.inner_table.setRowCount(0)
        self.outer_table.setRowCount(0)

    def _selected_in(self, table: QTableWidget) -> None:
        if table.selectionModel().hasSelection():  # one member chosen across the two lists
            self._current = table
            other = self.outer_table if table is self.inner_table else self.inner_table
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)

    def selected(self) -> Any:
        ident = selected_id(self._current)
        return self.rows.get(ident) if ident is not None else None

    def select_member(self, member_id: int) -> bool:
        for table in (self.inner_table, self.outer_table):
            if select_id(table, member_id):
                self._selected_in(table)
                return True
        return False

    # --- writing ---------------------------------------------------------------------------------
    def _kind(self) -> str:
        info = self.circle_screen.info
        return info.circle.kind if info else CircleKind.COSA

    def add_member(self, ring: str | None = None) -> FormDialog:
        return self.open_dialog(MemberDialog(self.state, self.circle_id, self._kind(), self, ring=ring))

    def edit_member(self) -> FormDialog | None:
        row = self._chosen("Edit member")
        if row is None:
            return None
        return self.open_dialog(MemberDialog(self.state, self.circle_id, self._kind(), self, member=row))

    def _chosen(self, title: str) -> Any:
        """The member chosen in either list, or None having said to choose one."""
        row = self.selected()
        if row is None:
            QMessageBox.information(self, title, "Choose a member in one of the lists first.")
        return row

    def member_leaves(self) -> FormDialog | None:
        from circles_desktop.services.circles import members

        row = self._chosen("Leaves on")
        if row is None:
            return None
        form = RecordForm(f"{row.name} leaves the circle")
        left_on = DateField()
        left_on.setObjectName("leave.left_on")
        form.add_field("left_on", "Left on", left_on, required=True)
        form.load({"left_on": row.left_on or date.today()})
        form.save_button.setObjectName("leave.save")

        def work(s: Any, values: dict[str, Any]) -> Any:
            return members.member_leaves(s, row.id, values["left_on"])

        return self.open_form("Leaves the circle", form, work, "leave_dialog")

    def remove_member(self) -> None:
        row = self._chosen("Remove member")
        if row is None:
            return
        from circles_desktop.ui.circles.circle_screen import FOCUS_ROLES

        if row.role in FOCUS_ROLES:
            QMessageBox.warning(self, "Remove member", f"{row.name} is the circle's {row.role_label.lower()}.")
            return
        answer = QMessageBox.question(
            self,
            "Remove member",
            f"Remove {row.name} ({row.role_label.lower()}) from this circle? Do this only for someone added "
            "by mistake; for someone who has left, use “Leaves on…”.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from circles_desktop.services.circles import members

        ok, _ = write(self.state, lambda s: members.remove_member(s, row.id), parent=self, title="Not removed")
        if ok:
            self.circle_screen.saved()


class MemberDialog(FormDialog):
    """Add someone to the circle, or change a member's ring, role, organisation and dates."""

    def __init__(
        self,
        state: AppState,
        circle_id: int,
        circle_kind: str,
        parent: QWidget | None = None,
        member: Any = None,
        ring: str | None = None,
    ) -> None:
        self.state = state
        self.circle_id = circle_id
        self.member = member
        title = f"{member.name} in this circle" if member else "Add a member"
        form = RecordForm(title)
        self._build_role_and_ring(form, circle_kind)
        if member is None:
            self._build_person(form)
        self.organisation = organisation_picker(state, name="member.organisation")
        form.add_field(
            "organisation_id",
            "Organisation",
            self.organisation,
            help="For a professional: the organisation they represent in this circle.",
        )
        self.joined = DateField()
        self.joined.setObjectName("member.joined_on")
        form.add_field("joined_on", "Joined on", self.joined, required=True)
        if member is not None:
            self.left = DateField(optional=True)
            self.left.setObjectName("member.left_on")
            form.add_field("left_on", "Left on", self.left)
        form.save_button.setObjectName("member.save")
        super().__init__(title, form, self._save, parent, object_name="member_dialog")
        self.role.currentIndexChanged.connect(self._role_changed)
        self.ring.currentIndexChanged.connect(self._ring_changed)
        self._fill(ring)

    def _build_role_and_ring(self, form: RecordForm, circle_kind: str) -> None:
        roles: tuple[str, ...] = (*INNER_ROLES, *COSA_OUTER) if circle_kind == CircleKind.COSA else OTHER_KIND_ROLES
        if self.member is not None and self.member.role not in roles:
            roles = (self.member.role, *roles)
        self.role = combo({str(r): label(r) for r in roles})
        self.role.setObjectName("member.role")
        form.add_field("role", "Role", self.role, required=True)
        self.ring = combo({Ring.INNER.value: "Inner circle", Ring.OUTER.value: "Outer circle (professionals)"})
        self.ring.setObjectName("member.ring")
        form.add_field("ring", "Ring", self.ring, required=True)

    def _build_person(self, form: RecordForm) -> None:
        state = self.state
        self.person = person_picker(state, None, name="member.person")
        self.person.set_fetch(
            lambda text: people_fetch(
                state, None if text else PART_FOR_ROLE.get(self.role.currentData(), PersonPart.PROFESSIONAL)
            )(text)
        )
        form.add_field(
            "person_id",
            "Person",
            self.person,
            required=True,
            help="With nothing typed, the list shows people already recorded in that part (volunteers, "
            "professionals); type to search everyone.",
        )

    def _fill(self, ring: str | None) -> None:
        member = self.member
        if member is not None:
            self.form.load(
                {"role": member.role, "ring": member.ring, "joined_on": member.joined_on, "left_on": member.left_on}
            )
            self.organisation.set_value(member.organisation_id, member.organisation or None)
            self.form.mark_clean()
        else:
            if ring == Ring.OUTER:
                self.role.setCurrentIndex(self.role.findData(COSA_OUTER[0].value))
            self._role_changed()
        self._ring_changed()

    def _role_changed(self, *_: Any) -> None:
        role = self.role.currentData()
        if role in OUTER_ROLES:
            self.ring.setCurrentIndex(self.ring.findData(Ring.OUTER.value))
        elif role in (MemberRole.VOLUNTEER, MemberRole.FACILITATOR, MemberRole.PARENT_CARER):
            self.ring.setCurrentIndex(self.ring.findData(Ring.INNER.value))
        person = getattr(self, "person", None)  # only when adding someone
        if person is not None and not person.search.text():
            person.refresh()

    def _ring_changed(self, *_: Any) -> None:
        self.organisation.setEnabled(self.ring.currentData() == Ring.OUTER)

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.circles import members

        org = values["organisation_id"] if values["ring"] == Ring.OUTER else None
        if self.member is None:

            def work(s: Any) -> Any:
                return members.add_member(
                    s,
                    self.circle_id,
                    values["person_id"],
                    values["ring"],
                    values["role"],
                    values["joined_on"],
                    organisation_id=org,
                )
        else:

            def work(s: Any) -> Any:
                return members.update_member(
                    s,
                    self.member.id,
                    ring=values["ring"],
                    role=values["role"],
                    joined_on=values["joined_on"],
                    left_on=values["left_on"],
                    organisation_id=org,
                )

        return write(self.state, work, show=self.form, parent=self)[0]
