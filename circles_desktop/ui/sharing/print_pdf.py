"""Printing and print preview of the very PDF that is exported, so paper and file match.

The PDF bytes are loaded into QtPdf from memory (a QBuffer: never a plaintext temporary file), each page
is rendered to an image at the printer's resolution (capped, so a 1200 dpi printer does not need a
half-gigabyte image per page) and painted onto the printer's page.

`print_pdf` asks for a printer on the UI thread, then builds the PDF and paints its pages in the
Background pool (Qt allows QPainter on a QPrinter, and a QPdfDocument, in a worker thread), with page
progress and "Stop printing" in a progress dialog; the window stays responsive meanwhile. The preview
paints on the UI thread: Qt's preview dialog asks for its pages synchronously.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from circles_desktop.ui.common.background import Background

MAX_DPI = 300  # enough for text on paper; higher resolutions are painted scaled up by the printer
LOAD_TIMEOUT_MS = 10_000
# The worker asks the progress dialog before each page; the UI thread answers in milliseconds. No answer
# this long means the window is going away (the app is quitting): stop there rather than hang.
ANSWER_TIMEOUT_S = 60.0


class PdfLoadError(RuntimeError):
    pass


class LoadedPdf:
    """A QPdfDocument over an in-memory buffer; keeps the buffer alive as long as the document."""

    def __init__(self, data: bytes) -> None:
        self._bytes = QByteArray(data)
        self.buffer = QBuffer()
        self.buffer.setData(self._bytes)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        self._wait_until_loaded()
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            error = self.document.error()
            self.close()
            raise PdfLoadError(f"The PDF could not be read for printing ({error.name}).")

    def _wait_until_loaded(self) -> None:
        if self.document.status() == QPdfDocument.Status.Loading:
            loop = QEventLoop()
            self.document.statusChanged.connect(
                lambda status: loop.quit() if status != QPdfDocument.Status.Loading else None
            )
            QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
            if self.document.status() == QPdfDocument.Status.Loading:
                loop.exec()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def render_page(self, index: int, dpi: float) -> QImage:
        points = self.document.pagePointSize(index)
        size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
        image = self.document.render(index, size, QPdfDocumentRenderOptions())
        if image.isNull():
            raise PdfLoadError(f"Page {index + 1} of the PDF could not be drawn.")
        return image

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def page_count(data: bytes) -> int:
    pdf = LoadedPdf(data)
    try:
        return pdf.page_count
    finally:
        pdf.close()


def make_printer(title: str) -> QPrinter:
    """A4 portrait, as the documents are laid out, with the document title for the print queue."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setCreator("Circles Desktop")
    return printer


def _pages_to_print(printer: QPrinter, total: int) -> range:
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        return range(max(1, first) - 1, min(total, max(first, last)))
    return range(total)


def paint_pdf(data: bytes, printer: QPrinter, stop: Callable[[int, int], bool] | None = None) -> int:
    """Paint every page (or the printer's page range) onto the printer; returns the pages painted.
    Runs on any one thread at a time (the UI thread for a preview, a worker for a print).

    `stop(pages done, pages to paint)` is asked before each page; True stops there."""
    pdf = LoadedPdf(data)
    painter = QPainter()
    painted = 0
    try:
        if not painter.begin(printer):
            raise PdfLoadError("The printer could not be started.")
        dpi = min(MAX_DPI, max(72, printer.resolution()))
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        pages = _pages_to_print(printer, pdf.page_count)
        for n, index in enumerate(pages):
            if stop is not None and stop(n, len(pages)):
                break
            if n > 0 and not printer.newPage():
                raise PdfLoadError("The printer would not start a new page.")
            image = pdf.render_page(index, dpi)
            target = _fit(QSizeF(image.size()), QRectF(0, 0, paper.width(), paper.height()))
            painter.drawImage(target, image)
            painted += 1
    finally:
        if painter.isActive():
            painter.end()
        pdf.close()
    return painted


def _fit(size: QSizeF, area: QRectF) -> QRectF:
    """`size` scaled to fit `area`, keeping its shape, centred."""
    scale = min(area.width() / size.width(), area.height() / size.height())
    w, h = size.width() * scale, size.height() * scale
    return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)


