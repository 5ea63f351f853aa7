"""The child's record for Locality Learning Circles: who the child is, the allocated practitioner, the
up-to-date summary, the chronology of key events, and the child's learning circles.

The most sensitive record in the product: it holds only what a learning circle needs. On lock every
row read from the database is dropped; text typed into the form stays in its fields.
`children_area(state)` is the factory the main window registers ("Children").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import FormDialog, confirm, open_dialog
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.lists.list_export import add_export
from circles_desktop.ui.common.lists.list_parts import (
    beside_list,
    count_label,
    list_column,
    list_table,
    search_box,
    tab_chain,
)
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.lists.tables import fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.learning.learning_fields import (
    STAGE_WORDS,
    LocalityChoice,
    PersonChooser,
    completer,
    line,
    text_box,
)

if TYPE_CHECKING:
    from circles_desktop.services.learning.children import ChildForm as ChildFormData
    from circles_desktop.services.learning.children import ChildRecord, ChildRow, ChronologyRow
    from circles_desktop.services.learning.learning_list import LearningCircleRow as ChildCircleRow


class ChildrenModel(PagedTableModel):
    COL_NAME, COL_BORN, COL_LOCALITY, COL_CASE, COL_PRACTITIONER, COL_CIRCLES = range(6)
    HEADERS = ("Name", "Date of birth", "Locality", "Case record", "Practitioner", "Circles")
    SORTS = {
        COL_NAME: "name",
        COL_BORN: "date_of_birth",
        COL_LOCALITY: "locality",
        COL_CASE: "case_reference",
        COL_PRACTITIONER: "practitioner",
        COL_CIRCLES: "circles",
    }
    DEFAULT_SORT = (COL_NAME, False)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state
        self.locality: str | None = None

    def set_locality(self, locality: str | None) -> None:
        if locality != self.locality:
            self.locality = locality
            self.reload()

    def child_id(self, row: int) -> int:
        return self.row(row)[-1]

    def _count(self, text: str) -> int:
        from circles_desktop.services.learning import children

        return read(self.state, lambda s: children.count_children(s, text, self.locality), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple]:
        from circles_desktop.services.learning import children

        rows: list[ChildRow] = read(
            self.state,
            lambda s: children.search_children(s, text, self.locality, offset, limit, self.sort_key, self.descending),
            [],
        )
        return [
            (
                r.name,
                uk_date(r.date_of_birth),
                r.locality,
                r.case_reference,
                r.practitioner,
                r.learning_circles or "",
                r.id,
            )
            for r in rows
        ]


class ChildForm(RecordForm):
    """The child's own facts; the service checks them and its messages show beside each field."""

    def __init__(self, state: AppState) -> None:
        super().__init__("Child's record")
        self.state = state
        self.given = self.add_field("given_name", "&Given name", line("child.given_name", "Given name"), required=True)
        self.family = self.add_field(
            "family_name", "&Family name", line("child.family_name", "Family name"), required=True
        )
        self.born = self.add_field("date_of_birth", "Date of &birth", DateField(optional=True), required=True)
        self.born.setObjectName("child.date_of_birth")
        self.locality = line("child.locality", "Locality")
        self.add_field("locality", "&Locality", self.locality, required=True)
        self.localities = QStringListModel(self)
        self.locality.setCompleter(completer(self.localities, self))
        self.case_reference = self.add_field(
            "case_reference",
            "&Case record reference",
            line("child.case_reference", "Case record reference"),
            required=True,
        )
        self.practitioner = self.add_field(
            "practitioner_id",
            "Allocated &practitioner",
            PersonChooser(state, "child.practitioner", blank="— none allocated —"),
        )
        self.summary = text_box("child.summary", 72, "The up-to-date summary on the child's record")
        self.add_field("summary", "&Summary", self.summary)
        self.summary_on = self.add_field(
            "summary_updated_on",
            "Summary brought &up to date on",
            DateField(optional=True),
            help="Needed with the summary: the learning circle's checklist asks for an up-to-date summary",
        )
        self.summary_on.setObjectName("child.summary_updated_on")
        self.save_button.setObjectName("child.save")
        self.cancel_button.setObjectName("child.cancel")

    def refresh_localities(self) -> None:
        from circles_desktop.services.learning import children

        self.localities.setStringList(read(self.state, children.localities, []))

    def load_child(self, record: ChildRecord | None) -> None:
        """The child's record as saved, or blanks for a new one."""
        from circles_desktop.services.learning.children import ChildForm as Form

        blank = Form()
        self.load({f.name: getattr(record or blank, f.name) for f in fields(Form)})

    def child_form(self) -> ChildFormData:
        from circles_desktop.services.learning.children import ChildForm as Form

        v = self.values()
        return Form(
            given_name=v["given_name"] or "",
            family_name=v["family_name"] or "",
            date_of_birth=v["date_of_birth"],
            locality=v["locality"] or "",
            case_reference=v["case_reference"] or "",
            practitioner_id=v["practitioner_id"],
            summary=v["summary"] or "",
            summary_updated_on=v["summary_updated_on"],
        )


