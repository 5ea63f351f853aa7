"""Printing the recovery key on one plain page for the coordinator's manager to keep."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


def paint_recovery_page(printer: QPrinter, recovery_key: str, database_folder: str) -> None:
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        area = QRectF(0, 0, page.width(), page.height())
        title = QFont("Sans Serif", 18, QFont.Weight.Bold)
        body = QFont("Sans Serif", 11)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(16)
        mono.setBold(True)
        y = 0.0

        def block(text: str, font: QFont, gap: float = 0.5) -> None:
            nonlocal y
            painter.setFont(font)
            rect = QRectF(0, y, area.width(), area.height() - y)
            used = painter.boundingRect(rect, int(Qt.TextFlag.TextWordWrap), text)
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)
            y += used.height() + painter.fontMetrics().height() * gap

        block("OFFICIAL-SENSITIVE", body)
        block("Circles Desktop recovery key", title)
        block(f"Database folder: {database_folder}\nPrinted: {date.today():%d %B %Y}", body, 1.5)
        block(recovery_key, mono, 1.5)
        block(
            "This key opens the database if the passphrase is forgotten. Keep this page somewhere safe "
            "and apart from the laptop, e.g. in your manager's locked cabinet. Anyone holding it and the "
            "laptop can read every record.",
            body,
        )
    finally:
        painter.end()


def print_recovery_key(parent: QWidget, recovery_key: str, database_folder: str) -> bool:
    """Ask for a printer and print; True if a page was sent."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the recovery key")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_recovery_page(printer, recovery_key, database_folder)
    return True
