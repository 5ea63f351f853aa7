"""'Remember on this computer': the data key in the OS keyring, keyed by the database's id.

Every keyring call runs on its own daemon thread with a timeout, because a Secret Service that
never answers must not freeze the caller. Nothing is ever written anywhere else as a fallback.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Any, TypeVar

SERVICE = "Circles Desktop"
DEFAULT_TIMEOUT = 5.0
T = TypeVar("T")


class KeyringUnavailable(Exception):
    pass


def _call(fn: Callable[[], T], timeout: float) -> T:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except Exception as exc:  # reported to the caller below
            result["error"] = exc

    worker = threading.Thread(target=run, name="keyring-call", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise KeyringUnavailable(f"The system keyring did not answer within {timeout:g} seconds.")
    if "error" in result:
        raise KeyringUnavailable(f"The system keyring refused: {result['error']}")
    return result.get("value")  # type: ignore[return-value]


class KeyVault:
    def __init__(self, backend: Any = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._backend = backend
        self.timeout = timeout

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def unavailable_reason(self) -> str | None:
        """Why remembering cannot be offered here, or None when it can."""
        try:
            backend = _call(self._keyring, self.timeout)
        except KeyringUnavailable as exc:
            return str(exc)
        from keyring.backends import chainer, fail

        if isinstance(backend, fail.Keyring):
            return "No system keyring is available on this computer, so the key cannot be remembered."
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return "No system keyring is available on this computer, so the key cannot be remembered."
        if getattr(backend, "priority", 1) <= 0:
            return f"The only keyring here ({type(backend).__name__}) is not a secure store."
        return None

    def remember(self, database_id: str, data_key: bytes) -> None:
        kr = self._keyring()
        secret = base64.b64encode(data_key).decode("ascii")
        _call(lambda: kr.set_password(SERVICE, database_id, secret), self.timeout)

    def recall(self, database_id: str) -> bytes | None:
        kr = self._keyring()
        secret = _call(lambda: kr.get_password(SERVICE, database_id), self.timeout)
        if not secret:
            return None
        try:
            return base64.b64decode(secret, validate=True)
        except ValueError:
            return None

    def forget(self, database_id: str) -> None:
        kr = self._keyring()

        def delete() -> None:
            from keyring.errors import PasswordDeleteError

            try:
                kr.delete_password(SERVICE, database_id)
            except PasswordDeleteError:
                pass  # already forgotten

        _call(delete, self.timeout)
