"""Printing and print preview of the very PDF that is exported, so paper and file match.

The PDF bytes are loaded into QtPdf from memory (a QBuffer: never a plaintext temporary file), each page
is rendered to an image at the printer's resolution (capped, so a 1200 dpi printer does not need a
half-gigabyte image per page) and painted onto the printer's page. The preview uses the same painting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

MAX_DPI = 300  # enough for text on paper; higher resolutions are painted scaled up by the printer
LOAD_TIMEOUT_MS = 10_000


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


def print_pdf(parent: QWidget | None, data: bytes, title: str, printer: QPrinter | None = None) -> bool:
    """Ask for a printer and print the PDF; True once any page has gone to the printer."""
    printer = printer or make_printer(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    # Pages are rendered at printer resolution (about a third of a second each), so show progress,
    # keep the window painting between pages, and let the coordinator stop.
    progress = QProgressDialog(f"Printing {title}…", "Stop printing", 0, 0, parent)
    progress.setWindowTitle(f"Print {title}")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def stop(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()
        return progress.wasCanceled()

    try:
        painted = paint_pdf(data, printer, stop)
    finally:
        progress.close()
    # Stopped part-way, the pages already sent are on paper all the same: they count as printed, so the
    # print is still written to the register and the audit log.
    return painted > 0


def preview_pdf(parent: QWidget | None, data: bytes, title: str, printer: QPrinter | None = None) -> bool:
    """Show the print preview; True if the coordinator printed from it (the dialog is accepted only then)."""
    printer = printer or make_printer(title)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(f"Print preview: {title}")
    preview.resize(900, 700)
    preview.paintRequested.connect(lambda target: paint_pdf(data, target))
    return preview.exec() == QDialog.DialogCode.Accepted
