"""Which record a line on a screen opens: Home's lines and the search's results name it the same way,
so the one place that opens records (ui/app/area_links.py) serves both."""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "person"
ORGANISATION = "organisation"
REFERRAL = "referral"
CIRCLE = "circle"
MEETING = "meeting"
LEARNING_CIRCLE = "learning_circle"
CHILD = "child"
# Circles whose kind has an area of its own, and the connectors of the Community Circles network.
COMMUNITY_CIRCLE = "community_circle"
CONVERSATION = "conversation"
PRACTICE = "practice"
CONNECTOR = "connector"
KINDS = (
    *(PERSON, ORGANISATION, REFERRAL, CIRCLE, MEETING, LEARNING_CIRCLE, CHILD),
    *(COMMUNITY_CIRCLE, CONVERSATION, PRACTICE, CONNECTOR),
)

# The parts of a record a line may open it at (a circle's tab); "" for the record's first page.
DEVELOPMENTS = "developments"
REVIEWS = "reviews"
SHARED = "shared"
MEETINGS = "meetings"
ACTIONS = "actions"  # a meeting's or learning circle's actions, with `item` the action to select
CHECKLIST = "checklist"
VOLUNTEERING = "volunteering"  # a person's volunteer section (DBS checks, training)


@dataclass(frozen=True)
class RecordRef:
    kind: str  # one of KINDS
    id: int
    part: str = ""  # where in the record to open it (DEVELOPMENTS, ACTIONS...), "" for its first page
    item: int | None = None  # the one line of that part to select (an action's id)
