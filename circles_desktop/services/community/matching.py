"""Facilitator matching, as plain arithmetic over plain rows: how well each facilitator fits a circle on
location, availability and shared interests, with the reasons in words, and what rules one out.

No database here: facilitators.py reads the pool in a few queries and hands it over, so the ranking is
the same in the screen, the tests and the benchmark, and works offline with no map (location is weighed
by postcode district, postcode area and town, against how far the facilitator says they will travel).

Fit is out of FIT_MAX: location counts most (a facilitator must be able to get there), then shared free
times (the circle must be able to meet), then shared interests. Ties go to whoever has the fewest circles.

Ranking 2,000 facilitators is arithmetic only: the reasons in words are written when a row asks for them
(`Match.reasons`), not for every facilitator on every ranking (benchmarks/matching.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from circles_desktop.models.vocab import DayPart, TravelReach, Weekday
from circles_desktop.services.common.words import plural

LOCATION_POINTS = 4  # per level: same district 3, within reach 2, will travel anywhere 1, out of reach 0
TIME_POINTS, TIMES_COUNTED = 3, 3
INTEREST_POINTS, INTERESTS_COUNTED = 2, 3
FIT_MAX = 3 * LOCATION_POINTS + TIME_POINTS * TIMES_COUNTED + INTEREST_POINTS * INTERESTS_COUNTED

DAY_WORDS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_DAY_ORDER = {d: i for i, d in enumerate(Weekday.values())}
_PART_ORDER = {p: i for i, p in enumerate(DayPart.values())}
_PARTS = len(_PART_ORDER)
# Plain strings: comparing against the enum members costs more than the rest of a facilitator's fit.
_TRAVELS_FURTHER = frozenset({str(TravelReach.AREA.value), str(TravelReach.ANYWHERE.value)})
_ANYWHERE = str(TravelReach.ANYWHERE.value)

Slot = tuple[str, str]  # (Weekday, DayPart)


def slot_bit(day: str, part: str) -> int:
    """A free time's place in a mask of the week: free times in common are then one AND and a bit count
    (facilitators.pool makes the same mask in SQL, from _DAY_ORDER and _PART_ORDER)."""
    return 1 << (_DAY_ORDER[day] * _PARTS + _PART_ORDER[part])


def slot_mask(slots: Iterable[Slot]) -> int:
    mask = 0
    for day, part in slots:
        mask |= slot_bit(day, part)
    return mask


@lru_cache(maxsize=1024)
def mask_slots(mask: int) -> frozenset[Slot]:
    """The free times a mask holds (for the words: only for the rows a coordinator looks at)."""
    return frozenset((d, p) for d in _DAY_ORDER for p in _PART_ORDER if mask & slot_bit(d, p))


@dataclass(frozen=True)
class Need:
    """What the circle asks of a facilitator."""

    area: str = ""
    district: str = ""
    times: frozenset[Slot] = frozenset()
    interests: tuple[str, ...] = ()
    members: frozenset[int] = frozenset()  # people already in the circle

    @cached_property
    def mask(self) -> int:
        return slot_mask(self.times)


class Candidate(NamedTuple):
    """A facilitator as matching sees them (a NamedTuple: thousands are made for each ranking)."""

    person_id: int
    name: str
    area: str = ""
    district: str = ""
    travel: str = TravelReach.AREA
    slots: int = 0  # their free times as a slot_mask
    interests: tuple[str, ...] = ()
    active: bool = True
    max_circles: int = 1
    circles: int = 0  # circles they facilitate now
    has_dbs: bool = False
    has_training: bool = False

    @property
    def times(self) -> frozenset[Slot]:
        return mask_slots(self.slots)


class Match(NamedTuple):
    candidate: Candidate
    fit: int
    can_match: bool
    need: Need

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why they fit (or do not), in words: location, free times, interests."""
        return (
            _location(self.need, self.candidate)[1],
            _times(self.need, self.candidate)[1],
            _interests(self.need, self.candidate)[1],
        )

    @property
    def fit_reasons(self) -> tuple[str, ...]:
        """Only the reasons that add to the fit ("both in ST4", not "no shared interests"): what the match
        records and the facilitator's summary gives as why they were matched."""
        found = (_location(self.need, self.candidate), _times(self.need, self.candidate))
        return tuple(words for points, words in (*found, _interests(self.need, self.candidate)) if points)

    @property
    def ruled_out(self) -> tuple[str, ...]:
        """What stops them being matched; empty when they can be."""
        return _ruled_out(self.need, self.candidate)

    @property
    def reason_words(self) -> str:
        return "; ".join(self.reasons)

    @property
    def ruled_out_words(self) -> str:
        return "; ".join(self.ruled_out)


@lru_cache(maxsize=4096)
def postcode_area(district: str) -> str:
    """The letters of a district: "ST" for ST4."""
    end = 0
    while end < len(district) and district[end].isalpha():
        end += 1
    return district[:end]


