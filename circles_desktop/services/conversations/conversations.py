"""Community conversations: planning one around a need (who asked, about what, where the need is, the
community or locality and theme, the strengths to celebrate), and reading it back.

A conversation is a Circle of kind "conversation" (reference CONV-00012, its organiser as coordinator, the
date planning started as started_on), active from the start: the toolkit has no forming stage. Its
series of conversations are Meetings of kind "conversation" (`conversation_sessions`), the work already
happening nearby `similar_work`, the toolkit's checklist `toolkit`, what people noticed and the sparks
`sparks`, the list of them all `conversation_list`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from circles_desktop.models import Circle, ConversationDetails, Person
from circles_desktop.models.vocab import CircleKind, CircleStatus
from circles_desktop.services.circles import circles
from circles_desktop.services.common.text import search_key
from circles_desktop.services.common.validation import NotFound, Problems, clean, get
from circles_desktop.services.security import audit


@dataclass
class ConversationForm:
    title: str = ""
    organiser_id: int | None = None  # the coordinator who organises it
    started_on: date | None = None  # when planning started
    locality: str = ""  # the community or locality
    theme: str = ""  # what it is about, in a few words ("Loneliness")
    approached_by: str = ""  # who approached the organiser for help
    approached_about: str = ""  # and about what
    need: str = ""  # where the need is
    strengths: str = ""  # strengths and successes to celebrate
    notes: str = ""


@dataclass(frozen=True)
class ConversationDetail:
    id: int
    reference: str
    title: str
    status: str
    organiser_id: int | None
    organiser: str
    started_on: date
    ended_on: date | None
    ended_reason: str
    locality: str
    theme: str
    approached_by: str
    approached_about: str
    need: str
    strengths: str
    notes: str


def find_conversation(session: Session, circle_id: int) -> Circle:
    circle = get(session, Circle, circle_id, "community conversation")
    if circle.kind != CircleKind.CONVERSATION:
        raise NotFound("That record is not a community conversation.")
    return circle


def details_of(session: Session, circle_id: int) -> ConversationDetails:
    """The conversation's own row, made empty if the circle was set up elsewhere (the Circles area)."""
    found = session.get(ConversationDetails, circle_id)
    if found is None:
        found = ConversationDetails(circle_id=circle_id)
        session.add(found)
        session.flush()
    return found


def get_conversation(session: Session, circle_id: int) -> ConversationDetail:
    c = find_conversation(session, circle_id)
    d = session.get(ConversationDetails, circle_id) or ConversationDetails(circle_id=circle_id)
    return ConversationDetail(
        id=c.id,
        reference=c.reference,
        title=c.title,
        status=c.status,
        organiser_id=c.coordinator_id,
        organiser=c.coordinator.display_name if c.coordinator else "",
        started_on=c.started_on,
        ended_on=c.ended_on,
        ended_reason=c.ended_reason,
        locality=d.locality or "",
        theme=d.theme or "",
        approached_by=d.approached_by or "",
        approached_about=d.approached_about or "",
        need=d.need or "",
        strengths=d.strengths or "",
        notes=c.notes,
    )


def conversation_form(session: Session, circle_id: int) -> ConversationForm:
    d = get_conversation(session, circle_id)
    return ConversationForm(
        title=d.title,
        organiser_id=d.organiser_id,
        started_on=d.started_on,
        locality=d.locality,
        theme=d.theme,
        approached_by=d.approached_by,
        approached_about=d.approached_about,
        need=d.need,
        strengths=d.strengths,
        notes=d.notes,
    )


def _validate(session: Session, form: ConversationForm) -> None:
    p = Problems()
    p.require("title", form.title, "a title for the conversation")
    p.max_length("title", form.title, 200, "title")
    p.require("started_on", form.started_on, "the date planning started")
    p.require("locality", form.locality, "the community or locality")
    p.max_length("locality", form.locality, 120, "community or locality")
    p.require("theme", form.theme, "what the conversation is about, in a few words")
    p.max_length("theme", form.theme, 120, "theme")
    p.raise_if_any()
    if form.organiser_id is not None:
        get(session, Person, form.organiser_id, "organiser")


def _apply(d: ConversationDetails, form: ConversationForm) -> None:
    d.locality, d.locality_key = clean(form.locality), search_key(form.locality)
    d.theme, d.theme_key = clean(form.theme), search_key(form.theme)
    d.approached_by = form.approached_by.strip()
    d.approached_about = form.approached_about.strip()
    d.need = form.need.strip()
    d.strengths = form.strengths.strip()


def _circle_form(form: ConversationForm) -> circles.CircleForm:
    return circles.CircleForm(
        kind=CircleKind.CONVERSATION,
        title=form.title,
        coordinator_id=form.organiser_id,
        started_on=form.started_on,
        purpose=form.approached_about,
        notes=form.notes,
    )


def create_conversation(session: Session, form: ConversationForm) -> Circle:
    _validate(session, form)
    circle = circles.create_circle(session, _circle_form(form))
    details = ConversationDetails(circle_id=circle.id)
    _apply(details, form)
    session.add(details)
    session.flush()
    circles.activate_circle(session, circle.id, circle.started_on)
    audit.record(session, "community conversation created", f"circle {circle.id}")
    return circle


def update_conversation(session: Session, circle_id: int, form: ConversationForm) -> Circle:
    find_conversation(session, circle_id)
    _validate(session, form)
    circle = circles.update_circle(session, circle_id, _circle_form(form))
    _apply(details_of(session, circle_id), form)
    session.flush()
    audit.record(session, "community conversation updated", f"circle {circle_id}")
    return circle


def is_open(circle: Circle) -> bool:
    return circle.status != CircleStatus.CLOSED
