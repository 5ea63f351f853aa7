"""Reading a person into the person form and saving it through the services.

One Save writes the person and whatever sections are open in one unit of work, so a coordinator's
form goes in whole or not at all; the services' messages appear beside the fields they name. Saving a
new person who looks like someone already recorded shows the likely-duplicate warning instead.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from PySide6.QtCore import QObject, Signal

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import load, read, write
from circles_desktop.ui.common.pickers.record_search import organisation_options
from circles_desktop.ui.people.person_duplicates import OPEN_EXISTING, SAVE_NEW, DuplicateDialog
from circles_desktop.ui.people.person_form import SECTION_PARTS, TICKABLE, PersonRecordForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class _Person(NamedTuple):
    """Everything the form shows of one person, read in one session."""

    values: Any  # people.PersonForm
    all_parts: set[str]
    roles: list[Any]
    profile: Any  # volunteers.VolunteerForm or None
    checks: list[Any]
    training: list[Any]
    organisations: list[tuple[int, str]]


def _read_person(s: Session, person_id: int) -> _Person:
    from circles_desktop.services.organisations import organisations
    from circles_desktop.services.people import people, volunteers

    values = people.person_form(s, person_id)
    vet = volunteers.vetting(s, person_id)
    return _Person(
        values=values,
        all_parts=set(people.get_person(s, person_id).part_names),
        roles=list(organisations.professional_roles(s, person_id)),
        profile=volunteers.volunteer_form(s, person_id),
        checks=list(vet.checks),
        training=list(vet.training),
        organisations=organisation_options(s),
    )


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
        options = read(self.state, organisation_options, None)
        if options is not None:
            self.form.professional.set_organisations(options)
            self.form.volunteer.set_organisations(options)

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
        """Read the person into the form; on failure (a stale id, a damaged page) say so and keep the
        form as it was."""
        outcome = load(self.state, lambda s: _read_person(s, person_id), show=self.form)
        if not outcome.ok:
            return False
        person: _Person = outcome.value
        values = person.values
        self.person_id = person_id
        self.form.professional.set_organisations(person.organisations)
        self.form.volunteer.set_organisations(person.organisations)
        self.form.load({**values.__dict__})
        locked = {p for p in SECTION_PARTS if p in person.all_parts}
        self.form.load_parts(values.parts | (person.all_parts - set(TICKABLE)), locked)
        self.form.professional.load(person.roles)
        self.form.volunteer.load(person.profile, person.checks, person.training)
        self.form.set_title(f"{values.known_as or values.given_name} {values.family_name}")
        self.form.mark_clean()
        return True

    # --- saving --------------------------------------------------------------------------------
    def person_values(self) -> Any:
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
        from circles_desktop.services.people import people

        work = self._unit_of_work(bool(allow_duplicate))
        outcome = write(self.state, work, show=self.form, handlers={people.LikelyDuplicate: self._duplicate})
        if not outcome.ok:
            return False
        self.open(outcome.value)
        self.saved.emit(outcome.value)
        return True

    def _unit_of_work(self, allow_duplicate: bool) -> Any:
        """The person and the open sections' new entries, as one `work(session) -> person id`. A
        section's messages are re-keyed to its fields ("job_title" -> "professional.job_title")."""
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.people import people, volunteers

        form, person_id = self.person_values(), self.person_id
        professional = self.form.part_boxes["professional"].isChecked()
        volunteer = self.form.part_boxes["volunteer"].isChecked()
        new_role = self.form.professional.new_role() if professional else None
        profile = self.form.volunteer.profile() if volunteer else None
        check = self.form.volunteer.new_check() if volunteer else None
        course = self.form.volunteer.new_training() if volunteer else None

        def work(s: Session) -> int:
            if person_id is None:
                pid = people.create_person(s, form, allow_duplicate=allow_duplicate).id
            else:
                pid = people.update_person(s, person_id, form).id
            if new_role is not None:
                org, title, started = new_role
                with _prefixed("professional."):
                    organisations.add_professional_role(s, pid, org, title, started_on=started)
            if profile is not None:
                with _prefixed("volunteer."):
                    volunteers.save_volunteer(s, pid, profile)
            if check is not None:
                with _prefixed("dbs."):
                    volunteers.add_dbs_check(s, pid, *check)
            if course is not None:
                with _prefixed("training."):
                    volunteers.add_training(s, pid, course[0], course[1], method=course[2])
            return pid

        return work

    def _duplicate(self, dup: Any) -> None:
        self.form.clear_errors()
        self._warn_duplicate(dup.matches)

    def _warn_duplicate(self, matches: list[Any]) -> None:
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
        person_id = self.person_id
        if person_id is None:
            return
        from circles_desktop.services.organisations import organisations

        def work(s: Session) -> list[Any]:
            with _prefixed("professional."):
                organisations.end_professional_role(s, role_id, ended_on)
            return list(organisations.professional_roles(s, person_id))

        dirty = self.form.is_dirty
        outcome = write(self.state, work, show=self.form, saved=False)
        if not outcome.ok:
            return
        self.form.professional.load(outcome.value)
        if not dirty:
            self.form.mark_clean()


class _prefixed:
    """Re-key a section's ValidationError ("job_title" -> "professional.job_title"); whole-record
    messages ("") stay general."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> Literal[False]:
        from circles_desktop.services.common.validation import ValidationError

        if exc is not None and isinstance(exc, ValidationError) and type(exc) is ValidationError:
            exc.errors = {(f"{self.prefix}{k}" if k else k): v for k, v in exc.errors.items()}
        return False
