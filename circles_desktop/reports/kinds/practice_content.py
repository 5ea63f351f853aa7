"""What the community of practice documents print (the session note and the season summary): plain
frozen dataclasses filled in by services.practice.practice_documents (or by a test). Names are the words
to print: an anonymous presenter is already "Anonymous presenter (lived experience)"; who took part is
counted by organisation and sector, never named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from circles_desktop.reports.kit.letterhead import Letterhead


@dataclass(frozen=True)
class PresentationLine:
    title: str
    presenter: str
    kind: str  # "Presentation", "Lived experience, named", "Lived experience, anonymous"
    held_on: date | None = None  # in a season summary: the session it was given at


@dataclass(frozen=True)
class ParticipantLine:
    organisation: str  # "" for people with lived experience
    sector: str  # in words
    people: int


@dataclass(frozen=True)
class BarrierLine:
    description: str
    found_on: date | None
    raised_with: str = ""
    raised_on: date | None = None
    what_changed: str = ""
    changed_on: date | None = None


@dataclass(frozen=True)
class SessionNoteContent:
    letterhead: Letterhead
    reference: str  # COP-00003
    practice: str  # the community of practice's name
    theme: str  # the season's theme
    chair: str
    held_on: date
    starts_at: time | None = None
    venue: str = ""
    mode: str = ""  # "In person", "Online"
    refreshments: str = ""
    presentations: tuple[PresentationLine, ...] = ()
    participants: tuple[ParticipantLine, ...] = ()
    by_sector: tuple[tuple[str, int], ...] = ()  # (sector in words, people), every sector
    discussion: str = ""
    barriers: tuple[BarrierLine, ...] = ()
    prepared_on: date | None = None


@dataclass(frozen=True)
class SessionLine:
    held_on: date
    mode: str
    presentations: int
    people: int


@dataclass(frozen=True)
class SeasonSummaryContent:
    letterhead: Letterhead
    reference: str
    practice: str
    theme: str
    chair: str
    starts_on: date
    ends_on: date | None = None
    outcomes: str = ""
    sessions: tuple[SessionLine, ...] = ()
    presentations: tuple[PresentationLine, ...] = ()
    barriers: tuple[BarrierLine, ...] = ()
    by_sector: tuple[tuple[str, int], ...] = ()
    organisations: int = 0  # how many organisations took part
    prepared_on: date | None = None
