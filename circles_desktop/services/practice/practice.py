"""Communities of practice: setting one up, and reading it back with its seasons.

A community of practice is a Circle of kind "practice" (reference COP-00003, the community development
coordinator as its coordinator), active from the start. Its seasons and sessions are `seasons`, what a
session holds `session_parts`, the barriers found `barriers`, the mailing list `mailing_list`, its
documents `practice_documents`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Meeting, Person, Season
from circles_desktop.models.vocab import CircleKind, MeetingKind
from circles_desktop.services.circles import circles
from circles_desktop.services.common.text import search_key, word_start
from circles_desktop.services.common.validation import NotFound, Problems, get
from circles_desktop.services.security import audit


@dataclass
class PracticeForm:
    title: str = ""  # "Stoke-on-Trent Community of Practice"
    coordinator_id: int | None = None
    started_on: date | None = None
    purpose: str = ""  # what it is for, in the coordinator's words
    notes: str = ""


@dataclass(frozen=True)
class PracticeRow:
    id: int
    reference: str
    title: str
    status: str
    started_on: date
    seasons: int
    sessions: int
    last_at: datetime | None
    ended_on: date | None
    ended_reason: str


def find_practice(session: Session, circle_id: int) -> Circle:
    circle = get(session, Circle, circle_id, "community of practice")
    if circle.kind != CircleKind.PRACTICE:
        raise NotFound("That record is not a community of practice.")
    return circle


def _validate(session: Session, form: PracticeForm) -> None:
    p = Problems()
    p.require("title", form.title, "the name of the community of practice")
    p.max_length("title", form.title, 200, "name")
    p.require("started_on", form.started_on, "the date it started")
    p.raise_if_any()
    if form.coordinator_id is not None:
        get(session, Person, form.coordinator_id, "coordinator")


def _circle_form(form: PracticeForm) -> circles.CircleForm:
    return circles.CircleForm(
        kind=CircleKind.PRACTICE,
        title=form.title,
        coordinator_id=form.coordinator_id,
        started_on=form.started_on,
        purpose=form.purpose,
        notes=form.notes,
    )


def create_practice(session: Session, form: PracticeForm) -> Circle:
    _validate(session, form)
    circle = circles.create_circle(session, _circle_form(form))
    circles.activate_circle(session, circle.id, circle.started_on)
    audit.record(session, "community of practice created", f"circle {circle.id}")
    return circle


def update_practice(session: Session, circle_id: int, form: PracticeForm) -> Circle:
    find_practice(session, circle_id)
    _validate(session, form)
    p = Problems()
    first = session.scalar(select(func.min(Season.starts_on)).where(Season.circle_id == circle_id))
    p.not_before("started_on", first, form.started_on, "first season's start", "date it started")
    p.raise_if_any()
    circle = circles.update_circle(session, circle_id, _circle_form(form))
    audit.record(session, "community of practice updated", f"circle {circle_id}")
    return circle


def practice_form(session: Session, circle_id: int) -> PracticeForm:
    c = find_practice(session, circle_id)
    return PracticeForm(c.title, c.coordinator_id, c.started_on, c.purpose, c.notes)


def list_practices(session: Session, text: str = "", offset: int = 0, limit: int = 50) -> list[PracticeRow]:
    """Communities of practice by name, newest first (an organisation runs a few)."""
    seasons = select(func.count()).select_from(Season).where(Season.circle_id == Circle.id).scalar_subquery()
    held = (
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.circle_id == Circle.id, Meeting.kind == MeetingKind.PRACTICE_SESSION)
        .scalar_subquery()
    )
    last = select(func.max(Meeting.starts_at)).where(Meeting.circle_id == Circle.id).scalar_subquery()
    stmt = select(
        Circle.id,
        Circle.reference,
        Circle.title,
        Circle.status,
        Circle.started_on,
        seasons,
        held,
        last,
        Circle.ended_on,
        Circle.ended_reason,
    ).where(*_filters(text))
    stmt = stmt.order_by(Circle.started_on.desc(), Circle.id.desc()).offset(offset).limit(limit)
    return [PracticeRow(*r) for r in session.execute(stmt)]


def count_practices(session: Session, text: str = "") -> int:
    return session.scalar(select(func.count()).select_from(Circle).where(*_filters(text))) or 0


def _filters(text: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Circle.kind == CircleKind.PRACTICE]
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(or_(word_start(func.lower(Circle.title), key), Circle.reference == word.upper()))
    return conds
