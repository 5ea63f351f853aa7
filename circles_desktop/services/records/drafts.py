"""Drafts: what a coordinator has typed in a form and not yet saved, kept in the encrypted database
as they type, so that a crash, a power cut or a killed process loses nothing. Cleared on Save or
Discard; whatever is left at the next unlock is offered back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from circles_desktop.models import Draft
from circles_desktop.models.base import utcnow

_DATE = "__date__"  # JSON has no dates: a date is kept as {"__date__": "2025-03-14"}


def _encode(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return {_DATE: value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # anything else a field gives is kept as its text: never dropped


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {_DATE}:
        return date.fromisoformat(value[_DATE])
    return value


@dataclass(frozen=True)
class Kept:
    id: int
    form_key: str
    form_title: str
    record_id: int
    values: dict[str, Any]
    updated_at: datetime


def keep(session: Session, form_key: str, form_title: str, record_id: int | None, values: dict[str, Any]) -> None:
    """Write (or overwrite) the draft of one form and record."""
    text = json.dumps({k: _encode(v) for k, v in values.items()}, ensure_ascii=False)
    query = select(Draft).where(Draft.form_key == form_key, Draft.record_id == (record_id or 0))
    draft = session.scalars(query).first()
    if draft is None:
        session.add(Draft(form_key=form_key, form_title=form_title, record_id=record_id or 0, values_json=text))
    else:
        draft.values_json, draft.form_title, draft.updated_at = text, form_title, utcnow()


def clear(session: Session, form_key: str, record_id: int | None) -> None:
    session.execute(delete(Draft).where(Draft.form_key == form_key, Draft.record_id == (record_id or 0)))


def discard(session: Session, draft_id: int) -> None:
    session.execute(delete(Draft).where(Draft.id == draft_id))


def _kept(d: Draft) -> Kept:
    values = {k: _decode(v) for k, v in json.loads(d.values_json).items()}
    return Kept(d.id, d.form_key, d.form_title, d.record_id, values, d.updated_at)


def waiting(session: Session) -> list[Kept]:
    """Every draft left, newest first: what the coordinator is offered back at unlock."""
    return [_kept(d) for d in session.scalars(select(Draft).order_by(Draft.updated_at.desc(), Draft.id.desc()))]


def find(session: Session, form_key: str, record_id: int | None) -> Kept | None:
    query = select(Draft).where(Draft.form_key == form_key, Draft.record_id == (record_id or 0))
    d = session.scalars(query).first()
    return _kept(d) if d is not None else None
