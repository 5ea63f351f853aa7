"""A backup or restore running in the Background pool, with a progress bar and a Cancel button.

The work is handed `progress(what, done, total)` and `cancelled()`; the store asks `cancelled` between
steps and stops with `Cancelled`, removing whatever it had half-written. Locking cancels the job too:
the database it reads is about to close.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import in_background

Work = Callable[[Callable[[str, int, int], None], Callable[[], bool]], Any]


class _Relay(QObject):
    """Carries the worker's progress to the UI thread (a queued signal)."""

    progressed = Signal(str, int, int)


class JobProgress(QWidget):
    """A progress bar saying what is being done, and Cancel; hidden while nothing runs."""

    visibility_changed = Signal(bool)  # True when a job starts, False when it has reported back

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress")
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cance&l")  # Alt+C is Change passphrase on the same page
        self.cancel_button.setAccessibleName("Cancel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setVisible(False)
        self._running = False
        self._stop = threading.Event()
        self._relay = _Relay()
        self._relay.progressed.connect(self._show_progress)
        self.cancel_button.clicked.connect(self.cancel)
        state.locked.connect(self.cancel)

    def start(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._stop.clear()
        self.bar.setRange(0, 0)  # busy until the first step says how far there is to go
        self.bar.setFormat("Starting…")
        self.cancel_button.setEnabled(True)
        self._show(True)
        relay, stop = self._relay, self._stop

        def run() -> Any:
            return work(lambda what, done, total: relay.progressed.emit(what, done, total), stop.is_set)

        def finished(value: Any) -> None:
            self._show(False)
            on_done(value)

        def failed(exc: BaseException) -> None:
            self._show(False)
            on_error(exc)

        in_background(self.state, run, finished, on_error=failed)

    @property
    def running(self) -> bool:
        return self._running

    def _show(self, running: bool) -> None:
        self._running = running
        self.setVisible(running)
        self.visibility_changed.emit(running)

    def cancel(self) -> None:
        if self._running:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.bar.setFormat("Cancelling…")

    @Slot(str, int, int)
    def _show_progress(self, what: str, done: int, total: int) -> None:
        if self._stop.is_set():
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{what}… %p%")
        else:
            self.bar.setRange(0, 0)
            self.bar.setFormat(f"{what}…")
