"""How a date or a time typed by a coordinator is read: the ways people in the UK write them, day first.

`14/03/1975`, `14/3/75`, `14.03.1975`, `14-03-1975`, `14 3 1975`, `14 Mar 1975`, `14031975` and the ISO
`1975-03-14` all mean 14 March 1975. A two-digit year is the nearest such year no more than twenty years
ahead (`75` is 1975, `30` is 2030). An impossible date (31/02) or text that is no date at all raises
`Unreadable` with a sentence saying what is wrong, so the form can show it beside the field.
Times are on the 24-hour clock, or with am/pm: `18:30`, `18.30`, `1830`, `6.30pm`, `6pm`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

EXAMPLE = "Type the date as day/month/year, for example 14/03/2025."
YEARS_AHEAD = 20  # a two-digit year reaches at most this far into the future

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2}|[a-z]+)\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_RUN_TOGETHER = re.compile(r"^(\d{2})(\d{2})(\d{4}|\d{2})$")  # 14031975, 140375
TIME_EXAMPLE = "Type the time on the 24-hour clock, for example 18:30."
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$")
_TIME_RUN_TOGETHER = re.compile(r"^(\d{1,2})(\d{2})(am|pm)?$")  # 1830, 930


class Unreadable(ValueError):
    """Text that is not a date; the message says why in a coordinator's words."""


def read_date(text: str, today: date | None = None) -> date | None:
    """The date the text means; None for empty text."""
    typed = " ".join(text.strip().lower().replace(",", " ").split())
    if not typed:
        return None
    iso = _ISO.match(typed)
    if iso:
        return _make(int(iso.group(3)), int(iso.group(2)), int(iso.group(1)), text)
    found = _DAY_FIRST.match(typed) or _RUN_TOGETHER.match(typed)
    if not found:
        raise Unreadable(f"“{text.strip()}” is not a date. {EXAMPLE}")
    day, month_text, year_text = found.groups()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if month is None:
        raise Unreadable(f"“{month_text}” is not a month. {EXAMPLE}")
    return _make(int(day), month, _full_year(year_text, today or date.today()), text)


def _full_year(year_text: str, today: date) -> int:
    year = int(year_text)
    if len(year_text) == 4:
        return year
    this_century = today.year // 100 * 100 + year
    return this_century if this_century <= today.year + YEARS_AHEAD else this_century - 100


def _make(day: int, month: int, year: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise Unreadable(f"There is no month {month}: the month comes second, from 1 to 12. {EXAMPLE}")
    if year < 1900:
        raise Unreadable(f"{year} is too long ago for a date here. {EXAMPLE}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_words = date(year, month, 1).strftime("%B %Y")
        raise Unreadable(f"{text.strip()} is not a date: {month_words} has {days} days.")
    return date(year, month, day)


def read_time(text: str) -> time | None:
    """The time the text means; None for empty text."""
    typed = text.strip().lower().replace(" ", "")
    if not typed:
        return None
    found = _TIME.match(typed) or _TIME_RUN_TOGETHER.match(typed)
    if not found:
        raise Unreadable(f"“{text.strip()}” is not a time. {TIME_EXAMPLE}")
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            raise Unreadable(f"{text.strip()} is not a time: with am or pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise Unreadable(f"{text.strip()} is not a time: hours run from 0 to 23 and minutes from 0 to 59.")
    return time(hour, minute)
