"""What each document prints: plain frozen dataclasses, filled in by the caller from the records.

These are views, not records: names are already the words to print (a person's display name, a role's
label such as "Police offender manager", a meeting kind such as "Circle meeting"). Codes that reports
act on stay codes: `category` (see categories.py), attendance `status` and action `status`.
Sequences are tuples so a content object cannot change between filtering and printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from circles_desktop.reports.kit.letterhead import Letterhead

# Attendance status codes (models/vocab.py AttendanceStatus); "" means not yet taken (a meeting pack).
PRESENT = "present"
APOLOGIES = "apologies"
ABSENT = "absent"

# Action status codes (models/vocab.py ActionStatus).
OPEN = "open"
DONE = "done"
BLOCKED = "blocked"


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str = ""  # e.g. "Volunteer", "Probation officer"
    organisation: str = ""
    status: str = ""  # PRESENT, APOLOGIES, ABSENT, or "" when not taken


@dataclass(frozen=True)
class MinutesSection:
    title: str
    category: str  # one of categories.ALL; anything else is never shared
    text: str  # plain text; blank lines separate paragraphs


@dataclass(frozen=True)
class Decision:
    text: str
    category: str


@dataclass(frozen=True)
class ActionItem:
    text: str
    owner: str
    category: str
    due: date | None = None
    status: str = OPEN  # OPEN, DONE, BLOCKED
    barrier: str = ""  # why it is blocked


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting of a circle as recorded: the full, unfiltered minutes."""

    circle_reference: str  # e.g. "CSW-2025-017"; never the core member's name
    kind: str  # e.g. "Circle meeting", "Quarterly review"
    held_on: date
    venue: str = ""
    starts_at: time | None = None
    attendance: tuple[Attendee, ...] = ()
    sections: tuple[MinutesSection, ...] = ()
    decisions: tuple[Decision, ...] = ()
    actions: tuple[ActionItem, ...] = ()


@dataclass(frozen=True)
class Recipient:
    """The one outer-circle member (or organisation) a copy of the minutes is for."""

    name: str
    organisation: str = ""
    role: str = ""


@dataclass(frozen=True)
class MinutesContent:
    letterhead: Letterhead  # the coordinating organisation, e.g. "Circles South West"
    meeting: MeetingRecord
    recipient: Recipient
    prepared_by: str  # the coordinator
    prepared_on: date | None = None


@dataclass(frozen=True)
class ProgressNote:
    noted_on: date
    text: str
    noted_by: str = ""


@dataclass(frozen=True)
class Goal:
    title: str
    status: str = ""  # e.g. "In progress", "Achieved"
    progress: tuple[ProgressNote, ...] = ()


@dataclass(frozen=True)
class Development:
    """A significant development in the core member's progress, risk or needs."""

    occurred_on: date
    kind: str  # e.g. "Progress", "Risk", "Need"
    description: str
    reported_by: str = ""
    shared_with: str = ""
    escalated_to_mappa: bool = False


@dataclass(frozen=True)
class MeetingPackContent:
    """Everything the coordinator and inner circle take into the next meeting. Not for the outer circle:
    it carries the previous minutes in full, internal notes included."""

    letterhead: Letterhead
    meeting: MeetingRecord  # the coming meeting; its attendance is the list of people expected
    prepared_by: str
    prepared_on: date | None = None
    core_member: str = ""  # printed on the cover only; may be left blank
    agenda: tuple[str, ...] = ()
    previous: MeetingRecord | None = None
    open_actions: tuple[ActionItem, ...] = ()
    goals: tuple[Goal, ...] = ()
    developments: tuple[Development, ...] = ()  # since the last meeting


@dataclass(frozen=True)
class Referrer:
    name: str
    job_title: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class RiskAssessment:
    kind: str  # "OASys", "RM2000", "Asset", "ARMS" or other
    dated: date | None = None
    note: str = ""  # e.g. the file name or a summary line


@dataclass(frozen=True)
class ReferralStep:
    status: str  # e.g. "Received", "Initial discussion", "Accepted"
    on: date
    note: str = ""


@dataclass(frozen=True)
class ReferralSummaryContent:
    letterhead: Letterhead
    reference: str
    circle_kind: str  # e.g. "CoSA circle"
    person_name: str  # the person referred
    received_on: date
    status: str  # e.g. "Full referral", "Declined"
    referrer: Referrer
    prepared_by: str
    prepared_on: date | None = None
    variant: str = ""  # e.g. "Prison / through the gate"
    status_reason: str = ""
    person_reference: str = ""  # e.g. a PNC or case number
    date_of_birth: date | None = None
    agency: str = ""  # the referring agency, when not the referrer's own organisation
    mappa_category: str = ""
    mappa_level: str = ""
    eligibility_notes: str = ""
    suitability_notes: str = ""
    risk_assessments: tuple[RiskAssessment, ...] = ()
    steps: tuple[ReferralStep, ...] = ()


# Question kinds for the questionnaire.
RATING = "rating"  # a five-point agree/disagree scale with tick boxes
YES_NO = "yes_no"
CHOICE = "choice"  # tick one of `options`
FREE_TEXT = "text"  # lines to write on


@dataclass(frozen=True)
class Question:
    text: str
    kind: str = FREE_TEXT
    options: tuple[str, ...] = ()  # for CHOICE
    lines: int = 4  # lines to write on: for FREE_TEXT, and for comments after the other kinds (0 for none)


@dataclass(frozen=True)
class QuestionnaireContent:
    letterhead: Letterhead
    circle_reference: str = ""  # blank for a form to fill in by hand
    title: str = "End-of-circle stakeholder questionnaire"
    introduction: str = ""
    return_to: str = ""  # who to return the completed form to
    questions: tuple[Question, ...] = field(default_factory=tuple)
