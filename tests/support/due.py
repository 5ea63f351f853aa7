"""Builders for the Home, search and export tests (no tests here): records made through the services,
each with the dates its due rule looks at."""

from __future__ import annotations

from datetime import date, datetime

from circles_desktop.services.learning import children
from circles_desktop.services.learning import learning_circles as lcs
from support.records import person


def learning_circle(
    s, proposed_on: date = date(2025, 3, 3), meets_at: datetime | None = None, child_family: str = "Ó Súilleabháin"
) -> int:
    """A learning circle about a new child (Dáithí), with its Head of Locality; returns the circle's id."""
    hol = person(s, "Siân", "Llewellyn")
    child = children.create_child(
        s,
        children.ChildForm(
            given_name="Dáithí", family_name=child_family, date_of_birth=date(2013, 7, 14),
            locality="Avonford North", case_reference="CR-100200",
        ),
        today=proposed_on,
    ).id  # fmt: skip
    form = lcs.LearningCircleForm(
        child_id=child,
        reasons={"escalation_of_risk"},
        proposed_on=proposed_on,
        head_of_locality_id=hol,
        meets_at=meets_at,
        venue="Room 2.14, Avonford Hub" if meets_at else "",
    )
    return lcs.create_learning_circle(s, form).id
