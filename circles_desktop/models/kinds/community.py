"""Community Circles (seed 000): what a Community Circle adds to the generic Circle (kind "community"),
and the connectors' network around them.

A Community Circle IS a Circle: the person in focus, the people from their life, the facilitator and the
connector are CircleMembers; its meetings are Meetings; its actions are Actions. What only a Community
Circle needs sits here: the person's purpose in their own words and how they like to be contacted, when
they can meet and what they enjoy (for matching a facilitator), who from their life is happy to help,
the facilitator's 12-month commitments and the reviews at the end of each, the three meetings the
connector supports with their guide, and the reflection on actions at each meeting.

The network: a connector is employed and hosted by a partner organisation; a regional connector
supports up to 12 local connectors and runs six-weekly community practice sessions for them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.people import Organisation, Person
from circles_desktop.models.vocab import Choice, DayPart, Weekday, check_in


class PurposeKind(Choice):
    """What the person wants a circle for; their own words are the circle's purpose."""

    MEETING_PEOPLE = "meeting_new_people"
    PROBLEM_SOLVING = "problem_solving"
    HELP_AND_SUPPORT = "help_and_support"
    SOMETHING_ELSE = "something_else"

    @property
    def label(self) -> str:
        return _WORDS[self.value]


class ContactWay(Choice):
    """How the person would like to be contacted."""

    PHONE = "phone"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"
    THROUGH_SOMEONE = "through_someone"

    @property
    def label(self) -> str:
        return _WORDS[self.value]


class ReviewOutcome(Choice):
    """What the 12-month review decided; the two endings are also how a circle ends early."""

    CARRY_ON = "carry_on"
    PURPOSE_ACHIEVED = "purpose_achieved"
    ENDED_OTHER = "ended_other"

    @property
    def label(self) -> str:
        return _WORDS[self.value]


ENDINGS = (ReviewOutcome.PURPOSE_ACHIEVED, ReviewOutcome.ENDED_OTHER)

_WORDS = {
    "meeting_new_people": "Meeting new people",
    "problem_solving": "Problem solving",
    "help_and_support": "Finding help and support",
    "something_else": "Something else",
    "phone": "A phone call",
    "text_message": "A text message",
    "email": "An email",
    "letter": "A letter",
    "in_person": "In person",
    "through_someone": "Through someone they trust",
    "carry_on": "Carries on, with a new 12-month commitment",
    "purpose_achieved": "Ends: purpose achieved",
    "ended_other": "Ends for another reason",
}


