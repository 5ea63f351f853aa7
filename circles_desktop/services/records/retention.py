"""Retention review: circles closed more than a set number of years ago, listed oldest first for the
coordinator to review and delete (through `deletion`). The number of years is the organisation's
choice, kept in the app's settings; the rule on what it may be lives here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle
from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.paging import page_order
from circles_desktop.services.common.validation import ValidationError

DEFAULT_YEARS = 6  # a common choice for closed casework; each organisation sets its own
FEWEST_YEARS, MOST_YEARS = 1, 100


def check_years(years: object) -> int:
    if not isinstance(years, int) or isinstance(years, bool) or not FEWEST_YEARS <= years <= MOST_YEARS:
        raise ValidationError(
            f"Keep closed circles for between {FEWEST_YEARS} and {MOST_YEARS} years.", "retention_years"
        )
    return years


def cutoff(years: int, today: date) -> date:
    """Circles that ended before this day have been closed more than `years` years."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class DueRow:
    id: int
    reference: str
    kind: str
    title: str
    ended_on: date


def _due(years: int, today: date, text: str) -> Select:
    query = select(Circle).where(Circle.status == CircleStatus.CLOSED, Circle.ended_on < cutoff(years, today))
    if text.strip():
        like = f"%{text.strip()}%"
        query = query.where(or_(Circle.reference.ilike(like), Circle.title.ilike(like)))
    return query


def count_due(session: Session, years: int, today: date, text: str = "") -> int:
    subquery = _due(check_years(years), today, text).subquery()
    return session.execute(select(func.count()).select_from(subquery)).scalar_one()


def due_page(session: Session, years: int, today: date, text: str, offset: int, limit: int) -> Sequence[DueRow]:
    query = _due(check_years(years), today, text).order_by(*page_order([Circle.ended_on], False, Circle.id))
    return [
        DueRow(c.id, c.reference, c.kind, c.title, c.ended_on or today)  # closed circles have an end
        for c in session.scalars(query.offset(offset).limit(limit))
    ]
