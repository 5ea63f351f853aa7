"""The Conversations area: the list of community conversations (searched, filtered and paged in SQL) and,
opened from it, the conversation screen; the organisation's toolkit checklist is edited from here.
`conversations_area(state)` is the factory the main window registers ("Conversations")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.lists.circle_list_area import CircleListArea, status_words
from circles_desktop.ui.common.lists.paged_model import RecordListModel


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
        status = status_words(r.status, r.ended_on, r.ended_reason)
        growing = r.sparks_growing or ""
        return (r.reference, r.title, r.locality, r.theme, r.conversations, latest, growing, status, r.id)

    def circle_id(self, row: int) -> int:
        return self.record_id(row)


class ConversationsArea(CircleListArea):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        self.status = QComboBox()
        self.status.setObjectName("conversations.status")
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for s in (CircleStatus.ACTIVE, CircleStatus.CLOSED):
            self.status.addItem("Ended" if s is CircleStatus.CLOSED else s.label, s.value)
        self.toolkit_button = button("&Toolkit checklist…", "conversations.toolkit", "Your organisation's checklist")
        model = ConversationsModel(state)
        super().__init__(
            state,
            model,
            name="conversations",
            title="Community conversations",
            search_hint="Search title, locality, theme or CONV reference",
            new_text="&New conversation…",
            counted=lambda n: plural(n, "conversation"),
            nothing_chosen="Choose a conversation in the list first.",
            filters=[self.status],
            buttons=[self.toolkit_button],
            parent=parent,
        )
        model.setParent(self)
        header = self.table.horizontalHeader()
        for col, width in enumerate((96, 0, 120, 130, 100, 90, 105, 170)):
            if col != 1:
                header.resizeSection(col, width)
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_narrow(self.status.currentData()))
        self.toolkit_button.clicked.connect(lambda: self.edit_toolkit())

    def make_screen(self, circle_id: int) -> QWidget:
        from circles_desktop.ui.conversations.conversation_screen import ConversationScreen

        return ConversationScreen(self.state, circle_id)

    def new_dialog(self) -> Any:
        from circles_desktop.ui.conversations.conversation_form import NewConversationDialog

        return NewConversationDialog(self.state, self)

    def saved_id(self, dialog: Any) -> int | None:
        return dialog.saved_id

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
