"""Search across everything: what the coordinator typed, grouped by kind of record (people,
organisations, referrals, circles, meetings, learning circles, children), each group in name order
with how many records it holds in all. Each hit names the record it opens.

One query finds the matching documents in the full-text index (matching.py); one more per kind that
has any lists the first few, read from the records themselves so a hit always shows what is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from circles_desktop.models import Child, Circle, LearningCircle, Meeting, Organisation, Person, Referral
from circles_desktop.models.vocab import label
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.search.matching import doc_range, matching_documents, words

GROUP_TITLES: dict[str, str] = {
    rr.PERSON: "People",
    rr.ORGANISATION: "Organisations",
    rr.REFERRAL: "Referrals",
    rr.CIRCLE: "Circles",
    rr.MEETING: "Meetings",
    rr.LEARNING_CIRCLE: "Learning circles",
    rr.CHILD: "Children",
}
ONE: dict[str, str] = {  # the same kinds, one of them ("1 referral")
    rr.PERSON: "person", rr.ORGANISATION: "organisation", rr.REFERRAL: "referral", rr.CIRCLE: "circle",
    rr.MEETING: "meeting", rr.LEARNING_CIRCLE: "learning circle", rr.CHILD: "child",
}  # fmt: skip
PER_KIND = 8
IN_NAME_ORDER_UP_TO = 500
COUNT_UP_TO = 1000  # a search counts this many of a kind at most, and says "more than" beyond


@dataclass(frozen=True)
class Hit:
    ref: RecordRef
    title: str
    detail: str


@dataclass(frozen=True)
class Group:
    kind: str
    title: str
    total: int  # how many records of this kind match (up to COUNT_UP_TO); `hits` holds the first few
    more: bool  # more than `total` match
    hits: tuple[Hit, ...]

    @property
    def count_text(self) -> str:
        return f"more than {self.total:,}" if self.more else f"{self.total:,}"

    @property
    def count_words(self) -> str:
        """ "1 referral", "5 people", "more than 1,000 people"."""
        noun = ONE[self.kind] if self.total == 1 and not self.more else self.title.lower()
        return f"{self.count_text} {noun}"


def _join(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p)


# --- one query per kind: the first few matching records, in name order ---------------------------
# Each is given the ids of its kind's matching records as a subquery, and how many to list.
Ids = Select[tuple[int]]


def _among(ids: list[int]) -> Ids:
    """The ids as one parameter (a JSON array), so the statement is the same however many there are and
    SQLite prepares it once."""
    each = func.json_each(json.dumps(ids)).table_valued("value")
    return select(each.c.value)


def _person_name(given: str, known_as: str, family: str) -> str:
    return f"{known_as or given} {family}"


def _people(session: Session, ids: Ids, limit: int) -> list[Hit]:
    stmt = (
        select(Person.id, Person.given_name, Person.known_as, Person.family_name, Person.date_of_birth,
               Person.reference)
        .where(Person.id.in_(ids))
        .order_by(Person.family_key, Person.given_key, Person.id)
    )  # fmt: skip
    return [
        Hit(
            RecordRef(rr.PERSON, p.id),
            _person_name(p.given_name, p.known_as, p.family_name),
            _join(f"born {uk_date(p.date_of_birth)}" if p.date_of_birth else "", p.reference),
        )
        for p in session.execute(stmt.limit(limit))
    ]


def _organisations(session: Session, ids: Ids, limit: int) -> list[Hit]:
    stmt = (
        select(Organisation.id, Organisation.name, Organisation.kind)
        .where(Organisation.id.in_(ids))
        .order_by(Organisation.name_key, Organisation.id)
    )
    return [Hit(RecordRef(rr.ORGANISATION, o.id), o.name, label(o.kind)) for o in session.execute(stmt.limit(limit))]


def _referrals(session: Session, ids: Ids, limit: int) -> list[Hit]:
    stmt = (
        select(Referral.id, Referral.reference, Referral.circle_kind, Referral.status, Referral.received_on,
               Person.given_name, Person.known_as, Person.family_name)
        .join(Person, Person.id == Referral.person_id)
        .where(Referral.id.in_(ids))
        .order_by(Person.family_key, Person.given_key, Referral.id)
    )  # fmt: skip
    return [
        Hit(
            RecordRef(rr.REFERRAL, r.id),
            _join(r.reference, _person_name(r.given_name, r.known_as, r.family_name)),
            _join(label(r.circle_kind), label(r.status), f"received {uk_date(r.received_on)}"),
        )
        for r in session.execute(stmt.limit(limit))
    ]


def _circles(kind: str) -> Callable[[Session, Ids, int], list[Hit]]:
    """Circles, or learning circles (a circle of kind "learning", named by its child)."""

    def hits(session: Session, ids: Ids, limit: int) -> list[Hit]:
        stmt = (
            select(Circle.id, Circle.reference, Circle.kind, Circle.title, Circle.status, Person.given_name,
                   Person.known_as, Person.family_name, Child.given_name.label("child_given"),
                   Child.family_name.label("child_family"))
            .outerjoin(Person, Person.id == Circle.focus_person_id)
            .outerjoin(LearningCircle, LearningCircle.circle_id == Circle.id)
            .outerjoin(Child, Child.id == LearningCircle.child_id)
            .where(Circle.id.in_(ids))
            .order_by(Circle.reference, Circle.id)
        )  # fmt: skip
        found = []
        for r in session.execute(stmt.limit(limit)):
            who = _person_name(r.given_name, r.known_as, r.family_name) if r.given_name else ""
            if r.child_given:
                who = f"{r.child_given} {r.child_family}"
            title = _join(r.reference, r.title or who)
            found.append(Hit(RecordRef(kind, r.id), title, _join(label(r.kind), label(r.status))))
        return found

    return hits


def _meetings(session: Session, ids: Ids, limit: int) -> list[Hit]:
    stmt = (
        select(Meeting.id, Meeting.kind, Meeting.starts_at, Meeting.venue, Circle.reference, Circle.title,
               Person.given_name, Person.known_as, Person.family_name)
        .join(Circle, Circle.id == Meeting.circle_id)
        .outerjoin(Person, Person.id == Circle.focus_person_id)
        .where(Meeting.id.in_(ids))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )  # fmt: skip
    found = []
    for r in session.execute(stmt.limit(limit)):
        who = _person_name(r.given_name, r.known_as, r.family_name) if r.given_name else r.title
        title = _join(f"{label(r.kind)}, {uk_date(r.starts_at)}", r.reference)
        found.append(Hit(RecordRef(rr.MEETING, r.id), title, _join(who, r.venue)))
    return found


def _children(session: Session, ids: Ids, limit: int) -> list[Hit]:
    stmt = (
        select(Child.id, Child.given_name, Child.family_name, Child.date_of_birth, Child.locality,
               Child.case_reference)
        .where(Child.id.in_(ids))
        .order_by(Child.family_key, Child.given_key, Child.id)
    )  # fmt: skip
    return [
        Hit(
            RecordRef(rr.CHILD, c.id),
            f"{c.given_name} {c.family_name}",
            _join(f"born {uk_date(c.date_of_birth)}", c.locality, c.case_reference),
        )
        for c in session.execute(stmt.limit(limit))
    ]


LISTERS: dict[str, Callable[[Session, Ids, int], list[Hit]]] = {
    rr.PERSON: _people,
    rr.ORGANISATION: _organisations,
    rr.REFERRAL: _referrals,
    rr.CIRCLE: _circles(rr.CIRCLE),
    rr.MEETING: _meetings,
    rr.LEARNING_CIRCLE: _circles(rr.LEARNING_CIRCLE),
    rr.CHILD: _children,
}


def search(session: Session, text: str, per_kind: int = PER_KIND) -> list[Group]:
    """Every kind with at least one match, in GROUP_TITLES' order; nothing for text with no words."""
    found = words(text)
    if not found:
        return []
    matches, params = matching_documents(session, found)
    groups = []
    for kind, title in GROUP_TITLES.items():
        low, high = doc_range(kind)
        docs = list(session.scalars(sql(matches), {**params, "low": low, "high": high, "cap": COUNT_UP_TO + 1}))
        if not docs:
            continue
        # Up to a few hundred matches are listed in name order; beyond that, the newest few (the first
        # read), by name: typing more narrows them down.
        ids = [doc - low for doc in (docs if len(docs) <= IN_NAME_ORDER_UP_TO else docs[:per_kind])]
        total = min(len(docs), COUNT_UP_TO)
        hits = tuple(LISTERS[kind](session, _among(ids), per_kind))
        groups.append(Group(kind, title, total, len(docs) > COUNT_UP_TO, hits))
    return groups
