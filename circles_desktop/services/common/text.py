"""Normalised search keys: lower case, accents folded, punctuation dropped.

"Siân" and "SIAN" both become "sian"; "Łukasz" becomes "lukasz"; "O'Brien" becomes "obrien". The keys
are stored beside the names so a search can use an index with a prefix range.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

# A text column, or an expression over one such as lower(title).
TextColumn = InstrumentedAttribute[str] | ColumnElement[str]

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_DROP = set("'’‘`´.")
# Greater than any character a key can hold, so [p, p + TOP) is "everything starting with p".
_TOP = "\U0010ffff"


def search_key(text: str | None) -> str:
    folded = unicodedata.normalize("NFKD", (text or "").casefold()).translate(_FOLD)
    out: list[str] = []
    for ch in folded:
        if unicodedata.combining(ch) or ch in _DROP:
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def starts_with(column: TextColumn, prefix: str) -> ColumnElement[bool]:
    """column LIKE 'prefix%' written as a range, which SQLite serves from an ordinary index."""
    return and_(column >= prefix, column < prefix + _TOP)


def word_start(column: TextColumn, key: str) -> ColumnElement[bool]:
    """The key starts the column's text or one of its later words ("suil" finds "o suilleabhain")."""
    return or_(starts_with(column, key), column.like(f"% {key}%"))
