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
    """The OS keyring, with every call (even finding the backend) bounded by a timeout.

    Once a call has timed out the keyring is treated as unavailable for the rest of the session:
    its thread may still be stuck, and asking again would only make the user wait again.
    """

    def __init__(self, backend: Any = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._backend = backend
        self.timeout = timeout
        self._stuck: str | None = None

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def _run(self, fn: Callable[[Any], T]) -> T:
        if self._stuck:
            raise KeyringUnavailable(self._stuck)
        try:
            return _call(lambda: fn(self._keyring()), self.timeout)
        except KeyringUnavailable as exc:
            if "did not answer" in str(exc):
                self._stuck = str(exc)
            raise

    def unavailable_reason(self) -> str | None:
        """Why remembering cannot be offered here, or None when it can."""
        try:
            backend = self._run(lambda kr: kr)
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
        secret = base64.b64encode(data_key).decode("ascii")
        self._run(lambda kr: kr.set_password(SERVICE, database_id, secret))

    def recall(self, database_id: str) -> bytes | None:
        secret = self._run(lambda kr: kr.get_password(SERVICE, database_id))
        if not secret:
            return None
        try:
            key = base64.b64decode(secret, validate=True)
        except ValueError:
            return None
        return key if len(key) == 32 else None

    def forget(self, database_id: str) -> None:
        def delete(kr: Any) -> None:
            from keyring.errors import PasswordDeleteError

            try:
                kr.delete_password(SERVICE, database_id)
            except PasswordDeleteError:
                pass  # already forgotten

        self._run(delete)
