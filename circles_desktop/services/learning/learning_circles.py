"""Locality Learning Circles: proposing one about a child, the people in it, its date and room, the
three-stage checklist (before, during, after) and completing it; its learning points and actions; the
learning circles list by stage and month.

A learning circle is a Circle of kind "learning" (reference LLC-00012, proposal date = started_on, the
Head of Locality as its coordinator), its people are CircleMembers (inner ring; roles head of locality,
service manager, team manager, practitioner, learner), the circle itself is one Meeting (kind
learning_circle: date, time, room or platform, attendance), its actions are Actions. Its stage is the
first stage with steps still to do ("after" with nothing left means ready to complete), or "complete".

Audit entries name the circle by record number only: never the child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Attendance,
    Child,
    Circle,
    CircleMember,
    LearningCircle,
    LearningPoint,
    LearningReason,
    LearningStepRecord,
    LearningTheme,
    Meeting,
    Person,
)
from circles_desktop.models.learning import LearningStage, SelectionReason, StepState
from circles_desktop.models.vocab import ActionStatus, CircleKind, CircleStatus, MeetingKind, MemberRole, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.common.validation import NotFound, Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_steps import BY_CODE, CASE_NOTE, STAGE_LABELS, STAGES, STEPS, Step
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.security import audit

MANAGER_ROLES = (MemberRole.HEAD_OF_LOCALITY, MemberRole.SERVICE_MANAGER, MemberRole.TEAM_MANAGER)
PEOPLE_ROLES = (MemberRole.PRACTITIONER, MemberRole.LEARNER)  # added one by one with add_learner
ROLES = (*MANAGER_ROLES, *PEOPLE_ROLES)
REASONS = SelectionReason.values()
COMPLETE_FIRST = "This learning circle is complete; reopen it to make changes."


@dataclass
class LearningCircleForm:
    child_id: int | None = None
    reasons: set[str] = field(default_factory=set)  # SelectionReason codes; several may apply
    other_reason: str = ""  # the words for "other"
    proposed_on: date | None = None  # the Locality Management Meeting that proposed it
    head_of_locality_id: int | None = None
    service_manager_id: int | None = None
    team_manager_id: int | None = None
    meets_at: datetime | None = None  # date and start time of the learning circle, once set
    duration_minutes: int = 60  # "for 1 hour"
    venue: str = ""  # the room, or the virtual platform
    virtual: bool = False
    areas_of_focus: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LearningCircleRow:
    """One line of the learning circles list."""

    id: int
    reference: str
    child_id: int
    child_name: str
    case_reference: str
    locality: str
    proposed_on: date
    meets_at: datetime | None
    venue: str
    virtual: bool
    stage: str
    steps_left: int
    open_actions: int  # open or blocked
    completed_on: date | None

    @property
    def when(self) -> date:
        """The date the list sorts and groups by: the circle's date, or its proposal date until it has one."""
        return self.meets_at.date() if self.meets_at else self.proposed_on


@dataclass(frozen=True)
class LearningCircleDetail:
    """The learning circle's own facts, readable after the session closes."""

    id: int
    reference: str
    child_id: int
    child_name: str
    child_date_of_birth: date
    locality: str
    case_reference: str
    reasons: tuple[str, ...]  # codes, in SelectionReason order
    reason_labels: tuple[str, ...]  # the words, "Other: …" with its text
    other_reason: str
    proposed_on: date
    head_of_locality_id: int | None
    service_manager_id: int | None
    team_manager_id: int | None
    meeting_id: int | None
    meets_at: datetime | None
    ends_at: datetime | None
    venue: str
    virtual: bool
    areas_of_focus: str
    notes: str
    stage: str
    completed_on: date | None
    case_note_on: date | None
    themes: tuple[str, ...]

    @property
    def held_on(self) -> date | None:
        return self.meets_at.date() if self.meets_at else None


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


@dataclass(frozen=True)
class LearningPointRow:
    id: int
    position: int
    text: str


@dataclass(frozen=True)
class LearningActionRow:
    id: int
    description: str
    owner_id: int | None
    owner: str
    created_on: date
    due_on: date | None
    status: str  # open, done, blocked
    barrier: str
    done_on: date | None


# --- reading -------------------------------------------------------------------------------------
def _learning(session: Session, circle_id: int) -> LearningCircle:
    lc = session.get(LearningCircle, circle_id)
    if lc is None:
        raise NotFound("The learning circle could not be found; it may have been deleted.")
    return lc


