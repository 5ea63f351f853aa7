"""Damage found on opening, written into the audit log so it stays said until it is dealt with.

A notice of damage (saved changes a crash's log could not give back, an audit log cut short or
rolled back) is shown once when it is found, but the records stay short of what they were: so it is
written to the log as "damage found", and `check`, Settings and Home report every such entry until
the coordinator restores a backup or accepts the records as they now are (both written to the log).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import AuditEntry
from circles_desktop.services.security import audit
from circles_desktop.store.anchor import ANCHORED_ACTION
from circles_desktop.store.database import Database
from circles_desktop.store.notices import LOG_APPLIED, RESTORE_FINISHED

DAMAGE_FOUND = "damage found"
DAMAGE_ACCEPTED = "damage accepted"
RESTORED = "restore"
RECOVERED = "recovered after a crash"


def record_found(session: Session, db: Database) -> None:
    """Write what opening found into the log (in the unlock's unit of work)."""
    where = str(db.paths.database)
    for notice in db.notices:
        if notice.damage:
            audit.record(session, DAMAGE_FOUND, notice.kind, notice.message)
        elif notice.kind == LOG_APPLIED:
            audit.record(session, RECOVERED, where, notice.message)
        elif notice.kind == RESTORE_FINISHED:
            audit.record(session, RESTORED, where, notice.message)
    if db.unanchored:
        audit.record(session, ANCHORED_ACTION, where, "the audit log's newest entry is now kept outside the database")


def unresolved(session: Session) -> list[AuditEntry]:
    """Damage found since the last restore or acceptance, oldest first."""
    settled = select(AuditEntry.id).where(AuditEntry.action.in_([DAMAGE_ACCEPTED, RESTORED]))
    last = session.execute(settled.order_by(AuditEntry.id.desc()).limit(1)).scalar()
    found = select(AuditEntry).where(AuditEntry.action == DAMAGE_FOUND)
    if last is not None:
        found = found.where(AuditEntry.id > last)
    return list(session.execute(found.order_by(AuditEntry.id)).scalars())


def accept(session: Session, at: datetime | None = None) -> None:
    """The coordinator has looked and accepts the records as they now are."""
    problems = unresolved(session)
    if problems:
        ids = ", ".join(str(p.id) for p in problems)
        audit.record(session, DAMAGE_ACCEPTED, "", f"the records were accepted as they are after entries {ids}", at=at)
