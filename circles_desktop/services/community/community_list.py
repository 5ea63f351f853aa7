"""The Community Circles list: every Community Circle with where it is in its life (finding a facilitator,
first three meetings, meeting, 12-month review due, ended), searched by the person's names, the
reference or the postcode district, counted by stage, paged in SQL.

The stage is worked out in SQL by `stage_expression`, the same rule as community_circles.stage_of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import (
    Circle,
    CommunityCircle,
    FacilitatorCommitment,
    Meeting,
    Person,
    SupportedMeeting,
    TwelveMonthReview,
)
from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.paging import page_order
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.community import community_circles as cc


@dataclass(frozen=True)
class CommunityRow:
    id: int
    reference: str
    person: str
    purpose_kind: str
    where: str  # postcode district and town
    connector: str
    facilitator: str
    stage: str
    started_on: date
    review_due_on: date | None


_Focus = aliased(Person)
_ConnectorPerson = aliased(Person)
_FacilitatorPerson = aliased(Person)


def _latest_id() -> ColumnElement[int | None]:
    return (
        select(func.max(FacilitatorCommitment.id))
        .where(FacilitatorCommitment.circle_id == Circle.id)
        .correlate(Circle)
        .scalar_subquery()
    )


def stage_expression(today: date) -> ColumnElement[str]:
    latest = _latest_id()
    until = select(FacilitatorCommitment.until_on).where(FacilitatorCommitment.id == latest).scalar_subquery()
    reviewed = exists().where(TwelveMonthReview.commitment_id == latest)
    held = (
        select(func.count())
        .select_from(SupportedMeeting)
        .join(Meeting, Meeting.id == SupportedMeeting.meeting_id)
        .where(SupportedMeeting.circle_id == Circle.id, Meeting.starts_at < cc.end_of(today))
        .correlate(Circle)
        .scalar_subquery()
    )
    return case(
        (Circle.status == CircleStatus.CLOSED, cc.ENDED),
        (latest.is_(None), cc.FINDING),
        (and_(~reviewed, until <= today + timedelta(days=cc.REVIEW_WARNING_DAYS)), cc.REVIEW_DUE),
        (held < 3, cc.FIRST_MEETINGS),
        else_=cc.MEETING,
    )


def person_name(person: type[Person]) -> ColumnElement[str]:
    """A person's name as display_name writes it (known-as or given name, then family name), in SQL."""
    return func.trim(func.coalesce(func.nullif(person.known_as, ""), person.given_name) + " " + person.family_name)


def _filters(text: str, connectors: Sequence[int] | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if connectors is not None:
        conds.append(CommunityCircle.connector_id.in_(connectors))
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(
                or_(
                    starts_with(_Focus.family_key, key),
                    starts_with(_Focus.given_key, key),
                    Circle.reference == word.upper(),
                    CommunityCircle.postcode_district == word.upper(),
                )
            )
    return conds


def _base(today: date, text: str, connectors: Sequence[int] | None = None) -> Select:
    stage_col = stage_expression(today).label("stage")
    latest = _latest_id()
    stmt = (
        select(
            Circle.id,
            Circle.reference,
            person_name(_Focus),
            CommunityCircle.purpose_kind,
            CommunityCircle.postcode_district,
            CommunityCircle.area,
            person_name(_ConnectorPerson),
            person_name(_FacilitatorPerson),
            stage_col,
            Circle.started_on,
            FacilitatorCommitment.until_on,
        )
        .join(CommunityCircle, CommunityCircle.circle_id == Circle.id)
        .join(_Focus, _Focus.id == Circle.focus_person_id)
        .join(_ConnectorPerson, _ConnectorPerson.id == CommunityCircle.connector_id)
        .outerjoin(FacilitatorCommitment, FacilitatorCommitment.id == latest)
        .outerjoin(_FacilitatorPerson, _FacilitatorPerson.id == FacilitatorCommitment.facilitator_id)
        .where(*_filters(text, connectors))
    )
    return stmt


def list_community_circles(
    session: Session,
    stage: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    today: date | None = None,
    connectors: Sequence[int] | None = None,
) -> list[CommunityRow]:
    """A page of the list; `connectors`: only the circles those connectors connect."""
    today = today or date.today()
    inner = _base(today, text, connectors).subquery()
    outer = select(inner)
    if stage:
        outer = outer.where(inner.c.stage == stage)
    outer = outer.order_by(*page_order((inner.c.started_on,), True, inner.c.id)).offset(offset).limit(limit)
    rows = []
    for cid, ref, person, kind, district, area, connector, facilitator, stage_code, started, until in session.execute(
        outer
    ):
        where = " · ".join(p for p in (district, area) if p)
        reviewed_soon = stage_code not in (cc.FINDING, cc.ENDED)
        rows.append(
            CommunityRow(
                cid,
                ref,
                person,
                kind,
                where,
                connector,
                facilitator or "",
                stage_code,
                as_date(started),
                as_date(until) if until is not None and reviewed_soon else None,
            )
        )
    return rows


def count_community_circles(
    session: Session, stage: str | None = None, text: str = "", today: date | None = None
) -> int:
    counts = counts_by_stage(session, text, today)
    return counts.get(stage, 0) if stage else sum(counts.values())


def counts_by_stage(session: Session, text: str = "", today: date | None = None) -> dict[str, int]:
    today = today or date.today()
    inner = _base(today, text).subquery()
    found = session.execute(select(inner.c.stage, func.count()).group_by(inner.c.stage))
    return {stage: n for stage, n in found}


def as_date(value: object) -> date:
    """A date as SQLite hands it back from a subquery (text) or a column (a date or a datetime)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
