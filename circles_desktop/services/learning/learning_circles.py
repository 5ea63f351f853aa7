"""Locality Learning Circles: proposing one about a child, editing or deleting it, the people in it
(managers chosen on the form, practitioners and learners added one by one) and its date and room.

A learning circle is a Circle of kind "learning" (reference LLC-00012, proposal date = started_on, the
Head of Locality as its coordinator), its people are CircleMembers (inner ring; roles head of locality,
service manager, team manager, practitioner, learner), the circle itself is one Meeting (kind
learning_circle: date, time, room or platform, attendance). Its checklist is `learning_checklist`, what
it agreed `learning_points`, the list of them all `learning_list`.

Audit entries name the circle by record number only: never the child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Attendance,
    Child,
    Circle,
    CircleMember,
    LearningCircle,
    LearningReason,
    LearningStepRecord,
    LearningTheme,
    Meeting,
    Person,
)
from circles_desktop.models.kinds.learning import LearningStage, SelectionReason, StepState
from circles_desktop.models.vocab import CircleKind, MeetingKind, MemberRole, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_state import (
    COMPLETE_FIRST,
    find_learning_circle,
    is_member,
    meeting_of,
    refresh_stage,
    role_holder,
)
from circles_desktop.services.learning.learning_steps import BY_CODE, CASE_NOTE, STEPS
from circles_desktop.services.meetings import meetings
from circles_desktop.services.security import audit

MANAGER_ROLES = (MemberRole.HEAD_OF_LOCALITY, MemberRole.SERVICE_MANAGER, MemberRole.TEAM_MANAGER)
PEOPLE_ROLES = (MemberRole.PRACTITIONER, MemberRole.LEARNER)  # added one by one with add_learner
ROLES = (*MANAGER_ROLES, *PEOPLE_ROLES)
REASONS = SelectionReason.values()


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


# --- reading -------------------------------------------------------------------------------------
def reason_labels(codes: list[str] | tuple[str, ...] | set[str], other: str = "") -> tuple[str, ...]:
    ordered = [c for c in REASONS if c in codes]
    return tuple(
        (f"Other: {other}" if other else "Other") if c == SelectionReason.OTHER else SelectionReason(c).label
        for c in ordered
    )


def get_learning_circle(session: Session, circle_id: int) -> LearningCircleDetail:
    lc = find_learning_circle(session, circle_id)
    circle = get(session, Circle, circle_id, "learning circle")
    meeting = meeting_of(session, lc)
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
        head_of_locality_id=role_holder(session, circle_id, MemberRole.HEAD_OF_LOCALITY),
        service_manager_id=role_holder(session, circle_id, MemberRole.SERVICE_MANAGER),
        team_manager_id=role_holder(session, circle_id, MemberRole.TEAM_MANAGER),
        meeting_id=lc.meeting_id,
        meets_at=meeting.starts_at if meeting else None,
        ends_at=meeting.ends_at if meeting else None,
        venue=lc.venue,  # known before the date is (and given to the meeting once there is one)
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
        duration_minutes=find_learning_circle(session, circle_id).duration_minutes,
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
        first = min(s.done_on for s in dated if s.done_on is not None)
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
            first = min(s.done_on for s in early if s.done_on is not None)
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
    if practitioner is not None and not is_member(session, circle.id, practitioner):
        members.add_member(session, circle.id, practitioner, Ring.INNER, MemberRole.PRACTITIONER, circle.started_on)
    _sync_meeting(session, lc, circle, form)
    refresh_stage(session, lc)
    audit.record(session, "learning circle created", f"circle {circle.id}")
    return circle


def update_learning_circle(session: Session, circle_id: int, form: LearningCircleForm) -> Circle:
    lc = find_learning_circle(session, circle_id)
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
    meeting = meeting_of(session, lc)
    if meeting is not None and form.meets_at is not None:
        # Move the meeting first, so the circle's own rule (start date not after its first meeting) holds.
        meeting.starts_at = form.meets_at
        session.flush()
    circles.update_circle(session, circle_id, circle_form)
    lc.child_id = form.child_id  # type: ignore[assignment]
    _apply(lc, form)
    _sync_managers(session, circle, form)
    _sync_meeting(session, lc, circle, form)
    refresh_stage(session, lc)
    audit.record(session, "learning circle updated", f"circle {circle_id}")
    return circle


def _apply(lc: LearningCircle, form: LearningCircleForm) -> None:
    lc.virtual = bool(form.virtual)
    lc.venue = clean(form.venue)
    lc.duration_minutes = form.duration_minutes
    lc.other_reason = clean(form.other_reason)
    lc.areas_of_focus = form.areas_of_focus.strip()
    wanted = set(form.reasons)
    lc.reasons = [r for r in lc.reasons if r.reason in wanted] + [
        LearningReason(reason=code) for code in REASONS if code in wanted and code not in {r.reason for r in lc.reasons}
    ]


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
    lc = find_learning_circle(session, circle_id)
    if lc.stage == LearningStage.COMPLETE:
        raise ValidationError("A complete learning circle is part of the record and cannot be deleted.")
    circle = get(session, Circle, circle_id, "learning circle")
    session.execute(delete(Action).where(Action.circle_id == circle_id))
    session.delete(lc)
    session.flush()
    for meeting in session.scalars(select(Meeting).where(Meeting.circle_id == circle_id)).all():
        session.delete(meeting)
    for member in session.scalars(select(CircleMember).where(CircleMember.circle_id == circle_id)).all():
        session.delete(member)
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
    lc = find_learning_circle(session, circle_id)
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
    order: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
    rows = members.members(session, circle_id)
    return sorted(rows, key=lambda r: (order.get(r.role, 99), r.name.casefold(), r.id))
