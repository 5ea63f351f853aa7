"""Small builders for the pieces documents are made of: headings, paragraphs of user text, tables with
light rules, tick boxes and ruled lines to write on. Everything a person typed goes through text.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from circles_desktop.reports.kit import fonts
from circles_desktop.reports.kit.page import FRAME_WIDTH
from circles_desktop.reports.kit.styles import LIGHT_RULE, RULE, SHADE, styles
from circles_desktop.reports.kit.text import markup, paragraph_texts

TICK_BOX = "\u2610"  # ☐, in DejaVu Sans; a glyph rather than a drawing so it also survives text extraction
TICK_BOX_SIZE = 15

Cell: TypeAlias = str | Flowable  # a table cell: plain text, or a flowable laid out already


def heading(text: str, level: int = 1) -> Paragraph:
    s = styles()
    style = {0: s.title, 1: s.h1, 2: s.h2}.get(level, s.h3)
    return Paragraph(markup(text), style)


def paragraphs(text: str, style_name: str = "body") -> list[Flowable]:
    style = getattr(styles(), style_name)
    return [Paragraph(piece, style) for piece in paragraph_texts(text)]


def para(text: str, style_name: str = "body") -> Paragraph:
    """One paragraph of plain (escaped) text."""
    return Paragraph(markup(text), getattr(styles(), style_name))


def numbered(items: Sequence[str]) -> list[Flowable]:
    """A numbered list as plain paragraphs with the number hanging in the margin. (ListFlowable would do,
    but Platypus cannot keep it with the heading before it, so a heading could be left at a page foot.)"""
    style = styles().numbered
    story: list[Flowable] = []
    for number, text in enumerate(items, start=1):
        for i, piece in enumerate(paragraph_texts(text)):
            story.append(Paragraph(piece, style, bulletText=f"{number}." if i == 0 else None))
    return story


def notice(text: str) -> Paragraph:
    """A boxed line the reader should not miss (e.g. that content is withheld)."""
    return Paragraph(markup(text), styles().note)


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def _cell(value: Cell, bold: bool = False) -> Flowable:
    # Paragraphs in cells, so long names and notes wrap inside their column instead of overrunning it.
    if isinstance(value, Flowable):
        return value
    s = styles()
    return Paragraph(markup(value), s.cell_bold if bold else s.cell)


def _widths(fractions: Sequence[float] | None, columns: int, width: float) -> list[float]:
    if fractions is None:
        return [width / columns] * columns
    total = sum(fractions)
    return [width * f / total for f in fractions]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    fractions: Sequence[float] | None = None,
    width: float = FRAME_WIDTH,
) -> Table:
    """A table with a shaded header row (repeated on each page it runs onto) and light rules between rows."""
    body = [[_cell(h, bold=True) for h in header]] + [[_cell(v) for v in row] for row in rows]
    table = Table(body, colWidths=_widths(fractions, len(header), width), repeatRows=1, hAlign="LEFT")
    table.setStyle(_DATA_STYLE)
    return table


def key_value_table(rows: Sequence[tuple[str, Cell]], label_fraction: float = 0.3) -> Table:
    """Label / value pairs (meeting details, referral facts); rows with an empty value are left out."""
    s = styles()
    body = [
        [Paragraph(markup(label), s.label), _cell(value)]
        for label, value in rows
        if not (isinstance(value, str) and not value.strip())
    ]
    widths = [FRAME_WIDTH * label_fraction, FRAME_WIDTH * (1 - label_fraction)]
    table = Table(body or [["", ""]], colWidths=widths, hAlign="LEFT")
    table.setStyle(_KEY_VALUE_STYLE)
    return table


def tick_options(options: Sequence[str]) -> Paragraph:
    """A row of tick boxes with their labels: ☐ Present   ☐ Apologies. The box is set larger than the
    text so there is room to tick it with a pen."""
    box = f'<font size="{TICK_BOX_SIZE}">{TICK_BOX}</font>'
    text = "\u2003".join(f"{box}\u00a0{markup(o)}" if o else box for o in options)
    return Paragraph(text, styles().ticks)


def blank_fields(labels: Sequence[str], prefilled: Sequence[tuple[str, str]] = ()) -> Table:
    """Labels each with a line to write on (name, role, date…); `prefilled` rows come first, printed."""
    s = styles()
    body = [[Paragraph(markup(label), s.label), Paragraph(markup(value), s.cell)] for label, value in prefilled]
    body += [[Paragraph(markup(label), s.label), ""] for label in labels]
    table = Table(body, colWidths=[FRAME_WIDTH * 0.28, FRAME_WIDTH * 0.72], rowHeights=9 * mm, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, len(prefilled)), (1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


class WritingLines(Flowable):
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, spacing_mm: float = 8.5, width: float = FRAME_WIDTH) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing_mm * mm
        self.width = width
        self.height = count * self.spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.width, available_width)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


# FONTNAME: a table sets its cells' font even when every cell is a Paragraph; left at ReportLab's default
# that would reference Helvetica, a font the PDF does not embed and that has no "ł" or "ễ".
_DATA_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LIGHT_RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)

_KEY_VALUE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT_RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)
