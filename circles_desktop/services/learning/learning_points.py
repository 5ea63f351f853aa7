"""What a learning circle agreed: its learning points, in order, and its actions (Action records, agreed
on the day it met)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import LearningPoint, LearningStepRecord
from circles_desktop.models.kinds.learning import StepState
from circles_desktop.services.common import positions
from circles_desktop.services.common.validation import ValidationError, get
from circles_desktop.services.learning.learning_state import check_writable, find_learning_circle, meeting_of
from circles_desktop.services.meetings import actions
from circles_desktop.services.meetings.meeting_queries import ActionRow, action_row
from circles_desktop.services.security import audit


@dataclass(frozen=True)
class LearningPointRow:
    id: int
    position: int
    text: str


# --- learning points -----------------------------------------------------------------------------
def learning_points(session: Session, circle_id: int) -> list[LearningPointRow]:
    stmt = select(LearningPoint).where(LearningPoint.circle_id == circle_id).order_by(LearningPoint.position)
    return [LearningPointRow(p.id, p.position, p.text) for p in session.scalars(stmt)]


def add_learning_point(session: Session, circle_id: int, text: str) -> LearningPoint:
    lc = find_learning_circle(session, circle_id)
    check_writable(lc)
    if not text.strip():
        raise ValidationError("Enter the learning point.", "text")
    last = session.scalar(select(func.max(LearningPoint.position)).where(LearningPoint.circle_id == circle_id))
    point = LearningPoint(circle_id=circle_id, position=(last or 0) + 1, text=text.strip())
    session.add(point)
    session.flush()
    audit.record(session, "learning point created", f"learning point {point.id}", f"circle {circle_id}")
    return point


def update_learning_point(session: Session, point_id: int, text: str) -> LearningPoint:
    point = get(session, LearningPoint, point_id, "learning point")
    check_writable(find_learning_circle(session, point.circle_id))
    if not text.strip():
        raise ValidationError("Enter the learning point, or delete it.", "text")
    point.text = text.strip()
    session.flush()
    audit.record(session, "learning point updated", f"learning point {point.id}", f"circle {point.circle_id}")
    return point


def _in_order(session: Session, circle_id: int) -> list[LearningPoint]:
    stmt = select(LearningPoint).where(LearningPoint.circle_id == circle_id).order_by(LearningPoint.position)
    return list(session.scalars(stmt))


def move_learning_point(session: Session, point_id: int, position: int) -> None:
    """Move a point to a 1-based position; the others close up."""
    point = get(session, LearningPoint, point_id, "learning point")
    check_writable(find_learning_circle(session, point.circle_id))
    positions.move(_in_order(session, point.circle_id), point, position - 1, start=1)
    session.flush()
    audit.record(session, "learning point updated", f"learning point {point.id}", "moved")


def delete_learning_point(session: Session, point_id: int) -> None:
    point = get(session, LearningPoint, point_id, "learning point")
    lc = find_learning_circle(session, point.circle_id)
    check_writable(lc)
    others = session.scalar(
        select(func.count())
        .select_from(LearningPoint)
        .where(LearningPoint.circle_id == point.circle_id, LearningPoint.id != point_id)
    )
    agreed = session.get(LearningStepRecord, (point.circle_id, "learning_agreed"))
    if not others and agreed is not None and agreed.state == StepState.DONE:
        raise ValidationError(
            "“Learning points and actions agreed” is marked done, so at least one learning point must stay. "
            "Undo that step first."
        )
    circle_id = point.circle_id
    session.delete(point)
    session.flush()
    positions.number(_in_order(session, circle_id), start=1)
    session.flush()
    audit.record(session, "learning point deleted", f"learning point {point_id}", f"circle {circle_id}")


# --- actions (the Action records of the circle) --------------------------------------------------
def new_action_form(session: Session, circle_id: int) -> actions.ActionForm:
    """An ActionForm ready for an action agreed at the learning circle: save it with actions.add_action."""
    lc = find_learning_circle(session, circle_id)
    meeting = meeting_of(session, lc)
    return actions.ActionForm(
        created_on=meeting.starts_at.date() if meeting else None,
        meeting_id=meeting.id if meeting else None,
    )


def learning_actions(session: Session, circle_id: int) -> list[ActionRow]:
    today = date.today()
    return [action_row(a, today) for a in actions.list_actions(session, circle_id)]
