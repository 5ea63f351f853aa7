"""The organisation at the head of every document: its name (also in each page's running header), its
address and its logo, as the coordinator set them in Settings.

The logo is checked here, where it is drawn: a PNG or JPEG that ReportLab can read, of a sensible size.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from circles_desktop.reports.kit.flowables import para
from circles_desktop.reports.kit.page import FRAME_WIDTH
from circles_desktop.reports.kit.styles import styles
from circles_desktop.reports.kit.text import markup

LOGO_HEIGHT = 18 * mm  # drawn this high, its width in proportion
LOGO_MAX_WIDTH = 55 * mm  # a very wide logo is scaled down to this instead
LOGO_FORMATS = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000  # on either side
LOGO_MIN_PIXELS = 16


@dataclass(frozen=True)
class Letterhead:
    name: str  # the coordinating organisation, e.g. "Circles South West"
    address: str = ""  # as written, one line per line
    logo: bytes | None = None  # PNG or JPEG, checked by logo_problem


def logo_media_type(data: bytes) -> str | None:
    """ "image/png" or "image/jpeg" from the file's first bytes (not its name); None for anything else."""
    return next((kind for magic, kind in LOGO_FORMATS.items() if data.startswith(magic)), None)


def logo_problem(data: bytes) -> str | None:
    """What is wrong with a logo, in words a coordinator can act on; None when it can be used."""
    if not data:
        return "The logo file is empty."
    if len(data) > LOGO_MAX_BYTES:
        return f"The logo is too large ({len(data) / 1024 / 1024:.1f} MB): choose one of at most 1 MB."
    if logo_media_type(data) is None:
        return "The logo must be a PNG or JPEG picture."
    try:
        width, height = ImageReader(BytesIO(data)).getSize()
    except Exception:  # ReportLab (through Pillow) could not read it: damaged, or not what it says
        return "The logo could not be read as a picture: it may be damaged."
    if max(width, height) > LOGO_MAX_PIXELS:
        return f"The logo is {width} × {height} pixels: choose one of at most {LOGO_MAX_PIXELS} on either side."
    if min(width, height) < LOGO_MIN_PIXELS:
        return f"The logo is {width} × {height} pixels, too small to print clearly."
    return None


def _logo(data: bytes) -> Image:
    width, height = ImageReader(BytesIO(data)).getSize()
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return Image(BytesIO(data), width=width * scale, height=height * scale)


def letterhead_block(
    letterhead: Letterhead, style_name: str | ParagraphStyle = "h2", *, centred: bool = False
) -> list[Flowable]:
    """The name (in `style_name`), with the address under it and the logo beside it (above it, centred
    on a cover page) when there are any; just the name's paragraph otherwise, as documents began
    before letterheads."""
    # A document with styles of its own (the large-print circle plan) passes its style itself.
    name = (
        para(letterhead.name, style_name)
        if isinstance(style_name, str)
        else Paragraph(markup(letterhead.name), style_name)
    )
    lines = [line.strip() for line in letterhead.address.splitlines() if line.strip()]
    if not lines and letterhead.logo is None:
        return [name]
    address = Paragraph("<br/>".join(markup(line) for line in lines), _address_style(centred)) if lines else None
    words = [name] + ([address] if address is not None else [])
    if letterhead.logo is None:
        return words
    logo = _logo(letterhead.logo)
    if centred:
        logo.hAlign = "CENTER"
        return [logo, *words]
    beside = logo.drawWidth + 6 * mm
    return [Table([[logo, words]], colWidths=[beside, FRAME_WIDTH - beside], style=_PLAIN, hAlign="LEFT")]


def _address_style(centred: bool) -> ParagraphStyle:
    small = styles().small
    return ParagraphStyle("AddressCentred", parent=small, alignment=TA_CENTER) if centred else small


_PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)
