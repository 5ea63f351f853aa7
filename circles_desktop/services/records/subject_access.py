"""Subject access (UK GDPR Art. 15): gathering everything held about one person into the plain data
`reports/subject_access` prints and writes as JSON.

Their own record, referrals, the circles they are in, the meetings where they appear (their attendance,
or any meeting of a circle about them), consents, actions, and the documents shared about them. Other
people's names that stand beside theirs are marked, never silently dropped: the coordinator decides.
Rows in tables these sections do not cover (an area added later) still appear, under "Other records",
found through the foreign keys that point at the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Attendance,
    Circle,
    CircleMember,
    Consent,
    Development,
    Goal,
    Meeting,
    Person,
    Referral,
    SharedDocument,
)
from circles_desktop.models.vocab import label
from circles_desktop.reports.kit.text import format_date
from circles_desktop.reports.subject_access import Entry, Field, Section, SubjectAccessContent
from circles_desktop.services.common.validation import get
from circles_desktop.services.records import ownership
from circles_desktop.services.records.deletion import table_words
from circles_desktop.services.settings import organisation

# Tables the sections below cover; rows anywhere else that point at the person go under "Other records".
COVERED = frozenset(
    {
        "people", "person_parts", "professional_roles", "volunteer_profiles", "dbs_checks", "training_records",
        "referrals", "circles", "circle_members", "consents", "actions", "attendance", "shared_documents",
    }
)  # fmt: skip


def _d(day: date | None) -> str:
    return format_date(day)  # documents write dates long: 14 March 2025


def _name(p: Person | None) -> str:
    return p.display_name if p is not None else ""


class Others:
    """The other people of the person's circles, to mark wherever their names appear."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.names: dict[int, str] = {}

    def add(self, p: Person | None) -> None:
        if p is not None and p.id != self.person.id:
            self.names[p.id] = p.display_name

    def field(self, label_: str, p: Person | None) -> Field:
        """A field naming someone: marked unless it is the person themselves."""
        if p is None:
            return Field(label_, "")
        self.add(p)
        return Field(label_, p.display_name, () if p.id == self.person.id else (p.display_name,))

    def mentioned(self, text: str) -> tuple[str, ...]:
        """Other people whose given or family name appears as a word in the text."""
        found = []
        for name in self.names.values():
            parts = [w for w in name.split() if len(w) > 2]
            if any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in parts):
                found.append(name)
        return tuple(sorted(found))

    def text(self, label_: str, text: str) -> Field:
        return Field(label_, text, self.mentioned(text))


def gather(session: Session, person_id: int, today: date | None = None) -> SubjectAccessContent:
    person = get(session, Person, person_id, "person")
    others = Others(person)
    memberships = list(session.scalars(select(CircleMember).where(CircleMember.person_id == person_id)))
    circle_ids = {m.circle_id for m in memberships} | set(
        session.scalars(select(Circle.id).where(Circle.focus_person_id == person_id))
    )
    circles = list(session.scalars(select(Circle).where(Circle.id.in_(circle_ids)).order_by(Circle.started_on)))
    for m in session.scalars(select(CircleMember).where(CircleMember.circle_id.in_(circle_ids))):
        others.add(m.person)  # every member first, so minutes that mention any of them are marked
    sections = (
        Section("Their record", (_own_record(person),)),
        Section("Referrals", tuple(_referrals(session, person, others))),
        Section("Circles", tuple(_circle(session, c, person, memberships, others) for c in circles)),
        Section("Meetings where they appear", tuple(_meetings(session, person, memberships, others))),
        Section("Consents", tuple(_consents(session, person, circle_ids, memberships, others))),
        Section("Actions they own", tuple(_actions(session, person_id))),
        Section("Documents shared about them", tuple(_shared(session, circle_ids, memberships, others))),
        Section("Other records", tuple(_other_records(session, person_id))),
    )
    letterhead = organisation.letterhead(session, circles[0] if circles else None)
    return SubjectAccessContent(letterhead, f"person {person_id}", today or date.today(), sections)


