"""People: required fields, finding again by name (accents folded), date of birth or reference,
likely duplicates, parts, paging in SQL, and the audit entries."""

import pytest

from circles_desktop.services.common.text import search_key
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.organisations import organisations
from circles_desktop.services.people import people, volunteers
from circles_desktop.services.security import audit
from support.records import D, org, person


def test_search_key_folds_accents_and_punctuation():
    assert search_key("Siân") == "sian"
    assert search_key("ŁUKASZ") == "lukasz"
    assert search_key("Nguyễn") == "nguyen"
    assert search_key("O'Brien") == "obrien"
    assert search_key("Smith-Jones") == "smith jones"
    assert search_key("Björn Ó Briain") == "bjorn o briain"


def test_required_fields_are_keyed_by_field(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        people.create_person(s, people.PersonForm(given_name=" ", family_name="", date_of_birth=D(2999, 1, 1)))
    assert err.value.errors == {
        "given_name": "Enter a given name.",
        "family_name": "Enter a family name.",
        "date_of_birth": "The date of birth cannot be in the future.",
    }


def test_bad_email_message(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        people.create_person(s, people.PersonForm(given_name="Zoë", family_name="Ward", email="zoe at home"))
    assert err.value.errors["email"] == "Enter an email address like name@example.org."


def test_create_find_by_name_dob_reference(db):
    with db.session() as s:
        sian = person(s, "Siân", "Llewellyn", date_of_birth=D(1990, 4, 1), reference="A1234BC")
        person(s, "Łukasz", "Nowak", date_of_birth=D(1985, 7, 9))
        person(s, "Zoë", "Llewellyn-Hart")
    with db.session() as s:
        assert [r.id for r in people.search_people(s, "sian")] == [sian]
        assert [r.given_name for r in people.search_people(s, "LLEW")] == ["Siân", "Zoë"]
        assert [r.given_name for r in people.search_people(s, "lukasz")] == ["Łukasz"]
        assert [r.id for r in people.search_people(s, "01/04/1990")] == [sian]
        assert [r.id for r in people.search_people(s, "a1234")] == [sian]
        assert [r.id for r in people.search_people(s, "sian llew")] == [sian]
        assert people.count_people(s, "llew") == 2
        assert people.count_people(s) == 3


def test_likely_duplicate_warns_then_saves_on_confirmation(db):
    with db.session() as s:
        person(s, "Siân", "Jones", date_of_birth=D(1990, 4, 1))
    form = people.PersonForm(given_name="Sian", family_name="JONES", date_of_birth=D(1990, 4, 1))
    with db.session() as s, pytest.raises(people.LikelyDuplicate) as err:
        people.create_person(s, form)
    assert "may already be recorded: Siân Jones (born 01/04/1990)" in str(err.value)
    assert [m.given_name for m in err.value.matches] == ["Siân"]
    with db.session() as s:
        people.create_person(s, form, allow_duplicate=True)
        assert people.count_people(s, "jones") == 2


def test_different_date_of_birth_is_not_a_duplicate(db):
    with db.session() as s:
        person(s, "Siân", "Jones", date_of_birth=D(1990, 4, 1))
        form = people.PersonForm(given_name="Siân", family_name="Jones", date_of_birth=D(1971, 1, 1))
        assert people.likely_duplicates(s, form) == []
        same_ref = people.PersonForm(given_name="Other", family_name="Name", reference="X9")
        person(s, "Ref", "Holder", reference="x9")
        assert [r.given_name for r in people.likely_duplicates(s, same_ref)] == ["Ref"]


def test_filter_by_role_and_paging_order(db):
    with db.session() as s:
        ids = [person(s, given, "Evans") for given in ("Aoife", "Björn", "Zainab", "Małgorzata")]
        volunteers.save_volunteer(s, ids[1], volunteers.VolunteerForm(location="Exeter", interests=["Walking"]))
        police = org(s, "Avon and Somerset Police", "police")
        organisations.add_professional_role(s, ids[2], police, "Police offender manager")
    with db.session() as s:
        assert [r.given_name for r in people.search_people(s, "", offset=1, limit=2)] == [
            "Björn",
            "Małgorzata",
        ]
        vols = people.search_people(s, role="volunteer")
        assert [r.given_name for r in vols] == ["Björn"] and vols[0].parts == ("volunteer",)
        assert people.count_people(s, role="professional") == 1
        assert [r.given_name for r in people.search_people(s, sort="given_name", descending=True)][0] == "Zainab"


def test_update_and_delete_write_the_audit_log_without_detail(db):
    with db.session() as s:
        pid = person(s, "Nguyễn", "Văn An", notes="sensitive notes")
        form = people.person_form(s, pid)
        form.known_as = "An"
        people.update_person(s, pid, form)
        people.delete_person(s, pid)
    with db.session() as s:
        entries = audit.recent(s, 3)
        assert [(e.action, e.object) for e in reversed(entries)] == [
            ("person created", f"person {pid}"),
            ("person updated", f"person {pid}"),
            ("person deleted", f"person {pid}"),
        ]
        assert all("sensitive" not in e.detail and "Nguy" not in e.detail for e in entries)
        assert audit.verify(s).ok


def test_person_in_a_referral_cannot_be_deleted(db):
    from support.records import accepted_cosa_referral

    with db.session() as s:
        cm = person(s, "Björn", "Andersen")
        accepted_cosa_referral(s, cm)
        with pytest.raises(ValidationError, match="Björn Andersen cannot be deleted while recorded in 1 referral"):
            people.delete_person(s, cm)


def test_a_failed_save_changes_nothing(db):
    with pytest.raises(ValidationError):
        with db.session() as s:
            person(s, "Zainab", "Hussain")
            people.create_person(s, people.PersonForm(given_name="", family_name="X"))
    with db.session() as s:
        assert people.count_people(s) == 0


def test_search_uses_indexes(db):
    """The list's queries are served from indexes, not a scan of every person."""
    from sqlalchemy import text

    with db.session() as s:
        plan = " ".join(
            str(r[-1])
            for r in s.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM people WHERE family_key >= 'jo' AND family_key < 'jo\U0010ffff' "
                    "ORDER BY family_key, given_key, id LIMIT 50"
                )
            )
        )
        assert "ix_people_name" in plan, plan


