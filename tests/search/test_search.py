"""Search across everything: accents, hyphens and apostrophes, every kind of record, grouped, kept in
step with every write through the services, and limited when a word is common."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from circles_desktop.models import Circle
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.learning import children
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.meetings import meetings
from circles_desktop.services.people import people
from circles_desktop.services.search import search
from circles_desktop.services.search.matching import words
from support.records import cosa_circle, org, person


def found(s, text: str) -> dict[str, list[str]]:
    """{kind: [title of each hit]} for what the search shows."""
    return {g.kind: [h.title for h in g.hits] for g in search.search(s, text)}


def titles(s, text: str, kind: str = rr.PERSON) -> list[str]:
    return found(s, text).get(kind, [])


@pytest.mark.parametrize(
    "typed",
    ["Sian", "sian", "SIAN", "Siân", "si", "s", "sia", "Sian Lloyd-Jones", "jones sian", "lloyd", "Lloyd-J"],
)
def test_accents_case_and_hyphens_do_not_matter(db, typed):
    with db.session() as s:
        person(s, "Siân", "Lloyd-Jones")
        person(s, "Bob", "Taylor")
        assert titles(s, typed) == ["Siân Lloyd-Jones"]


@pytest.mark.parametrize(
    ("given", "family", "typed"),
    [
        ("Siân", "Smith-Jones", "jones"),  # a later part of a hyphenated name
        ("Siân", "Smith-Jones", "ones"),  # inside a name
        ("Łukasz", "Wiśniewski", "lukasz"),  # ł is not a letter with an accent, yet folds
        ("Łukasz", "Wiśniewski", "Łukasz"),
        ("Łukasz", "Wiśniewski", "wisniewski"),
        ("Dáithí", "Ó Briain", "dait"),
        ("Dáithí", "Ó Briain", "o briain"),
        ("Seán", "O'Brien", "obrien"),  # the apostrophe dropped, as in the stored key
        ("Seán", "O'Brien", "brien"),
        ("Seán", "O'Brien", "O'Brien"),
        ("Bjørn", "Ødegård", "odegard"),
        ("Zoë", "Straße", "strasse"),
        ("Nguyễn", "Thị Lan", "nguyen"),
    ],
)
def test_non_ascii_names_are_found(db, given, family, typed):
    with db.session() as s:
        person(s, given, family)
        person(s, "Bob", "Taylor")
        assert titles(s, typed) == [f"{given} {family}"]


def test_every_word_must_match_and_a_stray_word_finds_nothing(db):
    with db.session() as s:
        person(s, "Siân", "Jones")
        person(s, "Siân", "Evans")
        assert titles(s, "sian jones") == ["Siân Jones"]
        assert titles(s, "sian") == ["Siân Evans", "Siân Jones"]  # in name order
        assert found(s, "sian zebedee") == {}
        assert found(s, "") == found(s, "   ") == found(s, "''") == {}


def test_quotes_and_operators_typed_are_just_words(db):
    """What FTS5 would read as its own syntax (quotes, stars, NEAR, a column filter) is searched for as
    words, never an error."""
    with db.session() as s:
        person(s, "Andrea", "Near")
        for typed in ['"near', "near*", "NEAR(", "near:", "-near", "^near", "(near)", "{near}"]:
            assert titles(s, typed) == ["Andrea Near"], typed
        person(s, "Oran", "Andersson")
        assert titles(s, "AND") == ["Oran Andersson", "Andrea Near"]
        assert titles(s, "or") == ["Oran Andersson"]


def test_every_kind_is_found_and_grouped_in_order(db):
    with db.session() as s:
        cid = cosa_circle(s)  # the core member is Dáithí Ó Briain; the referral is for him too
        org(s, "Ó Briain Housing Trust", "voluntary")
        meeting = meetings.create_meeting(
            s, cid, meetings.MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 3, 14, 18, 0))
        )
        meetings.add_section(s, meeting.id, "Housing", "Spoke with Ó Briain about the tenancy.", "minutes")
        hol = person(s, "Siân", "Llewellyn")
        child = children.create_child(
            s,
            children.ChildForm(
                given_name="Aoife", family_name="Ó Briain", date_of_birth=date(2014, 5, 1), locality="Avonford",
                case_reference="CR-100200",
            ),
            today=date(2025, 6, 1),
        ).id  # fmt: skip
        lc = lcs.create_learning_circle(
            s,
            lcs.LearningCircleForm(
                child_id=child, reasons={"escalation_of_risk"}, proposed_on=date(2025, 3, 3), head_of_locality_id=hol
            ),
        ).id
        groups = search.search(s, "o briain")
        assert [g.kind for g in groups] == [
            rr.PERSON, rr.ORGANISATION, rr.REFERRAL, rr.CIRCLE, rr.MEETING, rr.LEARNING_CIRCLE, rr.CHILD,
        ]  # fmt: skip
        assert [g.title for g in groups][:3] == ["People", "Organisations", "Referrals"]
        by_kind = {g.kind: g for g in groups}
        reference = s.get(Circle, cid).reference
        assert by_kind[rr.CIRCLE].hits[0].title == f"{reference} · Dáithí Ó Briain"
        assert by_kind[rr.CIRCLE].hits[0].ref == rr.RecordRef(rr.CIRCLE, cid)
        assert by_kind[rr.MEETING].hits[0].ref == rr.RecordRef(rr.MEETING, meeting.id)
        assert by_kind[rr.MEETING].hits[0].title == f"Circle meeting, 14/03/2025 · {reference}"
        assert by_kind[rr.LEARNING_CIRCLE].hits[0].ref == rr.RecordRef(rr.LEARNING_CIRCLE, lc)
        assert by_kind[rr.LEARNING_CIRCLE].hits[0].title.endswith("Aoife Ó Briain")
        assert by_kind[rr.CHILD].hits[0].detail == "born 01/05/2014 · Avonford · CR-100200"
        assert by_kind[rr.REFERRAL].hits[0].title.startswith("REF-")
        # a circle is found by its reference, the meetings by their circle's and the minutes' words
        assert found(s, reference)[rr.CIRCLE] == [f"{reference} · Dáithí Ó Briain"]
        assert len(found(s, reference)[rr.MEETING]) == 1
        assert list(found(s, "tenancy")) == [rr.MEETING]
        assert list(found(s, "tenan")) == [rr.MEETING]  # a word of the minutes still being typed
        assert list(found(s, "CR-100200")) == [rr.LEARNING_CIRCLE, rr.CHILD]


def test_the_index_keeps_in_step_with_every_write(db):
    with db.session() as s:
        pid = person(s, "Siân", "Jones")
        cid = cosa_circle(s)
        meeting = meetings.create_meeting(
            s, cid, meetings.MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 3, 14, 18, 0))
        ).id
        section = meetings.add_section(s, meeting, "Work", "Started at the bakery.", "minutes").id
    with db.session() as s:
        people.update_person(s, pid, people.PersonForm(given_name="Siân", family_name="Pritchard"))
        meetings.update_section(s, section, "Work", "Started at the garden centre.", "minutes")
    with db.session() as s:
        assert titles(s, "jones") == []
        assert titles(s, "pritchard") == ["Siân Pritchard"]
        assert found(s, "bakery") == {}
        assert list(found(s, "garden")) == [rr.MEETING]
        # the core member renamed: their circle and referral are found by the new name
        core = s.get(Circle, cid).focus_person_id
        people.update_person(s, core, people.PersonForm(given_name="Dáithí", family_name="Quennell"))
        assert set(found(s, "quennell")) == {rr.PERSON, rr.REFERRAL, rr.CIRCLE}
    with db.session() as s:
        meetings.delete_section(s, section)
        people.delete_person(s, pid)
    with db.session() as s:
        assert found(s, "garden") == {}
        assert found(s, "pritchard") == {}


def test_a_failed_write_leaves_the_index_as_it_was(db):
    with db.session() as s:
        pid = person(s, "Siân", "Jones")
    with pytest.raises(RuntimeError), db.session() as s:
        people.update_person(s, pid, people.PersonForm(given_name="Siân", family_name="Pritchard"))
        raise RuntimeError("the unit of work fails after the change")
    with db.session() as s:
        assert titles(s, "jones") == ["Siân Jones"]
        assert titles(s, "pritchard") == []


def test_a_common_word_is_counted_up_to_a_limit(db, monkeypatch):
    monkeypatch.setattr(search, "COUNT_UP_TO", 5)
    monkeypatch.setattr(search, "IN_NAME_ORDER_UP_TO", 3)
    with db.session() as s:
        for n in range(7):
            person(s, f"Name{n}", "Jones")
        group = search.search(s, "jones")[0]
        assert (group.total, group.more, group.count_text) == (5, True, "more than 5")
        # beyond the name-order limit, the newest few are listed (by name among themselves)
        assert [h.title for h in group.hits] == [f"Name{n} Jones" for n in range(1, 7)]
        few = search.search(s, "name1")[0]
        assert (few.total, few.more, few.count_text) == (1, False, "1")


def test_words_are_normalised_and_limited():
    assert [w.key for w in words("Siân  Smith-Jones O'Brien")] == ["sian", "smith", "jones", "obrien"]
    assert words("Łukasz")[0].written == "łukasz"
    assert words("sian")[0].written == ""
    assert len(words(" ".join(f"w{n}" for n in range(20)))) == 8
