"""Small builders for service tests: people, organisations and a CoSA circle ready to go active."""

from __future__ import annotations

from datetime import date

from circles_desktop.models.vocab import CosaVariant, MemberRole, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.organisations import organisations
from circles_desktop.services.people import people, volunteers
from circles_desktop.services.referrals import referrals

D = date  # short spelling for the many dates in tests
START = date(2025, 3, 1)  # when cosa_circle() starts


def person(s, given: str, family: str, **kw) -> int:
    form = people.PersonForm(given_name=given, family_name=family, **kw)
    return people.create_person(s, form, allow_duplicate=True).id


def org(s, name: str, kind: str) -> int:
    return organisations.create_organisation(s, organisations.OrganisationForm(name=name, kind=kind)).id


def professional(s, given: str, family: str, organisation_id: int, title: str = "Probation officer") -> int:
    """A professional; returns their ProfessionalRole id (what a referrer is)."""
    pid = person(s, given, family)
    return organisations.add_professional_role(s, pid, organisation_id, title).id


def volunteer(s, given: str, family: str, level: str | None = "enhanced") -> int:
    pid = person(s, given, family)
    volunteers.save_volunteer(s, pid, volunteers.VolunteerForm(location="Bristol"))
    if level:
        volunteers.add_dbs_check(s, pid, level, D(2024, 5, 1), "001234567890")
    return pid


_made = iter(range(1, 10_000))


def accepted_cosa_referral(s, core_member_id: int | None = None) -> int:
    probation = org(s, f"Test Probation Delivery Unit {next(_made)}", "probation")
    referrer = professional(s, "Priya", "Shah", probation)
    cm = core_member_id or person(s, "Dáithí", "Ó Briain", date_of_birth=D(1980, 2, 3))
    ref = referrals.create_referral(
        s,
        referrals.ReferralForm(circle_kind="cosa", person_id=cm, referrer_id=referrer, received_on=D(2025, 1, 6)),
    )
    referrals.move_referral(s, ref.id, "initial_discussion", D(2025, 1, 13))
    referrals.move_referral(s, ref.id, "full_referral", D(2025, 1, 27))
    referrals.move_referral(s, ref.id, "accepted", D(2025, 2, 10))
    return ref.id


def cosa_circle(s, variant: str = CosaVariant.ADULT_COMMUNITY, **kw) -> int:
    """A forming CoSA circle from an accepted referral, started 1 March 2025."""
    ref_id = accepted_cosa_referral(s)
    coordinator = person(s, "Zoë", "Coordinator")
    form = circles.CircleForm(
        kind="cosa",
        variant=variant,
        referral_id=ref_id,
        coordinator_id=coordinator,
        started_on=D(2025, 3, 1),
        **kw,
    )
    return circles.create_circle(s, form).id


def outer_member(s, circle_id: int, role: str = MemberRole.PROBATION_OFFICER, joined=START) -> int:
    police = org(s, f"Police {circle_id}-{role}", "police")
    role_id = professional(s, "Oluwaseun", "Adeyemi", police, "Police offender manager")
    from circles_desktop.models import ProfessionalRole

    pid = s.get(ProfessionalRole, role_id).person_id
    return members.add_member(s, circle_id, pid, Ring.OUTER, role, joined).id


def inner_volunteer(s, circle_id: int, joined=START, level: str | None = "enhanced") -> int:
    vid = volunteer(s, "Siân", "Jones", level)
    return members.add_member(s, circle_id, vid, Ring.INNER, MemberRole.VOLUNTEER, joined).id
