"""The circle plan: one page the person in focus keeps as their own, in plain, large print. Their purpose
in their own words, who is in their circle, what each willing member took on, and when the circle meets
next, under the organisation's name.

It is the person's document, not a record about them, so no OFFICIAL-SENSITIVE marking is forced onto
it (PageDecor(marking="")) and it holds only what they agreed to share. Large print: 16 pt text on
generous leading, headings by size alone. One page: people go two to a row, past MOST_ACTIONS the plan
says how many more there are, and only text too long for the page is shrunk (KeepInFrame) to fit it.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Table, TableStyle

from circles_desktop.reports.kinds.community_content import CirclePlanContent, PlanAction
from circles_desktop.reports.kit import fonts
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import gap
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import FRAME_HEIGHT, FRAME_WIDTH, PageDecor
from circles_desktop.reports.kit.styles import LIGHT_RULE, TEXT
from circles_desktop.reports.kit.text import format_date, format_time, markup, paragraph_texts

TITLE = "My circle plan"
LARGE = 16
LARGE_LEADING = 21
MOST_ACTIONS = 5
MOST_PEOPLE = 10


@cache
def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    body = ParagraphStyle(
        "PlanBody", fontName=fonts.REGULAR, fontSize=LARGE, leading=LARGE_LEADING, textColor=TEXT, spaceAfter=6
    )
    heading = ParagraphStyle(
        "PlanHeading", parent=body, fontName=fonts.BOLD, fontSize=18, leading=23, spaceBefore=8, keepWithNext=1
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
    page = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 1, circle_plan_story(content), mode="shrink")
    return build_pdf([page], circle_plan_info(content), circle_plan_decor(content))


def circle_plan_info(content: CirclePlanContent) -> DocumentInfo:
    # The person's own document: no marking in its metadata either, and no name.
    when = format_date(content.made_on)
    return DocumentInfo(
        title=f"{TITLE}, {when}" if when else TITLE, subject=TITLE, keywords=(), author=content.letterhead.name
    )


def circle_plan_decor(content: CirclePlanContent) -> PageDecor:
    return PageDecor(organisation=content.letterhead.name, running_title=TITLE, marking="")


def _para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), _styles()[style])


def circle_plan_story(content: CirclePlanContent) -> list[Flowable]:
    c = content
    story: list[Flowable] = [
        *letterhead_block(c.letterhead, _styles()["organisation"]),
        _para(f"{c.person}'s circle plan" if c.person else TITLE, "title"),
        _para("My purpose", "heading"),
    ]
    story += [Paragraph(p, _styles()["body"]) for p in paragraph_texts(c.purpose)] or [_para("Not written yet.")]
    if c.what_matters:
        story.append(_para("What matters to me", "heading"))
        story += [Paragraph(p, _styles()["body"]) for p in paragraph_texts(c.what_matters)]
    story += [_para("Our next meeting", "heading"), _para(_next_meeting(c))]
    story.append(_para("Who is in my circle", "heading"))
    people = [f"{p.name} ({p.part.lower()})" for p in c.people[:MOST_PEOPLE]]
    pairs = [(a, b) for a, b in zip(people[::2], people[1::2] + [""], strict=False)]
    story.append(_rows(pairs, (0.5, 0.5)) if pairs else _para("No one yet."))
    story.append(_para("What people offered to do", "heading"))
    shown = c.actions[:MOST_ACTIONS]
    story.append(_rows([_action(a) for a in shown]) if shown else _para("Nothing yet."))
    if len(c.actions) > len(shown):
        more = len(c.actions) - len(shown)
        story.append(_para(f"And {more} more: ask your facilitator for the full list.", "small"))
    if c.made_on is not None:
        story += [gap(3), _para(f"Made on {format_date(c.made_on)}.", "small")]
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


def _rows(rows: list[tuple[str, str]], fractions: tuple[float, float] = (0.36, 0.64)) -> Table:
    """Two columns in large print with light rules between rows."""
    s = _styles()
    table = Table(
        [[Paragraph(markup(a), s["cell"]), Paragraph(markup(b), s["cell"])] for a, b in rows],
        colWidths=[FRAME_WIDTH * fractions[0], FRAME_WIDTH * fractions[1]],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, LIGHT_RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
