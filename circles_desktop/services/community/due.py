"""What falls due in Community Circles and the connectors' network, as plain rows for any screen that
gathers what needs doing (the Home screen): the 12-month review of each circle, the first three
supported meetings not yet held, and each regional connector's next community practice session.

Each function is one or two queries however many circles there are, and returns DueRow(due_on, what in
words, the kind of record it opens, that record's id), soonest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import (
    Circle,
    Connector,
    FacilitatorCommitment,
    Meeting,
    NetworkPracticeSession,
    Person,
    SupportedMeeting,
    TwelveMonthReview,
)
from circles_desktop.models.vocab import CircleKind, CircleStatus
from circles_desktop.services.community.community_circles import end_of
from circles_desktop.services.community.community_list import as_date, person_name
from circles_desktop.services.community.first_meetings import FIRST_DUE_DAYS, FOCUS, NEXT_DUE_DAYS
from circles_desktop.services.community.practice_sessions import EVERY

CIRCLE = "circle"  # the record a row opens: a Community Circle (by circle id)
CONNECTOR = "connector"  # or a regional connector (by person id)


@dataclass(frozen=True)
class DueRow:
    due_on: date
    what: str
    opens: str  # CIRCLE or CONNECTOR
    record_id: int


def _latest_commitments() -> Select[Any]:
    """Each open Community Circle's latest commitment (the one its next review is about)."""
    return (
        select(func.max(FacilitatorCommitment.id))
        .join(Circle, Circle.id == FacilitatorCommitment.circle_id)
        .where(Circle.kind == CircleKind.COMMUNITY, Circle.status != CircleStatus.CLOSED)
        .group_by(FacilitatorCommitment.circle_id)
    )


def twelve_month_reviews(session: Session, until: date | None = None) -> list[DueRow]:
    """Each circle's 12-month review not yet held, due when its facilitator's commitment is up."""
    focus = aliased(Person)
    stmt = (
        select(FacilitatorCommitment.until_on, Circle.id, Circle.reference, person_name(focus))
        .join(Circle, Circle.id == FacilitatorCommitment.circle_id)
        .join(focus, focus.id == Circle.focus_person_id)
        .where(
            FacilitatorCommitment.id.in_(_latest_commitments()),
            FacilitatorCommitment.id.not_in(select(TwelveMonthReview.commitment_id)),
        )
        .order_by(FacilitatorCommitment.until_on, Circle.id)
    )
    if until is not None:
        stmt = stmt.where(FacilitatorCommitment.until_on <= until)
    return [
        DueRow(due, f"12-month review of {reference} ({name}'s circle)", CIRCLE, cid)
        for due, cid, reference, name in session.execute(stmt)
    ]


def supported_meetings(session: Session, today: date | None = None, until: date | None = None) -> list[DueRow]:
    """For each matched circle, the next of its first three meetings not yet held: on the date planned,
    or four weeks after the match or the meeting before."""
    today = today or date.today()
    held_by = end_of(today)
    focus = aliased(Person)
    sm, m = aliased(SupportedMeeting), aliased(Meeting)
    supported = select(sm.circle_id, m.starts_at, sm.number).join(m, m.id == sm.meeting_id).subquery()
    held = (
        select(func.count())
        .where(supported.c.circle_id == Circle.id, supported.c.starts_at < held_by)
        .scalar_subquery()
    )
    last_held = (
        select(func.max(supported.c.starts_at))
        .where(supported.c.circle_id == Circle.id, supported.c.starts_at < held_by)
        .scalar_subquery()
    )
    planned = (
        select(func.min(supported.c.starts_at))
        .where(supported.c.circle_id == Circle.id, supported.c.starts_at >= held_by)
        .scalar_subquery()
    )
    matched = (
        select(func.min(FacilitatorCommitment.committed_on))
        .where(FacilitatorCommitment.circle_id == Circle.id)
        .scalar_subquery()
    )
    stmt = (
        select(Circle.id, Circle.reference, person_name(focus), matched, held, last_held, planned)
        .join(focus, focus.id == Circle.focus_person_id)
        .where(and_(Circle.kind == CircleKind.COMMUNITY, Circle.status != CircleStatus.CLOSED, matched.is_not(None)))
    )
    rows: list[DueRow] = []
    for cid, reference, name, matched_on, n_held, last, next_planned in session.execute(stmt):
        if n_held >= len(FOCUS):
            continue
        if next_planned is not None:
            due, how = as_date(next_planned), "planned"
        elif last is not None:
            due, how = as_date(last) + timedelta(days=NEXT_DUE_DAYS), "to arrange"
        else:
            due, how = as_date(matched_on) + timedelta(days=FIRST_DUE_DAYS), "to arrange"
        focus_words = FOCUS[n_held + 1].title.lower()
        what = f"Supported meeting {n_held + 1} of 3 for {reference} ({name}), {how}: {focus_words}"
        if until is None or due <= until:
            rows.append(DueRow(due, what, CIRCLE, cid))
    return sorted(rows, key=lambda r: (r.due_on, r.record_id))


def practice_sessions(session: Session, today: date | None = None, until: date | None = None) -> list[DueRow]:
    """Each regional connector's next community practice session: six weeks after their last."""
    today = today or date.today()
    last = (
        select(func.max(NetworkPracticeSession.held_on))
        .where(NetworkPracticeSession.regional_connector_id == Connector.person_id)
        .scalar_subquery()
    )
    stmt = (
        select(Connector.person_id, person_name(Person), last, Connector.started_on)
        .join(Person, Person.id == Connector.person_id)
        .where(Connector.regional.is_(True))
    )
    rows = []
    for pid, name, last_on, started in session.execute(stmt):
        due = as_date(last_on) + EVERY if last_on is not None else (started or today)
        if until is None or due <= until:
            rows.append(DueRow(due, f"Community practice session run by {name}", CONNECTOR, pid))
    return sorted(rows, key=lambda r: (r.due_on, r.record_id))
