"""Subject access over demo people who appear in several circles, meetings and consents: every record
about them is in the PDF and the JSON, and other people's details are marked wherever they appear."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from circles_desktop.models import AuditEntry
from circles_desktop.reports.subject_access import OTHER_PERSON
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.records import access_export
from support.exports import pdf_text

# A professional in the most circles who was also given consent; and the core member of the busiest circle.
PROFESSIONAL = text(
    "SELECT m.person_id FROM circle_members m JOIN consents k ON k.recipient_member_id = m.id "
    "JOIN attendance a ON a.member_id = m.id "
    "GROUP BY m.person_id ORDER BY count(DISTINCT m.circle_id) DESC, m.person_id LIMIT 1"
)
CORE_MEMBER = text(
    "SELECT c.focus_person_id FROM circles c JOIN meetings m ON m.circle_id = c.id "
    "WHERE c.kind = 'cosa' GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
)


def _ids(s, sql: str, pid: int) -> set:
    return set(s.execute(text(sql), {"p": pid}).scalars())


def _fields(data: dict):
    for section in data["sections"]:
        for entry in section["entries"]:
            for f in entry["fields"]:
                yield section["heading"], entry["title"], f


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", pdf_text(pdf))


@pytest.mark.parametrize("who", [PROFESSIONAL, CORE_MEMBER], ids=["professional", "core member"])
def test_everything_about_the_person_is_in_both_files_and_others_are_marked(demo_db, tmp_path, who):
    with demo_db.session() as s:
        pid = s.execute(who).scalar_one()
        circles = _ids(
            s,
            "SELECT reference FROM circles WHERE focus_person_id = :p OR id IN "
            "(SELECT circle_id FROM circle_members WHERE person_id = :p)",
            pid,
        )
        mine = "(SELECT id FROM circle_members WHERE person_id = :p)"
        consents = _ids(s, f"SELECT id FROM consents WHERE recipient_member_id IN {mine} OR given_by_id = :p", pid)
        meetings = s.execute(
            text(f"SELECT count(DISTINCT meeting_id) FROM attendance WHERE member_id IN {mine}"), {"p": pid}
        ).scalar_one()
        others = _ids(
            s,
            "SELECT p.given_name || ' ' || p.family_name FROM people p JOIN circle_members m ON m.person_id = p.id "
            f"WHERE m.circle_id IN (SELECT circle_id FROM circle_members WHERE id IN {mine}) "
            "AND p.id <> :p AND p.known_as = ''",
            pid,
        )
        referrals = _ids(s, "SELECT reference FROM referrals WHERE person_id = :p", pid)
        name = s.execute(
            text("SELECT given_name || ' ' || family_name FROM people WHERE id = :p"), {"p": pid}
        ).scalar_one()
        written = access_export.export(s, pid, tmp_path)
    assert len(circles) >= (2 if who is PROFESSIONAL else 1) and consents and meetings

    data = json.loads(written.json.read_text(encoding="utf-8"))
    pdf = _flat(written.pdf.read_bytes())
    sections = {sec["heading"]: [e["title"] for e in sec["entries"]] for sec in data["sections"]}
    json_text = written.json.read_text(encoding="utf-8")
    for ref in circles | referrals:
        assert any(ref in t for t in sections["Circles"] + sections["Referrals"]), ref
        assert ref in pdf
    for consent_id in consents:
        assert f"Consent {consent_id}" in sections["Consents"] and f"Consent {consent_id}" in pdf
    assert len(sections["Meetings where they appear"]) >= meetings
    assert name in pdf and name in json_text

    marked = 0
    for _heading, _title, f in _fields(data):
        shown = [o for o in others if o in f["value"]]
        if shown:  # another person's name anywhere is marked, with the words, in the JSON...
            assert set(shown) <= set(f["other_people"]) and f["marking"] == OTHER_PERSON, f
        marked += bool(f["other_people"])
    assert marked == written.marked > 0
    assert pdf.count(OTHER_PERSON) == marked + 1  # ...and in the PDF, plus the notice that explains it
    for other in others:
        assert other not in pdf or f"{OTHER_PERSON}: " in pdf


def test_the_export_is_audited_without_names(demo_db, tmp_path):
    with demo_db.session() as s:
        pid = s.execute(PROFESSIONAL).scalar_one()
        name = s.execute(text("SELECT family_name FROM people WHERE id = :p"), {"p": pid}).scalar_one()
        written = access_export.export(s, pid, tmp_path)
    with demo_db.session() as s:
        entry = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert entry.action == "subject access export" and entry.object == f"person {pid}"
        assert str(written.records) in entry.detail and name not in f"{entry.object} {entry.detail}"
    assert name not in written.pdf.name and name not in written.json.name


def test_a_missing_folder_is_said_and_nothing_is_audited(demo_db, tmp_path, count_rows):
    with demo_db.session() as s:
        pid = s.execute(PROFESSIONAL).scalar_one()
        before = count_rows(s)["audit_log"]
        with pytest.raises(ValidationError) as caught:
            access_export.export(s, pid, tmp_path / "not here")
        assert "does not exist" in caught.value.errors["folder"]
        assert count_rows(s)["audit_log"] == before
