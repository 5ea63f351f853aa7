"""A person and a purpose: taking a Community Circle self-referral and starting the circle from it.

The person refers themselves, because the circle is driven by their own purpose; an agency may have
signposted them (recorded as signposting, never as a referrer), and a referral made by anyone else is
refused with the reason. Taking it records the referral (received and accepted that day: a self-referral
needs no eligibility discussion), forms the circle with the person in focus at its centre and the
connector in it, and keeps what only a Community Circle needs beside it (community_circles.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CommunityCircle
from circles_desktop.models.vocab import CircleKind, MemberRole, ReferralStatus, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.common.validation import Problems, ValidationError
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.referrals import referrals
from circles_desktop.services.security import audit

SELF = "self"
SOMEONE_ELSE = "someone_else"
REFERRED_BY: dict[str, str] = {
    SELF: "The person themselves",
    SOMEONE_ELSE: "Someone else on their behalf (an agency, a professional, family or a friend)",
}
THIRD_PARTY_REFUSED = (
    "Community Circles do not take referrals from anyone else: a circle is driven by the person's own purpose, "
    "so the person refers themselves. If an agency pointed them here, ask the person to get in touch "
    "themselves, and record the agency under “Signposted by”."
)


@dataclass
class SelfReferralForm:
    person_id: int | None = None
    referred_by: str = SELF
    received_on: date | None = None
    signposted_by_id: int | None = None  # an agency that pointed them here (signposting, never a referral)
    details: cc.CommunityForm = field(default_factory=cc.CommunityForm)


def _referral_form(form: SelfReferralForm) -> referrals.ReferralForm:
    return referrals.ReferralForm(
        circle_kind=CircleKind.COMMUNITY,
        person_id=form.person_id,
        signposted_by_id=form.signposted_by_id,
        received_on=form.received_on,
        purpose=form.details.purpose,
    )


def check(session: Session, form: SelfReferralForm, today: date) -> None:
    """Every problem with the self-referral at once, each keyed by its field."""
    p = Problems()
    if form.referred_by != SELF:
        p.add("referred_by", THIRD_PARTY_REFUSED)
    cc.check_details(session, p, form.details)
    try:
        referrals.validate(session, _referral_form(form), today)
    except ValidationError as exc:
        for key, message in exc.errors.items():
            p.add(key, message)
    p.raise_if_any()


def take_self_referral(session: Session, form: SelfReferralForm, today: date | None = None) -> Circle:
    """The self-referral recorded and accepted, and the circle formed from it, forming until a
    facilitator is matched. Returns the circle."""
    today = today or date.today()
    check(session, form, today)
    on = form.received_on
    assert on is not None  # checked
    referral = referrals.create_referral(session, _referral_form(form), today)
    referrals.move_referral(session, referral.id, ReferralStatus.ACCEPTED, on, today=today)
    return start_circle(session, referral.id, form.details, on)


def start_circle(session: Session, referral_id: int, details: cc.CommunityForm, on: date) -> Circle:
    """Form the Community Circle from an accepted self-referral: the person in focus at its centre, the
    connector in it, and what only a Community Circle needs beside it."""
    p = Problems()
    cc.check_details(session, p, details)
    p.raise_if_any()
    circle = circles.create_circle(
        session,
        circles.CircleForm(kind=CircleKind.COMMUNITY, referral_id=referral_id, started_on=on, purpose=details.purpose),
    )
    community = CommunityCircle(circle_id=circle.id, connector_id=details.connector_id)
    cc.apply_details(community, details)
    session.add(community)
    members.add_member(session, circle.id, details.connector_id, Ring.INNER, MemberRole.CONNECTOR, on)
    session.flush()
    audit.record(session, "community circle created", f"circle {circle.id}", f"referral {referral_id}")
    return circle
