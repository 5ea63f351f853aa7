"""Facilitators for a Community Circle: the pool read from the volunteers' records in a handful of
queries, ranked for a circle by matching.py, and choosing one, which records the match, puts the
facilitator in the circle and starts their 12-month commitment from that day.

A facilitator is a volunteer with the facilitator part (the volunteer form's "Facilitates Community
Circles"); their location, free times, interests, capacity, DBS checks and training are the volunteer
profile's. The pool is read with plain column queries, not ORM objects: 2,000 facilitators in a few
milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, case, distinct, exists, func, literal, or_, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from circles_desktop.models import (
    AvailabilitySlot,
    Circle,
    CircleMember,
    CommunityCircle,
    DbsCheck,
    FacilitatorCommitment,
    Person,
    PersonPartRow,
    TrainingRecord,
    TwelveMonthReview,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.vocab import CircleKind, CircleStatus, DayPart, MemberRole, PersonPart, Ring, Weekday
from circles_desktop.services.circles import circles, members
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.community.matching import Candidate, Match, Need, assess, rank
from circles_desktop.services.people.volunteers import FACILITATOR_COURSE
from circles_desktop.services.security import audit

COMMITMENT_MONTHS = 12


@dataclass(frozen=True)
class CommitmentRow:
    """A facilitator's commitment, as the screens show it."""

    id: int
    facilitator_id: int
    facilitator: str
    member_id: int
    committed_on: date
    until_on: date  # the 12-month review falls due
    reasons: str
    reviewed: bool
    still_in_circle: bool


def pool(session: Session, today: date, only: int | None = None, recruited_by: int | None = None) -> list[Candidate]:
    """Every facilitator with a volunteer profile, as matching needs them (`only`: just that person;
    `recruited_by`: those a partner organisation recruited and trained).

    One query: each facilitator's free times come as one number (matching.slot_mask, made in SQL), their
    interests as one text, their DBS check and training as yes or no, so 2,000 facilitators are one pass
    over the index rather than eleven thousand rows for Python to sort into people."""
    sql, names, fixed = _pool_sql(session.get_bind().dialect)
    params = {**fixed, "only": only, "recruited_by": recruited_by}
    # The driver's own cursor: SQLAlchemy's row handling would cost more than the SQL (benchmarks/matching.py).
    raw = session.connection().connection.driver_connection
    assert raw is not None  # the session's connection is open
    rows = raw.execute(sql, [params[n] for n in names]).fetchall()
    load = circles_facilitated(session, today, only)
    return [_candidate(row, load) for row in rows]


@lru_cache(maxsize=2)
def _pool_sql(dialect: Dialect) -> tuple[str, list[str], dict[str, Any]]:
    """The pool's SQL, the order of its parameters and the fixed ones' values, compiled once: making the
    statement costs as much as running it."""
    compiled = _pool_statement().compile(dialect=dialect)
    return str(compiled), list(compiled.positiontup or []), dict(compiled.params)


def _pool_statement() -> Select[Any]:
    who = VolunteerProfile.person_id
    times = select(func.sum(_slot_bit_sql())).where(AvailabilitySlot.person_id == who).scalar_subquery()
    liked = select(func.group_concat(VolunteerInterest.interest, "\x1f")).where(VolunteerInterest.person_id == who)
    trained = exists().where(
        TrainingRecord.person_id == who, func.lower(TrainingRecord.course) == FACILITATOR_COURSE.lower()
    )
    return (
        select(
            who,
            Person.known_as,
            Person.given_name,
            Person.family_name,
            VolunteerProfile.location,
            VolunteerProfile.postcode_district,
            VolunteerProfile.travel,
            VolunteerProfile.active,
            VolunteerProfile.max_circles,
            times,
            liked.scalar_subquery(),
            exists().where(DbsCheck.person_id == who),
            trained,
        )
        .join(Person, Person.id == who)
        .join(PersonPartRow, and_(PersonPartRow.person_id == who, PersonPartRow.part == PersonPart.FACILITATOR))
        .where(or_(bindparam("only", type_=Integer).is_(None), who == bindparam("only", type_=Integer)))
        .where(
            or_(
                bindparam("recruited_by", type_=Integer).is_(None),
                VolunteerProfile.recruited_by_id == bindparam("recruited_by", type_=Integer),
            )
        )
    )


def _candidate(row: Any, load: dict[int, int]) -> Candidate:
    pid, known, given, family, area, district, travel, active, max_circles, slots, liked, dbs, trained = row
    return Candidate(
        pid,
        f"{known or given} {family}".strip(),
        area,
        district,
        travel,
        slots or 0,
        tuple(liked.split("\x1f")) if liked else (),
        bool(active),
        max_circles,
        load.get(pid, 0),
        bool(dbs),
        bool(trained),
    )


def _slot_bit_sql() -> Any:
    """matching.slot_bit in SQL: 1 << (day's place * parts of the day + part's place), from the same vocab."""
    day = case({d: i for i, d in enumerate(Weekday.values())}, value=AvailabilitySlot.day, else_=0)
    part = case({p: i for i, p in enumerate(DayPart.values())}, value=AvailabilitySlot.part_of_day, else_=0)
    return literal(1).op("<<")(day * len(DayPart.values()) + part)


def circles_facilitated(session: Session, today: date, only: int | None = None) -> dict[int, int]:
    """How many open circles each person facilitates today (`only`: that person's alone)."""
    stmt = (
        select(CircleMember.person_id, func.count(distinct(CircleMember.circle_id)))
        .join(Circle, Circle.id == CircleMember.circle_id)
        .where(
            CircleMember.role == MemberRole.FACILITATOR,
            or_(CircleMember.left_on.is_(None), CircleMember.left_on > today),
            Circle.status != CircleStatus.CLOSED,
        )
        .group_by(CircleMember.person_id)
    )
    if only is not None:
        stmt = stmt.where(CircleMember.person_id == only)
    return {pid: n for pid, n in session.connection().execute(stmt)}


