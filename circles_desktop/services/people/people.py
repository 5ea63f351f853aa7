"""People: one record whatever their part. Create, edit, find again, warn on a likely duplicate.

Lists page and filter in SQL over normalised name keys, so a keystroke in the People list costs one
indexed query however many people there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Person, PersonPartRow, ProfessionalRole, Referral
from circles_desktop.models.vocab import PersonPart
from circles_desktop.services.common.paging import order_for
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import UK_DATE, uk_date
from circles_desktop.services.security import audit


@dataclass
class PersonForm:
    given_name: str = ""
    family_name: str = ""
    known_as: str = ""
    date_of_birth: date | None = None
    reference: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""
    # Parts chosen on the form (parent/carer, child...); others (volunteer, professional, core member)
    # are added by the services that give a person that part.
    parts: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class PersonRow:
    """One line of the People list."""

    id: int
    family_name: str
    given_name: str
    known_as: str
    date_of_birth: date | None
    reference: str
    parts: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return f"{self.known_as or self.given_name} {self.family_name}".strip()


class LikelyDuplicate(ValidationError):
    """The person may already be recorded; `matches` lists who. Save again with allow_duplicate=True."""

    def __init__(self, matches: list[PersonRow]) -> None:
        names = ", ".join(
            f"{m.display_name}" + (f" (born {uk_date(m.date_of_birth)})" if m.date_of_birth else "")
            for m in matches[:3]
        )
        super().__init__(f"This person may already be recorded: {names}. Open that record, or save anyway.")
        self.matches = matches


SORTS = {
    "name": (Person.family_key, Person.given_key),
    "given_name": (Person.given_key, Person.family_key),
    "date_of_birth": (Person.date_of_birth,),
    "reference": (Person.reference_key,),
    "known_as": (Person.known_as,),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --- validation ----------------------------------------------------------------------------------
def validate(form: PersonForm, today: date | None = None) -> None:
    today = today or date.today()
    p = Problems()
    p.require("given_name", form.given_name, "a given name")
    p.require("family_name", form.family_name, "a family name")
    p.max_length("given_name", form.given_name, 100, "given name")
    p.max_length("family_name", form.family_name, 100, "family name")
    p.max_length("reference", form.reference, 64, "reference")
    if form.date_of_birth is not None:
        if form.date_of_birth > today:
            p.add("date_of_birth", "The date of birth cannot be in the future.")
        elif form.date_of_birth.year < 1900:
            p.add("date_of_birth", "Check the date of birth: it is before 1900.")
    if clean(form.email) and not _EMAIL.match(clean(form.email)):
        p.add("email", "Enter an email address like name@example.org.")
    for part in form.parts:
        if part not in PersonPart.values():
            p.add("parts", f"“{part}” is not a known part a person plays.")
    p.raise_if_any()


def _apply(person: Person, form: PersonForm) -> None:
    person.given_name = clean(form.given_name)
    person.family_name = clean(form.family_name)
    person.known_as = clean(form.known_as)
    person.given_key = search_key(person.given_name)
    person.family_key = search_key(person.family_name)
    person.date_of_birth = form.date_of_birth
    person.reference = clean(form.reference)
    person.reference_key = search_key(person.reference)
    person.phone = clean(form.phone)
    person.email = clean(form.email)
    person.address = form.address.strip()
    person.notes = form.notes.strip()


# --- create, read, update, delete ----------------------------------------------------------------
def create_person(session: Session, form: PersonForm, *, allow_duplicate: bool = False) -> Person:
    """A new person. Raises LikelyDuplicate unless allow_duplicate, when someone similar exists."""
    validate(form)
    if not allow_duplicate:
        matches = likely_duplicates(session, form)
        if matches:
            raise LikelyDuplicate(matches)
    person = Person()
    _apply(person, form)
    person.parts = [PersonPartRow(part=p) for p in sorted(form.parts)]
    session.add(person)
    session.flush()
    audit.record(session, "person created", f"person {person.id}")
    return person


def update_person(session: Session, person_id: int, form: PersonForm) -> Person:
    """Save the form over the person. Parts on the form are added; parts given by other records stay."""
    validate(form)
    person = get(session, Person, person_id, "person")
    _apply(person, form)
    chosen = set(form.parts)
    for part in chosen - person.part_names:
        person.parts.append(PersonPartRow(part=part))
    # Parts the form offers as ticks can be removed; the rest follow from other records.
    for row in list(person.parts):
        if row.part in FORM_PARTS and row.part not in chosen:
            person.parts.remove(row)
    session.flush()
    audit.record(session, "person updated", f"person {person.id}")
    return person


# Parts the person form shows as ticks; the others come from volunteer profiles, professional roles,
# referrals and circles.
FORM_PARTS = frozenset(
    {
        PersonPart.PARENT_CARER,
        PersonPart.CHILD,
        PersonPart.COORDINATOR,
        PersonPart.OTHER,
        PersonPart.CONNECTOR,
        PersonPart.LEARNER,
    }
)


def get_person(session: Session, person_id: int) -> Person:
    return get(session, Person, person_id, "person")


def person_form(session: Session, person_id: int) -> PersonForm:
    p = get_person(session, person_id)
    return PersonForm(
        given_name=p.given_name,
        family_name=p.family_name,
        known_as=p.known_as,
        date_of_birth=p.date_of_birth,
        reference=p.reference,
        phone=p.phone,
        email=p.email,
        address=p.address,
        notes=p.notes,
        parts={r.part for r in p.parts if r.part in FORM_PARTS},
    )


def delete_person(session: Session, person_id: int) -> None:
    """Delete a person who is in no referral or circle; otherwise say where they are used."""
    person = get_person(session, person_id)
    uses = {
        "referral": session.scalar(select(func.count()).select_from(Referral).where(Referral.person_id == person_id)),
        "circle membership": session.scalar(
            select(func.count()).select_from(CircleMember).where(CircleMember.person_id == person_id)
        ),
        "circle they are the focus of": session.scalar(
            select(func.count()).select_from(Circle).where(Circle.focus_person_id == person_id)
        ),
        "referral they made": session.scalar(
            select(func.count())
            .select_from(Referral)
            .join(ProfessionalRole, Referral.referrer_id == ProfessionalRole.id)
            .where(ProfessionalRole.person_id == person_id)
        ),
    }
    used = [f"{n} {what}{'s' if n != 1 else ''}" for what, n in uses.items() if n]
    if used:
        raise ValidationError(
            f"{person.display_name} cannot be deleted while recorded in {', '.join(used)}. "
            "Remove them from those first."
        )
    session.delete(person)
    session.flush()
    audit.record(session, "person deleted", f"person {person_id}")


def add_part(session: Session, person_id: int, part: str) -> None:
    """Record that a person plays a part (idempotent)."""
    if part not in PersonPart.values():
        raise ValidationError(f"“{part}” is not a known part a person plays.", "parts")
    person = get_person(session, person_id)
    if part not in person.part_names:
        person.parts.append(PersonPartRow(part=part))
        session.flush()


# --- finding people ------------------------------------------------------------------------------
def _parse_date(token: str) -> date | None:
    for fmt in (UK_DATE, "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(token, fmt).date()
        except ValueError:
            continue
    return None


def _filters(text: str, role: str | None) -> list[ColumnElement[bool]]:
    """Each word must start the given name, family name or reference, or be the date of birth."""
    conditions: list[ColumnElement[bool]] = []
    for raw in text.split():
        born = _parse_date(raw)
        if born is not None:
            conditions.append(Person.date_of_birth == born)
            continue
        key = search_key(raw)
        if not key:
            continue
        # Hyphenated or spaced words inside one name ("Smith-Jones") become one key with a space.
        conditions.append(
            or_(
                starts_with(Person.family_key, key),
                starts_with(Person.given_key, key),
                starts_with(Person.reference_key, key),
            )
        )
    if role:
        conditions.append(exists().where(and_(PersonPartRow.person_id == Person.id, PersonPartRow.part == role)))
    return conditions


def _rows(session: Session, stmt: Select) -> list[PersonRow]:
    people = session.execute(stmt).all()
    ids = [r.id for r in people]
    parts: dict[int, list[str]] = {}
    if ids:
        for pid, part in session.execute(
            select(PersonPartRow.person_id, PersonPartRow.part).where(PersonPartRow.person_id.in_(ids))
        ):
            parts.setdefault(pid, []).append(part)
    return [
        PersonRow(
            r.id,
            r.family_name,
            r.given_name,
            r.known_as,
            r.date_of_birth,
            r.reference,
            tuple(sorted(parts.get(r.id, ()))),
        )
        for r in people
    ]


_COLUMNS = (
    Person.id,
    Person.family_name,
    Person.given_name,
    Person.known_as,
    Person.date_of_birth,
    Person.reference,
)


def search_people(
    session: Session,
    text: str = "",
    role: str | None = None,
    offset: int = 0,
    limit: int = 50,
    sort: str | None = "name",
    descending: bool = False,
) -> list[PersonRow]:
    """One page of the People list: `text` words match the start of names or the reference, or a
    date of birth (dd/mm/yyyy); `role` is a PersonPart (volunteer, professional...)."""
    order = order_for(SORTS, sort, "name", descending, Person.id)
    stmt = select(*_COLUMNS).where(*_filters(text, role)).order_by(*order).offset(offset).limit(limit)
    return _rows(session, stmt)


def count_people(session: Session, text: str = "", role: str | None = None) -> int:
    if role and not text.strip():
        # Counted from the parts index alone: no need to visit the people rows.
        return session.scalar(select(func.count()).select_from(PersonPartRow).where(PersonPartRow.part == role)) or 0
    return session.scalar(select(func.count()).select_from(Person).where(*_filters(text, role))) or 0


def likely_duplicates(
    session: Session, form: PersonForm, exclude_id: int | None = None, limit: int = 10
) -> list[PersonRow]:
    """People who may be this one: same reference; same name; or same date of birth and either name."""
    given, family = search_key(form.given_name), search_key(form.family_name)
    reference = search_key(form.reference)
    matches: list[ColumnElement[bool]] = []
    if reference:
        matches.append(Person.reference_key == reference)
    if given and family:
        # Same family name and a given name that starts the same way ("Sian"/"Siân", "Jo"/"Joanne").
        matches.append(and_(Person.family_key == family, starts_with(Person.given_key, given[:3])))
    if form.date_of_birth is not None and (given or family):
        matches.append(
            and_(
                Person.date_of_birth == form.date_of_birth,
                or_(Person.family_key == family, Person.given_key == given),
            )
        )
    if not matches:
        return []
    stmt = select(*_COLUMNS).where(or_(*matches))
    if exclude_id is not None:
        stmt = stmt.where(Person.id != exclude_id)
    stmt = stmt.order_by(Person.family_key, Person.given_key, Person.id).limit(limit)
    rows = _rows(session, stmt)
    # A different date of birth rules out a name-only match.
    if form.date_of_birth is not None:
        rows = [
            r
            for r in rows
            if r.date_of_birth in (None, form.date_of_birth) or search_key(r.reference) == reference != ""
        ]
    return rows


def names(session: Session, person_ids: Iterable[int]) -> dict[int, str]:
    """Display names for a handful of people (for labels in lists)."""
    ids = list(set(person_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.given_name, Person.known_as, Person.family_name).where(Person.id.in_(ids))
    )
    return {r.id: f"{r.known_as or r.given_name} {r.family_name}" for r in rows}