def _meeting(session: Session, lc: LearningCircle) -> Meeting | None:
    return session.get(Meeting, lc.meeting_id) if lc.meeting_id is not None else None


def _role_holder(session: Session, circle_id: int, role: str) -> int | None:
    return session.scalar(
        select(CircleMember.person_id)
        .where(CircleMember.circle_id == circle_id, CircleMember.role == role, CircleMember.left_on.is_(None))
        .order_by(CircleMember.id)
        .limit(1)
    )


def reason_labels(codes: list[str] | tuple[str, ...] | set[str], other: str = "") -> tuple[str, ...]:
    ordered = [c for c in REASONS if c in codes]
    return tuple(
        (f"Other: {other}" if other else "Other") if c == SelectionReason.OTHER else SelectionReason(c).label
        for c in ordered
    )


def _minutes(start: datetime | None, end: datetime | None) -> int:
    if start is None or end is None:
        return 60
    return int((end - start).total_seconds() // 60)


def get_learning_circle(session: Session, circle_id: int) -> LearningCircleDetail:
    lc = _learning(session, circle_id)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = _meeting(session, lc)
    codes = tuple(c for c in REASONS if c in {r.reason for r in lc.reasons})
    case_note = next((s for s in lc.steps if s.step == CASE_NOTE and s.state == StepState.DONE), None)
    themes = session.scalars(select(LearningTheme).where(LearningTheme.circle_id == circle_id)).all()
    return LearningCircleDetail(
        id=circle.id,
        reference=circle.reference,
        child_id=lc.child_id,
        child_name=lc.child.display_name,
        child_date_of_birth=lc.child.date_of_birth,
        locality=lc.child.locality,
        case_reference=lc.child.case_reference,
        reasons=codes,
        reason_labels=reason_labels(codes, lc.other_reason),
        other_reason=lc.other_reason,
        proposed_on=circle.started_on,
        head_of_locality_id=_role_holder(session, circle_id, MemberRole.HEAD_OF_LOCALITY),
        service_manager_id=_role_holder(session, circle_id, MemberRole.SERVICE_MANAGER),
        team_manager_id=_role_holder(session, circle_id, MemberRole.TEAM_MANAGER),
        meeting_id=lc.meeting_id,
        meets_at=meeting.starts_at if meeting else None,
        ends_at=meeting.ends_at if meeting else None,
        venue=meeting.venue if meeting else "",
        virtual=lc.virtual,
        areas_of_focus=lc.areas_of_focus,
        notes=circle.notes,
        stage=lc.stage,
        completed_on=lc.completed_on,
        case_note_on=case_note.done_on if case_note else None,
        themes=tuple(sorted((t.theme.name for t in themes), key=str.casefold)),
    )


def learning_circle_form(session: Session, circle_id: int) -> LearningCircleForm:
    d = get_learning_circle(session, circle_id)
    return LearningCircleForm(
        child_id=d.child_id,
        reasons=set(d.reasons),
        other_reason=d.other_reason,
        proposed_on=d.proposed_on,
        head_of_locality_id=d.head_of_locality_id,
        service_manager_id=d.service_manager_id,
        team_manager_id=d.team_manager_id,
        meets_at=d.meets_at,
        duration_minutes=_minutes(d.meets_at, d.ends_at),
        venue=d.venue,
        virtual=d.virtual,
        areas_of_focus=d.areas_of_focus,
        notes=d.notes,
    )


# --- validation ----------------------------------------------------------------------------------
def _validate(session: Session, form: LearningCircleForm) -> None:
    p = Problems()
    p.choose("child_id", form.child_id, "the child")
    if not form.reasons:
        p.add("reasons", "Choose at least one reason the child was selected.")
    for code in sorted(form.reasons):
        if code not in REASONS:
            p.add("reasons", f"“{code}” is not a known reason for selecting a child.")
    if SelectionReason.OTHER in form.reasons and not form.other_reason.strip():
        p.add("other_reason", "Say what the other reason is.")
    if SelectionReason.OTHER not in form.reasons and form.other_reason.strip():
        p.add("other_reason", "Tick “Other” as a reason, or clear this text.")
    p.require("proposed_on", form.proposed_on, "the date of the Locality Management Meeting that proposed it")
    p.choose("head_of_locality_id", form.head_of_locality_id, "the Head of Locality")
    seen: dict[int, str] = {}
    for fld, pid, what in (
        ("head_of_locality_id", form.head_of_locality_id, "Head of Locality"),
        ("service_manager_id", form.service_manager_id, "Service Manager"),
        ("team_manager_id", form.team_manager_id, "Team Manager"),
    ):
        if pid is None:
            continue
        if pid in seen:
            p.add(fld, f"The {what} cannot also be the {seen[pid]}: choose someone else.")
        seen.setdefault(pid, what)
    if form.meets_at is not None:
        p.not_before(
            "meets_at",
            form.meets_at.date(),
            form.proposed_on,
            "date of the learning circle",
            "date it was proposed at the Locality Management Meeting",
        )
    if not 15 <= form.duration_minutes <= 480:
        p.add("duration_minutes", "A learning circle lasts between 15 minutes and 8 hours.")
    p.max_length("venue", form.venue, 200, "room or virtual platform")
    p.raise_if_any()
    get(session, Child, form.child_id, "child's record")
    for pid, what in (
        (form.head_of_locality_id, "Head of Locality"),
        (form.service_manager_id, "Service Manager"),
        (form.team_manager_id, "Team Manager"),
    ):
        if pid is not None:
            get(session, Person, pid, what)


def _check_against_record(session: Session, lc: LearningCircle, form: LearningCircleForm) -> None:
    """An edit may not leave recorded steps or actions dated before the dates they depend on."""
    p = Problems()
    if lc.stage == LearningStage.COMPLETE:
        p.add("", COMPLETE_FIRST)
        p.raise_if_any()
    dated = [s for s in lc.steps if s.done_on is not None]
    if form.child_id != lc.child_id and lc.steps:
        p.add("child_id", "The child cannot be changed once steps of the checklist are recorded.")
    if dated and form.proposed_on is not None:
        first = min(s.done_on for s in dated)  # type: ignore[type-var]
        if first < form.proposed_on:
            p.add(
                "proposed_on",
                f"Steps of the checklist are recorded from {uk_date(first)} (marked "
                f"“{BY_CODE[_first_step(dated, first)].label}”); the proposal date cannot be after that.",
            )
    later = [s for s in lc.steps if BY_CODE[s.step].stage != LearningStage.BEFORE]
    if later and form.meets_at is None:
        p.add("meets_at", "Steps during or after the learning circle are recorded, so its date cannot be cleared.")
    elif form.meets_at is not None:
        day = form.meets_at.date()
        early = [s for s in later if s.done_on is not None and s.done_on < day]
        if early:
            first = min(s.done_on for s in early)  # type: ignore[type-var]
            p.add(
                "meets_at",
                f"“{BY_CODE[_first_step(early, first)].label}” is recorded on {uk_date(first)}; the learning circle "
                "cannot be dated after that. Change that step first.",
            )
        if lc.meeting_id is not None:
            agreed = session.scalar(select(func.min(Action.created_on)).where(Action.meeting_id == lc.meeting_id))
            if agreed is not None and agreed < day and "meets_at" not in p.errors:
                p.add(
                    "meets_at",
                    f"Actions from this learning circle are recorded as agreed on {uk_date(agreed)}; "
                    "it cannot be dated after that.",
                )
    p.raise_if_any()


def _first_step(rows: list[LearningStepRecord], on: date) -> str:
    order = {s.code: i for i, s in enumerate(STEPS)}
    return min((r for r in rows if r.done_on == on), key=lambda r: order[r.step]).step


# --- create and update ---------------------------------------------------------------------------
def create_learning_circle(session: Session, form: LearningCircleForm) -> Circle:
    """A learning circle proposed at the Locality Management Meeting. The managers named join it, and so
    does the child's allocated practitioner."""
    _validate(session, form)
    circle = circles.create_circle(
        session,
        circles.CircleForm(
            kind=CircleKind.LEARNING,
            started_on=form.proposed_on,
            coordinator_id=form.head_of_locality_id,
            notes=form.notes,
        ),
    )
    lc = LearningCircle(circle_id=circle.id, child_id=form.child_id, stage=LearningStage.BEFORE)
    _apply(lc, form)
    session.add(lc)
    session.flush()
    _sync_managers(session, circle, form)
    practitioner = session.scalar(select(Child.practitioner_id).where(Child.id == form.child_id))
    if practitioner is not None and not _is_member(session, circle.id, practitioner):
        members.add_member(session, circle.id, practitioner, Ring.INNER, MemberRole.PRACTITIONER, circle.started_on)
    _sync_meeting(session, lc, circle, form)
    _refresh_stage(session, lc)
    audit.record(session, "learning circle created", f"circle {circle.id}")
    return circle


def update_learning_circle(session: Session, circle_id: int, form: LearningCircleForm) -> Circle:
    lc = _learning(session, circle_id)
    _validate(session, form)
    _check_against_record(session, lc, form)
    circle = get(session, Circle, circle_id, "learning circle")
    if form.proposed_on is not None and form.proposed_on != circle.started_on:
        # Members joined when it was proposed; they move with the proposal date.
        for m in session.scalars(select(CircleMember).where(CircleMember.circle_id == circle_id)):
            if m.joined_on == circle.started_on or m.joined_on < form.proposed_on:
                m.joined_on = form.proposed_on
    circle_form = circles.circle_form(session, circle_id)
    circle_form.started_on = form.proposed_on
    circle_form.coordinator_id = form.head_of_locality_id
    circle_form.notes = form.notes
    meeting = _meeting(session, lc)
    if meeting is not None and form.meets_at is not None:
        # Move the meeting first, so the circle's own rule (start date not after its first meeting) holds.
        meeting.starts_at = form.meets_at
        session.flush()
    circles.update_circle(session, circle_id, circle_form)
    lc.child_id = form.child_id  # type: ignore[assignment]
    _apply(lc, form)
    _sync_managers(session, circle, form)
    _sync_meeting(session, lc, circle, form)
    _refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}")
    return circle


