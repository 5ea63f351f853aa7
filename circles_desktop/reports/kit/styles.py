"""Paragraph styles and colours shared by every document, made once per process.

Print-friendly: black text on white, 11 pt body, headings by size and weight rather than colour, light
grey only for table rules and header shading, which survive a poor photocopier.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from circles_desktop.reports.kit import fonts

TEXT = colors.black
MUTED = colors.HexColor("#444444")
RULE = colors.HexColor("#9A9A9A")
LIGHT_RULE = colors.HexColor("#C8C8C8")
SHADE = colors.HexColor("#EDEDED")

BODY_SIZE = 11
BODY_LEADING = 14.5


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    numbered: ParagraphStyle  # numbered lists (decisions, agenda): hanging indent for the number
    small: ParagraphStyle
    note: ParagraphStyle  # a boxed notice, e.g. the withheld-content line
    label: ParagraphStyle  # bold, for the left column of key/value tables
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    ticks: ParagraphStyle  # a row of tick boxes: leading for the larger box glyph
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle


@cache
def styles() -> Styles:
    """The shared styles. Cached: building ParagraphStyles per paragraph would cost time for nothing."""
    fonts.register_fonts()
    body = ParagraphStyle(
        "Body",
        fontName=fonts.REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=TEXT,
        spaceAfter=6,
    )
    heading = ParagraphStyle("Heading", parent=body, fontName=fonts.BOLD, keepWithNext=1)
    # embeddedHyphenation: a double-barrelled name too long for its column breaks after its hyphen
    # ("Ashdown-" / "Fairweather") rather than at an arbitrary letter.
    cell = ParagraphStyle("Cell", parent=body, fontSize=10, leading=12.5, spaceAfter=0, embeddedHyphenation=2)
    return Styles(
        title=ParagraphStyle("Title", parent=heading, fontSize=20, leading=24, spaceAfter=10),
        h1=ParagraphStyle("H1", parent=heading, fontSize=16, leading=20, spaceBefore=14, spaceAfter=6),
        h2=ParagraphStyle("H2", parent=heading, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4),
        h3=ParagraphStyle("H3", parent=heading, fontSize=11.5, leading=14.5, spaceBefore=8, spaceAfter=3),
        body=body,
        numbered=ParagraphStyle("Numbered", parent=body, leftIndent=20, bulletIndent=0, bulletFontName=fonts.REGULAR),
        small=ParagraphStyle("Small", parent=body, fontSize=9, leading=11.5, textColor=MUTED),
        note=ParagraphStyle(
            "Note",
            parent=body,
            fontName=fonts.ITALIC,
            borderColor=RULE,
            borderWidth=0.6,
            borderPadding=(5, 6, 6, 6),
            spaceBefore=10,
            spaceAfter=12,
        ),
        label=ParagraphStyle("Label", parent=cell, fontName=fonts.BOLD),
        cell=cell,
        cell_bold=ParagraphStyle("CellBold", parent=cell, fontName=fonts.BOLD),
        ticks=ParagraphStyle("Ticks", parent=cell, leading=19, spaceBefore=2, spaceAfter=2),
        cover_title=ParagraphStyle(
            "CoverTitle", parent=heading, fontSize=26, leading=32, alignment=TA_CENTER, spaceAfter=18
        ),
        cover_line=ParagraphStyle("CoverLine", parent=body, fontSize=13, leading=18, alignment=TA_CENTER),
    )
