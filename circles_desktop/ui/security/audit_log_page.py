"""The audit log area: every unlock, lock, backup, print and change, newest first, and a chain check."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.list_parts import PagedList, count_label, list_table, search_box
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, in_session, read
from circles_desktop.ui.common.widgets import FieldMessage, Note, tone_style

TIME_FORMAT = "%d %b %Y %H:%M:%S"


class AuditLogModel(PagedTableModel):
    COL_TIME, COL_ACTION, COL_OBJECT, COL_DETAIL = range(4)
    HEADERS = ("Time", "Action", "Object", "Detail")
    SORTS = {COL_TIME: "time", COL_ACTION: "action", COL_OBJECT: "object"}
    DEFAULT_SORT = (COL_TIME, True)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.HEADERS, self._fetch, self._count, parent=parent)
        self.state = state

    def _count(self, text: str) -> int:
        from circles_desktop.services.security import audit_search

        return read(self.state, lambda s: audit_search.count(s, text), 0)

    def _fetch(self, text: str, offset: int, limit: int) -> list[tuple[str, str, str, str]]:
        from circles_desktop.services.security import audit_search

        rows = read(self.state, lambda s: audit_search.page(s, text, offset, limit, self.sort_key, self.descending), [])
        # Formatted once here, not on every paint.
        return [(r.local_time.strftime(TIME_FORMAT), r.action, r.object, r.detail) for r in rows]


class AuditPage(PagedList):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setAccessibleName("Audit log")
        intro = Note(
            "Every unlock, lock, backup, print and change of passphrase, newest first. Each entry is "
            "chained to the one before by a hash, so any alteration shows when the chain is verified."
        )
        self.search = search_box("audit.search", "Search actions, objects and details", "Search the audit log")
        self.count = count_label("audit.count", "Number of entries")
        self.verify_button = QPushButton("&Verify chain")
        self.verify_button.setAccessibleName("Verify the audit log's hash chain")
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setAccessibleName("Chain verification result")
        self.error = FieldMessage("Audit log error")
        self.model = AuditLogModel(state, self)
        self.table = list_table(
            self.model, "audit.table", "Audit log entries", stretch=AuditLogModel.COL_DETAIL, keep=(0, 1)
        )

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.count)
        tools.addSpacing(12)
        tools.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Audit log</h2>"))
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.verify_button)
        self.setTabOrder(self.verify_button, self.table)
        self.verify_button.clicked.connect(self.verify)
        self.follow(lambda total: f"{total} entr{'y' if total == 1 else 'ies'}")
        self.add_export("audit", "Audit log")

    def _forget(self) -> None:
        super()._forget()
        self.verify_result.clear()

    def verify(self) -> None:
        """Walk the whole chain in a worker: a long log must not freeze the window."""
        if self.state.is_locked:
            return
        state = self.state

        def work() -> tuple[bool, str]:
            from circles_desktop.services.security import audit

            report = in_session(state, audit.verify)
            return report.ok, report.message()

        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText("Verifying…")
        in_background(state, work, self._verified, on_error=lambda exc: self._verified((False, describe(exc))))

    def _verified(self, result: tuple[bool, str]) -> None:
        ok, message = result
        self.verify_button.setEnabled(True)
        self.verify_result.setStyleSheet(tone_style("good") if ok else tone_style("warning"))
        self.verify_result.setText(message)
