"""The first three meetings, which the circle's connector supports: each marked as supported meeting 1, 2
or 3, with the connector's attendance, and a focus the facilitator can tick through as a guide.

They are the circle's ordinary meetings (services.meetings), marked here; the connector's attendance is
the generic attendance of their membership of the circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Attendance, Circle, CircleMember, Meeting, SupportedMeeting, SupportedStep
from circles_desktop.models.vocab import CircleKind, MeetingKind, MemberRole
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.community.facilitators import current_commitment
from circles_desktop.services.meetings import meetings
from circles_desktop.services.security import audit


@dataclass(frozen=True)
class Focus:
    number: int
    title: str
    steps: tuple[tuple[str, str], ...]  # (code, what to do), in order


# The seed's words: "bringing people together, clarifying what the circle is, ... getting to know each
# other, ... the different roles ... and expectations ... collecting the details around the focus person
# and creating early actions and reflecting on action".
GUIDE: tuple[Focus, ...] = (
    Focus(
        1,
        "Bringing people together and what a circle is",
        (
            ("welcome", "Welcome everyone; each says who they are and how they know the person in focus"),
            ("purpose_shared", "The person in focus shares their purpose, in their own words"),
            ("what_a_circle_is", "Explain what a circle is: people who are happy to help, moving a purpose to action"),
            ("next_meeting", "Agree when and where to meet next"),
        ),
    ),
    Focus(
        2,
        "Getting to know each other, roles and expectations",
        (
            ("getting_to_know", "Spend time getting to know each other"),
            ("roles", "Talk through the roles: the facilitator helps the conversation move to action"),
            ("roles_change", "Agree that roles can change from meeting to meeting"),
            ("expectations", "Agree what everyone can expect of the circle and of each other"),
        ),
    ),
    Focus(
        3,
        "Details around the person in focus, early actions and reflecting on action",
        (
            ("details", "Gather the details around the person in focus: what matters to them, who and what is around"),
            ("early_actions", "Create early actions, each taken on by someone who offers to"),
            ("reflect", "Reflect on action: what worked, what did not, what next"),
            ("carry_on", "The connector steps back; agree how the circle carries on with its facilitator"),
        ),
    ),
)
FOCUS = {f.number: f for f in GUIDE}
FIRST_DUE_DAYS = 28  # the first supported meeting falls due four weeks after the match
NEXT_DUE_DAYS = 28  # and each of the next two four weeks after the one before


@dataclass(frozen=True)
class StepRow:
    code: str
    text: str
    ticked: bool


@dataclass(frozen=True)
class SupportedRow:
    number: int
    title: str
    meeting_id: int
    starts_at: datetime
    venue: str
    held: bool
    connector_attendance: str | None  # present / apologies / absent, None until recorded
    steps: tuple[StepRow, ...]

    @property
    def ticked(self) -> int:
        return sum(1 for s in self.steps if s.ticked)


def connector_member(session: Session, circle_id: int, on: date) -> CircleMember | None:
    """The circle's connector's membership on the day."""
    return (
        session.execute(
            select(CircleMember).where(
                CircleMember.circle_id == circle_id,
                CircleMember.role == MemberRole.CONNECTOR,
                CircleMember.is_current(on),
            )
        )
        .scalars()
        .first()
    )


def _community_meeting(session: Session, meeting_id: int) -> tuple[Meeting, Circle]:
    meeting = meetings.get_meeting(session, meeting_id)
    circle = get(session, Circle, meeting.circle_id, "circle")
    if circle.kind != CircleKind.COMMUNITY:
        raise ValidationError("Only a Community Circle's meetings are supported by a connector.")
    return meeting, circle


def mark_problems(session: Session, meeting: Meeting, circle: Circle, number: int) -> Problems:
    p = Problems()
    if number not in FOCUS:
        p.add("number", "A supported meeting is the first, second or third.")
        return p
    if meeting.kind != MeetingKind.CIRCLE_MEETING:
        p.add("number", "Only a circle meeting can be one of the three the connector supports.")
    commitment = current_commitment(session, circle.id)
    if commitment is None:
        p.add("number", "Match a facilitator first: the first meetings bring the circle together with them.")
    elif meeting.starts_at.date() < commitment.committed_on:
        p.add(
            "number",
            f"The meeting ({uk_date(meeting.starts_at)}) cannot be before the facilitator was matched "
            f"({uk_date(commitment.committed_on)}).",
        )
    marked = {s.number: s for s in _marked(session, circle.id) if s.meeting_id != meeting.id}
    if number in marked:
        p.add("number", f"Another meeting is already supported meeting {number}.")
    for other_number, other in marked.items():
        when = session.get(Meeting, other.meeting_id)
        if when is None:
            continue
        if other_number < number and when.starts_at > meeting.starts_at:
            p.add("number", _out_of_order(number, meeting.starts_at, other_number, when.starts_at))
        if other_number > number and when.starts_at < meeting.starts_at:
            p.add("number", _out_of_order(other_number, when.starts_at, number, meeting.starts_at))
    return p


def _out_of_order(later: int, later_at: datetime, earlier: int, earlier_at: datetime) -> str:
    return (
        f"Supported meeting {later} ({uk_date(later_at)}) cannot be before supported meeting {earlier} "
        f"({uk_date(earlier_at)})."
    )


def _marked(session: Session, circle_id: int) -> list[SupportedMeeting]:
    stmt = select(SupportedMeeting).where(SupportedMeeting.circle_id == circle_id).order_by(SupportedMeeting.number)
    return list(session.execute(stmt).scalars())


def mark_supported(session: Session, meeting_id: int, number: int) -> SupportedMeeting:
    """Mark a circle meeting as supported meeting 1, 2 or 3."""
    meeting, circle = _community_meeting(session, meeting_id)
    mark_problems(session, meeting, circle, number).raise_if_any()
    row = session.get(SupportedMeeting, meeting_id)
    if row is None:
        row = SupportedMeeting(meeting_id=meeting_id, circle_id=circle.id, number=number)
        session.add(row)
    row.number = number
    session.flush()
    audit.record(session, "meeting updated", f"meeting {meeting_id}", f"supported meeting {number}")
    return row


def unmark(session: Session, meeting_id: int) -> None:
    row = get(session, SupportedMeeting, meeting_id, "supported meeting")
    session.delete(row)
    session.flush()
    audit.record(session, "meeting updated", f"meeting {meeting_id}", "no longer a supported meeting")


def next_number(session: Session, circle_id: int) -> int | None:
    """The first of 1-3 not yet marked; None when all three are."""
    taken = {s.number for s in _marked(session, circle_id)}
    return next((n for n in FOCUS if n not in taken), None)


def create_meeting(session: Session, circle_id: int, form: meetings.MeetingForm, supported: bool) -> Meeting:
    """A new meeting of the circle; with `supported`, marked as the next of the three in one unit of work."""
    meeting = meetings.create_meeting(session, circle_id, form)
    number = next_number(session, circle_id) if supported else None
    if supported and number is None:
        raise ValidationError("The circle's three supported meetings are already marked.")
    if number is not None:
        mark_supported(session, meeting.id, number)
    return meeting


def tick(session: Session, meeting_id: int, step: str, ticked: bool = True) -> None:
    """Tick a step of a supported meeting's guide (or untick it)."""
    row = get(session, SupportedMeeting, meeting_id, "supported meeting")
    codes = [code for code, _ in FOCUS[row.number].steps]
    if step not in codes:
        raise ValidationError({"step": f"“{step}” is not part of the guide for supported meeting {row.number}."})
    have = {s.step: s for s in row.steps}
    if ticked and step not in have:
        row.steps.append(SupportedStep(step=step))
    elif not ticked and step in have:
        row.steps.remove(have[step])
    session.flush()
    audit.record(
        session, "meeting updated", f"meeting {meeting_id}", f"guide {step} {'ticked' if ticked else 'unticked'}"
    )