def _location(need: Need, c: Candidate) -> tuple[int, str]:
    """Level 0-3 and the words: 3 same district, 2 within reach, 1 travels anywhere, 0 out of reach."""
    need_area = postcode_area(need.district) if need.district else ""
    level = _level(need, c, need_area, need.area.casefold())
    where = c.district or c.area or "no area recorded"
    if level == 3:
        return 3, f"both in {need.district}"
    if level == 2 and need_area and c.district and postcode_area(c.district) == need_area:
        return 2, f"{c.district} is near {need.district}: travels across {need_area}"
    if level == 2:
        return 2, f"both in {need.area}"
    if level == 1:
        return 1, f"in {where}, will travel anywhere"
    reach = "their own district" if c.travel == TravelReach.OWN_DISTRICT else "their town or postcode area"
    return 0, f"out of reach: in {where}, travels only within {reach}"


def slot_words(slots: Iterable[Slot]) -> str:
    """ "Tuesday evenings and Saturday mornings": each day's parts together, in week order."""
    by_day: dict[str, list[str]] = {}
    for day, part in sorted(slots, key=lambda s: (_DAY_ORDER.get(s[0], 9), _PART_ORDER.get(s[1], 9))):
        by_day.setdefault(day, []).append(part + "s")
    phrases = [f"{DAY_WORDS.get(day, day)} {' and '.join(parts)}" for day, parts in by_day.items()]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _times(need: Need, c: Candidate) -> tuple[int, str]:
    shared = need.times & c.times
    if not need.times:
        return 0, "no meeting times recorded for the circle yet"
    if not shared:
        return 0, "no free times in common"
    if len(shared) > 3:
        return len(shared), f"both free at {len(shared)} of the same times, such as {slot_words(sorted(shared)[:2])}"
    return len(shared), f"both free {slot_words(shared)}"


def _interests(need: Need, c: Candidate) -> tuple[int, str]:
    theirs = {i.casefold() for i in c.interests}
    shared = [i for i in need.interests if i.casefold() in theirs]
    if not shared:
        return 0, "no shared interests"
    return len(shared), "shared: " + ", ".join(shared)


def _ruled_out(need: Need, c: Candidate) -> tuple[str, ...]:
    out: list[str] = []
    if c.person_id in need.members:
        out.append("already in this circle")
    if not c.active:
        out.append("not active as a volunteer")
    if c.max_circles == 0:
        out.append("no capacity: not taking circles at the moment")
    elif c.circles >= c.max_circles:
        out.append(f"no capacity: already facilitating {plural(c.circles, 'circle')}, the most they can take")
    if not c.has_training:
        out.append("Community Circles facilitator training missing")
    if not c.has_dbs:
        out.append("DBS check missing")
    return tuple(out)


def _level(need: Need, c: Candidate, need_area: str, need_town: str) -> int:
    """_location's level alone, without its words: the ranking's hot path."""
    if need.district and c.district == need.district:
        return 3
    further = c.travel in _TRAVELS_FURTHER
    if further and need_area and c.district and postcode_area(c.district) == need_area:
        return 2
    if need_town and c.area.casefold() == need_town and (further or not need.district):
        return 2
    return 1 if c.travel == _ANYWHERE else 0


def _can_match(need: Need, c: Candidate) -> bool:
    return c.active and c.has_training and c.has_dbs and c.circles < c.max_circles and c.person_id not in need.members


def assess(need: Need, c: Candidate) -> Match:
    return _assess(need, c, postcode_area(need.district) if need.district else "", need.area.casefold(), _keys(need))


def _keys(need: Need) -> frozenset[str]:
    return frozenset(i.casefold() for i in need.interests)


def _assess(need: Need, c: Candidate, need_area: str, need_town: str, wanted: frozenset[str]) -> Match:
    shared = len(wanted.intersection(map(str.casefold, c.interests))) if wanted else 0
    fit = (
        LOCATION_POINTS * _level(need, c, need_area, need_town)
        + TIME_POINTS * min((need.mask & c.slots).bit_count(), TIMES_COUNTED)
        + INTEREST_POINTS * min(shared, INTERESTS_COUNTED)
    )
    return Match(c, fit, _can_match(need, c), need)


def rank(need: Need, candidates: Iterable[Candidate]) -> list[Match]:
    """Everyone who can be matched, best fit first (fewest circles, then name, on a tie); then everyone
    ruled out, best fit first, so the coordinator sees why a good fit is not offered."""
    need_area = postcode_area(need.district) if need.district else ""
    need_town, wanted = need.area.casefold(), _keys(need)
    matches = [_assess(need, c, need_area, need_town, wanted) for c in candidates]
    matches.sort(key=lambda m: (not m.can_match, -m.fit, m.candidate.circles, m.candidate.name.casefold()))
    return matches
