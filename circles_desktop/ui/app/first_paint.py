"""Run something once a window has really been painted: the point where slow imports may begin."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

_PAINT = QEvent.Type.Paint


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == _PAINT:
            watched.removeEventFilter(self)
            # The window's own paint event comes before its children's and the flush to screen;
            # a zero timer runs once that whole pass is done.
            QTimer.singleShot(0, self._callback)
        return False


def on_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    _FirstPaint(widget, callback)
