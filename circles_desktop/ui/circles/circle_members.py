"""The Members tab: who is in the inner and outer circles, and when they joined and left."""

from __future__ import annotations

from datetime import date
from typing import Any

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

from circles_desktop.models.vocab import OUTER_ROLES, CircleKind, MemberRole, Ring, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.circles.circle_pickers import organisation_picker, people_fetch, person_picker
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.widgets import Note

INNER_ROLES = (MemberRole.VOLUNTEER, MemberRole.PARENT_CARER)
COSA_OUTER = (
    MemberRole.PROBATION_OFFICER,
    MemberRole.POLICE_OFFENDER_MANAGER,
    MemberRole.PRISON_STAFF,
    MemberRole.APPROVED_PREMISES_STAFF,
    MemberRole.FORENSIC_CLDT,
    MemberRole.SOCIAL_WORKER,
    MemberRole.YOUTH_OFFENDING_OFFICER,
    MemberRole.HSB_PRACTITIONER,
    MemberRole.MAPPA_COORDINATOR,
)
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
PART_FOR_ROLE = {MemberRole.VOLUNTEER: "volunteer", MemberRole.PARENT_CARER: "parent_carer"}
HEADERS = ("Name", "Role", "Organisation", "Joined", "Left")


class MembersTab(QWidget):
    def __init__(self, screen) -> None:
        super().__init__()
        self.screen = screen
        self.state = screen.state
        self.setObjectName("circle.members")
        self.rows: dict[int, Any] = {}
        self.inner_table = make_table(HEADERS, "Inner circle members", stretch=0)
        self.inner_table.setObjectName("members.inner")
        self.outer_table = make_table(HEADERS, "Outer circle members", stretch=0)
        self.outer_table.setObjectName("members.outer")
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

        inner_box = QGroupBox("Inner circle: core member, volunteers (and a parent or carer)")
        QVBoxLayout(inner_box).addWidget(self.inner_table)
        outer_box = QGroupBox("Outer circle: professionals")
        QVBoxLayout(outer_box).addWidget(self.outer_table)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(
            Note(
                "Someone who has attendance or consent recorded stays in the record: "
                "use “Leaves on…” rather than Remove."
            )
        )
        layout.addWidget(inner_box, 1)
        layout.addWidget(outer_box, 1)

        self.add_button.clicked.connect(lambda: self.add_member())
        self.edit_button.clicked.connect(lambda: self.edit_member())
        self.leave_button.clicked.connect(lambda: self.member_leaves())
        self.remove_button.clicked.connect(self.remove_member)
        self.show_left.toggled.connect(lambda _on: self.reload())
        self.inner_table.itemSelectionChanged.connect(lambda: self._selected_in(self.inner_table))
        self.outer_table.itemSelectionChanged.connect(lambda: self._selected_in(self.outer_table))
        self.inner_table.doubleClicked.connect(lambda _i: self.edit_member())
        self.outer_table.doubleClicked.connect(lambda _i: self.edit_member())
        self._current: QTableWidget = self.inner_table
        self.dialog: FormDialog | None = None

    # --- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from circles_desktop.services.circles import members

        rows = read(self.state, lambda s: members.members(s, self.screen.circle_id), [])
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
        closed = self.screen.is_closed
        self.add_button.setEnabled(not closed)

    def clear(self) -> None:
        self.rows = {}
        self.inner_table.setRowCount(0)
        self.outer_table.setRowCount(0)

    def _selected_in(self, table: QTableWidget) -> None:
        if table.selectionModel().hasSelection():
            self._current = table
            other = self.outer_table if table is self.inner_table else self.inner_table
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)

    def selected(self) -> Any:
        ident = selected_id(self._current)
        return self.rows.get(ident) if ident is not None else None

    def select_member(self, member_id: int) -> bool:
        from circles_desktop.ui.common.tables import select_id

        for table in (self.inner_table, self.outer_table):
            if select_id(table, member_id):
                self._selected_in(table)
                return True
        return False

    # --- writing ---------------------------------------------------------------------------------
    def add_member(self, ring: str | None = None) -> FormDialog:
        kind = self.screen.info.circle.kind if self.screen.info else CircleKind.COSA
        dialog = MemberDialog(self.state, self.screen.circle_id, kind, self, ring=ring)
        return self._open(dialog)

    def edit_member(self) -> FormDialog | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, "Edit member", "Choose a member in one of the lists first.")
            return None
        kind = self.screen.info.circle.kind if self.screen.info else CircleKind.COSA
        return self._open(MemberDialog(self.state, self.screen.circle_id, kind, self, member=row))

    def member_leaves(self) -> FormDialog | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, "Leaves on", "Choose a member in one of the lists first.")
            return None
        from circles_desktop.services.circles import members

        form = RecordForm(f"{row.name} leaves the circle")
        form.add_field("left_on", "Left on", DateField(), required=True).setObjectName("leave.left_on")
        form.load({"left_on": row.left_on or date.today()})
        form.save_button.setObjectName("leave.save")

        def save(values: dict[str, Any]) -> bool:
            return write(
                self.state, lambda s: members.member_leaves(s, row.id, values["left_on"]), show=form, parent=dialog
            )[0]

        dialog = FormDialog("Leaves the circle", form, save, self, object_name="leave_dialog")
        return self._open(dialog)

    def remove_member(self) -> None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, "Remove member", "Choose a member in one of the lists first.")
            return
        if row.role in (MemberRole.CORE_MEMBER, MemberRole.FOCUS_PERSON):
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
            self.screen.saved()

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.accepted.connect(self.screen.saved)
        self.dialog = dialog
        dialog.open()
        return dialog


