"""User text into ReportLab's paragraph markup, and dates written the UK way.

Paragraph text is a small XML dialect, so every string a person typed is escaped before it reaches a
Paragraph: a "<" in a note must print as "<", not open a tag or break the document.
"""

from __future__ import annotations

import re
from datetime import date, time
from xml.sax.saxutils import escape

# Month names spelt out here rather than strftime("%B"), which follows the machine's locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_BLANK_LINES = re.compile(r"\n\s*\n")


def markup(text: str) -> str:
    """Escape plain text for a Paragraph; single line breaks are kept as breaks."""
    return escape(text.strip()).replace("\n", "<br/>")


def paragraph_texts(text: str) -> list[str]:
    """Plain text split at blank lines into escaped paragraph markup (empty pieces dropped)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [markup(piece) for piece in _BLANK_LINES.split(normalised) if piece.strip()]


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_short_date(value: date | None) -> str:
    """For narrow table columns: 14 Mar 2025."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1][:3]} {value.year}"


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value:%H:%M}"
