"""What one recipient may see of a meeting, decided before anything is laid out.

Pure functions over the content dataclasses: no models, no ReportLab, no Qt. The rule fails closed:
anything whose category is not a shareable category the recipient's consent covers is dropped, so an
unknown or misspelt category is withheld rather than shared, and "internal" is withheld even if a
caller lists it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date

from circles_desktop.reports.categories import ATTENDANCE, SHAREABLE
from circles_desktop.reports.content import MeetingRecord


@dataclass(frozen=True)
class ConsentGrant:
    """One category of consent to one recipient, as a plain value (the models hold the real record)."""

    category: str
    given_on: date
    withdrawn_on: date | None = None

    def counts_on(self, on: date) -> bool:
        # models.consent.Consent.counts_on is the rule, and the services apply it; reports import no
        # models, so this mirrors it for plain data: from the given date until, not including, the
        # withdrawn date. Consent withdrawn on the day of the meeting does not cover that meeting.
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)


def categories_covered(grants: Iterable[ConsentGrant], on: date) -> frozenset[str]:
    """The shareable categories the grants cover on a date (internal never among them)."""
    return frozenset(g.category for g in grants if g.counts_on(on)) & SHAREABLE


@dataclass(frozen=True)
class SharedMeeting:
    """A meeting as one recipient may see it. Only `filter_meeting` makes these, and the minutes are only
    ever laid out from one, so an unfiltered record cannot reach a recipient's PDF by mistake."""

    meeting: MeetingRecord  # sections, decisions and actions already filtered; attendance () when withheld
    attendance_shared: bool
    categories: frozenset[str]  # the categories applied: consented ∩ shareable


def filter_meeting(meeting: MeetingRecord, consented: Collection[str]) -> SharedMeeting:
    allowed = frozenset(consented) & SHAREABLE
    attendance_shared = ATTENDANCE in allowed
    kept = replace(
        meeting,
        attendance=meeting.attendance if attendance_shared else (),
        sections=tuple(s for s in meeting.sections if s.category in allowed),
        decisions=tuple(d for d in meeting.decisions if d.category in allowed),
        actions=tuple(a for a in meeting.actions if a.category in allowed),
    )
    return SharedMeeting(meeting=kept, attendance_shared=attendance_shared, categories=allowed)