class CommunityCircle(Base):
    """What only a Community Circle needs, one row per Circle of kind "community". The purpose in the
    person's own words is the Circle's `purpose`; the self-referral is the Circle's referral."""

    __tablename__ = "community_circles"
    __table_args__ = (
        check_in("purpose_kind", PurposeKind),
        check_in("contact_by", ContactWay),
        CheckConstraint(
            f"ended_how IS NULL OR ended_how IN ('{ENDINGS[0].value}', '{ENDINGS[1].value}')", name="ended_how"
        ),
        CheckConstraint("ended_how <> 'ended_other' OR ended_reason <> ''", name="other_ending_has_reason"),
        Index("ix_community_circles_connector", "connector_id"),
    )

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    purpose_kind: Mapped[str] = mapped_column(String(24))
    what_matters: Mapped[str] = mapped_column(Text, default="")  # what matters to them, in their words
    contact_by: Mapped[str] = mapped_column(String(20))
    contact_notes: Mapped[str] = mapped_column(Text, default="")  # e.g. "after 4pm; no voicemail"
    # Where the circle can meet, for matching a facilitator: the town or area and the postcode district.
    area: Mapped[str] = mapped_column(String(120), default="")
    postcode_district: Mapped[str] = mapped_column(String(8), default="", index=True)
    # What the person agreed may go to their facilitator (and on their own circle plan).
    share_what_matters: Mapped[bool] = mapped_column(Boolean, default=False)
    share_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    connector_id: Mapped[int] = mapped_column(ForeignKey("connectors.person_id"))
    ended_how: Mapped[str | None] = mapped_column(String(20))  # ReviewOutcome.PURPOSE_ACHIEVED / ENDED_OTHER
    ended_reason: Mapped[str] = mapped_column(Text, default="")

    connector: Mapped[Connector] = relationship(lazy="joined", innerjoin=True)
    times: Mapped[list[CommunityTime]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    interests: Mapped[list[CommunityInterest]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class CommunityTime(Base):
    """A day and part of the day the person can meet."""

    __tablename__ = "community_times"
    __table_args__ = (check_in("day", Weekday), check_in("part_of_day", DayPart))

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("community_circles.circle_id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(3), primary_key=True)
    part_of_day: Mapped[str] = mapped_column(String(9), primary_key=True)


class CommunityInterest(Base):
    """Something the person enjoys, for finding a facilitator with shared interests."""

    __tablename__ = "community_interests"

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("community_circles.circle_id", ondelete="CASCADE"), primary_key=True
    )
    interest: Mapped[str] = mapped_column(String(80), primary_key=True)


class LifeMember(Base):
    """A circle member drawn from the person's own life (family, friend, neighbour, other): recorded as
    happy to help, and how."""

    __tablename__ = "community_members"
    __table_args__ = (CheckConstraint("happy_to_help", name="happy_to_help"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("circle_members.id", ondelete="CASCADE"), primary_key=True)
    happy_to_help: Mapped[bool] = mapped_column(Boolean, default=True)
    how_they_help: Mapped[str] = mapped_column(Text, default="")


class FacilitatorCommitment(Base):
    """A facilitator's commitment to a circle, for 12 months from `committed_on`: the first from the
    match, each later one from the day of a 12-month review that decided to carry on."""

    __tablename__ = "facilitator_commitments"
    __table_args__ = (
        CheckConstraint("until_on > committed_on", name="dates_in_order"),
        Index("ix_facilitator_commitments_circle", "circle_id", "committed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("circle_members.id", ondelete="CASCADE"), index=True)
    committed_on: Mapped[date] = mapped_column(Date)
    until_on: Mapped[date] = mapped_column(Date, index=True)  # when the 12-month review falls due
    reasons: Mapped[str] = mapped_column(Text, default="")  # why they matched, in words, as shown then
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    facilitator: Mapped[Person] = relationship(lazy="joined", innerjoin=True)


class TwelveMonthReview(Base):
    """The connector going back into the circle at the end of a commitment: carry on, or end."""

    __tablename__ = "twelve_month_reviews"
    __table_args__ = (
        check_in("outcome", ReviewOutcome),
        UniqueConstraint("commitment_id", name="uq_twelve_month_reviews_commitment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("facilitator_commitments.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20))
    connector_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportedMeeting(Base):
    """One of the first three meetings, which the circle's connector supports (1, 2 or 3)."""

    __tablename__ = "supported_meetings"
    __table_args__ = (
        CheckConstraint("number BETWEEN 1 AND 3", name="number"),
        UniqueConstraint("circle_id", "number", name="uq_supported_meetings_circle_number"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)

    steps: Mapped[list[SupportedStep]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class SupportedStep(Base):
    """A step of a supported meeting's guide the facilitator has ticked (no row: not yet)."""

    __tablename__ = "supported_meeting_steps"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("supported_meetings.meeting_id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[str] = mapped_column(String(32), primary_key=True)  # services.community.first_meetings.GUIDE
    ticked_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetingReflection(Base):
    """Reflecting on action at a meeting, with the simple prompts: what worked, what did not, what next."""

    __tablename__ = "meeting_reflections"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    what_worked: Mapped[str] = mapped_column(Text, default="")
    what_did_not: Mapped[str] = mapped_column(Text, default="")
    what_next: Mapped[str] = mapped_column(Text, default="")


class Connector(Base):
    """A Community Circles connector, employed and hosted by a partner organisation; a regional connector
    (`regional`) supports local connectors, each of whom names theirs in `regional_connector_id`."""

    __tablename__ = "connectors"
    __table_args__ = (
        CheckConstraint("NOT (regional AND regional_connector_id IS NOT NULL)", name="regional_has_none_above"),
        CheckConstraint("regional_connector_id <> person_id", name="not_own_regional"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    host_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    regional: Mapped[bool] = mapped_column(Boolean, default=False)
    regional_connector_id: Mapped[int | None] = mapped_column(ForeignKey("connectors.person_id"), index=True)
    area: Mapped[str] = mapped_column(String(120), default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    host: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)


class NetworkPracticeSession(Base):
    """A six-weekly community practice session a regional connector ran for the connectors."""

    __tablename__ = "network_practice_sessions"
    __table_args__ = (Index("ix_network_practice_sessions_regional", "regional_connector_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_connector_id: Mapped[int] = mapped_column(ForeignKey("connectors.person_id"))
    held_on: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200), default="")
    learning_shared: Mapped[str] = mapped_column(Text, default="")
    problems_brought: Mapped[str] = mapped_column(Text, default="")
    problems_solved: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    attendance: Mapped[list[NetworkPracticeAttendance]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class NetworkPracticeAttendance(Base):
    """A connector who came to a practice session."""

    __tablename__ = "network_practice_attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("network_practice_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    connector_id: Mapped[int] = mapped_column(
        ForeignKey("connectors.person_id", ondelete="CASCADE"), primary_key=True, index=True
    )
