"""The learning circle record PDF: its content from the records, a file name that names no child, and
the audit entry for exporting or printing it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Attendance, Child, Circle
from circles_desktop.models.vocab import MemberRole, label
from circles_desktop.reports.content import ActionItem, Attendee
from circles_desktop.reports.kinds.learning_content import ChildDetails, LearningRecordContent
from circles_desktop.services.common.validation import get
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.learning import learning_points
from circles_desktop.services.security import audit
from circles_desktop.services.settings.organisation import letterhead

ROLE_WORDS: dict[str, str] = {
    MemberRole.HEAD_OF_LOCALITY: "Head of Locality",
    MemberRole.SERVICE_MANAGER: "Service Manager",
    MemberRole.TEAM_MANAGER: "Team Manager",
    MemberRole.PRACTITIONER: "Practitioner",
    MemberRole.LEARNER: "Learner",
}


def learning_record_content(
    session: Session,
    circle_id: int,
    prepared_by: str = "",
    prepared_on: date | None = None,
) -> LearningRecordContent:
    d = lcs.get_learning_circle(session, circle_id)
    child = get(session, Child, d.child_id, "child's record")
    statuses: dict[int, str] = {}
    if d.meeting_id is not None:
        stmt = select(Attendance.member_id, Attendance.status).where(Attendance.meeting_id == d.meeting_id)
        statuses = {member_id: status for member_id, status in session.execute(stmt)}
    on = d.held_on or d.proposed_on
    people = tuple(
        Attendee(m.name, ROLE_WORDS.get(m.role, label(m.role)), m.organisation, statuses.get(m.id, ""))
        for m in lcs.learning_members(session, circle_id)
        if m.id in statuses or m.is_current(on)
    )
    actions = tuple(
        ActionItem(a.description, a.owner, "minutes", a.due_on, a.status, a.barrier)
        for a in learning_points.learning_actions(session, circle_id)
    )
    return LearningRecordContent(
        letterhead=letterhead(session, get(session, Circle, circle_id, "learning circle")),
        reference=d.reference,
        child=ChildDetails(
            child.display_name,
            child.date_of_birth,
            child.locality,
            child.case_reference,
            child.practitioner.display_name if child.practitioner else "",
        ),
        reasons=d.reason_labels,
        proposed_on=d.proposed_on,
        held_on=d.held_on,
        starts_at=d.meets_at.time() if d.meets_at else None,
        ends_at=d.ends_at.time() if d.ends_at else None,
        venue=d.venue,
        virtual=d.virtual,
        areas_of_focus=d.areas_of_focus,
        people=people,
        story_summary=child.summary,
        summary_updated_on=child.summary_updated_on,
        learning_points=tuple(p.text for p in learning_points.learning_points(session, circle_id)),
        actions=actions,
        themes=d.themes,
        case_note_on=d.case_note_on,
        completed_on=d.completed_on,
        prepared_by=prepared_by,
        prepared_on=prepared_on,
    )


def file_name(content: LearningRecordContent) -> str:
    """A file name for the record that names no one: learning-circle-record-LLC-00012-2025-03-14.pdf."""
    when = content.held_on or content.proposed_on
    return f"learning-circle-record-{content.reference}" + (f"-{when.isoformat()}" if when else "") + ".pdf"


def record_shared(session: Session, circle_id: int, how: str, sha256: str) -> None:
    """Audit an export ("export") or print ("print") of the record: the circle's number and the file's hash."""
    audit.record(
        session,
        f"learning circle record {'printed' if how == 'print' else 'exported'}",
        f"circle {circle_id}",
        f"sha256 {sha256}",
    )
