"""The Developments tab: significant developments in the core member's progress, risk or needs; who
reported each, who it was shared with, and whether it was escalated to MAPPA. List on the left, the
add/edit form on the right."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import DevelopmentKind, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.lists.tables import USER_ROLE, fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import read, write

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen

HEADERS = ("Date", "Kind", "What happened", "Reported by", "Shared with", "MAPPA")


def _person_words(p: Any) -> str:
    """Someone in the circle as the choices name them: "Ann Smith (volunteer)"."""
    role = "coordinator" if p.role == "coordinator" else label(p.role).lower()
    return f"{p.name} ({role})"


WORDS_ROLE = int(USER_ROLE) + 1  # the person's words without the date, to put a date beside them


def _shared_words(words: str, on: date | None) -> str:
    """A ticked person with the day they were told, as the list says it: "Ann Smith (volunteer), 12/03/2025"."""
    return f"{words}, {uk_date(on)}" if on else words


class SharedWith(QWidget):
    """People in the circle to tick, and the date it was shared with those newly ticked. Beside each
    person ticked is the date they were told (for those newly ticked, the date it will be saved with),
    so a development opened again says whom it was shared with and when."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.people = QListWidget()
        self.people.setObjectName("development.shared_with")
        self.people.setAccessibleName("Shared with")
        self.people.setMaximumHeight(150)
        self.shared_on = DateField()
        self.shared_on.setObjectName("development.shared_on")
        self.shared_on.setAccessibleName("Shared on")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.people)
        on = QHBoxLayout()
        on.addWidget(QLabel("Shared on (for those newly ticked):"))
        on.addWidget(self.shared_on)
        on.addStretch(1)
        box.addLayout(on)
        self.people.itemChanged.connect(lambda _i: self._changed())
        self.shared_on.dateChanged.connect(lambda _d: self.changed.emit())
        self.shared_on.textChanged.connect(lambda _t: self._show_dates())  # as typed, the date it will be saved with

    def _changed(self) -> None:
        self._show_dates()
        self.changed.emit()

    def _show_dates(self) -> None:
        """Each ticked person's text with the date value() gives them; the others without a date."""
        told = self.value()
        self.people.blockSignals(True)  # a text changed is no change of what is ticked
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setText(_shared_words(item.data(WORDS_ROLE), told.get(item.data(USER_ROLE)[0])))
        self.people.blockSignals(False)

    def set_people(self, people: list[Any]) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        for p in people:
            item = QListWidgetItem(_person_words(p))
            item.setData(USER_ROLE, (p.person_id, None))
            item.setData(WORDS_ROLE, _person_words(p))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)

    def value(self) -> dict[int, date]:
        fresh = self.shared_on.value() or date.today()
        found = {}
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                pid, on = item.data(USER_ROLE)
                found[pid] = on or fresh
        return found

    def set_value(self, value: Any) -> None:
        value = dict(value or {})
        self.people.blockSignals(True)
        for i in range(self.people.count()):
            item = self.people.item(i)
            pid, _on = item.data(USER_ROLE)
            item.setData(USER_ROLE, (pid, value.get(pid)))
            item.setCheckState(Qt.CheckState.Checked if pid in value else Qt.CheckState.Unchecked)
        self.people.blockSignals(False)
        self._show_dates()

    def tick(self, person_id: int) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(USER_ROLE)[0] == person_id:
                item.setCheckState(Qt.CheckState.Checked)


