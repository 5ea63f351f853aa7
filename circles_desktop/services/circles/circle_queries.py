"""Plain rows for the Circle screen: what it shows of referrals, consent, goals, developments and reviews.

Everything here reads only, and returns frozen dataclasses (never ORM objects), so the screen can keep
them after the session has closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Meeting, Person, Referral
from circles_desktop.models.vocab import MeetingKind, MemberRole, ReferralStatus
from circles_desktop.services.circles import developments, goals, members
from circles_desktop.services.common.validation import get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.consent import consent


@dataclass(frozen=True)
class ReferralChoice:
    id: int
    reference: str
    circle_kind: str
    person_id: int
    person_name: str
    received_on: date

    @property
    def label(self) -> str:
        return f"{self.reference} — {self.person_name} (received {uk_date(self.received_on)})"


def referrals_for_new_circle(
    session: Session, circle_kind: str | None = None, include_id: int | None = None, limit: int = 500
) -> list[ReferralChoice]:
    """Accepted referrals no circle has been formed from yet (plus `include_id`, when editing)."""
    taken = select(Circle.referral_id).where(Circle.referral_id.is_not(None))
    stmt = (
        select(Referral, Person)
        .join(Person, Referral.person_id == Person.id)
        .where(Referral.status == ReferralStatus.ACCEPTED, Referral.id.not_in(taken))
    )
    if circle_kind:
        stmt = stmt.where(Referral.circle_kind == circle_kind)
    rows = list(session.execute(stmt.order_by(Referral.status_on.desc(), Referral.id.desc()).limit(limit)))
    if include_id is not None and all(r.id != include_id for r, _p in rows):
        extra = session.execute(
            select(Referral, Person).join(Person, Referral.person_id == Person.id).where(Referral.id == include_id)
        ).first()
        if extra is not None:
            rows.insert(0, extra)
    return [ReferralChoice(r.id, r.reference, r.circle_kind, p.id, p.display_name, r.received_on) for r, p in rows]


def referral_choice(session: Session, referral_id: int) -> ReferralChoice:
    r = get(session, Referral, referral_id, "referral")
    p = get(session, Person, r.person_id, "person")
    return ReferralChoice(r.id, r.reference, r.circle_kind, p.id, p.display_name, r.received_on)


# --- people in the circle ------------------------------------------------------------------------
@dataclass(frozen=True)
class CirclePerson:
    person_id: int
    name: str
    role: str  # a MemberRole, or "coordinator"
    ring: str  # "inner", "outer" or "" for the coordinator


def circle_people(session: Session, circle_id: int, on_date: date | None = None) -> list[CirclePerson]:
    """Everyone in the circle (on a date, if given) and its coordinator, each person once."""
    circle = get(session, Circle, circle_id, "circle")
    found: dict[int, CirclePerson] = {}
    for m in members.members(session, circle_id, on_date=on_date):
        found.setdefault(m.person_id, CirclePerson(m.person_id, m.name, m.role, m.ring))
    if circle.coordinator is not None and circle.coordinator_id not in found:
        found[circle.coordinator.id] = CirclePerson(
            circle.coordinator.id, circle.coordinator.display_name, "coordinator", ""
        )
    return list(found.values())


def parent_carers(session: Session, circle_id: int) -> list[CirclePerson]:
    """The circle's parents and carers (who may give consent for a young person)."""
    rows = session.execute(
        select(CircleMember).where(CircleMember.circle_id == circle_id, CircleMember.role == MemberRole.PARENT_CARER)
    ).scalars()
    seen: dict[int, CirclePerson] = {}
    for m in rows:
        seen.setdefault(m.person_id, CirclePerson(m.person_id, m.person.display_name, m.role, m.ring))
    return list(seen.values())


# --- consent -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsentHistoryRow:
    id: int
    recipient: str
    category: str
    given_on: date
    given_by: str
    parent_carer: str
    withdrawn_on: date | None
    withdrawn_reason: str
    has_signed_form: bool
    notes: str


def consent_history_rows(session: Session, circle_id: int) -> list[ConsentHistoryRow]:
    rows = []
    for c in consent.consent_history(session, circle_id):
        if c.recipient_member is not None:
            m = c.recipient_member
            who = m.person.display_name + (f" ({m.organisation.name})" if m.organisation else "")
        elif c.recipient_organisation is not None:
            who = f"{c.recipient_organisation.name} (organisation)"
        else:
            who = ""
        rows.append(
            ConsentHistoryRow(
                c.id,
                who,
                c.category,
                c.given_on,
                c.given_by.display_name,
                c.parent_carer.display_name if c.parent_carer else "",
                c.withdrawn_on,
                c.withdrawn_reason,
                c.signed_form_id is not None,
                c.notes,
            )
        )
    return rows


# --- goals ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgressRow:
    id: int
    noted_on: date
    note: str
    noted_by: str


@dataclass(frozen=True)
class GoalRow:
    id: int
    title: str
    description: str
    set_on: date
    status: str
    closed_on: date | None
    progress: tuple[ProgressRow, ...]


def goal_rows(session: Session, circle_id: int) -> list[GoalRow]:
    found = goals.list_goals(session, circle_id)
    ids = {p.noted_by_id for g in found for p in g.progress if p.noted_by_id}
    from circles_desktop.services.people.people import names

    who = names(session, ids) if ids else {}
    return [
        GoalRow(
            g.id,
            g.title,
            g.description,
            g.set_on,
            g.status,
            g.closed_on,
            tuple(ProgressRow(p.id, p.noted_on, p.note, who.get(p.noted_by_id or 0, "")) for p in g.progress),
        )
        for g in found
    ]


# --- developments --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DevelopmentRow:
    id: int
    occurred_on: date
    kind: str
    description: str
    reported_by: str
    shared_with: tuple[tuple[str, date], ...]
    escalated_to_mappa: bool
    escalated_on: date | None

    @property
    def shared_text(self) -> str:
        return ", ".join(f"{name} ({uk_date(on)})" for name, on in self.shared_with)


def development_rows(session: Session, circle_id: int) -> list[DevelopmentRow]:
    return [
        DevelopmentRow(
            d.id,
            d.occurred_on,
            d.kind,
            d.description,
            d.reported_by.display_name if d.reported_by else "",
            tuple((sh.person.display_name, sh.shared_on) for sh in d.shared_with),
            d.escalated_to_mappa,
            d.escalated_on,
        )
        for d in developments.list_developments(session, circle_id)
    ]


# --- reviews -------------------------------------------------------------------------------------
REVIEW_KINDS = (MeetingKind.QUARTERLY_REVIEW, MeetingKind.END_OF_CIRCLE_REVIEW, MeetingKind.TWELVE_MONTH_REVIEW)


@dataclass(frozen=True)
class ReviewRow:
    meeting_id: int
    kind: str
    starts_at: datetime
    venue: str


def review_history(session: Session, circle_id: int) -> list[ReviewRow]:
    """The circle's review meetings (quarterly, end-of-circle), newest first."""
    rows = session.execute(
        select(Meeting.id, Meeting.kind, Meeting.starts_at, Meeting.venue)
        .where(Meeting.circle_id == circle_id, Meeting.kind.in_(REVIEW_KINDS))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    return [ReviewRow(*r) for r in rows]
