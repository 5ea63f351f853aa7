"""What the learning circle record prints: plain frozen dataclasses filled in by
services.learning_record.learning_record_content (or by samples, for looking at the layout).

Names are already the words to print; attendance and action status stay codes (content.py's PRESENT,
OPEN...). The record is for the learners, who need to know whose case it is, so it names the child; the
PDF's metadata, running header and file name do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from circles_desktop.reports.content import ActionItem, Attendee
from circles_desktop.reports.kit.letterhead import Letterhead


@dataclass(frozen=True)
class ChildDetails:
    name: str
    date_of_birth: date | None
    locality: str
    case_reference: str  # the case record reference
    practitioner: str = ""  # the allocated practitioner


@dataclass(frozen=True)
class LearningRecordContent:
    letterhead: Letterhead
    reference: str  # LLC-00012
    child: ChildDetails
    reasons: tuple[str, ...]  # the words, "Other: …" with its text
    proposed_on: date | None  # at the Locality Management Meeting
    held_on: date | None
    starts_at: time | None = None
    ends_at: time | None = None
    venue: str = ""  # the room or the virtual platform
    virtual: bool = False
    areas_of_focus: str = ""
    people: tuple[Attendee, ...] = ()  # everyone in the circle, with attendance when taken
    story_summary: str = ""  # the up-to-date summary on the child's record
    summary_updated_on: date | None = None
    learning_points: tuple[str, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    themes: tuple[str, ...] = ()
    case_note_on: date | None = None
    completed_on: date | None = None
    prepared_by: str = ""
    prepared_on: date | None = None
