"""Locality Learning Circles (seed 004): the child's record, and what a learning circle adds to the
generic Circle (kind "learning").

A learning circle IS a Circle: its learners, practitioners and managers are CircleMembers, the circle
itself is one Meeting (date, time, room or virtual platform, who was present), its actions are Actions.
What only a learning circle needs sits here: the child it is about, why the child was selected, the areas
of focus, the three-stage checklist, its learning points and its themes.

The child's record is the most sensitive record in the product, so it is kept apart from `people` (it
never shows in the People list or a people search) and holds only what the circle needs. Audit entries
name children by id, never by name.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.people import Person
from circles_desktop.models.vocab import Choice, check_in


class LearningStage(Choice):
    """Where a learning circle is: the first stage with steps still to do, or complete."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    COMPLETE = "complete"


class SelectionReason(Choice):
    """Why a child was selected for a learning circle; several may apply."""

    AUDIT_OUTCOME = "audit_outcome"
    ESCALATION_OF_RISK = "escalation_of_risk"
    EXCEPTIONS_REPORTING = "exceptions_reporting"
    TURNING_POINT = "turning_point"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self.value]


_REASON_LABELS = {
    "audit_outcome": "Outstanding or inadequate audit outcome",
    "escalation_of_risk": "Escalation of risk to the child and family members",
    "exceptions_reporting": "Exceptions reporting or dashboard scrutiny",
    "turning_point": "A turning point or event in the child's story",
    "other": "Other",
}


class StepState(Choice):
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"  # with the reason; "left" (still to do) is the absence of a row


class Child(Base):
    """A child whose case a learning circle reviews: only what the circle needs."""

    __tablename__ = "children"
    __table_args__ = (Index("ix_children_name", "family_key", "given_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    # Normalised copies for search and sorting (services.text.search_key)
    given_key: Mapped[str] = mapped_column(String(100), index=True)
    family_key: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    locality: Mapped[str] = mapped_column(String(120), index=True)
    case_reference: Mapped[str] = mapped_column(String(40))  # the case record reference
    case_reference_key: Mapped[str] = mapped_column(String(40), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_updated_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    # Loaded when read, not with every learning circle that shows the child.
    practitioner: Mapped[Person | None] = relationship()
    chronology: Mapped[list[ChronologyEntry]] = relationship(
        cascade="all, delete-orphan",
        order_by=lambda: (ChronologyEntry.occurred_on, ChronologyEntry.id),
        back_populates="child",
    )

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class ChronologyEntry(Base):
    """A key event in the child's story, dated; entries are added over time."""

    __tablename__ = "chronology_entries"
    __table_args__ = (Index("ix_chronology_entries_child", "child_id", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    occurred_on: Mapped[date] = mapped_column(Date)
    event: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    child: Mapped[Child] = relationship(back_populates="chronology")


class LearningCircle(Base):
    """What only a learning circle needs, one row per Circle of kind "learning".

    The proposal date (the Locality Management Meeting) is the Circle's started_on; the date and time
    are the Meeting's (`meeting_id`), made once the date is known. The room or platform and how long it
    lasts are kept here from the start (and given to the meeting), so they are known before the date is;
    `stage` is kept by the services from the checklist.
    """

    __tablename__ = "learning_circles"
    __table_args__ = (
        check_in("stage", LearningStage),
        Index("ix_learning_circles_stage", "stage"),
    )

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    virtual: Mapped[bool] = mapped_column(Boolean, default=False)  # held on a virtual platform
    venue: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))  # room or platform
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    other_reason: Mapped[str] = mapped_column(Text, default="")
    areas_of_focus: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(10), default=LearningStage.BEFORE)
    completed_on: Mapped[date | None] = mapped_column(Date)

    child: Mapped[Child] = relationship(lazy="joined", innerjoin=True)
    reasons: Mapped[list[LearningReason]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    steps: Mapped[list[LearningStepRecord]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class LearningReason(Base):
    __tablename__ = "learning_reasons"
    __table_args__ = (check_in("reason", SelectionReason),)

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("learning_circles.circle_id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(String(32), primary_key=True)


class LearningStepRecord(Base):
    """One checklist step done (who, when) or marked not applicable (with the reason). No row: still to do."""

    __tablename__ = "learning_steps"
    __table_args__ = (
        check_in("state", StepState),
        CheckConstraint("state <> 'not_applicable' OR reason <> ''", name="not_applicable_has_reason"),
    )

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("learning_circles.circle_id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[str] = mapped_column(String(32), primary_key=True)  # services.learning_steps.STEPS
    state: Mapped[str] = mapped_column(String(16))
    done_on: Mapped[date | None] = mapped_column(Date)  # for "case note recorded": the case note's date
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it does not apply
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    done_by: Mapped[Person | None] = relationship(lazy="joined")


class LearningPoint(Base):
    __tablename__ = "learning_points"
    __table_args__ = (Index("ix_learning_points_circle", "circle_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("learning_circles.circle_id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Theme(Base):
    """A theme shared across learning circles (e.g. "Neglect", "Voice of the child")."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LearningTheme(Base):
    """A theme of one learning circle; the key makes each theme count once per circle."""

    __tablename__ = "learning_themes"

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("learning_circles.circle_id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True)

    theme: Mapped[Theme] = relationship(lazy="joined", innerjoin=True)
