"""What the two Community Circle documents print: plain frozen dataclasses filled in by
services.community.documents (or by samples, for looking at the layout).

The circle plan is the person in focus's own document, so it holds only what they agreed to share; the
match summary is for the facilitator, and likewise leaves out what the person did not agree they may have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from circles_desktop.reports.kit.letterhead import Letterhead


@dataclass(frozen=True)
class PlanPerson:
    name: str
    part: str  # how they are in the circle: "Friend", "Facilitator", "Connector"…


@dataclass(frozen=True)
class PlanAction:
    what: str
    who: str  # the member who offered to take it on
    due_on: date | None = None
    done: bool = False


@dataclass(frozen=True)
class NextMeeting:
    on: date
    starts_at: time | None = None
    venue: str = ""


@dataclass(frozen=True)
class CirclePlanContent:
    letterhead: Letterhead  # the organisation set in Settings, else the one hosting the connector
    person: str  # the person in focus, as they are known
    purpose: str  # in their own words
    what_matters: str = ""  # only when they agreed it goes on their plan
    people: tuple[PlanPerson, ...] = ()
    actions: tuple[PlanAction, ...] = ()  # each taken on by a member who offered to
    next_meeting: NextMeeting | None = None
    made_on: date | None = None


@dataclass(frozen=True)
class MatchSummaryContent:
    letterhead: Letterhead
    reference: str  # CC-00012
    facilitator: str
    person: str
    purpose: str
    area: str = ""  # "ST4 · Avonford"
    meeting_times: str = ""  # "Tuesday evenings and Saturday mornings"
    interests: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why they matched, in words, as recorded at the match
    committed_on: date | None = None
    review_due_on: date | None = None
    connector: str = ""
    connector_organisation: str = ""
    what_matters: str = ""  # only when the person agreed their facilitator may have it
    contact: str = ""  # only when the person agreed their facilitator may have it
    people: tuple[PlanPerson, ...] = ()
    made_on: date | None = None