def _apply(lc: LearningCircle, form: LearningCircleForm) -> None:
    lc.virtual = bool(form.virtual)
    lc.other_reason = clean(form.other_reason)
    lc.areas_of_focus = form.areas_of_focus.strip()
    wanted = set(form.reasons)
    lc.reasons = [r for r in lc.reasons if r.reason in wanted] + [
        LearningReason(reason=code) for code in REASONS if code in wanted and code not in {r.reason for r in lc.reasons}
    ]


def _is_member(session: Session, circle_id: int, person_id: int) -> bool:
    return bool(
        session.scalar(select(exists().where(CircleMember.circle_id == circle_id, CircleMember.person_id == person_id)))
    )


def _sync_managers(session: Session, circle: Circle, form: LearningCircleForm) -> None:
    """The Head of Locality, Service Manager and Team Manager on the form are the members with those roles.
    Someone replaced is taken out of the circle, or (if their attendance is recorded) stays as a learner."""
    wanted = {
        MemberRole.HEAD_OF_LOCALITY: form.head_of_locality_id,
        MemberRole.SERVICE_MANAGER: form.service_manager_id,
        MemberRole.TEAM_MANAGER: form.team_manager_id,
    }
    for role, person_id in wanted.items():
        for m in session.scalars(
            select(CircleMember).where(CircleMember.circle_id == circle.id, CircleMember.role == role)
        ).all():
            if m.person_id == person_id:
                continue
            attended = session.scalar(select(exists().where(Attendance.member_id == m.id)))
            if attended:
                m.role = MemberRole.LEARNER
            else:
                session.delete(m)
            session.flush()
            audit.record(session, "circle member updated", f"circle member {m.id}", f"no longer {role}")
    for role, person_id in wanted.items():
        if person_id is None:
            continue
        current = session.scalars(
            select(CircleMember).where(CircleMember.circle_id == circle.id, CircleMember.person_id == person_id)
        ).first()
        if current is None:
            members.add_member(session, circle.id, person_id, Ring.INNER, role, circle.started_on)
        elif current.role != role:
            current.role = role
            current.left_on = None
            session.flush()
            audit.record(session, "circle member updated", f"circle member {current.id}", f"now {role}")


