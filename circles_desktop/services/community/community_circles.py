"""One Community Circle as a connector reads and changes it: the person and their purpose in their own
words, what matters to them, how they would like to be contacted, where and when they can meet, what
they enjoy, what they agreed may go to their facilitator, and where the circle is in its life.

Who is in the circle is life_members.py; the facilitator, facilitators.py; the first three meetings,
first_meetings.py; the 12-month review and ending, reviews.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Circle,
    CircleMember,
    CommunityCircle,
    CommunityInterest,
    CommunityTime,
    Meeting,
    Referral,
    SupportedMeeting,
)
from circles_desktop.models.kinds.community import ContactWay, PurposeKind
from circles_desktop.models.vocab import CircleKind, CircleStatus, DayPart, MemberRole, Ring, Weekday
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.community import connectors
from circles_desktop.services.community.facilitators import CommitmentRow, current_commitment
from circles_desktop.services.people import volunteers
from circles_desktop.services.security import audit

# Where a circle is in its life, in the order a circle goes through them.
FINDING = "finding_facilitator"
FIRST_MEETINGS = "first_meetings"
MEETING = "meeting"
REVIEW_DUE = "review_due"
ENDED = "ended"
STAGES: dict[str, str] = {
    FINDING: "Finding a facilitator",
    FIRST_MEETINGS: "First three meetings",
    MEETING: "Meeting",
    REVIEW_DUE: "12-month review due",
    ENDED: "Ended",
}
REVIEW_WARNING_DAYS = 28  # a review shows as due this long before the 12 months are up


@dataclass
class CommunityForm:
    """What a connector records about the person and their purpose."""

    purpose_kind: str = ""
    purpose: str = ""  # in the person's own words
    what_matters: str = ""
    contact_by: str = ""
    contact_notes: str = ""
    connector_id: int | None = None
    area: str = ""  # town or area where the circle can meet
    postcode_district: str = ""
    times: set[tuple[str, str]] = field(default_factory=set)  # {(Weekday, DayPart)} they can meet
    interests: list[str] = field(default_factory=list)
    share_what_matters: bool = False  # may go to their facilitator and on their plan
    share_contact: bool = False  # their facilitator may have their contact details


@dataclass(frozen=True)
class CommunityDetail:
    """The circle as its screen shows it, readable after the session has closed."""

    circle_id: int
    reference: str
    status: str
    stage: str
    started_on: date
    activated_on: date | None
    ended_on: date | None
    person_id: int
    person_name: str
    focus_member_id: int | None
    form: CommunityForm
    connector_name: str
    host_organisation: str
    signposted_by: str
    referral_reference: str
    ended_how: str | None
    ended_reason: str
    commitment: CommitmentRow | None
    supported_held: int  # of the first three meetings, how many have been held

    @property
    def is_open(self) -> bool:
        return self.status != CircleStatus.CLOSED

    @property
    def stage_words(self) -> str:
        return STAGES[self.stage]


def check_details(session: Session, p: Problems, form: CommunityForm) -> None:
    p.one_of("purpose_kind", form.purpose_kind, PurposeKind.values(), "kind of purpose")
    p.require("purpose", form.purpose, "the person's purpose, in their own words")
    p.one_of("contact_by", form.contact_by, ContactWay.values(), "how they would like to be contacted")
    p.choose("connector_id", form.connector_id, "the connector")
    if form.connector_id is not None and not connectors.is_connector(session, form.connector_id):
        p.add("connector_id", "Choose a connector: that person is not recorded as one.")
    volunteers.check_district(p, "postcode_district", form.postcode_district)
    p.max_length("area", clean(form.area), 120, "town or area")
    for day, part in form.times:
        if day not in Weekday.values() or part not in DayPart.values():
            p.add("times", f"“{day} {part}” is not a day and part of the day.")
    if form.share_contact and form.contact_by == ContactWay.THROUGH_SOMEONE:
        p.add("share_contact", "They are contacted through someone they trust: leave their contact details out.")


def apply_details(community: CommunityCircle, form: CommunityForm) -> None:
    community.purpose_kind = form.purpose_kind
    community.what_matters = form.what_matters.strip()
    community.contact_by = form.contact_by
    community.contact_notes = form.contact_notes.strip()
    community.connector_id = form.connector_id  # type: ignore[assignment]
    community.area = clean(form.area)
    community.postcode_district = volunteers.postcode_district(form.postcode_district)
    community.share_what_matters = form.share_what_matters
    community.share_contact = form.share_contact
    community.times = [CommunityTime(day=d, part_of_day=t) for d, t in sorted(form.times)]
    interests = {clean(i).casefold(): clean(i)[:80] for i in form.interests if clean(i)}
    community.interests = [CommunityInterest(interest=i) for i in sorted(interests.values())]


def get_community(session: Session, circle_id: int) -> CommunityCircle:
    community = session.get(CommunityCircle, circle_id)
    if community is None:
        circle = session.get(Circle, circle_id)
        if circle is not None and circle.kind != CircleKind.COMMUNITY:
            raise ValidationError("That circle is not a Community Circle.")
        return get(session, CommunityCircle, circle_id, "Community Circle")
    return community


def update_details(session: Session, circle_id: int, form: CommunityForm, today: date | None = None) -> None:
    """Change what is recorded about the person and their purpose. A new connector joins the circle
    today and the one before leaves it."""
    today = today or date.today()
    community = get_community(session, circle_id)
    circle = get(session, Circle, circle_id, "circle")
    p = Problems()
    check_details(session, p, form)
    if circle.status == CircleStatus.CLOSED:
        p.add("", "This circle has ended; its record can no longer be changed.")
    p.raise_if_any()
    if form.connector_id != community.connector_id:
        _change_connector(session, circle, community.connector_id, form.connector_id, today)  # type: ignore[arg-type]
    apply_details(community, form)
    circle.purpose = form.purpose.strip()
    if circle.referral_id is not None:
        referral = session.get(Referral, circle.referral_id)
        if referral is not None:
            referral.purpose = circle.purpose
    session.flush()
    audit.record(session, "community circle updated", f"circle {circle_id}")


def _change_connector(session: Session, circle: Circle, old: int, new: int, today: date) -> None:
    from circles_desktop.services.circles import members

    joined = max(today, circle.started_on)
    current = session.execute(
        select(CircleMember).where(
            CircleMember.circle_id == circle.id,
            CircleMember.person_id == old,
            CircleMember.role == MemberRole.CONNECTOR,
            CircleMember.left_on.is_(None),
        )
    ).scalars()
    for member in current:
        if member.joined_on >= joined:
            members.remove_member(session, member.id)
        else:
            members.member_leaves(session, member.id, joined)
    members.add_member(session, circle.id, new, Ring.INNER, MemberRole.CONNECTOR, joined)


def community_form(session: Session, circle_id: int) -> CommunityForm:
    c = get_community(session, circle_id)
    circle = get(session, Circle, circle_id, "circle")
    return CommunityForm(
        purpose_kind=c.purpose_kind,
        purpose=circle.purpose,
        what_matters=c.what_matters,
        contact_by=c.contact_by,
        contact_notes=c.contact_notes,
        connector_id=c.connector_id,
        area=c.area,
        postcode_district=c.postcode_district,
        times={(t.day, t.part_of_day) for t in c.times},
        interests=[i.interest for i in c.interests],
        share_what_matters=c.share_what_matters,
        share_contact=c.share_contact,
    )


def supported_held(session: Session, circle_id: int, today: date) -> int:
    """How many of the three supported meetings have been held by the end of `today`."""
    stmt = (
        select(func.count())
        .select_from(SupportedMeeting)
        .join(Meeting, Meeting.id == SupportedMeeting.meeting_id)
        .where(SupportedMeeting.circle_id == circle_id, Meeting.starts_at < end_of(today))
    )
    return session.scalar(stmt) or 0


def end_of(day: date) -> datetime:
    """The first moment after `day`: a meeting starting before it has been held by the end of the day."""
    return datetime.combine(day + timedelta(days=1), time())


def stage_of(status: str, commitment: CommitmentRow | None, held: int, today: date) -> str:
    """Where a circle is: the one rule, which community_list.stage_expression also writes in SQL."""
    if status == CircleStatus.CLOSED:
        return ENDED
    if commitment is None:
        return FINDING
    if not commitment.reviewed and (commitment.until_on - today).days <= REVIEW_WARNING_DAYS:
        return REVIEW_DUE
    return FIRST_MEETINGS if held < 3 else MEETING


def community_detail(session: Session, circle_id: int, today: date | None = None) -> CommunityDetail:
    today = today or date.today()
    community = get_community(session, circle_id)
    circle = get(session, Circle, circle_id, "circle")
    referral = session.get(Referral, circle.referral_id) if circle.referral_id else None
    focus = session.scalar(
        select(CircleMember.id).where(CircleMember.circle_id == circle_id, CircleMember.role == MemberRole.FOCUS_PERSON)
    )
    commitment = current_commitment(session, circle_id)
    held = supported_held(session, circle_id, today)
    person = circle.focus_person
    assert person is not None  # a Community Circle always has its person in focus
    return CommunityDetail(
        circle_id=circle.id,
        reference=circle.reference,
        status=circle.status,
        stage=stage_of(circle.status, commitment, held, today),
        started_on=circle.started_on,
        activated_on=circle.activated_on,
        ended_on=circle.ended_on,
        person_id=person.id,
        person_name=person.display_name,
        focus_member_id=focus,
        form=community_form(session, circle_id),
        connector_name=community.connector.person.display_name,
        host_organisation=community.connector.host.name,
        signposted_by=referral.signposted_by.name if referral is not None and referral.signposted_by else "",
        referral_reference=referral.reference if referral is not None else "",
        ended_how=community.ended_how,
        ended_reason=community.ended_reason,
        commitment=commitment,
        supported_held=held,
    )
