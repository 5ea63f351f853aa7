"""Search across everything (issue 12): a full-text index of people, organisations, referrals, circles,
meetings (with their minutes), learning circles and children, inside the encrypted database.

Two FTS5 tables share one document id per record: the kind's code in the high 32 bits and the
record's id in the low (the codes of services/search/matching.py, written out here so this migration
never changes). Each kind's documents are then one range of ids, which a search reads on its own.

- `search_text` (unicode61, accents removed, prefix indexes for one to three letters): every word of
  the record, both the normalised name keys the services already store (accents and letters such as ł
  or ø folded, apostrophes dropped, hyphens as spaces) and the text as written (titles, purpose,
  minutes), which unicode61 folds itself. It keeps no positions (detail=none), a fifth of the size:
  a search looks for words, never phrases. `search_text_terms` lists its words, so a longer word can
  be looked for as the few whole words it starts.
- `search_inside` (trigram): the name keys alone, for three letters or more anywhere inside a name
  ("ones" finds "Smith-Jones").

One view per kind says what a record's document is; triggers on every source table rewrite the
documents a write touches, so the index keeps in step with every service (and any other writer)
without the services knowing it exists. Existing databases are indexed here, at upgrade.

Revision ID: 0009
Revises: 0004
Create Date: 2026-12-02
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SHIFT = 32  # a document id is (code << SHIFT) + record id
WORDS = "names || ' ' || body"  # what search_text holds of a document
PERSON, ORGANISATION, REFERRAL, CIRCLE, MEETING, LEARNING_CIRCLE, CHILD = 1, 2, 3, 4, 5, 6, 7

# What each kind's document is: (view, its SQL, the codes its documents may carry).
VIEWS: dict[str, tuple[str, tuple[int, ...]]] = {
    "search_doc_person": (
        f"""SELECT id, ({PERSON} << {SHIFT}) + id AS doc_id,
            given_key || ' ' || family_key || ' ' || reference_key AS names,
            given_name || ' ' || family_name || ' ' || known_as || ' ' || reference AS body
        FROM people""",
        (PERSON,),
    ),
    "search_doc_organisation": (
        f"""SELECT id, ({ORGANISATION} << {SHIFT}) + id AS doc_id, name_key AS names, name AS body
        FROM organisations""",
        (ORGANISATION,),
    ),
    "search_doc_referral": (
        f"""SELECT r.id, ({REFERRAL} << {SHIFT}) + r.id AS doc_id,
            lower(r.reference) || ' ' || p.given_key || ' ' || p.family_key AS names,
            r.reference || ' ' || r.purpose AS body
        FROM referrals r JOIN people p ON p.id = r.person_id""",
        (REFERRAL,),
    ),
    # A learning circle is a circle of kind "learning": found as a learning circle, by its child.
    "search_doc_circle": (
        f"""SELECT c.id,
            ((CASE WHEN c.kind = 'learning' THEN {LEARNING_CIRCLE} ELSE {CIRCLE} END) << {SHIFT}) + c.id AS doc_id,
            lower(c.reference)
                || coalesce(' ' || p.given_key || ' ' || p.family_key, '')
                || coalesce(' ' || ch.given_key || ' ' || ch.family_key || ' ' || ch.case_reference_key, '')
                AS names,
            c.reference || ' ' || c.title || ' ' || c.purpose || coalesce(' ' || lc.areas_of_focus, '') AS body
        FROM circles c
        LEFT JOIN people p ON p.id = c.focus_person_id
        LEFT JOIN learning_circles lc ON lc.circle_id = c.id
        LEFT JOIN children ch ON ch.id = lc.child_id""",
        (CIRCLE, LEARNING_CIRCLE),
    ),
    "search_doc_meeting": (
        f"""SELECT m.id, ({MEETING} << {SHIFT}) + m.id AS doc_id, lower(c.reference) AS names,
            m.venue || ' ' || m.notes || coalesce(' ' || (
                SELECT group_concat(s.heading || ' ' || s.body, ' ') FROM minutes_sections s
                WHERE s.meeting_id = m.id
            ), '') AS body
        FROM meetings m JOIN circles c ON c.id = m.circle_id""",
        (MEETING,),
    ),
    "search_doc_child": (
        f"""SELECT id, ({CHILD} << {SHIFT}) + id AS doc_id,
            given_key || ' ' || family_key || ' ' || case_reference_key AS names,
            given_name || ' ' || family_name || ' ' || case_reference || ' ' || locality AS body
        FROM children""",
        (CHILD,),
    ),
}


def _refresh(view: str, ids: str) -> str:
    """The statements that rewrite the documents of `view` for the records whose ids `ids` selects (as
    a column named i). A deleted record's document is removed, and finds no row in its view to return."""
    _sql, codes = VIEWS[view]
    doc_ids = " UNION ALL ".join(f"SELECT ({code} << {SHIFT}) + i FROM ({ids})" for code in codes)
    return f"""
        DELETE FROM search_text WHERE rowid IN ({doc_ids});
        DELETE FROM search_inside WHERE rowid IN ({doc_ids});
        INSERT INTO search_text (rowid, words) SELECT doc_id, {WORDS} FROM {view} WHERE id IN ({ids});
        INSERT INTO search_inside (rowid, names) SELECT doc_id, names FROM {view} WHERE id IN ({ids});"""