def _sync_meeting(session: Session, lc: LearningCircle, circle: Circle, form: LearningCircleForm) -> None:
    if form.meets_at is None:
        if lc.meeting_id is not None:
            meetings.delete_meeting(session, lc.meeting_id)
            lc.meeting_id = None
        return
    mform = meetings.MeetingForm(
        kind=MeetingKind.LEARNING_CIRCLE,
        starts_at=form.meets_at,
        ends_at=form.meets_at + timedelta(minutes=form.duration_minutes),
        venue=form.venue,
        notes="",
    )
    if lc.meeting_id is None:
        lc.meeting_id = meetings.create_meeting(session, circle.id, mform).id
    else:
        mform.notes = meetings.get_meeting(session, lc.meeting_id).notes
        meetings.update_meeting(session, lc.meeting_id, mform)
    session.flush()


def delete_learning_circle(session: Session, circle_id: int) -> None:
    """Delete a learning circle proposed by mistake (its steps, points, themes, meeting and actions go too).
    A complete learning circle is kept."""
    lc = _learning(session, circle_id)
    if lc.stage == LearningStage.COMPLETE:
        raise ValidationError("A complete learning circle is part of the record and cannot be deleted.")
    circle = get(session, Circle, circle_id, "learning circle")
    session.execute(delete(Action).where(Action.circle_id == circle_id))
    session.delete(lc)
    session.flush()
    for m in session.scalars(select(Meeting).where(Meeting.circle_id == circle_id)).all():
        session.delete(m)
    for m in session.scalars(select(CircleMember).where(CircleMember.circle_id == circle_id)).all():
        session.delete(m)
    session.flush()
    session.delete(circle)
    session.flush()
    audit.record(session, "learning circle deleted", f"circle {circle_id}")


