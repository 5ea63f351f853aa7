"""Home's last reading, kept in the database: written after each full reading, read back at the next
show (or unlock) so that Home paints every line at once instead of waiting for the services, which
take longer than a paint at 100,000 people.

A kept reading is current while the audit log's last entry and the day are those it was read for:
every change through the services writes an audit entry in its own unit of work, and "overdue" turns
with the day. Deleting a circle or a person forgets it, so no line names what was deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from circles_desktop.models import HomeReading
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.home.items import DueItem, DueSection

ONLY_ROW = 1


@dataclass(frozen=True)
class Kept:
    changes_seen: int | None
    day: date
    sections: list[DueSection]

    def current_for(self, changes_seen: int | None, day: date) -> bool:
        return (self.changes_seen, self.day) == (changes_seen, day)


def _item(item: DueItem) -> dict[str, Any]:
    ref = item.opens
    return {"what": item.what, "due_on": item.due_on.isoformat() if item.due_on else None, "who": item.who,
            "opens": [ref.kind, ref.id, ref.part, ref.item]}  # fmt: skip


def _section(section: DueSection) -> dict[str, Any]:
    return {"key": section.key, "title": section.title, "explains": section.explains, "total": section.total,
            "items": [_item(i) for i in section.items]}  # fmt: skip


def _read_item(d: dict[str, Any]) -> DueItem:
    kind, record_id, part, item = d["opens"]
    due_on = date.fromisoformat(d["due_on"]) if d["due_on"] else None
    return DueItem(d["what"], due_on, RecordRef(kind, record_id, part, item), who=d["who"])


def _read_section(d: dict[str, Any]) -> DueSection:
    return DueSection(d["key"], d["title"], d["explains"], d["total"], tuple(_read_item(i) for i in d["items"]))


def keep(session: Session, changes_seen: int | None, day: date, sections: list[DueSection]) -> None:
    """Keep this reading in place of the last one (no audit entry: it records nothing new)."""
    text = json.dumps([_section(s) for s in sections], ensure_ascii=False)
    row = session.get(HomeReading, ONLY_ROW)
    if row is None:
        session.add(HomeReading(id=ONLY_ROW, changes_seen=changes_seen, day=day, sections_json=text))
    else:
        row.changes_seen, row.day, row.sections_json = changes_seen, day, text
    session.flush()


def kept(session: Session) -> Kept | None:
    """The last reading kept, current or not; None when there is none or it cannot be read (a reading
    from an older version is simply read again)."""
    row = session.get(HomeReading, ONLY_ROW)
    if row is None:
        return None
    try:
        sections = [_read_section(d) for d in json.loads(row.sections_json)]
    except (ValueError, KeyError, TypeError):
        return None
    return Kept(row.changes_seen, row.day, sections)


def forget(session: Session) -> None:
    """Drop the kept reading (a record it may name is being deleted)."""
    session.execute(delete(HomeReading))
