"""The learning circles list: by stage and month, searched by the child's names, case reference,
locality or the circle's reference, filtered, sorted and paged in SQL; and the counts its tabs show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Row, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Child, Circle, LearningCircle, LearningStepRecord, LearningTheme, Meeting
from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import ActionStatus
from circles_desktop.services.common.paging import SortKey, order_for
from circles_desktop.services.common.text import search_key, word_start
from circles_desktop.services.learning.children import child_matches
from circles_desktop.services.learning.learning_steps import STEPS


@dataclass(frozen=True)
class LearningCircleRow:
    """One line of the learning circles list."""

    id: int
    reference: str
    child_id: int
    child_name: str
    case_reference: str
    locality: str
    proposed_on: date
    meets_at: datetime | None
    venue: str
    virtual: bool
    stage: str
    steps_left: int
    open_actions: int  # open or blocked
    completed_on: date | None

    @property
    def when(self) -> date:
        """The date the list sorts and groups by: the circle's date, or its proposal date until it has one."""
        return self.meets_at.date() if self.meets_at else self.proposed_on


# --- the learning circles list -------------------------------------------------------------------
def _month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _when() -> ColumnElement[date]:
    # The circle's date, or its proposal date until it has one (ISO text in SQLite: compares as dates).
    return func.coalesce(func.date(Meeting.starts_at), Circle.started_on)


def _base(
    stmt: Select,
    stage: str | None,
    month: date | None,
    text: str,
    theme_id: int | None,
    date_from: date | None,
    date_to: date | None,
    child_id: int | None = None,
) -> Select:
    stmt = (
        stmt.select_from(LearningCircle)
        .join(Circle, Circle.id == LearningCircle.circle_id)
        .join(Child, Child.id == LearningCircle.child_id)
        .outerjoin(Meeting, Meeting.id == LearningCircle.meeting_id)
    )
    conds: list[ColumnElement[bool]] = []
    if child_id is not None:
        conds.append(LearningCircle.child_id == child_id)
    if stage:
        conds.append(LearningCircle.stage == stage)
    if month is not None:
        first, last = _month_range(month)
        conds.append(_when().between(first.isoformat(), last.isoformat()))
    if date_from is not None:
        conds.append(_when() >= date_from.isoformat())
    if date_to is not None:
        conds.append(_when() <= date_to.isoformat())
    if theme_id is not None:
        conds.append(
            exists().where(LearningTheme.circle_id == LearningCircle.circle_id, LearningTheme.theme_id == theme_id)
        )
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(
                or_(
                    *child_matches(key),
                    word_start(func.lower(Child.locality), key),
                    Circle.reference == word.upper(),
                )
            )
    return stmt.where(and_(*conds)) if conds else stmt


def _done() -> ColumnElement[int]:
    """The circle's checklist steps recorded (done or not applicable)."""
    return (
        select(func.count())
        .select_from(LearningStepRecord)
        .where(LearningStepRecord.circle_id == LearningCircle.circle_id)
        .scalar_subquery()
    )


def _open_actions() -> ColumnElement[int]:
    return (
        select(func.count())
        .select_from(Action)
        .where(Action.circle_id == LearningCircle.circle_id, Action.status != ActionStatus.DONE)
        .scalar_subquery()
    )


def _row_columns() -> Select:
    """What one line of the list holds, with its steps done and actions open counted per circle."""
    done, open_actions = _done(), _open_actions()
    return select(
        Circle.id,
        Circle.reference,
        Child.id.label("child_id"),
        Child.given_name,
        Child.family_name,
        Child.case_reference,
        Child.locality,
        Circle.started_on,
        Meeting.starts_at,
        LearningCircle.venue,
        LearningCircle.virtual,
        LearningCircle.stage,
        done.label("done"),
        open_actions.label("open_actions"),
        LearningCircle.completed_on,
    )


def _sorts() -> dict[str, tuple[SortKey, ...]]:
    """The list's sort keys: {key: what it orders by}."""
    return {
        "when": (_when(),),
        "reference": (Circle.reference,),
        "child": (Child.family_key, Child.given_key),
        "case_reference": (Child.case_reference_key,),
        "locality": (Child.locality, _when()),
        "venue": (LearningCircle.venue, _when()),
        "stage": (LearningCircle.stage, _when()),
        "steps_left": (len(STEPS) - _done(), _when()),
        "open_actions": (_open_actions(), _when()),
    }


def _row(r: Row) -> LearningCircleRow:
    return LearningCircleRow(
        r.id,
        r.reference,
        r.child_id,
        f"{r.given_name} {r.family_name}",
        r.case_reference,
        r.locality,
        r.started_on,
        r.starts_at,
        r.venue or "",
        bool(r.virtual),
        r.stage,
        len(STEPS) - r.done,
        r.open_actions,
        r.completed_on,
    )


def list_learning_circles(
    session: Session,
    stage: str | None = None,
    month: date | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    descending: bool = True,
    theme_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    child_id: int | None = None,
    sort: str | None = "when",
) -> list[LearningCircleRow]:
    """Learning circles by stage and month (any day of it), newest first unless `sort` names another of
    SORTS. `text` matches the child's names, the case record reference, the locality or the circle's
    reference (LLC-00012). `theme_id` with `date_from`/`date_to` lists the circles behind a theme count."""
    stmt = _base(_row_columns(), stage, month, text, theme_id, date_from, date_to, child_id)
    stmt = stmt.order_by(*order_for(_sorts(), sort, "when", descending, Circle.id)).offset(offset).limit(limit)
    return [_row(r) for r in session.execute(stmt)]


def count_learning_circles(
    session: Session,
    stage: str | None = None,
    month: date | None = None,
    text: str = "",
    theme_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> int:
    stmt = _base(select(func.count()), stage, month, text, theme_id, date_from, date_to)
    return session.scalar(stmt) or 0


def counts_by_stage(session: Session, month: date | None = None, text: str = "") -> dict[str, int]:
    """{stage: number of learning circles} for all four stages (for the list's stage tabs)."""
    stmt = _base(select(LearningCircle.stage, func.count()), None, month, text, None, None, None)
    found = {stage: n for stage, n in session.execute(stmt.group_by(LearningCircle.stage))}
    return {s: found.get(s, 0) for s in LearningStage.values()}


def learning_months(session: Session) -> list[date]:
    """The first day of each month that has a learning circle (by its date, or proposal date), newest first."""
    stmt = _base(select(func.distinct(func.substr(_when(), 1, 7))), None, None, "", None, None, None)
    months = [date(int(m[:4]), int(m[5:7]), 1) for m in session.scalars(stmt) if m]
    return sorted(months, reverse=True)


def learning_circles_of_child(session: Session, child_id: int) -> list[LearningCircleRow]:
    """The child's learning circles, newest first (for the child's record)."""
    return list_learning_circles(session, child_id=child_id, limit=1000)