class ChronologyDialog(FormDialog):
    """Add or change one key event of the chronology."""

    def __init__(self, state: AppState, child_id: int, entry: Any = None, parent: QWidget | None = None) -> None:
        form = RecordForm("Key event" if entry is None else "Change key event")
        when = form.add_field("occurred_on", "&Date", DateField(optional=True), required=True)
        when.setObjectName("chronology.date")
        event = text_box("chronology.event", 90)
        form.add_field("event", "&What happened", event, required=True)
        form.save_button.setObjectName("chronology.save")
        super().__init__(
            "Chronology: add a key event" if entry is None else "Chronology: change a key event",
            form,
            self._save,
            parent,
            "chronology_dialog",
        )
        self.state = state
        self.child_id = child_id
        self.entry_id = entry.id if entry is not None else None
        self.when, self.what_happened = when, event
        if entry is not None:
            form.load({"occurred_on": entry.occurred_on, "event": entry.event})
        else:
            form.load({"occurred_on": date.today()})
        self.what_happened.setFocus()

    def _save(self, v: dict[str, Any]) -> bool:
        from circles_desktop.services.learning import children

        entry_id, on, text = self.entry_id, v["occurred_on"], v["event"] or ""
        if entry_id is None:
            ok, new_id = write(
                self.state,
                lambda s: children.add_chronology_entry(s, self.child_id, on, text).id,
                show=self.form,
                parent=self,
            )
            if ok:
                self.entry_id = new_id
            return ok
        work = lambda s: children.update_chronology_entry(s, entry_id, on, text)  # noqa: E731
        return write(self.state, work, show=self.form, parent=self).ok


