"""Copying a secret (the recovery key) so that it does not stay on the clipboard.

The clipboard is cleared after CLEAR_AFTER_MS, but only if it still holds what we put there: if the
coordinator has copied something else meanwhile, that is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 30_000


def copy_secret(text: str, clear_after_ms: int | None = None) -> int:
    """Put text on the clipboard; returns the milliseconds until it is cleared."""
    delay = CLEAR_AFTER_MS if clear_after_ms is None else clear_after_ms
    clipboard = QGuiApplication.clipboard()
    mime = QMimeData()
    mime.setText(text)
    # Ask clipboard managers not to keep it in their history (KDE Klipper; Windows clipboard history).
    mime.setData("x-kde-passwordManagerHint", QByteArray(b"secret"))
    mime.setData("ExcludeClipboardContentFromMonitorProcessing", QByteArray(b"1"))
    clipboard.setMimeData(mime)

    def clear_if_unchanged() -> None:
        if clipboard.text() == text:
            clipboard.clear()

    QTimer.singleShot(delay, clipboard, clear_if_unchanged)
    return delay
