"""Consent: who gives it, to whom, for what, and from when until when it counts."""

import pytest

from circles_desktop.models import CircleMember, Organisation, Person
from circles_desktop.services.circles import circles, members
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.consent import consent
from support.records import D, cosa_circle, inner_volunteer, org, outer_member, person


@pytest.fixture
def circle(db):
    """(circle id, core member id, probation officer member id, police organisation id)."""
    with db.session() as s:
        cid = cosa_circle(s)
        inner_volunteer(s, cid)
        po = outer_member(s, cid, "probation_officer")
        police = org(s, "Wessex Constabulary", "police")
        return cid, circles.get_circle(s, cid).focus_person_id, po, police


def test_consent_counts_from_given_until_withdrawn(db, circle):
    cid, cm, po, _ = circle
    with db.session() as s:
        made = consent.give_consent(
            s,
            cid,
            categories=["attendance", "minutes", "risk_concerns"],
            given_on=D(2025, 3, 10),
            given_by_id=cm,
            recipient_member_id=po,
        )
        consent.withdraw_consent(s, made[1].id, D(2025, 6, 1), reason="Asked for minutes to stop")
    with db.session() as s:
        member = s.get(CircleMember, po)
        assert consent.consented_categories(s, cid, member, D(2025, 3, 9)) == frozenset()
        assert consent.consented_categories(s, cid, member, D(2025, 3, 10)) == {
            "attendance",
            "minutes",
            "risk_concerns",
        }
        assert consent.consented_categories(s, cid, member, D(2025, 5, 31)) == {
            "attendance",
            "minutes",
            "risk_concerns",
        }
        assert consent.consented_categories(s, cid, member, D(2025, 6, 1)) == {"attendance", "risk_concerns"}
        # The same answer asked by person (what the export-minutes command has).
        assert consent.consented_categories(s, cid, s.get(Person, member.person_id), D(2025, 6, 1)) == {
            "attendance",
            "risk_concerns",
        }


def test_consent_to_an_organisation_covers_its_member_while_in_the_circle(db, circle):
    cid, cm, po, _ = circle
    with db.session() as s:
        member = s.get(CircleMember, po)
        org_id = member.organisation_id
        consent.give_consent(
            s,
            cid,
            categories=["goals_progress"],
            given_on=D(2025, 3, 10),
            given_by_id=cm,
            recipient_organisation_id=org_id,
        )
        assert consent.consented_categories(s, cid, s.get(Organisation, org_id), D(2025, 4, 1)) == {"goals_progress"}
        assert consent.consented_categories(s, cid, member, D(2025, 4, 1)) == {"goals_progress"}
        members.member_leaves(s, po, D(2025, 5, 1))
        assert consent.consented_categories(s, cid, member, D(2025, 5, 2)) == frozenset()
        assert consent.consented_categories(s, cid, member, D(2025, 4, 30)) == {"goals_progress"}


def test_internal_is_never_consented(db, circle):
    cid, cm, po, _ = circle
    with db.session() as s, pytest.raises(ValidationError) as err:
        consent.give_consent(
            s,
            cid,
            categories=["internal", "minutes"],
            given_on=D(2025, 3, 10),
            given_by_id=cm,
            recipient_member_id=po,
        )
    assert err.value.errors == {
        "categories": "Internal notes (volunteers' preparation and debrief) are never shared, so consent cannot "
        "cover them."
    }


def test_recipient_must_be_outer_circle_or_organisation(db, circle):
    cid, cm, po, police = circle
    with db.session() as s:
        inner = next(m.id for m in members.members(s, cid) if m.role == "volunteer")
        with pytest.raises(ValidationError) as err:
            consent.give_consent(
                s,
                cid,
                categories=["minutes"],
                given_on=D(2025, 3, 10),
                given_by_id=cm,
                recipient_member_id=inner,
            )
        assert err.value.errors == {
            "recipient": "Siân Jones is in the inner circle; consent is given to outer-circle members and "
            "organisations."
        }
        with pytest.raises(ValidationError) as err:
            consent.give_consent(
                s,
                cid,
                categories=[],
                given_on=None,
                given_by_id=None,
                recipient_member_id=po,
                recipient_organisation_id=police,
            )
        assert err.value.errors == {
            "categories": "Choose at least one kind of information the recipient may receive.",
            "recipient": "Choose one recipient: an outer-circle member or an organisation.",
            "given_on": "Enter the date consent was given.",
            "given_by_id": "Choose who gave consent.",
        }


def test_only_the_core_member_gives_consent_for_an_adult(db, circle):
    cid, _, po, _ = circle
    with db.session() as s:
        someone = person(s, "Björn", "Olsen")
        with pytest.raises(ValidationError) as err:
            consent.give_consent(
                s,
                cid,
                categories=["minutes"],
                given_on=D(2025, 3, 10),
                given_by_id=someone,
                recipient_member_id=po,
            )
        assert err.value.errors == {
            "given_by_id": "Consent is given by the core member (or, for a young person, a parent or carer)."
        }
        with pytest.raises(ValidationError, match="A parent's or carer's consent is recorded for a young person's"):
            consent.give_consent(
                s,
                cid,
                categories=["minutes"],
                given_on=D(2025, 3, 10),
                given_by_id=circles.get_circle(s, cid).focus_person_id,
                parent_carer_id=someone,
                recipient_member_id=po,
            )


