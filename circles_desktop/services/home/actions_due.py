"""Home's overdue actions: past their due date and not done, in circles still open, most overdue
first, each with its owner."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, Person
from circles_desktop.models.vocab import ActionStatus, CircleKind, CircleStatus
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.names import circle_names
from circles_desktop.services.home.thresholds import Thresholds


def _opens(action_id: int, circle_id: int, circle_kind: str, meeting_id: int | None) -> RecordRef:
    """An action is marked done where it was agreed: its learning circle, or its meeting."""
    if circle_kind == CircleKind.LEARNING:
        return RecordRef(rr.LEARNING_CIRCLE, circle_id, rr.ACTIONS, action_id)
    if meeting_id is not None:
        return RecordRef(rr.MEETING, meeting_id, rr.ACTIONS, action_id)
    return RecordRef(rr.CIRCLE, circle_id)


def overdue_actions(session: Session, today: date, _t: Thresholds, first_few: int) -> Found:
    total = 0
    rows: list[Any] = []
    # One status at a time, so the (status, due date, circle) index gives them in order with no sort.
    for status in (ActionStatus.OPEN, ActionStatus.BLOCKED):
        conditions = (Action.status == status, Action.due_on < today, Circle.status != CircleStatus.CLOSED)
        joined = select(func.count()).select_from(Action).join(Circle, Circle.id == Action.circle_id)
        total += session.scalar(joined.where(*conditions)) or 0
        rows += session.execute(
            select(Action.id, Action.description, Action.due_on, Action.meeting_id, Action.circle_id, Circle.kind,
                   Person.given_name, Person.known_as, Person.family_name)
            .join(Circle, Circle.id == Action.circle_id)
            .outerjoin(Person, Person.id == Action.owner_id)
            .where(*conditions)
            .order_by(Action.due_on, Action.circle_id, Action.id)
            .limit(first_few)
        ).all()  # fmt: skip
    rows = sorted(rows, key=lambda r: (r.due_on, r.circle_id, r.id))[:first_few]
    names = circle_names(session, (r.circle_id for r in rows))
    items = tuple(
        DueItem(
            f"{r.description} ({names.get(r.circle_id, '')})",
            r.due_on,
            _opens(r.id, r.circle_id, r.kind, r.meeting_id),
            who=f"{r.known_as or r.given_name} {r.family_name}" if r.family_name else "No one named",
        )
        for r in rows
    )
    return Found(total, items)
