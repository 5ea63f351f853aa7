"""What needs doing: the plain rows Home shows, and the registry of providers that make them.

A provider is one kind of item (reviews due, actions overdue, DBS checks to renew...). Given a session,
today and the thresholds, it returns how many such items there are and the first few, most pressing
first. Home asks every registered provider in order; a new kind of item is one `register(...)` call
(services/home/providers.py lists them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import AuditEntry
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.home.thresholds import Thresholds

FIRST_FEW = 25  # lines listed per kind; the count says how many there are in all


@dataclass(frozen=True)
class DueItem:
    """One line: what is to be done, by when, and which record it opens."""

    what: str  # e.g. "Quarterly review: COSA-00012, Dáithí Ó Briain"
    due_on: date | None  # None when it has no date (a step with no meeting date yet)
    opens: RecordRef
    who: str = ""  # whose it is, when it is someone's (an action's owner, a volunteer)

    def days_overdue(self, today: date) -> int:
        """Days past its date (0 on the day, negative while still ahead)."""
        return (today - self.due_on).days if self.due_on is not None else 0

    def when(self, today: date) -> str:
        """ "3 days overdue (due 14/03/2026)", "due today", "due in 5 days (19/03/2026)"."""
        if self.due_on is None:
            return "no date set"
        days = self.days_overdue(today)
        if days > 0:
            return f"{plural(days, 'day')} overdue (due {uk_date(self.due_on)})"
        if days == 0:
            return "due today"
        return f"due in {plural(-days, 'day')} ({uk_date(self.due_on)})"


@dataclass(frozen=True)
class Found:
    """What one provider found: how many in all, and the first few."""

    total: int
    items: tuple[DueItem, ...]


Find = Callable[[Session, date, Thresholds, int], Found]  # (session, today, thresholds, how many to list)


@dataclass(frozen=True)
class Provider:
    key: str  # "reviews", "actions"...
    title: str  # the heading Home shows, e.g. "Reviews due or overdue"
    find: Find
    explains: Callable[[Thresholds], str] = lambda _t: ""  # what is counted, with the thresholds' days


@dataclass(frozen=True)
class DueSection:
    """One provider's part of Home."""

    key: str
    title: str
    explains: str
    total: int
    items: tuple[DueItem, ...]


PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a kind of item to Home (after those already registered); a key registered again replaces it."""
    for i, known in enumerate(PROVIDERS):
        if known.key == provider.key:
            PROVIDERS[i] = provider
            return
    PROVIDERS.append(provider)


def what_needs_doing(
    session: Session, today: date | None = None, thresholds: Thresholds | None = None, first_few: int = FIRST_FEW
) -> list[DueSection]:
    """Every provider's items, in the order they were registered (empty sections included, so Home can
    say that nothing of that kind needs doing)."""
    from circles_desktop.services.home import providers  # noqa: F401  (registers the providers)
    from circles_desktop.services.home.thresholds import thresholds as saved_thresholds

    today = today or date.today()
    limits = thresholds or saved_thresholds(session)
    sections = []
    for provider in PROVIDERS:
        found = provider.find(session, today, limits, first_few)
        sections.append(DueSection(provider.key, provider.title, provider.explains(limits), found.total, found.items))
    return sections


def changes_seen(session: Session) -> int | None:
    """The audit log's last entry. Every change through the services writes one in the same unit of
    work, so while it stays the same, nothing Home reads from has changed."""
    return session.scalar(select(func.max(AuditEntry.id)))
