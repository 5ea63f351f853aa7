"""Saving the circle plan (the person in focus's own, in large print and with no marking) or the
facilitator's match summary as a PDF the coordinator chooses where to keep. Each is written to the
register of shared documents and the audit log with the SHA-256 of what left the machine.

The content is read on the UI thread in one short session; building and writing the PDF run in the
Background pool and never touch a widget. Printing goes through ui/sharing/print_documents.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, load, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import GOOD_STYLE, FieldMessage, Note

WORDS = {
    "plan": (
        "Save the circle plan",
        "The one-page plan the person in focus keeps: their purpose, who is in their circle, what each member "
        "offered to do and the next meeting, in large print. It holds only what they agreed to share.",
    ),
    "summary": (
        "Save the facilitator's match summary",
        "For the facilitator: why they were matched, when the circle can meet, their 12-month commitment and "
        "their connector. Marked OFFICIAL-SENSITIVE; it holds only what the person agreed their facilitator may have.",
    ),
}


def read_document(s: Any, circle_id: int, which: str) -> tuple[Any, str, str]:
    """(content, file name, document kind) of the plan or the summary, as of now."""
    from circles_desktop.services.community import community_circles as cc
    from circles_desktop.services.community import documents
    from circles_desktop.services.sharing import sharing

    reference, today = cc.community_detail(s, circle_id).reference, date.today()
    if which == "plan":
        return (
            documents.plan_content(s, circle_id, datetime.now()),
            documents.plan_file_name(reference, today),
            sharing.CIRCLE_PLAN,
        )
    return (
        documents.match_summary_content(s, circle_id, today),
        documents.summary_file_name(reference, today),
        sharing.MATCH_SUMMARY,
    )


def build(which: str, content: Any) -> bytes:
    """Worker-side: the document's bytes."""
    if which == "plan":
        from circles_desktop.reports.kinds.circle_plan import build_circle_plan

        return build_circle_plan(content)
    from circles_desktop.reports.kinds.match_summary import build_match_summary

    return build_match_summary(content)


class SaveDocumentDialog(QDialog):
    def __init__(self, state: AppState, circle_id: int, which: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.which = which
        self.saved_path: Path | None = None
        self.busy = False
        title, note = WORDS[which]
        self.setObjectName(f"community.save_{which}")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.status = QLabel()
        self.status.setObjectName("document.status")
        self.status.setWordWrap(True)
        self.error = FieldMessage("Not saved")
        self.error.setObjectName("document.error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save…")
        self.save_button.setObjectName("document.save")
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(Note(note + " The file name names no one."))
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> bool:
        """Ask where, then build and write the PDF off the UI thread; False if nothing was started."""
        if self.busy:
            return False
        self.error.clear_message()
        ok, read = load(
            self.state,
            lambda s: read_document(s, self.circle_id, self.which),
            show=SaidThrough(self.error.show_message),
        )
        if not ok:
            return False
        content, name, kind = read
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), str(Path.home() / name), "PDF files (*.pdf)")
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.busy = True
        self.save_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText("Making the PDF…")

        def work() -> bytes:
            from circles_desktop.reports.kit import pdfio

            data = build(self.which, content)
            pdfio.write_pdf(path, data)
            return data

        in_background(self.state, work, lambda data: self._saved(Path(path), data, kind), on_error=self._failed)
        return True

    def _saved(self, path: Path, data: bytes, kind: str) -> None:
        from circles_desktop.services.community import documents
        from circles_desktop.services.sharing import sharing

        self.busy = False
        self.save_button.setEnabled(True)
        not_recorded = SaidThrough(
            self.error.show_message, "The PDF was saved, but the register could not be written: "
        )
        write(
            self.state,
            lambda s: documents.record_shared(s, self.circle_id, kind, sharing.EXPORT, data, path.name),
            show=not_recorded,
        )
        self.saved_path = path
        self.status.setStyleSheet(GOOD_STYLE)
        self.status.setText(f"Saved to {path}.")

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.status.clear()
        self.error.show_message(f"The PDF was not saved: {describe(exc)}")


def print_circle_document(state: AppState, parent: QWidget, circle_id: int, which: str = "plan") -> bool:
    """Print the plan (to the person in focus) or the summary (to the facilitator); True once it has
    gone to the printer, recorded in the register as printed for its recipient."""
    from circles_desktop.ui.sharing.print_documents import print_document

    def read(s: Any) -> tuple[Any, dict[str, Any]]:
        from circles_desktop.services.community import documents

        content, name, kind = read_document(s, circle_id, which)
        register = documents.register_entry(s, circle_id, kind) | {"file_name": name}
        return lambda: build(which, content), register

    return print_document(state, parent, "circle plan" if which == "plan" else "match summary", read)
