"""Goals set in a circle, and dated notes of progress towards them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Goal, GoalProgress
from circles_desktop.models.vocab import GoalStatus
from circles_desktop.services.common.validation import Problems, clean, get
from circles_desktop.services.security import audit


def add_goal(session: Session, circle_id: int, title: str, set_on: date | None, description: str = "") -> Goal:
    circle = get(session, Circle, circle_id, "circle")
    p = Problems()
    p.require("title", title, "the goal")
    p.require("set_on", set_on, "the date the goal was set")
    p.not_before("set_on", set_on, circle.started_on, "date the goal was set", "circle's start date")
    p.raise_if_any()
    position = session.scalar(select(func.count()).select_from(Goal).where(Goal.circle_id == circle_id)) or 0
    goal = Goal(
        circle_id=circle_id,
        title=clean(title),
        description=description.strip(),
        set_on=set_on,
        position=position,
    )
    session.add(goal)
    session.flush()
    audit.record(session, "goal created", f"goal {goal.id}")
    return goal


def update_goal(
    session: Session, goal_id: int, *, title: str, description: str, status: str, closed_on: date | None
) -> Goal:
    goal = get(session, Goal, goal_id, "goal")
    p = Problems()
    p.require("title", title, "the goal")
    p.one_of("status", status, GoalStatus.values(), "status")
    if status != GoalStatus.OPEN and closed_on is None:
        p.add("closed_on", "Enter the date the goal was achieved or stopped.")
    if status == GoalStatus.OPEN and closed_on is not None:
        p.add("closed_on", "An open goal has no closing date.")
    p.not_before("closed_on", closed_on, goal.set_on, "closing date", "date the goal was set")
    p.raise_if_any()
    goal.title, goal.description, goal.status, goal.closed_on = (
        clean(title),
        description.strip(),
        status,
        closed_on,
    )
    session.flush()
    audit.record(session, "goal updated", f"goal {goal.id}")
    return goal


def add_progress(
    session: Session, goal_id: int, noted_on: date | None, note: str, noted_by_id: int | None = None
) -> GoalProgress:
    goal = get(session, Goal, goal_id, "goal")
    p = Problems()
    p.require("note", note, "the progress note")
    p.require("noted_on", noted_on, "the date")
    p.not_before("noted_on", noted_on, goal.set_on, "date of the note", "date the goal was set")
    p.raise_if_any()
    entry = GoalProgress(noted_on=noted_on, note=note.strip(), noted_by_id=noted_by_id)
    goal.progress.append(entry)
    session.flush()
    audit.record(session, "goal progress created", f"goal progress {entry.id}")
    return entry


def delete_goal(session: Session, goal_id: int) -> None:
    goal = get(session, Goal, goal_id, "goal")
    session.delete(goal)
    session.flush()
    audit.record(session, "goal deleted", f"goal {goal_id}")


def list_goals(session: Session, circle_id: int) -> list[Goal]:
    """A circle's goals in order, each with its progress notes loaded."""
    return list(
        session.execute(select(Goal).where(Goal.circle_id == circle_id).order_by(Goal.position, Goal.id)).scalars()
    )
