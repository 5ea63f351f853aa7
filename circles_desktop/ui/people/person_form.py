"""The person form: who they are, the parts they play, and the parts' own details — a professional's
jobs (organisation and job title) and a volunteer's profile, DBS checks and training.

The form only shows and gathers; person_editor.PersonEditor reads a person into it and saves it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from circles_desktop.models.vocab import PersonPart, label
from circles_desktop.services.people.people import FORM_PARTS
from circles_desktop.ui.common.forms import DateField, ScrollingRecordForm, text_box
from circles_desktop.ui.common.widgets import FieldMessage
from circles_desktop.ui.people.professional_section import ProfessionalSection
from circles_desktop.ui.people.volunteer_section import VolunteerSection

# Parts ticked on the form itself (which ones is the service's: people.FORM_PARTS), in this order;
# volunteer and professional tick open their sections; the rest (core member, focus person,
# facilitator) follow from referrals and circles and are shown, not ticked.
_TICK_ORDER = ("parent_carer", "child", "coordinator", "connector", "learner", "other")
TICKABLE = tuple(sorted(FORM_PARTS, key=lambda p: (_TICK_ORDER.index(p) if p in _TICK_ORDER else len(_TICK_ORDER), p)))
SECTION_PARTS = ("volunteer", "professional")
FIELDS = ("given_name", "family_name", "known_as", "date_of_birth", "reference", "phone", "email", "address", "notes")


class PersonRecordForm(ScrollingRecordForm):
    """Fields of a person plus the parts ticks and the professional and volunteer sections."""

    def __init__(self) -> None:
        super().__init__("Person")
        self._build_fields()
        self._build_parts()
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

    def _build_fields(self) -> None:
        self.add_field("given_name", "&Given name", QLineEdit(), required=True)
        self.add_field("family_name", "&Family name", QLineEdit(), required=True)
        self.add_field("known_as", "&Known as", QLineEdit(), help="The name they like to be called")
        self.add_field("date_of_birth", "Date of &birth", DateField(optional=True))
        self.add_field("reference", "&Reference", QLineEdit(), help="e.g. a probation or case reference")
        self.add_field("phone", "&Phone", QLineEdit())
        self.add_field("email", "&Email", QLineEdit())
        self.add_field("address", "&Address", text_box(54))
        self.add_field("notes", "&Notes", text_box(54))
        for key in FIELDS:
            self.field(key).setObjectName(f"person.{key}")

    def _build_parts(self) -> None:
        """The tickable parts, then volunteer and professional (which open sections), then the parts
        other records give (shown ticked and greyed)."""
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
            grid.addWidget(box, i // 3, i % 3)  # three across: the form fits beside the list at 1366 px
            self.part_boxes[part] = box
            self.watch(box.toggled)
        self.parts_message = FieldMessage("Parts error")
        holder = QWidget()
        box_layout = QVBoxLayout(holder)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(parts)
        box_layout.addWidget(self.parts_message)
        self.form_layout.addRow(QLabel("Parts"), holder)

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
