"""Saving one document as a PDF the coordinator places (a conversation summary, a session note, a season
summary): its content read in one short session, the file chosen, the PDF built and written in the
Background pool, then recorded in the register of shared documents and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QWidget

from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, load, write
from circles_desktop.ui.common.said_through import SaidThrough

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState


@dataclass(frozen=True)
class PdfDocument:
    """How one kind of document is read, built, named and recorded."""

    title: str  # the save dialog's title: "Save the conversation summary"
    read: Callable[[Session], Any]  # the content, in one short session
    build: Callable[[Any], bytes]  # content -> PDF bytes (runs in a worker)
    file_name: Callable[[Any], str]  # a suggested file name that names no one
    record: Callable[[Session, bytes, str], None]  # (session, the bytes written, the file's name): register + audit


def save_pdf(
    state: AppState,
    parent: QWidget,
    document: PdfDocument,
    say: Callable[[str], object],
    fail: Callable[[str], object],
    on_saved: Callable[[Path], None] | None = None,
) -> bool:
    """Ask where, then build and write off the UI thread; False if nothing was started."""
    ok, content = load(state, document.read, show=SaidThrough(fail, "Nothing was saved: "))
    if not ok:
        return False
    suggested = str(Path.home() / document.file_name(content))
    chosen, _ = QFileDialog.getSaveFileName(parent, document.title, suggested, "PDF files (*.pdf)")
    if not chosen:
        return False
    path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
    say("Making the PDF…")

    def work() -> bytes:
        from circles_desktop.reports.kit import pdfio

        data = document.build(content)
        pdfio.write_pdf(path, data)
        return data

    def done(data: bytes) -> None:
        not_audited = SaidThrough(fail, "The PDF was saved, but the audit log could not be written: ")
        write(state, lambda s: document.record(s, data, path.name), show=not_audited, saved=False)
        say(f"Saved to {path}.")
        if on_saved is not None:
            on_saved(path)

    def failed(exc: BaseException) -> None:
        fail(f"The PDF was not saved: {describe(exc)}")

    in_background(state, work, done, on_error=failed)
    return True
