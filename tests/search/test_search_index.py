"""The search index itself: built by migration 0009 for a database that existed before it, inside the
encrypted file (no name reaches the disk in the clear), and never touched by a read."""

from __future__ import annotations

from sqlalchemy import text

from circles_desktop.services.search import search
from circles_desktop.store.database import Database
from support import PASSPHRASE
from support.records import person

MARKER = "Quillifer"  # a family name no demo or test uses


def test_an_older_database_is_indexed_when_it_is_upgraded(data_dir):
    db, _ = Database.create(data_dir, PASSPHRASE, revision="0004")
    with db.session() as s:
        s.execute(
            text(
                "INSERT INTO people (given_name, family_name, known_as, given_key, family_key, reference, "
                "reference_key, phone, email, address, notes, created_at, updated_at) VALUES ('Siân', "
                "'Smith-Jones', '', 'sian', 'smith jones', '', '', '', '', '', '', '2025-01-01', '2025-01-01')"
            )
        )
        tables = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master"))}
        assert "search_text" not in tables
    db.close()
    db = Database.open(data_dir, PASSPHRASE)  # upgraded to head, after a verified backup
    try:
        with db.session() as s:
            assert [h.title for g in search.search(s, "jones") for h in g.hits] == ["Siân Smith-Jones"]
            person(s, "Siân", "Evans")  # and from now on the triggers keep it in step
            assert [h.title for g in search.search(s, "sian") for h in g.hits] == ["Siân Evans", "Siân Smith-Jones"]
    finally:
        db.close()


def _leaks(root, marker: str) -> list[str]:
    """Files holding the marker as written or as its key (lower case), in UTF-8 or UTF-16."""
    found = []
    for p in sorted(root.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            for form in (marker, marker.lower()):
                found += [f"{p.name} {form} ({enc})" for enc in ("utf-8", "utf-16-le") if form.encode(enc) in data]
    return found


def test_the_index_is_inside_the_encrypted_database(db):
    """The FTS5 tables, their shadow tables and the triggers are in the database's own schema, so
    SQLCipher encrypts their pages like any other; a search's temporary table is in memory."""
    with db.session() as s:
        for n in range(50):
            person(s, f"Ada{n}", MARKER)
        assert search.search(s, MARKER.lower())[0].total == 50
        schema = {r[0]: r[1] for r in s.execute(text("SELECT name, type FROM sqlite_master WHERE name LIKE 'search%'"))}
        index = {"search_text", "search_inside", "search_text_terms", "search_text_data", "search_inside_data"}
        assert index <= set(schema)
        assert schema["search_people_update"] == "trigger"
        assert [r[1] for r in s.execute(text("PRAGMA database_list"))] == ["main"]  # nothing attached
        assert s.execute(text("PRAGMA temp_store")).scalar() == 2  # memory
    assert _leaks(db.paths.root, MARKER) == []  # the WAL holds the new pages, encrypted
    db.close()
    assert _leaks(db.paths.root, MARKER) == []


def test_a_search_writes_nothing_to_the_database(db):
    with db.session() as s:
        person(s, "Siân", "Jones")
    with db.session() as s:
        before = s.execute(text("PRAGMA data_version")).scalar(), s.execute(text("SELECT total_changes()")).scalar()
        search.search(s, "sian jo")
        after = s.execute(text("PRAGMA data_version")).scalar(), s.execute(text("SELECT total_changes()")).scalar()
        assert before == after


def test_the_scanner_finds_a_name_in_the_clear(tmp_path):
    (tmp_path / "plain.txt").write_bytes(f"{MARKER} and {MARKER.lower()}".encode("utf-16-le"))
    assert _leaks(tmp_path, MARKER) == ["plain.txt Quillifer (utf-16-le)", "plain.txt quillifer (utf-16-le)"]
