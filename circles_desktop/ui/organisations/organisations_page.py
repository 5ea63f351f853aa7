"""The Organisations area: police, probation, prisons, charities and the rest — a list that searches in
SQL, the organisation form, and the professionals currently recorded as working there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import OrganisationKind, label
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
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.paged_model import PagedTableModel
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.people.person_form import ScrollingRecordForm
from circles_desktop.ui.people.volunteer_section import fill_table, read_only_table

KIND_LABELS = {k: label(k) for k in OrganisationKind.values()}
FIELDS = ("name", "kind", "address", "phone", "email", "notes")


class OrganisationsModel(PagedTableModel):
    COL_NAME, COL_KIND, COL_PHONE, COL_STAFF = range(4)
    COL_ID = 4  # held in each row, not shown
    HEADERS = ("Name", "Kind", "Phone", "Staff")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.kind: str | None = None

    def set_kind(self, kind: str | None) -> None:
        if kind != self.kind:
            self.kind = kind
            self.reload()

    def organisation_id(self, row: int) -> int:
        return self.row(row)[self.COL_ID]

    def _count(self, text: str) -> int:
        from circles_desktop.services.organisations import organisations

        return read(self.state, lambda s: organisations.count_organisations(s, text, self.kind), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.organisations import organisations

        rows = read(self.state, lambda s: organisations.search_organisations(s, text, self.kind, offset, limit), [])
        return [(r.name, KIND_LABELS.get(r.kind, r.kind), r.phone, str(r.staff), r.id) for r in rows]


class OrganisationRecordForm(ScrollingRecordForm):
    def __init__(self) -> None:
        super().__init__("Organisation")
        self.heading_label = self.body.findChild(QLabel)
        self.add_field("name", "&Name", QLineEdit(), required=True)
        self.add_field("kind", "&Kind", combo(KIND_LABELS, include_blank="— choose —"), required=True)
        address = QPlainTextEdit()
        address.setTabChangesFocus(True)
        address.setFixedHeight(60)
        self.add_field("address", "&Address", address)
        self.add_field("phone", "&Phone", QLineEdit())
        self.add_field("email", "&Email", QLineEdit())
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(60)
        self.add_field("notes", "N&otes", notes)
        for key in FIELDS:
            self.field(key).setObjectName(f"organisation.{key}")
        self.save_button.setObjectName("organisation.save")
        self.cancel_button.setObjectName("organisation.cancel")

        self.staff_box = QGroupBox("Staff recorded here")
        self.staff = read_only_table(["Name", "Job title"], "Professionals working here")
        self.staff.setObjectName("organisation.staff")
        self.staff.setMaximumHeight(16777215)
        self.staff.setMinimumHeight(140)
        self.circles = QLabel()
        self.circles.setObjectName("organisation.circles")
        staff_layout = QVBoxLayout(self.staff_box)
        staff_layout.addWidget(self.staff)
        staff_layout.addWidget(self.circles)
        staff_layout.addWidget(Note("Add someone here from the People area: tick Professional on their form."))
        self.add_section(self.staff_box)

    def set_title(self, text: str) -> None:
        if self.heading_label is not None:
            self.heading_label.setText(f"<h2>{text}</h2>")


class OrganisationsArea(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("organisations")
        self.setAccessibleName("Organisations")
        self.organisation_id: int | None = None

        self.search = search_box("organisations.search", "Search by name", "Search organisations")
        self.kind = combo(KIND_LABELS, include_blank="Every kind")
        self.kind.setObjectName("organisations.kind")
        self.kind.setAccessibleName("Show organisations of kind")
        self.new_button = QPushButton("&New organisation")
        self.new_button.setObjectName("organisations.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("organisations.open")
        self.count = count_label("organisations.count", "Number of organisations found")
        self.error = FieldMessage("Organisations list error")

        self.model = OrganisationsModel(state, self)
        self.table = list_table(
            self.model, "organisations.table", "Organisations", row_height=24, tab_key_navigation=False
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OrganisationsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(OrganisationsModel.COL_KIND, 130)
        header.resizeSection(OrganisationsModel.COL_PHONE, 110)
        header.resizeSection(OrganisationsModel.COL_STAFF, 50)
        left = list_column(
            "Organisations",
            self.search,
            self.kind,
            self.count,
            (self.open_button, self.new_button),
            self.error,
            self.table,
        )

        self.form = OrganisationRecordForm()
        self.placeholder = Note(
            "Choose an organisation in the list (double-click or Enter) to see its details and staff, "
            "or press New organisation."
        )
        self.right, self.splitter = beside_list(self, left, self.placeholder, self.form, [540, 560])
        tab_chain(self, self.search, self.kind, self.open_button, self.new_button, self.table)

        self.search.textChanged.connect(self.model.set_filter)
        self.kind.currentIndexChanged.connect(lambda _i: self.model.set_kind(self.kind.currentData()))
        self.model.total_changed.connect(self._show_count)
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_organisation(self.model.organisation_id(index.row())))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_organisation)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self._cancelled)
        state.unlocked.connect(lambda _db: self.refresh())
        state.locked.connect(self._forget)
        if not state.is_locked:
            self.refresh()

    # --- list ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()
        self.form.staff.setRowCount(0)

    def _show_count(self, total: int) -> None:
        self.count.setText(f"{total:,} organisation{'' if total == 1 else 's'}")

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_organisation(self.model.organisation_id(index.row()))

    # --- form ----------------------------------------------------------------------------------
    @property
    def showing_form(self) -> bool:
        return self.right.currentWidget() is self.form

    def can_leave(self) -> bool:
        if not self.showing_form:
            return True
        return self.form.confirm_leave(save=self.save)

    def new_organisation(self) -> bool:
        if not self.can_leave():
            return False
        self.organisation_id = None
        self.form.load({key: None for key in FIELDS})
        self.form.set_title("New organisation")
        fill_table(self.form.staff, [], "Nobody recorded yet")
        self.form.circles.clear()
        self.right.setCurrentWidget(self.form)
        self.form.field("name").setFocus()
        return True

    def open_organisation(self, organisation_id: int, ask: bool = True) -> bool:
        if self.showing_form and self.organisation_id == organisation_id and not self.form.is_dirty:
            return True
        if ask and not self.can_leave():
            return False
        db = self.state.database
        if db is None:
            return False
        from circles_desktop.services.organisations import organisations

        try:
            with db.session() as s:
                values = organisations.organisation_form(s, organisation_id)
                staff = organisations.search_professionals(s, organisation_id=organisation_id, limit=500)
                circles = organisations.circles_involving(s, organisation_id)
        except Exception as exc:
            self.error.show_message(str(exc) if isinstance(exc, LookupError) else describe(exc))
            self.model.reload()
            return False
        self.organisation_id = organisation_id
        self.form.load(values.__dict__)
        self.form.set_title(values.name)
        fill_table(self.form.staff, [(p.name, p.job_title) for p in staff], "Nobody recorded yet")
        self.form.circles.setText(
            f"Staff from here sit in the outer circle of {circles} circle{'' if circles == 1 else 's'}."
            if circles
            else ""
        )
        self.right.setCurrentWidget(self.form)
        self.form.field("name").setFocus()
        return True

    def save(self) -> bool:
        db = self.state.database
        if db is None:
            self.form.show_errors({"": "Circles Desktop is locked: unlock to save. Your changes are kept."})
            return False
        from circles_desktop.services.common.validation import ValidationError
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.organisations.organisations import OrganisationForm

        v = self.form.values()
        # forms.value_of gives a combo's label when its data is None: read the blank "kind" as "".
        v["kind"] = self.form.field("kind").currentData() or ""
        form = OrganisationForm(**{k: v[k] or "" for k in FIELDS})
        try:
            with db.session() as s:
                if self.organisation_id is None:
                    org = organisations.create_organisation(s, form)
                else:
                    org = organisations.update_organisation(s, self.organisation_id, form)
                org_id = org.id
        except ValidationError as err:
            self.form.show_errors(err.errors)
            return False
        except LookupError as exc:
            self.form.show_errors({"": str(exc)})
            return False
        except Exception as exc:
            self.form.show_errors({"": describe(exc)})
            return False
        self.form.saved_ok()
        self.model.reload()
        self.organisation_id = None  # reload the saved record (title, staff) into the form
        self.open_organisation(org_id, ask=False)
        return True

    def _cancelled(self) -> None:
        if self.organisation_id is not None:
            oid, self.organisation_id = self.organisation_id, None
            self.open_organisation(oid, ask=False)
        else:
            self.right.setCurrentWidget(self.placeholder)
            self.table.setFocus()


def organisations_area(state: AppState) -> QWidget:
    return OrganisationsArea(state)
