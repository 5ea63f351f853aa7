"""The parts of a meeting that minutes and meeting packs both print: details, attendance, minutes
sections, decisions and actions. They print what they are given; choosing what a recipient may see is
consent_filter's job, done before these are called."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from circles_desktop.reports.categories import label as category_label
from circles_desktop.reports.content import (
    ABSENT,
    APOLOGIES,
    BLOCKED,
    DONE,
    OPEN,
    PRESENT,
    ActionItem,
    Attendee,
    MeetingRecord,
)
from circles_desktop.reports.content import MinutesSection as Section
from circles_desktop.reports.kit.flowables import (
    data_table,
    heading,
    key_value_table,
    numbered,
    paragraphs,
    tick_options,
)
from circles_desktop.reports.kit.styles import styles
from circles_desktop.reports.kit.text import format_date, format_short_date, format_time, markup

ATTENDANCE_LABELS = {PRESENT: "Present", APOLOGIES: "Apologies", ABSENT: "Absent"}
ACTION_STATUS_LABELS = {OPEN: "Open", DONE: "Done", BLOCKED: "Blocked"}


def meeting_details(meeting: MeetingRecord, extra: Sequence[tuple[str, str]] = ()) -> Flowable:
    when = format_date(meeting.held_on)
    if meeting.starts_at is not None:
        when = f"{when}, {format_time(meeting.starts_at)}"
    rows = [
        ("Circle reference", meeting.circle_reference),
        ("Meeting", meeting.kind),
        ("Date", when),
        ("Venue", meeting.venue),
        *extra,
    ]
    return key_value_table(rows)


def _who(person: Attendee) -> str:
    return (
        f"{person.role}, {person.organisation}"
        if person.role and person.organisation
        else (person.role or person.organisation)
    )


def attendance_table(attendance: Sequence[Attendee]) -> Flowable:
    rows = [[a.name, _who(a), ATTENDANCE_LABELS.get(a.status, a.status)] for a in attendance]
    return data_table(["Name", "Role", "Attendance"], rows, fractions=(0.34, 0.46, 0.2))


def attendance_sheet(expected: Sequence[Attendee]) -> Flowable:
    """For a meeting still to come: tick boxes to take attendance on paper."""
    options = tick_options(["Present", "Apologies", "Absent"])
    rows = [[a.name, _who(a), options] for a in expected]
    return data_table(["Name", "Role", "Attendance"], rows, fractions=(0.28, 0.3, 0.42))


def sections_story(sections: Sequence[Section], show_category: bool = False) -> list[Flowable]:
    story: list[Flowable] = []
    s = styles()
    for section in sections:
        story.append(heading(section.title, level=3))
        if show_category:
            # In the inner circle's pack, so volunteers can see at a glance what could ever be shared.
            story.append(Paragraph(markup(category_label(section.category)), s.small))
        story.extend(paragraphs(section.text))
    return story


def actions_table(actions: Sequence[ActionItem]) -> Flowable:
    rows = []
    for a in actions:
        status = ACTION_STATUS_LABELS.get(a.status, a.status)
        if a.barrier:
            status = f"{status}: {a.barrier}"
        rows.append([a.text, a.owner, format_short_date(a.due), status])
    return data_table(["Action", "Owner", "Due", "Status"], rows, fractions=(0.41, 0.22, 0.16, 0.21))


def meeting_body(meeting: MeetingRecord, show_category: bool = False, level: int = 1) -> list[Flowable]:
    """Sections, decisions and actions of a record, each part only when it has something in it (so an
    empty part and a withheld part look the same)."""
    story: list[Flowable] = []
    if meeting.sections:
        story.append(heading("Minutes", level))
        story.extend(sections_story(meeting.sections, show_category))
    if meeting.decisions:
        story.append(heading("Decisions", level))
        story.extend(numbered([d.text for d in meeting.decisions]))
    if meeting.actions:
        story.append(heading("Actions", level))
        story.append(actions_table(meeting.actions))
    return story