# --- people --------------------------------------------------------------------------------------
def add_learner(
    session: Session,
    circle_id: int,
    person_id: int | None,
    role: str = MemberRole.LEARNER,
    joined_on: date | None = None,
) -> CircleMember:
    """Add a practitioner or a learner (who may not be working with the child). Managers are set on the form."""
    lc = _learning(session, circle_id)
    if lc.stage == LearningStage.COMPLETE:
        raise ValidationError(COMPLETE_FIRST)
    if role not in PEOPLE_ROLES:
        raise ValidationError(
            "Add a practitioner or a learner here; the Head of Locality, Service Manager and Team Manager "
            "are chosen on the learning circle's form.",
            "role",
        )
    circle = get(session, Circle, circle_id, "learning circle")
    return members.add_member(session, circle_id, person_id, Ring.INNER, role, joined_on or circle.started_on)


def learning_members(session: Session, circle_id: int) -> list[members.MemberRow]:
    """Everyone in the learning circle: managers first, then practitioners, then learners."""
    order = {r: i for i, r in enumerate(ROLES)}
    rows = members.members(session, circle_id)
    return sorted(rows, key=lambda r: (order.get(r.role, 99), r.name.casefold(), r.id))


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
    lc = _learning(session, circle_id)
    meeting = _meeting(session, lc)
    recorded = {r.step: r for r in lc.steps}
    holders = {role: _role_holder(session, circle_id, role) for role in ROLES}
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


def _writable(lc: LearningCircle) -> None:
    if lc.stage == LearningStage.COMPLETE:
        raise ValidationError(COMPLETE_FIRST)


def editable(session: Session, circle_id: int) -> LearningCircle:
    """The learning circle's own row, for a change: NotFound if gone, ValidationError if complete."""
    lc = _learning(session, circle_id)
    _writable(lc)
    return lc


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
    if person_id is not None and not _is_member(session, circle_id, person_id):
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
    lc = _learning(session, circle_id)
    _writable(lc)
    s = _step(step)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = _meeting(session, lc)
    if on_date is None and s.stage == LearningStage.DURING and meeting is not None:
        on_date = meeting.starts_at.date()
    if done_by_id is None and s.by_role:
        done_by_id = _role_holder(session, circle_id, s.by_role)
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
    lc = _learning(session, circle_id)
    _writable(lc)
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
    lc = _learning(session, circle_id)
    _writable(lc)
    s = _step(step)
    row = session.get(LearningStepRecord, (circle_id, s.code))
    if row is None:
        return
    session.delete(row)
    session.flush()
    session.expire(lc, ["steps"])
    _refresh_stage(session, lc)
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
    _refresh_stage(session, lc)
    audit.record(session, "learning circle step updated", f"circle {lc.circle_id}", f"{step.code} {state}")
    return row


def _refresh_stage(session: Session, lc: LearningCircle) -> None:
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
            meeting = _meeting(session, lc)
            circle.status = CircleStatus.ACTIVE
            circle.activated_on = meeting.starts_at.date() if meeting else circle.started_on
    session.flush()


