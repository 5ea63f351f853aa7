"""The one mapping from a failure to a coordinator's words: never a traceback.

`describe(exc)` is one sentence; `field_errors(exc)` is {field: message} for a form ("" is the record
as a whole). Both run before the database stack has loaded (the unlock dialog uses them), so the
service and store error types are looked up only once their modules are loaded: an exception of a
type whose module was never imported cannot be that type.
"""

from __future__ import annotations

import sys

from circles_desktop.services.security.keyring_vault import KeyringUnavailable
from circles_desktop.store.errors import StoreError

LOCKED_MESSAGE = "Circles Desktop is locked. Unlock it and try again; what you typed is still here."


class Locked(RuntimeError):
    """The database is closed (the app is locked)."""

    def __init__(self, message: str = LOCKED_MESSAGE) -> None:
        super().__init__(message)


def _loaded(module: str, name: str) -> type[BaseException] | None:
    found = sys.modules.get(module)
    return getattr(found, name, None) if found is not None else None


def _said_as_is(exc: BaseException) -> bool:
    """Errors whose own text is already written for a coordinator."""
    if isinstance(exc, (StoreError, KeyringUnavailable, Locked)):
        return True
    for module, name in (
        ("circles_desktop.services.security.access", "PassphraseRejected"),
        ("circles_desktop.services.common.validation", "ValidationError"),
        ("circles_desktop.services.common.validation", "NotFound"),
    ):
        kind = _loaded(module, name)
        if kind is not None and isinstance(exc, kind):
            return True
    return False


def describe(exc: BaseException) -> str:
    if _said_as_is(exc):
        return str(exc)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    if isinstance(exc, MemoryError):
        return "The database could not be read; it may be damaged. Nothing was changed; restore a backup."
    return f"Something unexpected went wrong ({type(exc).__name__}: {exc}). Nothing was changed."


def explain(what: str, exc: BaseException) -> str:
    """What could not be done, then why: "The report could not be opened: <the reason>"."""
    return f"{what}: {describe(exc)}"


def field_errors(exc: BaseException) -> dict[str, str]:
    """{field: message} for any failure: a ValidationError's own keys, otherwise the record as a whole."""
    errors = getattr(exc, "errors", None)
    validation = _loaded("circles_desktop.services.common.validation", "ValidationError")
    if validation is not None and isinstance(exc, validation) and isinstance(errors, dict):
        return dict(errors)
    return {"": describe(exc)}
