"""The person form: who they are, the parts they play, and the parts' own details — a professional's
jobs (organisation and job title) and a volunteer's profile, DBS checks and training.

One Save writes the person and whatever sections are open in one unit of work, so a coordinator's
form goes in whole or not at all; the services' messages appear beside the fields they name. Saving a
new person who looks like someone already recorded shows the likely-duplicate warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import PersonPart, label
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.widgets import FieldMessage
from circles_desktop.ui.people.person_duplicates import OPEN_EXISTING, SAVE_NEW, DuplicateDialog
from circles_desktop.ui.people.volunteer_section import VolunteerSection, fill_table, read_only_table, uk

# Parts ticked on the form itself; volunteer and professional tick open their sections; the rest
# (core member, focus person, facilitator) follow from referrals and circles and are shown, not ticked.
TICKABLE = ("parent_carer", "child", "coordinator", "connector", "learner", "other")
SECTION_PARTS = ("volunteer", "professional")


class ScrollingRecordForm(RecordForm):
    """A RecordForm whose fields scroll while Save/Cancel stay in view; `sections` go under the fields.

    Section widgets may carry their own FieldMessages: `add_messages` registers them by error key so
    `show_errors` puts each service message beside its field, wherever that field is.
    """

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        outer = self.layout()
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        # Move everything above the buttons (heading, note, fields, general error, stretch) into the body.
        while outer.count() > 1:
            item = outer.takeAt(0)
            if item.widget() is not None:
                self.body_layout.addWidget(item.widget())
            elif item.layout() is not None:
                child = item.layout()
                child.setParent(None)
                self.body_layout.addLayout(child)
            else:
                self.body_layout.addItem(item)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        outer.insertWidget(0, self.scroll, 1)
        self._extra_messages: dict[str, tuple[FieldMessage, QWidget | None]] = {}

    def add_section(self, widget: QWidget) -> None:
        """Below the fields, above the general error line."""
        index = self.body_layout.indexOf(self.general_error)
        self.body_layout.insertWidget(index, widget)

    def add_messages(self, messages: Mapping[str, FieldMessage], focus: Mapping[str, QWidget] | None = None) -> None:
        for key, message in messages.items():
            self._extra_messages[key] = (message, (focus or {}).get(key))

    def watch(self, *signals: Any) -> None:
        """Edits through these signals count as unsaved changes."""
        for signal in signals:
            signal.connect(self._mark_dirty)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        own = {k: v for k, v in errors.items() if k not in self._extra_messages}
        super().show_errors(own)  # clears every message first (clear_errors below)
        first: QWidget | None = None
        for key, message in errors.items():
            if key in self._extra_messages:
                label_, widget = self._extra_messages[key]
                label_.show_message(message)
                if widget is not None and first is None and not own:
                    first = widget
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
            first.setFocus()

    def clear_errors(self) -> None:
        super().clear_errors()
        for message, _widget in getattr(self, "_extra_messages", {}).values():
            message.clear_message()

    def error_text(self, key: str) -> str:
        if key in self._extra_messages:
            message = self._extra_messages[key][0]
            return message.text() if not message.isHidden() else ""
        return super().error_text(key)


class ProfessionalSection(QGroupBox):
    """The jobs a professional holds, and a line to record a new one (or end the one selected)."""

    changed = Signal()
    end_requested = Signal(int, object)  # role id, end date

    def __init__(self) -> None:
        super().__init__("Professional")
        self.setObjectName("person.professional")
        self.roles_table = read_only_table(["Organisation", "Job title", "Started", "Ended"], "Jobs recorded")
        self.roles: list = []
        self.organisation = QComboBox()
        self.organisation.setObjectName("professional.organisation")
        self.organisation.setAccessibleName("Organisation of the new job")
        self.job_title = QLineEdit()
        self.job_title.setObjectName("professional.job_title")
        self.job_title.setAccessibleName("Job title of the new job")
        self.job_title.setPlaceholderText("e.g. Probation officer")
        self.started_on = DateField(optional=True)
        self.started_on.setObjectName("professional.started_on")
        self.started_on.setAccessibleName("Start date of the new job")
        self.ended_on = DateField(optional=True)
        self.ended_on.setObjectName("professional.ended_on")
        self.ended_on.setAccessibleName("End date for the selected job")
        self.end_button = QPushButton("End selected job")
        self.end_button.setObjectName("professional.end")
        self.end_button.setAutoDefault(False)
        self.end_button.clicked.connect(self._end)

        self.messages = {
            key: FieldMessage(f"{what} error")
            for key, what in (
                ("professional.organisation", "Organisation"),
                ("professional.job_title", "Job title"),
                ("professional.ended_on", "End date"),
            )
        }
        self.heading = QLabel("<b>New job</b> — needed until they are recorded at an organisation:")
        self.heading.setWordWrap(True)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.roles_table)
        self.end_row = QWidget()
        end = QHBoxLayout(self.end_row)
        end.setContentsMargins(0, 0, 0, 0)
        end.addWidget(QLabel("Job ended on:"))
        end.addWidget(self.ended_on)
        end.addWidget(self.end_button)
        end.addStretch(1)
        form.addRow(self.end_row)
        form.addRow(self.messages["professional.ended_on"])
        form.addRow(self.heading)
        for key, text, widget in (
            ("professional.organisation", "&Organisation *", self.organisation),
            ("professional.job_title", "&Job title *", self.job_title),
        ):
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.messages[key])
            lab = QLabel(text)
            lab.setBuddy(widget)
            form.addRow(lab, holder)
        form.addRow("Started", self.started_on)
        for signal in (self.organisation.currentIndexChanged, self.job_title.textEdited, self.started_on.dateChanged):
            signal.connect(self._changed)
        self._loading = False

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_organisations(self, rows: list) -> None:
        """Rows of (id, name, kind) for the picker; keeps the current choice if still there."""
        current = self.organisation.currentData()
        was, self._loading = self._loading, True
        try:
            self.organisation.clear()
            self.organisation.addItem("— choose an organisation —", None)
            for org_id, name, kind in rows:
                self.organisation.addItem(f"{name} ({label(kind)})", org_id)
            index = self.organisation.findData(current) if current is not None else 0
            self.organisation.setCurrentIndex(max(0, index))
        finally:
            self._loading = was

    def load(self, roles: list) -> None:
        self.roles = list(roles)
        fill_table(
            self.roles_table,
            [(r.organisation.name, r.job_title, uk(r.started_on), uk(r.ended_on)) for r in self.roles],
            "No job recorded yet",
        )
        self.end_row.setVisible(self.has_current_job)
        self.clear_new_entry()

    def clear_new_entry(self) -> None:
        was, self._loading = self._loading, True
        try:
            self.organisation.setCurrentIndex(0)
            self.job_title.clear()
            self.started_on.set_value(None)
            self.ended_on.set_value(None)
        finally:
            self._loading = was

    @property
    def has_current_job(self) -> bool:
        return any(r.ended_on is None for r in self.roles)

    def new_role(self) -> tuple[int | None, str, date | None] | None:
        """(organisation id, job title, started) when a job is being added (or must be, having none)."""
        org, title, started = self.organisation.currentData(), self.job_title.text().strip(), self.started_on.value()
        if org is None and not title and started is None and self.has_current_job:
            return None
        return org, title, started

    def _end(self) -> None:
        self.messages["professional.ended_on"].clear_message()
        row = self.roles_table.currentRow()
        if not (0 <= row < len(self.roles)):
            current = [r for r in self.roles if r.ended_on is None]
            if len(current) != 1:
                self.messages["professional.ended_on"].show_message("Select the job that has ended in the list.")
                return
            role = current[0]
        else:
            role = self.roles[row]
        ended = self.ended_on.value()
        if ended is None:
            self.messages["professional.ended_on"].show_message("Enter the date the job ended.")
            return
        self.end_requested.emit(role.id, ended)


class PersonRecordForm(ScrollingRecordForm):
    """Fields of a person plus the parts ticks and the professional and volunteer sections."""

    def __init__(self) -> None:
        super().__init__("Person")
        self.heading_label = self.body.findChild(QLabel)
        self.add_field("given_name", "&Given name", QLineEdit(), required=True)
        self.add_field("family_name", "&Family name", QLineEdit(), required=True)
        self.add_field("known_as", "&Known as", QLineEdit(), help="The name they like to be called")
        self.add_field("date_of_birth", "Date of &birth", DateField(optional=True))
        self.add_field("reference", "&Reference", QLineEdit(), help="e.g. a probation or case reference")
        self.add_field("phone", "&Phone", QLineEdit())
        self.add_field("email", "&Email", QLineEdit())
        address = QPlainTextEdit()
        address.setTabChangesFocus(True)
        address.setFixedHeight(54)
        self.add_field("address", "&Address", address)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(54)
        self.add_field("notes", "&Notes", notes)
        for key in (
            "given_name",
            "family_name",
            "known_as",
            "date_of_birth",
            "reference",
            "phone",
            "email",
            "address",
            "notes",
        ):
            self.field(key).setObjectName(f"person.{key}")

        # Parts: the tickable ones, then volunteer and professional (which open sections), then the
        # parts other records give (shown ticked and greyed).
        parts = QWidget()
        grid = QGridLayout(parts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.part_boxes: dict[str, QCheckBox] = {}
        order = SECTION_PARTS + TICKABLE + tuple(p for p in PersonPart.values() if p not in TICKABLE + SECTION_PARTS)
        for i, part in enumerate(order):
            box = QCheckBox(label(part))
            box.setObjectName(f"person.part.{part}")
            box.setAccessibleName(f"Part: {label(part)}")
            if part not in TICKABLE + SECTION_PARTS:
                box.setEnabled(False)
                box.setToolTip("Given by a referral or a circle")
            grid.addWidget(box, i // 4, i % 4)
            self.part_boxes[part] = box
            self.watch(box.toggled)
        self.parts_message = FieldMessage("Parts error")
        holder = QWidget()
        box_layout = QVBoxLayout(holder)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(parts)
        box_layout.addWidget(self.parts_message)
        self.form_layout.addRow(QLabel("Parts"), holder)

        self.professional = ProfessionalSection()
        self.volunteer = VolunteerSection()
        self.add_section(self.professional)
        self.add_section(self.volunteer)
        self.add_messages({"parts": self.parts_message})
        self.add_messages(self.professional.messages, self._focus_targets(self.professional))
        self.add_messages(self.volunteer.messages, self._focus_targets(self.volunteer))
        self.watch(self.professional.changed, self.volunteer.changed)
        self.part_boxes["volunteer"].toggled.connect(self._show_sections)
        self.part_boxes["professional"].toggled.connect(self._show_sections)
        self.save_button.setObjectName("person.save")
        self.cancel_button.setObjectName("person.cancel")
        self._show_sections()

    @staticmethod
    def _focus_targets(section: QWidget) -> dict[str, QWidget]:
        targets = {}
        for key in getattr(section, "messages", {}):
            widget = section.findChild(QWidget, key)
            if widget is not None:
                targets[key] = widget
        return targets

    def _show_sections(self, *_args: object) -> None:
        self.volunteer.setVisible(self.part_boxes["volunteer"].isChecked())
        self.professional.setVisible(self.part_boxes["professional"].isChecked())

    def set_title(self, text: str) -> None:
        if self.heading_label is not None:
            self.heading_label.setText(f"<h2>{text}</h2>")

    def chosen_parts(self) -> set[str]:
        return {p for p in TICKABLE if self.part_boxes[p].isChecked()}

    def load_parts(self, parts: set[str], locked: set[str]) -> None:
        """Tick `parts`; parts in `locked` (given by other records) cannot be unticked here."""
        for part, box in self.part_boxes.items():
            box.blockSignals(True)
            box.setChecked(part in parts)
            box.blockSignals(False)
            if part in SECTION_PARTS:
                box.setEnabled(part not in locked)
                box.setToolTip("Recorded: the section below holds the details" if part in locked else "")
        self._show_sections()


class PersonEditor(QObject):
    """Loads a person into the form and saves it through the services, in one unit of work."""

    saved = Signal(int)  # person id
    open_requested = Signal(int)  # the coordinator chose an existing record from the duplicate warning

    def __init__(self, state: AppState, form: PersonRecordForm) -> None:
        super().__init__(form)
        self.state = state
        self.form = form
        self.person_id: int | None = None
        self.duplicate_dialog: DuplicateDialog | None = None
        form.save_requested.connect(self.save)
        form.volunteer.add_requested.connect(self.save)
        form.professional.end_requested.connect(self.end_role)

    # --- loading -------------------------------------------------------------------------------
    def refresh_organisations(self) -> None:
        db = self.state.database
        if db is None:
            return
        from circles_desktop.services.organisations import organisations

        with db.session() as s:
            rows = organisations.search_organisations(s, limit=5000)
        self.form.professional.set_organisations([(r.id, r.name, r.kind) for r in rows])

    def new(self) -> None:
        self.person_id = None
        self.refresh_organisations()
        self.form.load({k: None for k in self.form.values()})
        self.form.load_parts(set(), set())
        self.form.professional.load([])
        self.form.volunteer.load(None, [], [])
        self.form.set_title("New person")
        self.form.mark_clean()

    def open(self, person_id: int) -> bool:
        db = self.state.database
        if db is None:
            return False
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.people import people, volunteers

        try:
            with db.session() as s:
                values = people.person_form(s, person_id)
                person = people.get_person(s, person_id)
                all_parts = set(person.part_names)
                roles = organisations.professional_roles(s, person_id)
                profile = volunteers.volunteer_form(s, person_id)
                vet = volunteers.vetting(s, person_id)
                orgs = organisations.search_organisations(s, limit=5000)
        except Exception as exc:  # a stale id or a damaged page: say so, keep the current form
            self.form.show_errors({"": describe(exc) if not isinstance(exc, LookupError) else str(exc)})
            return False
        self.person_id = person_id
        self.form.professional.set_organisations([(r.id, r.name, r.kind) for r in orgs])
        self.form.load({**values.__dict__})
        locked = {p for p in SECTION_PARTS if p in all_parts}
        self.form.load_parts(values.parts | (all_parts - set(TICKABLE)), locked)
        self.form.professional.load(roles)
        self.form.volunteer.load(profile, vet.checks, vet.training)
        name = f"{values.known_as or values.given_name} {values.family_name}"
        self.form.set_title(name)
        self.form.mark_clean()
        return True

    # --- saving --------------------------------------------------------------------------------
    def person_values(self):
        from circles_desktop.services.people.people import PersonForm

        v = self.form.values()
        return PersonForm(
            given_name=v["given_name"] or "",
            family_name=v["family_name"] or "",
            known_as=v["known_as"] or "",
            date_of_birth=v["date_of_birth"],
            reference=v["reference"] or "",
            phone=v["phone"] or "",
            email=v["email"] or "",
            address=v["address"] or "",
            notes=v["notes"] or "",
            parts=self.form.chosen_parts(),
        )

    def save(self, allow_duplicate: bool = False) -> bool:
        """Save everything on the form; True when saved. Messages go beside their fields."""
        db = self.state.database
        if db is None:
            self.form.show_errors({"": "Circles Desktop is locked: unlock to save. Your changes are kept."})
            return False
        from circles_desktop.services.common.validation import ValidationError
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.people import people, volunteers

        form = self.person_values()
        volunteer = self.form.part_boxes["volunteer"].isChecked()
        professional = self.form.part_boxes["professional"].isChecked()
        try:
            with db.session() as s:
                if self.person_id is None:
                    person = people.create_person(s, form, allow_duplicate=bool(allow_duplicate))
                else:
                    person = people.update_person(s, self.person_id, form)
                pid = person.id
                if professional:
                    new_role = self.form.professional.new_role()
                    if new_role is not None:
                        org, title, started = new_role
                        with _prefixed("professional."):
                            organisations.add_professional_role(s, pid, org, title, started_on=started)
                if volunteer:
                    with _prefixed("volunteer."):
                        volunteers.save_volunteer(s, pid, self.form.volunteer.profile())
                    check = self.form.volunteer.new_check()
                    if check is not None:
                        level, checked_on, certificate = check
                        with _prefixed("dbs."):
                            volunteers.add_dbs_check(s, pid, level, checked_on, certificate)
                    course = self.form.volunteer.new_training()
                    if course is not None:
                        with _prefixed("training."):
                            volunteers.add_training(s, pid, course[0], course[1])
        except people.LikelyDuplicate as dup:
            self.form.clear_errors()
            self._warn_duplicate(dup.matches)
            return False
        except ValidationError as err:
            self.form.show_errors(err.errors)
            return False
        except LookupError as exc:
            self.form.show_errors({"": str(exc)})
            return False
        except Exception as exc:
            self.form.show_errors({"": describe(exc)})
            return False
        self.form.saved_ok()
        self.open(pid)
        self.saved.emit(pid)
        return True

    def _warn_duplicate(self, matches: list) -> None:
        dialog = DuplicateDialog(matches, self.form)
        self.duplicate_dialog = dialog

        def finished(_result: int) -> None:
            self.duplicate_dialog = None
            dialog.deleteLater()
            if dialog.choice == SAVE_NEW:
                self.save(allow_duplicate=True)
            elif dialog.choice == OPEN_EXISTING and dialog.chosen_id is not None:
                self.open_requested.emit(dialog.chosen_id)

        dialog.finished.connect(finished)
        dialog.open()

    def end_role(self, role_id: int, ended_on: date) -> None:
        db = self.state.database
        if db is None or self.person_id is None:
            return
        from circles_desktop.services.common.validation import ValidationError
        from circles_desktop.services.organisations import organisations

        try:
            with db.session() as s:
                with _prefixed("professional."):
                    organisations.end_professional_role(s, role_id, ended_on)
        except ValidationError as err:
            self.form.show_errors(err.errors)
            return
        except Exception as exc:
            self.form.show_errors({"": describe(exc)})
            return
        dirty = self.form.is_dirty
        with db.session() as s:
            roles = organisations.professional_roles(s, self.person_id)
        self.form.professional.load(roles)
        if not dirty:
            self.form.mark_clean()


class _prefixed:
    """Re-key a section's ValidationError ("job_title" -> "professional.job_title"); whole-record
    messages ("") stay general."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        from circles_desktop.services.common.validation import ValidationError

        if exc is not None and isinstance(exc, ValidationError) and type(exc) is ValidationError:
            exc.errors = {(f"{self.prefix}{k}" if k else k): v for k, v in exc.errors.items()}
        return False
