"""The lists the command line exports (`circles-desktop export-list LIST`), each in its list's default
order, whole: its title, its column headings and its rows of plain values (dates as dates, counts as
numbers, stored codes in words). The screens export what they show through the same `export_table`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import Action, Circle, Meeting, Person
from circles_desktop.models.vocab import label
from circles_desktop.services.circles.circle_list import count_circles, list_circles
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.exports.export import Exported, export_table
from circles_desktop.services.organisations.organisations import count_organisations, search_organisations
from circles_desktop.services.people.people import count_people, search_people
from circles_desktop.services.referrals.referral_list import count_referrals, list_referrals

Rows = Iterator[Sequence[Any]]


@dataclass(frozen=True)
class ListTable:
    title: str
    headers: tuple[str, ...]
    rows: Callable[[Session, date], Rows]


def _people(s: Session, _today: date) -> Rows:
    for p in search_people(s, limit=count_people(s)):
        yield (p.reference, p.family_name, p.given_name, p.known_as, p.date_of_birth,
               ", ".join(label(part) for part in p.parts))  # fmt: skip


def _organisations(s: Session, _today: date) -> Rows:
    for o in search_organisations(s, limit=count_organisations(s)):
        yield (o.name, label(o.kind), o.phone, o.staff)


def _referrals(s: Session, _today: date) -> Rows:
    for r in list_referrals(s, limit=count_referrals(s)):
        yield (r.reference, r.person_name, label(r.circle_kind), label(r.status), r.status_on, r.received_on,
               r.referrer_name or "Self-referral", r.agency)  # fmt: skip


def _circles(s: Session, _today: date) -> Rows:
    for c in list_circles(s, limit=count_circles(s)):
        yield (c.reference, label(c.kind), label(c.variant) if c.variant else "", label(c.status), c.title,
               c.focus_person, c.coordinator, c.started_on, c.ended_on, c.expected_release_on)  # fmt: skip


def _meetings(s: Session, _today: date) -> Rows:
    stmt = (
        select(Meeting.starts_at, Circle.reference, Circle.kind, Meeting.kind.label("meeting_kind"), Meeting.venue)
        .join(Circle, Circle.id == Meeting.circle_id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    for m in s.execute(stmt):
        yield (m.starts_at.date(), m.starts_at.strftime("%H:%M"), m.reference, label(m.kind),
               label(m.meeting_kind), m.venue)  # fmt: skip


_Owner = aliased(Person)


def _actions(s: Session, _today: date) -> Rows:
    stmt = (
        select(Action.description, Action.status, Action.created_on, Action.due_on, Action.done_on, Action.barrier,
               Circle.reference, _Owner.given_name, _Owner.known_as, _Owner.family_name)
        .join(Circle, Circle.id == Action.circle_id)
        .outerjoin(_Owner, _Owner.id == Action.owner_id)
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    )  # fmt: skip
    for a in s.execute(stmt):
        owner = f"{a.known_as or a.given_name} {a.family_name}" if a.family_name else ""
        yield (a.reference, a.description, owner, label(a.status), a.created_on, a.due_on, a.done_on, a.barrier)


def _due(s: Session, today: date) -> Rows:
    from circles_desktop.services.home.items import what_needs_doing

    for section in what_needs_doing(s, today, first_few=ALL_DUE):
        for item in section.items:
            yield (section.title, item.what, item.who, item.due_on, item.when(today))


ALL_DUE = 100_000  # Home lists the first few of each kind; the export lists every one

LISTS: dict[str, ListTable] = {
    "people": ListTable("People", ("Reference", "Family name", "Given name", "Known as", "Date of birth", "Parts"),
                        _people),
    "organisations": ListTable("Organisations", ("Name", "Kind", "Phone", "Professionals"), _organisations),
    "referrals": ListTable("Referrals", ("Reference", "Person", "Kind of circle", "Status", "Status since",
                                         "Received", "Referred by", "Agency"), _referrals),
    "circles": ListTable("Circles", ("Reference", "Kind", "Variant", "Status", "Title", "Person in focus",
                                     "Coordinator", "Started", "Ended", "Expected release"), _circles),
    "meetings": ListTable("Meetings", ("Date", "Time", "Circle", "Kind of circle", "Meeting", "Venue"), _meetings),
    "actions": ListTable("Actions", ("Circle", "Action", "Owner", "Status", "Agreed", "Due", "Done", "Barrier"),
                         _actions),
    "due": ListTable("What needs doing", ("Kind", "What", "Whose", "Due", "When"), _due),
}  # fmt: skip


def export_list(session: Session, name: str, path: Path, today: date | None = None) -> Exported:
    """Export one whole list by its name (one of LISTS) to `path`, audited."""
    table = LISTS.get(name)
    if table is None:
        raise ValidationError({"list": f"There is no list “{name}”: choose one of {', '.join(LISTS)}."})
    return export_table(session, name, path, table.title, table.headers, table.rows(session, today or date.today()))
