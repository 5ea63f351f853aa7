"""The learning circle record PDF for the learners, marked OFFICIAL-SENSITIVE: saved to a file the
coordinator chooses (optionally protected with a password, AES-256) or printed. Each export and print is
written to the audit log with the SHA-256 of what left the machine.

The record's content is read on the UI thread (one short session); building the PDF, protecting and
writing or printing it run in the Background pool and never touch a widget.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import ShowsErrors, in_background, load, read, report, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import FieldMessage, Note, labelled, tone_style
from circles_desktop.ui.sharing.pdf_password import PdfPassword

PASSWORD_NOTE = (
    "Give the password to each learner separately (by phone, or in person), never in the same email as the file."
)
SAVE_TITLE = "Save the learning circle record"


def _content(circle_id: int, prepared_by: str = "") -> Callable[[Any], Any]:
    from circles_desktop.services.learning import learning_record

    return lambda s: learning_record.learning_record_content(
        s, circle_id, prepared_by=prepared_by, prepared_on=date.today()
    )


def record_content(state: AppState, circle_id: int, prepared_by: str = "") -> Any:
    """The record's content, read in one short session; None while locked."""
    return read(state, _content(circle_id, prepared_by), None)


def build_pdf(content: Any, password: str | None = None) -> bytes:
    """Worker-side: the PDF bytes as they will leave the machine (protected when a password is given)."""
    from circles_desktop.reports.kinds.learning_record import build_learning_record
    from circles_desktop.reports.kit import pdfio

    data = build_learning_record(content)
    return pdfio.protect(data, password) if password else data


def record_shared(state: AppState, circle_id: int, how: str, data: bytes, show: ShowsErrors | None = None) -> bool:
    """Audit an export or print with the hash of what left the machine; a failure goes to `show`."""
    from circles_desktop.services.learning import learning_record

    digest = hashlib.sha256(data).hexdigest()
    return write(state, lambda s: learning_record.record_shared(s, circle_id, how, digest), show=show).ok


def can_print() -> bool:
    try:
        from circles_desktop.ui.sharing import print_pdf
    except ImportError:
        return False
    return hasattr(print_pdf, "print_pdf")


class RecordPdfDialog(QDialog):
    """Save the learning circle record as a PDF: optional password, then the file name."""

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.saved_path: Path | None = None
        self.busy = False
        self.setObjectName("record_pdf")
        self.setWindowTitle(SAVE_TITLE)
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        form = self._build_fields()
        self._build_layout(form)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _build_fields(self) -> QFormLayout:
        self.prepared_by = QLineEdit()
        self.prepared_by.setObjectName("record_pdf.prepared_by")
        self.prepared_by.setAccessibleName("Prepared by")
        self.prepared_by.setPlaceholderText("Your name and role (optional)")
        self.pdf_password = PdfPassword("record_pdf", "Protect the PDF with a &password (AES-256)", "&Again:")
        # The dialog's own names for the parts.
        self.protect, self.password_error = self.pdf_password.protect, self.pdf_password.error
        self.password, self.confirm = self.pdf_password.password, self.pdf_password.confirm
        form = QFormLayout()
        form.addRow(labelled("Prepared &by:", self.prepared_by), self.prepared_by)
        self.pdf_password.add_rows(form, protect_beside_labels=False)
        return form

    def _build_layout(self, form: QFormLayout) -> None:
        self.status = QLabel()
        self.status.setObjectName("record_pdf.status")
        self.status.setWordWrap(True)
        self.error = FieldMessage("Not saved")
        self.error.setObjectName("record_pdf.error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save…")
        self.save_button.setObjectName("record_pdf.save")
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The record names the child: it is for the learners only and is marked OFFICIAL-SENSITIVE. "
                "The file name does not name the child."
            )
        )
        layout.addLayout(form)
        layout.addWidget(Note(PASSWORD_NOTE))
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> bool:
        """Ask where, then build and write the PDF off the UI thread; False if nothing was started."""
        from circles_desktop.services.learning import learning_record

        if self.busy:
            return False
        self.error.clear_message()
        ok, password = self.pdf_password.chosen()
        if not ok:
            return False
        read_ok, content = load(
            self.state, _content(self.circle_id, self.prepared_by.text().strip()), show=SaidThrough(self._say_error)
        )
        if not read_ok:
            return False
        suggested = str(Path.home() / learning_record.file_name(content))
        path, _ = QFileDialog.getSaveFileName(self, SAVE_TITLE, suggested, "PDF files (*.pdf)")
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._set_busy(True)
        self.status.setStyleSheet("")
        self.status.setText("Making the PDF…")

        def work() -> bytes:
            from circles_desktop.reports.kit import pdfio

            data = build_pdf(content, password)
            pdfio.write_pdf(path, data)
            return data

        in_background(self.state, work, lambda data: self._saved(Path(path), data), on_error=self._failed)
        self.pdf_password.forget()
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)

    def _say_error(self, text: str) -> None:
        self.error.show_message(text)

    def _saved(self, path: Path, data: bytes) -> None:
        self._set_busy(False)
        not_audited = SaidThrough(self._say_error, "The PDF was saved, but the audit log could not be written: ")
        record_shared(self.state, self.circle_id, "export", data, show=not_audited)
        self.saved_path = path
        note = " Give the password to the learners separately." if self.protect.isChecked() else ""
        self.status.setStyleSheet(tone_style("good"))
        self.status.setText(f"Saved to {path}.{note}")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.clear()
        self.error.show_message(f"The PDF was not saved: {describe(exc)}")


def print_record(state: AppState, parent: QWidget, circle_id: int, show: ShowsErrors | None = None) -> bool:
    """Print the record (the very PDF a save would write): read here, built and printed in the background,
    audited once the pages have gone to the printer. True once printing has started; False if locked or
    the printer dialog was cancelled. A failure after that goes to `show` (by default a message box)."""
    from circles_desktop.ui.sharing import print_pdf

    content = record_content(state, circle_id)
    if content is None:
        return False
    failure = show or SaidThrough(
        lambda text: QMessageBox.warning(parent, "Print", text), "The record was not printed: "
    )
    job = print_pdf.print_pdf(
        state.background,
        parent,
        lambda: build_pdf(content),
        f"Learning circle record {content.reference}",
        on_printed=lambda data: record_shared(state, circle_id, "print", data, show=failure),
        on_error=lambda exc: report(exc, show=failure),
    )
    return job is not None
