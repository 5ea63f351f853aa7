"""Referrals: who may refer for each kind of circle, steps only forward, reasons, risk reports."""

import io
import zipfile

import pytest

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.referrals import referral_list, referrals
from circles_desktop.services.referrals.referrals import ReferralForm
from circles_desktop.services.security import audit
from support.records import D, accepted_cosa_referral, org, person, professional

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _cosa(s, **kw):
    probation = org(s, "Severn Probation Delivery Unit", "probation")
    referrer = professional(s, "Priya", "Shah", probation)
    cm = person(s, "Björn", "Lindqvist")
    fields = dict(circle_kind="cosa", person_id=cm, referrer_id=referrer, received_on=D(2025, 1, 6)) | kw
    return referrals.create_referral(s, ReferralForm(**fields))


def test_cosa_referral_needs_a_professional_referrer(db):
    with db.session() as s:
        cm = person(s, "Björn", "Lindqvist")
        with pytest.raises(ValidationError) as err:
            referrals.create_referral(s, ReferralForm(circle_kind="cosa", person_id=cm, received_on=D(2025, 1, 6)))
        assert err.value.errors == {
            "referrer_id": "A CoSA referral must come from a professional, such as a probation officer or police "
            "offender manager. Choose the referrer."
        }


def test_cosa_referral_records_agency_from_referrer(db):
    with db.session() as s:
        ref = _cosa(s, mappa_category=2, mappa_level=1)
        assert ref.reference == f"REF-{ref.id:05d}"
        assert ref.agency.name == "Severn Probation Delivery Unit" and not ref.self_referral
        assert ref.status == "received" and [st.status for st in ref.steps] == ["received"]
        assert "core_member" in ref.person.part_names


