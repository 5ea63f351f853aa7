"""What the Circles list and the Circle screen's tabs share: a search-and-choose picker, a record form
that understands it, a dialog around a form, one way to run a write, and the words for dates.

Writes open one short session each (through the AppState's database) and show the service's messages
beside the fields they name; anything else becomes a plain sentence in a message box.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import RecordForm, set_value, value_of
from circles_desktop.ui.common.messages import describe

T = TypeVar("T")
USER_ROLE = Qt.ItemDataRole.UserRole
WARNING_STYLE = "color: #b00020; font-weight: bold;"
GOOD_STYLE = "color: #1b5e20;"
LOCKED_MESSAGE = "Circles Desktop is locked. Unlock it and try again; what you typed is still here."


def uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def release_text(days: int | None, short: bool = False) -> str:
    """A prison circle's countdown: "Release in 75 days", "Released 12 days ago"."""
    if days is None:
        return ""
    if days > 0:
        return f"in {plural(days, 'day')}" if short else f"Release in {plural(days, 'day')}"
    if days == 0:
        return "today" if short else "Release due today"
    return f"{plural(-days, 'day')} ago" if short else f"Released {plural(-days, 'day')} ago"


def review_text(due: Any) -> str:
    """Words for a services.reviews.ReviewDue (or None)."""
    if due is None:
        return "No quarterly review is due (reviews are for open CoSA circles)."
    if due.overdue:
        return f"Quarterly review OVERDUE: it was due on {uk(due.due_on)} ({plural(-due.days_left, 'day')} ago)."
    if due.days_left == 0:
        return f"Quarterly review due today ({uk(due.due_on)})."
    return f"Quarterly review due on {uk(due.due_on)} (in {plural(due.days_left, 'day')})."


# --- running work against the database ------------------------------------------------------------
def run_write(
    state: AppState,
    parent: QWidget | None,
    work: Callable[[Any], T],
    form: RecordForm | None = None,
    title: str = "Not saved",
) -> tuple[bool, T | None]:
    """Run `work(session)` in one unit of work. (True, result) when it committed; otherwise the
    problems are shown (beside the form's fields when there is a form) and (False, None) returned."""
    from circles_desktop.services.common.validation import NotFound, ValidationError

    db = state.database
    if db is None or state.is_locked:
        _warn(parent, form, title, LOCKED_MESSAGE)
        return False, None
    try:
        with db.session() as s:
            result = work(s)
    except ValidationError as exc:
        if form is not None:
            form.show_errors(exc.errors)
        else:
            QMessageBox.warning(parent, title, str(exc))
        return False, None
    except NotFound as exc:
        _warn(parent, form, title, str(exc))
        return False, None
    except Exception as exc:  # a plain sentence, never a traceback; the unit of work rolled back whole
        _warn(parent, form, title, describe(exc))
        return False, None
    if form is not None:
        form.saved_ok()
    return True, result


def read(state: AppState, work: Callable[[Any], T], default: T) -> T:
    """Run a read in its own short session; `default` while locked."""
    return state.read(work, default)


def _warn(parent: QWidget | None, form: RecordForm | None, title: str, message: str) -> None:
    if form is not None:
        form.show_errors({"": message})
    else:
        QMessageBox.warning(parent, title, message)


# --- a search-and-choose picker --------------------------------------------------------------------
Choices = Sequence[tuple[Any, str]]


class SearchPicker(QWidget):
    """A search box and the matching records in a drop-down: searching happens in SQL (a page of 50),
    so it stays quick however many people there are. `value()` is the chosen record's id or None."""

    changed = Signal()

    def __init__(
        self,
        fetch: Callable[[str], Choices],
        placeholder: str = "Search…",
        blank: str = "— choose —",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._blank = blank
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setFixedWidth(170)
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(28)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search)
        row.addWidget(self.choice, 1)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)
        self.search.setAccessibleName(f"Search for {name.lower()}")
        self.choice.setAccessibleName(name)

    def set_fetch(self, fetch: Callable[[str], Choices]) -> None:
        self._fetch = fetch
        self.refresh()

    def refresh(self) -> None:
        """Search again with the box's text; keeps the current choice when it still matches."""
        keep = self.value()
        try:
            found = list(self._fetch(self.search.text().strip()))
        except Exception:  # locked or unreadable: leave the list as it was
            return
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(self._blank, None)
        for ident, text in found:
            self.choice.addItem(text, ident)
        index = self.choice.findData(keep) if keep is not None else -1
        if index < 0 and len(found) == 1 and self.search.text().strip():
            index = 1  # one match for what was typed: take it
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)
        if self.value() != keep:
            self.changed.emit()

    def value(self) -> Any:
        return self.choice.currentData()

    def set_value(self, ident: Any, text: str | None = None) -> None:
        if ident is None:
            self.choice.setCurrentIndex(0 if self.choice.count() else -1)
            return
        index = self.choice.findData(ident)
        if index < 0:
            self.choice.addItem(text or str(ident), ident)
            index = self.choice.count() - 1
        self.choice.setCurrentIndex(index)


