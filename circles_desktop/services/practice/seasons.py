"""Seasons of a community of practice and their monthly sessions.

A season has a theme (Prison Release, Engagement), a chair or facilitator (who joins the circle as its
facilitator), a start and, once over, an end; seasons of one community of practice do not overlap. A
session is a Meeting of kind "practice_session" inside its season's dates, with what it adds
(PracticeSession): online or in person, the refreshments or working lunch, the discussion. The next
session falls due a month after the last one; `next_sessions_due` is the plain query the Home screen
gathers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Meeting, Person, PracticeSession, Season
from circles_desktop.models.kinds.practice import SessionMode
from circles_desktop.models.vocab import CircleKind, CircleStatus, MeetingKind, MemberRole, Ring
from circles_desktop.services.circles import members
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.meetings import meetings
from circles_desktop.services.practice.practice import find_practice
from circles_desktop.services.security import audit

SESSION_MONTHS = 1  # sessions are monthly


@dataclass
class SeasonForm:
    theme: str = ""
    chair_id: int | None = None  # the chair or facilitator
    starts_on: date | None = None
    ends_on: date | None = None
    outcomes: str = ""


@dataclass(frozen=True)
class SeasonRow:
    id: int
    circle_id: int
    theme: str
    chair_id: int | None
    chair: str
    starts_on: date
    ends_on: date | None
    outcomes: str
    sessions: int

    @property
    def dates(self) -> str:
        return f"from {uk_date(self.starts_on)}" + (f" to {uk_date(self.ends_on)}" if self.ends_on else "")


@dataclass
class SessionForm:
    season_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str = ""  # the room, or the online platform
    mode: str = SessionMode.IN_PERSON
    refreshments: str = ""
    discussion: str = ""


@dataclass(frozen=True)
class SessionRow:
    meeting_id: int
    season_id: int
    starts_at: datetime
    venue: str
    mode: str
    refreshments: str
    presentations: int
    participants: int


@dataclass(frozen=True)
class SessionDue:
    """A community of practice whose next monthly session falls due: what the Home screen lists."""

    due_on: date
    what: str  # in words
    circle_id: int  # the community of practice it opens
    season_id: int


# --- seasons -------------------------------------------------------------------------------------------
def _season_problems(session: Session, circle: Circle, form: SeasonForm, season_id: int | None) -> None:
    p = Problems()
    p.require("theme", form.theme, "the season's theme")
    p.max_length("theme", form.theme, 120, "theme")
    p.require("starts_on", form.starts_on, "the date the season starts")
    p.not_before("starts_on", form.starts_on, circle.started_on, "season's start", "community of practice's start")
    p.not_before("ends_on", form.ends_on, form.starts_on, "season's end", "season's start")
    if form.starts_on is not None:
        for other in _seasons(session, circle.id):
            if other.id == season_id:
                continue
            overlap = (form.ends_on is None or form.ends_on >= other.starts_on) and (
                other.ends_on is None or other.ends_on >= form.starts_on
            )
            if overlap:
                p.add(
                    "starts_on",
                    f"The season “{other.theme}” runs {other.dates}: seasons cannot overlap. "
                    + ("End that season first." if other.ends_on is None else "Choose other dates."),
                )
                break
    if season_id is not None and form.starts_on is not None:
        first, last = session.execute(
            select(func.min(Meeting.starts_at), func.max(Meeting.starts_at))
            .join(PracticeSession, PracticeSession.meeting_id == Meeting.id)
            .where(PracticeSession.season_id == season_id)
        ).one()
        if first is not None:
            p.not_before("starts_on", first.date(), form.starts_on, "first session", "season's start")
            p.not_before("ends_on", form.ends_on, last.date(), "season's end", "last session")
    p.raise_if_any()
    if form.chair_id is not None:
        get(session, Person, form.chair_id, "chair or facilitator")


def _seasons(session: Session, circle_id: int) -> list[SeasonRow]:
    held = (
        select(func.count())
        .select_from(PracticeSession)
        .where(PracticeSession.season_id == Season.id)
        .scalar_subquery()
    )
    stmt = select(Season, held).where(Season.circle_id == circle_id).order_by(Season.starts_on, Season.id)
    return [
        SeasonRow(
            s.id,
            s.circle_id,
            s.theme,
            s.chair_id,
            s.chair.display_name if s.chair else "",
            s.starts_on,
            s.ends_on,
            s.outcomes,
            n,
        )
        for s, n in session.execute(stmt).all()
    ]


def seasons(session: Session, circle_id: int) -> list[SeasonRow]:
    """The community of practice's seasons, oldest first."""
    find_practice(session, circle_id)
    return _seasons(session, circle_id)


