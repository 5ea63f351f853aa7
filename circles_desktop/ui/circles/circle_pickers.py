"""Pickers the Circle screen's forms use: people (optionally only those playing a part), organisations,
and accepted referrals that have no circle yet. Each searches in SQL, a page at a time."""

from __future__ import annotations

from collections.abc import Callable

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.search_picker import Choices, SearchPicker

PAGE = 50


def person_label(row) -> str:
    """A PersonRow in a picker: name, then what tells two people of the same name apart."""
    extra = [x for x in (uk_date(row.date_of_birth) and f"born {uk_date(row.date_of_birth)}", row.reference) if x]
    return row.display_name + (f" ({', '.join(extra)})" if extra else "")


def people_fetch(state: AppState, role: Callable[[], str | None] | str | None = None) -> Callable[[str], Choices]:
    def fetch(text: str) -> Choices:
        from circles_desktop.services.people import people

        part = role() if callable(role) else role
        return read(
            state,
            lambda s: [(r.id, person_label(r)) for r in people.search_people(s, text, role=part, limit=PAGE)],
            [],
        )

    return fetch


def person_picker(state: AppState, role: Callable[[], str | None] | str | None = None, name: str = "") -> SearchPicker:
    picker = SearchPicker(people_fetch(state, role), placeholder="Search name or ref…")
    if name:
        picker.setObjectName(name)
        picker.search.setObjectName(f"{name}.search")
        picker.choice.setObjectName(f"{name}.choice")
    picker.refresh()
    return picker


def organisation_picker(state: AppState, name: str = "") -> SearchPicker:
    def fetch(text: str) -> Choices:
        from circles_desktop.models.vocab import label
        from circles_desktop.services.organisations import organisations

        return read(
            state,
            lambda s: [
                (o.id, f"{o.name} ({label(o.kind)})") for o in organisations.search_organisations(s, text, limit=PAGE)
            ],
            [],
        )

    picker = SearchPicker(fetch, placeholder="Search…", blank="— their current job's organisation —")
    if name:
        picker.setObjectName(name)
        picker.search.setObjectName(f"{name}.search")
        picker.choice.setObjectName(f"{name}.choice")
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

    picker = SearchPicker(fetch, placeholder="Search…", blank="— no referral —")
    if name:
        picker.setObjectName(name)
        picker.search.setObjectName(f"{name}.search")
        picker.choice.setObjectName(f"{name}.choice")
    picker.refresh()
    return picker
