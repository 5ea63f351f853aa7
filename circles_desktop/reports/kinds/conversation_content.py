"""What the community conversation summary prints: plain frozen dataclasses filled in by
services.conversations.summary (or by a test). It is for the community, so it holds no personal details:
attendance is counts by group, and a spark's carrier is named only when they agreed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from circles_desktop.reports.kit.letterhead import Letterhead


@dataclass(frozen=True)
class HeldConversation:
    held_on: date
    venue: str
    counted: int  # how many came


@dataclass(frozen=True)
class SparkLine:
    idea: str
    carried_by: str  # already "Someone from the community" unless they agreed to be named
    status: str  # in words: "Being taken forward"
    latest: str = ""  # the latest follow-up, in words


@dataclass(frozen=True)
class ConversationSummaryContent:
    letterhead: Letterhead
    reference: str  # CONV-00012
    title: str
    locality: str
    theme: str
    about: str = ""  # what the organiser was approached about
    need: str = ""  # where the need is
    strengths: str = ""  # strengths and successes to celebrate
    held: tuple[HeldConversation, ...] = ()
    next_on: date | None = None  # the next conversation, when one is planned
    attendance: tuple[tuple[str, int], ...] = ()  # (group in words, people), every group with anyone counted
    balance_note: str = ""  # the balance warning, or "" when balanced
    noticed: tuple[str, ...] = ()
    sparks: tuple[SparkLine, ...] = ()
    prepared_on: date | None = None
