"""Drafts: what a coordinator has typed in a form and not yet saved, kept in the encrypted database
as they type, so that a crash, a power cut or a killed process loses nothing. Cleared on Save or
Discard; whatever is left at the next unlock is offered back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, or_, select
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


# The forms that edit a record of each table, by the start of their form key (the form's module), so
# that deleting records takes the drafts typed about them too (a child's record is not a learning circle).
FORMS_OF: dict[str, tuple[str, ...]] = {
    "people": ("circles_desktop.ui.people.",),
    "circles": tuple(f"circles_desktop.ui.{area}." for area in ("circles", "community", "conversations", "practice"))
    + ("circles_desktop.ui.learning.learning",),
    "meetings": ("circles_desktop.ui.meetings.",),
}


def forget_records(session: Session, deleted: Mapping[str, Iterable[tuple[object, ...]]]) -> int:
    """Remove the drafts typed about records being deleted ({table: primary keys}); how many went."""
    gone = 0
    for table, keys in deleted.items():
        ids = [key[0] for key in keys]
        if table not in FORMS_OF or not ids:
            continue
        about = or_(*(Draft.form_key.startswith(prefix) for prefix in FORMS_OF[table]))
        result = session.execute(delete(Draft).where(about, Draft.record_id.in_(ids)))
        gone += int(getattr(result, "rowcount", 0) or 0)
    return gone


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
