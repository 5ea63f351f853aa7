"""A child's record for Locality Learning Circles: who the child is, the allocated practitioner, an
up-to-date summary and a chronology of key events.

The most sensitive record in the product: it holds only what a learning circle needs, it is kept out of
the People list, and audit entries name a child by record number only ("child 12"), never by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Child, ChronologyEntry, LearningCircle, Person
from circles_desktop.services.common.paging import SortKey, order_for
from circles_desktop.services.common.text import search_key, starts_with, word_start
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit


@dataclass
class ChildForm:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    locality: str = ""
    case_reference: str = ""  # the case record reference
    practitioner_id: int | None = None  # the allocated practitioner (a person)
    summary: str = ""
    summary_updated_on: date | None = None  # when the summary was last brought up to date


@dataclass(frozen=True)
class ChildRow:
    """One line of the children list (or a picker)."""

    id: int
    name: str
    date_of_birth: date
    locality: str
    case_reference: str
    practitioner: str
    learning_circles: int


@dataclass(frozen=True)
class ChronologyRow:
    id: int
    occurred_on: date
    event: str


@dataclass(frozen=True)
class ChildRecord:
    """The child's record with its chronology in date order, readable after the session closes."""

    id: int
    given_name: str
    family_name: str
    date_of_birth: date
    locality: str
    case_reference: str
    practitioner_id: int | None
    practitioner: str
    summary: str
    summary_updated_on: date | None
    chronology: tuple[ChronologyRow, ...]
    learning_circle_ids: tuple[int, ...]

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")


# --- validation ----------------------------------------------------------------------------------
def _validate(session: Session, form: ChildForm, child_id: int | None, today: date) -> None:
    p = Problems()
    p.require("given_name", form.given_name, "the child's given name")
    p.require("family_name", form.family_name, "the child's family name")
    p.require("date_of_birth", form.date_of_birth, "the child's date of birth")
    p.require("locality", form.locality, "the locality")
    p.require("case_reference", form.case_reference, "the case record reference")
    p.max_length("given_name", form.given_name, 100, "given name")
    p.max_length("family_name", form.family_name, 100, "family name")
    p.max_length("locality", form.locality, 120, "locality")
    p.max_length("case_reference", form.case_reference, 40, "case record reference")
    if form.date_of_birth is not None:
        if form.date_of_birth > today:
            p.add("date_of_birth", "The date of birth cannot be in the future.")
        elif form.date_of_birth.year < today.year - 25:
            p.add("date_of_birth", "Check the date of birth: this would not be a child or young person.")
    if form.summary.strip() and form.summary_updated_on is None:
        p.add("summary_updated_on", "Enter the date the summary was brought up to date.")
    if form.summary_updated_on is not None:
        if not form.summary.strip():
            p.add("summary", "Enter the summary, or clear its date.")
        if form.summary_updated_on > today:
            p.add("summary_updated_on", "The date the summary was updated cannot be in the future.")
    key = search_key(form.case_reference)
    if key:
        other = session.scalar(
            select(Child.id).where(Child.case_reference_key == key, Child.id != (child_id or 0)).limit(1)
        )
        if other is not None:
            p.add("case_reference", "A child with this case record reference is already recorded. Open that record.")
    p.raise_if_any()
    if form.practitioner_id is not None:
        get(session, Person, form.practitioner_id, "practitioner")


def _apply(child: Child, form: ChildForm) -> None:
    child.given_name = clean(form.given_name)
    child.family_name = clean(form.family_name)
    child.given_key = search_key(child.given_name)
    child.family_key = search_key(child.family_name)
    child.date_of_birth = form.date_of_birth  # type: ignore[assignment]
    child.locality = clean(form.locality)
    child.case_reference = clean(form.case_reference)
    child.case_reference_key = search_key(child.case_reference)
    child.practitioner_id = form.practitioner_id
    child.summary = form.summary.strip()
    child.summary_updated_on = form.summary_updated_on


# --- create, read, update, delete ----------------------------------------------------------------
def create_child(session: Session, form: ChildForm, today: date | None = None) -> Child:
    _validate(session, form, None, today or date.today())
    child = Child()
    _apply(child, form)
    session.add(child)
    session.flush()
    audit.record(session, "child record created", f"child {child.id}")
    return child


def update_child(session: Session, child_id: int, form: ChildForm, today: date | None = None) -> Child:
    child = get(session, Child, child_id, "child's record")
    _validate(session, form, child_id, today or date.today())
    _apply(child, form)
    session.flush()
    audit.record(session, "child record updated", f"child {child.id}")
    return child


def child_form(session: Session, child_id: int) -> ChildForm:
    c = get(session, Child, child_id, "child's record")
    return ChildForm(
        c.given_name,
        c.family_name,
        c.date_of_birth,
        c.locality,
        c.case_reference,
        c.practitioner_id,
        c.summary,
        c.summary_updated_on,
    )


def get_child(session: Session, child_id: int) -> ChildRecord:
    c = get(session, Child, child_id, "child's record")
    circles = session.scalars(
        select(LearningCircle.circle_id).where(LearningCircle.child_id == child_id).order_by(LearningCircle.circle_id)
    )
    return ChildRecord(
        c.id,
        c.given_name,
        c.family_name,
        c.date_of_birth,
        c.locality,
        c.case_reference,
        c.practitioner_id,
        c.practitioner.display_name if c.practitioner else "",
        c.summary,
        c.summary_updated_on,
        tuple(chronology(session, child_id)),
        tuple(circles),
    )


def delete_child(session: Session, child_id: int) -> None:
    """Delete a record entered by mistake; a child with a learning circle keeps their record."""
    child = get(session, Child, child_id, "child's record")
    used = session.scalar(select(func.count()).select_from(LearningCircle).where(LearningCircle.child_id == child_id))
    if used:
        raise ValidationError(
            "This child has a learning circle, so their record cannot be deleted. Delete the learning circle first."
        )
    session.delete(child)
    session.flush()
    audit.record(session, "child record deleted", f"child {child_id}")


