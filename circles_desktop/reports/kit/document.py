"""A story of flowables into PDF bytes, on the shared page, with metadata that says no more than the body.

Documents are built in memory and returned as bytes: nothing touches the disk here (see pdfio.py for
that), and nothing here needs a UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from circles_desktop.reports.kit import fonts
from circles_desktop.reports.kit.page import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MARKING,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    NumberedCanvas,
    PageDecor,
)

CREATOR = "Circles Desktop"


@dataclass(frozen=True)
class DocumentInfo:
    """The PDF's metadata. File managers and search indexers show it without opening the document, so it
    names the kind of document and its date, never a person or anything a recipient may not see."""

    title: str  # e.g. "Circle meeting minutes, 14 March 2025"
    subject: str = MARKING
    keywords: tuple[str, ...] = (MARKING,)
    author: str = ""  # the coordinating organisation


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, decor: PageDecor) -> bytes:
    fonts.register_fonts()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.title,
        subject=info.subject,
        keywords=list(info.keywords),
        author=info.author,
        creator=CREATOR,
        producer=CREATOR,
        lang="en-GB",
        # Invariant: the same content gives the same bytes, so the SHA-256 kept in the audit log and the
        # sharing register identifies the content, and no build time or time zone is stamped in the file.
        invariant=True,
        pageCompression=1,
        initialFontName=fonts.REGULAR,
    )
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body", leftPadding=0, rightPadding=0,
        topPadding=0, bottomPadding=0,
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decor.draw)])
    doc.build(list(story), canvasmaker=NumberedCanvas)
    return buffer.getvalue()
