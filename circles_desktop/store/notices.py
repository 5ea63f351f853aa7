"""What opening a database found that the coordinator must be told, even though it opened.

A notice marked as damage means records may be missing or not what they were: the database is
never reported as sound while one stands, and the newest backup is offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOST_CHANGES = "saved changes lost"
LOG_APPLIED = "log applied after a crash"
AUDIT_ANCHOR = "audit log cut or rolled back"
RESTORE_FINISHED = "interrupted restore finished"


@dataclass(frozen=True)
class Notice:
    kind: str
    message: str  # one or two sentences in a coordinator's words
    damage: bool
    kept: Path | None = None  # where copies of what was found are kept, if any