# Each source table: the columns whose change matters, and the documents a change rewrites, each as
# (view, the ids of its records written with "{row}" for NEW or OLD, whether the row names a parent).
# A row that names a parent (a minutes section's meeting) rewrites the old parent as well when it moves.
SOURCES: dict[str, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    "people": (
        "given_name, family_name, known_as, reference, given_key, family_key, reference_key",
        (
            ("search_doc_person", "SELECT {row}.id AS i", False),
            ("search_doc_referral", "SELECT id AS i FROM referrals WHERE person_id = {row}.id", False),
            ("search_doc_circle", "SELECT id AS i FROM circles WHERE focus_person_id = {row}.id", False),
        ),
    ),
    "organisations": ("name, name_key", (("search_doc_organisation", "SELECT {row}.id AS i", False),)),
    "referrals": ("reference, purpose, person_id", (("search_doc_referral", "SELECT {row}.id AS i", False),)),
    "circles": (
        "reference, kind, title, purpose, focus_person_id",
        (
            ("search_doc_circle", "SELECT {row}.id AS i", False),
            ("search_doc_meeting", "SELECT id AS i FROM meetings WHERE circle_id = {row}.id", False),
        ),
    ),
    "learning_circles": (
        "circle_id, child_id, areas_of_focus",
        (("search_doc_circle", "SELECT {row}.circle_id AS i", True),),
    ),
    "children": (
        "given_name, family_name, given_key, family_key, case_reference, case_reference_key, locality",
        (
            ("search_doc_child", "SELECT {row}.id AS i", False),
            ("search_doc_circle", "SELECT circle_id AS i FROM learning_circles WHERE child_id = {row}.id", False),
        ),
    ),
    "meetings": ("circle_id, venue, notes", (("search_doc_meeting", "SELECT {row}.id AS i", False),)),
    "minutes_sections": (
        "meeting_id, heading, body",
        (("search_doc_meeting", "SELECT {row}.meeting_id AS i", True),),
    ),
}


def _trigger(table: str, event: str) -> tuple[str, str]:
    """(name, CREATE TRIGGER) for one table and event: insert, update or delete."""
    columns, rewrites = SOURCES[table]
    row = "OLD" if event == "delete" else "NEW"
    body = "".join(_refresh(view, ids.format(row=row)) for view, ids, _parent in rewrites)
    if event == "update":
        body += "".join(_refresh(view, ids.format(row="OLD")) for view, ids, parent in rewrites if parent)
    when = f"AFTER UPDATE OF {columns}" if event == "update" else f"AFTER {event.upper()}"
    name = f"search_{table}_{event}"
    return name, f"CREATE TRIGGER {name} {when} ON {table} BEGIN{body}\nEND"


def _triggers() -> list[tuple[str, str]]:
    return [_trigger(table, event) for table in SOURCES for event in ("insert", "update", "delete")]


TABLES = {
    "search_text": "words, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none, columnsize = 0",
    "search_inside": "names, tokenize = 'trigram', columnsize = 0",
}


def upgrade() -> None:
    for table, spec in TABLES.items():
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({spec})")
    op.execute("CREATE VIRTUAL TABLE search_text_terms USING fts5vocab(search_text, row)")
    for view, (sql, _codes) in VIEWS.items():
        op.execute(f"CREATE VIEW {view} AS {sql}")
    for view in VIEWS:  # an existing database is indexed now; from here on the triggers keep it in step
        op.execute(f"INSERT INTO search_text (rowid, words) SELECT doc_id, {WORDS} FROM {view}")
        op.execute(f"INSERT INTO search_inside (rowid, names) SELECT doc_id, names FROM {view}")
    for table in TABLES:
        op.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    for _name, sql in _triggers():
        op.execute(sql)


def downgrade() -> None:
    for name, _sql in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.execute("DROP TABLE IF EXISTS search_text_terms")
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
