"""Content for the other documents, read from the records: the meeting pack for the inner circle, the
referral summary, and the blank end-of-circle stakeholder questionnaire.

Like minutes_export, these return the plain dataclasses of `reports.content`; building the PDF needs
no database, so it can happen off the UI thread.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Meeting, Referral
from circles_desktop.models.vocab import ActionStatus, Ring, label
from circles_desktop.reports import content as rc
from circles_desktop.reports.kit.text import format_date
from circles_desktop.services.circles import developments as development_service
from circles_desktop.services.circles import goals as goal_service
from circles_desktop.services.circles.questionnaires import QUESTIONS
from circles_desktop.services.common.validation import get
from circles_desktop.services.meetings import actions as action_service
from circles_desktop.services.meetings.meetings import last_meeting_before
from circles_desktop.services.settings.organisation import letterhead
from circles_desktop.services.sharing import sharing
from circles_desktop.services.sharing.minutes_export import action_item, meeting_record, prepared_by

# The shape of a CoSA circle meeting (seed 001); the coordinator adds to it on paper.
DEFAULT_AGENDA: tuple[str, ...] = (
    "Check in: how has everyone been since the last meeting?",
    "The previous minutes and actions",
    "Goals and progress",
    "Anything significant since the last meeting (progress, risk, needs)",
    "Plans and support until the next meeting",
    "Agree actions, and what the outer-circle minutes will say",
    "Check out",
)


# --- meeting pack --------------------------------------------------------------------------------
def _expected(session: Session, meeting: Meeting) -> tuple[rc.Attendee, ...]:
    """Everyone in the circle on the meeting date, with attendance where already taken."""
    on = meeting.starts_at.date()
    recorded = {a.member_id: a.status for a in meeting.attendance}
    members = [
        m
        for m in session.execute(select(CircleMember).where(CircleMember.circle_id == meeting.circle_id)).scalars()
        if m.is_current(on) or m.id in recorded
    ]
    members.sort(key=lambda m: (m.ring != Ring.INNER, m.person.display_name.casefold()))
    return tuple(
        rc.Attendee(
            m.person.display_name,
            label(m.role),
            m.organisation.name if m.organisation else "",
            recorded.get(m.id, ""),
        )
        for m in members
    )


def meeting_pack_content(session: Session, meeting_id: int, prepared_on: date | None = None) -> rc.MeetingPackContent:
    """The pack for the coordinator and inner circle: cover, agenda, attendance list, previous minutes in
    full, open actions, goals and progress, developments since the last meeting."""
    from dataclasses import replace

    meeting = get(session, Meeting, meeting_id, "meeting")
    circle = get(session, Circle, meeting.circle_id, "circle")
    record = replace(meeting_record(session, meeting), attendance=_expected(session, meeting))
    previous = last_meeting_before(session, circle.id, meeting.starts_at)
    since = previous.starts_at.date() if previous is not None else circle.started_on
    open_actions = tuple(
        action_item(a) for a in action_service.list_actions(session, circle.id) if a.status != ActionStatus.DONE
    )
    goals = tuple(
        rc.Goal(
            title=g.title,
            status=label(g.status),
            progress=tuple(rc.ProgressNote(p.noted_on, p.note) for p in g.progress),
        )
        for g in goal_service.list_goals(session, circle.id)
    )
    developments = tuple(
        rc.Development(
            occurred_on=d.occurred_on,
            kind=label(d.kind),
            description=d.description,
            reported_by=d.reported_by.display_name if d.reported_by else "",
            shared_with=", ".join(share.person.display_name for share in d.shared_with),
            escalated_to_mappa=d.escalated_to_mappa,
        )
        for d in development_service.list_developments(session, circle.id, since=since)
    )
    return rc.MeetingPackContent(
        letterhead=letterhead(session, circle),
        meeting=record,
        prepared_by=prepared_by(circle),
        prepared_on=prepared_on or date.today(),
        core_member=circle.focus_person.display_name if circle.focus_person else "",
        agenda=DEFAULT_AGENDA,
        previous=meeting_record(session, previous) if previous is not None else None,
        open_actions=open_actions,
        goals=goals,
        developments=developments,
    )


def record_meeting_pack_print(session: Session, meeting_id: int, data: bytes) -> int:
    """Register a printed meeting pack (for the inner circle: no outer-circle recipient, no consent)."""
    doc = sharing.record_shared(
        session,
        document_kind=sharing.MEETING_PACK,
        how=sharing.PRINT,
        data=data,
        meeting_id=meeting_id,
        recipient_name="Inner circle",
        categories=(),
    )
    return doc.id


# --- referral summary ----------------------------------------------------------------------------
def referral_summary_content(
    session: Session, referral_id: int, prepared_on: date | None = None, prepared_by_name: str = ""
) -> rc.ReferralSummaryContent:
    ref = get(session, Referral, referral_id, "referral")
    role = ref.referrer
    referrer = rc.Referrer(
        name=role.person.display_name if role is not None else "Self-referral",
        job_title=role.job_title if role is not None else "",
        organisation=role.organisation.name if role is not None and role.organisation else "",
    )
    agency = ref.agency.name if ref.agency is not None else ""
    if agency == referrer.organisation:
        agency = ""
    if ref.signposted_by is not None:
        agency = f"Signposted by {ref.signposted_by.name}"
    from circles_desktop.services.referrals.referrals import risk_reports

    circle = session.execute(select(Circle).where(Circle.referral_id == ref.id)).scalars().first()
    variant = label(circle.cosa.variant) if circle is not None and circle.cosa is not None else ""
    by = prepared_by_name or (prepared_by(circle) if circle is not None else "The coordinator")
    return rc.ReferralSummaryContent(
        letterhead=letterhead(session, circle),
        reference=ref.reference,
        circle_kind=label(ref.circle_kind),
        person_name=ref.person.display_name,
        received_on=ref.received_on,
        status=label(ref.status),
        referrer=referrer,
        prepared_by=by,
        prepared_on=prepared_on or date.today(),
        variant=variant,
        status_reason=ref.status_reason,
        person_reference=ref.person.reference,
        date_of_birth=ref.person.date_of_birth,
        agency=agency,
        mappa_category=str(ref.mappa_category or ""),
        mappa_level=str(ref.mappa_level or ""),
        eligibility_notes=ref.eligibility_notes,
        suitability_notes=ref.suitability_notes,
        risk_assessments=tuple(
            rc.RiskAssessment(label(r.report_type), r.report_date, r.description or r.filename)
            for r in risk_reports(session, ref.id)
        ),
        steps=tuple(rc.ReferralStep(label(step.status), step.on_date, step.reason) for step in ref.steps),
    )


# --- blank questionnaire -------------------------------------------------------------------------
def questionnaire_questions() -> tuple[rc.Question, ...]:
    """The same questions the app records answers to (services.questionnaires), so a returned paper form
    can be typed in question by question."""
    out = []
    for key, text in QUESTIONS:
        if key == "comments":
            out.append(rc.Question(text, rc.FREE_TEXT, lines=6))
        else:
            out.append(rc.Question(f"{text} (1 = not at all, 5 = very much)", rc.CHOICE, ("1", "2", "3", "4", "5"), 3))
    return tuple(out)


def questionnaire_content(
    session: Session, circle_id: int | None = None, return_within_days: int = 28
) -> rc.QuestionnaireContent:
    """A blank stakeholder questionnaire, for one circle (its reference filled in) or for any."""
    if circle_id is None:
        return rc.QuestionnaireContent(letterhead=letterhead(session), questions=questionnaire_questions())
    circle = get(session, Circle, circle_id, "circle")
    by = format_date(date.today() + timedelta(days=return_within_days))  # the documents' long date
    return rc.QuestionnaireContent(
        letterhead=letterhead(session, circle),
        circle_reference=circle.reference,
        return_to=f"{prepared_by(circle)} by {by}",
        questions=questionnaire_questions(),
    )
