"""The audit log's anchor: its newest entry's number and hash, kept outside the database.

The hash chain shows any entry altered or removed from the middle of the log, but not entries cut
off its end, nor the whole database swapped for an older copy: those leave a shorter chain that is
still sound. So after every commit that adds entries, the head (count and hash) is written to
`circles.anchor` beside the database, authenticated with a key derived from the data key: nobody
without the key can write an anchor that verifies, and an older copy of the database cannot reach
an anchor written after it.

On open the anchor must name an entry the log still has, with the same hash. A log that has gone
past its anchor is fine (the app stopped between a commit and writing the anchor).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from circles_desktop.store.keyfile import write_atomically
from circles_desktop.store.paths import ANCHOR_NAME

FORMAT = "circles-desktop-audit-anchor"
VERSION = 1
# The entry the log gets when it is first anchored: from then on, a missing anchor file is a problem.
ANCHORED_ACTION = "audit anchored"


@dataclass(frozen=True)
class Head:
    entries: int  # the newest entry's id (ids run 1, 2, 3… with no gaps)
    hash: str


def _mac_key(data_key: bytes, database_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=database_id.encode("utf-8"), info=b"circles-audit-anchor"
    ).derive(data_key)


def _mac(key: bytes, body: dict) -> str:
    return hmac.new(key, json.dumps(body, sort_keys=True).encode("utf-8"), hashlib.sha256).hexdigest()


def write(path: Path, data_key: bytes, database_id: str, head: Head) -> None:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "database_id": database_id,
        "entries": head.entries,
        "head": head.hash,
    }
    doc = {**body, "mac": _mac(_mac_key(data_key, database_id), body)}
    write_atomically(path, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


class AnchorUnreadable(Exception):
    """The anchor file is there but cannot be trusted; str() says why."""


def read(path: Path, data_key: bytes, database_id: str) -> Head | None:
    """The anchored head, None when there is no anchor file; AnchorUnreadable when it does not verify."""
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise AnchorUnreadable("it is not readable") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise AnchorUnreadable("it is not an audit anchor this version knows")
    mac = doc.pop("mac", None)
    if doc.get("database_id") != database_id:
        raise AnchorUnreadable("it belongs to another database")
    if not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(_mac_key(data_key, database_id), doc)):
        raise AnchorUnreadable("its seal does not verify: it was altered")
    try:
        return Head(int(doc["entries"]), str(doc["head"]))
    except (KeyError, TypeError, ValueError):
        raise AnchorUnreadable("a field is missing") from None


def head(conn: sqlcipher3.Connection) -> Head:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else Head(0, "")


def was_anchored(conn: sqlcipher3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM audit_log WHERE action = ? LIMIT 1", (ANCHORED_ACTION,)).fetchone() is not None


def problem(conn: sqlcipher3.Connection, anchored: Head | None) -> str | None:
    """What the log and its anchor disagree about, in a coordinator's words; None when they agree."""
    if anchored is None:
        if was_anchored(conn):
            return (
                f"the record of the audit log kept outside the database ({ANCHOR_NAME}) is missing, so entries "
                "cut off the end of the log, or an older copy of the database put in its place, cannot be ruled out"
            )
        return None
    now = head(conn)
    if now.entries < anchored.entries:
        return (
            f"the audit log ends at entry {now.entries}, but it had reached entry {anchored.entries}: entries "
            "have been cut off its end, or the database has been replaced by an older copy"
        )
    row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (anchored.entries,)).fetchone()
    if row is None or row[0] != anchored.hash:
        return (
            f"entry {anchored.entries} of the audit log is not the one recorded outside the database: the "
            "database has been replaced by another copy of it"
        )
    return None
