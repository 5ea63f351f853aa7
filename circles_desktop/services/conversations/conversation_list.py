"""The community conversations list: searched by title, locality, theme or reference, filtered by status,
paged and sorted (newest planning first) in SQL, with how many conversations each has held and its sparks
still being taken forward."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, ConversationDetails, Meeting, Spark
from circles_desktop.models.kinds.conversations import SparkStatus
from circles_desktop.models.vocab import CircleKind, MeetingKind
from circles_desktop.services.common.paging import page_order
from circles_desktop.services.common.text import search_key, word_start


@dataclass(frozen=True)
class ConversationRow:
    id: int
    reference: str
    title: str
    locality: str
    theme: str
    status: str
    started_on: date
    conversations: int  # held or planned
    last_at: datetime | None
    sparks_growing: int
    ended_on: date | None
    ended_reason: str


def _base(stmt: Select, status: str | None, text: str) -> Select:
    stmt = stmt.select_from(Circle).outerjoin(ConversationDetails, ConversationDetails.circle_id == Circle.id)
    conds: list[ColumnElement[bool]] = [Circle.kind == CircleKind.CONVERSATION]
    if status:
        conds.append(Circle.status == status)
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(
                or_(
                    word_start(func.lower(Circle.title), key),
                    word_start(ConversationDetails.locality_key, key),
                    word_start(ConversationDetails.theme_key, key),
                    Circle.reference == word.upper(),
                )
            )
    return stmt.where(and_(*conds))


def list_conversations(
    session: Session, status: str | None = None, text: str = "", offset: int = 0, limit: int = 50
) -> list[ConversationRow]:
    held = (
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.circle_id == Circle.id, Meeting.kind == MeetingKind.CONVERSATION)
        .scalar_subquery()
    )
    last = select(func.max(Meeting.starts_at)).where(Meeting.circle_id == Circle.id).scalar_subquery()
    growing = (
        select(func.count())
        .select_from(Spark)
        .where(Spark.circle_id == Circle.id, Spark.status == SparkStatus.GROWING)
        .scalar_subquery()
    )
    stmt = _base(
        select(
            Circle.id,
            Circle.reference,
            Circle.title,
            func.coalesce(ConversationDetails.locality, ""),
            func.coalesce(ConversationDetails.theme, ""),
            Circle.status,
            Circle.started_on,
            held,
            last,
            growing,
            Circle.ended_on,
            Circle.ended_reason,
        ),
        status,
        text,
    )
    stmt = stmt.order_by(*page_order((Circle.started_on,), True, Circle.id)).offset(offset).limit(limit)
    return [ConversationRow(*r) for r in session.execute(stmt)]


def count_conversations(session: Session, status: str | None = None, text: str = "") -> int:
    return session.scalar(_base(select(func.count()), status, text)) or 0
