"""Every RecordForm's typing kept as a draft in the encrypted database, and offered back after a crash.

`keep_drafts(state)` is called once by the shell. Each new form then gets a DraftKeeper: a single-shot
Qt timer restarted on each edit writes the form's values (through operations.write) once typing
pauses; Save or Discard clears the draft. At the first unlock of a run, drafts still there were left
by a crash or a kill, and the coordinator is asked whether to restore them; a restored draft is filled
into its form the next time that form is opened for the same record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common import operations
from circles_desktop.ui.common.said_through import SaidThrough

if TYPE_CHECKING:
    from circles_desktop.services.records import drafts
    from circles_desktop.ui.common.forms import RecordForm


def _drafts() -> ModuleType:
    """The drafts service, imported when first used: it loads the store (SQLAlchemy and every model),
    which the unlock dialog, painted first, must not wait for."""
    from circles_desktop.services.records import drafts

    return drafts


PAUSE_MS = 800  # typing has paused: long enough not to write on every key, short enough to lose little
# The names the screens give the id of what they edit; the nearest widget holding one says which record.
RECORD_NAMES = ("record_id", "person_id", "circle_id", "referral_id", "organisation_id", "child_id")


def form_key(form: RecordForm) -> str:
    title = form.heading.accessibleName() if form.heading is not None else ""
    return f"{type(form).__module__}.{type(form).__qualname__}:{title}"[:200]


def form_title(form: RecordForm) -> str:
    """The heading as the coordinator reads it now ("New person"), for the offer."""
    if form.heading is None:
        return ""
    return re.sub(r"<[^>]+>", "", form.heading.text()).strip()[:200]


def record_of(form: QWidget) -> int:
    widget: QObject | None = form
    while widget is not None:
        for name in RECORD_NAMES:
            value = getattr(widget, name, None)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        widget = widget.parent()
    return 0


class Drafts(QObject):
    """The app's one keeper of drafts: which restored drafts wait for their form."""

    offered = Signal(object)  # the QMessageBox asking whether to restore

    def __init__(self, state: AppState) -> None:
        super().__init__(state)
        self.state = state
        self.to_restore: set[int] = set()
        self.offer_box: QMessageBox | None = None
        self._first_unlock = True
        state.unlocked.connect(lambda _db: QTimer.singleShot(0, self.offer))

    def attach_forms(self) -> None:
        from circles_desktop.ui.common.forms import RecordForm

        RecordForm.on_new_form = self.attach

    def attach(self, form: RecordForm) -> DraftKeeper:
        return DraftKeeper(self, form)

    def offer(self) -> None:
        if not self._first_unlock or self.state.is_locked:
            return
        self._first_unlock = False  # later unlocks follow a lock, not a crash: open forms are still open
        waiting: list[drafts.Kept] = operations.read(self.state, _drafts().waiting, [])
        if not waiting:
            return
        titles = ", ".join(f"“{k.form_title or 'a form'}”" for k in waiting)
        box = self.offer_box = QMessageBox(QApplication.activeWindow())
        box.setWindowTitle("Restore what you were typing?")
        it = "it" if len(waiting) == 1 else "them"
        box.setText(f"You were typing in {titles} when Circles Desktop last closed. Restore {it}?")
        box.setInformativeText("Restored text is filled in when you next open the form. Discard deletes it.")
        box.setDetailedText("\n\n".join(_typed(k) for k in waiting))
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.finished.connect(lambda _r: self._answered(box.clickedButton() is restore, [k.id for k in waiting]))
        box.open()
        self.offered.emit(box)

    def _answered(self, restore: bool, ids: list[int]) -> None:
        if restore:
            self.to_restore.update(ids)
            return

        def discard(session) -> None:
            for ident in ids:
                _drafts().discard(session, ident)

        operations.write(self.state, discard, saved=False)


def _typed(kept: drafts.Kept) -> str:
    lines = [kept.form_title or "A form"]
    lines += [f"{key}: {value}" for key, value in kept.values.items() if value not in (None, "", False)]
    return "\n".join(lines)


class DraftKeeper(QObject):
    """One form's draft: written when typing pauses, cleared when the form is saved or discarded."""

    kept = Signal()  # a draft was written (tests wait on it)
    restored = Signal()

    def __init__(self, owner: Drafts, form: RecordForm) -> None:
        super().__init__(form)
        self.owner, self.form = owner, form
        self.problem = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.write)
        form.edited.connect(self.timer.start)
        form.settled.connect(self.clear)
        # After the screen has finished loading (it may mark the form clean after load), not during.
        form.loaded.connect(lambda: QTimer.singleShot(0, self.restore))
        form.installEventFilter(self)

    @property
    def state(self) -> AppState:
        return self.owner.state

    def _where(self) -> tuple[str, int]:
        return form_key(self.form), record_of(self.form)

    def _write(self, work: Callable) -> bool:
        if self.state.database is None:  # locked: the form stays as typed, and is kept after unlock
            return False
        said = SaidThrough(self._said, "What you typed could not be kept as a draft: ")
        return operations.write(self.state, work, show=said, saved=False).ok

    def _said(self, text: str) -> None:
        self.problem = text

    def write(self) -> None:
        if not self.form.is_dirty:
            return
        key, record = self._where()
        title = form_title(self.form)
        values = self.form.values()
        if self._write(lambda s: _drafts().keep(s, key, title, record, values)):
            self.kept.emit()

    def clear(self) -> None:
        self.timer.stop()
        key, record = self._where()
        self._write(lambda s: _drafts().clear(s, key, record))

    def restore(self) -> None:
        if not self.owner.to_restore or self.state.database is None:
            return
        key, record = self._where()
        kept = operations.read(self.state, lambda s: _drafts().find(s, key, record), None)
        if kept is None or kept.id not in self.owner.to_restore:
            return
        self.owner.to_restore.discard(kept.id)
        self.form.load(kept.values)
        self.form._mark_dirty()  # what was restored is unsaved: leaving asks, and it is kept again
        self.restored.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.form and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self.restore)
        return False


def keep_drafts(state: AppState, forms_now: bool = True) -> Drafts:
    """Give every RecordForm made from now on a draft keeper for this app state. The shell passes
    `forms_now=False` and calls `attach_forms()` just before the main window builds its forms, so the
    forms module loads then, not before the unlock dialog is painted."""
    keeper = Drafts(state)
    if forms_now:
        keeper.attach_forms()
    return keeper
