"""What people noticed ("What have you noticed in your community?") at each conversation, and the sparks:
ideas taken forward by the community, each with who in the community carries it, followed up at a later
conversation. `sparks_due` is the plain query the Home screen gathers: sparks still waiting for their
follow-up, with the date it falls due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Meeting, Noticed, Spark, SparkFollowUp
from circles_desktop.models.kinds.conversations import SparkStatus
from circles_desktop.models.vocab import CircleKind, CircleStatus, MeetingKind
from circles_desktop.services.common import positions
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.conversations.conversations import find_conversation
from circles_desktop.services.security import audit

SOMEONE = "Someone from the community"  # a carrier who did not agree to be named, in the community's summary


@dataclass(frozen=True)
class NoticedRow:
    id: int
    meeting_id: int
    position: int
    text: str


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    meeting_id: int
    held_on: date
    note: str


@dataclass(frozen=True)
class SparkRow:
    id: int
    meeting_id: int
    raised_on: date
    idea: str
    carried_by: str
    may_be_named: bool
    status: str
    follow_ups: tuple[FollowUpRow, ...]

    @property
    def status_label(self) -> str:
        return SparkStatus(self.status).label

    @property
    def carrier_for_community(self) -> str:
        return self.carried_by if self.may_be_named else SOMEONE


@dataclass(frozen=True)
class SparkDue:
    """A spark waiting for its follow-up: what the Home screen lists."""

    due_on: date  # the next conversation after it was raised; the day it was raised if none is planned
    what: str  # in words
    circle_id: int  # the conversation it opens
    spark_id: int


def _conversation_meeting(session: Session, meeting_id: int | None, circle_id: int | None = None) -> Meeting:
    meeting = get(session, Meeting, meeting_id, "conversation")
    find_conversation(session, meeting.circle_id)
    if circle_id is not None and meeting.circle_id != circle_id:
        raise ValidationError("That conversation is not one of this series.", "meeting_id")
    return meeting


# --- what people noticed -------------------------------------------------------------------------------
def noticed(session: Session, meeting_id: int) -> list[NoticedRow]:
    stmt = select(Noticed).where(Noticed.meeting_id == meeting_id).order_by(Noticed.position, Noticed.id)
    return [NoticedRow(n.id, n.meeting_id, n.position, n.text) for n in session.scalars(stmt)]


def all_noticed(session: Session, circle_id: int) -> list[NoticedRow]:
    stmt = (
        select(Noticed)
        .join(Meeting, Meeting.id == Noticed.meeting_id)
        .where(Noticed.circle_id == circle_id)
        .order_by(Meeting.starts_at, Noticed.position, Noticed.id)
    )
    return [NoticedRow(n.id, n.meeting_id, n.position, n.text) for n in session.scalars(stmt)]


def add_noticed(session: Session, meeting_id: int, text: str) -> Noticed:
    p = Problems()
    p.require("text", text, "what people noticed")
    p.raise_if_any()
    meeting = _conversation_meeting(session, meeting_id)
    count = session.scalar(select(func.count()).select_from(Noticed).where(Noticed.meeting_id == meeting_id)) or 0
    row = Noticed(circle_id=meeting.circle_id, meeting_id=meeting_id, position=count + 1, text=text.strip())
    session.add(row)
    session.flush()
    audit.record(session, "noticed created", f"noticed {row.id}", f"meeting {meeting_id}")
    return row


def update_noticed(session: Session, noticed_id: int, text: str) -> None:
    p = Problems()
    p.require("text", text, "what people noticed")
    p.raise_if_any()
    row = get(session, Noticed, noticed_id, "note of what people noticed")
    row.text = text.strip()
    session.flush()
    audit.record(session, "noticed updated", f"noticed {noticed_id}")


def delete_noticed(session: Session, noticed_id: int) -> None:
    row = get(session, Noticed, noticed_id, "note of what people noticed")
    meeting_id = row.meeting_id
    session.delete(row)
    session.flush()
    rest = session.scalars(select(Noticed).where(Noticed.meeting_id == meeting_id).order_by(Noticed.position))
    positions.number(list(rest), start=1)
    session.flush()
    audit.record(session, "noticed deleted", f"noticed {noticed_id}")


# --- sparks --------------------------------------------------------------------------------------------
@dataclass
class SparkForm:
    meeting_id: int | None = None  # the conversation it was raised at
    idea: str = ""
    carried_by: str = ""
    may_be_named: bool = False
    status: str = SparkStatus.GROWING


def _check_spark(form: SparkForm) -> None:
    p = Problems()
    p.choose("meeting_id", form.meeting_id, "the conversation it came from")
    p.require("idea", form.idea, "the idea")
    p.require("carried_by", form.carried_by, "who in the community carries it")
    p.max_length("carried_by", form.carried_by, 200, "name of who carries it")
    p.one_of("status", form.status, SparkStatus.values(), "state of the spark")
    p.raise_if_any()


def add_spark(session: Session, circle_id: int, form: SparkForm) -> Spark:
    _check_spark(form)
    _conversation_meeting(session, form.meeting_id, circle_id)
    spark = Spark(circle_id=circle_id, meeting_id=form.meeting_id)
    _apply_spark(spark, form)
    session.add(spark)
    session.flush()
    audit.record(session, "spark created", f"spark {spark.id}", f"circle {circle_id}")
    return spark


def _apply_spark(spark: Spark, form: SparkForm) -> None:
    spark.meeting_id = form.meeting_id  # type: ignore[assignment]
    spark.idea = form.idea.strip()
    spark.carried_by = clean(form.carried_by)
    spark.may_be_named = bool(form.may_be_named)
    spark.status = form.status


def update_spark(session: Session, spark_id: int, form: SparkForm) -> Spark:
    spark = get(session, Spark, spark_id, "spark")
    _check_spark(form)
    meeting = _conversation_meeting(session, form.meeting_id, spark.circle_id)
    later = [f for f in spark.follow_ups if _held_on(session, f.meeting_id) <= meeting.starts_at.date()]
    if later:
        raise ValidationError(
            "It was followed up at a conversation on or before that one: choose an earlier conversation.", "meeting_id"
        )
    _apply_spark(spark, form)
    session.flush()
    audit.record(session, "spark updated", f"spark {spark_id}")
    return spark


def spark_form(session: Session, spark_id: int) -> SparkForm:
    s = get(session, Spark, spark_id, "spark")
    return SparkForm(s.meeting_id, s.idea, s.carried_by, s.may_be_named, s.status)


def delete_spark(session: Session, spark_id: int) -> None:
    spark = get(session, Spark, spark_id, "spark")
    session.delete(spark)
    session.flush()
    audit.record(session, "spark deleted", f"spark {spark_id}")


def _held_on(session: Session, meeting_id: int) -> date:
    starts = session.scalar(select(Meeting.starts_at).where(Meeting.id == meeting_id))
    return starts.date() if starts else date.min


def sparks(session: Session, circle_id: int) -> list[SparkRow]:
    rows = session.execute(
        select(Spark, Meeting.starts_at)
        .join(Meeting, Meeting.id == Spark.meeting_id)
        .where(Spark.circle_id == circle_id)
        .order_by(Meeting.starts_at, Spark.id)
    ).all()
    held = dict(session.execute(select(Meeting.id, Meeting.starts_at).where(Meeting.circle_id == circle_id)).all())
    return [
        SparkRow(
            s.id,
            s.meeting_id,
            starts.date(),
            s.idea,
            s.carried_by,
            s.may_be_named,
            s.status,
            tuple(FollowUpRow(f.id, f.meeting_id, held[f.meeting_id].date(), f.note) for f in s.follow_ups),
        )
        for s, starts in rows
    ]


# --- follow-up at the next conversation ----------------------------------------------------------------
def follow_up(session: Session, spark_id: int, meeting_id: int | None, note: str, status: str | None = None) -> None:
    """How the spark is getting on, told at a later conversation; `status` changes it at the same time."""
    spark = get(session, Spark, spark_id, "spark")
    p = Problems()
    p.choose("meeting_id", meeting_id, "the conversation it was followed up at")
    p.require("note", note, "how the spark is getting on")
    if status is not None:
        p.one_of("status", status, SparkStatus.values(), "state of the spark")
    p.raise_if_any()
    meeting = _conversation_meeting(session, meeting_id, spark.circle_id)
    raised = _held_on(session, spark.meeting_id)
    if meeting.id == spark.meeting_id or meeting.starts_at.date() <= raised:
        raise ValidationError(
            f"A spark is followed up at a later conversation than the one it came from ({uk_date(raised)}).",
            "meeting_id",
        )
    if any(f.meeting_id == meeting.id for f in spark.follow_ups):
        raise ValidationError(
            "This spark already has a follow-up at that conversation; change that one instead.", "meeting_id"
        )
    spark.follow_ups.append(SparkFollowUp(meeting_id=meeting.id, note=note.strip()))
    if status is not None:
        spark.status = status
    session.flush()
    audit.record(session, "spark followed up", f"spark {spark_id}", f"meeting {meeting.id}")


def delete_follow_up(session: Session, follow_up_id: int) -> None:
    row = get(session, SparkFollowUp, follow_up_id, "follow-up")
    session.delete(row)
    session.flush()
    audit.record(session, "spark follow-up deleted", f"spark follow-up {follow_up_id}")


def sparks_due(session: Session, today: date | None = None) -> list[SparkDue]:
    """Sparks still being taken forward with no follow-up yet, in open conversations, soonest first. Each
    falls due at the next conversation after the one it came from; with none planned, it is due already
    (plan the next conversation)."""
    today = today or date.today()
    raised = Meeting.__table__.alias("raised")
    nxt = (
        select(func.min(Meeting.starts_at))
        .where(
            Meeting.circle_id == Spark.circle_id,
            Meeting.kind == MeetingKind.CONVERSATION,
            Meeting.starts_at > raised.c.starts_at,
        )
        .scalar_subquery()
    )
    stmt = (
        select(Spark.id, Spark.circle_id, Spark.idea, Circle.reference, raised.c.starts_at, nxt.label("next_at"))
        .join(raised, raised.c.id == Spark.meeting_id)
        .join(Circle, Circle.id == Spark.circle_id)
        .where(
            Circle.kind == CircleKind.CONVERSATION,
            Circle.status != CircleStatus.CLOSED,
            Spark.status == SparkStatus.GROWING,
            ~exists().where(SparkFollowUp.spark_id == Spark.id),
        )
    )
    due = []
    for r in session.execute(stmt):
        idea = r.idea if len(r.idea) <= 60 else r.idea[:59].rstrip() + "…"
        if r.next_at is not None:
            when = r.next_at.date()
            what = f"Follow up the spark “{idea}” ({r.reference}) at the conversation on {uk_date(when)}"
        else:
            when = r.starts_at.date()
            what = f"Plan the next conversation to follow up the spark “{idea}” ({r.reference})"
        due.append(SparkDue(when, what, r.circle_id, r.id))
    return sorted(due, key=lambda d: (d.due_on, d.spark_id))
