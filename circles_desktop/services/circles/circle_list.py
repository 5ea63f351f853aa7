"""The Circles list: circles of every kind, filtered by kind, status and CoSA variant, searched by the
focus person's names, the title or the reference, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from circles_desktop.models import Circle, CircleMember, CosaDetails, LearningCircle, Person
from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import CircleKind, CircleStatus, label
from circles_desktop.services.circles.circles import get_circle
from circles_desktop.services.common.paging import order_for
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.learning.learning_steps import STAGE_SHORT


@dataclass(frozen=True)
class CircleRow:
    id: int
    reference: str
    kind: str
    variant: str | None
    status: str
    title: str
    focus_person: str
    coordinator: str
    started_on: date
    ended_on: date | None
    expected_release_on: date | None
    stage: str | None = None  # a learning circle's stage (before, during, after, complete)

    @property
    def status_word(self) -> str:
        """The status as every list says it: a learning circle by its stage ("Before"), as the Learning
        circles list does; other kinds by their status ("Active")."""
        if self.kind == CircleKind.LEARNING and self.stage:
            return STAGE_SHORT.get(self.stage, label(self.status))  # type: ignore[call-overload]
        return label(self.status)


def status_choices() -> dict[str, str]:
    """What the Status filter offers: every word the list shows in its Status column (value -> word), the
    circle statuses and then a learning circle's stages, so choosing "Before" finds what says "Before"."""
    return {s.value: s.label for s in CircleStatus} | {s.value: STAGE_SHORT[s] for s in LearningStage}


# What the Status column shows, in SQL (as CircleRow.status_word): a learning circle with a stage says its
# stage, every other circle its status; the filter and the sort go by it (needs the LearningCircle join).
_SHOWN_STATUS = case(
    ((Circle.kind == CircleKind.LEARNING.value) & LearningCircle.stage.is_not(None), LearningCircle.stage),
    else_=Circle.status,
)

_Focus = aliased(Person)
_Coordinator = aliased(Person)
SORTS = {
    "reference": (Circle.reference,),
    "title": (Circle.title,),
    "kind": (Circle.kind, Circle.started_on),
    "variant": (CosaDetails.variant, Circle.started_on),
    "started_on": (Circle.started_on,),
    "status": (_SHOWN_STATUS, Circle.started_on),
    "focus_person": (_Focus.family_key, _Focus.given_key),
    "coordinator": (_Coordinator.family_key, _Coordinator.given_key),
    "release": (CosaDetails.expected_release_on,),
}


def _filters(kind: str | None, status: str | None, variant: str | None, text: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if kind:
        conds.append(Circle.kind == kind)
    if status:
        conds.append(_SHOWN_STATUS == status)
    if variant:
        conds.append(CosaDetails.variant == variant)
    for word in text.split():
        key = search_key(word)
        if key:
            conds.append(
                or_(
                    starts_with(_Focus.family_key, key),
                    starts_with(_Focus.given_key, key),
                    starts_with(func.lower(Circle.title), key),
                    Circle.reference == word.upper(),
                )
            )
    return conds


def list_circles(
    session: Session,
    kind: str | None = None,
    status: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    variant: str | None = None,
    sort: str | None = "started_on",
    descending: bool = True,
) -> list[CircleRow]:
    order = order_for(SORTS, sort, "started_on", descending, Circle.id)
    stmt = (
        select(
            Circle.id,
            Circle.reference,
            Circle.kind,
            CosaDetails.variant,
            Circle.status,
            Circle.title,
            _Focus.given_name.label("f_given"),
            _Focus.family_name.label("f_family"),
            _Coordinator.given_name.label("c_given"),
            _Coordinator.family_name.label("c_family"),
            Circle.started_on,
            Circle.ended_on,
            CosaDetails.expected_release_on,
            LearningCircle.stage,
        )
        .outerjoin(CosaDetails, CosaDetails.circle_id == Circle.id)
        .outerjoin(LearningCircle, LearningCircle.circle_id == Circle.id)
        .outerjoin(_Focus, Circle.focus_person_id == _Focus.id)
        .outerjoin(_Coordinator, Circle.coordinator_id == _Coordinator.id)
        .where(*_filters(kind, status, variant, text))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [
        CircleRow(
            r.id,
            r.reference,
            r.kind,
            r.variant,
            r.status,
            r.title,
            f"{r.f_given} {r.f_family}" if r.f_family else "",
            f"{r.c_given} {r.c_family}" if r.c_family else "",
            r.started_on,
            r.ended_on,
            r.expected_release_on,
            r.stage,
        )
        for r in session.execute(stmt)
    ]


def count_circles(
    session: Session,
    kind: str | None = None,
    status: str | None = None,
    text: str = "",
    variant: str | None = None,
) -> int:
    stmt = select(func.count()).select_from(Circle)
    if variant:
        stmt = stmt.join(CosaDetails, CosaDetails.circle_id == Circle.id)
    if status:
        stmt = stmt.outerjoin(LearningCircle, LearningCircle.circle_id == Circle.id)
    if text.strip():
        stmt = stmt.outerjoin(_Focus, Circle.focus_person_id == _Focus.id)
    return session.scalar(stmt.where(*_filters(kind, status, variant, text))) or 0


def circles_of_person(session: Session, person_id: int) -> list[CircleRow]:
    """Circles a person is in or is the focus of (for the person form)."""
    ids = set(session.scalars(select(CircleMember.circle_id).where(CircleMember.person_id == person_id)))
    ids |= set(session.scalars(select(Circle.id).where(Circle.focus_person_id == person_id)))
    rows = []
    for cid in sorted(ids):
        c = get_circle(session, cid)
        rows.append(
            CircleRow(
                c.id,
                c.reference,
                c.kind,
                c.cosa.variant if c.cosa else None,
                c.status,
                c.title,
                c.focus_person.display_name if c.focus_person else "",
                c.coordinator.display_name if c.coordinator else "",
                c.started_on,
                c.ended_on,
                c.cosa.expected_release_on if c.cosa else None,
            )
        )
    return rows
