"""Actions: who will do what by when, and whether it is done or blocked (and by what).

In a Community Circle people take on only the actions they offer to: an owner who has not offered is
refused, so nobody is made the owner of an action they did not agree to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, CircleMember, Meeting, Person
from circles_desktop.models.vocab import ActionStatus, Category, CircleKind
from circles_desktop.services.common.validation import Problems, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit


@dataclass
class ActionForm:
    description: str = ""
    owner_id: int | None = None  # a person in the circle, or its coordinator
    created_on: date | None = None
    due_on: date | None = None
    status: str = ActionStatus.OPEN
    barrier: str = ""  # what is blocking it (needed when blocked)
    done_on: date | None = None
    category: str = Category.MINUTES
    meeting_id: int | None = None
    owner_offered: bool = False  # the owner offered to take it on themselves


# Kinds of circle where only someone who offers may take on an action.
WILLING_ONLY = (CircleKind.COMMUNITY,)


def _validate(session: Session, circle: Circle, form: ActionForm) -> None:
    p = Problems()
    p.require("description", form.description, "what is to be done")
    p.choose("owner_id", form.owner_id, "who will do it")
    p.require("created_on", form.created_on, "the date the action was agreed")
    p.one_of("status", form.status, ActionStatus.values(), "status")
    p.one_of("category", form.category, Category.values(), "category of information")
    p.not_before("due_on", form.due_on, form.created_on, "due date", "date the action was agreed")
    p.not_before("done_on", form.done_on, form.created_on, "date it was done", "date the action was agreed")
    if form.status == ActionStatus.BLOCKED and not form.barrier.strip():
        p.add("barrier", "Say what is blocking this action.")
    if form.status == ActionStatus.DONE and form.done_on is None:
        p.add("done_on", "Enter the date the action was done.")
    if form.status != ActionStatus.DONE and form.done_on is not None:
        p.add("done_on", "Only a done action has a date it was done.")
    if form.owner_id is not None and form.owner_id != circle.coordinator_id:
        in_circle = session.scalar(
            select(CircleMember.id)
            .where(CircleMember.circle_id == circle.id, CircleMember.person_id == form.owner_id)
            .limit(1)
        )
        if in_circle is None:
            p.add("owner_id", "Actions are taken on by members of the circle or its coordinator.")
    if circle.kind in WILLING_ONLY and form.owner_id is not None and not form.owner_offered:
        owner = session.get(Person, form.owner_id)
        who = owner.display_name if owner is not None else "This person"
        p.add(
            "owner_id",
            f"{who} has not offered to take this on. In a Community Circle people take on only the actions "
            "they offer to: ask who is willing, and tick “Offered to take it on” for them.",
        )
    if form.meeting_id is not None:
        meeting = session.get(Meeting, form.meeting_id)
        if meeting is None or meeting.circle_id != circle.id:
            p.add("meeting_id", "That meeting is not one of this circle's.")
        elif form.created_on is not None:
            p.not_before(
                "created_on",
                form.created_on,
                meeting.starts_at.date(),
                "date the action was agreed",
                "meeting it came from",
            )
    p.raise_if_any()


def _apply(action: Action, form: ActionForm) -> None:
    action.description = form.description.strip()
    action.owner_id = form.owner_id
    action.created_on = form.created_on  # type: ignore[assignment]
    action.due_on = form.due_on
    action.status = form.status
    action.barrier = form.barrier.strip()
    action.done_on = form.done_on
    action.category = form.category
    action.meeting_id = form.meeting_id
    action.owner_offered = form.owner_offered


def add_action(session: Session, circle_id: int, form: ActionForm) -> Action:
    circle = get(session, Circle, circle_id, "circle")
    _validate(session, circle, form)
    action = Action(circle_id=circle_id)
    _apply(action, form)
    session.add(action)
    session.flush()
    audit.record(session, "action created", f"action {action.id}")
    return action


def update_action(session: Session, action_id: int, form: ActionForm) -> Action:
    action = get(session, Action, action_id, "action")
    circle = get(session, Circle, action.circle_id, "circle")
    _validate(session, circle, form)
    _apply(action, form)
    session.flush()
    audit.record(session, "action updated", f"action {action.id}")
    return action


def action_form(session: Session, action_id: int) -> ActionForm:
    a = get(session, Action, action_id, "action")
    return ActionForm(
        a.description,
        a.owner_id,
        a.created_on,
        a.due_on,
        a.status,
        a.barrier,
        a.done_on,
        a.category,
        a.meeting_id,
        a.owner_offered,
    )


def set_status(
    session: Session, action_id: int, status: str, *, barrier: str = "", done_on: date | None = None
) -> Action:
    """Mark an action open, done (with the date) or blocked (with the barrier)."""
    form = action_form(session, action_id)
    form.status, form.barrier = status, barrier if status == ActionStatus.BLOCKED else ""
    form.done_on = done_on if status == ActionStatus.DONE else None
    return update_action(session, action_id, form)


def delete_action(session: Session, action_id: int) -> None:
    action = get(session, Action, action_id, "action")
    session.delete(action)
    session.flush()
    audit.record(session, "action deleted", f"action {action_id}")


def list_actions(
    session: Session, circle_id: int, status: str | None = None, meeting_id: int | None = None
) -> list[Action]:
    stmt = select(Action).where(Action.circle_id == circle_id)
    if status:
        stmt = stmt.where(Action.status == status)
    if meeting_id is not None:
        stmt = stmt.where(Action.meeting_id == meeting_id)
    return list(session.execute(stmt.order_by(Action.due_on.is_(None), Action.due_on, Action.id)).scalars())


def is_overdue(action: Action, today: date) -> bool:
    return action.status != ActionStatus.DONE and action.due_on is not None and action.due_on < today


def describe_due(action: Action) -> str:
    return f"due {uk_date(action.due_on)}" if action.due_on else "no due date"
