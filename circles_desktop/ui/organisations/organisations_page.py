"""The Organisations area: police, probation, prisons, charities and the rest — a list that searches in
SQL, the organisation form, and the professionals currently recorded as working there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from circles_desktop.models.vocab import OrganisationKind, label
from circles_desktop.services.common.words import plural
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import ScrollingRecordForm, combo, text_box
from circles_desktop.ui.common.lists.list_parts import ListBesideRecord, ListWords
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.common.lists.tables import fill_table, form_table
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import Note

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

KIND_LABELS = {k: label(k) for k in OrganisationKind.values()}
FIELDS = ("name", "kind", "address", "phone", "email", "notes")
NOBODY = "Nobody recorded yet"
STAFF_SHOWN = 500  # far more than any one office has


class OrganisationsModel(RecordListModel):
    """Organisations, a page at a time, filtered by name and kind (the narrowing choice)."""

    COL_NAME, COL_KIND, COL_PHONE, COL_STAFF = range(4)
    COL_ID = 4  # held in each row, not shown
    HEADERS = ("Name", "Kind", "Phone", "Staff")
    SORTS = {COL_NAME: "name", COL_KIND: "kind", COL_PHONE: "phone", COL_STAFF: "staff"}
    DEFAULT_SORT = (COL_NAME, False)

    def count_in(self, session: Session, text: str) -> int:
        from circles_desktop.services.organisations import organisations

        return organisations.count_organisations(session, text, self.narrow)

    def page_in(self, session: Session, text: str, offset: int, limit: int) -> Sequence[Any]:
        from circles_desktop.services.organisations import organisations

        return organisations.search_organisations(
            session, text, self.narrow, offset, limit, self.sort_key, self.descending
        )

    def cells(self, r: Any) -> tuple[Any, ...]:
        return (r.name, KIND_LABELS.get(r.kind, r.kind), r.phone, str(r.staff), r.id)


class OrganisationRecordForm(ScrollingRecordForm):
    def __init__(self) -> None:
        super().__init__("Organisation")
        self.add_field("name", "&Name", QLineEdit(), required=True)
        self.add_field("kind", "&Kind", combo(KIND_LABELS, include_blank="— choose —"), required=True)
        self.add_field("address", "&Address", text_box(60))
        self.add_field("phone", "&Phone", QLineEdit())
        self.add_field("email", "&Email", QLineEdit())
        self.add_field("notes", "N&otes", text_box(60))
        for key in FIELDS:
            self.field(key).setObjectName(f"organisation.{key}")
        self.save_button.setObjectName("organisation.save")
        self.cancel_button.setObjectName("organisation.cancel")

        self.staff_box = QGroupBox("Staff recorded here")
        self.staff = form_table(["Name", "Job title"], "Professionals working here")
        self.staff.setObjectName("organisation.staff")
        self.staff.setMaximumHeight(16777215)  # the one list in this form: as tall as there is room for
        self.staff.setMinimumHeight(140)
        self.circles = QLabel()
        self.circles.setObjectName("organisation.circles")
        staff_layout = QVBoxLayout(self.staff_box)
        staff_layout.addWidget(self.staff)
        staff_layout.addWidget(self.circles)
        staff_layout.addWidget(Note("Add someone here from the People area: tick Professional on their form."))
        self.add_section(self.staff_box)

    def show_record(self, title: str, staff: Sequence[tuple[str, str]], circles: int) -> None:
        self.set_title(title)
        fill_table(self.staff, staff, empty=NOBODY)
        self.circles.setText(
            f"Staff from here sit in the outer circle of {plural(circles, 'circle')}." if circles else ""
        )


class _Organisation(NamedTuple):
    values: Any  # organisations.OrganisationForm
    staff: list[tuple[str, str]]
    circles: int


def _read_organisation(s: Session, organisation_id: int) -> _Organisation:
    from circles_desktop.services.organisations import organisations

    staff = organisations.search_professionals(s, organisation_id=organisation_id, limit=STAFF_SHOWN)
    return _Organisation(
        organisations.organisation_form(s, organisation_id),
        [(p.name, p.job_title) for p in staff],
        organisations.circles_involving(s, organisation_id),
    )


WORDS = ListWords(
    name="organisations",
    narrow_key="kind",
    heading="Organisations",
    search_hint="Search by name",
    search_name="Search organisations",
    narrow_name="Show organisations of kind",
    new_text="&New organisation",
    count_name="Number of organisations found",
    error_name="Organisations list error",
    placeholder=(
        "Choose an organisation in the list (double-click or Enter) to see its details and staff, "
        "or press New organisation."
    ),
    count_text=lambda total: f"{total:,} organisation{'' if total == 1 else 's'}",
)


class OrganisationsArea(ListBesideRecord):
    form: OrganisationRecordForm
    model: OrganisationsModel

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.organisation_id: int | None = None
        self.model = OrganisationsModel(state, self)
        self.kind = combo(KIND_LABELS, include_blank="Every kind")
        self.form = OrganisationRecordForm()
        self.build(WORDS, self.kind, None, stretch=OrganisationsModel.COL_NAME, sizes=[540, 560])
        self.form.save_requested.connect(self.save)

    @property
    def record_id(self) -> int | None:
        return self.organisation_id

    def _forget(self) -> None:
        super()._forget()
        self.form.staff.setRowCount(0)

    def clear_form(self) -> None:
        self.organisation_id = None
        self.form.load({key: None for key in FIELDS})
        self.form.show_record("New organisation", [], 0)

    def load(self, record_id: int) -> bool:
        outcome = load(self.state, lambda s: _read_organisation(s, record_id), show=self.error)
        if not outcome.ok:
            return False
        found: _Organisation = outcome.value
        self.organisation_id = record_id
        self.form.load(found.values.__dict__)
        self.form.show_record(found.values.name, found.staff, found.circles)
        return True

    def save(self) -> bool:
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.organisations.organisations import OrganisationForm

        v = self.form.values()
        # forms.value_of gives a combo's label when its data is None: read the blank "kind" as "".
        v["kind"] = self.form.field("kind", QComboBox).currentData() or ""
        form = OrganisationForm(**{k: v[k] or "" for k in FIELDS})
        organisation_id = self.organisation_id

        def work(s: Session) -> int:
            if organisation_id is None:
                return organisations.create_organisation(s, form).id
            return organisations.update_organisation(s, organisation_id, form).id

        outcome = write(self.state, work, show=self.form)
        if not outcome.ok:
            return False
        self.model.reload()
        self.organisation_id = None  # read the saved record (title, staff) into the form again
        self.open_organisation(outcome.value, ask=False)
        return True

    def _cancelled(self) -> None:
        super()._cancelled()
        if self.organisation_id is not None:  # back to what is saved, ready to type again
            self.form.field("name").setFocus()

    # The names the tests and the other areas know this area's actions by.
    def open_organisation(self, organisation_id: int, ask: bool = True) -> bool:
        return self.open_record(organisation_id, ask)

    def new_organisation(self) -> bool:
        return self.new_record()


def organisations_area(state: AppState) -> QWidget:
    return OrganisationsArea(state)
