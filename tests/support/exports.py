"""Builders shared by the export, sharing and print tests (no tests here): a real CoSA circle with a
meeting whose every section, decision and action carries a marker word for its category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from itertools import count

from pypdf import PdfReader

from circles_desktop.models import Circle, ProfessionalRole
from circles_desktop.models.vocab import MemberRole, Ring
from circles_desktop.services.circles import members
from circles_desktop.services.consent import consent
from circles_desktop.services.meetings import actions, meetings
from support.records import cosa_circle, org, person, professional

MEETING_DAY = date(2025, 3, 14)
CONSENT_DAY = date(2025, 3, 3)
CATEGORIES = ("attendance", "goals_progress", "minutes", "risk_concerns", "significant_developments", "internal")
SHAREABLE = CATEGORIES[:-1]


def _mark(kind: str, category: str) -> str:
    return f"{kind}mark{category.replace('_', '')}"


SECTION_MARK = {c: _mark("Section", c) for c in CATEGORIES}
DECISION_MARK = {c: _mark("Decision", c) for c in CATEGORIES}
ACTION_MARK = {c: _mark("Action", c) for c in CATEGORIES}
ATTENDEE_MARK = "Attendeemarkzebedee"  # the family name of a volunteer, seen only with attendance


def markers(category: str) -> list[str]:
    if category == "attendance":
        return [SECTION_MARK[category], DECISION_MARK[category], ACTION_MARK[category], ATTENDEE_MARK]
    return [SECTION_MARK[category], DECISION_MARK[category], ACTION_MARK[category]]


@dataclass
class Setup:
    circle_id: int
    meeting_id: int
    core_person_id: int
    reference: str


_names = count(1)


def build_meeting(s) -> Setup:
    cid = cosa_circle(s)
    circle = s.get(Circle, cid)
    vol = person(s, "Zeb", ATTENDEE_MARK)
    inner = members.add_member(s, cid, vol, Ring.INNER, MemberRole.VOLUNTEER, date(2025, 3, 1)).id
    m = meetings.create_meeting(
        s, cid, meetings.MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 3, 14, 18, 0), venue="St Anne's")
    )
    meetings.set_attendance(s, m.id, {inner: "present"})
    # Action owners are named in any action; this one is a member with no attendance taken.
    owner = person(s, "Tom", "Owner")
    members.add_member(s, cid, owner, Ring.INNER, MemberRole.VOLUNTEER, date(2025, 3, 1))
    for c in CATEGORIES:
        meetings.add_section(s, m.id, f"Heading for {c.replace('_', ' ')}", f"{SECTION_MARK[c]} was discussed.", c)
        meetings.add_decision(s, m.id, f"{DECISION_MARK[c]} was agreed.", c)
        actions.add_action(
            s,
            cid,
            actions.ActionForm(
                description=f"{ACTION_MARK[c]} to follow up",
                owner_id=owner,
                created_on=MEETING_DAY,
                due_on=date(2025, 3, 28),
                category=c,
                meeting_id=m.id,
            ),
        )
    return Setup(cid, m.id, circle.focus_person_id, circle.reference)


def add_outer(s, setup: Setup, given: str = "Priya", family: str = "Raghunathan", joined=date(2025, 3, 1)) -> int:
    """A new outer-circle police officer; returns their CircleMember id."""
    police = org(s, f"Wessex Police {next(_names)}", "police")
    role_id = professional(s, given, family, police, "Police offender manager")
    pid = s.get(ProfessionalRole, role_id).person_id
    return members.add_member(
        s, setup.circle_id, pid, Ring.OUTER, MemberRole.POLICE_OFFENDER_MANAGER, joined, organisation_id=police
    ).id


def give(s, setup: Setup, member_id: int, categories, on: date = CONSENT_DAY) -> list[int]:
    made = consent.give_consent(
        s,
        setup.circle_id,
        categories=list(categories),
        given_on=on,
        given_by_id=setup.core_person_id,
        recipient_member_id=member_id,
    )
    return [c.id for c in made]


def recipient(s, member_id: int) -> consent.Recipient:
    from circles_desktop.models import CircleMember

    m = s.get(CircleMember, member_id)
    return consent.Recipient(
        "member", m.id, m.person.display_name, m.organisation.name if m.organisation else "", m.person_id
    )


def pdf_text(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def printer_to_file(path):
    """A stand-in for print_pdf.make_printer: a real QPrinter that writes a PDF file, not to paper."""
    from PySide6.QtPrintSupport import QPrinter

    def make(title: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return make
