"""The one way a screen reads and writes the records (in the spirit of Anki's aqt/operations).

- `read(state, work, default)`: `work(session)` in one short session; `default` while locked. Errors
  are the caller's (a list model shows them in its own line), or, given `show=`, shown there and
  `default` returned.
- `write(state, work, show=form)`: `work(session)` as one unit of work that commits whole or rolls back
  whole. Problems go beside the fields they name (`show.show_errors`), or into a message box when
  there is nothing to show them on; on success the form is marked saved. Returns an `Outcome`.
- `load(state, work, show=...)`: the same for a read whose failure should be shown (opening a record).
- `in_session(state, work)`: the bare unit of work, raising `Locked` while locked, for code that reports
  failures itself (through `messages.field_errors`), and for work a worker runs in one session.
- `in_store(state, work)`: `work(database)` for the jobs done on the encrypted store itself rather than
  in a session (a backup, a change of passphrase, the data key for the keyring); raises `Locked`.
- `in_background(state, work, on_done, ...)`: slow work off the UI thread through the one Background
  pool; `work()` never touches a widget, its failure is shown the same way as a write's.

A screen never opens `state.database.session()` itself. Only the shell and AppState, which open, lock
and close the Database, hold it directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from circles_desktop.ui.common.messages import Locked, describe, explain, field_errors

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.orm import Session

    from circles_desktop.store.database import Database
    from circles_desktop.ui.app.app_state import AppState

T = TypeVar("T")
D = TypeVar("D")
Handlers = Mapping[type[BaseException], Callable[[Any], None]]


class ShowsErrors(Protocol):
    """A form, panel or message line that can show {field: message}; "" is the record as a whole."""

    def show_errors(self, errors: Mapping[str, str]) -> None: ...


class Outcome(NamedTuple):
    ok: bool
    value: Any = None


def read(state: AppState, work: Callable[[Session], T], default: D, *, show: ShowsErrors | None = None) -> T | D:
    db = state.database
    if db is None or not db.is_open:
        return default
    if show is None:
        with db.session() as s:
            return work(s)
    outcome = load(state, work, show=show)
    return outcome.value if outcome.ok else default


def in_session(state: AppState, work: Callable[[Session], T]) -> T:
    db = state.database
    if db is None or not db.is_open:
        raise Locked()
    with db.session() as s:
        return work(s)


def in_store(state: AppState, work: Callable[[Database], T]) -> T:
    db = state.database
    if db is None or not db.is_open:
        raise Locked()
    return work(db)


def write(
    state: AppState,
    work: Callable[[Session], T],
    *,
    show: ShowsErrors | None = None,
    parent: QWidget | None = None,
    title: str = "Not saved",
    handlers: Handlers | None = None,
    saved: bool = True,
    what: str = "",
) -> Outcome:
    """`handlers` maps an exception type the caller answers itself (a likely duplicate) to its answer.
    `saved=False` for a write that is not the form's own save (ending a job from inside the person
    form): the form's other changes stay marked unsaved. A form holding an entry it cannot read (a date
    such as 31/02) is not written at all: each entry's problem is shown beside it, so nothing typed is
    saved as if it were empty."""
    unreadable = getattr(show, "entry_problems", None) if saved else None
    problems = unreadable() if callable(unreadable) else {}
    if problems and show is not None:
        show.show_errors(problems)
        return Outcome(False)
    outcome = load(state, work, show=show, parent=parent, title=title, handlers=handlers, what=what)
    if outcome.ok:
        state.written.emit()
    saved_ok = getattr(show, "saved_ok", None)
    if outcome.ok and saved and saved_ok is not None:
        saved_ok()
    return outcome


def load(
    state: AppState,
    work: Callable[[Session], T],
    *,
    show: ShowsErrors | None = None,
    parent: QWidget | None = None,
    title: str = "Could not be read",
    handlers: Handlers | None = None,
    what: str = "",
) -> Outcome:
    """`what` says what failed, before the reason: "The report could not be opened: …"."""
    try:
        return Outcome(True, in_session(state, work))
    except Exception as exc:  # the unit of work rolled back whole; say why in plain words
        for kind, answer in (handlers or {}).items():
            if isinstance(exc, kind):
                answer(exc)
                return Outcome(False)
        report(exc, show=show, parent=parent, title=title, what=what)
        return Outcome(False)


def report(
    exc: BaseException,
    *,
    show: ShowsErrors | None = None,
    parent: QWidget | None = None,
    title: str = "",
    what: str = "",
) -> None:
    """Show a failure beside its fields, or in a message box when there is nothing to show it on.
    With `what`, one message saying what failed and why."""
    if show is not None:
        show.show_errors({"": explain(what, exc)} if what else field_errors(exc))
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title or "Circles Desktop", explain(what, exc) if what else describe(exc))


def in_background(
    state: AppState,
    work: Callable[[], T],
    on_done: Callable[[T], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    show: ShowsErrors | None = None,
    parent: QWidget | None = None,
    title: str = "",
    what: str = "",
) -> None:
    """Run `work()` on a worker thread; `on_done(result)` back on the UI thread. A failure goes to
    `on_error` when given, otherwise it is shown as `report` shows it. Work that needs the records
    opens its session in the worker: `lambda: in_session(state, job)`."""

    def failed(exc: BaseException) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            report(exc, show=show, parent=parent, title=title, what=what)

    state.background.run(work, on_done, failed)


def open_database(state: AppState) -> Database:
    """The open Database, for a service that opens its own short sessions off the UI thread (the minutes
    export, which the command line shares, commits one recipient at a time); raises `Locked`."""
    db = state.database
    if db is None or not db.is_open:
        raise Locked()
    return db
