"""The series of conversations people dip in and out of: each is a Meeting of kind "conversation" (date,
time, venue, notes), with who came counted by group (never named), and the balance of attendance over one
conversation or the whole series, with a warning when professionals or people already active dominate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Headcount, Meeting
from circles_desktop.models.kinds.conversations import AttendeeGroup
from circles_desktop.models.vocab import MeetingKind
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import plural
from circles_desktop.services.conversations.conversations import find_conversation
from circles_desktop.services.meetings import meetings
from circles_desktop.services.security import audit

GROUPS = AttendeeGroup.values()
# The voices a conversation already hears most: the toolkit warns against attendance of only these.
USUAL_VOICES = (AttendeeGroup.PROFESSIONALS, AttendeeGroup.ALREADY_ACTIVE)
# More than this share of everyone counted is "dominating".
DOMINANT_SHARE = 0.5
MAX_GROUP = 10_000


@dataclass
class SessionForm:
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SessionRow:
    meeting_id: int
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    notes: str
    counted: int  # everyone counted at it


@dataclass(frozen=True)
class Balance:
    """Who came, by group, and whether the usual voices dominate."""

    counts: dict[str, int]  # every group, in AttendeeGroup order
    total: int
    warning: str  # "" when balanced (or nothing counted yet)
    notes: tuple[str, ...]  # gentler prompts: no children and young people counted, and so on

    def share(self, group: str) -> float:
        return self.counts.get(group, 0) / self.total if self.total else 0.0

    @property
    def indicator(self) -> str:
        """One plain line: the groups and their shares."""
        if not self.total:
            return "No one counted yet."
        parts = [f"{AttendeeGroup(g).label} {n} ({round(100 * n / self.total)}%)" for g, n in self.counts.items() if n]
        return f"{plural(self.total, 'person', 'people')} counted: " + " · ".join(parts)

    @property
    def balanced(self) -> bool:
        return self.total > 0 and not self.warning


def _form(form: SessionForm) -> meetings.MeetingForm:
    return meetings.MeetingForm(MeetingKind.CONVERSATION, form.starts_at, form.ends_at, form.venue, form.notes)


def add_session(session: Session, circle_id: int, form: SessionForm) -> Meeting:
    find_conversation(session, circle_id)
    return meetings.create_meeting(session, circle_id, _form(form))


def update_session(session: Session, meeting_id: int, form: SessionForm) -> Meeting:
    meeting = get(session, Meeting, meeting_id, "conversation")
    find_conversation(session, meeting.circle_id)
    return meetings.update_meeting(session, meeting_id, _form(form))


def session_form(session: Session, meeting_id: int) -> SessionForm:
    m = get(session, Meeting, meeting_id, "conversation")
    return SessionForm(m.starts_at, m.ends_at, m.venue, m.notes)


def sessions(session: Session, circle_id: int) -> list[SessionRow]:
    """The conversations held or planned, oldest first (the series as it grew)."""
    counted = (
        select(func.coalesce(func.sum(Headcount.people), 0)).where(Headcount.meeting_id == Meeting.id).scalar_subquery()
    )
    stmt = (
        select(Meeting.id, Meeting.starts_at, Meeting.ends_at, Meeting.venue, Meeting.notes, counted)
        .where(Meeting.circle_id == circle_id, Meeting.kind == MeetingKind.CONVERSATION)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [SessionRow(*r) for r in session.execute(stmt)]


# --- who came ------------------------------------------------------------------------------------------
def set_headcounts(session: Session, meeting_id: int, counts: Mapping[str, int | None]) -> None:
    """Record how many of each group came to one conversation; 0 or None clears a group."""
    meeting = get(session, Meeting, meeting_id, "conversation")
    find_conversation(session, meeting.circle_id)
    p = Problems()
    for group, n in counts.items():
        if group not in GROUPS:
            p.add(group, f"“{group}” is not a group attendance is counted by.")
        elif n is not None and not 0 <= n <= MAX_GROUP:
            p.add(group, f"Enter how many came, from 0 to {MAX_GROUP:,}.")
    p.raise_if_any()
    existing = {
        h.attendee_group: h for h in session.scalars(select(Headcount).where(Headcount.meeting_id == meeting_id))
    }
    for group, n in counts.items():
        row = existing.get(group)
        if not n:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Headcount(meeting_id=meeting_id, attendee_group=group, people=n))
        else:
            row.people = n
    session.flush()
    audit.record(session, "attendance updated", f"meeting {meeting_id}", "counted by group")


def headcounts(session: Session, meeting_id: int) -> dict[str, int]:
    found = dict(
        session.execute(
            select(Headcount.attendee_group, Headcount.people).where(Headcount.meeting_id == meeting_id)
        ).all()
    )
    return {g: found.get(g, 0) for g in GROUPS}


def balance(session: Session, circle_id: int, meeting_id: int | None = None) -> Balance:
    """The balance of attendance over the whole series, or over one conversation."""
    stmt = (
        select(Headcount.attendee_group, func.sum(Headcount.people))
        .join(Meeting, Meeting.id == Headcount.meeting_id)
        .where(Meeting.circle_id == circle_id)
        .group_by(Headcount.attendee_group)
    )
    if meeting_id is not None:
        stmt = stmt.where(Meeting.id == meeting_id)
    found = dict(session.execute(stmt).all())
    return balance_of({g: int(found.get(g, 0) or 0) for g in GROUPS})


def balance_of(counts: Mapping[str, int]) -> Balance:
    """The rule, once: the usual voices dominate when one of them, or both together, are more than half."""
    ordered = {g: int(counts.get(g, 0)) for g in GROUPS}
    total = sum(ordered.values())
    if not total:
        return Balance(ordered, 0, "", ())
    pros, active = ordered[AttendeeGroup.PROFESSIONALS], ordered[AttendeeGroup.ALREADY_ACTIVE]
    widen = "Widen the circle: invite local residents, children and young people, and groups less often heard."
    warning = ""
    if pros / total > DOMINANT_SHARE:
        warning = f"Professionals dominate: {pros} of the {total} people counted. {widen}"
    elif active / total > DOMINANT_SHARE:
        warning = f"People already active in the community dominate: {active} of the {total} people counted. {widen}"
    elif (pros + active) / total > DOMINANT_SHARE:
        warning = (
            f"Professionals and people already active make up {pros + active} of the {total} people counted. {widen}"
        )
    notes = []
    if not ordered[AttendeeGroup.CHILDREN_YOUNG_PEOPLE]:
        notes.append("No children or young people counted yet: children and young people have a voice.")
    if not ordered[AttendeeGroup.LESS_OFTEN_HEARD]:
        notes.append("No one from groups less often heard counted yet.")
    return Balance(ordered, total, warning, tuple(notes))


def delete_session(session: Session, meeting_id: int) -> None:
    """A conversation entered by mistake; one with sparks raised at it keeps them, so it cannot go."""
    from circles_desktop.models import Spark

    meeting = get(session, Meeting, meeting_id, "conversation")
    find_conversation(session, meeting.circle_id)
    if session.scalar(select(func.count()).select_from(Spark).where(Spark.meeting_id == meeting_id)):
        raise ValidationError("Sparks were raised at this conversation, so it cannot be deleted.")
    meetings.delete_meeting(session, meeting_id)
