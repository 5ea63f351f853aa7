"""The audit log area: every unlock, lock, backup, print and change, newest first, and a chain check."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.paged_model import PagedTableModel
from circles_desktop.ui.common.widgets import FieldMessage, Note

TIME_FORMAT = "%d %b %Y %H:%M:%S"


class AuditLogModel(PagedTableModel):
    COL_TIME, COL_ACTION, COL_OBJECT, COL_DETAIL = range(4)
    HEADERS = ("Time", "Action", "Object", "Detail")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state

    def _count(self, text: str) -> int:
        from circles_desktop.services.security import audit_search

        return read(self.state, lambda s: audit_search.count(s, text), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple[str, str, str, str]]:
        from circles_desktop.services.security import audit_search

        rows = read(self.state, lambda s: audit_search.page(s, text, offset, limit), [])
        # Formatted once here, not on every paint.
        return [(r.local_time.strftime(TIME_FORMAT), r.action, r.object, r.detail) for r in rows]


class AuditPage(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setAccessibleName("Audit log")
        heading = QLabel("<h2>Audit log</h2>")
        intro = Note(
            "Every unlock, lock, backup, print and change of passphrase, newest first. Each entry is "
            "chained to the one before by a hash, so any alteration shows when the chain is verified."
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search actions, objects and details")
        self.search.setAccessibleName("Search the audit log")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName("Number of entries")
        self.verify_button = QPushButton("&Verify chain")
        self.verify_button.setAccessibleName("Verify the audit log's hash chain")
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setAccessibleName("Chain verification result")
        self.error = FieldMessage("Audit log error")

        self.model = AuditLogModel(state, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit log entries")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AuditLogModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AuditLogModel.COL_TIME, 170)
        header.resizeSection(AuditLogModel.COL_ACTION, 150)
        header.resizeSection(AuditLogModel.COL_OBJECT, 320)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        tools.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.verify_button)
        self.setTabOrder(self.verify_button, self.table)

        self.search.textChanged.connect(self.model.set_filter)
        self.model.total_changed.connect(self._show_count)
        self.model.failed.connect(self.error.show_message)
        self.verify_button.clicked.connect(self.verify)
        state.unlocked.connect(lambda _db: self.refresh())
        state.locked.connect(self._forget)
        if not state.is_locked:
            self.refresh()

    def refresh(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): new entries appear on each visit
        super().showEvent(event)
        if not self.state.is_locked:
            self.refresh()

    def _forget(self) -> None:
        self.model.clear()
        self.verify_result.clear()
        self.count.clear()

    def _show_count(self, total: int) -> None:
        self.count.setText(f"{total} entr{'y' if total == 1 else 'ies'}")

    def verify(self) -> None:
        """Walk the whole chain in a worker: a long log must not freeze the window."""
        db = self.state.database
        if db is None:
            return

        def work() -> tuple[bool, str]:
            from circles_desktop.services.security import audit

            with db.session() as s:
                report = audit.verify(s)
            return report.ok, report.message()

        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText("Verifying…")
        self.state.background.run(work, self._verified, lambda exc: self._verified((False, describe(exc))))

    def _verified(self, result: tuple[bool, str]) -> None:
        ok, message = result
        self.verify_button.setEnabled(True)
        self.verify_result.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020; font-weight: bold;")
        self.verify_result.setText(message)
