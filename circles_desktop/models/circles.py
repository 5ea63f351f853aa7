"""The generic circle, shared by all five kinds, its members in the inner and outer rings, and the
small tables that hold what only one kind needs (CoSA: variant and expected release date)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ColumnElement, Date, ForeignKey, Index, String, Text, and_, or_, text
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.people import Organisation, Person
from circles_desktop.models.vocab import CircleKind, CircleStatus, CosaVariant, Ring, check_in


class Circle(Base):
    __tablename__ = "circles"
    __table_args__ = (
        check_in("kind", CircleKind),
        check_in("status", CircleStatus),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates_in_order"),
        Index("ix_circles_kind_status", "kind", "status"),
        Index("ix_circles_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), default="", index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    # The core member (CoSA), focus person (Community Circle) or child (learning circle); none for a
    # community conversation or a community of practice.
    focus_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default=CircleStatus.FORMING)
    started_on: Mapped[date] = mapped_column(Date)
    activated_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    ended_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))  # why it ended, when it has
    purpose: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    focus_person: Mapped[Person | None] = relationship(foreign_keys=[focus_person_id], lazy="joined")
    coordinator: Mapped[Person | None] = relationship(foreign_keys=[coordinator_id], lazy="joined")
    cosa: Mapped[CosaDetails | None] = relationship(
        cascade="all, delete-orphan", lazy="joined", uselist=False, back_populates="circle"
    )


class CosaDetails(Base):
    """What only a Circle of Support and Accountability needs."""

    __tablename__ = "cosa_details"
    __table_args__ = (check_in("variant", CosaVariant),)

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    variant: Mapped[str] = mapped_column(String(32))
    # Prison / through-the-gate circles start months before release and run on after it.
    expected_release_on: Mapped[date | None] = mapped_column(Date)
    prison_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    circle: Mapped[Circle] = relationship(back_populates="cosa")


class CircleMember(Base):
    __tablename__ = "circle_members"
    __table_args__ = (
        check_in("ring", Ring),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="dates_in_order"),
        Index("ix_circle_members_circle", "circle_id", "ring"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    ring: Mapped[str] = mapped_column(String(5))
    role: Mapped[str] = mapped_column(String(32))  # vocab.MemberRole; checked in services (grows)
    # The agency an outer-circle professional represents in this circle.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    # "unnested": loaded through an outer join (a consent's recipient), a nested inner join made SQLite
    # materialise every member for each query (130 ms at 100,000 people instead of 2 ms).
    # (SQLAlchemy documents innerjoin="unnested", though its annotation says bool.)
    person: Mapped[Person] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    # Each rule below is written once, as Python for a loaded member and as SQL for a query; the two
    # halves sit side by side so they cannot drift apart.
    @hybrid_method
    def is_current(self, on: date) -> bool:
        """In the circle on the date: joined on or before it, and not left on or before it."""
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)

    @is_current.expression
    @classmethod
    def _is_current_sql(cls, on: date) -> ColumnElement[bool]:
        return and_(cls.joined_on <= on, or_(cls.left_on.is_(None), cls.left_on > on))

    @hybrid_method
    def in_outer_circle_on(self, on: date) -> bool:
        """An outer-circle member on the date: the only members consent can reach."""
        return self.ring == Ring.OUTER and self.is_current(on)

    @in_outer_circle_on.expression
    @classmethod
    def _in_outer_circle_on_sql(cls, on: date) -> ColumnElement[bool]:
        return and_(cls.ring == Ring.OUTER, cls.is_current(on))
