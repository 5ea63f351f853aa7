"""The organisation on every document: its name, address and logo from Settings, checked, kept inside
the database, audited, and printed at the head of the minutes, the pack, the referral summary, the
questionnaire and the learning circle record."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from circles_desktop.models import AuditEntry, Circle, StoredFile
from circles_desktop.reports.kinds.learning_record import build_learning_record
from circles_desktop.reports.kit.letterhead import Letterhead, letterhead_block
from circles_desktop.reports.meeting_pack import build_meeting_pack
from circles_desktop.reports.minutes import build_minutes
from circles_desktop.reports.questionnaire import build_questionnaire
from circles_desktop.reports.referral import build_referral_summary
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.learning import learning_record
from circles_desktop.services.organisations import organisations
from circles_desktop.services.settings import organisation
from circles_desktop.services.sharing import minutes_export, pack_content
from support.due import learning_circle, picture
from support.exports import SHAREABLE, add_outer, build_meeting, give, pdf_text, recipient
from support.records import person

ADDRESS = "The Old Chapel, 12 Quay Street\nBristol BS1 4DJ"


def images_on_first_page(data: bytes) -> int:
    page = PdfReader(BytesIO(data)).pages[0]
    return len(page.images)


def every_document(s, setup) -> dict[str, bytes]:
    """Each document, built from the records as the screens build it."""
    member = add_outer(s, setup)
    give(s, setup, member, SHAREABLE)
    prepared = minutes_export.prepare(s, setup.meeting_id, recipient(s, member), today=date(2025, 3, 20))
    circle = s.get(Circle, setup.circle_id)
    return {
        "minutes": build_minutes(prepared.content, SHAREABLE),
        "meeting pack": build_meeting_pack(pack_content.meeting_pack_content(s, setup.meeting_id)),
        "referral summary": build_referral_summary(pack_content.referral_summary_content(s, circle.referral_id)),
        "questionnaire": build_questionnaire(pack_content.questionnaire_content(s, setup.circle_id)),
        "blank questionnaire": build_questionnaire(pack_content.questionnaire_content(s)),
        "learning circle record": build_learning_record(learning_record.learning_record_content(s, learning_circle(s))),
    }


def test_every_document_carries_the_name_address_and_logo(db):
    with db.session() as s:
        organisation.save_organisation(s, organisation.OrganisationForm("Circles South West", ADDRESS))
        organisation.set_logo(s, "logo.png", picture())
        documents = every_document(s, build_meeting(s))
    assert len(documents) == 6
    for what, data in documents.items():
        text = " ".join(pdf_text(data).split())
        assert text.count("Circles South West") >= 2, what  # the letterhead and each page's running header
        assert "The Old Chapel, 12 Quay Street Bristol BS1 4DJ" in text, what
        assert images_on_first_page(data) == 1, what
        assert PdfReader(BytesIO(data)).metadata.author == "Circles South West", what


def test_before_a_name_is_set_the_coordinators_organisation_names_a_circles_documents(db):
    with db.session() as s:
        setup = build_meeting(s)
        circle = s.get(Circle, setup.circle_id)
        assert organisation.letterhead(s, circle) == Letterhead("Circles of Support and Accountability")
        org = organisations.create_organisation(
            s, organisations.OrganisationForm(name="Avon Circles", kind="voluntary")
        )
        organisations.add_professional_role(s, circle.coordinator_id, org.id, "Circle coordinator")
        assert organisation.letterhead(s, circle).name == "Avon Circles"
        assert organisation.letterhead(s).name == "Circles of Support and Accountability"
        organisation.save_organisation(s, organisation.OrganisationForm("Circles South West"))
        assert organisation.letterhead(s, circle).name == "Circles South West"
        organisation.save_organisation(s, organisation.OrganisationForm("  "))  # blank: back to the job's
        assert organisation.letterhead(s, circle).name == "Avon Circles"
        assert documents_without_logo_have_no_image(s, setup)


def documents_without_logo_have_no_image(s, setup) -> bool:
    data = build_meeting_pack(pack_content.meeting_pack_content(s, setup.meeting_id))
    return images_on_first_page(data) == 0


def test_a_learning_circle_record_has_no_name_until_one_is_set(db):
    with db.session() as s:
        circle = s.get(Circle, learning_circle(s))
        assert organisation.letterhead(s, circle).name == ""
        organisation.save_organisation(s, organisation.OrganisationForm("Wessex Children's Services"))
        assert organisation.letterhead(s, circle).name == "Wessex Children's Services"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The logo file is empty."),
        (b"GIF89a" + bytes(200), "The logo must be a PNG or JPEG picture."),
        (b"%PDF-1.7 not a picture", "The logo must be a PNG or JPEG picture."),
        (b"\x89PNG\r\n\x1a\n" + bytes(300), "The logo could not be read as a picture: it may be damaged."),
        (picture(8, 8), "The logo is 8 × 8 pixels, too small to print clearly."),
        (picture(4200, 100), "The logo is 4200 × 100 pixels: choose one of at most 4000 on either side."),
        (b"\xff\xd8\xff" + bytes(1024 * 1024 + 1), "The logo is too large (1.0 MB): choose one of at most 1 MB."),
    ],
)
def test_a_logo_that_will_not_print_well_is_refused_and_nothing_changes(db, data, message):
    with db.session() as s:
        organisation.set_logo(s, "first.png", picture())
    with pytest.raises(ValidationError) as err, db.session() as s:
        organisation.set_logo(s, "logo", data)
    assert err.value.errors == {"logo": message}
    with db.session() as s:
        assert organisation.organisation_details(s).logo_name == "first.png"
        assert s.scalar(select(func.count()).select_from(StoredFile)) == 1


def test_a_jpeg_replaces_the_logo_and_removing_it_removes_the_file(db):
    with db.session() as s:
        organisation.set_logo(s, "first.png", picture())
        organisation.set_logo(s, "second.jpg", picture(kind="JPEG"))
        details = organisation.organisation_details(s)
        assert details.logo_name == "second.jpg" and details.logo is not None and details.logo[:3] == b"\xff\xd8\xff"
        assert s.scalar(select(func.count()).select_from(StoredFile)) == 1  # the first is not kept
        organisation.remove_logo(s)
        assert organisation.organisation_details(s).logo is None
        assert s.scalar(select(func.count()).select_from(StoredFile)) == 0
        actions = [
            a.detail or a.object for a in s.scalars(select(AuditEntry).where(AuditEntry.action == "settings updated"))
        ]
        assert actions == ["stored file 1", "stored file 2", "organisation logo removed"]


def test_a_long_name_or_address_is_refused_beside_its_field(db):
    with pytest.raises(ValidationError) as err, db.session() as s:
        organisation.save_organisation(s, organisation.OrganisationForm("x" * 201, "\n".join(["line"] * 7)))
    assert err.value.errors == {
        "name": "The organisation's name is too long: at most 200 characters.",
        "address": "The address is too long for the head of a page: at most 6 lines.",
    }
    with db.session() as s:
        assert organisation.organisation_details(s).name == ""
        person(s, "Siân", "Jones")  # the database is still usable


def test_the_letterhead_is_just_the_name_when_there_is_nothing_else():
    assert len(letterhead_block(Letterhead("Circles South West"))) == 1
    assert len(letterhead_block(Letterhead("Circles South West", ADDRESS))) == 2
    assert len(letterhead_block(Letterhead("Circles South West", ADDRESS, picture()), centred=True)) == 3
