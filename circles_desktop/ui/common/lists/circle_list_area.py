"""An area listing one kind of circle (searched, filtered and paged in SQL) that gives way, in place, to
the screen opened from it: the Conversations and Communities of practice areas are each this, with their
own model, filters, buttons and screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QStackedWidget, QVBoxLayout, QWidget

from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import open_dialog
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.widgets import FieldMessage


def status_words(status: str, ended_on: date | None, reason: str) -> str:
    """A list's Status cell: the status, or when and why the circle ended (the tooltip shows it whole)."""
    if ended_on is None:
        return CircleStatus(status).label
    return f"Ended {uk_date(ended_on)}" + (f": {reason}" if reason else "")


class CircleListArea(QWidget, OpenedInPlace):
    """Subclasses give the model and words to __init__, and make the screen and the new-record dialog."""

    circle_opened = Signal(int)

    def __init__(
        self,
        state: AppState,
        model: Any,  # a RecordListModel with circle_id(row)
        *,
        name: str,  # object names' prefix ("conversations")
        title: str,  # "Community conversations": the heading, the table's and the area's name
        search_hint: str,
        new_text: str,  # "&New conversation…"
        counted: Callable[[int], str],  # 3 -> "3 conversations"
        nothing_chosen: str,  # said when Open is pressed with no row chosen
        filters: Sequence[QWidget] = (),
        buttons: Sequence[QWidget] = (),  # after New
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.opened: Any = None
        self.dialog: Any = None
        self.setObjectName(f"{name}.area")
        self.setAccessibleName(title)
        self.model = model
        self.error = FieldMessage(f"{title} list error")
        self.search = search_box(f"{name}.search", search_hint, f"Search {title.lower()}")
        self.count = count_label(f"{name}.count", f"How many {title.lower()}")
        self.open_button = button("&Open", f"{name}.open")
        self.new_button = button(new_text, f"{name}.new")
        # Tab leaves the table (arrows move in it), so the keyboard reaches the rest of the screen.
        self.table = list_table(model, f"{name}.table", title, row_height=24, tab_key_navigation=False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        actions = [self.open_button, self.new_button, *buttons]
        self.list_page = self._build_list_page(title, [*filters, self.count], actions)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        tab_chain(self, self.search, *filters, self.open_button, self.new_button, *buttons, self.table)
        self.search.textChanged.connect(model.set_filter)
        model.total_changed.connect(lambda n: self.count.setText(counted(n)))
        model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_circle(model.circle_id(index.row())))
        self.open_button.clicked.connect(lambda: self.open_selected(nothing_chosen))
        self.new_button.clicked.connect(lambda: self.new_record())
        state.locked.connect(self._forget)
        state.unlocked.connect(lambda _db: self.refresh())
        if not state.is_locked:
            self.refresh()

    def _build_list_page(self, title: str, beside: list[QWidget], buttons: list[QWidget]) -> QWidget:
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        for w in beside:
            tools.addWidget(w)
        tools.addSpacing(12)
        for b in buttons:
            tools.addWidget(b)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(f"<h2>{title}</h2>"))
        box.addLayout(tools)
        box.addWidget(self.error)
        box.addWidget(self.table, 1)
        return page

    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def _forget(self) -> None:
        self.model.clear()
        self.count.clear()

    def open_circle(self, circle_id: int) -> Any:
        return self.show_screen(circle_id, lambda: self.make_screen(circle_id))

    def make_screen(self, circle_id: int) -> QWidget:
        raise NotImplementedError

    def new_dialog(self) -> Any:
        """The new-record dialog (not yet shown), with `saved_id`-like `saved_value` once saved."""
        raise NotImplementedError

    def new_record(self, show: bool = True) -> Any:
        if not self.can_leave():
            return None
        dialog = self.new_dialog()
        return open_dialog(self, dialog, lambda: self.circle_created(self.saved_id(dialog)), show)

    def saved_id(self, dialog: Any) -> int | None:
        return dialog.saved_value