def connector_attended(session: Session, meeting_id: int, status: str | None) -> None:
    """Record the connector's attendance (present, apologies, absent; None clears it)."""
    meeting, circle = _community_meeting(session, meeting_id)
    member = connector_member(session, circle.id, meeting.starts_at.date())
    if member is None:
        raise ValidationError(
            {"connector": f"The circle had no connector on {uk_date(meeting.starts_at)}: choose one on its details."}
        )
    try:
        meetings.set_attendance(session, meeting_id, {member.id: status})
    except ValidationError as exc:  # said about the connector, not a member number
        raise ValidationError({"connector": " ".join(exc.errors.values())}) from exc


def supported_meetings(session: Session, circle_id: int, now: datetime | None = None) -> list[SupportedRow]:
    """The supported meetings marked so far, in order, with the connector's attendance and the guide."""
    now = now or datetime.now()
    rows: list[SupportedRow] = []
    for s in _marked(session, circle_id):
        meeting = meetings.get_meeting(session, s.meeting_id)
        member = connector_member(session, circle_id, meeting.starts_at.date())
        status = None
        if member is not None:
            status = session.scalar(
                select(Attendance.status).where(Attendance.meeting_id == meeting.id, Attendance.member_id == member.id)
            )
        ticked = {st.step for st in s.steps}
        focus = FOCUS[s.number]
        steps = tuple(StepRow(code, text, code in ticked) for code, text in focus.steps)
        held = meeting.starts_at <= now
        rows.append(
            SupportedRow(s.number, focus.title, meeting.id, meeting.starts_at, meeting.venue, held, status, steps)
        )
    return rows


def next_due(session: Session, circle_id: int, now: datetime | None = None) -> tuple[int, date, bool] | None:
    """The next of the three supported meetings not yet held: (number, when it falls due or is planned,
    planned?). None before a facilitator is matched, or once all three have been held."""
    now = now or datetime.now()
    commitment = current_commitment(session, circle_id)
    if commitment is None:
        return None
    rows = supported_meetings(session, circle_id, now)
    held = [r for r in rows if r.held]
    planned = sorted((r for r in rows if not r.held), key=lambda r: r.number)
    if len(held) >= len(GUIDE):
        return None
    if planned:
        return planned[0].number, planned[0].starts_at.date(), True
    number = next_number(session, circle_id) or len(GUIDE)
    if held:
        return number, max(r.starts_at.date() for r in held) + timedelta(days=NEXT_DUE_DAYS), False
    return number, commitment.committed_on + timedelta(days=FIRST_DUE_DAYS), False
