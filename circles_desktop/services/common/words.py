"""Dates and counts in words, the one way every layer writes them: 14/03/2025, "3 days"."""

from __future__ import annotations

from datetime import date, datetime

UK_DATE = "%d/%m/%Y"


def uk_date(d: date | None) -> str:
    """A date as UK readers write it; "" for no date."""
    return d.strftime(UK_DATE) if d else ""


def uk_date_time(moment: datetime | None) -> str:
    return moment.strftime(f"{UK_DATE} %H:%M") if moment else ""


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
