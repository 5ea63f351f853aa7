"""Volunteers and facilitators: where they are (town or area, postcode district, how far they will
travel), when they are free, their interests, how many circles they can take, who recruited them, and
their vetting and training (each course with the way it was done: face to face, e-learning, phone, Zoom).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    AvailabilitySlot,
    DbsCheck,
    Organisation,
    Person,
    PersonPartRow,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.people import MAX_CIRCLES
from circles_desktop.models.vocab import DayPart, DbsLevel, PersonPart, TrainingMethod, TravelReach, Weekday
from circles_desktop.services.common.validation import Problems, clean, get
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

ENHANCED = (DbsLevel.ENHANCED, DbsLevel.ENHANCED_BARRED)
_RANK = {lvl: i for i, lvl in enumerate(DbsLevel.values())}
# The course a Community Circles facilitator needs before they can be matched to a circle.
FACILITATOR_COURSE = "Community Circles facilitator training"
COURSES = (FACILITATOR_COURSE, "CoSA volunteer induction", "Safeguarding adults", "Person-centred facilitation")
# The outward half of a UK postcode: ST4, M1, B33, SW1A, EC1V.
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def postcode_district(text: str) -> str:
    """A postcode district as it is kept: capitals, no spaces ("st 4" is "ST4")."""
    return "".join(text.split()).upper()


def check_district(p: Problems, field: str, text: str) -> None:
    if text and not _DISTRICT.match(postcode_district(text)):
        p.add(field, "Enter the postcode district: the first half of the postcode, such as ST4 or M1.")


def has_facilitator_training(training: list[TrainingRecord]) -> bool:
    return any(t.course.casefold() == FACILITATOR_COURSE.casefold() for t in training)


@dataclass
class VolunteerForm:
    location: str = ""
    started_on: date | None = None
    active: bool = True
    availability: set[tuple[str, str]] = field(default_factory=set)  # {(Weekday, DayPart)}
    availability_notes: str = ""
    interests: list[str] = field(default_factory=list)
    notes: str = ""
    postcode_district: str = ""
    travel: str = TravelReach.AREA
    max_circles: int = 1  # how many circles they can take at once
    recruited_by_id: int | None = None  # the partner organisation that recruited and trained them
    facilitator: bool = False  # facilitates Community Circles (can be matched to one)


@dataclass(frozen=True)
class Vetting:
    checks: list[DbsCheck]
    training: list[TrainingRecord]

    @property
    def highest_level(self) -> str | None:
        return max((c.level for c in self.checks), key=_RANK.__getitem__, default=None)

    @property
    def has_enhanced(self) -> bool:
        return any(c.level in ENHANCED for c in self.checks)

    @property
    def has_facilitator_training(self) -> bool:
        return has_facilitator_training(self.training)


def save_volunteer(
    session: Session, person_id: int, form: VolunteerForm, today: date | None = None
) -> VolunteerProfile:
    """Create or update a person's volunteer profile; they then count as a volunteer."""
    today = today or date.today()
    p = Problems()
    for day, part in form.availability:
        if day not in Weekday.values() or part not in DayPart.values():
            p.add("availability", f"“{day} {part}” is not a day and part of the day.")
    if form.started_on and form.started_on > today:
        p.add("started_on", "The start date cannot be in the future.")
    check_district(p, "postcode_district", form.postcode_district)
    p.one_of("travel", form.travel, TravelReach.values(), "distance they will travel")
    if not 0 <= form.max_circles <= MAX_CIRCLES:
        p.add("max_circles", f"The circles they can take is a number from 0 to {MAX_CIRCLES}.")
    if form.recruited_by_id is not None and session.get(Organisation, form.recruited_by_id) is None:
        p.add("recruited_by_id", "That organisation is no longer recorded; choose it again.")
    p.raise_if_any()
    person = get(session, Person, person_id, "person")
    profile = session.get(VolunteerProfile, person_id)
    created = profile is None
    if profile is None:
        profile = VolunteerProfile(person_id=person.id)
        session.add(profile)
    profile.location = clean(form.location)
    profile.started_on = form.started_on
    profile.active = form.active
    profile.availability_notes = form.availability_notes.strip()
    profile.notes = form.notes.strip()
    profile.postcode_district = postcode_district(form.postcode_district)
    profile.travel = form.travel
    profile.max_circles = form.max_circles
    profile.recruited_by_id = form.recruited_by_id
    profile.slots = [AvailabilitySlot(day=d, part_of_day=t) for d, t in sorted(form.availability)]
    interests = {clean(i).lower(): clean(i) for i in form.interests if clean(i)}
    profile.interests = [VolunteerInterest(interest=i[:80]) for i in sorted(interests.values())]
    people.add_part(session, person_id, PersonPart.VOLUNTEER)
    _facilitator_part(session, person, form.facilitator)
    session.flush()
    audit.record(session, "volunteer profile " + ("created" if created else "updated"), f"person {person_id}")
    return profile


