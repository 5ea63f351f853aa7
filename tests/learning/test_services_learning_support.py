"""Builders for learning circle tests (no tests here): a locality's people, a child with a summary and
chronology, and a learning circle proposed on 3 March 2025 to meet on 20 March 2025."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from circles_desktop.services.learning import children, learning_checklist, learning_points
from circles_desktop.services.learning import learning_circles as lcs
from support.records import person

PROPOSED = date(2025, 3, 3)
HELD = date(2025, 3, 20)
TODAY = date(2025, 6, 30)
CHILD_GIVEN, CHILD_FAMILY = "Dáithí", "Ó Súilleabháin"


@dataclass
class Locality:
    hol: int
    sm: int
    tm: int
    practitioner: int
    learner: int
    outsider: int  # not in any circle


def locality(s) -> Locality:
    return Locality(
        hol=person(s, "Siân", "Llewellyn"),
        sm=person(s, "Łukasz", "Wiśniewski"),
        tm=person(s, "Zoë", "Okafor"),
        practitioner=person(s, "Nguyễn", "Thị Lan"),
        learner=person(s, "Aoife", "Ní Bhriain"),
        outsider=person(s, "Björn", "Lindqvist"),
    )


def child(s, practitioner: int | None, case_reference: str = "CR-100200", **kw) -> int:
    form = children.ChildForm(
        given_name=kw.pop("given_name", CHILD_GIVEN),
        family_name=kw.pop("family_name", CHILD_FAMILY),
        date_of_birth=kw.pop("date_of_birth", date(2013, 7, 14)),
        locality=kw.pop("locality", "Avonford North"),
        case_reference=case_reference,
        practitioner_id=practitioner,
        summary=kw.pop("summary", "Lives with his mother and two sisters; missing three times since January."),
        summary_updated_on=kw.pop("summary_updated_on", date(2025, 2, 27)),
    )
    cid = children.create_child(s, form, today=TODAY).id
    children.add_chronology_entry(s, cid, date(2025, 1, 11), "Reported missing overnight", TODAY)
    return cid


def circle_form(loc: Locality, child_id: int, **kw) -> lcs.LearningCircleForm:
    values = dict(
        child_id=child_id,
        reasons={"escalation_of_risk"},
        proposed_on=PROPOSED,
        head_of_locality_id=loc.hol,
        service_manager_id=loc.sm,
        team_manager_id=loc.tm,
        meets_at=datetime.combine(HELD, datetime.min.time()).replace(hour=10),
        venue="Room 2.14, Avonford Hub",
        areas_of_focus="We are here to understand the events that led up to the missing episodes.",
    )
    values.update(kw)
    return lcs.LearningCircleForm(**values)


def learning_circle(s, loc: Locality | None = None, case_reference: str = "CR-100200", **kw) -> tuple[Locality, int]:
    loc = loc or locality(s)
    cid = child(s, loc.practitioner, case_reference)
    circle = lcs.create_learning_circle(s, circle_form(loc, cid, **kw))
    lcs.add_learner(s, circle.id, loc.learner)
    return loc, circle.id


BEFORE = ("practitioners_notified", "summary_and_chronology", "learners_identified", "invitations_circulated",
          "room_booked")  # fmt: skip
DURING = (
    "check_in",
    "ground_rules",
    "reasons_and_focus",
    "story_told",
    "questions",
    "learning_agreed",
    "check_out",
)  # fmt: skip (timekeeper needs a person)


def through_during(s, loc: Locality, circle_id: int) -> None:
    for code in BEFORE:
        learning_checklist.mark_step(s, circle_id, code, date(2025, 3, 5), today=TODAY)
    learning_points.add_learning_point(
        s, circle_id, "Return home interviews were not shared with the allocated worker."
    )
    learning_checklist.mark_step(s, circle_id, "timekeeper", done_by_id=loc.learner, today=TODAY)
    for code in DURING:
        learning_checklist.mark_step(s, circle_id, code, today=TODAY)
