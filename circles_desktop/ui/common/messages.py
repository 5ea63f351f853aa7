"""Turning any failure into a sentence a coordinator can act on: never a traceback."""

from __future__ import annotations

import sys

from circles_desktop.services.security.keyring_vault import KeyringUnavailable
from circles_desktop.store.errors import StoreError


def describe(exc: BaseException) -> str:
    if isinstance(exc, (StoreError, KeyringUnavailable)):
        return str(exc)
    # PassphraseRejected lives beside the database code; only look for it once that has loaded.
    access = sys.modules.get("circles_desktop.services.security.access")
    if access is not None and isinstance(exc, access.PassphraseRejected):
        return str(exc)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    if isinstance(exc, MemoryError):
        return "The database could not be read; it may be damaged. Nothing was changed; restore a backup."
    return f"Something unexpected went wrong ({type(exc).__name__}: {exc}). Nothing was changed."
