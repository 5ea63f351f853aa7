"""A learning circle's checklist: its three stages (before, during, after), each step marked done (when,
by whom) or not applicable (and why), what blocks a step, and completing or reopening the circle.

The steps themselves, in the users' words, are `learning_steps`; the stage they add up to is
`learning_state.refresh_stage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Circle,
    CircleMember,
    LearningCircle,
    LearningPoint,
    LearningStepRecord,
    LearningTheme,
    Meeting,
    Person,
)
from circles_desktop.models.kinds.learning import LearningStage, StepState
from circles_desktop.models.vocab import ActionStatus, MemberRole
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_circles import ROLES
from circles_desktop.services.learning.learning_state import (
    check_writable,
    find_learning_circle,
    is_member,
    meeting_of,
    refresh_stage,
    role_holder,
)
from circles_desktop.services.learning.learning_steps import BY_CODE, CASE_NOTE, STAGE_LABELS, STAGES, STEPS, Step
from circles_desktop.services.security import audit


@dataclass(frozen=True)
class StepStatus:
    code: str
    stage: str
    label: str
    who_label: str  # "Done by", "Timekeeper", "Told by"
    hint: str
    state: str  # "done", "not_applicable" or "left"
    on: date | None
    by_id: int | None
    by_name: str
    reason: str  # why it does not apply
    suggested_by_id: int | None  # the member whose step it usually is (for the "who" picker)
    blockers: tuple[str, ...]  # what must be done elsewhere before it can be marked done

    @property
    def is_left(self) -> bool:
        return self.state == "left"


@dataclass(frozen=True)
class StageStatus:
    stage: str
    label: str  # "Before the learning circle"
    steps: tuple[StepStatus, ...]

    @property
    def left(self) -> tuple[StepStatus, ...]:
        return tuple(s for s in self.steps if s.is_left)


@dataclass(frozen=True)
class Checklist:
    circle_id: int
    stage: str
    completed_on: date | None
    stages: tuple[StageStatus, ...]

    @property
    def left(self) -> tuple[StepStatus, ...]:
        return tuple(s for stage in self.stages for s in stage.left)

    @property
    def left_message(self) -> str:
        return describe_left(self.left)


# --- the checklist -------------------------------------------------------------------------------
def _blockers(session: Session, lc: LearningCircle, step: Step, meeting: Meeting | None) -> tuple[str, ...]:
    found: list[str] = []
    code = step.code
    if step.stage != LearningStage.BEFORE or code in ("invitations_circulated", "room_booked"):
        if meeting is None:
            found.append("Enter the date and time of the learning circle.")
    if code == "summary_and_chronology":
        child = lc.child
        if not child.summary.strip() or child.summary_updated_on is None:
            found.append("Bring the summary on the child's record up to date.")
        if not child.chronology:
            found.append("Add the key events to the child's chronology.")
    elif code == "learners_identified":
        n = session.scalar(
            select(func.count())
            .select_from(CircleMember)
            .where(CircleMember.circle_id == lc.circle_id, CircleMember.role == MemberRole.LEARNER)
        )
        if not n:
            found.append("Add the learners to the learning circle.")
    elif code == "room_booked":
        if meeting is not None and not meeting.venue.strip():
            found.append("Enter the room or virtual platform.")
    elif code == "reasons_and_focus":
        if not lc.areas_of_focus.strip():
            found.append("Enter the areas of focus.")
    elif code == "learning_agreed":
        if not session.scalar(select(exists().where(LearningPoint.circle_id == lc.circle_id))):
            found.append("Record at least one learning point.")
    elif code == "actions_followed_up":
        n = session.scalar(
            select(func.count())
            .select_from(Action)
            .where(Action.circle_id == lc.circle_id, Action.status == ActionStatus.OPEN)
        )
        if n:
            found.append(
                f"{n} action{' is' if n == 1 else 's are'} still open: mark each done, or blocked with the "
                "barrier raised."
            )
    elif code == "themes_shared":
        if not session.scalar(select(exists().where(LearningTheme.circle_id == lc.circle_id))):
            found.append("Add the themes of this learning circle.")
    return tuple(found)


def checklist(session: Session, circle_id: int) -> Checklist:
    """The three stages with each step's state (done by whom and when, not applicable and why, or left)."""
    lc = find_learning_circle(session, circle_id)
    meeting = meeting_of(session, lc)
    recorded = {r.step: r for r in lc.steps}
    holders = {role: role_holder(session, circle_id, role) for role in ROLES}
    names = {}
    ids = {pid for pid in holders.values() if pid} | {r.done_by_id for r in lc.steps if r.done_by_id}
    if ids:
        names = {p.id: p.display_name for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    stages = []
    for stage in STAGES:
        rows = []
        for step in (s for s in STEPS if s.stage == stage):
            r = recorded.get(step.code)
            rows.append(
                StepStatus(
                    code=step.code,
                    stage=stage,
                    label=step.label,
                    who_label=step.who,
                    hint=step.hint,
                    state=r.state if r else "left",
                    on=r.done_on if r else None,
                    by_id=r.done_by_id if r else None,
                    by_name=names.get(r.done_by_id, "") if r and r.done_by_id else "",
                    reason=r.reason if r else "",
                    suggested_by_id=holders.get(step.by_role) if step.by_role else None,  # type: ignore[call-overload]
                    blockers=() if r else _blockers(session, lc, step, meeting),
                )
            )
        stages.append(StageStatus(stage, STAGE_LABELS[stage], tuple(rows)))
    return Checklist(circle_id, lc.stage, lc.completed_on, tuple(stages))


def describe_left(left: tuple[StepStatus, ...] | list[StepStatus]) -> str:
    """What is left, in the users' words, grouped by stage."""
    parts = []
    for stage in STAGES:
        labels = [s.label for s in left if s.stage == stage]
        if labels:
            parts.append(f"{STAGE_LABELS[stage].lower()}: " + "; ".join(labels))
    return ("Still to do " + ". Still to do ".join(parts) + ".") if parts else ""


def _step(code: str) -> Step:
    step = BY_CODE.get(code)
    if step is None:
        raise ValidationError(f"“{code}” is not a step of a learning circle.", "step")
    return step


def _check_date(
    p: Problems, step: Step, on_date: date | None, circle: Circle, meeting: Meeting | None, today: date
) -> None:
    what = "date of the case note" if step.code == CASE_NOTE else "date this was done"
    if on_date is None:
        p.add(
            "on_date", "Enter the date of the case note." if step.code == CASE_NOTE else "Enter the date this was done."
        )
        return
    p.not_before("on_date", on_date, circle.started_on, what, "date the learning circle was proposed")
    if on_date > today:
        p.add("on_date", f"The {what} cannot be in the future.")
    if meeting is not None and step.stage != LearningStage.BEFORE:
        held = meeting.starts_at.date()
        p.not_before("on_date", on_date, held, what, "date of the learning circle")
        if step.stage == LearningStage.DURING and on_date != held and "on_date" not in p.errors:
            p.add("on_date", f"Steps during the learning circle are dated the day it met ({uk_date(held)}).")


def _check_person(p: Problems, session: Session, circle_id: int, person_id: int | None) -> None:
    if person_id is not None and not is_member(session, circle_id, person_id):
        p.add("done_by_id", "Choose someone in this learning circle.")


def mark_step(
    session: Session,
    circle_id: int,
    step: str,
    on_date: date | None = None,
    done_by_id: int | None = None,
    today: date | None = None,
) -> LearningStepRecord:
    """Tick a step done: when, and by whom. Steps during the circle default to its date; who defaults to
    the member whose step it usually is (the Service Manager notifies practitioners, and so on)."""
    lc = find_learning_circle(session, circle_id)
    check_writable(lc)
    s = _step(step)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = meeting_of(session, lc)
    if on_date is None and s.stage == LearningStage.DURING and meeting is not None:
        on_date = meeting.starts_at.date()
    if done_by_id is None and s.by_role:
        done_by_id = role_holder(session, circle_id, s.by_role)
    p = Problems()
    blockers = _blockers(session, lc, s, meeting)
    if blockers:
        p.add("step", f"Before “{s.label}” can be marked done: " + " ".join(blockers))
    _check_date(p, s, on_date, circle, meeting, today or date.today())
    if done_by_id is None and s.who_required:
        p.add(
            "done_by_id",
            {
                "Timekeeper": "Choose the timekeeper.",
                "Told by": "Choose who told the child's story.",
            }.get(s.who, "Choose who did this."),
        )
    _check_person(p, session, circle_id, done_by_id)
    p.raise_if_any()
    return _record(session, lc, s, StepState.DONE, on_date, done_by_id, "")


def mark_not_applicable(
    session: Session,
    circle_id: int,
    step: str,
    reason: str,
    on_date: date | None = None,
    done_by_id: int | None = None,
    today: date | None = None,
) -> LearningStepRecord:
    """Mark a step not applicable; the reason is required (it is what lets the circle complete without it)."""
    lc = find_learning_circle(session, circle_id)
    check_writable(lc)
    s = _step(step)
    circle = get(session, Circle, circle_id, "learning circle")
    p = Problems()
    if not reason.strip():
        p.add("reason", f"Say why “{s.label}” does not apply.")
    if on_date is not None:
        p.not_before("on_date", on_date, circle.started_on, "date", "date the learning circle was proposed")
        if on_date > (today or date.today()):
            p.add("on_date", "The date cannot be in the future.")
    _check_person(p, session, circle_id, done_by_id)
    p.raise_if_any()
    return _record(session, lc, s, StepState.NOT_APPLICABLE, on_date, done_by_id, reason.strip())


def undo_step(session: Session, circle_id: int, step: str) -> None:
    """Put a step back to "still to do"."""
    lc = find_learning_circle(session, circle_id)
    check_writable(lc)
    s = _step(step)
    row = session.get(LearningStepRecord, (circle_id, s.code))
    if row is None:
        return
    session.delete(row)
    session.flush()
    session.expire(lc, ["steps"])
    refresh_stage(session, lc)
    audit.record(session, "learning circle step updated", f"circle {circle_id}", f"{s.code} left")


def _record(
    session: Session,
    lc: LearningCircle,
    step: Step,
    state: str,
    on_date: date | None,
    by_id: int | None,
    reason: str,
) -> LearningStepRecord:
    row = session.get(LearningStepRecord, (lc.circle_id, step.code))
    if row is None:
        row = LearningStepRecord(circle_id=lc.circle_id, step=step.code)
        session.add(row)
    row.state, row.done_on, row.done_by_id, row.reason = state, on_date, by_id, reason
    session.flush()
    session.expire(lc, ["steps"])
    refresh_stage(session, lc)
    audit.record(session, "learning circle step updated", f"circle {lc.circle_id}", f"{step.code} {state}")
    return row


# --- completing ----------------------------------------------------------------------------------
def completion_problems(session: Session, circle_id: int, on_date: date | None, today: date | None = None) -> dict:
    """What stops the learning circle being completed on a date (empty when it can). Show before trying."""
    lc = find_learning_circle(session, circle_id)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = meeting_of(session, lc)
    p = Problems()
    if lc.stage == LearningStage.COMPLETE:
        p.add("", "This learning circle is already complete.")
        return p.errors
    left = checklist(session, circle_id).left
    if left:
        p.add(
            "steps",
            f"{describe_left(left)} Mark each step done, or not applicable with the reason, before the "
            "learning circle can be completed.",
        )
    if meeting is None:
        p.add("meets_at", "Enter the date and time of the learning circle before completing it.")
    if on_date is None:
        p.add("on_date", "Enter the date the learning circle was completed.")
        return p.errors
    if on_date > (today or date.today()):
        p.add("on_date", "The completion date cannot be in the future.")
    if meeting is not None:
        p.not_before("on_date", on_date, meeting.starts_at.date(), "completion date", "date of the learning circle")
    p.not_before("on_date", on_date, circle.started_on, "completion date", "date the learning circle was proposed")
    last = max((r.done_on for r in lc.steps if r.done_on is not None), default=None)
    p.not_before("on_date", on_date, last, "completion date", "last step recorded")
    return p.errors


def complete_circle(session: Session, circle_id: int, on_date: date | None, today: date | None = None) -> Circle:
    problems = completion_problems(session, circle_id, on_date, today)
    if problems:
        raise ValidationError(problems)
    lc = find_learning_circle(session, circle_id)
    lc.completed_on = on_date
    refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}", "complete")
    return get(session, Circle, circle_id, "learning circle")


def reopen_circle(session: Session, circle_id: int) -> Circle:
    lc = find_learning_circle(session, circle_id)
    if lc.stage != LearningStage.COMPLETE:
        raise ValidationError("This learning circle is not complete.")
    lc.completed_on = None
    refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}", "reopened")
    return get(session, Circle, circle_id, "learning circle")