def _facilitator_part(session: Session, person: Person, facilitates: bool) -> None:
    if facilitates:
        people.add_part(session, person.id, PersonPart.FACILITATOR)
        return
    for row in list(person.parts):
        if row.part == PersonPart.FACILITATOR:
            person.parts.remove(row)


def volunteer_form(session: Session, person_id: int) -> VolunteerForm | None:
    profile = session.get(VolunteerProfile, person_id)
    if profile is None:
        return None
    return VolunteerForm(
        location=profile.location,
        started_on=profile.started_on,
        active=profile.active,
        availability={(s.day, s.part_of_day) for s in profile.slots},
        availability_notes=profile.availability_notes,
        interests=[i.interest for i in profile.interests],
        notes=profile.notes,
        postcode_district=profile.postcode_district,
        travel=profile.travel,
        max_circles=profile.max_circles,
        recruited_by_id=profile.recruited_by_id,
        facilitator=session.get(PersonPartRow, (person_id, PersonPart.FACILITATOR)) is not None,
    )


def add_dbs_check(
    session: Session,
    person_id: int,
    level: str,
    checked_on: date | None,
    certificate_number: str = "",
    notes: str = "",
    today: date | None = None,
) -> DbsCheck:
    today = today or date.today()
    p = Problems()
    p.one_of("level", level, DbsLevel.values(), "DBS check level")
    p.require("checked_on", checked_on, "the date of the check")
    if checked_on and checked_on > today:
        p.add("checked_on", "The date of the check cannot be in the future.")
    p.raise_if_any()
    get(session, Person, person_id, "person")
    check = DbsCheck(
        person_id=person_id,
        level=level,
        checked_on=checked_on,
        certificate_number=clean(certificate_number),
        notes=notes.strip(),
    )
    session.add(check)
    session.flush()
    audit.record(session, "DBS check created", f"DBS check {check.id}")
    return check


def delete_dbs_check(session: Session, check_id: int) -> None:
    check = get(session, DbsCheck, check_id, "DBS check")
    session.delete(check)
    session.flush()
    audit.record(session, "DBS check deleted", f"DBS check {check_id}")


def add_training(
    session: Session,
    person_id: int,
    course: str,
    completed_on: date | None,
    notes: str = "",
    today: date | None = None,
    method: str = "",
) -> TrainingRecord:
    """A course done, and how (face to face, e-learning, phone or Zoom; "" when not known)."""
    today = today or date.today()
    p = Problems()
    p.require("course", course, "the training course")
    p.max_length("course", clean(course), 150, "course name")
    p.require("completed_on", completed_on, "the date it was completed")
    if completed_on and completed_on > today:
        p.add("completed_on", "The completion date cannot be in the future.")
    if method and method not in TrainingMethod.values():
        p.add("method", f"“{method}” is not face to face, e-learning, phone or Zoom.")
    p.raise_if_any()
    get(session, Person, person_id, "person")
    record = TrainingRecord(
        person_id=person_id, course=clean(course), completed_on=completed_on, method=method, notes=notes.strip()
    )
    session.add(record)
    session.flush()
    audit.record(session, "training record created", f"training record {record.id}")
    return record


def delete_training(session: Session, record_id: int) -> None:
    record = get(session, TrainingRecord, record_id, "training record")
    session.delete(record)
    session.flush()
    audit.record(session, "training record deleted", f"training record {record_id}")


def vetting(session: Session, person_id: int) -> Vetting:
    checks = session.execute(
        select(DbsCheck).where(DbsCheck.person_id == person_id).order_by(DbsCheck.checked_on.desc())
    ).scalars()
    training = session.execute(
        select(TrainingRecord).where(TrainingRecord.person_id == person_id).order_by(TrainingRecord.completed_on)
    ).scalars()
    return Vetting(list(checks), list(training))
