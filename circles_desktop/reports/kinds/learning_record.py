"""The Locality Learning Circle record, for the learners: whose case (the child's name, date of birth,
locality and case record reference: the learners need them), why the child was selected, the areas of
focus, who took part, the child's story in summary, the learning points, the actions and the themes.

The child is named in the body only: the PDF's metadata and the running header carry the circle's
reference and date, so a file manager or search index showing them reveals no one.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from circles_desktop.reports.content import PRESENT
from circles_desktop.reports.kinds.learning_content import LearningRecordContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import data_table, gap, heading, key_value_table, numbered, para, paragraphs
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date, format_time
from circles_desktop.reports.meeting_parts import actions_table, attendance_table

TITLE = "Locality Learning Circle record"
FOOTER = "For the learners of this learning circle. Do not copy or forward."


def build_learning_record(content: LearningRecordContent) -> bytes:
    return build_pdf(learning_record_story(content), learning_record_info(content), learning_record_decor(content))


def learning_record_info(content: LearningRecordContent) -> DocumentInfo:
    when = format_date(content.held_on or content.proposed_on)
    return DocumentInfo(title=f"{TITLE}, {when}" if when else TITLE, author=content.letterhead.name)


def learning_record_decor(content: LearningRecordContent) -> PageDecor:
    parts = [TITLE, content.reference, format_date(content.held_on)]
    return PageDecor(
        organisation=content.letterhead.name,
        running_title=" · ".join(p for p in parts if p),
        footer_note=FOOTER,
    )


def _when(content: LearningRecordContent) -> str:
    if content.held_on is None:
        return "Not yet set"
    when = format_date(content.held_on)
    if content.starts_at is not None:
        when += f", {format_time(content.starts_at)}"
        if content.ends_at is not None:
            when += f" to {format_time(content.ends_at)}"
    return when


def learning_record_story(content: LearningRecordContent) -> list[Flowable]:
    c = content
    story: list[Flowable] = [*letterhead_block(c.letterhead), heading(TITLE, level=0), *_facts(c)]
    story.append(heading("Why the child was selected"))
    story.extend(numbered(list(c.reasons)) or [para("Not recorded.")])
    story.append(heading("Areas of focus"))
    story.extend(paragraphs(c.areas_of_focus) or [para("Not recorded yet.")])
    story.extend(_people(c))
    story.append(heading("The child's story"))
    story.extend(paragraphs(c.story_summary) or [para("No summary on the child's record yet.")])
    if c.story_summary and c.summary_updated_on is not None:
        story.append(para(f"Summary on the child's record, updated {format_date(c.summary_updated_on)}.", "small"))
    story.append(heading("Learning points"))
    story.extend(numbered(list(c.learning_points)) or [para("No learning points recorded yet.")])
    story.append(heading("Actions"))
    story.append(actions_table(c.actions) if c.actions else para("No actions recorded."))
    story.append(heading("Themes"))
    story.append(para("; ".join(c.themes)) if c.themes else para("No themes recorded yet."))
    story.extend(_follow_up(c))
    return story


def _facts(c: LearningRecordContent) -> list[Flowable]:
    """When and where it met, and whose case it was."""
    return [
        key_value_table(
            [
                ("Reference", c.reference),
                ("Date", _when(c)),
                ("Virtual platform" if c.virtual else "Room", c.venue),
                ("Proposed at the Locality Management Meeting", format_date(c.proposed_on)),
                ("Completed", format_date(c.completed_on)),
            ],
            label_fraction=0.36,
        ),
        heading("The child"),
        key_value_table(
            [
                ("Name", c.child.name),
                ("Date of birth", format_date(c.child.date_of_birth)),
                ("Locality", c.child.locality),
                ("Case record reference", c.child.case_reference),
                ("Allocated practitioner", c.child.practitioner),
            ],
            label_fraction=0.36,
        ),
    ]


def _people(c: LearningRecordContent) -> list[Flowable]:
    """Who was present once attendance is taken; until then, who was invited."""
    if any(p.status for p in c.people):
        present = [p for p in c.people if p.status == PRESENT]
        others = [p for p in c.people if p.status != PRESENT]
        story = [heading("Learners present")]
        story.append(attendance_table(present) if present else para("No one is recorded as present."))
        if others:
            story += [heading("Not present", level=2), attendance_table(others)]
        return story
    if not c.people:
        return [heading("Learners invited"), para("No learners recorded yet.")]
    return [
        heading("Learners invited"),
        data_table(["Name", "Role"], [[p.name, p.role] for p in c.people], fractions=(0.5, 0.5)),
        gap(1.5),
        para("Attendance has not been recorded yet.", "small"),
    ]


def _follow_up(c: LearningRecordContent) -> list[Flowable]:
    """The case note's date and who prepared the record, when known."""
    follow_up = []
    if c.case_note_on is not None:
        follow_up.append(("Case note on the child's record", format_date(c.case_note_on)))
    prepared = c.prepared_by
    if c.prepared_on is not None:
        prepared = f"{prepared}, {format_date(c.prepared_on)}" if prepared else format_date(c.prepared_on)
    if prepared:
        follow_up.append(("Prepared by", prepared))
    return [gap(6), key_value_table(follow_up, label_fraction=0.36)] if follow_up else []
