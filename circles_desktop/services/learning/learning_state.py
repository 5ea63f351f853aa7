"""A learning circle as stored: finding its rows, whether it may still change, and its stage worked out
from its steps. The other learning modules build on these.

A learning circle is a Circle of kind "learning" with a LearningCircle row beside it; the circle itself
meets once, as one Meeting. Its stage is the first stage with steps still to do ("after" with nothing left
means ready to complete), or "complete"; the Circle's status follows the stage.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, LearningCircle, Meeting
from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.validation import NotFound, ValidationError, get
from circles_desktop.services.learning.learning_steps import STAGES, STEPS

COMPLETE_FIRST = "This learning circle is complete; reopen it to make changes."


def find_learning_circle(session: Session, circle_id: int) -> LearningCircle:
    lc = session.get(LearningCircle, circle_id)
    if lc is None:
        raise NotFound("The learning circle could not be found; it may have been deleted.")
    return lc


def meeting_of(session: Session, lc: LearningCircle) -> Meeting | None:
    return session.get(Meeting, lc.meeting_id) if lc.meeting_id is not None else None


def role_holder(session: Session, circle_id: int, role: str) -> int | None:
    """The person in the role (Head of Locality, Service Manager...), if anyone still holds it."""
    return session.scalar(
        select(CircleMember.person_id)
        .where(CircleMember.circle_id == circle_id, CircleMember.role == role, CircleMember.left_on.is_(None))
        .order_by(CircleMember.id)
        .limit(1)
    )


def is_member(session: Session, circle_id: int, person_id: int) -> bool:
    return bool(
        session.scalar(select(exists().where(CircleMember.circle_id == circle_id, CircleMember.person_id == person_id)))
    )


def check_writable(lc: LearningCircle) -> None:
    if lc.stage == LearningStage.COMPLETE:
        raise ValidationError(COMPLETE_FIRST)


def editable(session: Session, circle_id: int) -> LearningCircle:
    """The learning circle's own row, for a change: NotFound if gone, ValidationError if complete."""
    lc = find_learning_circle(session, circle_id)
    check_writable(lc)
    return lc


def refresh_stage(session: Session, lc: LearningCircle) -> None:
    """Stage: complete once completed, else the first stage with steps left ("after" when none are)."""
    circle = get(session, Circle, lc.circle_id, "learning circle")
    if lc.completed_on is not None:
        lc.stage = LearningStage.COMPLETE
        circle.status, circle.ended_on = CircleStatus.CLOSED, lc.completed_on
    else:
        done = {r.step for r in lc.steps}
        lc.stage = next(
            (st for st in STAGES if any(s.code not in done for s in STEPS if s.stage == st)), LearningStage.AFTER
        )
        circle.ended_on = None
        if lc.stage == LearningStage.BEFORE:
            circle.status, circle.activated_on = CircleStatus.FORMING, None
        else:
            meeting = meeting_of(session, lc)
            circle.status = CircleStatus.ACTIVE
            circle.activated_on = meeting.starts_at.date() if meeting else circle.started_on
    session.flush()
