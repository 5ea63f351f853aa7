"""Barriers and system blockages found in community of practice sessions: whom each was raised with,
what changed, and when, so a season can show its impact on systems change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Barrier, Meeting, PracticeSession
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.security import audit


@dataclass
class BarrierForm:
    meeting_id: int | None = None  # the session it was found in
    description: str = ""
    raised_with: str = ""  # whom it was raised with (an organisation, a board, a named manager)
    raised_on: date | None = None
    what_changed: str = ""
    changed_on: date | None = None


@dataclass(frozen=True)
class BarrierRow:
    id: int
    meeting_id: int
    season_id: int
    found_on: date
    description: str
    raised_with: str
    raised_on: date | None
    what_changed: str
    changed_on: date | None

    @property
    def state_words(self) -> str:
        if self.changed_on is not None:
            return "Changed"
        return "Raised" if self.raised_on is not None else "Not raised yet"


def _check(session: Session, form: BarrierForm, today: date) -> Meeting:
    p = Problems()
    p.choose("meeting_id", form.meeting_id, "the session it was found in")
    p.require("description", form.description, "the barrier or blockage")
    if form.raised_on is not None and not form.raised_with.strip():
        p.add("raised_with", "Say whom it was raised with.")
    if form.raised_with.strip() and form.raised_on is None:
        p.add("raised_on", "Enter the date it was raised.")
    if form.changed_on is not None and not form.what_changed.strip():
        p.add("what_changed", "Say what changed.")
    if form.what_changed.strip() and form.changed_on is None:
        p.add("changed_on", "Enter the date it changed.")
    if form.changed_on is not None and form.raised_on is None:
        p.add("raised_on", "Enter when it was raised: a change follows raising it.")
    p.not_before("changed_on", form.changed_on, form.raised_on, "date it changed", "date it was raised")
    for field, when in (("raised_on", form.raised_on), ("changed_on", form.changed_on)):
        if when is not None and when > today:
            p.add(field, "This date cannot be in the future.")
    p.raise_if_any()
    get(session, PracticeSession, form.meeting_id, "session")
    meeting = get(session, Meeting, form.meeting_id, "session")
    p.not_before("raised_on", form.raised_on, meeting.starts_at.date(), "date it was raised", "session it was found in")
    p.raise_if_any()
    return meeting


def _apply(b: Barrier, form: BarrierForm) -> None:
    b.meeting_id = form.meeting_id  # type: ignore[assignment]
    b.description = form.description.strip()
    b.raised_with = form.raised_with.strip()
    b.raised_on = form.raised_on
    b.what_changed = form.what_changed.strip()
    b.changed_on = form.changed_on


def add_barrier(session: Session, circle_id: int, form: BarrierForm, today: date | None = None) -> Barrier:
    meeting = _check(session, form, today or date.today())
    if meeting.circle_id != circle_id:
        raise ValidationError("That session belongs to another community of practice.", "meeting_id")
    barrier = Barrier(circle_id=circle_id)
    _apply(barrier, form)
    session.add(barrier)
    session.flush()
    audit.record(session, "barrier created", f"barrier {barrier.id}", f"circle {circle_id}")
    return barrier


def update_barrier(session: Session, barrier_id: int, form: BarrierForm, today: date | None = None) -> Barrier:
    barrier = get(session, Barrier, barrier_id, "barrier")
    meeting = _check(session, form, today or date.today())
    if meeting.circle_id != barrier.circle_id:
        raise ValidationError("That session belongs to another community of practice.", "meeting_id")
    _apply(barrier, form)
    session.flush()
    audit.record(session, "barrier updated", f"barrier {barrier_id}")
    return barrier


def barrier_form(session: Session, barrier_id: int) -> BarrierForm:
    b = get(session, Barrier, barrier_id, "barrier")
    return BarrierForm(b.meeting_id, b.description, b.raised_with, b.raised_on, b.what_changed, b.changed_on)


def delete_barrier(session: Session, barrier_id: int) -> None:
    barrier = get(session, Barrier, barrier_id, "barrier")
    session.delete(barrier)
    session.flush()
    audit.record(session, "barrier deleted", f"barrier {barrier_id}")


def barriers(session: Session, circle_id: int, season_id: int | None = None) -> list[BarrierRow]:
    """Barriers in the order they were found; one season's when `season_id` is given."""
    stmt = (
        select(Barrier, PracticeSession.season_id, Meeting.starts_at)
        .join(Meeting, Meeting.id == Barrier.meeting_id)
        .join(PracticeSession, PracticeSession.meeting_id == Barrier.meeting_id)
        .where(Barrier.circle_id == circle_id)
        .order_by(Meeting.starts_at, Barrier.id)
    )
    if season_id is not None:
        stmt = stmt.where(PracticeSession.season_id == season_id)
    return [
        BarrierRow(
            b.id,
            b.meeting_id,
            season,
            starts.date(),
            b.description,
            b.raised_with,
            b.raised_on,
            b.what_changed,
            b.changed_on,
        )
        for b, season, starts in session.execute(stmt).all()
    ]