class DevelopmentsTab(CircleTab):
    """The list on the left, the add/edit form on the right."""

    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.developments")
        self.rows: list[Any] = []
        self.editing: int | None = None
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_list())
        split.addWidget(self._build_form())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self._reset)
        self.escalated.toggled.connect(self._escalated_toggled)

    def _build_list(self) -> QWidget:
        self.table = make_table(HEADERS, "Significant developments", stretch=2)
        self.table.setObjectName("developments.table")
        header = self.table.horizontalHeader()
        for col, width in ((0, 88), (1, 70), (3, 130), (4, 150), (5, 100)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.new_button = QPushButton("&New development")
        self.new_button.setObjectName("developments.new")
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setObjectName("developments.delete")
        tools = QHBoxLayout()
        tools.addWidget(self.new_button)
        tools.addWidget(self.delete_button)
        tools.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tools)
        column.addWidget(self.table, 1)
        return left

    def _build_form(self) -> RecordForm:
        self.form = RecordForm("New development")
        self.form.setObjectName("development.form")
        self.occurred_on = DateField()
        self.occurred_on.setObjectName("development.date")
        self.form.add_field("occurred_on", "Date", self.occurred_on, required=True)
        self.kind = combo({k.value: k.label for k in DevelopmentKind})
        self.kind.setObjectName("development.kind")
        self.form.add_field("kind", "Kind", self.kind, required=True, help="Progress, risk or need.")
        self.description = QPlainTextEdit()
        self.description.setObjectName("development.description")
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(120)
        self.form.add_field("description", "What happened", self.description, required=True)
        self.reported_by = QComboBox()
        self.reported_by.setObjectName("development.reported_by")
        self.form.add_field("reported_by_id", "Reported by", self.reported_by)
        self.shared = SharedWith()
        self.form.add_field("shared_with", "Shared with", self.shared)
        self.escalated = QCheckBox("Yes")
        self.escalated.setObjectName("development.escalated")
        self.form.add_field("escalated_to_mappa", "Escalated to MAPPA", self.escalated)
        self.escalated_on = DateField(optional=True)
        self.escalated_on.setObjectName("development.escalated_on")
        self.form.add_field("escalated_on", "Escalated on", self.escalated_on)
        self.form.save_button.setObjectName("development.save")
        return self.form

    # --- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from circles_desktop.services.circles import circle_queries

        cid = self.circle_id

        def work(s: Any) -> tuple[list[Any], list[Any]]:
            return circle_queries.development_rows(s, cid), circle_queries.circle_people(s, cid)

        nothing: tuple[list[Any], list[Any]] = ([], [])
        self.rows, people = read(self.state, work, nothing)
        self.table.blockSignals(True)
        fill_table(
            self.table,
            [
                (
                    uk_date(d.occurred_on),
                    label(d.kind),
                    d.description.replace("\n", " "),
                    d.reported_by,
                    d.shared_text,
                    f"Yes, {uk_date(d.escalated_on)}" if d.escalated_to_mappa else "No",
                )
                for d in self.rows
            ],
            [d.id for d in self.rows],
        )
        self.table.blockSignals(False)
        self._offer_people(people)
        self._escalated_toggled(self.escalated.isChecked())
        self.new_button.setEnabled(True)

    def _offer_people(self, people: list[Any]) -> None:
        """The reporter and shared-with choices change with the circle's members; keep what the
        coordinator has typed."""
        dirty = self.form.is_dirty
        keep_reporter = self.reported_by.currentData()
        keep_shared = self.shared.value()
        self.reported_by.blockSignals(True)
        self.shared.blockSignals(True)
        try:
            self.reported_by.clear()
            self.reported_by.addItem("— not recorded —", None)
            for p in people:
                self.reported_by.addItem(_person_words(p), p.person_id)
            self.reported_by.setCurrentIndex(max(0, self.reported_by.findData(keep_reporter)))
            self.shared.set_people(sorted(people, key=lambda p: (p.ring != "outer", p.name.casefold())))
            self.shared.set_value(keep_shared)
        finally:
            self.reported_by.blockSignals(False)
            self.shared.blockSignals(False)
        if not dirty:
            self.form.mark_clean()

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def can_leave(self) -> bool:
        return self.form.confirm_leave(self.save)

    # --- the form --------------------------------------------------------------------------------
    def _escalated_toggled(self, on: bool) -> None:
        self.escalated_on.setEnabled(on)
        if on and self.escalated_on.value() is None:
            self.escalated_on.set_value(date.today())
        if not on:
            self.escalated_on.set_value(None)

    def _selection_changed(self) -> None:
        ident = selected_id(self.table)
        if ident is None or ident == self.editing:
            return
        if not self.form.confirm_leave(self.save):
            self.table.blockSignals(True)
            if self.editing is None or not select_id(self.table, self.editing):
                self.table.clearSelection()
            self.table.blockSignals(False)
            return
        self.edit(ident)

    def edit(self, development_id: int) -> None:
        from circles_desktop.services.circles import developments

        f = read(self.state, lambda s: developments.development_form(s, development_id), None)
        if f is None:
            return
        self.editing = development_id
        self._set_title(f"Development of {uk_date(f.occurred_on)}")
        self.form.load(
            {
                "occurred_on": f.occurred_on,
                "kind": f.kind,
                "description": f.description,
                "reported_by_id": f.reported_by_id,
                "shared_with": f.shared_with,
                "escalated_to_mappa": f.escalated_to_mappa,
                "escalated_on": f.escalated_on,
            }
        )
        self.escalated_on.setEnabled(f.escalated_to_mappa)

    def new(self) -> None:
        if not self.form.confirm_leave(self.save):
            return
        self._reset()
        self.occurred_on.setFocus()

    def _reset(self) -> None:
        self.editing = None
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self._set_title("New development")
        self.form.load(
            {
                "occurred_on": date.today(),
                "kind": DevelopmentKind.PROGRESS.value,
                "description": "",
                "reported_by_id": None,
                "shared_with": {},
                "escalated_to_mappa": False,
                "escalated_on": None,
            }
        )

    def _set_title(self, text: str) -> None:
        heading = self.form.findChild(QLabel)
        if heading is not None:
            heading.setText(f"<h2>{text}</h2>")

    def save(self) -> bool:
        from circles_desktop.services.circles import developments

        v = self.form.values()
        form = developments.DevelopmentForm(
            occurred_on=v["occurred_on"],
            kind=v["kind"],
            description=v["description"] or "",
            reported_by_id=v["reported_by_id"],
            escalated_to_mappa=bool(v["escalated_to_mappa"]),
            escalated_on=v["escalated_on"],
            shared_with=v["shared_with"],
        )
        editing = self.editing

        def work(s: Any) -> int:
            if editing is None:
                return developments.record_development(s, self.circle_id, form).id
            return developments.update_development(s, editing, form).id

        ok, ident = write(self.state, work, show=self.form, parent=self)
        if ok:
            self.circle_screen.saved()
            self._reset()
        return ok

    def delete(self) -> None:
        from circles_desktop.services.circles import developments

        ident = selected_id(self.table)
        if ident is None:
            QMessageBox.information(self, "Delete development", "Choose a development in the list first.")
            return
        answer = QMessageBox.question(
            self, "Delete development", "Delete this development from the record? This cannot be undone."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = write(self.state, lambda s: developments.delete_development(s, ident), parent=self, title="Not deleted")
        if ok:
            self._reset()
            self.circle_screen.saved()
