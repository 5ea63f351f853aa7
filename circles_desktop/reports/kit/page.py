"""The page every document shares: A4, the protective marking at top and bottom (left off, with
`marking=""`, on a document the person keeps as their own), a running header, a footer line, and
"Page X of Y".

"Y" is only known when the last page is laid out, so `NumberedCanvas` holds each finished page back
and stamps the numbers when the document is saved: one layout pass, not the two that multiBuild needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from circles_desktop.reports.kit import fonts
from circles_desktop.reports.kit.styles import MUTED, RULE, TEXT

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 27 * mm  # room for the marking and the running header
MARGIN_BOTTOM = 24 * mm  # room for the footer line and the marking
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

MARKING = "OFFICIAL-SENSITIVE"

_MARKING_SIZE = 11
_SMALL_SIZE = 8.5
_FOOTER_Y = 15 * mm  # baseline of the footer line ("Copy for …", "Page X of Y")
_HEADER_Y = PAGE_HEIGHT - 19 * mm  # baseline of the running header


@dataclass(frozen=True)
class PageDecor:
    """What is printed round the text on every page."""

    organisation: str
    running_title: str  # e.g. "Circle meeting minutes · CSW-2025-017 · 14 March 2025"
    footer_note: str = ""  # e.g. "Copy for Jo Bloggs, Avon and Somerset Police"
    # "" leaves the marking off: for a document the person it is about keeps as their own (a circle plan).
    marking: str = MARKING

    def draw(self, canvas: Canvas, _doc: Any = None) -> None:
        """onPage handler: marking, header and footer (the page number is the canvas's job)."""
        canvas.saveState()
        canvas.setFillColor(TEXT)
        if self.marking:
            canvas.setFont(fonts.BOLD, _MARKING_SIZE)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 11 * mm, self.marking)
            canvas.drawCentredString(PAGE_WIDTH / 2, 7.5 * mm, self.marking)

        canvas.setFont(fonts.REGULAR, _SMALL_SIZE)
        canvas.setFillColor(MUTED)
        # The running title (document, reference, date) gets the larger share; the organisation is also in
        # the body.
        left, right = FRAME_WIDTH * 0.38, FRAME_WIDTH * 0.58
        canvas.drawString(MARGIN_LEFT, _HEADER_Y, fit(self.organisation, left, fonts.REGULAR, _SMALL_SIZE))
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT, _HEADER_Y, fit(self.running_title, right, fonts.REGULAR, _SMALL_SIZE)
        )
        if self.footer_note:
            note = fit(self.footer_note, FRAME_WIDTH - 35 * mm, fonts.REGULAR, _SMALL_SIZE)
            canvas.drawString(MARGIN_LEFT, _FOOTER_Y, note)

        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, _HEADER_Y - 2.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, _HEADER_Y - 2.5 * mm)
        canvas.line(MARGIN_LEFT, _FOOTER_Y + 4 * mm, PAGE_WIDTH - MARGIN_RIGHT, _FOOTER_Y + 4 * mm)
        canvas.restoreState()


def fit(text: str, width: float, font: str, size: float) -> str:
    """Shorten a one-line string with an ellipsis so a long name cannot run off the page or overprint."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class NumberedCanvas(Canvas):
    """A canvas that keeps finished pages until save() and then writes "Page X of Y" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._stamp_page_number(number, total)
            super().showPage()
        self._held_pages = []
        super().save()

    def _stamp_page_number(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(fonts.REGULAR, _SMALL_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, _FOOTER_Y, f"Page {number} of {total}")
        self.restoreState()