# --- completing ----------------------------------------------------------------------------------
def completion_problems(session: Session, circle_id: int, on_date: date | None, today: date | None = None) -> dict:
    """What stops the learning circle being completed on a date (empty when it can). Show before trying."""
    lc = _learning(session, circle_id)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = _meeting(session, lc)
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
    lc = _learning(session, circle_id)
    lc.completed_on = on_date
    _refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}", "complete")
    return get(session, Circle, circle_id, "learning circle")


def reopen_circle(session: Session, circle_id: int) -> Circle:
    lc = _learning(session, circle_id)
    if lc.stage != LearningStage.COMPLETE:
        raise ValidationError("This learning circle is not complete.")
    lc.completed_on = None
    _refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}", "reopened")
    return get(session, Circle, circle_id, "learning circle")


# --- learning points -----------------------------------------------------------------------------
def learning_points(session: Session, circle_id: int) -> list[LearningPointRow]:
    stmt = select(LearningPoint).where(LearningPoint.circle_id == circle_id).order_by(LearningPoint.position)
    return [LearningPointRow(p.id, p.position, p.text) for p in session.scalars(stmt)]


def add_learning_point(session: Session, circle_id: int, text: str) -> LearningPoint:
    lc = _learning(session, circle_id)
    _writable(lc)
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
    _writable(_learning(session, point.circle_id))
    if not text.strip():
        raise ValidationError("Enter the learning point, or delete it.", "text")
    point.text = text.strip()
    session.flush()
    audit.record(session, "learning point updated", f"learning point {point.id}", f"circle {point.circle_id}")
    return point


def move_learning_point(session: Session, point_id: int, position: int) -> None:
    """Move a point to a 1-based position; the others close up."""
    point = get(session, LearningPoint, point_id, "learning point")
    _writable(_learning(session, point.circle_id))
    rows = list(
        session.scalars(
            select(LearningPoint).where(LearningPoint.circle_id == point.circle_id).order_by(LearningPoint.position)
        )
    )
    rows.remove(point)
    rows.insert(max(0, min(position - 1, len(rows))), point)
    for i, r in enumerate(rows, start=1):
        r.position = i
    session.flush()
    audit.record(session, "learning point updated", f"learning point {point.id}", "moved")


def delete_learning_point(session: Session, point_id: int) -> None:
    point = get(session, LearningPoint, point_id, "learning point")
    lc = _learning(session, point.circle_id)
    _writable(lc)
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
    for i, r in enumerate(
        session.scalars(
            select(LearningPoint).where(LearningPoint.circle_id == circle_id).order_by(LearningPoint.position)
        ),
        start=1,
    ):
        r.position = i
    session.flush()
    audit.record(session, "learning point deleted", f"learning point {point_id}", f"circle {circle_id}")


# --- actions (the Action records of the circle) --------------------------------------------------
def new_action_form(session: Session, circle_id: int) -> actions.ActionForm:
    """An ActionForm ready for an action agreed at the learning circle: save it with actions.add_action."""
    lc = _learning(session, circle_id)
    meeting = _meeting(session, lc)
    return actions.ActionForm(
        created_on=meeting.starts_at.date() if meeting else None,
        meeting_id=meeting.id if meeting else None,
    )


def learning_actions(session: Session, circle_id: int) -> list[LearningActionRow]:
    return [
        LearningActionRow(
            a.id,
            a.description,
            a.owner_id,
            a.owner.display_name if a.owner else "",
            a.created_on,
            a.due_on,
            a.status,
            a.barrier,
            a.done_on,
        )
        for a in actions.list_actions(session, circle_id)
    ]


# --- the learning circles list -------------------------------------------------------------------
def _word_start(column: ColumnElement[str], key: str) -> ColumnElement[bool]:
    """The key starts the column's text or one of its later words ("suil" finds "o suilleabhain")."""
    return or_(starts_with(column, key), column.like(f"% {key}%"))  # type: ignore[arg-type]


def _month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _when() -> ColumnElement[date]:
    # The circle's date, or its proposal date until it has one (ISO text in SQLite: compares as dates).
    return func.coalesce(func.date(Meeting.starts_at), Circle.started_on)


