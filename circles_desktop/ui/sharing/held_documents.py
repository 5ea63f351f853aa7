"""Said at once when consent is withdrawn: the documents the recipient still holds under it, with
"Ask for it back" right there (the same step as the register's, services/sharing/sharing.mark_asked_back)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.tables import fill_table, make_table
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import StatusNote

HEADERS = ("Document", "Meeting", "Recipient", "What it held", "Shared", "Asked back")


def _cells(row: Any) -> tuple[str, ...]:
    return (
        row.kind_label,
        uk_date(row.meeting_date),
        row.recipient_name,
        row.category_labels,
        uk_date(row.shared_at.date()),
        uk_date(row.asked_back_on) or "not yet",
    )


class HeldDocumentsDialog(QDialog):
    """The documents still held under consent just withdrawn; "Ask for it back" records today's request
    for each one not yet asked back."""

    def __init__(self, state: AppState, rows: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows = list(rows)
        self.setObjectName("held_documents")
        self.setWindowTitle("Documents still held under this consent")
        self.setAccessibleName("Documents still held under the withdrawn consent")
        self.setMinimumWidth(960)
        recipients = sorted({row.recipient_name for row in self.rows})
        intro = QLabel(
            f"{' and '.join(recipients)} still {'hold' if len(recipients) > 1 else 'holds'} "
            f"{plural(len(self.rows), 'document')} shared under the consent just withdrawn. "
            "Ask for them back (returned or destroyed), and record when they are returned in Shared documents."
        )
        intro.setObjectName("held_documents.intro")
        intro.setWordWrap(True)
        # Everything but "What it held" (whole on hover) kept: which document, when, who holds it.
        self.table = make_table(HEADERS, "Documents still held", stretch=3, keep=(0, 1, 2, 4, 5))
        self.table.setObjectName("held_documents.table")
        self.table.setMinimumHeight(140)
        self.ask_button = QPushButton("&Ask for it back")
        self.ask_button.setObjectName("held_documents.ask_back")
        self.ask_button.setToolTip("Record that you asked today for every document listed that is not yet asked back")
        self.status = StatusNote("What was recorded")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.ask_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.accept)  # Close: the screen behind reads the register again
        self.ask_button.clicked.connect(self.ask_back)
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """The cursor starts on "Ask for it back" (the thing to do now); Enter asks."""
        super().showEvent(event)
        self.ask_button.setDefault(True)
        self.ask_button.setFocus()

    def _fill(self) -> None:
        fill_table(self.table, [_cells(row) for row in self.rows], [row.id for row in self.rows])
        self.ask_button.setEnabled(any(row.asked_back_on is None for row in self.rows))

    def ask_back(self) -> None:
        from circles_desktop.services.sharing import sharing

        waiting = [row.id for row in self.rows if row.asked_back_on is None]
        today = date.today()

        def work(s: Any) -> list[Any]:
            asked = {doc_id: sharing.mark_asked_back(s, doc_id, today) for doc_id in waiting}
            return [asked.get(row.id, row) for row in self.rows]

        outcome = write(self.state, work, show=SaidThrough(self.status.fail))
        if not outcome.ok:
            return
        self.rows = outcome.value
        self._fill()
        self.status.say(f"Recorded: {plural(len(waiting), 'document')} asked back today.")


def open_held_documents(state: AppState, rows: Sequence[Any], parent: QWidget | None) -> HeldDocumentsDialog | None:
    """Show the documents still held, if there are any."""
    if not rows:
        return None
    dialog = HeldDocumentsDialog(state, rows, parent)
    dialog.open()
    return dialog
