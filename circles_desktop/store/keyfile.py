"""The key file: the database's data key, wrapped under the passphrase and under the recovery key.

A small versioned JSON file beside the database. The data key never touches disk unwrapped.
Changing the passphrase rewrites only this file, never the database.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from circles_desktop.store.errors import KeyFileDamaged, KeyFileMissing, WrongPassphrase

FORMAT = "circles-desktop-key"
VERSION = 1
# scrypt n=2**17, r=8, p=1 uses 128 MiB and takes about 0.43 s on the reference 2-core machine
# (benchmarks/unlock.py): slow enough to blunt guessing, quick enough not to annoy.
DEFAULT_SCRYPT = {"n": 2**17, "r": 8, "p": 1}
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The 32 bytes of a recovery key typed in any spacing or case, or None if it is not one."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    if len(cleaned) != 52 or any(ch not in _B32 for ch in cleaned):
        return None
    try:
        return base64.b32decode(cleaned + "====")
    except ValueError:
        return None


def derive_passphrase_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_SCRYPT_MEMORY + 1024 * 1024, dklen=32
    )


def _derive_recovery_key(raw: bytes, salt: bytes) -> bytes:
    # The recovery key is 256 random bits, so a fast KDF is enough: nothing to stretch.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"circles-recovery").derive(raw)


@dataclass(frozen=True)
class Wrap:
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict:
        return {"salt": _b64(self.salt), "nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext)}

    @classmethod
    def from_json(cls, data: dict) -> Wrap:
        return cls(_unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["ciphertext"]))


def _wrap(kek: bytes, data_key: bytes, salt: bytes, aad: bytes) -> Wrap:
    nonce = secrets.token_bytes(12)
    return Wrap(salt, nonce, AESGCM(kek).encrypt(nonce, data_key, aad))


def _unwrap(kek: bytes, wrap: Wrap, aad: bytes) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(wrap.nonce, wrap.ciphertext, aad)
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    database_id: str
    scrypt: dict = field(default_factory=lambda: dict(DEFAULT_SCRYPT))
    passphrase_wrap: Wrap | None = None
    recovery_wrap: Wrap | None = None
    # The database file's SQLCipher salt (its first 16 bytes, stored in the clear). It ties this key
    # file to one database file, so a key file that belongs to another database is recognised as such
    # instead of being mistaken for a damaged first page.
    database_salt: bytes | None = None
    # Beside a backup only: when it was made (ISO 8601, UTC), so a restore can say how old it is.
    backup_made_at: str | None = None

    # --- creation and unwrapping -------------------------------------------------------------
    @classmethod
    def create(cls, passphrase: str, scrypt: dict | None = None) -> tuple[KeyFile, bytes, str]:
        """A new key file, the data key it wraps, and the recovery key to show once."""
        data_key = secrets.token_bytes(32)
        recovery_raw = secrets.token_bytes(32)
        kf = cls(database_id=str(uuid.uuid4()), scrypt=dict(scrypt or DEFAULT_SCRYPT))
        kf = kf.with_passphrase(data_key, passphrase)
        salt = secrets.token_bytes(16)
        recovery_kek = _derive_recovery_key(recovery_raw, salt)
        kf = replace(kf, recovery_wrap=_wrap(recovery_kek, data_key, salt, kf._aad("recovery")))
        return kf, data_key, format_recovery_key(recovery_raw)

    def with_passphrase(self, data_key: bytes, passphrase: str) -> KeyFile:
        salt = secrets.token_bytes(16)
        kek = derive_passphrase_key(passphrase, salt, **self.scrypt)
        return replace(self, passphrase_wrap=_wrap(kek, data_key, salt, self._aad("passphrase")))

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        assert self.passphrase_wrap is not None
        kek = derive_passphrase_key(passphrase, self.passphrase_wrap.salt, **self.scrypt)
        key = _unwrap(kek, self.passphrase_wrap, self._aad("passphrase"))
        if key is None:
            raise WrongPassphrase()
        return key

    def unwrap_with_recovery(self, recovery_key: str) -> bytes:
        raw = parse_recovery_key(recovery_key)
        if raw is None or self.recovery_wrap is None:
            raise WrongPassphrase("recovery key")
        kek = _derive_recovery_key(raw, self.recovery_wrap.salt)
        key = _unwrap(kek, self.recovery_wrap, self._aad("recovery"))
        if key is None:
            raise WrongPassphrase("recovery key")
        return key

    def unwrap(self, secret: str) -> bytes:
        """Unlock with whichever the coordinator typed: a recovery key has a fixed shape."""
        if parse_recovery_key(secret) is None:
            return self.unwrap_with_passphrase(secret)
        try:
            return self.unwrap_with_recovery(secret)
        except WrongPassphrase:
            pass
        try:
            return self.unwrap_with_passphrase(secret)  # a passphrase may happen to look like a recovery key
        except WrongPassphrase:
            raise WrongPassphrase("recovery key") from None  # what was typed had a recovery key's shape

    def with_database_salt(self, salt: bytes) -> KeyFile:
        return replace(self, database_salt=bytes(salt))

    def for_backup(self, salt: bytes, made_at: str) -> KeyFile:
        """The key file a backup carries: its own file's salt, and when it was made."""
        return replace(self, database_salt=bytes(salt), backup_made_at=made_at)

    def for_live_database(self, salt: bytes) -> KeyFile:
        """This key file as a live database's (a restored backup's): its salt, no backup date."""
        return replace(self, database_salt=bytes(salt), backup_made_at=None)

    def _malformed(self) -> str | None:
        """Why the fields cannot be right (a checksum only catches accidents), or None."""
        n, r, p = self.scrypt["n"], self.scrypt["r"], self.scrypt["p"]
        if n < 2 or n & (n - 1) or r < 1 or p < 1 or 128 * r * (n + p + 2) > MAX_SCRYPT_MEMORY:
            return f"its key derivation parameters are out of range (n={n}, r={r}, p={p})"
        for name, wrap in (("passphrase", self.passphrase_wrap), ("recovery", self.recovery_wrap)):
            assert wrap is not None
            if len(wrap.salt) != 16 or len(wrap.nonce) != 12 or len(wrap.ciphertext) != 48:
                return f"its {name} wrap has the wrong length"
        if self.database_salt is not None and len(self.database_salt) != 16:
            return "its database salt has the wrong length"
        return None

    def _aad(self, purpose: str) -> bytes:
        # Binds each wrap to this database and purpose, so wraps cannot be swapped between files.
        return f"{FORMAT}/{VERSION}/{self.database_id}/{purpose}".encode()

    # --- serialisation -----------------------------------------------------------------------
    def _body(self) -> dict:
        assert self.passphrase_wrap is not None and self.recovery_wrap is not None
        return {
            "format": FORMAT,
            "version": VERSION,
            "database_id": self.database_id,
            "kdf": {"name": "scrypt", **self.scrypt},
            "passphrase_wrap": self.passphrase_wrap.to_json(),
            "recovery_wrap": {"kdf": "hkdf-sha256", **self.recovery_wrap.to_json()},
            **({"database_salt": _b64(self.database_salt)} if self.database_salt is not None else {}),
            **({"backup_made_at": self.backup_made_at} if self.backup_made_at is not None else {}),
        }

    @staticmethod
    def _checksum(body: dict) -> str:
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()

    def to_bytes(self) -> bytes:
        body = self._body()
        return (json.dumps({**body, "checksum": self._checksum(body)}, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, path: object = "key file") -> KeyFile:
        if not data.strip():
            raise KeyFileDamaged(path, "it is empty")
        try:
            doc = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise KeyFileDamaged(path, "it is not text") from None
        except json.JSONDecodeError as exc:
            ended = exc.pos >= len(data.rstrip())
            where = "it ends too early" if ended else f"{exc.msg} at line {exc.lineno}"
            raise KeyFileDamaged(path, f"it is not readable: {where}") from None
        except RecursionError:
            raise KeyFileDamaged(path, "it is not readable") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyFileDamaged(path, "it is not a Circles Desktop key file")
        if doc.get("version") != VERSION:
            raise KeyFileDamaged(path, f"unknown key file version {doc.get('version')!r}")
        checksum = doc.pop("checksum", None)
        if checksum != cls._checksum(doc):
            raise KeyFileDamaged(path, "its checksum does not match its contents")
        try:
            kdf = doc["kdf"]
            if kdf["name"] != "scrypt":
                raise KeyFileDamaged(path, f"unknown key derivation {kdf['name']!r}")
            kf = cls(
                database_id=str(doc["database_id"]),
                scrypt={"n": int(kdf["n"]), "r": int(kdf["r"]), "p": int(kdf["p"])},
                passphrase_wrap=Wrap.from_json(doc["passphrase_wrap"]),
                recovery_wrap=Wrap.from_json(doc["recovery_wrap"]),
                database_salt=_unb64(doc["database_salt"]) if "database_salt" in doc else None,
                backup_made_at=str(doc["backup_made_at"]) if "backup_made_at" in doc else None,
            )
            why = kf._malformed()
            if why:
                raise KeyFileDamaged(path, why)
            return kf
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KeyFileDamaged(path, f"a field is missing or malformed: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileMissing(path) from None
        return cls.from_bytes(data, path)

    def save(self, path: Path) -> None:
        write_atomically(path, self.to_bytes())


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash leaves either the old or the new file."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):
        dfd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
