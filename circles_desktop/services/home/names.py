"""How Home names a circle on its lines: "COSA-00012, Dáithí Ó Briain" (the reference, and its focus
person, child or title), read for the few circles a section lists."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Child, Circle, LearningCircle, Person


def circle_names(session: Session, circle_ids: Iterable[int]) -> dict[int, str]:
    ids = set(circle_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Circle.id, Circle.reference, Circle.title, Person.given_name, Person.known_as, Person.family_name,
               Child.given_name.label("child_given"), Child.family_name.label("child_family"))
        .outerjoin(Person, Person.id == Circle.focus_person_id)
        .outerjoin(LearningCircle, LearningCircle.circle_id == Circle.id)
        .outerjoin(Child, Child.id == LearningCircle.child_id)
        .where(Circle.id.in_(ids))
    )  # fmt: skip
    found = {}
    for r in rows:
        if r.given_name:
            who = f"{r.known_as or r.given_name} {r.family_name}"
        elif r.child_given:
            who = f"{r.child_given} {r.child_family}"
        else:
            who = r.title
        found[r.id] = ", ".join(part for part in (r.reference, who) if part)
    return found
