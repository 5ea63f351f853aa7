"""Communities of practice (seed 003): what a community of practice adds to the generic Circle (kind
"practice").

A community of practice IS a Circle (its title, the community development coordinator as coordinator);
each session is a Meeting of kind "practice_session". What only it needs sits here: its seasons (a theme,
a chair or facilitator, monthly sessions), what each session adds to its Meeting (the season, online or in
person, refreshments, the discussion), the presentations given (a lived-experience one with the
presenter's consent and whether they are named), who took part by organisation and sector (counted, not
named), the barriers and system blockages found and what became of them, and the mailing list of people
who asked to be added.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.people import Organisation, Person
from circles_desktop.models.vocab import Choice, check_in


class Sector(Choice):
    VOLUNTARY = "voluntary"
    STATUTORY = "statutory"
    LIVED_EXPERIENCE = "lived_experience"


class SessionMode(Choice):
    IN_PERSON = "in_person"
    ONLINE = "online"


class Season(Base):
    """A season of monthly sessions on one theme (e.g. Prison Release, Engagement)."""

    __tablename__ = "practice_seasons"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
        Index("ix_practice_seasons_circle", "circle_id", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(String(120))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)  # chair or facilitator
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    outcomes: Mapped[str] = mapped_column(Text, default="")  # what the season changed, in the chair's words
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    chair: Mapped[Person | None] = relationship(lazy="joined")


class PracticeSession(Base):
    """What a community of practice session adds to its Meeting (date, time, venue)."""

    __tablename__ = "practice_sessions"
    __table_args__ = (check_in("mode", SessionMode),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("practice_seasons.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(10), default=SessionMode.IN_PERSON)
    refreshments: Mapped[str] = mapped_column(String(200), default="")  # e.g. "Refreshments and a working lunch"
    discussion: Mapped[str] = mapped_column(Text, default="")  # notes of the discussion


class Presentation(Base):
    """A presentation at a session. A lived-experience presentation carries the presenter's consent and
    whether they are named or anonymous; an anonymous presenter's name is never printed."""

    __tablename__ = "practice_presentations"
    __table_args__ = (
        CheckConstraint("NOT lived_experience OR consent_on IS NOT NULL", name="lived_experience_has_consent"),
        Index("ix_practice_presentations_meeting", "meeting_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.meeting_id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    lived_experience: Mapped[bool] = mapped_column(Boolean, default=False)
    named: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_on: Mapped[date | None] = mapped_column(Date)  # the presenter's consent, for lived experience
    consent_note: Mapped[str] = mapped_column(Text, default="")

    presenter: Mapped[Person | None] = relationship(lazy="joined")


class Participation(Base):
    """How many came to a session from one organisation (or with lived experience), and its sector."""

    __tablename__ = "practice_participants"
    __table_args__ = (check_in("sector", Sector), CheckConstraint("people > 0", name="someone_came"))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.meeting_id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    sector: Mapped[str] = mapped_column(String(20))
    people: Mapped[int] = mapped_column(Integer)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class Barrier(Base):
    """A barrier or system blockage found in a session: whom it was raised with, what changed, and when."""

    __tablename__ = "practice_barriers"
    __table_args__ = (
        CheckConstraint("changed_on IS NULL OR raised_on IS NULL OR changed_on >= raised_on", name="dates_in_order"),
        Index("ix_practice_barriers_circle", "circle_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.meeting_id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    raised_with: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[date | None] = mapped_column(Date)
    what_changed: Mapped[str] = mapped_column(Text, default="")
    changed_on: Mapped[date | None] = mapped_column(Date)


class MailingListEntry(Base):
    """Someone who asked to be added to the mailing list, with the date and their consent; removal on
    request keeps the row (removed_on), so the history stays and no export includes them again."""

    __tablename__ = "mailing_list"
    __table_args__ = (
        CheckConstraint("removed_on IS NULL OR removed_on >= asked_on", name="dates_in_order"),
        CheckConstraint("consented", name="consented"),
        Index("ix_mailing_list_circle", "circle_id", "removed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    email: Mapped[str] = mapped_column(String(200))  # the address they asked to be sent to
    asked_on: Mapped[date] = mapped_column(Date)
    consented: Mapped[bool] = mapped_column(Boolean)
    consent_note: Mapped[str] = mapped_column(Text, default="")  # how they gave it: by email, on the sign-in sheet
    removed_on: Mapped[date | None] = mapped_column(Date)
    removal_note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
