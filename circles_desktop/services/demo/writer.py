"""How the demo writes: rows buffered per model and inserted in batches, with ids chosen here, so that
100,000 people take seconds rather than minutes; and the pool of who has been made so far, which the
later stages draw from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Attendance,
    AvailabilitySlot,
    Base,
    Circle,
    CircleMember,
    Consent,
    CosaDetails,
    DbsCheck,
    Decision,
    Development,
    DevelopmentShare,
    Goal,
    GoalProgress,
    Meeting,
    MinutesSection,
    Organisation,
    Person,
    PersonPartRow,
    ProfessionalRole,
    QuestionnaireAnswer,
    QuestionnaireResponse,
    Referral,
    ReferralStep,
    RiskReport,
    StoredFile,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import OrganisationKind

BATCH = 5000


class Writer:
    """Buffers rows per model and writes them with bulk inserts, parents before children (FKs are on)."""

    ORDER: tuple[type[Base], ...] = (
        Organisation,
        Person,
        PersonPartRow,
        StoredFile,
        ProfessionalRole,
        VolunteerProfile,
        AvailabilitySlot,
        VolunteerInterest,
        DbsCheck,
        TrainingRecord,
        Referral,
        ReferralStep,
        RiskReport,
        Circle,
        CosaDetails,
        CircleMember,
        Consent,
        Goal,
        GoalProgress,
        Meeting,
        Attendance,
        MinutesSection,
        Decision,
        Action,
        Development,
        DevelopmentShare,
        QuestionnaireResponse,
        QuestionnaireAnswer,
    )

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in self.ORDER}
        self.counts: dict[str, int] = {}
        self.next_id: dict[type[Base], int] = {}

    def new_id(self, model: type[Base]) -> int:
        if model not in self.next_id:
            self.next_id[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]
        n = self.next_id[model]
        self.next_id[model] = n + 1
        return n

    def add(self, model: type[Base], **row: Any) -> None:
        self.rows[model].append(row)
        if len(self.rows[model]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.rows[model]
            if rows:
                # Core executemany on the table: the ORM's bulk path splits batches by which values are
                # None, which turned 200 statements into 14,000.
                self.session.connection().execute(insert(cast(Table, model.__table__)), rows)
                name = model.__tablename__
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                self.rows[model] = []

    def stored_file(self, name: str, content: bytes) -> int:
        """A PDF kept in the database (a risk report, a signed consent form); returns its id."""
        fid = self.new_id(StoredFile)
        self.add(
            StoredFile,
            id=fid,
            filename=name,
            media_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            added_at=utcnow(),
        )
        return fid


@dataclass
class Pool:
    """Ids of what has been made so far, by the part each plays, for the later stages to draw from."""

    professionals: dict[OrganisationKind, list[tuple[int, int, int]]] = field(
        default_factory=dict
    )  # kind -> (role, person, org)
    volunteers_enhanced: list[int] = field(default_factory=list)
    volunteers_other: list[int] = field(default_factory=list)
    core_members: list[int] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    focus_people: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    general: list[int] = field(default_factory=list)
    orgs: dict[OrganisationKind, list[int]] = field(default_factory=dict)