def test_mappa_values_checked(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        _cosa(s, mappa_category=4, mappa_level=0)
    assert err.value.errors == {
        "mappa_category": "The MAPPA category is 1, 2 or 3.",
        "mappa_level": "The MAPPA level is 1, 2 or 3.",
    }


def test_community_circle_refuses_a_third_party_referral(db):
    with db.session() as s:
        social_care = org(s, "Mendip Adult Social Care", "social_care")
        worker = professional(s, "Aoife", "Kelly", social_care, "Social worker")
        focus = person(s, "Zainab", "Begum")
        form = ReferralForm(
            circle_kind="community",
            person_id=focus,
            referrer_id=worker,
            received_on=D(2025, 2, 1),
            purpose="Meet people",
        )
        with pytest.raises(ValidationError) as err:
            referrals.create_referral(s, form)
        assert err.value.errors["referrer_id"] == (
            "Community Circles take self-referrals only: the person refers themselves. An agency can signpost "
            "them (record it under “Signposted by”), but cannot refer them."
        )


def test_community_self_referral_with_signposting(db):
    with db.session() as s:
        health = org(s, "Quantock Health Centre", "health")
        focus = person(s, "Zainab", "Begum")
        with pytest.raises(ValidationError, match="Enter the person's purpose"):
            referrals.create_referral(
                s, ReferralForm(circle_kind="community", person_id=focus, received_on=D(2025, 2, 1))
            )
        ref = referrals.create_referral(
            s,
            ReferralForm(
                circle_kind="community",
                person_id=focus,
                signposted_by_id=health,
                received_on=D(2025, 2, 1),
                purpose="To get back into singing and meet people nearby",
            ),
        )
        assert ref.self_referral and ref.signposted_by.name == "Quantock Health Centre" and ref.referrer_id is None
        # A self-referral may be accepted straight away.
        referrals.move_referral(s, ref.id, "accepted", D(2025, 2, 8))


def test_other_kinds_are_not_referred(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        referrals.create_referral(
            s, ReferralForm(circle_kind="learning", person_id=person(s, "A", "B"), received_on=D(2025, 1, 1))
        )
    assert err.value.errors["circle_kind"].startswith("Referrals are taken only for CoSA circles and Community Circles")


def test_steps_only_move_forward(db):
    with db.session() as s:
        ref = _cosa(s)
        assert referrals.next_steps(ref) == ("initial_discussion", "declined", "withdrawn")
        with pytest.raises(ValidationError) as err:
            referrals.move_referral(s, ref.id, "accepted", D(2025, 1, 10))
        assert err.value.errors == {
            "status": "A referral at “Received” can move to Initial discussion, Declined, Withdrawn — not to "
            "“Accepted”."
        }
        referrals.move_referral(s, ref.id, "initial_discussion", D(2025, 1, 13))
        with pytest.raises(ValidationError, match="not to “Received”"):
            referrals.move_referral(s, ref.id, "received", D(2025, 1, 14))
        with pytest.raises(ValidationError) as err:
            referrals.move_referral(s, ref.id, "full_referral", D(2025, 1, 12))
        assert err.value.errors == {
            "on_date": "The date of this step (12/01/2025) cannot be before the date of the previous step (13/01/2025)."
        }


def test_declined_and_withdrawn_need_a_reason_and_are_final(db):
    with db.session() as s:
        ref = _cosa(s)
        with pytest.raises(ValidationError) as err:
            referrals.move_referral(s, ref.id, "declined", D(2025, 1, 10), reason="  ")
        assert err.value.errors == {"reason": "Give the reason the referral was declined."}
        referrals.move_referral(s, ref.id, "declined", D(2025, 1, 10), reason="Not eligible: no conviction")
        assert ref.status_reason == "Not eligible: no conviction"
        with pytest.raises(ValidationError, match="This referral is declined; it cannot move to another step."):
            referrals.move_referral(s, ref.id, "withdrawn", D(2025, 1, 11), reason="x")


def test_withdrawn_needs_reason(db):
    with db.session() as s:
        ref = _cosa(s)
        with pytest.raises(ValidationError, match="Give the reason the referral was withdrawn."):
            referrals.move_referral(s, ref.id, "withdrawn", D(2025, 1, 10))


def test_step_in_future_refused(db):
    with db.session() as s:
        ref = _cosa(s)
        with pytest.raises(ValidationError, match="cannot be in the future"):
            referrals.move_referral(s, ref.id, "initial_discussion", D(2025, 1, 10), today=D(2025, 1, 9))


def test_list_by_status_and_counts(db):
    with db.session() as s:
        accepted_cosa_referral(s)
        _cosa(s)
    with db.session() as s:
        rows = referral_list.list_referrals(s, status="accepted")
        assert [r.person_name for r in rows] == ["Dáithí Ó Briain"]
        assert rows[0].referrer_name == "Priya Shah" and rows[0].agency.startswith("Test Probation")
        assert referral_list.count_referrals(s) == 2
        assert referral_list.count_referrals(s, text="bjorn") == 1
        assert referral_list.counts_by_status(s)["received"] == 1
        assert [r.person_name for r in referral_list.list_referrals(s, text=rows[0].reference)] == ["Dáithí Ó Briain"]


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_risk_reports_stored_and_checked(db):
    with db.session() as s:
        ref = _cosa(s)
        r1 = referrals.add_risk_report(s, ref.id, "oasys", D(2024, 12, 1), "OASys summary.pdf", PDF)
        referrals.add_risk_report(s, ref.id, "rm2000", D(2024, 11, 1), "rm2000.docx", _docx())
        referrals.add_risk_report(s, ref.id, "other", D(2024, 11, 2), "notes.txt", "Notes – Siân\n".encode())
        referrals.add_risk_report(s, ref.id, "arms", D(2024, 11, 3), "scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
        ref_id, rid = ref.id, r1.id
    with db.session() as s:
        rows = referrals.risk_reports(s, ref_id)
        assert [(r.report_type, r.media_type) for r in rows] == [
            ("rm2000", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("other", "text/plain"),
            ("arms", "image/png"),
            ("oasys", "application/pdf"),
        ]
        assert referrals.risk_report_file(s, rid) == ("OASys summary.pdf", "application/pdf", PDF)
        assert audit.recent(s, 1)[0].action == "risk report opened"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "“empty.pdf” is empty."),
        (
            "tool.exe",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
            "“tool.exe” is not a type of file that can be attached.",
        ),
        (
            "report.pdf",
            b"\x89PNG\r\n\x1a\nxxxx",
            "“report.pdf” is named as a PDF but is really a PNG picture.",
        ),
        (
            "report.pdf",
            b"just some words",
            "“report.pdf” is named as a PDF but its contents are not; it may be damaged.",
        ),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
            "“old.doc” is not a type of file that can be attached.",
        ),
    ],
)
def test_risk_report_refused_with_clear_message(db, name, content, message):
    with db.session() as s:
        ref = _cosa(s)
        with pytest.raises(ValidationError) as err:
            referrals.add_risk_report(s, ref.id, "oasys", D(2024, 12, 1), name, content)
        assert err.value.errors["file"].startswith(message)


def test_a_risk_report_description_over_its_limit_is_refused_beside_it(db):
    with db.session() as s:
        ref = _cosa(s)
        with pytest.raises(ValidationError) as err:
            referrals.add_risk_report(s, ref.id, "oasys", D(2024, 12, 1), "OASys.pdf", PDF, "x" * 201)
        assert err.value.errors == {"description": "The description is too long: at most 200 characters."}
        kept = referrals.add_risk_report(s, ref.id, "oasys", D(2024, 12, 1), "OASys.pdf", PDF, " " + "x" * 200 + " ")
        assert kept.description == "x" * 200


def test_real_size_limit_is_twenty_megabytes():
    from circles_desktop.services.common import attachments

    with pytest.raises(ValidationError) as err:
        attachments.check("huge.pdf", b"%PDF-" + bytes(20 * 1024 * 1024))
    assert err.value.errors["file"].startswith("“huge.pdf” is 20.0 MB; files can be at most 20 MB.")