class ChildPanel(QWidget):
    """The child's record: the form, the chronology of key events and the child's learning circles."""

    saved = Signal(int)  # child id
    closed = Signal()  # Cancel on a new record

    def __init__(self, state: AppState, show_circles: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.child_id: int | None = None
        self.chronology_rows: list[Any] = []
        self.dialog: Any = None
        self.setObjectName("child.panel")
        self.form = ChildForm(state)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.form)
        lower = QWidget()
        lbox = QVBoxLayout(lower)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self._build_chronology_box(), 1)
        lbox.addWidget(self._build_circles_box(show_circles))
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._connect()
        self._update_buttons()

    def _build_chronology_box(self) -> QGroupBox:
        self.chronology = make_table(("Date", "Key event"), "Chronology of key events", stretch=1)
        self.chronology.setObjectName("child.chronology")
        self.chronology.setWordWrap(True)
        self.chronology.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_event = button("&Add key event…", "child.chronology.add")
        self.edit_event = button("Chan&ge…", "child.chronology.edit", "Change the selected key event")
        self.delete_event = button("De&lete…", "child.chronology.delete", "Delete the selected key event")
        self.chronology_note = Note("Save the child's record first; then add the key events, each with its date.")
        self.chronology_error = FieldMessage("Chronology error")
        self.chronology_error.setObjectName("child.chronology.error")
        buttons = QHBoxLayout()
        for b in (self.add_event, self.edit_event, self.delete_event):
            buttons.addWidget(b)
        buttons.addStretch(1)
        chron_box = QGroupBox("Chronology of key events (earliest first)")
        cbox = QVBoxLayout(chron_box)
        cbox.addWidget(self.chronology_note)
        cbox.addWidget(self.chronology, 1)
        cbox.addWidget(self.chronology_error)
        cbox.addLayout(buttons)
        return chron_box

    def _build_circles_box(self, show_circles: bool) -> QGroupBox:
        self.circles = make_table(("Reference", "When", "Stage", "Steps left"), "The child's learning circles")
        self.circles.setObjectName("child.circles")
        self.circles_box = QGroupBox("Learning circles about this child")
        QVBoxLayout(self.circles_box).addWidget(self.circles)
        self.circles_box.setVisible(show_circles)
        self.circles_box.setMaximumHeight(150)
        return self.circles_box

    def _connect(self) -> None:
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self._cancelled)
        self.add_event.clicked.connect(lambda: self.event_dialog())
        self.edit_event.clicked.connect(self._edit_selected)
        self.chronology.doubleClicked.connect(lambda _i: self._edit_selected())
        self.delete_event.clicked.connect(self.delete_selected_event)
        self.chronology.itemSelectionChanged.connect(self._update_buttons)

    # --- opening ---------------------------------------------------------------------------------
    def new(self) -> None:
        self.child_id = None
        self.form.refresh_localities()
        self.form.load_child(None)
        self.forget_rows()
        self._update_buttons()
        self.form.given.setFocus()

    def open(self, child_id: int) -> bool:
        from circles_desktop.services.learning import children

        try:  # the caller says it could not be opened
            record = read(self.state, lambda s: children.get_child(s, child_id), None)
        except Exception:
            return False
        if record is None:
            return False
        self.child_id = child_id
        self.form.refresh_localities()
        self.form.load_child(record)
        self._show_chronology(record.chronology)
        self.reload_circles()
        self._update_buttons()
        return True

    def reload(self) -> None:
        """After unlocking: read the chronology and circles again; the form keeps what was typed."""
        from circles_desktop.services.learning import children

        child_id = self.child_id
        if child_id is None:
            return
        rows: list[ChronologyRow] = read(self.state, lambda s: children.chronology(s, child_id), [])
        self._show_chronology(rows)
        self.reload_circles()
        self.form.refresh_localities()

    def _show_chronology(self, rows: Iterable[ChronologyRow]) -> None:
        self.chronology_rows = list(rows)
        fill_table(
            self.chronology,
            [(uk_date(r.occurred_on), r.event) for r in self.chronology_rows],
            [r.id for r in self.chronology_rows],
        )

    def reload_circles(self) -> None:
        from circles_desktop.services.learning import learning_list

        child_id = self.child_id
        if child_id is None or self.circles_box.isHidden():
            fill_table(self.circles, [], [])
            return
        rows: list[ChildCircleRow] = read(
            self.state, lambda s: learning_list.learning_circles_of_child(s, child_id), []
        )
        fill_table(
            self.circles,
            [(r.reference, uk_date(r.when), STAGE_WORDS.get(r.stage, r.stage), r.steps_left) for r in rows],
            [r.id for r in rows],
        )

    def forget_rows(self) -> None:
        self.chronology_rows = []
        fill_table(self.chronology, [], [])
        fill_table(self.circles, [], [])
        self.chronology_error.clear_message()

    def _update_buttons(self) -> None:
        saved = self.child_id is not None
        self.chronology_note.setVisible(not saved)
        self.add_event.setEnabled(saved)
        has = selected_id(self.chronology) is not None
        self.edit_event.setEnabled(saved and has)
        self.delete_event.setEnabled(saved and has)

    # --- saving ----------------------------------------------------------------------------------
    def save(self) -> bool:
        from circles_desktop.services.learning import children

        form, child_id = self.form.child_form(), self.child_id
        if child_id is None:
            ok, new_id = write(self.state, lambda s: children.create_child(s, form).id, show=self.form, parent=self)
            if ok:
                self.child_id = new_id
        else:
            ok, _ = write(self.state, lambda s: children.update_child(s, child_id, form), show=self.form, parent=self)
        if ok:
            self._update_buttons()
            self.saved.emit(self.child_id)
        return ok

    def _cancelled(self) -> None:
        if self.child_id is not None:
            self.open(self.child_id)
        else:
            self.closed.emit()

    def can_leave(self) -> bool:
        return self.form.confirm_leave(save=self.save)

    # --- the chronology --------------------------------------------------------------------------
    def event_dialog(self, entry_id: int | None = None, show: bool = True) -> ChronologyDialog | None:
        """The add (or change) dialog; shown unless `show` is False (tests drive it directly)."""
        if self.child_id is None:
            return None
        entry = next((r for r in self.chronology_rows if r.id == entry_id), None) if entry_id else None
        dialog = ChronologyDialog(self.state, self.child_id, entry, self)
        return open_dialog(self, dialog, lambda: self._event_saved(dialog.entry_id), show)

    def _edit_selected(self) -> None:
        entry_id = selected_id(self.chronology)
        if entry_id is not None:
            self.event_dialog(entry_id)

    def _event_saved(self, entry_id: int | None) -> None:
        self.reload()
        if entry_id is not None:
            select_id(self.chronology, entry_id)
        self._update_buttons()
        self.saved.emit(self.child_id)

    def delete_selected_event(self) -> bool:
        from circles_desktop.services.learning import children

        entry_id = selected_id(self.chronology)
        if entry_id is None or not confirm(self, "Delete key event", "Delete the selected key event?"):
            return False
        ok, _ = write(self.state, lambda s: children.delete_chronology_entry(s, entry_id), parent=self)
        if ok:
            self.reload()
            self._update_buttons()
        return ok