class PrintJob(QObject):
    """One print on its way to the printer, built and painted in the Background pool.

    Before each page the worker asks this object (on the UI thread) whether to go on; the answer is the
    progress dialog's "Stop printing", so the pages on paper are exactly the pages the progress showed.
    Stopped part-way, the pages already sent are on paper all the same: they count as printed (and are
    recorded and audited). `pages` is None while the job runs, then the number of pages sent."""

    printed = Signal(object)  # the PDF bytes, once any page has gone to the printer
    nothing_printed = Signal()  # stopped before the first page
    failed = Signal(object)  # the exception; nothing counts as printed
    _asking = Signal(int, int)  # from the worker: about to paint page `done` of `total`

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__()
        self.pages: int | None = None
        self._answers: queue.SimpleQueue[bool] = queue.SimpleQueue()
        # Pages are rendered at printer resolution (about a third of a second each): show progress.
        self.progress = QProgressDialog(f"Printing {title}…", "Stop printing", 0, 0, parent)
        self.progress.setWindowTitle(f"Print {title}")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self._asking.connect(self._answer)

    def start(self, background: Background, source: bytes | Callable[[], bytes], printer: QPrinter) -> None:
        """Build the PDF (when `source` is a function) and paint it onto `printer`, off the UI thread."""

        def work() -> tuple[bytes, int]:
            data = source() if callable(source) else source
            return data, paint_pdf(data, printer, self._stop_before)

        background.run(work, self._painted, self._failed)

    def _stop_before(self, done: int, total: int) -> bool:
        """Worker side: True once the coordinator has pressed "Stop printing"."""
        self._asking.emit(done, total)
        try:
            return self._answers.get(timeout=ANSWER_TIMEOUT_S)
        except queue.Empty:
            return True

    @Slot(int, int)
    def _answer(self, done: int, total: int) -> None:
        try:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            stop = self.progress.wasCanceled()
        except RuntimeError:  # the window (and its progress dialog) has gone: stop printing
            stop = True
        self._answers.put(stop)

    def _painted(self, result: tuple[bytes, int]) -> None:
        data, self.pages = result
        self._close_progress()
        if self.pages > 0:
            self.printed.emit(data)
        else:
            self.nothing_printed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.pages = 0
        self._close_progress()
        self.failed.emit(exc)

    def _close_progress(self) -> None:
        try:
            self.progress.close()
        except RuntimeError:  # already gone with its window
            pass


def ask_printer(parent: QWidget | None, title: str, printer: QPrinter | None = None) -> QPrinter | None:
    """The printer dialog; the chosen printer, or None if the coordinator cancelled."""
    printer = printer or make_printer(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(
    background: Background,
    parent: QWidget | None,
    source: bytes | Callable[[], bytes],
    title: str,
    printer: QPrinter | None = None,
    on_printed: Callable[[bytes], object] | None = None,
    on_error: Callable[[BaseException], object] | None = None,
) -> PrintJob | None:
    """Ask for a printer, then build (if `source` is a function) and print the PDF in the background.
    None if the coordinator cancelled the printer dialog; otherwise the running PrintJob, whose
    `printed` signal (here `on_printed(data)`) says when to record the print."""
    chosen = ask_printer(parent, title, printer)
    if chosen is None:
        return None
    job = PrintJob(parent, title)
    if on_printed is not None:
        job.printed.connect(on_printed)
    if on_error is not None:
        job.failed.connect(on_error)
    job.start(background, source, chosen)
    return job


def preview_pdf(parent: QWidget | None, data: bytes, title: str, printer: QPrinter | None = None) -> bool:
    """Show the print preview; True if the coordinator printed from it (the dialog is accepted only then).
    Painted on the UI thread: the preview asks for its pages (and its Print button for the printed
    ones) synchronously."""
    printer = printer or make_printer(title)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(f"Print preview: {title}")
    preview.resize(900, 700)
    preview.paintRequested.connect(lambda target: paint_pdf(data, target))
    return preview.exec() == QDialog.DialogCode.Accepted
