"""Builders for the Community Circles tests: a partner organisation, connectors, facilitators with their
location, free times, interests, training and DBS, and a circle from a self-referral. All through the
services, so every rule holds."""

from __future__ import annotations

from datetime import date, timedelta

from circles_desktop.models.kinds.community import ContactWay, PurposeKind
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import connectors, self_referral
from circles_desktop.services.people import volunteers
from support.records import org, person

TODAY = date.today()
RECEIVED = TODAY - timedelta(days=400)  # long enough ago for a 12-month review to fall due


def partner(s, name: str = "Avonford Community Partnership") -> int:
    return org(s, name, "voluntary")


def connector(s, given: str, family: str, host: int, *, regional: bool = False, regional_id: int | None = None) -> int:
    pid = person(s, given, family)
    form = connectors.ConnectorForm(
        pid, host, regional=regional, regional_connector_id=regional_id, started_on=TODAY - timedelta(days=900)
    )
    connectors.save_connector(s, form)
    return pid


def facilitator(
    s,
    given: str,
    family: str,
    *,
    district: str = "ST4",
    area: str = "Avonford",
    travel: str = "area",
    times: set[tuple[str, str]] | None = None,
    interests: list[str] | None = None,
    trained: bool = True,
    dbs: bool = True,
    max_circles: int = 1,
    active: bool = True,
    recruited_by: int | None = None,
) -> int:
    pid = person(s, given, family)
    form = volunteers.VolunteerForm(
        location=area,
        postcode_district=district,
        travel=travel,
        availability=times if times is not None else {("tue", "evening")},
        interests=interests if interests is not None else ["gardening"],
        max_circles=max_circles,
        active=active,
        recruited_by_id=recruited_by,
        facilitator=True,
        started_on=TODAY - timedelta(days=800),
    )
    volunteers.save_volunteer(s, pid, form)
    if trained:
        volunteers.add_training(s, pid, volunteers.FACILITATOR_COURSE, TODAY - timedelta(days=700), method="e_learning")
    if dbs:
        volunteers.add_dbs_check(s, pid, "enhanced", TODAY - timedelta(days=750), "001234567890")
    return pid


def details(connector_id: int, **kw) -> cc.CommunityForm:
    values = dict(
        purpose_kind=PurposeKind.MEETING_PEOPLE,
        purpose="To meet people nearby who like gardening",
        what_matters="My allotment and my cat",
        contact_by=ContactWay.PHONE,
        contact_notes="After 4pm",
        connector_id=connector_id,
        area="Avonford",
        postcode_district="ST4",
        times={("tue", "evening"), ("sat", "morning")},
        interests=["gardening", "local history"],
    )
    values.update(kw)
    return cc.CommunityForm(**values)


def community_circle(s, connector_id: int, *, received_on: date = RECEIVED, signposted_by: int | None = None, **kw):
    """A forming Community Circle from a self-referral; returns (circle id, person in focus id)."""
    pid = person(s, "Mair", "Lloyd-Evans", phone="01632 960123")
    form = self_referral.SelfReferralForm(
        person_id=pid, received_on=received_on, signposted_by_id=signposted_by, details=details(connector_id, **kw)
    )
    return self_referral.take_self_referral(s, form).id, pid