def _own_record(p: Person) -> Entry:
    fields = [
        Field("Name", f"{p.given_name} {p.family_name}".strip()),
        Field("Known as", p.known_as),
        Field("Date of birth", _d(p.date_of_birth)),
        Field("Reference", p.reference),
        Field("Phone", p.phone),
        Field("Email", p.email),
        Field("Address", p.address),
        Field("Notes", p.notes),
        Field("Parts they play", ", ".join(sorted(label(x) for x in p.part_names))),
        Field("Record made", _d(p.created_at.date())),
    ]
    return Entry(p.display_name, tuple(fields))


def _referrals(session: Session, person: Person, others: Others) -> Iterable[Entry]:
    for r in session.scalars(select(Referral).where(Referral.person_id == person.id).order_by(Referral.received_on)):
        fields = [
            Field("Kind of circle", label(r.circle_kind)),
            Field("Received", _d(r.received_on)),
            Field("Status", f"{label(r.status)} ({_d(r.status_on)})"),
            others.field("Referred by", r.referrer.person if r.referrer else None),
            Field("Agency", r.agency.name if r.agency else ""),
            others.text("Purpose", r.purpose),
            others.text("Eligibility notes", r.eligibility_notes),
            others.text("Suitability notes", r.suitability_notes),
        ]
        fields += [others.text(f"Step: {label(s.status)} {_d(s.on_date)}", s.reason or "—") for s in r.steps]
        yield Entry(f"Referral {r.reference}", tuple(fields))


def _circle(session: Session, c: Circle, person: Person, memberships: list[CircleMember], others: Others) -> Entry:
    theirs = [m for m in memberships if m.circle_id == c.id]
    fields = [
        Field("Kind", label(c.kind)),
        Field("Status", label(c.status)),
        Field("Started", _d(c.started_on)),
        Field("Ended", _d(c.ended_on)),
        Field("Their part", "; ".join(f"{label(m.role)}, {m.ring} circle, from {_d(m.joined_on)}" for m in theirs)),
        others.text("Purpose", c.purpose),
        others.text("Notes", c.notes),
    ]
    members = session.scalars(
        select(CircleMember).where(CircleMember.circle_id == c.id, CircleMember.person_id != person.id)
    )
    for m in members:
        fields.append(others.field(f"Member: {label(m.role)}", m.person))
    if c.focus_person_id == person.id:  # a circle about them: its goals and developments are about them too
        for g in session.scalars(select(Goal).where(Goal.circle_id == c.id)):
            fields.append(others.text(f"Goal set {_d(g.set_on)}", f"{g.title}. {g.description}".strip()))
            fields += [others.text(f"Progress {_d(p.noted_on)}", p.note) for p in g.progress]
        for d in session.scalars(select(Development).where(Development.circle_id == c.id)):
            fields.append(others.text(f"{label(d.kind)} development {_d(d.occurred_on)}", d.description))
    return Entry(f"{c.reference} {c.title}".strip(), tuple(fields))


def _meetings(session: Session, person: Person, memberships: list[CircleMember], others: Others) -> Iterable[Entry]:
    member_ids = {m.id for m in memberships}
    attended = select(Attendance.meeting_id).where(Attendance.member_id.in_(member_ids))
    about = select(Circle.id).where(Circle.focus_person_id == person.id)
    query = select(Meeting).where(or_(Meeting.id.in_(attended), Meeting.circle_id.in_(about)))
    for mt in session.scalars(query.order_by(Meeting.starts_at)):
        fields = [Field("Kind", label(mt.kind)), Field("Venue", mt.venue)]
        for a in mt.attendance:
            if a.member_id in member_ids:
                fields.append(Field("Their attendance", label(a.status)))
            else:
                fields.append(others.field(f"Attendee ({label(a.status)})", a.member.person))
        fields += [others.text(f"Minutes: {s.heading}", s.body) for s in mt.sections]
        fields += [others.text("Decision", d.text) for d in mt.decisions]
        circle = session.get(Circle, mt.circle_id)
        where = circle.reference if circle else ""
        yield Entry(f"{where} meeting on {_d(mt.starts_at.date())}".strip(), tuple(fields))


