"""Deleting a whole circle, or a person nothing else refers to, with a reason, audited.

What belongs to a circle is found by `ownership` from the foreign keys, so the circles of every kind
(and the tables other areas add) go whole. A person goes only with what is theirs alone (their parts,
vetting, volunteer profile: the rows that cascade from them); anything else that refers to them stops
the deletion and is listed, so the coordinator can deal with it first. Audit entries carry ids, counts
and a reason from a fixed list: never a name, and never words typed about a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Person
from circles_desktop.models.vocab import Choice, label
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.home import kept
from circles_desktop.services.records import drafts, ownership
from circles_desktop.services.records.ownership import Rows
from circles_desktop.services.security import audit


class DeletionReason(Choice):
    RETENTION_ENDED = "retention_ended"
    ERASURE_REQUESTED = "erasure_requested"
    ENTERED_IN_ERROR = "entered_in_error"
    NO_LONGER_NEEDED = "no_longer_needed"

    @property
    def label(self) -> str:
        return _REASON_WORDS[self.value]


_REASON_WORDS = {
    "retention_ended": "The retention period has ended",
    "erasure_requested": "The person asked for their records to be erased",
    "entered_in_error": "Entered in error",
    "no_longer_needed": "No longer needed for the work",
}

# Words for the tables a coordinator will meet in a list of what goes; any other table reads as its name.
_TABLE_WORDS = {
    "circles": "circle",
    "cosa_details": "CoSA details",
    "circle_members": "circle members",
    "consents": "consents",
    "meetings": "meetings",
    "attendance": "attendance records",
    "minutes_sections": "minutes sections",
    "decisions": "decisions",
    "actions": "actions",
    "developments": "significant developments",
    "development_shares": "records of who heard of a development",
    "goals": "goals",
    "goal_progress": "notes of progress on goals",
    "questionnaire_responses": "questionnaire responses",
    "questionnaire_answers": "questionnaire answers",
    "shared_documents": "register entries of documents shared",
    "shared_under_consent": "register links to consents",
    "stored_files": "files (signed forms, risk reports)",
    "referrals": "referral",
    "referral_steps": "referral steps",
    "risk_reports": "risk reports",
    "learning_circles": "learning circle details",
    "learning_reasons": "reasons for selection",
    "learning_steps": "checklist steps",
    "learning_points": "learning points",
    "learning_themes": "themes of the circle",
    "person_parts": "parts the person plays",
    "professional_roles": "jobs at organisations",
    "volunteer_profiles": "volunteer profile",
    "dbs_checks": "DBS checks",
    "training_records": "training records",
    "children": "children's records",
}


def table_words(name: str) -> str:
    return _TABLE_WORDS.get(name) or name.replace("_", " ")


def reason_problem(reason: str | None) -> Problems:
    problems = Problems()
    if not reason:
        problems.add("reason", "Choose a reason for deleting.")
    elif reason not in DeletionReason.values():
        problems.add("reason", f"“{reason}” is not a known reason for deleting.")
    return problems


@dataclass(frozen=True)
class DeletionPlan:
    """What a deletion would remove, in words, for the confirmation."""

    record_id: int
    title: str  # the circle's reference and title, shown only on screen
    confirm_word: str  # what the coordinator types to confirm
    goes: list[tuple[str, int]]  # (what, how many), in the order of the tables
    rows: Rows

    @property
    def total(self) -> int:
        return self.rows.total()


def _goes(rows: Rows) -> list[tuple[str, int]]:
    """What goes, most first (the record itself is in the title)."""
    counts = rows.counts()
    return sorted(((table_words(name), n) for name, n in counts.items()), key=lambda item: (-item[1], item[0]))


def circle_plan(session: Session, circle_id: int) -> DeletionPlan:
    circle = get(session, Circle, circle_id, "circle")
    rows = ownership.belonging_to(session, "circles", (circle_id,))
    word = circle.reference or str(circle.id)
    title = f"{circle.reference} {circle.title}".strip() or f"{label(circle.kind)} {circle.id}"
    return DeletionPlan(circle_id, title, word, _goes(rows), rows)


def delete_circle(session: Session, circle_id: int, reason: str | None, confirmation: str) -> int:
    """Delete the circle and everything that belongs to it; returns how many rows went."""
    plan = circle_plan(session, circle_id)
    problems = reason_problem(reason)
    if confirmation.strip().casefold() != plan.confirm_word.casefold():
        problems.add("confirmation", f"Type {plan.confirm_word} to confirm that this circle is to be deleted.")
    problems.raise_if_any()
    gone = ownership.delete(session, plan.rows)
    drafts.forget_records(session, plan.rows.by_table)  # what was typed about them goes with them
    kept.forget(session)  # Home's kept lines may name the circle
    audit.record(session, "circle deleted", f"circle {circle_id}", _detail(gone, reason))
    return gone


def _detail(gone: int, reason: str | None) -> str:
    return f"{gone} records removed; reason: {DeletionReason(reason or '').label}"


# --- people ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    """Something that refers to a person, in words: 'circle members: 2 (COSA-0003, CC-0012)'."""

    what: str
    count: int
    where: tuple[str, ...]

    def __str__(self) -> str:
        where = f" ({', '.join(self.where)})" if self.where else ""
        return f"{self.what}: {self.count}{where}"


class PersonInUse(ValidationError):
    """The person cannot be deleted: `uses` says what refers to them."""

    def __init__(self, uses: list[Use]) -> None:
        self.uses = uses
        listed = "; ".join(str(u) for u in uses)
        super().__init__(
            f"This person cannot be deleted while other records refer to them: {listed}. "
            "Remove them from those records (or delete those circles) first."
        )


def _own_rows(session: Session, person_id: int) -> Rows:
    return ownership.belonging_to(session, "people", (person_id,), follow=ownership.cascades)


def _where(session: Session, table_name: str, keys: set[ownership.Key]) -> tuple[str, ...]:
    """The references of the records that refer (a circle's or referral's, as the coordinator knows them)."""
    t = ownership.table(table_name)
    if "reference" in t.c:
        refs = ownership.column_values(session, t, keys, [t.c.reference])
    elif "circle_id" in t.c:
        ids = ownership.column_values(session, t, keys, [t.c.circle_id])
        circles = ownership.table("circles")
        refs = ownership.column_values(session, circles, ids, [circles.c.reference])
    else:
        return ()
    return tuple(sorted(str(r[0]) for r in refs if r[0]))


def person_uses(session: Session, person_id: int) -> list[Use]:
    """Everything outside the person's own rows that refers to them."""
    get(session, Person, person_id, "person")
    own = _own_rows(session, person_id)
    uses: list[Use] = []
    for name, keys in own.by_table.items():
        for users, _fk in ownership.referring_keys(session, ownership.table(name), keys):
            outside = users.keys - own.by_table.get(users.table, set())
            if outside:
                what = f"{table_words(users.table)} ({users.column.removesuffix('_id').replace('_', ' ')})"
                uses.append(Use(what, len(outside), _where(session, users.table, outside)))
    return uses


def delete_person(session: Session, person_id: int, reason: str | None) -> int:
    """Delete a person nothing else refers to, with their own rows; returns how many rows went."""
    reason_problem(reason).raise_if_any()
    uses = person_uses(session, person_id)
    if uses:
        raise PersonInUse(uses)
    own = _own_rows(session, person_id)
    gone = ownership.delete(session, own)
    drafts.forget_records(session, own.by_table)  # what was typed about them goes with them
    kept.forget(session)  # Home's kept lines may name the person
    audit.record(session, "person deleted", f"person {person_id}", _detail(gone, reason))
    return gone
