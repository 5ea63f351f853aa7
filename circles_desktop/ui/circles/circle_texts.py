"""A circle's dates in words on its screens: the prison release countdown and the quarterly review."""

from __future__ import annotations

from typing import Any

from circles_desktop.services.common.words import plural, uk_date


def release_text(days: int | None, short: bool = False) -> str:
    """A prison circle's countdown: "Release in 75 days", "Released 12 days ago"."""
    if days is None:
        return ""
    if days > 0:
        return f"in {plural(days, 'day')}" if short else f"Release in {plural(days, 'day')}"
    if days == 0:
        return "today" if short else "Release due today"
    return f"{plural(-days, 'day')} ago" if short else f"Released {plural(-days, 'day')} ago"


def review_text(due: Any) -> str:
    """Words for a services.circles.reviews.ReviewDue (or None)."""
    if due is None:
        return "No quarterly review is due (reviews are for open CoSA circles)."
    if due.overdue:
        return f"Quarterly review OVERDUE: it was due on {uk_date(due.due_on)} ({plural(-due.days_left, 'day')} ago)."
    if due.days_left == 0:
        return f"Quarterly review due today ({uk_date(due.due_on)})."
    return f"Quarterly review due on {uk_date(due.due_on)} (in {plural(due.days_left, 'day')})."
