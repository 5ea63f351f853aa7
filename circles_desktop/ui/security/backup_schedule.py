"""Automatic backups: on the schedule (daily by default) while the app is unlocked, and on quitting.

Whether one is due is services/security/backups.due; this only asks it now and then (FIRST_CHECK_MS
after unlocking, so unlocking stays quick, then every CHECK_EVERY_MS) and runs the backup in the
Background pool. A drive that is not plugged in, or any failure, is a line in the status bar, never
an error box: the next check tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from circles_desktop.services.security import backups
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, in_store

CHECK_EVERY_MS = 15 * 60 * 1000
FIRST_CHECK_MS = 60 * 1000
QUIT_WAIT_MS = 10 * 60 * 1000  # a large database to a slow USB stick; a hung drive must not keep the app up


class BackupSchedule(QObject):
    said = Signal(str)  # one line for the status bar
    made = Signal(object)  # a backups.Made

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        state.unlocked.connect(lambda _db: self._unlocked())
        state.locked.connect(self.timer.stop)

    def _unlocked(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def check(self) -> None:
        if self.state.is_locked or self.running or not backups.due(self.state.paths):
            return
        self._run(backups.SCHEDULED, lambda: None)

    def wants_quit_backup(self) -> bool:
        return not self.state.is_locked and backups.load(self.state.paths).policy.on_quit

    def back_up_on_quit(self) -> None:
        """The backup made on quitting, waited for (the database closes next); failures are said only."""
        if self.running:  # a scheduled one is under way: it is enough
            self.state.background.wait(QUIT_WAIT_MS)
            return
        self._run(backups.ON_QUIT, lambda: None)
        self.state.background.wait(QUIT_WAIT_MS)

    def _run(self, reason: str, then: Callable[[], None]) -> None:
        self.running = True
        state = self.state
        self.said.emit("Backing up…")

        def done(made: backups.Made) -> None:
            self.running = False
            self.said.emit(f"Backup made and verified: {made.path}")
            self.made.emit(made)
            then()

        def failed(exc: BaseException) -> None:
            self.running = False
            self.said.emit(describe(exc))  # a missing drive says to plug it in
            then()

        in_background(state, lambda: in_store(state, lambda db: backups.back_up(db, reason)), done, on_error=failed)
