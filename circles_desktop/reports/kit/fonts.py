"""The fonts every document uses, registered with ReportLab once per process.

DejaVu Sans ships in the top-level resources/fonts (with its licence) because ReportLab's built-in Helvetica has no
glyphs beyond Latin-1: "Łukasz" or "Nguyễn" would print as black boxes. Parsing the TrueType files takes
tens of milliseconds, so it happens on first use only, never per document.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from circles_desktop import shipped

REGULAR = "CirclesSans"
BOLD = "CirclesSans-Bold"
ITALIC = "CirclesSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the family (idempotent, thread-safe: documents may be built on worker threads)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(shipped.path("fonts", file_name))))
        # <b> and <i> inside paragraphs map to these faces; bold italic has no face shipped, so bold it is.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
        _registered = True