# --- chronology ----------------------------------------------------------------------------------
def _check_entry(child: Child, occurred_on: date | None, event: str, today: date) -> None:
    p = Problems()
    p.require("occurred_on", occurred_on, "the date of the event")
    p.require("event", event, "what happened")
    if occurred_on is not None and occurred_on > today:
        p.add("occurred_on", "A key event cannot be in the future.")
    # Events before birth (a pre-birth assessment) belong in the chronology, but not decades before.
    if occurred_on is not None and occurred_on.year < child.date_of_birth.year - 1:
        p.add("occurred_on", f"Check the date: it is long before the child's birth ({uk_date(child.date_of_birth)}).")
    p.raise_if_any()


def add_chronology_entry(
    session: Session, child_id: int, occurred_on: date | None, event: str, today: date | None = None
) -> ChronologyEntry:
    child = get(session, Child, child_id, "child's record")
    _check_entry(child, occurred_on, event, today or date.today())
    entry = ChronologyEntry(child_id=child_id, occurred_on=occurred_on, event=event.strip())
    session.add(entry)
    session.flush()
    audit.record(session, "chronology entry created", f"chronology entry {entry.id}", f"child {child_id}")
    return entry


def update_chronology_entry(
    session: Session, entry_id: int, occurred_on: date | None, event: str, today: date | None = None
) -> ChronologyEntry:
    entry = get(session, ChronologyEntry, entry_id, "chronology entry")
    _check_entry(entry.child, occurred_on, event, today or date.today())
    entry.occurred_on = occurred_on  # type: ignore[assignment]
    entry.event = event.strip()
    session.flush()
    audit.record(session, "chronology entry updated", f"chronology entry {entry.id}", f"child {entry.child_id}")
    return entry


def delete_chronology_entry(session: Session, entry_id: int) -> None:
    entry = get(session, ChronologyEntry, entry_id, "chronology entry")
    child_id = entry.child_id
    session.delete(entry)
    session.flush()
    audit.record(session, "chronology entry deleted", f"chronology entry {entry_id}", f"child {child_id}")


def chronology(session: Session, child_id: int) -> list[ChronologyRow]:
    """The key events in date order (earliest first; entered order within a day)."""
    stmt = (
        select(ChronologyEntry.id, ChronologyEntry.occurred_on, ChronologyEntry.event)
        .where(ChronologyEntry.child_id == child_id)
        .order_by(ChronologyEntry.occurred_on, ChronologyEntry.id)
    )
    return [ChronologyRow(r.id, r.occurred_on, r.event) for r in session.execute(stmt)]


# --- finding a child -----------------------------------------------------------------------------
def _filters(text: str, locality: str | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if locality:
        conds.append(Child.locality == locality)
    for word in text.split():
        m = _DATE.match(word)
        if m:
            d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
            try:
                conds.append(Child.date_of_birth == date(int(y), int(mo), int(d)))
            except ValueError:
                conds.append(Child.id == -1)
            continue
        key = search_key(word)
        if key:
            conds.append(or_(*child_matches(key)))
    return conds


def child_matches(key: str) -> list[ColumnElement[bool]]:
    """How a search key finds a child: a word of either name, or the start of the case record reference."""
    return [
        word_start(Child.family_key, key),
        word_start(Child.given_key, key),
        starts_with(Child.case_reference_key, key),
    ]


SORTS: dict[str, tuple[SortKey, ...]] = {
    "name": (Child.family_key, Child.given_key),
    "date_of_birth": (Child.date_of_birth,),
    "locality": (Child.locality, Child.family_key),
    "case_reference": (Child.case_reference_key,),
    "practitioner": (Person.family_key, Person.given_key),
}


def search_children(
    session: Session,
    text: str = "",
    locality: str | None = None,
    offset: int = 0,
    limit: int = 50,
    sort: str | None = "name",
    descending: bool = False,
) -> list[ChildRow]:
    """Children by name, case record reference or date of birth (dd/mm/yyyy), sorted by name unless
    `sort` names another of SORTS."""
    used = (
        select(func.count())
        .select_from(LearningCircle)
        .where(LearningCircle.child_id == Child.id)
        .correlate(Child)
        .scalar_subquery()
    )
    sorts: dict[str, tuple[SortKey, ...]] = {**SORTS, "circles": (used,)}
    stmt = (
        select(
            Child.id,
            Child.given_name,
            Child.family_name,
            Child.date_of_birth,
            Child.locality,
            Child.case_reference,
            Person.given_name.label("p_given"),
            Person.family_name.label("p_family"),
            Person.known_as.label("p_known"),
            used.label("circles"),
        )
        .outerjoin(Person, Person.id == Child.practitioner_id)
        .where(*_filters(text, locality))
        .order_by(*order_for(sorts, sort, "name", descending, Child.id))
        .offset(offset)
        .limit(limit)
    )
    return [
        ChildRow(
            r.id,
            f"{r.given_name} {r.family_name}",
            r.date_of_birth,
            r.locality,
            r.case_reference,
            f"{r.p_known or r.p_given} {r.p_family}" if r.p_family else "",
            r.circles,
        )
        for r in session.execute(stmt)
    ]


def count_children(session: Session, text: str = "", locality: str | None = None) -> int:
    return session.scalar(select(func.count()).select_from(Child).where(*_filters(text, locality))) or 0


def localities(session: Session) -> list[str]:
    """The localities already used, for the form's drop-down and the list filter."""
    return list(session.scalars(select(Child.locality).distinct().order_by(Child.locality)))