def get_season(session: Session, season_id: int) -> SeasonRow:
    season = get(session, Season, season_id, "season")
    return next(s for s in _seasons(session, season.circle_id) if s.id == season_id)


def _chair_joins(session: Session, circle: Circle, chair_id: int | None, on: date) -> None:
    """The chair or facilitator is a member of the circle (its facilitator) from the season's start."""
    if chair_id is None:
        return
    already = session.scalar(
        select(CircleMember.id).where(CircleMember.circle_id == circle.id, CircleMember.person_id == chair_id).limit(1)
    )
    if already is None:
        members.add_member(session, circle.id, chair_id, Ring.INNER, MemberRole.FACILITATOR, on)


def add_season(session: Session, circle_id: int, form: SeasonForm) -> Season:
    circle = find_practice(session, circle_id)
    if circle.status == CircleStatus.CLOSED:
        raise ValidationError("This community of practice is closed; seasons cannot be added.")
    _season_problems(session, circle, form, None)
    season = Season(circle_id=circle_id)
    _apply_season(season, form)
    session.add(season)
    session.flush()
    _chair_joins(session, circle, form.chair_id, season.starts_on)
    audit.record(session, "season created", f"season {season.id}", f"circle {circle_id}")
    return season


def _apply_season(season: Season, form: SeasonForm) -> None:
    season.theme = clean(form.theme)
    season.chair_id = form.chair_id
    season.starts_on = form.starts_on  # type: ignore[assignment]
    season.ends_on = form.ends_on
    season.outcomes = form.outcomes.strip()


def update_season(session: Session, season_id: int, form: SeasonForm) -> Season:
    season = get(session, Season, season_id, "season")
    circle = find_practice(session, season.circle_id)
    _season_problems(session, circle, form, season_id)
    _apply_season(season, form)
    session.flush()
    _chair_joins(session, circle, form.chair_id, season.starts_on)
    audit.record(session, "season updated", f"season {season_id}")
    return season


def season_form(session: Session, season_id: int) -> SeasonForm:
    s = get(session, Season, season_id, "season")
    return SeasonForm(s.theme, s.chair_id, s.starts_on, s.ends_on, s.outcomes)


# --- sessions ------------------------------------------------------------------------------------------
def _session_problems(session: Session, form: SessionForm) -> Season:
    p = Problems()
    p.choose("season_id", form.season_id, "the season")
    p.one_of("mode", form.mode, SessionMode.values(), "way of meeting (online or in person)")
    p.max_length("refreshments", form.refreshments, 200, "refreshments")
    p.raise_if_any()
    season = get(session, Season, form.season_id, "season")
    if form.starts_at is not None:
        day = form.starts_at.date()
        p.not_before("starts_at", day, season.starts_on, "session date", f"start of the season “{season.theme}”")
        p.not_before("starts_at", season.ends_on, day, f"end of the season “{season.theme}”", "session date")
    p.raise_if_any()
    return season


def _meeting_form(form: SessionForm) -> meetings.MeetingForm:
    return meetings.MeetingForm(MeetingKind.PRACTICE_SESSION, form.starts_at, form.ends_at, form.venue, "")


def add_session(session: Session, circle_id: int, form: SessionForm) -> Meeting:
    find_practice(session, circle_id)
    season = _session_problems(session, form)
    if season.circle_id != circle_id:
        raise ValidationError("That season belongs to another community of practice.", "season_id")
    meeting = meetings.create_meeting(session, circle_id, _meeting_form(form))
    session.add(
        PracticeSession(
            meeting_id=meeting.id,
            season_id=season.id,
            mode=form.mode,
            refreshments=clean(form.refreshments),
            discussion=form.discussion.strip(),
        )
    )
    session.flush()
    return meeting


