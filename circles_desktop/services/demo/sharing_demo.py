"""Demo entries for the register of shared documents, made through the real services: minutes exported
and printed for outer-circle members (real PDFs, so the SHA-256 is a real one), a printed meeting pack,
and a copy still held under consent that was withdrawn after it was sent."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import CircleMember, Consent, Meeting, SharedDocument
from circles_desktop.services.consent.consent import Recipient
from circles_desktop.services.sharing import minutes_export, pack_content, sharing


def _recipient(m: CircleMember) -> Recipient:
    return Recipient("member", m.id, m.person.display_name, m.organisation.name if m.organisation else "", m.person_id)


def _share(session: Session, meeting: Meeting, member: CircleMember, on: date, how: str, protected: bool) -> bool:
    recipient = _recipient(member)
    plan = minutes_export.plan_for(session, meeting, recipient, today=on)
    if not plan.can_receive:
        return False
    prepared = minutes_export.prepare(session, meeting.id, recipient, today=on)
    data = minutes_export.build(prepared)
    sharing.record_shared(
        session,
        how=how,
        data=data,
        file_name=prepared.file_name if how == sharing.EXPORT else "",
        password_protected=protected and how == sharing.EXPORT,
        shared_at=datetime.combine(on, time(16, 30)),
        **minutes_export.register_kwargs(prepared),
    )
    return True


def fill_shared_documents(session: Session, seed: int, today: date, limit: int = 6) -> int:
    """Add a few register entries; returns how many."""
    rnd = random.Random(seed + 404)
    circles = _copies_under_withdrawn_consent(session, most=2)
    made = len(circles) + _recent_copies(session, rnd, today, circles, limit - len(circles))
    session.flush()
    return made


def _copies_under_withdrawn_consent(session: Session, most: int) -> list[int]:
    """Copies held under consent that was withdrawn after they were sent: the circles they are in, one
    per copy."""
    circles: list[int] = []
    withdrawn = session.execute(
        select(Consent)
        .where(Consent.withdrawn_on.is_not(None), Consent.recipient_member_id.is_not(None))
        .order_by(Consent.id)
        .limit(40)
    ).scalars()
    for c in withdrawn:
        if len(circles) >= most:
            break
        assert c.withdrawn_on is not None  # the query asked for withdrawn consent only
        meeting = session.execute(
            select(Meeting)
            .where(
                Meeting.circle_id == c.circle_id,
                Meeting.starts_at >= datetime.combine(c.given_on, time()),
                Meeting.starts_at < datetime.combine(c.withdrawn_on - timedelta(days=2), time()),
            )
            .order_by(Meeting.starts_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        member = session.get(CircleMember, c.recipient_member_id)
        if meeting is None or member is None:
            continue
        on = meeting.starts_at.date() + timedelta(days=1)
        if _share(session, meeting, member, on, sharing.EXPORT, protected=not circles):
            circles.append(meeting.circle_id)
    return circles


def _recent_copies(session: Session, rnd: random.Random, today: date, circles: list[int], limit: int) -> int:
    """Recent minutes exported and printed for current consent, and a printed meeting pack; the circles
    already holding a copy come first. Returns how many."""
    recent = session.execute(
        select(Meeting)
        .where(Meeting.starts_at <= datetime.combine(today, time()))
        .order_by(Meeting.circle_id.in_(circles).desc(), Meeting.starts_at.desc())
        # A few candidates are plenty for six copies; loading every meeting (and its eager-loaded
        # children) took most of a large demo's time.
        .limit(60)
    ).scalars()
    made = 0
    pack_done = False
    for meeting in recent:
        if made >= limit:
            break
        on = min(today, meeting.starts_at.date() + timedelta(days=2))
        outer = session.execute(
            select(CircleMember).where(CircleMember.circle_id == meeting.circle_id, CircleMember.ring == "outer")
        ).scalars()
        shared_here = False
        for member in outer:
            if made < limit and _share(
                session, meeting, member, on, rnd.choice((sharing.EXPORT, sharing.PRINT)), rnd.random() < 0.5
            ):
                made += 1
                shared_here = True
        if not pack_done and shared_here:
            _print_meeting_pack(session, meeting.id, on)
            pack_done = True
            made += 1
    return made


def _print_meeting_pack(session: Session, meeting_id: int, on: date) -> None:
    from circles_desktop.reports.meeting_pack import build_meeting_pack

    data = build_meeting_pack(pack_content.meeting_pack_content(session, meeting_id, on))
    doc_id = pack_content.record_meeting_pack_print(session, meeting_id, data)
    session.get_one(SharedDocument, doc_id).shared_at = datetime.combine(on, time(9, 0))
