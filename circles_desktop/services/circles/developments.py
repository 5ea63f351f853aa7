"""Significant developments about the core member's progress, risk or needs: who reported, who was
told, and whether it went to MAPPA."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Development, DevelopmentShare, Person
from circles_desktop.models.vocab import CircleKind, DevelopmentKind
from circles_desktop.services.common.validation import Problems, get
from circles_desktop.services.security import audit


@dataclass
class DevelopmentForm:
    occurred_on: date | None = None
    kind: str = DevelopmentKind.PROGRESS
    description: str = ""
    reported_by_id: int | None = None
    escalated_to_mappa: bool = False
    escalated_on: date | None = None
    shared_with: dict[int, date] = field(default_factory=dict)  # person id -> date shared


def _validate(session: Session, circle: Circle, form: DevelopmentForm, today: date) -> None:
    p = Problems()
    p.require("occurred_on", form.occurred_on, "the date of the development")
    p.one_of("kind", form.kind, DevelopmentKind.values(), "kind of development (progress, risk or need)")
    p.require("description", form.description, "what happened")
    if form.occurred_on and form.occurred_on > today:
        p.add("occurred_on", "The date of the development cannot be in the future.")
    p.not_before("occurred_on", form.occurred_on, circle.started_on, "date of the development", "circle's start date")
    if form.escalated_to_mappa:
        if circle.kind != CircleKind.COSA:
            p.add("escalated_to_mappa", "Escalation to MAPPA applies to CoSA circles only.")
        p.require("escalated_on", form.escalated_on, "the date it was escalated to MAPPA")
        p.not_before("escalated_on", form.escalated_on, form.occurred_on, "date escalated", "date it happened")
    elif form.escalated_on is not None:
        p.add("escalated_on", "Tick “escalated to MAPPA” or clear the escalation date.")
    for person_id, shared_on in form.shared_with.items():
        if session.get(Person, person_id) is None:
            p.add("shared_with", "Someone it was shared with is no longer recorded.")
        p.not_before("shared_with", shared_on, form.occurred_on, "date it was shared", "date it happened")
    p.raise_if_any()


def _apply(dev: Development, form: DevelopmentForm) -> None:
    dev.occurred_on = form.occurred_on  # type: ignore[assignment]
    dev.kind = form.kind
    dev.description = form.description.strip()
    dev.reported_by_id = form.reported_by_id
    dev.escalated_to_mappa = form.escalated_to_mappa
    dev.escalated_on = form.escalated_on
    dev.shared_with = [DevelopmentShare(person_id=pid, shared_on=on) for pid, on in sorted(form.shared_with.items())]


def record_development(
    session: Session, circle_id: int, form: DevelopmentForm, today: date | None = None
) -> Development:
    circle = get(session, Circle, circle_id, "circle")
    _validate(session, circle, form, today or date.today())
    dev = Development(circle_id=circle_id)
    _apply(dev, form)
    session.add(dev)
    session.flush()
    audit.record(session, "development created", f"development {dev.id}")
    return dev


def update_development(
    session: Session, development_id: int, form: DevelopmentForm, today: date | None = None
) -> Development:
    dev = get(session, Development, development_id, "development")
    circle = get(session, Circle, dev.circle_id, "circle")
    _validate(session, circle, form, today or date.today())
    _apply(dev, form)
    session.flush()
    audit.record(session, "development updated", f"development {dev.id}")
    return dev


def development_form(session: Session, development_id: int) -> DevelopmentForm:
    d = get(session, Development, development_id, "development")
    return DevelopmentForm(
        d.occurred_on,
        d.kind,
        d.description,
        d.reported_by_id,
        d.escalated_to_mappa,
        d.escalated_on,
        {s.person_id: s.shared_on for s in d.shared_with},
    )


def delete_development(session: Session, development_id: int) -> None:
    dev = get(session, Development, development_id, "development")
    session.delete(dev)
    session.flush()
    audit.record(session, "development deleted", f"development {development_id}")


def list_developments(
    session: Session, circle_id: int, since: date | None = None, kinds: Iterable[str] | None = None
) -> list[Development]:
    """Newest first; `since` for "developments since the last meeting" in a meeting pack."""
    stmt = select(Development).where(Development.circle_id == circle_id)
    if since is not None:
        stmt = stmt.where(Development.occurred_on >= since)
    if kinds is not None:
        stmt = stmt.where(Development.kind.in_(list(kinds)))
    return list(session.execute(stmt.order_by(Development.occurred_on.desc(), Development.id.desc())).scalars())