class ChildRecordDialog(QDialog):
    """A child's record in a dialog (from the learning circle form's "New child…" or "Child's record…")."""

    def __init__(self, state: AppState, child_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("child_dialog")
        self.setWindowTitle("New child's record" if child_id is None else "Child's record")
        self.setAccessibleName(self.windowTitle())
        self.panel = ChildPanel(state, show_circles=False, parent=self)
        self.saved_id: int | None = child_id
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        close = QPushButton("&Done")
        close.setObjectName("child_dialog.done")
        close.setAccessibleName("Close the child's record")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.panel.saved.connect(self._saved)
        self.panel.closed.connect(super().reject)
        state.locked.connect(self._locked)
        state.unlocked.connect(self._unlocked)
        self.resize(760, 700)
        if child_id is None:
            self.panel.new()
        else:
            self.panel.open(child_id)

    def _saved(self, child_id: int) -> None:
        self.saved_id = child_id

    def _locked(self) -> None:
        self.panel.forget_rows()

    def _unlocked(self, _db: object) -> None:
        self.panel.reload()

    def reject(self) -> None:  # Done, Escape and the close button ask before losing typed changes
        if self.panel.can_leave():
            if self.saved_id is not None:
                self.accept()
            else:
                super().reject()


class ChildrenArea(QWidget):
    """The list of children (search, locality) and beside it the open child's record."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("children.area")
        self.setAccessibleName("Children")

        self.error = FieldMessage("Children list error")
        self.model = ChildrenModel(state, self)
        left = self._build_list_column()
        self.panel = ChildPanel(state)
        self.placeholder = Note(
            "Choose a child in the list (double-click or Enter) to see their record and chronology, "
            "or press New child to add one."
        )
        self.right, self.splitter = beside_list(self, left, self.placeholder, self.panel, [600, 580])
        tab_chain(self, self.search, self.locality, self.open_button, self.new_button, self.table)
        self._connect()
        self.export = add_export(state, self.model, "children", "Children", self, self.count, self.error.show_message)
        if not state.is_locked:
            self.refresh()

    def _build_list_column(self) -> QWidget:
        self.search = search_box(
            "children.search", "Search name, case record reference or date of birth", "Search children"
        )
        self.locality = LocalityChoice("children.locality")
        self.new_button = button("&New child", "children.new")
        self.open_button = button("&Open", "children.open")
        self.count = count_label("children.count", "Number of children found")
        self.table = list_table(
            self.model,
            "children.table",
            "Children",
            row_height=24,
            tab_key_navigation=False,
            keep=(ChildrenModel.COL_NAME, ChildrenModel.COL_CASE, ChildrenModel.COL_PRACTITIONER),
        )
        return list_column(
            "Children",
            self.search,
            self.locality,
            self.count,
            (self.open_button, self.new_button),
            self.error,
            self.table,
            note=Note("Only what a learning circle needs is kept here. Children never appear in People."),
        )

    def _connect(self) -> None:
        self.search.textChanged.connect(self.model.set_filter)
        self.locality.currentIndexChanged.connect(lambda _i: self.model.set_locality(self.locality.currentData()))
        self.model.total_changed.connect(lambda n: self.count.setText(f"{n:,} {'child' if n == 1 else 'children'}"))
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_child(self.model.child_id(index.row())))
        self.table.doubleClicked.connect(lambda index: self.open_child(self.model.child_id(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button.clicked.connect(self.new_child)
        self.panel.saved.connect(lambda _id: self.refresh())
        self.panel.closed.connect(lambda: self.right.setCurrentWidget(self.placeholder))
        self.state.locked.connect(self._forget)
        self.state.unlocked.connect(self._unlocked)

    # --- the list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.clear_message()
        self.locality.refresh(self.state)
        self.model.locality = self.locality.currentData()
        self.model.reload()

    def _unlocked(self, _db: object) -> None:
        self.refresh()
        if self.showing_record:
            self.panel.reload()

    def _forget(self) -> None:
        """On lock: drop every row read from the database; typed form text stays in its fields."""
        self.model.clear()
        self.count.clear()
        self.panel.forget_rows()

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_child(self.model.child_id(index.row()))
        else:
            self.error.show_message("Choose a child in the list first.")

    # --- the record ------------------------------------------------------------------------------
    @property
    def showing_record(self) -> bool:
        return self.right.currentWidget() is self.panel

    def can_leave(self) -> bool:
        return not self.showing_record or self.panel.can_leave()

    def open_child(self, child_id: int) -> bool:
        if self.showing_record and self.panel.child_id == child_id and not self.panel.form.is_dirty:
            return True
        if not self.can_leave():
            return False
        if not self.panel.open(child_id):
            self.error.show_message("That child's record could not be opened; it may have been deleted.")
            self.model.reload()
            return False
        self.right.setCurrentWidget(self.panel)
        self.panel.form.given.setFocus()
        return True

    def new_child(self) -> bool:
        if not self.can_leave():
            return False
        self.panel.new()
        self.right.setCurrentWidget(self.panel)
        self.panel.form.given.setFocus()
        return True


def children_area(state: AppState) -> QWidget:
    return ChildrenArea(state)