def test_organisations_required_kind_and_unique_name(db):
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            organisations.create_organisation(s, organisations.OrganisationForm(name="", kind="bank"))
        assert err.value.errors == {
            "name": "Enter the organisation's name.",
            "kind": "“bank” is not a known kind of organisation.",
        }
        org(s, "HMP Wealdmoor", "prison")
        with pytest.raises(ValidationError, match="“HMP Wealdmoor” is already recorded."):
            org(s, "hmp wealdmoor", "prison")
        org(s, "Wessex Youth Offending Service", "youth_offending")
        rows = organisations.search_organisations(s, "wes")
        assert [r.name for r in rows] == ["Wessex Youth Offending Service"]
        assert organisations.count_organisations(s, kind="prison") == 1


def test_professional_role_needs_organisation_and_title(db):
    with db.session() as s:
        pid = person(s, "Aoife", "Byrne")
        with pytest.raises(ValidationError) as err:
            organisations.add_professional_role(s, pid, None, "")
        assert err.value.errors == {
            "organisation": "Choose the organisation they work for.",
            "job_title": "Enter their job title.",
        }
        probation = org(s, "Kennet Probation Delivery Unit", "probation")
        organisations.add_professional_role(s, pid, probation, "Probation officer")
        rows = organisations.search_professionals(s, "aoife")
        assert [(r.name, r.organisation, r.job_title) for r in rows] == [
            ("Aoife Byrne", "Kennet Probation Delivery Unit", "Probation officer")
        ]


def test_volunteer_vetting_and_training(db):
    with db.session() as s:
        pid = person(s, "Oluwaseun", "Okafor")
        with pytest.raises(ValidationError) as err:
            volunteers.add_dbs_check(s, pid, "super", None)
        assert err.value.errors == {
            "level": "“super” is not a known DBS check level.",
            "checked_on": "Enter the date of the check.",
        }
        volunteers.add_dbs_check(s, pid, "standard", D(2023, 1, 2))
        volunteers.add_dbs_check(s, pid, "enhanced_barred", D(2024, 1, 2), "0012")
        volunteers.add_training(s, pid, "CoSA volunteer induction", D(2024, 2, 1))
        with pytest.raises(ValidationError, match="Enter the training course."):
            volunteers.add_training(s, pid, "", D(2024, 2, 1))
        volunteers.save_volunteer(
            s,
            pid,
            volunteers.VolunteerForm(
                location="Taunton",
                availability={("mon", "evening"), ("sat", "morning")},
                interests=["Football"],
            ),
        )
        vet = volunteers.vetting(s, pid)
        assert vet.highest_level == "enhanced_barred" and vet.has_enhanced
        assert [t.course for t in vet.training] == ["CoSA volunteer induction"]
        form = volunteers.volunteer_form(s, pid)
        assert form.availability == {("mon", "evening"), ("sat", "morning")} and form.interests == ["Football"]
        with pytest.raises(ValidationError, match="is not a day and part of the day"):
            volunteers.save_volunteer(s, pid, volunteers.VolunteerForm(availability={("funday", "noon")}))