def _base(
    stmt: Select,
    stage: str | None,
    month: date | None,
    text: str,
    theme_id: int | None,
    date_from: date | None,
    date_to: date | None,
    child_id: int | None = None,
) -> Select:
    stmt = (
        stmt.select_from(LearningCircle)
        .join(Circle, Circle.id == LearningCircle.circle_id)
        .join(Child, Child.id == LearningCircle.child_id)
        .outerjoin(Meeting, Meeting.id == LearningCircle.meeting_id)
    )
    conds: list[ColumnElement[bool]] = []
    if child_id is not None:
        conds.append(LearningCircle.child_id == child_id)
    if stage:
        conds.append(LearningCircle.stage == stage)
    if month is not None:
        first, last = _month_range(month)
        conds.append(_when().between(first.isoformat(), last.isoformat()))
    if date_from is not None:
        conds.append(_when() >= date_from.isoformat())
    if date_to is not None:
        conds.append(_when() <= date_to.isoformat())
    if theme_id is not None:
        conds.append(
            exists().where(LearningTheme.circle_id == LearningCircle.circle_id, LearningTheme.theme_id == theme_id)
        )
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(
                or_(
                    _word_start(Child.family_key, key),
                    _word_start(Child.given_key, key),
                    starts_with(Child.case_reference_key, key),
                    _word_start(func.lower(Child.locality), key),
                    Circle.reference == word.upper(),
                )
            )
    return stmt.where(and_(*conds)) if conds else stmt


def list_learning_circles(
    session: Session,
    stage: str | None = None,
    month: date | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    descending: bool = True,
    theme_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    child_id: int | None = None,
) -> list[LearningCircleRow]:
    """Learning circles by stage and month (any day of it), newest first. `text` matches the child's names,
    the case record reference, the locality or the circle's reference (LLC-00012). `theme_id` with
    `date_from`/`date_to` lists the circles behind a theme count."""
    done = (
        select(func.count())
        .select_from(LearningStepRecord)
        .where(LearningStepRecord.circle_id == LearningCircle.circle_id)
        .scalar_subquery()
    )
    open_actions = (
        select(func.count())
        .select_from(Action)
        .where(Action.circle_id == LearningCircle.circle_id, Action.status != ActionStatus.DONE)
        .scalar_subquery()
    )
    when = _when()
    stmt = _base(
        select(
            Circle.id,
            Circle.reference,
            Child.id.label("child_id"),
            Child.given_name,
            Child.family_name,
            Child.case_reference,
            Child.locality,
            Circle.started_on,
            Meeting.starts_at,
            Meeting.venue,
            LearningCircle.virtual,
            LearningCircle.stage,
            done.label("done"),
            open_actions.label("open_actions"),
            LearningCircle.completed_on,
        ),
        stage,
        month,
        text,
        theme_id,
        date_from,
        date_to,
        child_id,
    )
    order = [when.desc(), Circle.id.desc()] if descending else [when, Circle.id]
    stmt = stmt.order_by(*order).offset(offset).limit(limit)
    return [
        LearningCircleRow(
            r.id,
            r.reference,
            r.child_id,
            f"{r.given_name} {r.family_name}",
            r.case_reference,
            r.locality,
            r.started_on,
            r.starts_at,
            r.venue or "",
            bool(r.virtual),
            r.stage,
            len(STEPS) - r.done,
            r.open_actions,
            r.completed_on,
        )
        for r in session.execute(stmt)
    ]


def count_learning_circles(
    session: Session,
    stage: str | None = None,
    month: date | None = None,
    text: str = "",
    theme_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> int:
    stmt = _base(select(func.count()), stage, month, text, theme_id, date_from, date_to)
    return session.scalar(stmt) or 0


def counts_by_stage(session: Session, month: date | None = None, text: str = "") -> dict[str, int]:
    """{stage: number of learning circles} for all four stages (for the list's stage tabs)."""
    stmt = _base(select(LearningCircle.stage, func.count()), None, month, text, None, None, None)
    found = {stage: n for stage, n in session.execute(stmt.group_by(LearningCircle.stage))}
    return {s: found.get(s, 0) for s in LearningStage.values()}


def learning_months(session: Session) -> list[date]:
    """The first day of each month that has a learning circle (by its date, or proposal date), newest first."""
    stmt = _base(select(func.distinct(func.substr(_when(), 1, 7))), None, None, "", None, None, None)
    months = [date(int(m[:4]), int(m[5:7]), 1) for m in session.scalars(stmt) if m]
    return sorted(months, reverse=True)


def learning_circles_of_child(session: Session, child_id: int) -> list[LearningCircleRow]:
    """The child's learning circles, newest first (for the child's record)."""
    return list_learning_circles(session, child_id=child_id, limit=1000)