def need_of(session: Session, circle_id: int, today: date) -> Need:
    community = get(session, CommunityCircle, circle_id, "Community Circle")
    in_circle = session.scalars(
        select(CircleMember.person_id).where(CircleMember.circle_id == circle_id, CircleMember.is_current(today))
    )
    return Need(
        area=community.area,
        district=community.postcode_district,
        times=frozenset((t.day, t.part_of_day) for t in community.times),
        interests=tuple(i.interest for i in community.interests),
        members=frozenset(in_circle),
    )


def ranked(session: Session, circle_id: int, today: date | None = None) -> list[Match]:
    """The facilitators for a circle, best fit first, each with its reasons; those ruled out last."""
    today = today or date.today()
    return rank(need_of(session, circle_id, today), pool(session, today))


# --- commitments ---------------------------------------------------------------------------------
def commitments(session: Session, circle_id: int, today: date | None = None) -> list[CommitmentRow]:
    """Every commitment a facilitator made to the circle, oldest first."""
    today = today or date.today()
    reviewed = select(TwelveMonthReview.commitment_id).scalar_subquery()
    rows = session.execute(
        select(FacilitatorCommitment, CircleMember.left_on, FacilitatorCommitment.id.in_(reviewed))
        .join(CircleMember, CircleMember.id == FacilitatorCommitment.member_id)
        .where(FacilitatorCommitment.circle_id == circle_id)
        .order_by(FacilitatorCommitment.committed_on, FacilitatorCommitment.id)
    ).all()
    return [
        CommitmentRow(
            c.id,
            c.facilitator_id,
            c.facilitator.display_name,
            c.member_id,
            c.committed_on,
            c.until_on,
            c.reasons,
            bool(was_reviewed),
            left_on is None or left_on > today,
        )
        for c, left_on, was_reviewed in rows
    ]


def current_commitment(session: Session, circle_id: int, today: date | None = None) -> CommitmentRow | None:
    """The latest commitment (the one the next 12-month review is about), or None before a match."""
    rows = commitments(session, circle_id, today)
    return rows[-1] if rows else None


def commit(session: Session, circle_id: int, facilitator_id: int, member_id: int, on: date, reasons: str) -> int:
    """A 12-month commitment from `on`; returns its id."""
    commitment = FacilitatorCommitment(
        circle_id=circle_id,
        facilitator_id=facilitator_id,
        member_id=member_id,
        committed_on=on,
        until_on=add_months(on, COMMITMENT_MONTHS),
        reasons=reasons,
    )
    session.add(commitment)
    session.flush()
    return commitment.id


def match_problems(
    session: Session, circle: Circle, facilitator_id: int | None, on: date | None, today: date
) -> Problems:
    p = Problems()
    p.choose("facilitator_id", facilitator_id, "the facilitator")
    p.require("on_date", on, "the date of the match")
    if circle.kind != CircleKind.COMMUNITY:
        p.add("", "Facilitators are matched to Community Circles only.")
    if circle.status == CircleStatus.CLOSED:
        p.add("", "This circle has ended; a facilitator cannot be matched to it.")
    if on is not None:
        if on > today:
            p.add("on_date", "The date of the match cannot be in the future.")
        p.not_before("on_date", on, circle.started_on, "date of the match", "date the person referred themselves")
    current = current_commitment(session, circle.id, today)
    if current is not None and current.still_in_circle:
        p.add(
            "facilitator_id",
            f"{current.facilitator} is committed to this circle until {uk_date(current.until_on)}. "
            "A new commitment starts at the 12-month review.",
        )
    elif current is not None and on is not None:
        p.not_before("on_date", on, current.committed_on, "date of the match", "last facilitator's commitment")
    return p


def choose_facilitator(
    session: Session, circle_id: int, facilitator_id: int | None, on: date | None, today: date | None = None
) -> CommitmentRow:
    """Match the facilitator to the circle on `on`: they join its inner circle, their 12-month commitment
    starts, and a forming circle becomes active. Refused, with the reasons, when they are ruled out."""
    today = today or date.today()
    circle = get(session, Circle, circle_id, "circle")
    p = match_problems(session, circle, facilitator_id, on, today)
    p.raise_if_any()
    assert facilitator_id is not None and on is not None  # checked
    found = pool(session, today, only=facilitator_id)
    if not found:
        name = get(session, Person, facilitator_id, "facilitator").display_name
        raise ValidationError({"facilitator_id": f"{name} is not recorded as a facilitator."})
    match = assess(need_of(session, circle_id, today), found[0])
    if not match.can_match:
        raise ValidationError({"facilitator_id": f"{match.candidate.name} cannot be matched: {match.ruled_out_words}."})
    member = members.add_member(session, circle_id, facilitator_id, Ring.INNER, MemberRole.FACILITATOR, on)
    why = "; ".join(match.fit_reasons) or "chosen by the coordinator: no fit on location, free times or interests"
    commit(session, circle_id, facilitator_id, member.id, on, why)
    if circle.status == CircleStatus.FORMING and not circles.activation_problems(session, circle, on):
        circles.activate_circle(session, circle_id, on)
    audit.record(session, "facilitator matched", f"circle {circle_id}", f"person {facilitator_id}")
    result = current_commitment(session, circle_id, today)
    assert result is not None
    return result
