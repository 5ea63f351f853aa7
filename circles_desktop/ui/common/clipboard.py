"""Keeping the app's text off the clipboard: a copied secret (the recovery key) is cleared after a
while, and anything copied from the app is cleared when it locks.

The clipboard is cleared only if it still holds what we put there: if the coordinator has copied
something else meanwhile (in another program), that is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

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


class _Copied:
    text: str | None = None  # the newest text put on the clipboard while one of our windows had focus
    watching = False


def watch() -> None:
    """Note what is copied while the app has focus, so locking can tell it from another program's.

    Where the platform says who owns the clipboard (X11, Windows, macOS) that is asked too; this is
    for the platforms that cannot say.
    """
    if _Copied.watching:
        return
    _Copied.watching = True
    clipboard = QGuiApplication.clipboard()

    def changed() -> None:
        if QGuiApplication.focusWindow() is not None:
            _Copied.text = clipboard.text()

    clipboard.dataChanged.connect(changed)


def clear_ours() -> None:
    """On locking: clear the clipboard (and X11's selection) if what it holds was copied from the app.

    A name or a note copied from a record would otherwise outlive the lock, readable by whoever sits
    down next; what another program put there is not ours to remove.
    """
    clipboard = QGuiApplication.clipboard()
    copied, _Copied.text = _Copied.text, None
    if clipboard.ownsClipboard() or (copied and clipboard.text() == copied):
        clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
