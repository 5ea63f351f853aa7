"""The demo's size and kinds of record, pinned: the same size, seed and day give the same rows, so a
change to the demo code or to its data files in resources/demo/ that drops a kind of record fails here.

A deliberate change to a list's length in a data file (one more venue, one fewer name) reshuffles the
random draws after it, and so the numbers: check that every kind of record is still made (the test in
test_services_demo.py checks no table is empty and the rules hold), then copy the new numbers from the
failure message."""

from datetime import date

from sqlalchemy import text

from circles_desktop.services.demo import definitions, demo

TODAY = date(2026, 11, 21)

# demo.fill(size=60, seed=1, today=TODAY); bookkeeping tables (audit log, schema version) left out.
EXPECTED = {
    "actions": 108,
    "attendance": 712,
    "availability_slots": 88,
    "children": 8,
    "chronology_entries": 47,
    "circle_members": 157,
    "circles": 20,
    "consents": 117,
    "cosa_details": 9,
    "dbs_checks": 40,
    "decisions": 51,
    "development_shares": 13,
    "developments": 8,
    "goal_progress": 35,
    "goals": 18,
    "learning_circles": 8,
    "learning_points": 17,
    "learning_reasons": 13,
    "learning_steps": 96,
    "learning_themes": 15,
    "meetings": 111,
    "minutes_sections": 472,
    "organisations": 20,
    "people": 141,
    "person_parts": 166,
    "professional_roles": 20,
    "questionnaire_answers": 28,
    "questionnaire_responses": 4,
    "referral_steps": 75,
    "referrals": 28,
    "risk_reports": 21,
    "shared_documents": 7,
    "shared_under_consent": 22,
    "stored_files": 24,
    "themes": 9,
    "training_records": 84,
    "volunteer_interests": 87,
    "volunteer_profiles": 40,
}
# Also left out: the coordinator's own settings (none in a demo) and the search index, which is made
# from the other tables by triggers (tests/search checks it keeps in step).
BOOKKEEPING = {"alembic_version", "audit_log", "database_info", "settings"}
DERIVED = ("search_",)


def test_a_small_demo_has_the_same_rows_in_every_table(db):
    demo.fill(db, size=60, seed=1, today=TODAY)
    with db.session() as s:
        tables = s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).all()
        counts = {t: s.scalar(text(f'SELECT count(*) FROM "{t}"')) for t in tables
                  if t not in BOOKKEEPING and not t.startswith(DERIVED)}  # fmt: skip
        assert counts == EXPECTED, f"demo rows changed; if meant, EXPECTED = {counts}"

        # The texts come from the data files, accents and all.
        names = definitions.names()
        given = set(s.scalars(text("SELECT given_name FROM people")))
        assert given <= set(names.people_given + names.staff_given)
        assert {"Siân", "Łukasz"} & given
        venues = set(s.scalars(text("SELECT venue FROM meetings")))
        learning = definitions.learning_texts()
        assert venues <= {*definitions.meeting_texts().venues, *learning.venues, learning.virtual_venue}
        headings = set(s.scalars(text("SELECT heading FROM minutes_sections")))
        assert headings == {h for h, _ in definitions.meeting_texts().minutes_sections.values()}
