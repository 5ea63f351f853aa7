"""The pieces every searchable list screen is built from: search box, count label, read-only table,
the list column beside a record, and the tab order through them; `PagedList`, the behaviour every such
screen shares, and `ListBesideRecord`, a whole area of a list and the record opened from it (People,
Organisations).

A new list screen: a RecordListModel subclass (paged_model.py) for its rows, and a ListBesideRecord
subclass (or a PagedList, for a list with no record beside it) that says how a record opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.common.forms import ScrollingRecordForm
from circles_desktop.ui.common.lists.columns import fit_columns, sort_by_header
from circles_desktop.ui.common.lists.paged_model import PagedTableModel, RecordListModel
from circles_desktop.ui.common.widgets import FieldMessage, Note

if TYPE_CHECKING:
    from circles_desktop.ui.app.app_state import AppState


def search_box(object_name: str, placeholder: str, accessible_name: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(object_name)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible_name)
    box.setClearButtonEnabled(True)
    return box


def count_label(object_name: str, accessible_name: str) -> QLabel:
    count = QLabel()
    count.setObjectName(object_name)
    count.setAccessibleName(accessible_name)
    return count


def list_table(
    model: QAbstractItemModel,
    object_name: str,
    accessible_name: str,
    *,
    word_wrap: bool = False,
    row_height: int | None = None,
    tab_key_navigation: bool = True,
    stretch: int | None = None,
    keep: tuple[int, ...] = (),
) -> QTableView:
    """A read-only list: one whole row selected at a time, alternating shades, no row numbers; its
    columns fitted to what they hold (`stretch` takes the room left, `keep` are cut last: columns.py),
    and, over a PagedTableModel that names its SORTS, sorted in SQL by a click on a header.

    Long lists pass row_height (fixed rows lay out faster) and tab_key_navigation=False (Tab leaves
    the table rather than walking its cells)."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    table.setTabKeyNavigation(tab_key_navigation)
    table.verticalHeader().setVisible(False)
    if row_height is not None:
        table.verticalHeader().setDefaultSectionSize(row_height)
    fit_columns(table, stretch, keep)
    if isinstance(model, PagedTableModel) and model.SORTS:
        sort_by_header(table, model)
    return table


def tab_chain(parent: QWidget, *widgets: QWidget) -> None:
    """Tab moves through the widgets in the order given."""
    for before, after in pairwise(widgets):
        parent.setTabOrder(before, after)


def list_column(
    heading: str,
    search: QWidget,
    narrow: QWidget,
    count: QLabel,
    buttons: tuple[QWidget, ...],
    error: QWidget,
    table: QWidget,
    note: QWidget | None = None,
) -> QWidget:
    """The left of a list-and-record area: heading, search with one narrowing choice, the count with
    the buttons, the list's error and the list itself."""
    column = QWidget()
    tools = QHBoxLayout()
    tools.addWidget(search, 1)
    tools.addWidget(narrow)
    actions = QHBoxLayout()
    actions.addWidget(count, 1)
    for button in buttons:
        actions.addWidget(button)
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 4, 0)
    box.addWidget(QLabel(f"<h2>{heading}</h2>"))
    if note is not None:
        box.addWidget(note)
    box.addLayout(tools)
    box.addLayout(actions)
    box.addWidget(error)
    box.addWidget(table, 1)
    return column


def beside_list(
    area: QWidget, column: QWidget, placeholder: QLabel, record: QWidget, sizes: list[int]
) -> tuple[QStackedWidget, QSplitter]:
    """Fill area with the list column and, beside it, a stack showing the centred placeholder until a
    record is opened; returns (that stack, the splitter)."""
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    right = QStackedWidget()
    right.addWidget(placeholder)
    right.addWidget(record)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(column)
    splitter.addWidget(right)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(sizes)
    layout = QVBoxLayout(area)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return right, splitter


class PagedList(QWidget):
    """A screen over one paged list with a search box, a count and an error line. `follow(...)` joins
    them: typing filters in SQL, the count and any failure are shown, and every row read is forgotten
    on lock and read again on unlock."""

    state: AppState
    model: PagedTableModel
    search: QLineEdit
    count: QLabel
    error: FieldMessage

    def follow(self, count_text: Callable[[int], str], *, lock_and_unlock: bool = True) -> None:
        """Call once self.state, model, search, count and error are made. `lock_and_unlock=False` for
        a list whose area decides itself when it is read again (the Referrals list, behind a referral)."""
        self._count_text = count_text
        self.search.textChanged.connect(self.model.set_filter)
        self.model.total_changed.connect(self._show_count)
        self.model.failed.connect(self.error.show_message)
        if not lock_and_unlock:
            return
        self.state.unlocked.connect(lambda _db: self.refresh())
        self.state.locked.connect(self._forget)
        if not self.state.is_locked:
            self.refresh()

    def add_export(self, list_name: str, title: str) -> None:
        """The list's Export… button, after its count (ui/common/lists/list_export.py)."""
        from circles_desktop.ui.common.lists.list_export import add_export

        self.export = add_export(self.state, self.model, list_name, title, self, self.count, self.error.show_message)

    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def _forget(self) -> None:
        """On lock: drop every row read from the database; text typed in a form stays in its fields."""
        self.model.clear()
        self.count.clear()

    def _show_count(self, total: int) -> None:
        self.count.setText(self._count_text(total))


