"""Meetings of a circle: attendance, minutes in ordered sections, decisions and actions.

Every section, decision and action carries one information category, so minutes for a recipient can
hold exactly what their consent covers; "internal" (the volunteers' preparation and debrief) is never
shared with anyone.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.circles import CircleMember
from circles_desktop.models.people import Person
from circles_desktop.models.vocab import ActionStatus, AttendanceStatus, Category, check_in


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_circle_start", "circle_id", "starts_at"),
        # Each circle's latest review of a kind (Home's reviews due), from the index alone.
        Index("ix_meetings_kind_circle_start", "kind", "circle_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # vocab.MeetingKind; checked in services (grows)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    venue: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    attendance: Mapped[list[Attendance]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    sections: Mapped[list[MinutesSection]] = relationship(
        cascade="all, delete-orphan", order_by="MinutesSection.position", lazy="selectin"
    )
    decisions: Mapped[list[Decision]] = relationship(
        cascade="all, delete-orphan", order_by="Decision.position", lazy="selectin"
    )


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        check_in("status", AttendanceStatus),
        UniqueConstraint("meeting_id", "member_id", name="uq_attendance_meeting_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("circle_members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    # The part they took at this meeting (facilitating, taking notes…): roles are reflexive, so a
    # member's role can change from meeting to meeting.
    role: Mapped[str] = mapped_column(String(60), default="", server_default=text("''"))

    member: Mapped[CircleMember] = relationship(lazy="joined", innerjoin=True)


class MinutesSection(Base):
    __tablename__ = "minutes_sections"
    __table_args__ = (check_in("category", Category),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(32))


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (check_in("category", Category),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32), default=Category.MINUTES)


class Action(Base):
    """Something a named person agreed to do, from a meeting or between meetings."""

    __tablename__ = "actions"
    __table_args__ = (
        check_in("status", ActionStatus),
        check_in("category", Category),
        CheckConstraint("due_on IS NULL OR due_on >= created_on", name="due_after_created"),
        CheckConstraint("status <> 'blocked' OR barrier <> ''", name="blocked_has_barrier"),
        Index("ix_actions_circle_status", "circle_id", "status"),
        # Home's overdue actions, most overdue first, with their circle from the index alone.
        Index("ix_actions_status_due", "status", "due_on", "circle_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    # The owner offered to take it on themselves (in a Community Circle, the only way to own one).
    owner_offered: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=ActionStatus.OPEN)
    barrier: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(32), default=Category.MINUTES)

    owner: Mapped[Person | None] = relationship(lazy="joined")
