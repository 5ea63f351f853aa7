"""Volunteers and facilitators: where they are, when they are free, their interests, vetting and training."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    AvailabilitySlot,
    DbsCheck,
    Person,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.vocab import DayPart, DbsLevel, PersonPart, Weekday
from circles_desktop.services.common.validation import Problems, clean, get
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

ENHANCED = (DbsLevel.ENHANCED, DbsLevel.ENHANCED_BARRED)
_RANK = {lvl: i for i, lvl in enumerate(DbsLevel.values())}


@dataclass
class VolunteerForm:
    location: str = ""
    started_on: date | None = None
    active: bool = True
    availability: set[tuple[str, str]] = field(default_factory=set)  # {(Weekday, DayPart)}
    availability_notes: str = ""
    interests: list[str] = field(default_factory=list)
    notes: str = ""


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
    profile.slots = [AvailabilitySlot(day=d, part_of_day=t) for d, t in sorted(form.availability)]
    interests = {clean(i).lower(): clean(i) for i in form.interests if clean(i)}
    profile.interests = [VolunteerInterest(interest=i[:80]) for i in sorted(interests.values())]
    people.add_part(session, person_id, PersonPart.VOLUNTEER)
    session.flush()
    audit.record(session, "volunteer profile " + ("created" if created else "updated"), f"person {person_id}")
    return profile


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
) -> TrainingRecord:
    today = today or date.today()
    p = Problems()
    p.require("course", course, "the training course")
    p.require("completed_on", completed_on, "the date it was completed")
    if completed_on and completed_on > today:
        p.add("completed_on", "The completion date cannot be in the future.")
    p.raise_if_any()
    get(session, Person, person_id, "person")
    record = TrainingRecord(person_id=person_id, course=clean(course), completed_on=completed_on, notes=notes.strip())
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
