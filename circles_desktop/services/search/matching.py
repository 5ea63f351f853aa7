"""From what the coordinator typed to the SQL that finds the matching documents of one kind.

Every word typed must match, in any order: it starts a word of the record (a name, a reference, a
title, the minutes), or, from three letters, it is found anywhere inside one of the record's names
("ones" finds "Smith-Jones"). Words are normalised as the stored name keys are
(services.common.text.search_key), so "Siân" and "sian" find the same; the word as written is also
tried, for letters the full-text index does not fold itself (ł, ø, ß). A record whose words are found
partly inside its names and partly in its text only is not found; every other record is.

The index is built by migration 0009: a document id is the kind's code << SHIFT, plus the record's id.
Each word becomes one FTS5 term expression and the words are joined with AND inside each table, so
FTS5 itself merges them lazily in id order: a search reads as many documents as it lists, however
many match.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.text import search_key

SHIFT = 32
CODES: dict[str, int] = {
    rr.PERSON: 1,
    rr.ORGANISATION: 2,
    rr.REFERRAL: 3,
    rr.CIRCLE: 4,
    rr.MEETING: 5,
    rr.LEARNING_CIRCLE: 6,
    rr.CHILD: 7,
}
INSIDE_FROM = 3  # letters from which a word is also looked for inside names
PREFIX_INDEXED = 3  # the longest start of a word search_text has a prefix index for
MAX_WORDS = 8  # more words than this narrow nothing further
MAX_TERMS = 32  # whole words a longer start is looked for as, before reading it as a prefix
_TOP = "\U0010ffff"  # after every letter: [w, w + _TOP) is every word starting with w


@dataclass(frozen=True)
class Word:
    key: str  # as the name keys are stored
    written: str = ""  # lower case as typed, accents kept ("" when the same as the key)


def words(text: str) -> list[Word]:
    """The distinct words to look for."""
    found: dict[str, Word] = {}
    for raw in text.split():
        keys = search_key(raw).split()  # "Smith-Jones" is two words
        written = _written(raw) if len(keys) == 1 else ""
        for key in keys:
            found.setdefault(key, Word(key, written if written != key else ""))
    return list(found.values())[:MAX_WORDS]


def _written(raw: str) -> str:
    """The word in lower case with its accents, letters and digits only (unicode61 folds the accents
    it knows; this keeps the letters it does not, such as ł)."""
    return "".join(ch for ch in unicodedata.normalize("NFC", raw.casefold()) if ch.isalnum())


def doc_range(kind: str) -> tuple[int, int]:
    """The first and last document id a kind's records can have."""
    low = CODES[kind] << SHIFT
    return low, low + (1 << SHIFT) - 1


def _phrase(term: str) -> str:
    """An FTS5 string: the term quoted (it holds letters and digits only, but quote it all the same)."""
    return '"' + term.replace('"', '""') + '"'


def starts_of_words(session: Session, word: Word) -> str:
    """The FTS5 expression for "a word of the record starts with this word".

    Up to three letters, the table's prefix indexes answer it. A longer start is read as the few whole
    words of the index it starts (from search_text_terms), because FTS5 reads a longer prefix by first
    merging every word it starts, which for a common word of the minutes costs more than the budget."""
    forms = [word.key] + ([word.written] if word.written else [])
    if len(word.key) <= PREFIX_INDEXED:
        return "(" + " OR ".join(_phrase(f) + "*" for f in forms) + ")"
    terms: list[str] = []
    for form in forms:
        stmt = sql("SELECT term FROM search_text_terms WHERE term >= :low AND term < :high LIMIT :n")
        found = list(session.scalars(stmt, {"low": form, "high": form + _TOP, "n": MAX_TERMS + 1}))
        if len(found) > MAX_TERMS:
            return "(" + " OR ".join(_phrase(f) + "*" for f in forms) + ")"  # so many: the prefix read
        terms += found
    # No word starts with it: a term no document holds keeps the AND well-formed and matches nothing.
    return "(" + (" OR ".join(_phrase(t) for t in dict.fromkeys(terms)) or _phrase(word.key)) + ")"


def matching_documents(session: Session, found: list[Word]) -> tuple[str, dict[str, object]]:
    """SQL selecting, newest first, the ids (as `doc`) of one kind's documents that every word matches,
    and its parameters; the caller adds :low and :high (the kind's range of ids) and :cap."""
    within = "rowid BETWEEN :low AND :high"
    params: dict[str, object] = {"text": " AND ".join(starts_of_words(session, w) for w in found)}
    arms = [f"SELECT rowid AS doc FROM search_text WHERE search_text MATCH :text AND {within}"]
    if all(len(w.key) >= INSIDE_FROM for w in found):
        params["inside"] = " AND ".join(_phrase(w.key) for w in found)
        arms.append(f"SELECT rowid AS doc FROM search_inside WHERE search_inside MATCH :inside AND {within}")
    # At the top level, with the order and the limit, SQLite merges the arms in id order and stops early.
    return " UNION ".join(arms) + " ORDER BY doc DESC LIMIT :cap", params
