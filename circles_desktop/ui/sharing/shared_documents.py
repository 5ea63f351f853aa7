"""The register of what a circle has shared with whom, for the Circle screen.

Documents a recipient still holds under consent that has since been withdrawn are highlighted, with
"Ask for it back" and "Returned" to record what the coordinator did about them.
"""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import uk_date, uk_date_time
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.tables import USER_ROLE, make_table, select_id, selected_id
from circles_desktop.ui.common.messages import Locked
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import ON_LIGHT, Note, tone_style

COL_SHARED, COL_DOCUMENT, COL_MEETING, COL_RECIPIENT, COL_CATEGORIES, COL_HOW, COL_STATUS = range(7)
HEADERS = ("Shared", "Document", "Meeting", "Recipient", "What it held", "How", "Status")
HELD_COLOUR = QColor("#fff3cd")  # amber: held under withdrawn consent
RETURNED_COLOUR = QColor("#e8f5e9")
LIMIT = 500  # a circle shares a few documents a month; the newest 500 is years of them


class SharedDocumentsPanel(QWidget):
    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.rows: list[Any] = []
        self.setObjectName("shared.panel")
        layout = QVBoxLayout(self)
        title = QLabel("Documents shared from this circle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.banner = QLabel()
        self.banner.setObjectName("shared.banner")
        self.banner.setWordWrap(True)
        # Its own text colour: on a dark palette the default (light) text would not read on amber.
        self.banner.setStyleSheet(f"background: #fff3cd; color: {ON_LIGHT}; border: 1px solid #e0c36a; padding: 6px;")
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.table = self._build_table()
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(self._build_buttons())
        layout.addWidget(
            Note(
                "Every PDF exported or printed for someone is listed here with its SHA-256, so a copy can be "
                "matched to this record. When consent is withdrawn, ask the recipient for the documents they "
                "hold under it."
            )
        )
        state.unlocked.connect(lambda _db: self.reload())
        state.locked.connect(self.clear)
        self.reload()

    def _build_table(self) -> QTableWidget:
        # Who holds what, since when, are what the register is for: the status (said again by the row's
        # colour and the banner above) gives way first; every cell is whole on hover.
        keep = (COL_SHARED, COL_DOCUMENT, COL_MEETING, COL_RECIPIENT, COL_CATEGORIES, COL_HOW)
        table = make_table(HEADERS, "Documents shared from this circle", keep=keep)
        table.setObjectName("shared.table")
        table.setAlternatingRowColors(False)  # the row colours say which documents need doing
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.itemSelectionChanged.connect(self._update_buttons)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.ask_button = QPushButton("&Ask for it back")
        self.ask_button.setObjectName("shared.ask_back")
        self.ask_button.setToolTip("Record that you have asked the recipient to return or destroy this document today")
        self.ask_button.clicked.connect(self.ask_back)
        self.returned_button = QPushButton("&Returned")
        self.returned_button.setObjectName("shared.returned")
        self.returned_button.setToolTip("Record that the recipient returned (or confirmed destroying) it today")
        self.returned_button.clicked.connect(self.mark_returned)
        self.message = QLabel()
        self.message.setObjectName("shared.message")
        self.message.setWordWrap(True)
        buttons.addWidget(self.ask_button)
        buttons.addWidget(self.returned_button)
        buttons.addWidget(self.message, stretch=1)
        return buttons

    # --- data ------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)
        self.banner.setVisible(False)
        self.message.clear()
        self._update_buttons()

    def reload(self) -> None:
        from circles_desktop.services.sharing import sharing

        keep = self.selected_id()
        outcome = load(
            self.state,
            lambda s: sharing.list_shared(s, self.circle_id, limit=LIMIT),
            show=SaidThrough(self._unreadable),
            handlers={Locked: lambda _exc: self.clear()},  # nothing to say: the lock cover says it
        )
        if not outcome.ok:
            return
        # Documents still held under withdrawn consent first: they are what needs doing.
        self.rows = sorted(outcome.value, key=lambda row: not row.held_under_withdrawn_consent)
        self._fill(keep)

    def _unreadable(self, text: str) -> None:
        self.clear()
        self._say(text, error=True)

    def _fill(self, keep: int | None) -> None:
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            protected = ", password" if row.password_protected else ""
            values = (
                uk_date_time(row.shared_at.replace(tzinfo=UTC).astimezone()),  # stored in UTC, shown local
                row.kind_label,
                uk_date(row.meeting_date),
                row.recipient_name,
                row.category_labels or ("Everything (inner circle)" if row.document_kind == "meeting_pack" else ""),
                ("Exported" if row.how == "export" else "Printed") + protected,
                row.status,
            )
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(USER_ROLE, row.id)
                tip = f"{text}\nSHA-256 {row.sha256}"
                if row.file_name:
                    tip = f"{row.file_name}\n{tip}"
                item.setToolTip(tip)
                if row.held_under_withdrawn_consent:
                    item.setBackground(QBrush(HELD_COLOUR))
                    item.setForeground(QBrush(QColor(ON_LIGHT)))  # readable on amber on any palette
                elif row.returned_on is not None:
                    item.setBackground(QBrush(RETURNED_COLOUR))
                    item.setForeground(QBrush(QColor(ON_LIGHT)))
                self.table.setItem(r, c, item)
            if row.id == keep:
                self.table.selectRow(r)
        held = [row for row in self.rows if row.held_under_withdrawn_consent]
        if held:
            waiting = sum(1 for row in held if row.asked_back_on is None)
            text = (
                f"{len(held)} document{'s are' if len(held) != 1 else ' is'} still held under consent that has "
                "since been withdrawn."
            )
            if waiting:
                text += f" {waiting} not yet asked back: select one and choose “Ask for it back”."
            self.banner.setText(text)
        self.banner.setVisible(bool(held))
        # The line under the list says what it shows now, never what it showed before (a register that
        # once was empty must not go on saying so beside its rows).
        self._say("" if self.rows else "Nothing has been exported or printed from this circle yet.")
        self._update_buttons()

    def selected_id(self) -> int | None:
        return selected_id(self.table)

    def select_document(self, doc_id: int) -> None:
        select_id(self.table, doc_id)

    def _selected_row(self) -> Any:
        doc_id = self.selected_id()
        return next((row for row in self.rows if row.id == doc_id), None)

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.ask_button.setEnabled(row is not None and row.held_under_withdrawn_consent and row.asked_back_on is None)
        self.returned_button.setEnabled(row is not None and row.returned_on is None and bool(row.withdrawn))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(tone_style("error") if error else "")
        self.message.setText(text)

    def _say_error(self, text: str) -> None:
        self._say(text, error=True)

    # --- actions ---------------------------------------------------------------------------------
    def ask_back(self) -> None:
        self._act("mark_asked_back", "Recorded: asked for {name}'s copy back today.")

    def mark_returned(self) -> None:
        self._act("mark_returned", "Recorded: {name}'s copy returned today.")

    def _act(self, what: str, done: str) -> None:
        from circles_desktop.services.sharing import sharing

        row = self._selected_row()
        if row is None:
            return
        mark = getattr(sharing, what)
        if not write(self.state, lambda s: mark(s, row.id, date.today()), show=SaidThrough(self._say_error)).ok:
            return
        self.reload()
        self.select_document(row.id)
        self._say(done.format(name=row.recipient_name.split(",")[0]))


def shared_documents_panel(state: AppState, circle_id: int) -> SharedDocumentsPanel:
    return SharedDocumentsPanel(state, circle_id)
