"""Minutes of one circle meeting for one outer-circle recipient.

Each copy is built for one recipient from what the core member's consent covers for them on the
meeting date: `build_minutes` filters first and lays out only the filtered meeting.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from reportlab.platypus import Flowable

from circles_desktop.reports.consent_filter import SharedMeeting, filter_meeting
from circles_desktop.reports.content import MinutesContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import gap, heading, key_value_table, notice, para
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date
from circles_desktop.reports.meeting_parts import attendance_table, meeting_body, meeting_details

# Always printed, whether or not anything was withheld, so its presence says nothing about the meeting.
WITHHELD_NOTICE = (
    "These minutes are prepared for the recipient named below. Content not covered by the core member's "
    "consent to share information with this recipient is withheld."
)


def build_minutes(content: MinutesContent, consented: Collection[str]) -> bytes:
    """The recipient's PDF. `consented`: the categories their consent covers on the meeting date."""
    shared = filter_meeting(content.meeting, consented)
    # From here on only the filtered meeting is in reach: the full record cannot leak into the story, the
    # running header or the metadata, whatever later edits do to them.
    visible = replace(content, meeting=shared.meeting)
    return build_pdf(minutes_story(visible, shared), minutes_info(visible), minutes_decor(visible))


def minutes_info(content: MinutesContent) -> DocumentInfo:
    return DocumentInfo(
        title=f"Circle meeting minutes, {format_date(content.meeting.held_on)}",
        author=content.letterhead.name,
    )


def minutes_decor(content: MinutesContent) -> PageDecor:
    meeting = content.meeting
    return PageDecor(
        organisation=content.letterhead.name,
        running_title=f"Minutes · {meeting.circle_reference} · {format_date(meeting.held_on)}",
        footer_note=f"Copy for {_recipient_line(content)}",  # each page says whose copy it is
    )


def _recipient_line(content: MinutesContent) -> str:
    r = content.recipient
    return ", ".join(part for part in (r.name, r.organisation) if part)


def minutes_story(content: MinutesContent, shared: SharedMeeting) -> list[Flowable]:
    meeting = shared.meeting
    story: list[Flowable] = [
        *letterhead_block(content.letterhead),
        heading(f"{meeting.kind}: minutes", level=0),
        meeting_details(meeting),
        notice(WITHHELD_NOTICE),
    ]
    if shared.attendance_shared:
        story.append(heading("Attendance"))
        story.append(attendance_table(meeting.attendance) if meeting.attendance else para("None recorded."))
    story.extend(meeting_body(meeting))
    story.append(gap(6))
    prepared = content.prepared_by
    if content.prepared_on is not None:
        prepared = f"{prepared}, {format_date(content.prepared_on)}"
    story.append(heading("Distribution", level=2))
    story.append(
        key_value_table(
            [
                ("Prepared for", content.recipient.name),
                ("Role", content.recipient.role),
                ("Organisation", content.recipient.organisation),
                ("Prepared by", prepared),
            ]
        )
    )
    return story
