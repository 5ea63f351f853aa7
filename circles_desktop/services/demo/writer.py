"""How the demo writes: rows buffered per model and inserted in batches, with ids chosen here, so that
100,000 people take seconds rather than minutes; and the pool of who has been made so far, which the
later stages draw from."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from circles_desktop.models import Base, StoredFile
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import OrganisationKind

BATCH = 5000


class Writer:
    """Buffers rows per table and writes them with bulk inserts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.counts: dict[str, int] = {}
        self.next_id: dict[type[Base], int] = {}

    def new_id(self, model: type[Base]) -> int:
        if model not in self.next_id:
            self.next_id[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]
        n = self.next_id[model]
        self.next_id[model] = n + 1
        return n

    def add_new(self, model: type[Base], **row: Any) -> int:
        """Add a row under the next id of its model; returns the id."""
        row["id"] = self.new_id(model)
        self.add(model, **row)
        return int(row["id"])

    def add(self, model: type[Base], **row: Any) -> None:
        table = cast(Table, model.__table__)
        self.rows[table].append(row)
        if len(self.rows[table]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        # Parents before children, as foreign keys are on: the metadata's tables in dependency order.
        for table in Base.metadata.sorted_tables:
            rows = self.rows.pop(table, None)
            if rows:
                # Core executemany on the table: the ORM's bulk path splits batches by which values are
                # None, which turned 200 statements into 14,000.
                self.session.connection().execute(insert(table), rows)
                self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def stored_file(self, name: str, content: bytes) -> int:
        """A PDF kept in the database (a risk report, a signed consent form); returns its id."""
        return self.add_new(
            StoredFile,
            filename=name,
            media_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            added_at=utcnow(),
        )


@dataclass
class Pool:
    """Ids of what has been made so far, by the part each plays, for the later stages to draw from."""

    professionals: dict[OrganisationKind, list[tuple[int, int, int]]] = field(
        default_factory=dict
    )  # kind -> (role, person, org)
    volunteers_enhanced: list[int] = field(default_factory=list)
    volunteers_other: list[int] = field(default_factory=list)
    facilitators: list[int] = field(default_factory=list)  # volunteers who facilitate Community Circles
    core_members: list[int] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    focus_people: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    general: list[int] = field(default_factory=list)
    orgs: dict[OrganisationKind, list[int]] = field(default_factory=dict)
