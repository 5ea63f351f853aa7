"""The Conversations area: the list of community conversations (searched, filtered and paged in SQL) and,
opened from it, the conversation screen; the organisation's toolkit checklist is edited from here.
`conversations_area(state)` is the factory the main window registers ("Conversations")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QStackedWidget, QVBoxLayout, QWidget

from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.lists.list_parts import count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.common.opened_in_place import OpenedInPlace
from circles_desktop.ui.common.widgets import FieldMessage


class ConversationsModel(RecordListModel):
    HEADERS = ("Reference", "Title", "Locality", "Theme", "Conversations", "Latest", "Sparks growing", "Status")

    def count_in(self, session: Any, text: str) -> int:
        from circles_desktop.services.conversations import conversation_list

        return conversation_list.count_conversations(session, self.narrow, text)

    def page_in(self, session: Any, text: str, offset: int, limit: int) -> list[Any]:
        from circles_desktop.services.conversations import conversation_list

        return conversation_list.list_conversations(session, self.narrow, text, offset, limit)

    def cells(self, r: Any) -> tuple[Any, ...]:
        latest = uk_date(r.last_at.date()) if r.last_at else ""
        status = CircleStatus(r.status).label
        return (
            r.reference,
            r.title,
            r.locality,
            r.theme,
            r.conversations,
            latest,
            r.sparks_growing or "",
            status,
            r.id,
        )

    def circle_id(self, row: int) -> int:
        return self.record_id(row)


class ConversationsArea(QWidget, OpenedInPlace):
    circle_opened = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.opened: Any = None
        self.dialog: Any = None
        self.setObjectName("conversations.area")
        self.setAccessibleName("Community conversations")
        self.model = ConversationsModel(state, self)
        self.error = FieldMessage("Conversations list error")
        self.list_page = self._build_list_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        tab_chain(self, self.search, self.status, self.open_button, self.new_button, self.toolkit_button, self.table)
        self.search.textChanged.connect(self.model.set_filter)
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_narrow(self.status.currentData()))
        self.model.total_changed.connect(lambda n: self.count.setText(plural(n, "conversation")))
        self.model.failed.connect(self.error.show_message)
        self.table.activated.connect(lambda index: self.open_circle(self.model.circle_id(index.row())))
        self.open_button.clicked.connect(lambda: self.open_selected("Choose a conversation in the list first."))
        self.new_button.clicked.connect(lambda: self.new_conversation())
        self.toolkit_button.clicked.connect(lambda: self.edit_toolkit())
        state.locked.connect(self._forget)
        state.unlocked.connect(lambda _db: self.refresh())
        if not state.is_locked:
            self.refresh()

    def _build_list_page(self) -> QWidget:
        self.search = search_box("conversations.search", "Search title, locality, theme or CONV reference", "Search")
        self.status = QComboBox()
        self.status.setObjectName("conversations.status")
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for s in (CircleStatus.ACTIVE, CircleStatus.CLOSED):
            self.status.addItem(s.label, s.value)
        self.count = count_label("conversations.count", "Number of conversations")
        self.open_button = button("&Open", "conversations.open")
        self.new_button = button("&New conversation…", "conversations.new")
        self.toolkit_button = button("&Toolkit checklist…", "conversations.toolkit", "Your organisation's checklist")
        self.table = list_table(self.model, "conversations.table", "Community conversations", row_height=24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((96, 260, 140, 150, 104, 96, 110, 80)):
            if col != 1:
                header.resizeSection(col, width)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(self.status)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        for b in (self.open_button, self.new_button, self.toolkit_button):
            tools.addWidget(b)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<h2>Community conversations</h2>"))
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
        from circles_desktop.ui.conversations.conversation_screen import ConversationScreen

        return self.show_screen(circle_id, lambda: ConversationScreen(self.state, circle_id))

    def new_conversation(self, show: bool = True) -> Any:
        from circles_desktop.ui.conversations.conversation_form import NewConversationDialog

        if not self.can_leave():
            return None
        dialog = NewConversationDialog(self.state, self)
        dialog.accepted.connect(lambda: self.circle_created(dialog.saved_id))
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def edit_toolkit(self, show: bool = True) -> Any:
        from circles_desktop.ui.conversations.toolkit_editor import ToolkitEditor

        dialog = ToolkitEditor(self.state, self)
        dialog.finished.connect(lambda _r: self.opened.reload() if self.opened is not None else None)
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog


def conversations_area(state: AppState) -> QWidget:
    return ConversationsArea(state)
