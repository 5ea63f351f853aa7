"""No plaintext on disk: a marker written to the database appears in no file, in UTF-8 or UTF-16."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from circles_desktop.services.security import audit

MARKER = "Quintessa-Marker-7f3a9c"
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def _leaks(root) -> list[str]:
    found = []
    for p in sorted(root.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            found += [f"{p.name} ({enc})" for enc in ENCODINGS if MARKER.encode(enc) in data]
    return found


def _write_marker(db) -> None:
    with db.session() as s:
        audit.record(s, "export", f"person {MARKER}", f"minutes for {MARKER}")
        s.execute(text("CREATE TABLE notes (body TEXT, wide BLOB)"))
        s.execute(
            text("INSERT INTO notes VALUES (:b, :w)"),
            {"b": MARKER * 20, "w": MARKER.encode("utf-16-le")},
        )


def test_scanner_finds_plaintext(tmp_path):
    """The check can fail: the same records in an unencrypted SQLite file are found."""
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE notes (body TEXT, wide BLOB)")
    conn.execute("INSERT INTO notes VALUES (?, ?)", ("x", MARKER.encode("utf-16-be")))
    conn.commit()
    conn.close()
    assert _leaks(tmp_path) == ["plain.db (utf-16-be)"]


def test_no_plaintext_while_open_and_after_close(db):
    root = db.paths.root
    _write_marker(db)
    names = {p.name for p in root.iterdir()}
    assert {"circles.db-wal", "circles.db-shm"} <= names  # the records are (at least) in the WAL
    assert _leaks(root) == []
    db.backup_to(db.paths.backups / "copy.db")
    assert _leaks(root) == []
    db.close()
    assert _leaks(root) == []
    assert sorted(p.name for p in root.rglob("*") if p.is_file()) == [
        "circles.anchor",
        "circles.db",
        "circles.key",
        "copy.db",
        "copy.key",
    ]
