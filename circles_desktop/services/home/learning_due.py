"""Home's learning circles with checklist steps left: the steps before a learning circle fall due on
its date, the steps after it a set number of days later, and a circle with no date yet is due to be
held that long after it was proposed (learning circles are monthly)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, LearningCircle, LearningStepRecord, Meeting
from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.common.words import plural
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.names import circle_names
from circles_desktop.services.home.thresholds import Thresholds
from circles_desktop.services.learning.learning_steps import STEPS


def _due(stage: str, proposed_on: date, held: date | None, t: Thresholds) -> tuple[date, str]:
    if held is None:
        return proposed_on + timedelta(days=t.learning_after), "no date set for the learning circle yet"
    if stage == LearningStage.AFTER:
        return held + timedelta(days=t.learning_after), f"after the learning circle of {held:%d/%m/%Y}"
    return held, f"for the learning circle on {held:%d/%m/%Y}"


def learning_steps_left(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    done = (
        select(func.count())
        .select_from(LearningStepRecord)
        .where(LearningStepRecord.circle_id == LearningCircle.circle_id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Circle.id, Circle.started_on, LearningCircle.stage, Meeting.starts_at, done.label("done"))
        .join(LearningCircle, LearningCircle.circle_id == Circle.id)
        .outerjoin(Meeting, Meeting.id == LearningCircle.meeting_id)
        .where(Circle.status != CircleStatus.CLOSED, LearningCircle.stage != LearningStage.COMPLETE)
    )
    horizon = today + timedelta(days=t.learning_within)
    due = []
    for r in rows:
        on, why = _due(r.stage, r.started_on, r.starts_at.date() if r.starts_at else None, t)
        if on <= horizon and len(STEPS) > r.done:
            due.append((on, r.id, len(STEPS) - r.done, why))
    due.sort()
    names = circle_names(session, (cid for _on, cid, _left, _why in due[:first_few]))
    items = tuple(
        DueItem(
            f"{plural(left, 'step')} still to do {why}: {names.get(cid, '')}",
            on,
            RecordRef(rr.LEARNING_CIRCLE, cid, rr.CHECKLIST),
        )
        for on, cid, left, why in due[:first_few]
    )
    return Found(len(due), items)
