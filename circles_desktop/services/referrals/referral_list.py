"""The Referrals list: by step and kind of circle, searched by the referred person's names or the
reference (REF-00012), sorted and paged in SQL; and how many referrals are at each step."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import Organisation, Person, ProfessionalRole, Referral
from circles_desktop.models.vocab import ReferralStatus
from circles_desktop.services.common.paging import order_for
from circles_desktop.services.common.text import search_key, starts_with


@dataclass(frozen=True)
class ReferralRow:
    id: int
    reference: str
    circle_kind: str
    status: str
    status_on: date
    received_on: date
    person_id: int
    person_name: str
    referrer_name: str  # "" for a self-referral
    agency: str


_Referrer = aliased(Person)


def _filters(status: str | None, circle_kind: str | None, text: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if status:
        conds.append(Referral.status == status)
    if circle_kind:
        conds.append(Referral.circle_kind == circle_kind)
    for word in text.split():
        number = _REFERENCE.match(word)
        if number:
            conds.append(Referral.id == int(number.group(1)))
            continue
        key = search_key(word)
        if key:
            conds.append(or_(starts_with(Person.family_key, key), starts_with(Person.given_key, key)))
    return conds


_REFERENCE = re.compile(r"^(?:REF-?)?0*(\d+)$", re.IGNORECASE)


SORTS = {
    "received_on": (Referral.received_on,),
    "status": (Referral.status, Referral.received_on),
    "person": (Person.family_key, Person.given_key),
    "reference": (Referral.id,),
    "kind": (Referral.circle_kind, Referral.received_on),
    "referrer": (_Referrer.family_key, _Referrer.given_key),
    "agency": (Organisation.name_key,),
    "since": (Referral.status_on,),
}


def list_referrals(
    session: Session,
    status: str | None = None,
    circle_kind: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    sort: str | None = "received_on",
    descending: bool = True,
) -> list[ReferralRow]:
    """One page of the Referrals list, newest first by default; filter by status, kind, and the
    start of the referred person's name or the referral reference."""
    order = order_for(SORTS, sort, "received_on", descending, Referral.id)
    stmt = (
        select(
            Referral.id,
            Referral.reference,
            Referral.circle_kind,
            Referral.status,
            Referral.status_on,
            Referral.received_on,
            Person.id.label("pid"),
            Person.given_name,
            Person.known_as,
            Person.family_name,
            _Referrer.given_name.label("r_given"),
            _Referrer.family_name.label("r_family"),
            Organisation.name.label("agency"),
        )
        .join(Person, Referral.person_id == Person.id)
        .outerjoin(ProfessionalRole, Referral.referrer_id == ProfessionalRole.id)
        .outerjoin(_Referrer, ProfessionalRole.person_id == _Referrer.id)
        .outerjoin(Organisation, Referral.agency_id == Organisation.id)
        .where(*_filters(status, circle_kind, text))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [
        ReferralRow(
            r.id,
            r.reference,
            r.circle_kind,
            r.status,
            r.status_on,
            r.received_on,
            r.pid,
            f"{r.known_as or r.given_name} {r.family_name}",
            f"{r.r_given} {r.r_family}" if r.r_family else "",
            r.agency or "",
        )
        for r in session.execute(stmt)
    ]


def count_referrals(session: Session, status: str | None = None, circle_kind: str | None = None, text: str = "") -> int:
    stmt = select(func.count()).select_from(Referral)
    if text.strip():
        stmt = stmt.join(Person, Referral.person_id == Person.id)
    return session.scalar(stmt.where(*_filters(status, circle_kind, text))) or 0


def counts_by_status(session: Session, circle_kind: str | None = None) -> dict[str, int]:
    """How many referrals are at each step (for the status filter's badges)."""
    stmt = select(Referral.status, func.count()).group_by(Referral.status)
    if circle_kind:
        stmt = stmt.where(Referral.circle_kind == circle_kind)
    found = {status: n for status, n in session.execute(stmt)}
    return {s: found.get(s, 0) for s in ReferralStatus.values()}
