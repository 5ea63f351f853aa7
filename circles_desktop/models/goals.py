"""Goals set in a circle and the dated notes of progress towards them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.vocab import GoalStatus, check_in


class Goal(Base):
    __tablename__ = "goals"
    __table_args__ = (check_in("status", GoalStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    set_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=GoalStatus.OPEN)
    closed_on: Mapped[date | None] = mapped_column(Date)

    progress: Mapped[list[GoalProgress]] = relationship(
        cascade="all, delete-orphan", order_by="GoalProgress.noted_on", lazy="selectin"
    )


class GoalProgress(Base):
    __tablename__ = "goal_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    noted_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
