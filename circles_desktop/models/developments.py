"""Significant developments about the core member's progress, risk or needs, and who heard of them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.people import Person
from circles_desktop.models.vocab import DevelopmentKind, check_in


class Development(Base):
    __tablename__ = "developments"
    __table_args__ = (
        check_in("kind", DevelopmentKind),
        Index("ix_developments_circle", "circle_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    escalated_to_mappa: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated_on: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    reported_by: Mapped[Person | None] = relationship(lazy="joined")
    shared_with: Mapped[list[DevelopmentShare]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class DevelopmentShare(Base):
    __tablename__ = "development_shares"

    development_id: Mapped[int] = mapped_column(ForeignKey("developments.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    shared_on: Mapped[date] = mapped_column(Date)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