def test_a_parent_giving_consent_is_the_parent_consenting_and_another_chosen_is_refused(db):
    """For a young person, consent a parent or carer gives is their own: another parent or carer chosen as
    also consenting was dropped for the one who gave it; now it is refused beside that field."""
    from circles_desktop.models.vocab import CosaVariant, MemberRole, Ring

    with db.session() as s:
        cid = cosa_circle(s, CosaVariant.YOUNG_PERSON)
        po = outer_member(s, cid, "probation_officer")
        joanne, mark = person(s, "Joanne", "Brooks"), person(s, "Mark", "Brooks")
        for parent in (joanne, mark):
            members.add_member(s, cid, parent, Ring.INNER, MemberRole.PARENT_CARER, D(2025, 3, 1))
        given = dict(categories=["minutes"], given_on=D(2025, 3, 10), given_by_id=joanne, recipient_member_id=po)
        with pytest.raises(ValidationError) as err:
            consent.give_consent(s, cid, parent_carer_id=mark, **given)
        assert err.value.errors == {"parent_carer_id": consent.PARENT_GIVES_THEIR_OWN}
        [made] = consent.give_consent(s, cid, **given)
        assert made.parent_carer_id == joanne


def test_withdrawn_cannot_precede_given(db, circle):
    cid, cm, po, _ = circle
    with db.session() as s:
        [c] = consent.give_consent(
            s, cid, categories=["minutes"], given_on=D(2025, 3, 10), given_by_id=cm, recipient_member_id=po
        )
        with pytest.raises(ValidationError) as err:
            consent.withdraw_consent(s, c.id, D(2025, 3, 9))
        assert err.value.errors == {
            "withdrawn_on": "The date consent was withdrawn (09/03/2025) cannot be before the date it was given "
            "(10/03/2025)."
        }
        consent.withdraw_consent(s, c.id, D(2025, 3, 10))
        with pytest.raises(ValidationError, match="already withdrawn on 10/03/2025"):
            consent.withdraw_consent(s, c.id, D(2025, 3, 11))


def test_duplicate_consent_refused_but_regiven_after_withdrawal(db, circle):
    cid, cm, po, _ = circle
    with db.session() as s:
        [c] = consent.give_consent(
            s, cid, categories=["minutes"], given_on=D(2025, 3, 10), given_by_id=cm, recipient_member_id=po
        )
        with pytest.raises(
            ValidationError, match="Consent for “Meeting minutes” to this recipient is already recorded"
        ):
            consent.give_consent(
                s, cid, categories=["minutes"], given_on=D(2025, 4, 1), given_by_id=cm, recipient_member_id=po
            )
        consent.withdraw_consent(s, c.id, D(2025, 4, 1))
        consent.give_consent(
            s, cid, categories=["minutes"], given_on=D(2025, 5, 1), given_by_id=cm, recipient_member_id=po
        )
        member = s.get(CircleMember, po)
        assert consent.consented_categories(s, cid, member, D(2025, 4, 15)) == frozenset()
        assert consent.consented_categories(s, cid, member, D(2025, 5, 1)) == {"minutes"}


def test_matrix_of_recipients_and_categories(db, circle):
    cid, cm, po, police = circle
    with db.session() as s:
        consent.give_consent(
            s,
            cid,
            categories=["attendance", "minutes"],
            given_on=D(2025, 3, 10),
            given_by_id=cm,
            recipient_member_id=po,
            signed_form=("consent form.pdf", b"%PDF-1.4 signed"),
        )
        consent.give_consent(
            s,
            cid,
            categories=["significant_developments"],
            given_on=D(2025, 3, 12),
            given_by_id=cm,
            recipient_organisation_id=police,
        )
        rows = consent.consent_matrix(s, cid, D(2025, 4, 1))
        assert [(r.recipient.kind, r.recipient.name) for r in rows] == [
            ("member", "Oluwaseun Adeyemi"),
            ("organisation", "Wessex Constabulary"),
        ]
        assert rows[0].covered == {"attendance", "minutes"} and rows[1].covered == {"significant_developments"}
        assert list(rows[0].cells) == list(consent.CATEGORIES)  # every shareable category, never internal
        assert consent.consent_matrix(s, cid, D(2025, 3, 1))[0].covered == frozenset()
        history = consent.consent_history(s, cid)
        name, media_type, data = consent.signed_form_file(s, history[-1].id)
        assert (name, media_type, data) == ("consent form.pdf", "application/pdf", b"%PDF-1.4 signed")