@dataclass(frozen=True)
class ListWords:
    """What a ListBesideRecord calls things. `name` prefixes its parts' object names ("people.search")."""

    name: str
    narrow_key: str  # the narrowing choice's object name after `name`: "people.part"
    heading: str
    search_hint: str
    search_name: str
    narrow_name: str  # the narrowing choice's accessible name: "Show people who are"
    new_text: str  # "&New person"
    count_name: str
    error_name: str
    placeholder: str  # shown beside the list until a record is opened
    count_text: Callable[[int], str]


class ListBesideRecord(PagedList):
    """An area with a searchable list (one narrowing choice, Open and New) on the left and, beside it,
    the record opened from it in a ScrollingRecordForm. Opening another record or leaving the area
    asks about unsaved changes first.

    A subclass makes its model, narrowing combo and form, calls `build(...)`, and provides `load(id)`
    (read the record into the form; False when it could not be), `clear_form()` (an empty new record),
    `save()` and the `record_id` property (the record in the form, None for a new one)."""

    form: ScrollingRecordForm
    model: RecordListModel
    first_field = "name"  # where the cursor goes when a record opens

    def build(
        self,
        words: ListWords,
        narrow: QComboBox,
        widths: dict[int, int] | None,
        stretch: int,
        sizes: list[int],
        keep: tuple[int, ...] = (0,),
    ) -> None:
        """The list column, the record beside it, and the wiring between them. The columns fit what they
        hold (`widths` is no longer needed and is ignored); `stretch` takes the room left over, `keep`
        (the name, at first) keep their whole text longest."""
        self.words = words
        self.narrow = narrow
        self.setObjectName(words.name)
        self.setAccessibleName(words.heading)
        self._build_list_parts(words, narrow, stretch, keep)
        buttons = (self.open_button, self.new_button)
        left = list_column(words.heading, self.search, narrow, self.count, buttons, self.error, self.table)
        self.placeholder = Note(words.placeholder)
        self.right, self.splitter = beside_list(self, left, self.placeholder, self.form, sizes)
        tab_chain(self, self.search, narrow, self.open_button, self.new_button, self.table)
        narrow.currentIndexChanged.connect(lambda _i: self.model.set_narrow(narrow.currentData()))
        self.table.activated.connect(lambda index: self.open_record(self.model.record_id(index.row())))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_record)
        self.form.cancelled.connect(self._cancelled)
        self.follow(words.count_text)
        self.add_export(words.name, words.heading)

    def _build_list_parts(self, words: ListWords, narrow: QComboBox, stretch: int, keep: tuple[int, ...]) -> None:
        name = words.name
        self.search = search_box(f"{name}.search", words.search_hint, words.search_name)
        narrow.setObjectName(f"{name}.{words.narrow_key}")
        narrow.setAccessibleName(words.narrow_name)
        self.new_button = QPushButton(words.new_text)
        self.new_button.setObjectName(f"{name}.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName(f"{name}.open")
        self.count = count_label(f"{name}.count", words.count_name)
        self.error = FieldMessage(words.error_name)
        self.table = list_table(
            self.model,
            f"{name}.table",
            words.heading,
            row_height=24,
            tab_key_navigation=False,
            stretch=stretch,
            keep=keep,
        )

    # --- what a subclass provides ------------------------------------------------------------------
    @property
    def record_id(self) -> int | None:
        raise NotImplementedError

    def load(self, record_id: int) -> bool:
        raise NotImplementedError

    def clear_form(self) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    # --- the list ----------------------------------------------------------------------------------
    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_record(self.model.record_id(index.row()))

    # --- the record --------------------------------------------------------------------------------
    @property
    def showing_form(self) -> bool:
        return self.right.currentWidget() is self.form

    def can_leave(self) -> bool:
        """False when the coordinator chose to stay with unsaved changes; asks only if there are some."""
        if not self.showing_form:
            return True
        return self.form.confirm_leave(save=self.save)

    def open_record(self, record_id: int, ask: bool = True) -> bool:
        if self.showing_form and self.record_id == record_id and not self.form.is_dirty:
            return True
        if ask and not self.can_leave():
            return False
        if not self.load(record_id):
            self.model.reload()
            return False
        self._show_form()
        return True

    def new_record(self) -> bool:
        if not self.can_leave():
            return False
        self.clear_form()
        self._show_form()
        return True

    def _show_form(self) -> None:
        self.right.setCurrentWidget(self.form)
        self.form.field(self.first_field).setFocus()

    def _cancelled(self) -> None:
        # confirm_leave has already asked about unsaved changes: back to what is saved, or to the list.
        if self.record_id is not None:
            self.load(self.record_id)
        else:
            self.right.setCurrentWidget(self.placeholder)
            self.table.setFocus()
