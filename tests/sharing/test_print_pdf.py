"""Printing renders the very PDF bytes through QtPdf: one printed page per source page, onto a PDF
QPrinter here (never a real printer). A print runs in the Background pool: each test waits for its job
to report (PrintJob.pages is set as it emits `printed`, `nothing_printed` or `failed`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from circles_desktop.reports import samples
from circles_desktop.reports.kit.pdfio import protect
from circles_desktop.reports.meeting_pack import build_meeting_pack
from circles_desktop.reports.minutes import build_minutes
from circles_desktop.ui.common.background import Background
from circles_desktop.ui.sharing import print_pdf
from support.exports import page_count
from support.ui import WAIT_MS


def pdf_printer(path: Path) -> QPrinter:
    printer = print_pdf.make_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture(scope="module")
def pack() -> bytes:
    return build_meeting_pack(samples.sample_meeting_pack())


@pytest.fixture
def background(qapp):
    pool = Background()
    yield pool
    pool.wait()


def printed(qtbot, job: print_pdf.PrintJob | None) -> bool:
    """What a print reported: False when the printer dialog was cancelled (no job was started)."""
    if job is None:
        return False
    qtbot.waitUntil(lambda: job.pages is not None, timeout=WAIT_MS)
    return bool(job.pages)


def test_printed_pages_match_the_source(qapp, tmp_path, pack):
    source = page_count(pack)
    assert source > 3
    out = tmp_path / "printed.pdf"
    assert print_pdf.paint_pdf(pack, pdf_printer(out)) == source
    printed = PdfReader(out)
    assert len(printed.pages) == source == print_pdf.page_count(pack)
    # A4 in, A4 out (points, within rounding)
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2


def test_minutes_print_one_page_each(qapp, tmp_path):
    data = build_minutes(samples.sample_minutes(length=3), {"minutes", "attendance"})
    out = tmp_path / "m.pdf"
    assert print_pdf.paint_pdf(data, pdf_printer(out)) == page_count(data) == len(PdfReader(out).pages)


def test_page_range_is_honoured(qapp, tmp_path, pack):
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf.paint_pdf(pack, printer) == 2
    assert len(PdfReader(out).pages) == 2


def test_print_dialog_cancelled_prints_nothing(qtbot, background, tmp_path, pack, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    out = tmp_path / "none.pdf"
    assert printed(qtbot, print_pdf.print_pdf(background, None, pack, "pack", pdf_printer(out))) is False
    assert not out.exists()


def test_print_dialog_accepted_prints(qtbot, background, tmp_path, pack, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    out = tmp_path / "yes.pdf"
    assert printed(qtbot, print_pdf.print_pdf(background, None, pack, "pack", pdf_printer(out))) is True
    assert len(PdfReader(out).pages) == page_count(pack)


def test_preview_paints_the_same_pages_and_reports_a_print(qapp, tmp_path, pack, monkeypatch):
    out = tmp_path / "from-preview.pdf"
    target = pdf_printer(out)

    def exec_(self):
        self.paintRequested.emit(target)  # what the preview's Print button does with the chosen printer
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    assert print_pdf.preview_pdf(None, pack, "pack", target) is True
    assert len(PdfReader(out).pages) == page_count(pack)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert print_pdf.preview_pdf(None, pack, "pack") is False


def test_unreadable_or_protected_bytes_are_refused_clearly(qapp, pack):
    with pytest.raises(print_pdf.PdfLoadError, match="could not be read"):
        print_pdf.page_count(b"%PDF-1.7 nonsense")
    with pytest.raises(print_pdf.PdfLoadError):
        print_pdf.page_count(protect(pack, "a long password"))


def test_printing_shows_progress_and_can_be_stopped(qtbot, background, tmp_path, pack, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    seen: list[tuple[int, int]] = []
    real_set_value = QProgressDialog.setValue

    def set_value_then_stop(self, value):
        real_set_value(self, value)
        seen.append((value, self.maximum()))
        if value == 2:
            self.cancel()  # the coordinator presses "Stop printing" after two pages

    monkeypatch.setattr(QProgressDialog, "setValue", set_value_then_stop)
    out = tmp_path / "stopped.pdf"
    # Stopped after two pages: those two are on paper, so it counts as printed (and is audited).
    assert printed(qtbot, print_pdf.print_pdf(background, None, pack, "pack", pdf_printer(out))) is True
    assert seen[:3] == [(0, page_count(pack)), (1, page_count(pack)), (2, page_count(pack))]
    assert len(PdfReader(out).pages) == 2


def test_the_pdf_is_built_and_painted_off_the_ui_thread(qtbot, background, tmp_path, pack, monkeypatch):
    import threading

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    threads: list[threading.Thread] = []
    real_render = print_pdf.LoadedPdf.render_page

    def render(self, index, dpi):
        threads.append(threading.current_thread())
        return real_render(self, index, dpi)

    def build() -> bytes:
        threads.append(threading.current_thread())
        return pack

    monkeypatch.setattr(print_pdf.LoadedPdf, "render_page", render)
    out = tmp_path / "worker.pdf"
    assert printed(qtbot, print_pdf.print_pdf(background, None, build, "pack", pdf_printer(out))) is True
    assert len(threads) == 1 + page_count(pack)
    assert threading.main_thread() not in threads
    assert len(PdfReader(out).pages) == page_count(pack)
