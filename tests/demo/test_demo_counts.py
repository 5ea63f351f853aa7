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
    "actions": 165,
    "attendance": 1075,
    "availability_slots": 82,
    "children": 8,
    "chronology_entries": 47,
    "circle_members": 248,
    "circles": 36,
    "community_circles": 10,
    "community_interests": 30,
    "community_members": 30,
    "community_times": 29,
    "connectors": 5,
    "consents": 138,
    "conversation_checks": 31,
    "conversation_details": 5,
    "conversation_headcounts": 75,
    "conversation_noticed": 43,
    "cosa_details": 12,
    "dbs_checks": 40,
    "decisions": 66,
    "development_shares": 16,
    "developments": 15,
    "drafts": 0,
    "home_readings": 0,
    "facilitator_commitments": 10,
    "goal_progress": 57,
    "goals": 25,
    "learning_circles": 8,
    "learning_points": 17,
    "learning_reasons": 13,
    "learning_steps": 96,
    "learning_themes": 15,
    "mailing_list": 12,
    "meeting_reflections": 19,
    "meetings": 203,
    "minutes_sections": 606,
    "network_practice_attendance": 12,
    "network_practice_sessions": 6,
    "organisations": 20,
    "people": 194,
    "person_parts": 189,
    "practice_barriers": 3,
    "practice_participants": 40,
    "practice_presentations": 8,
    "practice_seasons": 2,
    "practice_sessions": 8,
    "professional_roles": 20,
    "questionnaire_answers": 56,
    "questionnaire_responses": 8,
    "referral_steps": 96,
    "referrals": 35,
    "risk_reports": 24,
    "shared_documents": 7,
    "shared_under_consent": 18,
    "similar_work": 5,
    "spark_follow_ups": 7,
    "sparks": 10,
    "stored_files": 26,
    "supported_meeting_steps": 87,
    "supported_meetings": 25,
    "themes": 9,
    "toolkit_items": 26,
    "training_records": 103,
    "twelve_month_reviews": 3,
    "volunteer_interests": 82,
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
        talk = definitions.conversation_texts()
        practice_venues = {talk.practice["venue"], talk.practice["online_venue"]}
        known = {*definitions.meeting_texts().venues, *learning.venues, learning.virtual_venue}
        assert venues <= known | set(definitions.community_texts().venues) | set(talk.venues) | practice_venues
        headings = set(s.scalars(text("SELECT heading FROM minutes_sections")))
        assert headings == {h for h, _ in definitions.meeting_texts().minutes_sections.values()}
