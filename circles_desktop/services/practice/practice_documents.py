"""The community of practice's documents from the records: a session note and a season summary, their
file names (no one named), and the register and audit entry when one leaves the machine."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Participation, PracticeSession
from circles_desktop.models.kinds.practice import Sector, SessionMode
from circles_desktop.reports.kinds.practice_content import (
    BarrierLine,
    ParticipantLine,
    PresentationLine,
    SeasonSummaryContent,
    SessionLine,
    SessionNoteContent,
)
from circles_desktop.services.common.validation import get
from circles_desktop.services.meetings import meetings
from circles_desktop.services.practice import barriers, seasons, session_parts
from circles_desktop.services.practice.practice import find_practice
from circles_desktop.services.settings import organisation
from circles_desktop.services.sharing import sharing


def _sector_words(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((Sector(s).label, n) for s, n in counts.items())


def _barrier_lines(rows: list[barriers.BarrierRow]) -> tuple[BarrierLine, ...]:
    return tuple(
        BarrierLine(b.description, b.found_on, b.raised_with, b.raised_on, b.what_changed, b.changed_on) for b in rows
    )


def session_note_content(session: Session, meeting_id: int, today: date | None = None) -> SessionNoteContent:
    ps = get(session, PracticeSession, meeting_id, "session")
    meeting = meetings.get_meeting(session, meeting_id)
    circle = find_practice(session, meeting.circle_id)
    season = seasons.get_season(session, ps.season_id)
    talks = session_parts.presentations(session, meeting_id)
    came = session_parts.participants(session, meeting_id)
    found = [b for b in barriers.barriers(session, circle.id, ps.season_id) if b.meeting_id == meeting_id]
    return SessionNoteContent(
        letterhead=organisation.letterhead(session, circle),
        reference=circle.reference,
        practice=circle.title,
        theme=season.theme,
        chair=season.chair,
        held_on=meeting.starts_at.date(),
        starts_at=meeting.starts_at.time(),
        venue=meeting.venue,
        mode=SessionMode(ps.mode).label,
        refreshments=ps.refreshments,
        presentations=tuple(PresentationLine(t.title, t.presenter_in_documents, t.kind_words) for t in talks),
        participants=tuple(ParticipantLine(p.organisation, p.sector_label, p.people) for p in came),
        by_sector=_sector_words(session_parts.by_sector(session, [meeting_id])),
        discussion=ps.discussion,
        barriers=_barrier_lines(found),
        prepared_on=today or date.today(),
    )


def season_summary_content(session: Session, season_id: int, today: date | None = None) -> SeasonSummaryContent:
    season = seasons.get_season(session, season_id)
    circle = find_practice(session, season.circle_id)
    held = seasons.sessions(session, circle.id, season_id)
    ids = [s.meeting_id for s in held]
    talks = tuple(
        PresentationLine(t.title, t.presenter_in_documents, t.kind_words, s.starts_at.date())
        for s in held
        for t in session_parts.presentations(session, s.meeting_id)
    )
    organisations = 0
    if ids:
        organisations = (
            session.scalar(
                select(func.count(func.distinct(Participation.organisation_id))).where(
                    Participation.meeting_id.in_(ids)
                )
            )
            or 0
        )
    return SeasonSummaryContent(
        letterhead=organisation.letterhead(session, circle),
        reference=circle.reference,
        practice=circle.title,
        theme=season.theme,
        chair=season.chair,
        starts_on=season.starts_on,
        ends_on=season.ends_on,
        outcomes=season.outcomes,
        sessions=tuple(
            SessionLine(s.starts_at.date(), SessionMode(s.mode).label, s.presentations, s.participants) for s in held
        ),
        presentations=talks,
        barriers=_barrier_lines(barriers.barriers(session, circle.id, season_id)),
        by_sector=_sector_words(session_parts.by_sector(session, ids)),
        organisations=organisations,
        prepared_on=today or date.today(),
    )


def session_note_file_name(content: SessionNoteContent) -> str:
    return f"session-note-{content.reference}-{content.held_on.isoformat()}.pdf"


def season_summary_file_name(content: SeasonSummaryContent) -> str:
    return f"season-summary-{content.reference}-{content.starts_on.isoformat()}.pdf"


def record_shared(
    session: Session,
    circle_id: int,
    kind: str,
    how: str,
    data: bytes,
    file: str = "",
    meeting_id: int | None = None,
    protected: bool = False,
) -> None:
    """A session note or season summary left the machine (export or print): the register and the audit log."""
    find_practice(session, circle_id)
    if kind not in (sharing.SESSION_NOTE, sharing.SEASON_SUMMARY):
        raise ValueError(f"not a community of practice document: {kind}")
    sharing.record_shared(
        session,
        document_kind=kind,
        how=how,
        data=data,
        circle_id=circle_id,
        meeting_id=meeting_id,
        recipient_name="The community of practice",
        file_name=file,
        password_protected=protected,
    )
