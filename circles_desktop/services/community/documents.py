"""The two Community Circle documents filled in from the records: the circle plan the person in focus
keeps, and the facilitator's match summary; their file names (which name no one) and their entry in the
register of shared documents.

Only what the person agreed to share goes in: what matters to them only if they agreed it may, their
contact details to the facilitator only if they agreed; never the signposting agency, the connector's
notes, anyone's vetting, or anything else from the record.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, Meeting
from circles_desktop.models.kinds.community import ContactWay
from circles_desktop.models.vocab import ActionStatus
from circles_desktop.reports.kinds.community_content import (
    CirclePlanContent,
    MatchSummaryContent,
    NextMeeting,
    PlanAction,
    PlanPerson,
)
from circles_desktop.services.common.validation import ValidationError, get
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import life_members
from circles_desktop.services.community.matching import slot_words
from circles_desktop.services.settings import organisation
from circles_desktop.services.sharing import sharing

DONE_SHOWN_DAYS = 90  # a done action stays on the plan this long, so the circle sees what it achieved


def _people(session: Session, circle_id: int, on: date, include_focus: bool) -> tuple[PlanPerson, ...]:
    rows = life_members.their_circle(session, circle_id)
    return tuple(
        PlanPerson(r.name, r.role_words)
        for r in rows
        if r.is_current(on) and (include_focus or r.role_words != "Person in focus")
    )


def _actions(session: Session, circle_id: int, today: date) -> tuple[PlanAction, ...]:
    """Actions a member offered to take on: open ones, and ones done lately."""
    since = today - timedelta(days=DONE_SHOWN_DAYS)
    stmt = (
        select(Action)
        .where(Action.circle_id == circle_id, Action.owner_offered.is_(True), Action.owner_id.is_not(None))
        .order_by(Action.status == ActionStatus.DONE, Action.due_on.is_(None), Action.due_on, Action.id)
    )
    return tuple(
        PlanAction(a.description, a.owner.display_name if a.owner else "", a.due_on, a.status == ActionStatus.DONE)
        for a in session.execute(stmt).scalars()
        if a.status != ActionStatus.DONE or (a.done_on is not None and a.done_on >= since)
    )


def _next_meeting(session: Session, circle_id: int, now: datetime) -> NextMeeting | None:
    stmt = select(Meeting).where(Meeting.circle_id == circle_id, Meeting.starts_at > now).order_by(Meeting.starts_at)
    m = session.execute(stmt.limit(1)).scalars().first()
    return NextMeeting(m.starts_at.date(), m.starts_at.time(), m.venue) if m is not None else None


def plan_content(session: Session, circle_id: int, now: datetime | None = None) -> CirclePlanContent:
    now = now or datetime.now()
    d = cc.community_detail(session, circle_id, now.date())
    return CirclePlanContent(
        letterhead=organisation.letterhead(session, get(session, Circle, circle_id, "circle"), d.host_organisation),
        person=d.person_name,
        purpose=d.form.purpose,
        what_matters=d.form.what_matters if d.form.share_what_matters else "",
        people=_people(session, circle_id, now.date(), include_focus=False),
        actions=_actions(session, circle_id, now.date()),
        next_meeting=_next_meeting(session, circle_id, now),
        made_on=now.date(),
    )


def _contact(session: Session, circle_id: int, d: cc.CommunityDetail) -> str:
    circle = get(session, Circle, circle_id, "circle")
    person = circle.focus_person
    way = ContactWay(d.form.contact_by)
    details = {ContactWay.PHONE: "phone", ContactWay.TEXT_MESSAGE: "phone", ContactWay.EMAIL: "email"}.get(way)
    found = getattr(person, details) if person is not None and details else ""
    words = [way.label + (f": {found}" if found else "")]
    if d.form.contact_notes:
        words.append(d.form.contact_notes)
    return ". ".join(words)


def match_summary_content(session: Session, circle_id: int, today: date | None = None) -> MatchSummaryContent:
    today = today or date.today()
    d = cc.community_detail(session, circle_id, today)
    if d.commitment is None:
        raise ValidationError("Match a facilitator first: the summary is of their match.")
    f = d.form
    return MatchSummaryContent(
        letterhead=organisation.letterhead(session, get(session, Circle, circle_id, "circle"), d.host_organisation),
        reference=d.reference,
        facilitator=d.commitment.facilitator,
        person=d.person_name,
        purpose=f.purpose,
        area=" · ".join(p for p in (f.postcode_district, f.area) if p),
        meeting_times=slot_words(f.times) if f.times else "",
        interests=tuple(f.interests),
        reasons=tuple(r for r in d.commitment.reasons.split("; ") if r),
        committed_on=d.commitment.committed_on,
        review_due_on=d.commitment.until_on,
        connector=d.connector_name,
        connector_organisation=d.host_organisation,
        what_matters=f.what_matters if f.share_what_matters else "",
        contact=_contact(session, circle_id, d) if f.share_contact else "",
        people=_people(session, circle_id, today, include_focus=True),
        made_on=today,
    )


def plan_file_name(reference: str, on: date) -> str:
    """circle-plan-CC-00012-2026-12-02.pdf: the reference and date, never a name."""
    return f"circle-plan-{reference}-{on.isoformat()}.pdf"


def summary_file_name(reference: str, on: date) -> str:
    return f"match-summary-{reference}-{on.isoformat()}.pdf"


def register_entry(session: Session, circle_id: int, document_kind: str) -> dict[str, Any]:
    """Who a document goes to, as the register of shared documents records it: the plan to the person in
    focus, the summary to the facilitator."""
    d = cc.community_detail(session, circle_id)
    if document_kind == sharing.CIRCLE_PLAN:
        member_id, name = d.focus_member_id, d.person_name
    elif document_kind == sharing.MATCH_SUMMARY and d.commitment is not None:
        member_id, name = d.commitment.member_id, d.commitment.facilitator
    else:
        raise ValidationError("That is not a Community Circle document.")
    return {
        "document_kind": document_kind,
        "circle_id": circle_id,
        "recipient_member_id": member_id,
        "recipient_name": name,
        "about": f"circle {circle_id}",
    }


def record_shared(
    session: Session, circle_id: int, document_kind: str, how: str, data: bytes, file_name: str = ""
) -> None:
    """Write the document to the register of shared documents and the audit log, with the hash of what
    left the machine."""
    entry = register_entry(session, circle_id, document_kind)
    sharing.record_shared(session, how=how, data=data, file_name=file_name, **entry)
