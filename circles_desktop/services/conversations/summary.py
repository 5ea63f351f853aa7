"""The one-page community conversation summary: its content from the records (no attendee named; a
spark's carrier only if they agreed), a file name, and the register and audit entry when it leaves the
machine."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from circles_desktop.models.kinds.conversations import AttendeeGroup
from circles_desktop.reports.kinds.conversation_content import ConversationSummaryContent, HeldConversation, SparkLine
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.conversations import conversation_sessions, sparks
from circles_desktop.services.conversations.conversations import find_conversation, get_conversation
from circles_desktop.services.settings import organisation
from circles_desktop.services.sharing import sharing


def summary_content(session: Session, circle_id: int, today: date | None = None) -> ConversationSummaryContent:
    today = today or date.today()
    d = get_conversation(session, circle_id)
    circle = find_conversation(session, circle_id)
    series = conversation_sessions.sessions(session, circle_id)
    held = tuple(
        HeldConversation(s.starts_at.date(), s.venue, s.counted) for s in series if s.starts_at.date() <= today
    )
    upcoming = [s.starts_at.date() for s in series if s.starts_at.date() > today]
    balance = conversation_sessions.balance(session, circle_id)
    lines = []
    for s in sparks.sparks(session, circle_id):
        latest = s.follow_ups[-1] if s.follow_ups else None
        lines.append(
            SparkLine(
                s.idea,
                s.carrier_for_community,
                s.status_label,
                f"Update {uk_date(latest.held_on)}: {latest.note}" if latest else "",
            )
        )
    return ConversationSummaryContent(
        letterhead=organisation.letterhead(session, circle),
        reference=d.reference,
        title=d.title,
        locality=d.locality,
        theme=d.theme,
        about=d.approached_about,
        need=d.need,
        strengths=d.strengths,
        held=held,
        next_on=upcoming[0] if upcoming else None,
        attendance=tuple((AttendeeGroup(g).label, n) for g, n in balance.counts.items() if n),
        balance_note=balance.warning,
        noticed=tuple(n.text for n in sparks.all_noticed(session, circle_id)),
        sparks=tuple(lines),
        prepared_on=today,
    )


def file_name(content: ConversationSummaryContent) -> str:
    when = f"-{content.prepared_on.isoformat()}" if content.prepared_on else ""
    return f"conversation-summary-{content.reference}{when}.pdf"


def record_shared(session: Session, circle_id: int, how: str, data: bytes, file: str = "") -> None:
    """The summary left the machine (export or print): the register of shared documents and the audit log."""
    find_conversation(session, circle_id)
    sharing.record_shared(
        session,
        document_kind=sharing.CONVERSATION_SUMMARY,
        how=how,
        data=data,
        circle_id=circle_id,
        recipient_name="The community",
        file_name=file,
    )
