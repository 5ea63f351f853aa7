"""Home's renewals: active volunteers whose DBS check or training falls due for renewal (a set number of
days after it was done, in Settings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import DbsCheck, TrainingRecord, VolunteerProfile
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.thresholds import Thresholds
from circles_desktop.services.people.people import names


def _due(session: Session, latest: Select, last_day: date, first_few: int) -> tuple[int, list[Any]]:
    """How many of `latest` (each person's latest, as its "on" column) fall on or before last_day for an
    active volunteer, and the first few, oldest first. Names are read for those few only."""
    volunteers = select(VolunteerProfile.person_id).where(VolunteerProfile.active.is_(True))
    column = latest.selected_columns
    due = latest.where(column.person_id.in_(volunteers)).having(column.on <= last_day).subquery()
    # The count rides on each row (a window over every due row), so the grouping is read once.
    every = func.count().over().label("every")
    rows = list(session.execute(select(due, every).order_by(due.c.on, due.c.person_id).limit(first_few)))
    return (int(rows[0].every) if rows else 0), rows


def dbs_renewals(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    latest = select(DbsCheck.person_id, func.max(DbsCheck.checked_on).label("on")).group_by(DbsCheck.person_id)
    total, rows = _due(session, latest, today + timedelta(days=t.renewal_within - t.dbs_renewal), first_few)
    return Found(total, _items(session, rows, lambda r: f"DBS check to renew (last checked {r.on:%d/%m/%Y})",
                               t.dbs_renewal))  # fmt: skip


def training_renewals(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    latest = select(
        TrainingRecord.person_id, TrainingRecord.course, func.max(TrainingRecord.completed_on).label("on")
    ).group_by(TrainingRecord.person_id, TrainingRecord.course)
    total, rows = _due(session, latest, today + timedelta(days=t.renewal_within - t.training_renewal), first_few)
    return Found(total, _items(session, rows, lambda r: f"Training to refresh: {r.course}", t.training_renewal))


def _items(session: Session, rows: list[Any], what: Callable[[Any], str], every_days: int) -> tuple[DueItem, ...]:
    """Each renewal's line: due `every_days` after it was last done, opening the volunteer's record."""
    who = names(session, (r.person_id for r in rows))
    return tuple(
        DueItem(
            what(r),
            r.on + timedelta(days=every_days),
            RecordRef(rr.PERSON, r.person_id, rr.VOLUNTEERING),
            who=who.get(r.person_id, ""),
        )  # fmt: skip
        for r in rows
    )
