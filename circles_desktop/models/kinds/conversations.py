"""Community conversations (seed 002): what a conversation adds to the generic Circle (kind
"conversation").

A conversation IS a Circle (its title, organiser as coordinator, start date); each time people meet is a
Meeting of kind "conversation", so a series of conversations people can dip in and out of is the circle's
meetings. What only a conversation needs sits here: why it is happening (who asked, about what, where the
need is, the locality and theme, the strengths to celebrate), similar work already happening, the
organisation's own copy of the toolkit's checklist and how far this conversation has worked through it,
attendance counted by group at each conversation (never names), what people noticed, and the sparks of
ideas the community takes forward, with their follow-up at later conversations.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.vocab import Choice, check_in


class SimilarWorkKind(Choice):
    NAG = "nag"  # a neighbourhood action group
    NEIGHBOURHOOD_FORUM = "neighbourhood_forum"
    OTHER_GROUP = "other_group"
    CONVERSATION = "conversation"  # another community conversation recorded in the app

    @property
    def label(self) -> str:
        return _WORK_LABELS[self.value]


_WORK_LABELS = {
    "nag": "Neighbourhood action group (NAG)",
    "neighbourhood_forum": "Neighbourhood forum",
    "other_group": "Another group working on the same thing",
    "conversation": "Another community conversation",
}


class WorkDecision(Choice):
    """What the organiser decided about similar work: the toolkit says there can be strength in joining forces."""

    JOIN_FORCES = "join_forces"
    SEPARATE = "separate"

    @property
    def label(self) -> str:
        return "Join forces" if self is WorkDecision.JOIN_FORCES else "Keep going separately"


class CheckState(Choice):
    DONE = "done"
    NOT_FOR_THIS_ONE = "not_for_this_one"  # with a note why; "still to think about" is the absence of a row


class AttendeeGroup(Choice):
    """Who came, counted by group: the toolkit asks for a balanced attendance."""

    LOCAL_RESIDENTS = "local_residents"
    ALREADY_ACTIVE = "already_active"
    PROFESSIONALS = "professionals"
    CHILDREN_YOUNG_PEOPLE = "children_young_people"
    LESS_OFTEN_HEARD = "less_often_heard"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self.value]


_GROUP_LABELS = {
    "local_residents": "Local residents",
    "already_active": "People already active in the community",
    "professionals": "Professionals",
    "children_young_people": "Children and young people",
    "less_often_heard": "People from groups less often heard",
}


class SparkStatus(Choice):
    GROWING = "growing"  # being taken forward by the community
    DONE = "done"
    LET_GO = "let_go"  # not taken forward after all

    @property
    def label(self) -> str:
        return {"growing": "Being taken forward", "done": "Done", "let_go": "Not taken forward"}[self.value]


class ConversationDetails(Base):
    """Why this conversation: one row per Circle of kind "conversation"."""

    __tablename__ = "conversation_details"
    __table_args__ = (Index("ix_conversation_details_place_theme", "locality_key", "theme_key"),)

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    approached_by: Mapped[str] = mapped_column(Text, default="")  # who approached the organiser for help
    approached_about: Mapped[str] = mapped_column(Text, default="")  # and about what
    need: Mapped[str] = mapped_column(Text, default="")  # where the need is
    locality: Mapped[str] = mapped_column(String(120), default="")  # the community or locality
    locality_key: Mapped[str] = mapped_column(String(120), default="")  # services.common.text.search_key
    theme: Mapped[str] = mapped_column(String(120), default="")  # e.g. "Loneliness", "Young people's safety"
    theme_key: Mapped[str] = mapped_column(String(120), default="")
    strengths: Mapped[str] = mapped_column(Text, default="")  # strengths and successes to celebrate


class SimilarWork(Base):
    """Work already happening on the same thing, and what the organiser decided to do about it."""

    __tablename__ = "similar_work"
    __table_args__ = (
        check_in("kind", SimilarWorkKind),
        CheckConstraint("decision IS NULL OR decision IN ('join_forces', 'separate')", name="decision"),
        CheckConstraint("decision IS NULL OR decided_on IS NOT NULL", name="decision_dated"),
        Index("ix_similar_work_circle", "circle_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(200))
    # For another conversation in the app: which one (its name is kept as written at the time too).
    other_circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="SET NULL"), index=True)
    contact: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(16))
    decided_on: Mapped[date | None] = mapped_column(Date)


class ToolkitItem(Base):
    """The organisation's own copy of the toolkit's checklist: shipped defaults (resources/toolkit), which
    the organisation may reword, add to, reorder and retire. A retired item stays, so conversations that
    worked through it still show it."""

    __tablename__ = "toolkit_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # the shipped item's code, or "own-N"
    section: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class ConversationCheck(Base):
    """One toolkit item worked through for one conversation (done, or not for this one and why)."""

    __tablename__ = "conversation_checks"
    __table_args__ = (
        check_in("state", CheckState),
        CheckConstraint("state <> 'not_for_this_one' OR note <> ''", name="not_for_this_one_has_note"),
    )

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("toolkit_items.id"), primary_key=True, index=True)
    state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[date] = mapped_column(Date)


class Headcount(Base):
    """How many of a group came to one conversation (a Meeting): counted, never named."""

    __tablename__ = "conversation_headcounts"
    __table_args__ = (check_in("attendee_group", AttendeeGroup), CheckConstraint("people >= 0", name="not_negative"))

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    attendee_group: Mapped[str] = mapped_column(String(24), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)


class Noticed(Base):
    """What people said they have noticed in their community, at one conversation."""

    __tablename__ = "conversation_noticed"
    __table_args__ = (Index("ix_conversation_noticed_meeting", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Spark(Base):
    """The spark of an idea taken forward by the community ('small seeds'), and who carries it."""

    __tablename__ = "sparks"
    __table_args__ = (check_in("status", SparkStatus), Index("ix_sparks_circle_status", "circle_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)  # raised at
    idea: Mapped[str] = mapped_column(Text)
    carried_by: Mapped[str] = mapped_column(String(200))  # who in the community carries it
    # They agreed to be named in the summary for the community; otherwise it says "someone from the community".
    may_be_named: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default=SparkStatus.GROWING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    follow_ups: Mapped[list[SparkFollowUp]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SparkFollowUp.id"
    )


class SparkFollowUp(Base):
    """How a spark was getting on, told at a later conversation."""

    __tablename__ = "spark_follow_ups"
    __table_args__ = (UniqueConstraint("spark_id", "meeting_id", name="uq_spark_follow_ups_spark_meeting"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    spark_id: Mapped[int] = mapped_column(ForeignKey("sparks.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text)
