"""While locked, cover every other open window (a dialog, a form in its own window) with an opaque
panel, so nothing behind it can be read. The windows stay open underneath, with any typed text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

_RESIZE = QEvent.Type.Resize
_TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)  # close on their own


class LockCover(QLabel):
    def __init__(self, window: QWidget) -> None:
        super().__init__("Locked", window)
        self.setObjectName("lockCover")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: palette(window); font-size: 16pt; }")
        self.setAccessibleName("Locked")
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == _RESIZE and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


def cover_windows(keep_visible: tuple[QWidget | None, ...]) -> list[LockCover]:
    """Cover every visible top-level window except those given; returns the covers to remove later."""
    covers = []
    for window in QApplication.topLevelWidgets():
        if window in keep_visible or not window.isVisible() or window.windowType() in _TRANSIENT:
            continue
        covers.append(LockCover(window))
    return covers


def remove_covers(covers: list[LockCover]) -> None:
    for cover in covers:
        parent = cover.parentWidget()
        if parent is not None:
            parent.removeEventFilter(cover)
        cover.hide()
        cover.deleteLater()
    covers.clear()
