"""The People area: a list that searches and filters in SQL as the coordinator types (quick over
100,000 people), and beside it the person form with its role-specific sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from circles_desktop.models.vocab import PersonPart, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import combo
from circles_desktop.ui.common.lists.list_parts import ListBesideRecord, ListWords
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.people.person_editor import PersonEditor
from circles_desktop.ui.people.person_form import PersonRecordForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PART_LABELS = {p: label(p) for p in PersonPart.values()}


class PeopleModel(RecordListModel):
    """People, a page at a time, filtered by words (names, reference, date of birth) and part (the
    narrowing choice)."""

    COL_NAME, COL_KNOWN_AS, COL_BORN, COL_REFERENCE, COL_PARTS = range(5)
    COL_ID = 5  # held in each row, not shown
    HEADERS = ("Name", "Known as", "Date of birth", "Reference", "Parts")
    SORTS = {COL_NAME: "name", COL_KNOWN_AS: "known_as", COL_BORN: "date_of_birth", COL_REFERENCE: "reference"}
    DEFAULT_SORT = (COL_NAME, False)

    def count_in(self, session: Session, text: str) -> int:
        from circles_desktop.services.people import people

        return people.count_people(session, text, self.narrow)

    def page_in(self, session: Session, text: str, offset: int, limit: int) -> Sequence[Any]:
        from circles_desktop.services.people import people

        return people.search_people(session, text, self.narrow, offset, limit, self.sort_key, self.descending)

    def cells(self, r: Any) -> tuple[Any, ...]:
        parts = ", ".join(PART_LABELS.get(p, p) for p in r.parts)
        return (f"{r.family_name}, {r.given_name}", r.known_as, uk_date(r.date_of_birth), r.reference, parts, r.id)


WORDS = ListWords(
    name="people",
    narrow_key="part",
    heading="People",
    search_hint="Search by name, reference or date of birth (dd/mm/yyyy)",
    search_name="Search people",
    narrow_name="Show people who are",
    new_text="&New person",
    count_name="Number of people found",
    error_name="People list error",
    placeholder=(
        "Choose a person in the list (double-click or Enter) to see and change their record, "
        "or press New person to add someone."
    ),
    count_text=lambda total: f"{total:,} {'person' if total == 1 else 'people'}",
)


class PeopleArea(ListBesideRecord):
    form: PersonRecordForm
    model: PeopleModel
    first_field = "given_name"

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.model = PeopleModel(state, self)
        self.part = combo(PART_LABELS, include_blank="Everyone")
        self.form = PersonRecordForm()
        self.editor = PersonEditor(state, self.form)
        keep = (PeopleModel.COL_NAME, PeopleModel.COL_BORN)
        self.build(WORDS, self.part, None, stretch=PeopleModel.COL_PARTS, sizes=[650, 510], keep=keep)
        self.editor.saved.connect(lambda _pid: self.model.reload())
        self.editor.open_requested.connect(lambda pid: self.open_person(pid, ask=False))
        from circles_desktop.ui.records.record_actions import add_person_actions

        self.subject_access_button, self.delete_button = add_person_actions(self)

    @property
    def record_id(self) -> int | None:
        return self.editor.person_id

    def load(self, record_id: int) -> bool:
        if self.editor.open(record_id):
            return True
        self.error.show_message("That person could not be opened; they may have been deleted.")
        return False

    def clear_form(self) -> None:
        self.editor.new()

    def save(self) -> bool:
        return self.editor.save()

    def refresh(self) -> None:
        super().refresh()
        if self.showing_form:
            self.editor.refresh_organisations()

    # The names the other areas, the benchmarks and the tests know this area's actions by.
    def open_person(self, person_id: int, ask: bool = True) -> bool:
        return self.open_record(person_id, ask)

    def new_person(self) -> bool:
        return self.new_record()


def people_area(state: AppState) -> QWidget:
    return PeopleArea(state)
