"""Saving or printing one document (a conversation summary, a session note, a season summary) from a
small dialog: for a document that may leave the machine with names in it, an optional password
(AES-256, `pdf_password.PdfPassword`); "Save PDF…" asks where, then builds, protects and writes it in
the Background pool; "Print…" asks for a printer, then builds and prints it in the background
(`print_pdf`). Each save and each print is recorded in the register of shared documents and the audit
log with the exact bytes that left the machine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QVBoxLayout, QWidget

from circles_desktop.services.common.words import plural
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, load, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import Note, StatusNote
from circles_desktop.ui.sharing.pdf_password import PdfPassword

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState

PASSWORD_NOTE = "Give the password separately (by phone, or in person), never in the same email as the file."


@dataclass(frozen=True)
class PdfDocument:
    """How one kind of document is read, built, named and recorded."""

    title: str  # "the conversation summary": the dialog's and the print queue's words
    read: Callable[[Session], Any]  # the content, in one short session
    build: Callable[[Any], bytes]  # content -> PDF bytes (runs in a worker)
    file_name: Callable[[Any], str]  # a suggested file name that names no one
    # (session, "export" or "print", the bytes that left, the file's name, password-protected): register + audit
    record: Callable[[Session, str, bytes, str, bool], None]
    about: str = ""  # one line on what it holds and who it is for
    protectable: bool = False  # offer the optional password


def build_protected(document: PdfDocument, content: Any, password: str | None) -> bytes:
    """Worker-side: the bytes as they leave the machine."""
    from circles_desktop.reports.kit import pdfio

    data = document.build(content)
    return pdfio.protect(data, password) if password else data


class DocumentDialog(QDialog):
    """Save or print one document; `status` says how it went, `saved_path` where it was saved."""

    def __init__(self, state: AppState, document: PdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.document = state, document
        self.saved_path: Path | None = None
        self.print_job: Any = None
        self.setObjectName("document_dialog")
        self.setWindowTitle(f"Save or print {document.title}")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        self.pdf_password = PdfPassword("document", "Protect the PDF with a &password (AES-256)", "&Again:")
        self.status = StatusNote("How it went")
        self.status.setObjectName("document.status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("document.save")
        self.save_button.setDefault(True)
        self.print_button = self.buttons.addButton("P&rint…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("document.print")
        layout = QVBoxLayout(self)
        if document.about:
            layout.addWidget(Note(document.about))
        if document.protectable:
            form = QFormLayout()
            self.pdf_password.add_rows(form, protect_beside_labels=False)
            layout.addLayout(form)
            layout.addWidget(Note(PASSWORD_NOTE))
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button.clicked.connect(lambda: self.print_document())
        self.buttons.rejected.connect(self.reject)
        self.first = self.pdf_password.protect if document.protectable else self.save_button

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.first.setFocus()  # set before showing, the button box would take the focus

    def _content(self) -> tuple[bool, Any]:
        return load(self.state, self.document.read, show=SaidThrough(self.status.fail, "Nothing was done: "))

    def _record(self, how: str, data: bytes, name: str, protected: bool) -> None:
        not_audited = SaidThrough(self.status.fail, f"The PDF went ({how}), but the audit log could not be written: ")
        write(self.state, lambda s: self.document.record(s, how, data, name, protected), show=not_audited, saved=False)

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)

    def save(self) -> bool:
        """Ask where, then build and write off the UI thread; False if nothing was started."""
        ok, password = self.pdf_password.chosen()
        if not ok:
            return False
        ok, content = self._content()
        if not ok:
            return False
        suggested = str(Path.home() / self.document.file_name(content))
        chosen, _ = QFileDialog.getSaveFileName(self, f"Save {self.document.title}", suggested, "PDF files (*.pdf)")
        if not chosen:
            return False
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.pdf_password.forget()
        self._busy(True)
        self.status.say("Making the PDF…")

        def work() -> bytes:
            from circles_desktop.reports.kit import pdfio

            data = build_protected(self.document, content, password)
            pdfio.write_pdf(path, data)
            return data

        def done(data: bytes) -> None:
            self._busy(False)
            self.saved_path = path
            self.status.say(f"Saved to {path}." + (" Give the password separately." if password else ""))
            self._record("export", data, path.name, password is not None)

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self.status.fail(f"The PDF was not saved: {describe(exc)}")

        in_background(self.state, work, done, on_error=failed)
        return True

    def print_document(self) -> bool:
        """Ask for a printer, then build and print in the background; recorded once pages have gone."""
        from circles_desktop.ui.sharing import print_pdf

        ok, content = self._content()
        if not ok:
            return False
        title = self.document.title[0].upper() + self.document.title[1:]

        def printed(data: bytes) -> None:
            self._busy(False)
            pages = self.print_job.pages if self.print_job is not None else None
            self.status.say(f"Sent to the printer: {plural(pages or 0, 'page')}.")
            self._record("print", data, "", False)

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self.status.fail(f"Nothing was printed: {describe(exc)}")

        job = print_pdf.print_pdf(
            self.state.background,
            self,
            lambda: self.document.build(content),
            title,
            on_printed=printed,
            on_error=failed,
        )
        if job is None:
            return False
        job.nothing_printed.connect(self._nothing_printed)
        self.print_job = job
        self._busy(True)
        self.status.say("Printing…")
        return True

    def _nothing_printed(self) -> None:
        self._busy(False)
        self.status.say("Printing stopped before the first page: nothing was printed.")

    def reject(self) -> None:
        self.pdf_password.forget()
        super().reject()
