"""Reading the audit log a page at a time, newest first, optionally filtered by a search text.

For list screens: the filter and the paging happen in SQL, so the log can grow without limit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import AuditEntry
from circles_desktop.services.common.paging import order_for


class AuditRow(NamedTuple):
    id: int
    at: datetime  # UTC, naive, as stored
    action: str
    object: str
    detail: str

    @property
    def local_time(self) -> datetime:
        return self.at.replace(tzinfo=UTC).astimezone()


def _matching(text: str) -> ColumnElement[bool] | None:
    text = text.strip()
    if not text:
        return None
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(
        AuditEntry.action.ilike(pattern, escape="\\"),
        AuditEntry.object.ilike(pattern, escape="\\"),
        AuditEntry.detail.ilike(pattern, escape="\\"),
    )


def count(session: Session, text: str = "") -> int:
    stmt = select(func.count()).select_from(AuditEntry)
    where = _matching(text)
    if where is not None:
        stmt = stmt.where(where)
    return int(session.execute(stmt).scalar_one())


# The entry's id is its place in the chain: "time" sorts by it (clocks can be put back, the chain cannot).
SORTS = {"time": (AuditEntry.id,), "action": (AuditEntry.action,), "object": (AuditEntry.object,)}


def page(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = 200,
    sort: str | None = "time",
    descending: bool = True,
) -> list[AuditRow]:
    """One page of the log, newest first unless sorted otherwise."""
    stmt = select(AuditEntry.id, AuditEntry.at, AuditEntry.action, AuditEntry.object, AuditEntry.detail)
    where = _matching(text)
    if where is not None:
        stmt = stmt.where(where)
    stmt = stmt.order_by(*order_for(SORTS, sort, "time", descending, AuditEntry.id)).offset(offset).limit(limit)
    return [AuditRow(*row) for row in session.execute(stmt)]
