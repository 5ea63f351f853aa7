"""The meeting pack the coordinator prints for the inner circle (core member and volunteers).

Not for the outer circle: it carries the previous minutes in full, internal notes included, tagged with
their category. The cover says so, and so does every page's header.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from circles_desktop.reports.content import Development, Goal, MeetingPackContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import (
    data_table,
    gap,
    heading,
    key_value_table,
    notice,
    numbered,
    para,
    paragraphs,
)
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date, format_short_date, format_time
from circles_desktop.reports.meeting_parts import (
    actions_table,
    attendance_sheet,
    attendance_table,
    meeting_body,
    meeting_details,
)

INNER_CIRCLE_NOTICE = (
    "For the coordinator and the inner circle only. This pack includes internal notes and must not be "
    "passed to the outer circle; outer-circle members receive their own minutes."
)


def build_meeting_pack(content: MeetingPackContent) -> bytes:
    return build_pdf(meeting_pack_story(content), meeting_pack_info(content), meeting_pack_decor(content))


def meeting_pack_info(content: MeetingPackContent) -> DocumentInfo:
    return DocumentInfo(
        title=f"Circle meeting pack, {format_date(content.meeting.held_on)}", author=content.letterhead.name
    )


def meeting_pack_decor(content: MeetingPackContent) -> PageDecor:
    meeting = content.meeting
    return PageDecor(
        organisation=content.letterhead.name,
        running_title=f"Meeting pack · {meeting.circle_reference} · {format_date(meeting.held_on)}",
        footer_note="Inner circle only",
    )


def meeting_pack_story(content: MeetingPackContent) -> list[Flowable]:
    story = _cover(content)
    story.append(PageBreak())

    story.append(heading("Agenda"))
    story.extend(numbered(content.agenda) or [para("No agenda items yet.")])

    story.append(heading("Attendance list"))
    story.append(attendance_sheet(content.meeting.attendance) if content.meeting.attendance else para("No one listed."))

    story.extend(_previous_minutes(content))

    story.append(heading("Open actions"))
    story.append(actions_table(content.open_actions) if content.open_actions else para("No open actions."))

    story.append(heading("Goals and progress"))
    story.extend(_goals(content.goals) or [para("No goals recorded.")])

    story.append(heading("Developments since the last meeting"))
    story.extend(_developments(content.developments) or [para("None recorded.")])
    return story


def _cover(content: MeetingPackContent) -> list[Flowable]:
    meeting = content.meeting
    when = format_date(meeting.held_on)
    if meeting.starts_at is not None:
        when = f"{when} at {format_time(meeting.starts_at)}"
    prepared = content.prepared_by
    if content.prepared_on is not None:
        prepared = f"{prepared}, {format_date(content.prepared_on)}"
    return [
        gap(30),
        *letterhead_block(content.letterhead, "cover_line", centred=True),
        gap(6),
        para("Circle meeting pack", "cover_title"),
        para(meeting.kind, "cover_line"),
        para(when, "cover_line"),
        gap(14),
        key_value_table(
            [
                ("Circle reference", meeting.circle_reference),
                ("Core member", content.core_member),
                ("Venue", meeting.venue),
                ("Prepared by", prepared),
            ]
        ),
        gap(8),
        notice(INNER_CIRCLE_NOTICE),
    ]


def _goals(goals: tuple[Goal, ...]) -> list[Flowable]:
    story: list[Flowable] = []
    for goal in goals:
        story.append(heading(f"{goal.title} ({goal.status})" if goal.status else goal.title, level=3))
        if goal.progress:
            rows = [[format_short_date(n.noted_on), n.text, n.noted_by] for n in goal.progress]
            story.append(data_table(["Date", "Progress", "Noted by"], rows, fractions=(0.15, 0.63, 0.22)))
        else:
            story.append(para("No progress noted yet."))
    return story


def _developments(developments: tuple[Development, ...]) -> list[Flowable]:
    story: list[Flowable] = []
    for d in developments:
        story.append(heading(f"{format_date(d.occurred_on)}: {d.kind}", level=3))
        story.extend(paragraphs(d.description))
        facts = [
            ("Reported by", d.reported_by),
            ("Shared with", d.shared_with),
            ("Escalated to MAPPA", "Yes" if d.escalated_to_mappa else "No"),
        ]
        story.append(key_value_table(facts))
    return story


def _previous_minutes(content: MeetingPackContent) -> list[Flowable]:
    story: list[Flowable] = [heading("Previous minutes")]
    previous = content.previous
    if previous is None:
        story.append(para("This is the circle's first meeting."))
        return story
    story.append(meeting_details(previous))
    story.append(heading("Attendance", level=2))
    story.append(attendance_table(previous.attendance) if previous.attendance else para("None recorded."))
    story.extend(meeting_body(previous, show_category=True, level=2))
    return story