class ScreenForm(RecordForm):
    """A RecordForm that also reads and fills widgets with their own value()/set_value() (pickers)."""

    def add_field(self, key: str, label: str, widget: QWidget, *, required: bool = False, help: str = "") -> QWidget:
        super().add_field(key, label, widget, required=required, help=help)
        signal = getattr(widget, "changed", None)
        if signal is not None and (isinstance(widget, SearchPicker) or not _known(widget)):
            signal.connect(self._mark_dirty)
        return widget

    def values(self) -> dict[str, Any]:
        return {key: self._read(w) for key, w in self._fields.items()}

    @staticmethod
    def _read(widget: QWidget) -> Any:
        if isinstance(widget, QComboBox) and not widget.isEditable():
            return widget.currentData()  # a blank choice is None, not its "— choose —" words
        if isinstance(widget, SearchPicker) or (not _known(widget) and hasattr(widget, "value")):
            return widget.value()  # type: ignore[attr-defined]
        return value_of(widget)

    def load(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            for key, value in values.items():
                w = self._fields.get(key)
                if w is None:
                    continue
                if isinstance(w, SearchPicker) or (not _known(w) and hasattr(w, "set_value")):
                    w.set_value(value)  # type: ignore[attr-defined]
                else:
                    set_value(w, value)
        finally:
            self._loading = False
        self.clear_errors()
        self._dirty = False


def _known(widget: QWidget) -> bool:
    try:
        value_of(widget)
    except TypeError:
        return False
    return True


class FormDialog(QDialog):
    """A dialog around one ScreenForm. `on_save(values) -> bool` does the write (through run_write,
    which shows any problem beside its field); True closes the dialog. Escape asks before losing edits."""

    def __init__(
        self,
        title: str,
        form: ScreenForm,
        on_save: Callable[[dict[str, Any]], bool],
        parent: QWidget | None = None,
        object_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if object_name:
            self.setObjectName(object_name)
        self.form = form
        self._on_save = on_save
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        form.save_requested.connect(self.save)
        form.cancelled.connect(self._cancelled)
        self.setMinimumWidth(640)

    def save(self) -> bool:
        if self._on_save(self.form.values()):
            self.form.mark_clean()
            self.accept()
            return True
        return False

    def _cancelled(self) -> None:
        super().reject()

    def reject(self) -> None:  # the window's close button and Escape outside a field
        if self.form.confirm_leave():
            super().reject()


# --- a list that gives way to the opened circle ---------------------------------------------------
class OpenedInPlace:
    """For the Circles and Learning circles areas: the opened circle's screen replaces the list in
    self.stack, one screen at a time, never dropping unsaved changes. The area provides self.stack,
    self.list_page, self.table, self.screen (None at first), refresh() and a circle_opened signal."""

    def show_screen(self, circle_id: int, make: Callable[[], Any]) -> Any:
        """The screen for circle_id, made with make() unless it is already open; None if the open one
        would lose unsaved changes."""
        if self.screen is not None:
            if self.screen.circle_id == circle_id:
                self.stack.setCurrentWidget(self.screen)
                return self.screen
            if not self.screen.can_leave():
                return None
            self._drop_screen()
        screen = make()
        screen.closed.connect(self.show_list)
        screen.changed.connect(self.refresh)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.screen = screen
        self.circle_opened.emit(circle_id)
        return screen

    def show_list(self) -> None:
        if self.screen is not None and not self.screen.can_leave():
            return
        self._drop_screen()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        self.table.setFocus()

    def _drop_screen(self) -> None:
        if self.screen is not None:
            screen, self.screen = self.screen, None
            self.stack.removeWidget(screen)
            screen.deleteLater()

    def can_leave(self) -> bool:
        return self.screen is None or self.screen.can_leave()


# --- read-only tables ------------------------------------------------------------------------------
def make_table(headers: Sequence[str], name: str, stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[Any]], ids: Sequence[Any] | None = None) -> None:
    """Replace the table's rows; each row's first cell carries its id (UserRole)."""
    keep = selected_id(table)
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if c == 0 and ids is not None:
                item.setData(USER_ROLE, ids[r])
            table.setItem(r, c, item)
    if keep is not None and ids is not None and keep in ids:
        table.selectRow(list(ids).index(keep))


def selected_id(table: QTableWidget) -> Any:
    row = table.currentRow()
    if row < 0 or not table.selectionModel().hasSelection():
        return None
    item = table.item(row, 0)
    return item.data(USER_ROLE) if item is not None else None


def select_id(table: QTableWidget, ident: Any) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(USER_ROLE) == ident:
            table.selectRow(r)
            return True
    return False
