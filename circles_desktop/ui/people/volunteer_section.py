"""The volunteer part of the person form: where they are (town or area, postcode district, how far they
will travel), when they are free, their interests, how many circles they can take, who recruited them,
whether they facilitate Community Circles, and the DBS checks and training they have done (each course
with how it was done: face to face, e-learning, phone or Zoom).

The section only gathers values and shows messages; the person form saves it in the same unit of
work as the person (see person_editor.PersonEditor.save), so a check or a course typed here is saved
with the rest, or nothing is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.people import MAX_CIRCLES
from circles_desktop.models.vocab import DayPart, DbsLevel, TrainingMethod, TravelReach, Weekday, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.people.volunteers import COURSES
from circles_desktop.ui.common.forms import DateField, combo
from circles_desktop.ui.common.lists.tables import fill_table, form_table
from circles_desktop.ui.common.widgets import FieldMessage, Note, labelled, with_message

DAY_NAMES = {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"}


class AvailabilityGrid(QWidget):
    """Days across, morning/afternoon/evening down: a tick for each time the volunteer is free."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Availability")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.boxes: dict[tuple[str, str], QCheckBox] = {}
        for c, day in enumerate(Weekday.values(), start=1):
            head = QLabel(DAY_NAMES[day])
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, c)
        for r, part in enumerate(DayPart.values(), start=1):
            grid.addWidget(QLabel(label(part)), r, 0)
            for c, day in enumerate(Weekday.values(), start=1):
                box = QCheckBox()
                box.setAccessibleName(f"Free {DAY_NAMES[day]} {part}")
                box.setToolTip(f"Free on {DAY_NAMES[day]} {part}s")
                box.toggled.connect(lambda _on: self.changed.emit())
                grid.addWidget(box, r, c, alignment=Qt.AlignmentFlag.AlignCenter)
                self.boxes[(day, part)] = box
        grid.setColumnStretch(len(Weekday.values()) + 1, 1)

    def value(self) -> set[tuple[str, str]]:
        return {slot for slot, box in self.boxes.items() if box.isChecked()}

    def set_value(self, slots: set[tuple[str, str]]) -> None:
        for slot, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(slot in slots)
            box.blockSignals(False)


