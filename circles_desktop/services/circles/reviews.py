"""When a circle's reviews fall due: the next quarterly review three months after the last one (or after
the start), and the end-of-circle review once the circle has run its length."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Meeting
from circles_desktop.models.vocab import CircleKind, CircleStatus, MeetingKind
from circles_desktop.services.common.validation import get

REVIEW_MONTHS = 3


@dataclass(frozen=True)
class ReviewDue:
    due_on: date
    since: date  # the last quarterly review, or the circle's start
    last_review_on: date | None
    overdue: bool
    days_left: int  # negative when overdue


def add_months(d: date, months: int) -> date:
    """Same day of the month `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _due(started_on: date, last: date | None, today: date) -> ReviewDue:
    since = last or started_on
    due_on = add_months(since, REVIEW_MONTHS)
    return ReviewDue(due_on, since, last, today > due_on, (due_on - today).days)


def _day_after(today: date) -> datetime:
    """Meetings held on or before today start before this (a range the meetings' indexes can serve)."""
    return datetime.combine(today + timedelta(days=1), time())


def quarterly_review_due(session: Session, circle_id: int, today: date | None = None) -> ReviewDue | None:
    """The next quarterly review for a CoSA circle that is not closed; None otherwise.

    Counts reviews held on or before today, so a review booked for next week does not reset the clock.
    """
    today = today or date.today()
    circle = get(session, Circle, circle_id, "circle")
    if circle.kind != CircleKind.COSA or circle.status == CircleStatus.CLOSED:
        return None
    last = session.scalar(
        select(func.max(Meeting.starts_at)).where(
            Meeting.circle_id == circle_id,
            Meeting.kind == MeetingKind.QUARTERLY_REVIEW,
            Meeting.starts_at < _day_after(today),
        )
    )
    return _due(circle.started_on, last.date() if last else None, today)


def reviews_due(session: Session, today: date | None = None, within_days: int = 14) -> list[tuple[int, ReviewDue]]:
    """(circle id, due) for open CoSA circles whose review is overdue or due within `within_days`, soonest first."""
    today = today or date.today()
    # Each circle's last review read from the meetings' (kind, circle, start) index: one step per circle.
    last = (
        select(func.max(Meeting.starts_at))
        .where(
            Meeting.kind == MeetingKind.QUARTERLY_REVIEW,
            Meeting.circle_id == Circle.id,
            Meeting.starts_at < _day_after(today),
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(Circle.id, Circle.started_on, last).where(
            Circle.kind == CircleKind.COSA, Circle.status != CircleStatus.CLOSED
        )
    )
    found = []
    for cid, started_on, last_at in rows:
        due = _due(started_on, last_at.date() if last_at else None, today)
        if due.days_left <= within_days:
            found.append((cid, due))
    found.sort(key=lambda x: x[1].due_on)
    return found


def end_of_circle_reviews_due(
    session: Session, today: date, after_days: int, within_days: int = 14
) -> list[tuple[int, date]]:
    """(circle id, due on) for active CoSA circles whose end-of-circle review falls due within
    `within_days` or is overdue: `after_days` after the circle went active (or started), while no
    end-of-circle review has been recorded. Soonest first."""
    since = func.coalesce(Circle.activated_on, Circle.started_on)
    held = select(Meeting.circle_id).where(Meeting.kind == MeetingKind.END_OF_CIRCLE_REVIEW)
    latest_start = today + timedelta(days=within_days - after_days)
    rows = session.execute(
        select(Circle.id, Circle.activated_on, Circle.started_on).where(
            Circle.kind == CircleKind.COSA,
            Circle.status == CircleStatus.ACTIVE,
            since <= latest_start.isoformat(),
            Circle.id.not_in(held),
        )
    )
    found = [(cid, (activated or started) + timedelta(days=after_days)) for cid, activated, started in rows]
    return sorted(found, key=lambda x: (x[1], x[0]))
