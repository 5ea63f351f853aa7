"""Pickers the Circle screen's forms use: people (optionally only those playing a part), organisations,
and accepted referrals that have no circle yet. Each searches in SQL, a page at a time; how a person or
an organisation is searched for and labelled is ui/common/pickers/record_search.py's."""

from __future__ import annotations

from collections.abc import Callable

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.pickers.record_search import (  # noqa: F401 (PAGE and person_label: used from here too)
    PAGE,
    Role,
    organisation_choices,
    person_choices,
    person_label,
)
from circles_desktop.ui.common.pickers.search_picker import Choices, SearchPicker


def people_fetch(state: AppState, role: Role = None) -> Callable[[str], Choices]:
    return person_choices(state, role)


def person_picker(state: AppState, role: Role = None, name: str = "") -> SearchPicker:
    picker = SearchPicker(person_choices(state, role), placeholder="Search name or ref…").named(name)
    picker.refresh()
    return picker


def organisation_picker(state: AppState, name: str = "") -> SearchPicker:
    picker = SearchPicker(
        organisation_choices(state), placeholder="Search…", blank="— their current job's organisation —"
    ).named(name)
    picker.refresh()
    return picker


def referral_picker(
    state: AppState, kind: Callable[[], str | None], include_id: Callable[[], int | None], name: str = ""
) -> SearchPicker:
    """Accepted referrals of the chosen kind that no circle has been formed from."""

    def fetch(text: str) -> Choices:
        from circles_desktop.services.circles import circle_queries

        words = text.casefold().split()

        def work(s):
            rows = circle_queries.referrals_for_new_circle(s, kind(), include_id())
            return [(r.id, r.label) for r in rows if all(w in r.label.casefold() for w in words)][:200]

        return read(state, work, [])

    picker = SearchPicker(fetch, placeholder="Search…", blank="— no referral —").named(name)
    picker.refresh()
    return picker
