"""Community practice sessions: every six weeks a regional connector brings their connectors together to
share learning and solve problems together, the regional network of peer support. Each session records
who came, the learning shared and the problems brought and solved; the next falls due six weeks after
the last."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Connector, NetworkPracticeAttendance, NetworkPracticeSession
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.community import connectors
from circles_desktop.services.security import audit

EVERY = timedelta(weeks=6)


@dataclass
class SessionForm:
    held_on: date | None = None
    venue: str = ""
    attended: set[int] = field(default_factory=set)  # connectors' person ids
    learning_shared: str = ""
    problems_brought: str = ""
    problems_solved: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: int
    regional_id: int
    held_on: date
    venue: str
    attended: tuple[tuple[int, str], ...]  # (person id, name), by name
    learning_shared: str
    problems_brought: str
    problems_solved: str


def _regional(session: Session, regional_id: int) -> Connector:
    regional = connectors.get_connector(session, regional_id)
    if not regional.regional:
        raise ValidationError(f"{regional.person.display_name} is not a regional connector: they do not run sessions.")
    return regional


def _check(session: Session, regional: Connector, form: SessionForm, today: date) -> None:
    p = Problems()
    p.require("held_on", form.held_on, "the date of the session")
    if form.held_on is not None:
        if form.held_on > today:
            p.add("held_on", "Record a session once it has been held: the date cannot be in the future.")
        p.not_before(
            "held_on", form.held_on, regional.started_on, "date of the session", "date the regional connector started"
        )
    p.max_length("venue", clean(form.venue), 200, "venue")
    theirs = {pid for pid, _ in connectors.local_connectors(session, regional.person_id)} | {regional.person_id}
    strangers = form.attended - theirs
    if strangers:
        p.add("attended", "Only the connectors this regional connector supports come to their sessions.")
    p.raise_if_any()


def record_session(
    session: Session, regional_id: int, form: SessionForm, today: date | None = None
) -> NetworkPracticeSession:
    regional = _regional(session, regional_id)
    _check(session, regional, form, today or date.today())
    row = NetworkPracticeSession(regional_connector_id=regional_id)
    _apply(row, form)
    session.add(row)
    session.flush()
    audit.record(session, "practice session created", f"practice session {row.id}")
    return row


def update_session(
    session: Session, session_id: int, form: SessionForm, today: date | None = None
) -> NetworkPracticeSession:
    row = get(session, NetworkPracticeSession, session_id, "practice session")
    _check(session, _regional(session, row.regional_connector_id), form, today or date.today())
    _apply(row, form)
    session.flush()
    audit.record(session, "practice session updated", f"practice session {row.id}")
    return row


def _apply(row: NetworkPracticeSession, form: SessionForm) -> None:
    row.held_on = form.held_on  # type: ignore[assignment]
    row.venue = clean(form.venue)
    row.learning_shared = form.learning_shared.strip()
    row.problems_brought = form.problems_brought.strip()
    row.problems_solved = form.problems_solved.strip()
    row.attendance = [NetworkPracticeAttendance(connector_id=c) for c in sorted(form.attended)]


def delete_session(session: Session, session_id: int) -> None:
    row = get(session, NetworkPracticeSession, session_id, "practice session")
    session.delete(row)
    session.flush()
    audit.record(session, "practice session deleted", f"practice session {session_id}")


def sessions(session: Session, regional_id: int) -> list[SessionRow]:
    """The regional connector's sessions, newest first, with who came."""
    stmt = (
        select(NetworkPracticeSession)
        .where(NetworkPracticeSession.regional_connector_id == regional_id)
        .order_by(NetworkPracticeSession.held_on.desc(), NetworkPracticeSession.id.desc())
    )
    found = list(session.execute(stmt).scalars())
    ids = {a.connector_id for s in found for a in s.attendance}
    names = {
        c.person_id: c.person.display_name
        for c in session.execute(select(Connector).where(Connector.person_id.in_(ids))).scalars()
    }
    return [
        SessionRow(
            s.id,
            s.regional_connector_id,
            s.held_on,
            s.venue,
            tuple(
                sorted(
                    ((a.connector_id, names.get(a.connector_id, "")) for a in s.attendance),
                    key=lambda a: a[1].casefold(),
                )
            ),
            s.learning_shared,
            s.problems_brought,
            s.problems_solved,
        )
        for s in found
    ]


def session_form(session: Session, session_id: int) -> SessionForm:
    s = get(session, NetworkPracticeSession, session_id, "practice session")
    return SessionForm(
        s.held_on,
        s.venue,
        {a.connector_id for a in s.attendance},
        s.learning_shared,
        s.problems_brought,
        s.problems_solved,
    )


def last_held(session: Session, regional_id: int) -> date | None:
    stmt = select(func.max(NetworkPracticeSession.held_on)).where(
        NetworkPracticeSession.regional_connector_id == regional_id
    )
    return session.scalar(stmt)


def next_due(session: Session, regional_id: int, today: date | None = None) -> date:
    """Six weeks after the last session; with none yet, from the day the regional connector started (or today)."""
    last = last_held(session, regional_id)
    if last is not None:
        return last + EVERY
    regional = connectors.get_connector(session, regional_id)
    return regional.started_on or today or date.today()


def due_words(due_on: date, today: date) -> str:
    days = (due_on - today).days
    if days < 0:
        return f"The next community practice session was due on {uk_date(due_on)}, {plural(-days, 'day')} ago."
    if days == 0:
        return "The next community practice session is due today."
    return f"The next community practice session is due on {uk_date(due_on)}, in {plural(days, 'day')}."