def _consents(
    session: Session, person: Person, circle_ids: set[int], memberships: list[CircleMember], others: Others
) -> Iterable[Entry]:
    member_ids = {m.id for m in memberships}
    query = select(Consent).where(
        or_(
            Consent.given_by_id == person.id,
            Consent.parent_carer_id == person.id,
            Consent.recipient_member_id.in_(member_ids),
            Consent.circle_id.in_(circle_ids),
        )
    )
    for k in session.scalars(query.order_by(Consent.given_on)):
        recipient = k.recipient_member.person if k.recipient_member else None
        fields = [
            Field("Category", label(k.category)),
            others.field("Given by", k.given_by),
            others.field("Parent or carer", k.parent_carer),
            others.field("To", recipient)
            if recipient
            else Field("To", k.recipient_organisation.name if k.recipient_organisation else ""),
            Field("Given", _d(k.given_on)),
            Field("Withdrawn", _d(k.withdrawn_on)),
            others.text("Reason withdrawn", k.withdrawn_reason),
            others.text("Notes", k.notes),
            Field("Signed form", "kept" if k.signed_form_id else ""),
        ]
        yield Entry(f"Consent {k.id}", tuple(fields))


def _actions(session: Session, person_id: int) -> Iterable[Entry]:
    for a in session.scalars(select(Action).where(Action.owner_id == person_id).order_by(Action.created_on)):
        fields = (
            Field("What", a.description),
            Field("Agreed", _d(a.created_on)),
            Field("Due", _d(a.due_on)),
            Field("Status", label(a.status)),
            Field("Barrier", a.barrier),
        )
        yield Entry(f"Action {a.id}", fields)


def _shared(session: Session, circle_ids: set[int], memberships: list[CircleMember], others: Others) -> Iterable[Entry]:
    member_ids = {m.id for m in memberships}
    query = select(SharedDocument).where(
        or_(SharedDocument.circle_id.in_(circle_ids), SharedDocument.recipient_member_id.in_(member_ids))
    )
    for doc in session.scalars(query.order_by(SharedDocument.shared_at)):
        to_them = doc.recipient_member_id in member_ids
        name = doc.recipient_name  # "Name, their organisation" for a member; the organisation's name
        marked = _recipient_person(session, doc) if not to_them else ""
        fields = (
            Field("Document", label(doc.document_kind)),
            Field("How", doc.how),
            Field("When", _d(doc.shared_at.date())),
            Field("Recipient", name, (marked,) if marked else ()),
            Field("Categories", ", ".join(label(c) for c in doc.category_codes)),
            Field("File name", doc.file_name, (marked,) if marked and marked in doc.file_name else ()),
        )
        yield Entry(f"Shared document {doc.id}", fields)


def _recipient_person(session: Session, doc: SharedDocument) -> str:
    """The other person a document went to (a member's name), to mark; "" for an organisation."""
    if doc.recipient_member_id is not None:
        member = session.get(CircleMember, doc.recipient_member_id)
        if member is not None and member.person is not None:
            return member.person.display_name
    return "" if doc.recipient_organisation_id is not None else doc.recipient_name


def _other_records(session: Session, person_id: int) -> Iterable[Entry]:
    people = ownership.table("people")
    for users, _fk in ownership.referring_keys(session, people, {(person_id,)}):
        if users.table in COVERED:
            continue
        t = ownership.table(users.table)
        text_columns = [c for c in t.columns if not c.foreign_keys and not c.primary_key]
        for key in sorted(users.keys, key=repr):
            row = session.execute(select(*text_columns).where(ownership.key_clause(t, key))).one()
            fields = tuple(
                Field(c.name.replace("_", " ").capitalize(), str(v))
                for c, v in zip(text_columns, row, strict=True)
                if v not in (None, "")
            )
            yield Entry(f"{table_words(users.table).capitalize()} ({users.column.replace('_', ' ')})", fields)
