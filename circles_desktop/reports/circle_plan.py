"""The circle plan: one page the person in focus keeps as their own, in plain, large print. Their purpose
in their own words, who is in their circle, what each willing member took on, and when the circle meets
next, under the organisation's name.

It is the person's document, not a record about them, so no OFFICIAL-SENSITIVE marking is forced onto
it (PageDecor(marking="")) and it holds only what they agreed to share. Large print: 16 pt text on
generous leading, headings by size alone.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from circles_desktop.reports.community_content import CirclePlanContent, PlanAction
from circles_desktop.reports.kit import fonts
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import gap
from circles_desktop.reports.kit.page import FRAME_WIDTH, PageDecor
from circles_desktop.reports.kit.styles import LIGHT_RULE, TEXT
from circles_desktop.reports.kit.text import format_date, format_time, markup, paragraph_texts

TITLE = "My circle plan"
LARGE = 16
LARGE_LEADING = 22


@cache
def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    body = ParagraphStyle(
        "PlanBody", fontName=fonts.REGULAR, fontSize=LARGE, leading=LARGE_LEADING, textColor=TEXT, spaceAfter=6
    )
    heading = ParagraphStyle(
        "PlanHeading", parent=body, fontName=fonts.BOLD, fontSize=19, leading=25, spaceBefore=10, keepWithNext=1
    )
    return {
        "body": body,
        "heading": heading,
        "title": ParagraphStyle("PlanTitle", parent=heading, fontSize=28, leading=34, spaceBefore=0, spaceAfter=4),
        "organisation": ParagraphStyle("PlanOrganisation", parent=body, fontSize=14, leading=19),
        "cell": ParagraphStyle("PlanCell", parent=body, spaceAfter=0),
        "small": ParagraphStyle("PlanSmall", parent=body, fontSize=12, leading=16),
    }


def build_circle_plan(content: CirclePlanContent) -> bytes:
    return build_pdf(circle_plan_story(content), circle_plan_info(content), circle_plan_decor(content))


def circle_plan_info(content: CirclePlanContent) -> DocumentInfo:
    # The person's own document: no marking in its metadata either, and no name.
    when = format_date(content.made_on)
    return DocumentInfo(
        title=f"{TITLE}, {when}" if when else TITLE, subject=TITLE, keywords=(), author=content.organisation
    )


def circle_plan_decor(content: CirclePlanContent) -> PageDecor:
    return PageDecor(organisation=content.organisation, running_title=TITLE, marking="")


def _para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), _styles()[style])


def circle_plan_story(content: CirclePlanContent) -> list[Flowable]:
    c = content
    story: list[Flowable] = [
        _para(c.organisation, "organisation"),
        _para(f"{c.person}'s circle plan" if c.person else TITLE, "title"),
        _para("My purpose", "heading"),
    ]
    story += [Paragraph(p, _styles()["body"]) for p in paragraph_texts(c.purpose)] or [_para("Not written yet.")]
    if c.what_matters:
        story.append(_para("What matters to me", "heading"))
        story += [Paragraph(p, _styles()["body"]) for p in paragraph_texts(c.what_matters)]
    story.append(_para("Who is in my circle", "heading"))
    story.append(_rows([(p.name, p.part) for p in c.people]) if c.people else _para("No one yet."))
    story.append(_para("What people offered to do", "heading"))
    story.append(_rows([_action(a) for a in c.actions]) if c.actions else _para("Nothing yet."))
    story.append(_para("Our next meeting", "heading"))
    story.append(_para(_next_meeting(c)))
    if c.made_on is not None:
        story += [gap(4), _para(f"Made on {format_date(c.made_on)}.", "small")]
    return story


def _action(a: PlanAction) -> tuple[str, str]:
    what = (
        a.what + (f" (by {format_date(a.due_on)})" if a.due_on and not a.done else "") + (" — done" if a.done else "")
    )
    return a.who, what


def _next_meeting(c: CirclePlanContent) -> str:
    m = c.next_meeting
    if m is None:
        return "Not arranged yet."
    words = format_date(m.on)
    if m.starts_at is not None:
        words += f" at {format_time(m.starts_at)}"
    return words + (f", {m.venue}" if m.venue else "")


def _rows(rows: list[tuple[str, str]]) -> Table:
    """Two columns in large print with light rules between rows: a name, and what goes with it."""
    s = _styles()
    table = Table(
        [[Paragraph(markup(a), s["cell"]), Paragraph(markup(b), s["cell"])] for a, b in rows],
        colWidths=[FRAME_WIDTH * 0.38, FRAME_WIDTH * 0.62],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, LIGHT_RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
