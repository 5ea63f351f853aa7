"""The People area: a list that searches and filters in SQL as the coordinator types (quick over
100,000 people), and beside it the person form with its role-specific sections."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from circles_desktop.models.vocab import PersonPart, label
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import combo
from circles_desktop.ui.common.list_parts import (
    beside_list,
    count_label,
    list_column,
    list_table,
    search_box,
    tab_chain,
)
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.paged_model import PagedTableModel
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.people.person_form import PersonEditor, PersonRecordForm

UK_DATE = "%d/%m/%Y"
PART_LABELS = {p: label(p) for p in PersonPart.values()}


class PeopleModel(PagedTableModel):
    """People, a page at a time, filtered by words (names, reference, date of birth) and part."""

    COL_NAME, COL_KNOWN_AS, COL_BORN, COL_REFERENCE, COL_PARTS = range(5)
    COL_ID = 5  # held in each row, not shown
    HEADERS = ("Name", "Known as", "Date of birth", "Reference", "Parts")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.part: str | None = None

    def set_part(self, part: str | None) -> None:
        if part != self.part:
            self.part = part
            self.reload()

    def person_id(self, row: int) -> int:
        return self.row(row)[self.COL_ID]

    def _count(self, text: str) -> int:
        from circles_desktop.services.people import people

        return read(self.state, lambda s: people.count_people(s, text, self.part), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.people import people

        rows = read(self.state, lambda s: people.search_people(s, text, self.part, offset, limit), [])
        # Formatted once here, not on every paint.
        return [
            (
                f"{r.family_name}, {r.given_name}",
                r.known_as,
                r.date_of_birth.strftime(UK_DATE) if r.date_of_birth else "",
                r.reference,
                ", ".join(PART_LABELS.get(p, p) for p in r.parts),
                r.id,
            )
            for r in rows
        ]


class PeopleArea(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("people")
        self.setAccessibleName("People")

        # --- the list --------------------------------------------------------------------------
        self.search = search_box(
            "people.search", "Search by name, reference or date of birth (dd/mm/yyyy)", "Search people"
        )
        self.part = combo(PART_LABELS, include_blank="Everyone")
        self.part.setObjectName("people.part")
        self.part.setAccessibleName("Show people who are")
        self.new_button = QPushButton("&New person")
        self.new_button.setObjectName("people.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("people.open")
        self.count = count_label("people.count", "Number of people found")
        self.error = FieldMessage("People list error")

        self.model = PeopleModel(state, self)
        self.table = list_table(self.model, "people.table", "People", row_height=24, tab_key_navigation=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PeopleModel.COL_PARTS, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (PeopleModel.COL_NAME, 175),
            (PeopleModel.COL_KNOWN_AS, 75),
            (PeopleModel.COL_BORN, 92),
            (PeopleModel.COL_REFERENCE, 80),
        ):
            header.resizeSection(col, width)
        left = list_column(
            "People", self.search, self.part, self.count, (self.open_button, self.new_button), self.error, self.table
        )

        # --- the form ---------------------------------------------------------------------------
        self.form = PersonRecordForm()
        self.editor = PersonEditor(state, self.form)
        self.placeholder = Note(
            "Choose a person in the list (double-click or Enter) to see and change their record, "
            "or press New person to add someone."
        )
        self.right, self.splitter = beside_list(self, left, self.placeholder, self.form, [560, 600])
        tab_chain(self, self.search, self.part, self.open_button, self.new_button, self.table)

        self.search.textChanged.connect(self.model.set_filter)
        self.part.currentIndexChanged.connect(lambda _i: self.model.set_part(self.part.currentData()))
        self.model.total_changed.connect(self._show_count)
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_person(self.model.person_id(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button.clicked.connect(self.new_person)
        self.form.cancelled.connect(self._cancelled)
        self.editor.saved.connect(self._saved)
        self.editor.open_requested.connect(lambda pid: self.open_person(pid, ask=False))
        state.unlocked.connect(lambda _db: self.refresh())
        state.locked.connect(self._forget)
        if not state.is_locked:
            self.refresh()

    # --- list ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()
        if self.right.currentWidget() is self.form:
            self.editor.refresh_organisations()

    def _forget(self) -> None:
        """On lock: drop every row read from the database; typed form text stays in its fields."""
        self.model.clear()
        self.count.clear()

    def _show_count(self, total: int) -> None:
        self.count.setText(f"{total:,} {'person' if total == 1 else 'people'}")

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_person(self.model.person_id(index.row()))

    # --- form ----------------------------------------------------------------------------------
    @property
    def showing_form(self) -> bool:
        return self.right.currentWidget() is self.form

    def can_leave(self) -> bool:
        """False when the coordinator chose to stay with unsaved changes; asks only if there are some."""
        if not self.showing_form:
            return True
        return self.form.confirm_leave(save=self.editor.save)

    def open_person(self, person_id: int, ask: bool = True) -> bool:
        if self.showing_form and self.editor.person_id == person_id and not self.form.is_dirty:
            return True
        if ask and not self.can_leave():
            return False
        if not self.editor.open(person_id):
            self.error.show_message("That person could not be opened; they may have been deleted.")
            self.model.reload()
            return False
        self.right.setCurrentWidget(self.form)
        self.form.field("given_name").setFocus()
        return True

    def new_person(self) -> bool:
        if not self.can_leave():
            return False
        self.editor.new()
        self.right.setCurrentWidget(self.form)
        self.form.field("given_name").setFocus()
        return True

    def _cancelled(self) -> None:
        # confirm_leave has already asked about unsaved changes.
        if self.editor.person_id is not None:
            self.editor.open(self.editor.person_id)
        else:
            self.right.setCurrentWidget(self.placeholder)
            self.table.setFocus()

    def _saved(self, _person_id: int) -> None:
        self.model.reload()


def people_area(state: AppState) -> QWidget:
    return PeopleArea(state)
