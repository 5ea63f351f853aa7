"""People, organisations and the parts people play: professionals, volunteers and their vetting.

One person record whatever their part, so the same person is never entered twice. Names are also kept
in a normalised form (lower case, accents folded) so that a search for "sian" finds "Siân" with a
prefix range the index can serve.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.vocab import (
    DayPart,
    DbsLevel,
    OrganisationKind,
    PersonPart,
    TrainingMethod,
    TravelReach,
    Weekday,
    check_in,
)

MAX_CIRCLES = 10  # the most circles one volunteer can say they will take at once


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (check_in("kind", OrganisationKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (Index("ix_people_name", "family_key", "given_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    known_as: Mapped[str] = mapped_column(String(100), default="")
    # Normalised copies for search and sorting (services.text.search_key)
    given_key: Mapped[str] = mapped_column(String(100), index=True)
    family_key: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    # An outside reference for finding the person again (case record, PNC or prison number)
    reference: Mapped[str] = mapped_column(String(64), default="")
    reference_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    parts: Mapped[list[PersonPartRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def display_name(self) -> str:
        given = self.known_as or self.given_name
        return f"{given} {self.family_name}".strip()

    @property
    def part_names(self) -> set[str]:
        return {p.part for p in self.parts}


class PersonPartRow(Base):
    """The parts a person plays (volunteer, professional, core member...), for filtering the list."""

    __tablename__ = "person_parts"
    __table_args__ = (check_in("part", PersonPart), Index("ix_person_parts_part", "part", "person_id"))

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    part: Mapped[str] = mapped_column(String(32), primary_key=True)


class ProfessionalRole(Base):
    """A person working at an organisation with a job title: a professional."""

    __tablename__ = "professional_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    job_title: Mapped[str] = mapped_column(String(150))
    work_phone: Mapped[str] = mapped_column(String(40), default="")
    work_email: Mapped[str] = mapped_column(String(200), default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)


class VolunteerProfile(Base):
    """What a volunteer (or facilitator) offers: where they are, when they can, what they enjoy."""

    __tablename__ = "volunteer_profiles"
    __table_args__ = (
        check_in("travel", TravelReach),
        CheckConstraint(f"max_circles BETWEEN 0 AND {MAX_CIRCLES}", name="max_circles"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    location: Mapped[str] = mapped_column(String(120), default="")  # town or area, for matching
    # Where they live by postcode district ("ST4"), how far they will go, and how many circles they can
    # take at once: what facilitator matching weighs (services/community/matching.py).
    postcode_district: Mapped[str] = mapped_column(String(8), default="", server_default=text("''"))
    travel: Mapped[str] = mapped_column(String(16), default=TravelReach.AREA, server_default=TravelReach.AREA.value)
    max_circles: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The partner organisation that recruited and trained them (Community Circles facilitators).
    recruited_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    started_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    availability_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    slots: Mapped[list[AvailabilitySlot]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    interests: Mapped[list[VolunteerInterest]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class AvailabilitySlot(Base):
    __tablename__ = "availability_slots"
    __table_args__ = (check_in("day", Weekday), check_in("part_of_day", DayPart))

    person_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_profiles.person_id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(3), primary_key=True)
    part_of_day: Mapped[str] = mapped_column(String(9), primary_key=True)


class VolunteerInterest(Base):
    __tablename__ = "volunteer_interests"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_profiles.person_id", ondelete="CASCADE"), primary_key=True
    )
    interest: Mapped[str] = mapped_column(String(80), primary_key=True)


class DbsCheck(Base):
    """A Disclosure and Barring Service check: vetting for a volunteer."""

    __tablename__ = "dbs_checks"
    # The latest check per person, for Home's renewals, read from the index alone.
    __table_args__ = (check_in("level", DbsLevel), Index("ix_dbs_checks_person_checked", "person_id", "checked_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    checked_on: Mapped[date] = mapped_column(Date)
    certificate_number: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class TrainingRecord(Base):
    __tablename__ = "training_records"
    __table_args__ = (
        # "" for a course recorded before the way it was done was asked.
        CheckConstraint("method IN ('', " + ", ".join(f"'{m}'" for m in TrainingMethod.values()) + ")", name="method"),
        # The latest of each course per person, for Home's renewals, read from the index alone.
        Index("ix_training_records_person_course", "person_id", "course", "completed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(150))
    completed_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16), default="", server_default=text("''"))  # vocab.TrainingMethod
    notes: Mapped[str] = mapped_column(Text, default="")