class VolunteerSection(QGroupBox):
    """Volunteer profile, vetting and training. `changed` fires on any edit (for unsaved-changes)."""

    changed = Signal()
    add_requested = Signal()  # an Add button: the form saves, taking the new check or course with it

    def __init__(self) -> None:
        super().__init__("Volunteer")
        self.setObjectName("person.volunteer")
        self._build_profile()
        self._build_dbs_entry()
        self._build_training_entry()
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(form, "volunteer.location", "&Location", self.location)
        self._row(form, "volunteer.postcode_district", "Postcode &district", self.postcode_district)
        self._row(form, "volunteer.travel", "Will tra&vel", self.travel)
        self._row(form, "volunteer.started_on", "Volunteering &since", self.started_on)
        form.addRow("", self.active)
        form.addRow("", self.facilitator)
        self._row(form, "volunteer.max_circles", "Circles they can &take", self.max_circles)
        self._row(form, "volunteer.recruited_by_id", "Recruited &by", self.recruited_by)
        self._row(form, "volunteer.availability", "Availability", self.availability)
        self._row(form, "volunteer.availability_notes", "Availability notes", self.availability_notes)
        self._row(form, "volunteer.interests", "&Interests", self.interests)
        form.addRow(QLabel("DBS checks"), self._dbs_block())
        form.addRow(QLabel("Training"), self._training_block())
        form.addRow(Note("A new check or course is saved with the person (Save, or its Add button)."))
        self._watch()
        self._loading = False

    # --- building ------------------------------------------------------------------------------
    def _build_profile(self) -> None:
        self.location = QLineEdit()
        self.location.setObjectName("volunteer.location")
        self.location.setPlaceholderText("Town or area, for matching to circles")
        self.started_on = DateField(optional=True)
        self.started_on.setObjectName("volunteer.started_on")
        self.active = QCheckBox("Active (can be asked to join a circle)")
        self.active.setObjectName("volunteer.active")
        self.active.setChecked(True)
        self.postcode_district = QLineEdit()
        self.postcode_district.setObjectName("volunteer.postcode_district")
        self.postcode_district.setPlaceholderText("The first half of their postcode, e.g. ST4")
        self.travel = combo({t.value: t.label for t in TravelReach})
        self.travel.setObjectName("volunteer.travel")
        self.facilitator = QCheckBox("Facilitates Community Circles (can be matched to one)")
        self.facilitator.setObjectName("volunteer.facilitator")
        self.max_circles = QSpinBox()
        self.max_circles.setObjectName("volunteer.max_circles")
        self.max_circles.setRange(0, MAX_CIRCLES)
        self.max_circles.setValue(1)
        self.max_circles.setToolTip("How many circles they can take at once; 0 while they are taking none")
        self.recruited_by = combo({}, include_blank="— not recorded —")
        self.recruited_by.setObjectName("volunteer.recruited_by_id")
        self.recruited_by.setToolTip("The partner organisation that recruited and trained them")
        self.availability = AvailabilityGrid()
        self.availability.setObjectName("volunteer.availability")
        self.availability_notes = QLineEdit()
        self.availability_notes.setObjectName("volunteer.availability_notes")
        self.availability_notes.setPlaceholderText("e.g. not school holidays")
        self.interests = QLineEdit()
        self.interests.setObjectName("volunteer.interests")
        self.interests.setPlaceholderText("Separate with commas: walking, football, art")

    def _build_dbs_entry(self) -> None:
        """DBS checks: the recorded ones, and a line to record a new one."""
        self.dbs_table = form_table(["Level", "Checked", "Certificate"], "DBS checks recorded")
        self.dbs_level = combo({v: label(v) for v in DbsLevel.values()}, include_blank="— level —")
        self.dbs_level.setObjectName("dbs.level")
        self.dbs_level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dbs_level.setMinimumContentsLength(12)
        self.dbs_checked_on = DateField(optional=True)
        self.dbs_checked_on.setObjectName("dbs.checked_on")
        self.dbs_certificate = QLineEdit()
        self.dbs_certificate.setObjectName("dbs.certificate_number")
        self.dbs_certificate.setPlaceholderText("Certificate no.")
        self.dbs_add = QPushButton("Add check")
        self.dbs_add.setObjectName("dbs.add")
        self.dbs_add.setToolTip("Saves this check with the rest of the form")
        self.dbs_add.setAutoDefault(False)

    def _build_training_entry(self) -> None:
        """Training completed, and a line to record a new course."""
        self.training_table = form_table(["Course", "How", "Completed"], "Training completed")
        self.training_course = QLineEdit()
        self.training_course.setObjectName("training.course")
        self.training_course.setPlaceholderText("Course, e.g. Community Circles facilitator training")
        suggestions = QCompleter(list(COURSES), self.training_course)
        suggestions.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        suggestions.setFilterMode(Qt.MatchFlag.MatchContains)
        self.training_course.setCompleter(suggestions)
        self.training_method = combo({m.value: m.label for m in TrainingMethod}, include_blank="— how —")
        self.training_method.setObjectName("training.method")
        self.training_completed_on = DateField(optional=True)
        self.training_completed_on.setObjectName("training.completed_on")
        self.training_add = QPushButton("Add course")
        self.training_add.setObjectName("training.add")
        self.training_add.setToolTip("Saves this course with the rest of the form")
        self.training_add.setAutoDefault(False)

    def _dbs_block(self) -> QWidget:
        dbs = QWidget()
        dbs_box = QVBoxLayout(dbs)
        dbs_box.setContentsMargins(0, 0, 0, 0)
        dbs_box.addWidget(self.dbs_table)
        line = QHBoxLayout()
        line.addWidget(self.dbs_level)
        line.addWidget(self.dbs_checked_on)
        line.addWidget(self.dbs_certificate, 2)
        line.addWidget(self.dbs_add)
        dbs_box.addLayout(line)
        for key in ("dbs.level", "dbs.checked_on", "dbs.certificate_number"):
            dbs_box.addWidget(self._message(key, "DBS check"))
        self.dbs_level.setAccessibleName("Level of the new DBS check")
        self.dbs_checked_on.setAccessibleName("Date of the new DBS check")
        self.dbs_certificate.setAccessibleName("Certificate number of the new DBS check")
        return dbs

    def _training_block(self) -> QWidget:
        training = QWidget()
        training_box = QVBoxLayout(training)
        training_box.setContentsMargins(0, 0, 0, 0)
        training_box.addWidget(self.training_table)
        line = QHBoxLayout()
        line.addWidget(self.training_course, 1)
        line.addWidget(self.training_method)
        line.addWidget(self.training_completed_on)
        line.addWidget(self.training_add)
        training_box.addLayout(line)
        for key in ("training.course", "training.method", "training.completed_on"):
            training_box.addWidget(self._message(key, "training"))
        self.training_course.setAccessibleName("New training course")
        self.training_method.setAccessibleName("How the new course was done")
        self.training_completed_on.setAccessibleName("Date the new course was completed")
        return training

    def _watch(self) -> None:
        """Any edit counts as an unsaved change; the Add buttons save the form."""
        for signal in (
            self.location.textEdited,
            self.postcode_district.textEdited,
            self.travel.currentIndexChanged,
            self.facilitator.toggled,
            self.max_circles.valueChanged,
            self.recruited_by.currentIndexChanged,
            self.started_on.dateChanged,
            self.active.toggled,
            self.availability.changed,
            self.availability_notes.textEdited,
            self.interests.textEdited,
            self.dbs_level.currentIndexChanged,
            self.dbs_checked_on.dateChanged,
            self.dbs_certificate.textEdited,
            self.training_course.textEdited,
            self.training_method.currentIndexChanged,
            self.training_completed_on.dateChanged,
        ):
            signal.connect(self._changed)
        self.dbs_add.clicked.connect(self.add_requested.emit)
        self.training_add.clicked.connect(self.add_requested.emit)

    def _message(self, key: str, what: str) -> FieldMessage:
        message = FieldMessage(f"{what} error")
        self.messages[key] = message
        return message

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        message = self._message(key, text.replace("&", ""))
        widget.setAccessibleName(text.replace("&", ""))
        form.addRow(labelled(text, widget), with_message(widget, message))

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # --- values --------------------------------------------------------------------------------
    def profile(self) -> Any:
        from circles_desktop.services.people.volunteers import VolunteerForm

        return VolunteerForm(
            location=self.location.text().strip(),
            started_on=self.started_on.value(),
            active=self.active.isChecked(),
            availability=self.availability.value(),
            availability_notes=self.availability_notes.text().strip(),
            interests=[i.strip() for i in self.interests.text().split(",") if i.strip()],
            notes=self._notes,
            postcode_district=self.postcode_district.text().strip(),
            travel=self.travel.currentData() or TravelReach.AREA.value,
            max_circles=self.max_circles.value(),
            recruited_by_id=self.recruited_by.currentData(),
            facilitator=self.facilitator.isChecked(),
        )

    def new_check(self) -> tuple[str, date | None, str] | None:
        """(level, date, certificate) when a new check has been started, else None."""
        level = self.dbs_level.currentData()
        if level is None and self.dbs_checked_on.value() is None and not self.dbs_certificate.text().strip():
            return None
        return level or "", self.dbs_checked_on.value(), self.dbs_certificate.text().strip()

    def new_training(self) -> tuple[str, date | None, str] | None:
        """(course, date, how: a TrainingMethod or "") when a new course has been started, else None."""
        course = self.training_course.text().strip()
        if not course and self.training_completed_on.value() is None:
            return None
        return course, self.training_completed_on.value(), self.training_method.currentData() or ""

    def set_organisations(self, options: list[tuple[int, str]]) -> None:
        """The organisations a volunteer may have been recruited by (kept choice stays chosen)."""
        keep = self.recruited_by.currentData()
        was, self._loading = self._loading, True
        try:
            self.recruited_by.clear()
            self.recruited_by.addItem("— not recorded —", None)
            for ident, text in options:
                self.recruited_by.addItem(text, ident)
            self.recruited_by.setCurrentIndex(max(self.recruited_by.findData(keep), 0))
        finally:
            self._loading = was

    def load(self, profile: Any, checks: list[Any], training: list[Any]) -> None:
        """Fill from a VolunteerForm (or None for someone not yet a volunteer) and their vetting."""
        self._loading = True
        try:
            self.location.setText(profile.location if profile else "")
            self.postcode_district.setText(profile.postcode_district if profile else "")
            self.travel.setCurrentIndex(max(self.travel.findData(profile.travel if profile else TravelReach.AREA), 0))
            self.facilitator.setChecked(bool(profile and profile.facilitator))
            self.max_circles.setValue(profile.max_circles if profile else 1)
            self.recruited_by.setCurrentIndex(
                max(self.recruited_by.findData(profile.recruited_by_id if profile else None), 0)
            )
            self.started_on.set_value(profile.started_on if profile else None)
            self.active.setChecked(profile.active if profile else True)
            self.availability.set_value(profile.availability if profile else set())
            self.availability_notes.setText(profile.availability_notes if profile else "")
            self.interests.setText(", ".join(profile.interests) if profile else "")
            self._notes = profile.notes if profile else ""
            self.clear_new_entries()
            fill_table(
                self.dbs_table,
                [(label(c.level), uk_date(c.checked_on), c.certificate_number) for c in checks],
                empty="No DBS check recorded yet",
            )
            fill_table(
                self.training_table,
                [(t.course, label(t.method) if t.method else "", uk_date(t.completed_on)) for t in training],
                empty="No training recorded yet",
            )
        finally:
            self._loading = False
        self.clear_errors()

    def clear_new_entries(self) -> None:
        was, self._loading = self._loading, True
        try:
            self.dbs_level.setCurrentIndex(0)
            self.dbs_checked_on.set_value(None)
            self.dbs_certificate.clear()
            self.training_course.clear()
            self.training_method.setCurrentIndex(0)
            self.training_completed_on.set_value(None)
        finally:
            self._loading = was

    _notes = ""

    # --- messages ------------------------------------------------------------------------------
    def show_error(self, key: str, message: str) -> QWidget | None:
        if key in self.messages:
            self.messages[key].show_message(message)
            return self.findChild(QWidget, key)
        return None

    def clear_errors(self) -> None:
        for message in self.messages.values():
            message.clear_message()

    def error_text(self, key: str) -> str:
        message = self.messages.get(key)
        return message.text() if message is not None and not message.isHidden() else ""
