"""Writing to and verifying the hash-chained audit log.

Each entry's hash covers its own fields and the previous entry's hash, so altering, removing or
reordering any entry breaks the chain from that entry on, and verify() names the first one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import AuditEntry
from circles_desktop.models.base import utcnow

GENESIS = "0" * 64


def _digest(entry_id: int, at: datetime, action: str, obj: str, detail: str, prev_hash: str) -> str:
    body = json.dumps(
        [entry_id, at.isoformat(timespec="microseconds"), action, obj, detail, prev_hash],
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record(session: Session, action: str, obj: str = "", detail: str = "", at: datetime | None = None) -> AuditEntry:
    """Append one entry in the caller's unit of work."""
    newest = select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    last = session.execute(newest).first()
    entry_id = (last.id + 1) if last else 1
    prev_hash = last.hash if last else GENESIS
    at = at or utcnow()
    entry = AuditEntry(
        id=entry_id,
        at=at,
        action=action,
        object=obj,
        detail=detail,
        prev_hash=prev_hash,
        hash=_digest(entry_id, at, action, obj, detail, prev_hash),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken: int | None  # id of the first entry that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None

    def message(self) -> str:
        if self.ok:
            return f"The audit log is intact ({self.entries} entries)."
        return f"The audit log has been altered at entry {self.first_broken}: {self.reason}."


def verify(session: Session) -> ChainReport:
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        if e.id != expected_id:
            return ChainReport(count, e.id, f"entry {expected_id} is missing")
        if e.prev_hash != prev_hash:
            return ChainReport(count, e.id, "it does not follow the entry before it")
        if _digest(e.id, e.at, e.action, e.object, e.detail, e.prev_hash) != e.hash:
            return ChainReport(count, e.id, "its contents do not match its hash")
        prev_hash = e.hash
        expected_id += 1
    return ChainReport(count, None)


def recent(session: Session, limit: int = 200) -> list[AuditEntry]:
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())
