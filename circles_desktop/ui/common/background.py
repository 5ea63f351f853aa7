"""Running slow work (key derivation, keyring calls, backups) off the UI thread.

The one rule, as in Anki's operations: the work function never touches a widget. It returns a
plain value or raises; the callbacks run back on the UI thread, where widgets may be changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Task(QObject):
    """Lives on the UI thread; the worker emits its signals, Qt queues them back to this thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        forget: Callable[[_Task], None],
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._forget = forget
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        self._forget(self)
        if self._on_done is not None:
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._forget(self)
        if self._on_error is not None:
            self._on_error(exc)
        else:
            log.error("background task failed: %s: %s", type(exc).__name__, exc)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], task: _Task) -> None:
        super().__init__()
        self._work = work
        self._task = task

    def run(self) -> None:
        try:
            value = self._work()
        except BaseException as exc:  # handed to the UI thread; MemoryError from SQLCipher included
            self._task.failed.emit(exc)
        else:
            self._task.succeeded.emit(value)


class Background:
    """A private thread pool, so tests and shutdown can wait for exactly this app's work."""

    def __init__(self, max_threads: int = 4) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self._pending: set[_Task] = set()  # keeps each task's QObject alive until it has reported

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        task = _Task(on_done, on_error, self._pending.discard)
        self._pending.add(task)
        self.pool.start(_Runnable(work, task))

    @property
    def busy(self) -> bool:
        """True while any task has not yet reported back on the UI thread."""
        return bool(self._pending)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every worker has finished (their reports still need the event loop)."""
        return self.pool.waitForDone(msecs)