def update_session(session: Session, meeting_id: int, form: SessionForm) -> Meeting:
    ps = get(session, PracticeSession, meeting_id, "session")
    season = _session_problems(session, form)
    meeting = get(session, Meeting, meeting_id, "session")
    if season.circle_id != meeting.circle_id:
        raise ValidationError("That season belongs to another community of practice.", "season_id")
    meetings.update_meeting(session, meeting_id, _meeting_form(form))
    ps.season_id, ps.mode = season.id, form.mode
    ps.refreshments, ps.discussion = clean(form.refreshments), form.discussion.strip()
    session.flush()
    return meeting


def session_form(session: Session, meeting_id: int) -> SessionForm:
    ps = get(session, PracticeSession, meeting_id, "session")
    m = get(session, Meeting, meeting_id, "session")
    return SessionForm(ps.season_id, m.starts_at, m.ends_at, m.venue, ps.mode, ps.refreshments, ps.discussion)


def delete_session(session: Session, meeting_id: int) -> None:
    get(session, PracticeSession, meeting_id, "session")
    meetings.delete_meeting(session, meeting_id)  # its presentations, participants and barriers go with it


def sessions(session: Session, circle_id: int, season_id: int | None = None) -> list[SessionRow]:
    """The sessions, oldest first; one season's when `season_id` is given."""
    from circles_desktop.models import Participation, Presentation

    talks = (
        select(func.count()).select_from(Presentation).where(Presentation.meeting_id == Meeting.id).scalar_subquery()
    )
    came = (
        select(func.coalesce(func.sum(Participation.people), 0))
        .where(Participation.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Meeting.id,
            PracticeSession.season_id,
            Meeting.starts_at,
            Meeting.venue,
            PracticeSession.mode,
            PracticeSession.refreshments,
            talks,
            came,
        )
        .join(PracticeSession, PracticeSession.meeting_id == Meeting.id)
        .where(Meeting.circle_id == circle_id)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if season_id is not None:
        stmt = stmt.where(PracticeSession.season_id == season_id)
    return [SessionRow(*r) for r in session.execute(stmt)]


# --- when the next session falls due -------------------------------------------------------------------
def next_due(starts_on: date, last_held: date | None) -> date:
    """The rule, once: a month after the last session, or the season's start before the first."""
    return add_months(last_held, SESSION_MONTHS) if last_held is not None else starts_on


def next_sessions_due(session: Session, today: date | None = None) -> list[SessionDue]:
    """For every open community of practice whose current season has no session planned after today:
    the date its next monthly session falls due, soonest first."""
    today = today or date.today()
    last = (
        select(func.max(Meeting.starts_at))
        .join(PracticeSession, PracticeSession.meeting_id == Meeting.id)
        .where(PracticeSession.season_id == Season.id)
        .scalar_subquery()
    )
    stmt = (
        select(Season.id, Season.circle_id, Season.theme, Season.starts_on, Circle.title, last.label("last_at"))
        .join(Circle, Circle.id == Season.circle_id)
        .where(
            Circle.kind == CircleKind.PRACTICE,
            Circle.status != CircleStatus.CLOSED,
            Season.starts_on <= today,
            (Season.ends_on.is_(None)) | (Season.ends_on >= today),
        )
    )
    due = []
    for r in session.execute(stmt):
        last_held = r.last_at.date() if r.last_at is not None else None
        if last_held is not None and last_held > today:
            continue  # the next session is already planned
        when = next_due(r.starts_on, last_held)
        since = f"a month after the last on {uk_date(last_held)}" if last_held else "the season has had none yet"
        what = f"Next session of {r.title}, season “{r.theme}”: due {uk_date(when)} ({since})"
        due.append(SessionDue(when, what, r.circle_id, r.id))
    return sorted(due, key=lambda d: (d.due_on, d.circle_id))
