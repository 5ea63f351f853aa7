"""Locking after a period with no keyboard or mouse input anywhere in the application."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from circles_desktop.ui.app.app_state import AppState

# Compared on every event the application sees, so kept as a ready-made set of enum members.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class IdleLock(QObject):
    """An application-wide event filter restarts a single-shot timer on input; when it fires, lock."""

    def __init__(self, state: AppState, app: QCoreApplication) -> None:
        super().__init__()
        self.state = state
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._idle)
        self.set_minutes(state.auto_lock_minutes)
        app.installEventFilter(self)
        # Idle time counts from when the screens have been refreshed after unlocking (the next turn of
        # the event loop), not from before: on a slow machine that refresh alone could outlast a short
        # interval and lock again at once.
        state.unlocked.connect(lambda _db: QTimer.singleShot(0, self, self._start))
        state.locked.connect(self.timer.stop)
        state.auto_lock_changed.connect(self.set_minutes)

    def _start(self) -> None:
        if not self.state.is_locked:
            self.timer.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """Milliseconds of idleness before locking (tests use a fraction of a second)."""
        self.timer.setInterval(ms)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def _idle(self) -> None:
        if not self.state.is_locked:
            minutes = self.timer.interval() / 60_000
            self.state.lock(f"after {minutes:g} idle minutes")
