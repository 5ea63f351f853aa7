"""Meetings: when and where, who came, the minutes in ordered sections, and the decisions made.

Each minutes section and decision is tagged with one category of information; issue 4's PDF minutes
include a section only when the recipient's consent covers its category on the meeting date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Attendance, Circle, CircleMember, Decision, Meeting, MinutesSection
from circles_desktop.models.vocab import AttendanceStatus, Category, CircleKind, CircleStatus, MeetingKind, label
from circles_desktop.services.common import positions
from circles_desktop.services.common.paging import order_for
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit

# Which meeting kinds each kind of circle holds.
KINDS_FOR: dict[str, tuple[str, ...]] = {
    CircleKind.COSA: (
        MeetingKind.INITIAL_BRIEFING,
        MeetingKind.CIRCLE_MEETING,
        MeetingKind.QUARTERLY_REVIEW,
        MeetingKind.END_OF_CIRCLE_REVIEW,
    ),
    CircleKind.COMMUNITY: (
        MeetingKind.CIRCLE_MEETING,
        MeetingKind.TWELVE_MONTH_REVIEW,
        MeetingKind.END_OF_CIRCLE_REVIEW,
    ),
    CircleKind.LEARNING: (MeetingKind.LEARNING_CIRCLE,),
    CircleKind.CONVERSATION: (MeetingKind.CONVERSATION,),
    CircleKind.PRACTICE: (MeetingKind.PRACTICE_SESSION,),
}


@dataclass
class MeetingForm:
    kind: str = MeetingKind.CIRCLE_MEETING
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MeetingRow:
    id: int
    kind: str
    starts_at: datetime
    venue: str
    present: int
    sections: int
    open_actions: int


@dataclass(frozen=True)
class AttendanceRow:
    member_id: int
    person_id: int
    name: str
    ring: str
    role: str
    status: str | None  # None until recorded
    meeting_role: str = ""  # the part they took at this meeting


# Parts a member may take at a meeting (roles are reflexive: they can change from meeting to meeting);
# the coordinator may also type their own.
MEETING_ROLES = (
    "Facilitating",
    "Taking notes",
    "Keeping time",
    "Hosting",
    "Welcoming people",
    "Following up actions",
    "Supporting (connector)",
)


def _validate(circle: Circle, form: MeetingForm) -> None:
    p = Problems()
    allowed = KINDS_FOR.get(circle.kind, tuple(MeetingKind.values()))
    p.one_of("kind", form.kind, tuple(MeetingKind.values()), "kind of meeting")
    if form.kind in MeetingKind.values() and form.kind not in allowed:
        p.add("kind", f"A {label(circle.kind)} does not hold a {label(form.kind).lower()}.")
    p.require("starts_at", form.starts_at, "the date and time of the meeting")
    if form.starts_at is not None:
        p.not_before("starts_at", form.starts_at.date(), circle.started_on, "meeting date", "circle's start date")
        if circle.ended_on is not None and form.starts_at.date() > circle.ended_on:
            p.add("starts_at", f"The circle closed on {uk_date(circle.ended_on)}; the meeting cannot be after that.")
        if form.ends_at is not None and form.ends_at <= form.starts_at:
            p.add("ends_at", "The meeting must end after it starts.")
    p.max_length("venue", form.venue, 200, "venue")
    p.raise_if_any()


def create_meeting(session: Session, circle_id: int, form: MeetingForm) -> Meeting:
    circle = get(session, Circle, circle_id, "circle")
    if circle.status == CircleStatus.CLOSED:
        raise ValidationError("This circle is closed; meetings cannot be added.")
    _validate(circle, form)
    meeting = Meeting(
        circle_id=circle_id,
        kind=form.kind,
        starts_at=form.starts_at,
        ends_at=form.ends_at,
        venue=clean(form.venue),
        notes=form.notes.strip(),
    )
    session.add(meeting)
    session.flush()
    audit.record(session, "meeting created", f"meeting {meeting.id}")
    return meeting


def update_meeting(session: Session, meeting_id: int, form: MeetingForm) -> Meeting:
    meeting = get_meeting(session, meeting_id)
    circle = get(session, Circle, meeting.circle_id, "circle")
    _validate(circle, form)
    meeting.kind = form.kind
    meeting.starts_at = form.starts_at  # type: ignore[assignment]
    meeting.ends_at = form.ends_at
    meeting.venue = clean(form.venue)
    meeting.notes = form.notes.strip()
    session.flush()
    audit.record(session, "meeting updated", f"meeting {meeting.id}")
    return meeting


def delete_meeting(session: Session, meeting_id: int) -> None:
    meeting = get_meeting(session, meeting_id)
    session.delete(meeting)
    session.flush()
    audit.record(session, "meeting deleted", f"meeting {meeting_id}")


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    return get(session, Meeting, meeting_id, "meeting")


def meeting_form(session: Session, meeting_id: int) -> MeetingForm:
    m = get_meeting(session, meeting_id)
    return MeetingForm(m.kind, m.starts_at, m.ends_at, m.venue, m.notes)


def list_meetings(
    session: Session,
    circle_id: int,
    offset: int = 0,
    limit: int = 100,
    kind: str | None = None,
    descending: bool = True,
    sort: str | None = "starts_at",
) -> list[MeetingRow]:
    """A circle's meetings, newest first (or by `sort`: "starts_at", "kind", "venue"), with counts."""
    from circles_desktop.models import Action

    present = (
        select(func.count())
        .select_from(Attendance)
        .where(Attendance.meeting_id == Meeting.id, Attendance.status == AttendanceStatus.PRESENT)
        .scalar_subquery()
    )
    sections = (
        select(func.count())
        .select_from(MinutesSection)
        .where(MinutesSection.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    open_actions = (
        select(func.count())
        .select_from(Action)
        .where(Action.meeting_id == Meeting.id, Action.status != "done")
        .scalar_subquery()
    )
    sorts = {
        "starts_at": (Meeting.starts_at,),
        "kind": (Meeting.kind, Meeting.starts_at),
        "venue": (Meeting.venue, Meeting.starts_at),
    }
    stmt = (
        select(Meeting.id, Meeting.kind, Meeting.starts_at, Meeting.venue, present, sections, open_actions)
        .where(Meeting.circle_id == circle_id)
        .order_by(*order_for(sorts, sort, "starts_at", descending, Meeting.id))
        .offset(offset)
        .limit(limit)
    )
    if kind:
        stmt = stmt.where(Meeting.kind == kind)
    return [MeetingRow(*r) for r in session.execute(stmt)]


def count_meetings(session: Session, circle_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Meeting).where(Meeting.circle_id == circle_id)) or 0


# --- attendance ----------------------------------------------------------------------------------
def attendance_grid(session: Session, meeting_id: int) -> list[AttendanceRow]:
    """Everyone in the circle on the meeting date, with their attendance if recorded."""
    meeting = get_meeting(session, meeting_id)
    on = meeting.starts_at.date()
    recorded = {a.member_id: a.status for a in meeting.attendance}
    roles = {a.member_id: a.role for a in meeting.attendance}
    members = session.execute(
        select(CircleMember).where(
            CircleMember.circle_id == meeting.circle_id,
            or_(
                CircleMember.id.in_(list(recorded)),
                CircleMember.is_current(on),
            ),
        )
    ).scalars()
    rows = [
        AttendanceRow(m.id, m.person_id, m.person.display_name, m.ring, m.role, recorded.get(m.id), roles.get(m.id, ""))
        for m in members
    ]
    rows.sort(key=lambda r: (r.ring != "inner", r.name.casefold()))
    return rows


def set_attendance(
    session: Session,
    meeting_id: int,
    statuses: Mapping[int, str | None],
    roles: Mapping[int, str] | None = None,
) -> None:
    """Record attendance as {member id: present | apologies | absent | None to clear}, and the role each
    took at this meeting as {member id: role} (only someone present takes a role)."""
    meeting = get_meeting(session, meeting_id)
    on = meeting.starts_at.date()
    roles = {m: clean(r) for m, r in (roles or {}).items()}
    p = Problems()
    for member_id, status in statuses.items():
        member = session.get(CircleMember, member_id)
        key = f"member:{member_id}"
        if member is None or member.circle_id != meeting.circle_id:
            p.add(key, "This person is not a member of the circle.")
        elif status is not None and status not in AttendanceStatus.values():
            p.add(key, f"“{status}” is not present, apologies or absent.")
        elif status is not None and not member.is_current(on):
            p.add(key, f"{member.person.display_name} was not in the circle on {uk_date(on)}.")
        elif roles.get(member_id) and status != AttendanceStatus.PRESENT:
            p.add(key, f"Mark {member.person.display_name} present to give them a role at this meeting.")
        p.max_length(key, roles.get(member_id), 60, "role")
    p.raise_if_any()
    existing = {a.member_id: a for a in meeting.attendance}
    for member_id, status in statuses.items():
        row = existing.get(member_id)
        role = roles.get(member_id, row.role if row is not None else "") if status == AttendanceStatus.PRESENT else ""
        if status is None:
            if row is not None:
                meeting.attendance.remove(row)
        elif row is None:
            meeting.attendance.append(Attendance(member_id=member_id, status=status, role=role))
        else:
            row.status, row.role = status, role
    session.flush()
    audit.record(session, "attendance updated", f"meeting {meeting.id}")


# --- minutes sections ----------------------------------------------------------------------------
HEADING_LIMIT = 200  # the minutes section's heading column


def _check_section(heading: str, category: str) -> None:
    p = Problems()
    p.require("heading", heading, "a heading for the section")
    # Said beside the heading, never cut where it is typed: the coordinator shortens it.
    p.max_length("heading", clean(heading), HEADING_LIMIT, "heading")
    p.one_of("category", category, Category.values(), "category of information")
    p.raise_if_any()


def add_section(
    session: Session, meeting_id: int, heading: str, body: str, category: str, position: int | None = None
) -> MinutesSection:
    """Add a minutes section at `position` (0-based; default at the end)."""
    _check_section(heading, category)
    meeting = get_meeting(session, meeting_id)
    section = MinutesSection(heading=clean(heading), body=body.strip(), category=category)
    at = len(meeting.sections) if position is None else position
    meeting.sections = positions.move(list(meeting.sections), section, at)
    session.flush()
    audit.record(session, "minutes section created", f"minutes section {section.id}")
    return section


def update_section(session: Session, section_id: int, heading: str, body: str, category: str) -> MinutesSection:
    _check_section(heading, category)
    section = get(session, MinutesSection, section_id, "minutes section")
    section.heading, section.body, section.category = clean(heading), body.strip(), category
    session.flush()
    audit.record(session, "minutes section updated", f"minutes section {section.id}")
    return section


def move_section(session: Session, section_id: int, position: int) -> None:
    section = get(session, MinutesSection, section_id, "minutes section")
    meeting = get_meeting(session, section.meeting_id)
    positions.move(list(meeting.sections), section, position)
    session.flush()
    audit.record(session, "minutes section updated", f"minutes section {section.id}", "moved")


def delete_section(session: Session, section_id: int) -> None:
    section = get(session, MinutesSection, section_id, "minutes section")
    meeting = get_meeting(session, section.meeting_id)
    meeting.sections.remove(section)
    positions.number(meeting.sections)
    session.flush()
    audit.record(session, "minutes section deleted", f"minutes section {section_id}")


# --- decisions -----------------------------------------------------------------------------------
def add_decision(session: Session, meeting_id: int, text: str, category: str = Category.MINUTES) -> Decision:
    p = Problems()
    p.require("text", text, "the decision")
    p.one_of("category", category, Category.values(), "category of information")
    p.raise_if_any()
    meeting = get_meeting(session, meeting_id)
    decision = Decision(text=text.strip(), category=category, position=len(meeting.decisions))
    meeting.decisions.append(decision)
    session.flush()
    audit.record(session, "decision created", f"decision {decision.id}")
    return decision


def update_decision(session: Session, decision_id: int, text: str, category: str) -> Decision:
    p = Problems()
    p.require("text", text, "the decision")
    p.one_of("category", category, Category.values(), "category of information")
    p.raise_if_any()
    decision = get(session, Decision, decision_id, "decision")
    decision.text, decision.category = text.strip(), category
    session.flush()
    audit.record(session, "decision updated", f"decision {decision.id}")
    return decision


def delete_decision(session: Session, decision_id: int) -> None:
    decision = get(session, Decision, decision_id, "decision")
    session.delete(decision)
    session.flush()
    audit.record(session, "decision deleted", f"decision {decision_id}")


def last_meeting_before(session: Session, circle_id: int, when: datetime) -> Meeting | None:
    return (
        session.execute(
            select(Meeting)
            .where(Meeting.circle_id == circle_id, Meeting.starts_at < when)
            .order_by(Meeting.starts_at.desc())
            .limit(1)
        )
        .scalars()
        .first()
    )


def meeting_date(meeting: Meeting) -> date:
    return meeting.starts_at.date()
