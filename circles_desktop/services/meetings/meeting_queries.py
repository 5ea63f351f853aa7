"""Read-only views of one meeting for the Meeting screen: plain frozen rows, safe to keep after the
session closes (the screen holds no ORM objects across user interaction).

Writes stay in services.meetings and services.actions; this module only gathers what a screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, CircleMember
from circles_desktop.models.vocab import ActionStatus, MeetingKind, label
from circles_desktop.services.common.validation import get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.meetings import meetings


@dataclass(frozen=True)
class MeetingHeader:
    id: int
    circle_id: int
    circle_kind: str
    circle_reference: str
    circle_title: str
    circle_status: str
    focus_person: str
    coordinator_id: int | None
    coordinator: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    notes: str

    @property
    def title(self) -> str:
        return f"{label(self.kind)}, {uk_date(self.starts_at)}"

    @property
    def circle_name(self) -> str:
        parts = [p for p in (self.circle_reference, self.focus_person or self.circle_title) if p]
        return " — ".join(parts) or label(self.circle_kind)


@dataclass(frozen=True)
class SectionRow:
    id: int
    position: int
    heading: str
    body: str
    category: str


@dataclass(frozen=True)
class DecisionRow:
    id: int
    position: int
    text: str
    category: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    description: str
    owner_id: int | None
    owner: str
    created_on: date
    due_on: date | None
    status: str
    barrier: str
    done_on: date | None
    category: str
    overdue: bool
    owner_offered: bool = False


@dataclass(frozen=True)
class OwnerChoice:
    person_id: int
    name: str
    role: str  # words, e.g. "Coordinator" or "Volunteer"


@dataclass(frozen=True)
class CircleKinds:
    circle_kind: str
    kinds: tuple[str, ...]  # meeting kinds the circle holds
    meetings_held: int
    started_on: date


def meeting_header(session: Session, meeting_id: int) -> MeetingHeader:
    m = meetings.get_meeting(session, meeting_id)
    c = get(session, Circle, m.circle_id, "circle")
    return MeetingHeader(
        id=m.id,
        circle_id=c.id,
        circle_kind=c.kind,
        circle_reference=c.reference or "",
        circle_title=c.title or "",
        circle_status=c.status,
        focus_person=c.focus_person.display_name if c.focus_person else "",
        coordinator_id=c.coordinator_id,
        coordinator=c.coordinator.display_name if c.coordinator else "",
        kind=m.kind,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        venue=m.venue or "",
        notes=m.notes or "",
    )


def circle_kinds(session: Session, circle_id: int) -> CircleKinds:
    """The meeting kinds a circle holds, and how many meetings it has had (for a sensible default)."""
    c = get(session, Circle, circle_id, "circle")
    kinds = tuple(meetings.KINDS_FOR.get(c.kind, tuple(MeetingKind)))
    return CircleKinds(c.kind, tuple(str(k) for k in kinds), meetings.count_meetings(session, circle_id), c.started_on)


def sections(session: Session, meeting_id: int) -> list[SectionRow]:
    m = meetings.get_meeting(session, meeting_id)
    return [SectionRow(s.id, s.position, s.heading, s.body or "", s.category) for s in m.sections]


def decisions(session: Session, meeting_id: int) -> list[DecisionRow]:
    m = meetings.get_meeting(session, meeting_id)
    return [DecisionRow(d.id, d.position, d.text, d.category) for d in m.decisions]


def meeting_actions(session: Session, meeting_id: int, today: date | None = None) -> list[ActionRow]:
    """The actions agreed at this meeting, soonest due first, each marked overdue when past due and not done."""
    today = today or date.today()
    m = meetings.get_meeting(session, meeting_id)
    stmt = select(Action).where(Action.meeting_id == m.id).order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    return [action_row(a, today) for a in session.execute(stmt).scalars()]


def action_row(a: Action, today: date) -> ActionRow:
    """An action as the screens list it, marked overdue when past due and not done."""
    overdue = a.status != ActionStatus.DONE and a.due_on is not None and a.due_on < today
    return ActionRow(
        a.id,
        a.description,
        a.owner_id,
        a.owner.display_name if a.owner else "",
        a.created_on,
        a.due_on,
        a.status,
        a.barrier or "",
        a.done_on,
        a.category,
        overdue,
        a.owner_offered,
    )


def action_owners(session: Session, circle_id: int, on_date: date, include: int | None = None) -> list[OwnerChoice]:
    """Who may take on an action: the circle's coordinator, then its members on `on_date` (inner ring
    first); `include` keeps a current owner who has since left in the list."""
    c = get(session, Circle, circle_id, "circle")
    choices: list[OwnerChoice] = []
    seen: set[int] = set()
    if c.coordinator is not None:
        choices.append(OwnerChoice(c.coordinator.id, c.coordinator.display_name, "Coordinator"))
        seen.add(c.coordinator.id)
    member_rows = session.execute(select(CircleMember).where(CircleMember.circle_id == circle_id)).scalars()
    current = sorted(
        (m for m in member_rows if m.is_current(on_date) or m.person_id == include),
        key=lambda m: (m.ring != "inner", m.person.display_name.casefold()),
    )
    for m in current:
        if m.person_id not in seen:
            choices.append(OwnerChoice(m.person_id, m.person.display_name, label(m.role)))
            seen.add(m.person_id)
    return choices
