"""The demo's definitions (names, places, organisations, the texts of referrals, minutes, goals...), read
from the data files in resources/demo/ so that someone who is not a programmer can change them.

This module only reads the files and checks that each entry holds what the demo code expects, so that a
mistake in a file is reported with the file and the entry rather than surfacing as a KeyError halfway
through a fill. The demo code decides how many of each, which goes with which, and the dates. Each file
is read once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from circles_desktop import shipped
from circles_desktop.models.vocab import Category, DevelopmentKind, OrganisationKind


class DefinitionError(ValueError):
    """A demo data file is not shaped as the demo code expects."""


class _File:
    """One JSON file of resources/demo/, with typed look-ups that name the file and entry when wrong."""

    def __init__(self, name: str) -> None:
        self.name = name
        with shipped.path("demo", name).open(encoding="utf-8") as f:
            self.data: dict[str, Any] = json.load(f)

    def _at(self, keys: tuple[str, ...]) -> Any:
        node: Any = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                raise DefinitionError(f"resources/demo/{self.name} has no entry {'.'.join(keys)}")
            node = node[key]
        return node

    def text(self, *keys: str) -> str:
        value = self._at(keys)
        if not isinstance(value, str) or not value:
            raise DefinitionError(f"resources/demo/{self.name}: {'.'.join(keys)} should be a text")
        return value

    def texts(self, *keys: str) -> tuple[str, ...]:
        value = self._at(keys)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise DefinitionError(f"resources/demo/{self.name}: {'.'.join(keys)} should be a list of texts")
        return tuple(value)

    def keys(self, *keys: str) -> tuple[str, ...]:
        value = self._at(keys)
        if not isinstance(value, dict):
            raise DefinitionError(f"resources/demo/{self.name}: {'.'.join(keys)} should be a group of entries")
        return tuple(value)


@dataclass(frozen=True)
class Names:
    people_given: tuple[str, ...]
    people_family: tuple[str, ...]
    staff_given: tuple[str, ...]  # the managers, practitioners and learners of learning circles
    staff_family: tuple[str, ...]
    children_given: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    organisation_places: tuple[str, ...]
    volunteer_towns: tuple[str, ...]
    localities: tuple[str, ...]


@dataclass(frozen=True)
class Organisations:
    address: str  # "{number} High Street, {place}"
    names: dict[OrganisationKind, tuple[str, ...]]  # each with "{place}" in it
    job_titles: dict[OrganisationKind, tuple[str, ...]]


@dataclass(frozen=True)
class Volunteers:
    interests: tuple[str, ...]
    training_courses: tuple[str, ...]


@dataclass(frozen=True)
class Referrals:
    eligibility_notes: str
    suitability_notes: str
    reasons: dict[str, tuple[str, ...]]  # status ("declined", "withdrawn") -> reasons
    community_purposes: tuple[str, ...]
    community_withdrawn_reason: str


@dataclass(frozen=True)
class CircleTexts:
    community_purpose: str
    goals: tuple[str, ...]
    goal_progress_notes: tuple[str, ...]
    developments: dict[str, str]  # kind of development -> description
    consent_withdrawn_reason: str
    questionnaire_comment: str


@dataclass(frozen=True)
class MeetingTexts:
    venues: tuple[str, ...]
    minutes_sections: dict[str, tuple[str, str]]  # category -> (heading, body)
    decision: str
    actions: tuple[str, ...]
    blocked_action_barrier: str


@dataclass(frozen=True)
class LearningTexts:
    venues: tuple[str, ...]
    virtual_venue: str
    other_reason: str
    areas_of_focus: tuple[str, ...]
    learning_points: tuple[str, ...]
    actions: tuple[str, ...]
    blocked_action_barrier: str
    themes: tuple[str, ...]
    not_applicable: dict[str, str]  # checklist step -> why it did not apply


@dataclass(frozen=True)
class CommunityTexts:
    districts: dict[str, tuple[str, ...]]  # volunteer town -> its (invented) postcode districts
    purposes: dict[str, tuple[str, ...]]  # kind of purpose -> purposes in the person's own words
    what_matters: tuple[str, ...]
    contact_notes: tuple[str, ...]
    how_they_help: tuple[str, ...]
    venues: tuple[str, ...]
    actions: tuple[str, ...]
    reflections: dict[str, tuple[str, ...]]  # what_worked / what_did_not / what_next -> answers
    review_notes: dict[str, tuple[str, ...]]  # review outcome -> notes
    practice: dict[str, tuple[str, ...]]  # venues, learning_shared, problems_brought, problems_solved


@dataclass(frozen=True)
class ChildTexts:
    summaries: tuple[str, ...]  # each with "{name}" for the child's given name
    chronology_events: tuple[str, ...]


@cache
def names() -> Names:
    f = _File("names.json")
    return Names(
        f.texts("people", "given"),
        f.texts("people", "family"),
        f.texts("locality_staff", "given"),
        f.texts("locality_staff", "family"),
        f.texts("children", "given"),
    )


@cache
def places() -> Places:
    f = _File("places.json")
    return Places(f.texts("organisation_places"), f.texts("volunteer_towns"), f.texts("localities"))


@cache
def organisations() -> Organisations:
    f = _File("organisations.json")
    # Every kind of organisation, in the vocabulary's order (the order the demo creates them in).
    return Organisations(
        f.text("address"),
        {kind: f.texts("kinds", kind.value, "names") for kind in OrganisationKind},
        {kind: f.texts("kinds", kind.value, "job_titles") for kind in OrganisationKind},
    )


@cache
def volunteers() -> Volunteers:
    f = _File("volunteers.json")
    return Volunteers(f.texts("interests"), f.texts("training_courses"))


@cache
def referrals() -> Referrals:
    f = _File("referrals.json")
    return Referrals(
        f.text("cosa", "eligibility_notes"),
        f.text("cosa", "suitability_notes"),
        {status: f.texts("cosa", f"{status}_reasons") for status in ("declined", "withdrawn")},
        f.texts("community", "purposes"),
        f.text("community", "withdrawn_reason"),
    )


@cache
def circle_texts() -> CircleTexts:
    f = _File("circles.json")
    return CircleTexts(
        f.text("community_purpose"),
        f.texts("goals"),
        f.texts("goal_progress_notes"),
        {kind.value: f.text("developments", kind.value) for kind in DevelopmentKind},
        f.text("consent_withdrawn_reason"),
        f.text("questionnaire_comment"),
    )


@cache
def meeting_texts() -> MeetingTexts:
    f = _File("meetings.json")
    return MeetingTexts(
        f.texts("venues"),
        {
            c.value: (f.text("minutes_sections", c.value, "heading"), f.text("minutes_sections", c.value, "body"))
            for c in Category
        },
        f.text("decision"),
        f.texts("actions"),
        f.text("blocked_action_barrier"),
    )


@cache
def learning_texts() -> LearningTexts:
    f = _File("learning_circles.json")
    return LearningTexts(
        f.texts("venues"),
        f.text("virtual_venue"),
        f.text("other_reason"),
        f.texts("areas_of_focus"),
        f.texts("learning_points"),
        f.texts("actions"),
        f.text("blocked_action_barrier"),
        f.texts("themes"),
        {step: f.text("not_applicable", step) for step in f.keys("not_applicable")},
    )


@cache
def community_texts() -> CommunityTexts:
    from circles_desktop.models.kinds.community import PurposeKind, ReviewOutcome

    f = _File("community.json")
    return CommunityTexts(
        {town: f.texts("districts", town) for town in f.keys("districts")},
        {kind.value: f.texts("purposes", kind.value) for kind in PurposeKind},
        f.texts("what_matters"),
        f.texts("contact_notes"),
        f.texts("how_they_help"),
        f.texts("venues"),
        f.texts("actions"),
        {key: f.texts("reflections", key) for key in ("what_worked", "what_did_not", "what_next")},
        {o.value: f.texts("review_notes", o.value) for o in ReviewOutcome},
        {key: f.texts("practice", key) for key in ("venues", "learning_shared", "problems_brought", "problems_solved")},
    )


@cache
def child_texts() -> ChildTexts:
    f = _File("children.json")
    return ChildTexts(f.texts("summaries"), f.texts("chronology_events"))


@cache
def placeholder_pdf() -> bytes:
    """The few bytes stored as each demo risk report or signed consent form."""
    return shipped.path("demo", "placeholder.pdf").read_bytes()


@dataclass(frozen=True)
class ConversationTexts:
    conversations: tuple[dict[str, str], ...]  # title, locality, theme, approached_by, approached_about, need…
    venues: tuple[str, ...]
    similar_work: tuple[str, ...]
    noticed: tuple[str, ...]
    sparks: tuple[dict[str, str], ...]  # idea, carried_by
    follow_ups: tuple[str, ...]
    checklist_notes: dict[str, str]  # toolkit item code -> how it was done (or why it does not fit)
    practice: dict[str, Any]  # the community of practice: title, purpose, venues, seasons, barriers…


_CONVERSATION_KEYS = ("title", "locality", "theme", "approached_by", "approached_about", "need", "strengths")


def _entries(f: _File, key: str, needs: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    value = f._at((key,))
    if not isinstance(value, list) or not value:
        raise DefinitionError(f"resources/demo/{f.name}: {key} should be a list of entries")
    for n, entry in enumerate(value):
        missing = [k for k in needs if not isinstance(entry, dict) or not entry.get(k)]
        if missing:
            raise DefinitionError(f"resources/demo/{f.name}: {key}[{n}] has no {', '.join(missing)}")
    return tuple(value)


@cache
def conversation_texts() -> ConversationTexts:
    f = _File("conversations.json")
    practice = f._at(("practice",))
    for key in ("title", "purpose", "venue", "online_venue", "refreshments", "consent_note"):
        f.text("practice", key)
    return ConversationTexts(
        _entries(f, "conversations", _CONVERSATION_KEYS),
        f.texts("venues"),
        f.texts("similar_work"),
        f.texts("noticed"),
        _entries(f, "sparks", ("idea", "carried_by")),
        f.texts("follow_ups"),
        {code: f.text("checklist_notes", code) for code in f.keys("checklist_notes")},
        practice,
    )