class MemberDialog(FormDialog):
    """Add someone to the circle, or change a member's ring, role, organisation and dates."""

    def __init__(
        self,
        state,
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
        roles = (*INNER_ROLES, *COSA_OUTER) if circle_kind == CircleKind.COSA else OTHER_KIND_ROLES
        if member is not None and member.role not in roles:
            roles = (member.role, *roles)
        self.role = form.add_field(
            "role", "Role", combo({r.value if hasattr(r, "value") else r: label(r) for r in roles}), required=True
        )
        self.role.setObjectName("member.role")
        self.ring = form.add_field(
            "ring",
            "Ring",
            combo({Ring.INNER.value: "Inner circle", Ring.OUTER.value: "Outer circle (professionals)"}),
            required=True,
        )
        self.ring.setObjectName("member.ring")
        if member is None:
            picker = person_picker(state, None, name="member.person")
            picker.set_fetch(
                lambda text: people_fetch(
                    state, None if text else PART_FOR_ROLE.get(self.role.currentData(), "professional")
                )(text)
            )
            self.person = form.add_field(
                "person_id",
                "Person",
                picker,
                required=True,
                help="With nothing typed, the list shows people already recorded in that part (volunteers, "
                "professionals); type to search everyone.",
            )
        self.organisation = form.add_field(
            "organisation_id",
            "Organisation",
            organisation_picker(state, name="member.organisation"),
            help="For a professional: the organisation they represent in this circle.",
        )
        self.joined = form.add_field("joined_on", "Joined on", DateField(), required=True)
        self.joined.setObjectName("member.joined_on")
        if member is not None:
            self.left = form.add_field("left_on", "Left on", DateField(optional=True))
            self.left.setObjectName("member.left_on")
        form.save_button.setObjectName("member.save")
        super().__init__(title, form, self._save, parent, object_name="member_dialog")
        self.role.currentIndexChanged.connect(self._role_changed)
        self.ring.currentIndexChanged.connect(self._ring_changed)
        if member is not None:
            form.load(
                {"role": member.role, "ring": member.ring, "joined_on": member.joined_on, "left_on": member.left_on}
            )
            self.organisation.set_value(member.organisation_id, member.organisation or None)
            form.mark_clean()
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
        person = getattr(self, "person", None)
        if person is not None and not person.search.text():
            person.refresh()

    def _ring_changed(self, *_: Any) -> None:
        self.organisation.setEnabled(self.ring.currentData() == Ring.OUTER)

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.circles import members

        org = values["organisation_id"] if values["ring"] == Ring.OUTER else None
        if self.member is None:

            def work(s):
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

            def work(s):
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
