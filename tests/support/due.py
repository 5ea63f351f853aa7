"""Builders for the Home, search, export and settings tests (no tests here): records made through the services,
each with the dates its due rule looks at."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from PIL import Image

from circles_desktop.models import Circle
from circles_desktop.models.vocab import MemberRole, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.learning import children
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.meetings import actions, meetings
from support.records import START, cosa_circle, inner_volunteer, person


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


def active_cosa(s, activated: date = START, **kw) -> int:
    cid = cosa_circle(s, **kw)
    inner_volunteer(s, cid)
    circles.activate_circle(s, cid, activated)
    return cid


def meeting(s, cid: int, on: date, kind: str = "circle_meeting") -> int:
    form = meetings.MeetingForm(kind=kind, starts_at=datetime.combine(on, datetime.min.time()).replace(hour=18))
    return meetings.create_meeting(s, cid, form).id


def action(s, cid: int, due: date, meeting_id: int | None = None, **kw) -> int:
    started = s.get(Circle, cid).started_on
    owner = kw.pop("owner", None) or person(s, "Tomasz", "Nowak")
    if owner not in {m.person_id for m in members.members(s, cid)}:
        members.add_member(s, cid, owner, Ring.INNER, MemberRole.VOLUNTEER, started)
    agreed = meetings.get_meeting(s, meeting_id).starts_at.date() if meeting_id else started
    form = actions.ActionForm(
        description=kw.pop("description", "Ring the housing officer"), owner_id=owner, created_on=agreed,
        due_on=due, meeting_id=meeting_id, **kw,
    )  # fmt: skip
    return actions.add_action(s, cid, form).id


def picture(width: int = 240, height: int = 80, kind: str = "PNG") -> bytes:
    """A plain picture (a logo) of the size and kind given."""
    out = BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, kind)
    return out.getvalue()
