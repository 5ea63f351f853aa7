"""Home's items about circles: reviews falling due, circles gone quiet, prison release dates coming up,
and significant developments the outer circle has not heard of."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import Circle, CircleMember, CosaDetails, Development, DevelopmentShare, Meeting
from circles_desktop.models.vocab import CircleKind, CircleStatus, Ring, label
from circles_desktop.services.circles import reviews
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.names import circle_names
from circles_desktop.services.home.thresholds import Thresholds


def _listed(session: Session, due: list[tuple[int, date]], what: str, part: str, first_few: int) -> Found:
    """(circle id, due on) pairs, most pressing first, as lines opening each circle at `part`."""
    names = circle_names(session, (cid for cid, _ in due[:first_few]))
    items = tuple(DueItem(f"{what}: {names.get(cid, '')}", on, RecordRef(rr.CIRCLE, cid, part)) for cid, on in due)
    return Found(len(due), items[:first_few])


def quarterly_reviews(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    due = [(cid, r.due_on) for cid, r in reviews.reviews_due(session, today, within_days=t.reviews_within)]
    return _listed(session, due, "Quarterly review", rr.REVIEWS, first_few)


def end_of_circle_reviews(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    due = reviews.end_of_circle_reviews_due(session, today, t.circle_length, t.reviews_within)
    return _listed(session, due, "End-of-circle review", rr.REVIEWS, first_few)


def releases(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    stmt = (
        select(Circle.id, CosaDetails.expected_release_on)
        .join(CosaDetails, CosaDetails.circle_id == Circle.id)
        .where(
            Circle.status != CircleStatus.CLOSED,
            CosaDetails.expected_release_on.between(today, today + timedelta(days=t.release_within)),
        )
        .order_by(CosaDetails.expected_release_on, Circle.id)
    )
    due = [(cid, on) for cid, on in session.execute(stmt) if on is not None]
    return _listed(session, due, "Release from prison", "", first_few)


def no_contact(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    """Active circles (not learning circles, which meet once) with no meeting held and no development
    recorded for `no_contact` days, counted from when they went active."""
    last_meeting = (
        select(func.max(Meeting.starts_at))
        .where(Meeting.circle_id == Circle.id, Meeting.starts_at < today + timedelta(days=1))
        .scalar_subquery()
    )
    last_development = (
        select(func.max(Development.occurred_on))
        .where(Development.circle_id == Circle.id, Development.occurred_on <= today)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Circle.id, Circle.activated_on, Circle.started_on, last_meeting, last_development).where(
            Circle.status == CircleStatus.ACTIVE, Circle.kind != CircleKind.LEARNING
        )
    )
    quiet_since = today - timedelta(days=t.no_contact)
    due = []
    for cid, activated, started, met, developed in rows:
        last = max(d for d in (met.date() if met else None, developed, activated or started) if d is not None)
        if last < quiet_since:
            due.append((last + timedelta(days=t.no_contact), cid, last))
    due.sort()
    names = circle_names(session, (cid for _on, cid, _last in due[:first_few]))
    items = tuple(
        DueItem(
            f"No meeting or contact since {uk_date(last)}: {names.get(cid, '')}",
            on,
            RecordRef(rr.CIRCLE, cid, rr.MEETINGS),
        )
        for on, cid, last in due[:first_few]
    )
    return Found(len(due), items)


def unshared_developments(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    """Significant developments in open CoSA circles that nobody in the circle's outer circle has been
    told of."""
    outer = aliased(CircleMember)
    told_outer = (
        select(DevelopmentShare.development_id)
        .join(outer, outer.person_id == DevelopmentShare.person_id)
        .where(
            DevelopmentShare.development_id == Development.id,
            outer.circle_id == Development.circle_id,
            outer.ring == Ring.OUTER,
        )
        .exists()
    )
    where = and_(Circle.kind == CircleKind.COSA, Circle.status != CircleStatus.CLOSED, ~told_outer)
    found = session.execute(
        select(Development.id, Development.circle_id, Development.occurred_on, Development.kind)
        .join(Circle, Circle.id == Development.circle_id)
        .where(where)
    ).all()
    rows = sorted(found, key=lambda r: (r.occurred_on, r.id))[:first_few]
    names = circle_names(session, (r.circle_id for r in rows))
    items = tuple(
        DueItem(
            f"{label(r.kind)} development not shared with the outer circle: {names.get(r.circle_id, '')}",
            r.occurred_on,
            RecordRef(rr.CIRCLE, r.circle_id, rr.DEVELOPMENTS, r.id),
        )
        for r in rows
    )
    return Found(len(found), items)
