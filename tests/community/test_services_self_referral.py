"""A person and a purpose: the self-referral with its signposting agency, the third-party refusal, every
missing field at once, and the people from the person's own life, each happy to help."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from circles_desktop.models import CircleMember, CommunityCircle, LifeMember, Referral
from circles_desktop.models.vocab import CircleStatus, MemberRole, ReferralStatus
from circles_desktop.services.circles import circles
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import life_members, self_referral
from support.community import RECEIVED, TODAY, community_circle, connector, details, partner
from support.records import org, person


@pytest.fixture
def base(db):
    with db.session() as s:
        host = partner(s)
        return {
            "host": host,
            "connector": connector(s, "Kofi", "Mensah", host),
            "gp": org(s, "Avonford Health Centre", "health"),
        }


def test_a_self_referral_records_the_signposting_agency_never_as_a_referrer(db, base):
    with db.session() as s:
        cid, pid = community_circle(s, base["connector"], signposted_by=base["gp"])
        circle = circles.get_circle(s, cid)
        referral = s.get(Referral, circle.referral_id)
        assert referral.self_referral and referral.referrer_id is None and referral.agency_id is None
        assert referral.signposted_by_id == base["gp"]
        assert referral.status == ReferralStatus.ACCEPTED and referral.status_on == RECEIVED
        assert circle.kind == "community" and circle.status == CircleStatus.FORMING
        assert circle.purpose == "To meet people nearby who like gardening"
        roles = {m.role: m.person_id for m in s.scalars(select(CircleMember).where(CircleMember.circle_id == cid))}
        assert roles == {MemberRole.FOCUS_PERSON: pid, MemberRole.CONNECTOR: base["connector"]}
        community = s.get(CommunityCircle, cid)
        assert community.postcode_district == "ST4" and {(t.day, t.part_of_day) for t in community.times} == {
            ("tue", "evening"),
            ("sat", "morning"),
        }
        detail = cc.community_detail(s, cid)
        assert detail.signposted_by == "Avonford Health Centre" and detail.stage == cc.FINDING


def test_a_referral_by_anyone_else_is_refused_with_the_reason(db, base):
    with db.session() as s:
        pid = person(s, "Aled", "Pryce")
        form = self_referral.SelfReferralForm(
            person_id=pid,
            referred_by=self_referral.SOMEONE_ELSE,
            received_on=TODAY,
            details=details(base["connector"]),
        )
        with pytest.raises(ValidationError) as err:
            self_referral.take_self_referral(s, form)
    message = err.value.errors["referred_by"]
    assert "do not take referrals from anyone else" in message
    assert "the person refers themselves" in message and "Signposted by" in message
    with db.session() as s:
        assert s.scalar(select(Referral.id)) is None  # nothing half-made


def test_every_missing_field_is_said_at_once(db, base):
    form = self_referral.SelfReferralForm(
        received_on=TODAY + timedelta(days=1),
        details=cc.CommunityForm(postcode_district="Avonford"),
    )
    with db.session() as s, pytest.raises(ValidationError) as err:
        self_referral.take_self_referral(s, form)
    errors = err.value.errors
    assert errors["person_id"] == "Choose the person referred."
    assert errors["purpose_kind"] == "Choose kind of purpose."
    assert errors["purpose"] == "Enter the person's purpose, in their own words."
    assert errors["contact_by"] == "Choose how they would like to be contacted."
    assert errors["connector_id"] == "Choose the connector."
    assert "first half of the postcode" in errors["postcode_district"]
    assert errors["received_on"] == "The date received cannot be in the future."


def test_the_connector_must_be_a_connector(db, base):
    with db.session() as s:
        someone = person(s, "Not", "Aconnector")
        with pytest.raises(ValidationError) as err:
            community_circle(s, someone)
    assert err.value.errors["connector_id"] == "Choose a connector: that person is not recorded as one."


def test_details_change_and_a_new_connector_joins_the_circle(db, base):
    with db.session() as s:
        cid, _ = community_circle(s, base["connector"])
        other = connector(s, "Hannah", "Oduya", base["host"])
        form = cc.community_form(s, cid)
        form.connector_id, form.purpose, form.share_what_matters = other, "To find a walking group", True
        cc.update_details(s, cid, form)
        now = {
            (m.person_id, m.left_on is None)
            for m in s.scalars(
                select(CircleMember).where(CircleMember.circle_id == cid, CircleMember.role == MemberRole.CONNECTOR)
            )
        }
        assert now == {(base["connector"], False), (other, True)}
        assert s.get(Referral, circles.get_circle(s, cid).referral_id).purpose == "To find a walking group"
        assert cc.community_detail(s, cid).form.share_what_matters


def test_contact_through_someone_keeps_contact_details_out(db, base):
    with db.session() as s, pytest.raises(ValidationError) as err:
        community_circle(s, base["connector"], contact_by="through_someone", share_contact=True)
    assert "leave their contact details out" in err.value.errors["share_contact"]


# --- their circle --------------------------------------------------------------------------------------
def test_people_from_their_life_join_only_when_happy_to_help(db, base):
    with db.session() as s:
        cid, _ = community_circle(s, base["connector"])
        neighbour = person(s, "Gwen", "Hughes")
        with pytest.raises(ValidationError) as err:
            life_members.add_from_their_life(s, cid, neighbour, MemberRole.NEIGHBOUR, False, RECEIVED)
        assert err.value.errors["happy_to_help"].startswith("Ask Gwen Hughes first")
        assert s.scalar(select(CircleMember.id).where(CircleMember.person_id == neighbour)) is None

        member = life_members.add_from_their_life(
            s, cid, neighbour, MemberRole.NEIGHBOUR, True, RECEIVED, "Lifts to the allotment"
        )
        assert s.get(LifeMember, member.id).how_they_help == "Lifts to the allotment"
        rows = life_members.their_circle(s, cid)
        assert [(r.name, r.role_words) for r in rows] == [
            ("Mair Lloyd-Evans", "Person in focus"),
            ("Kofi Mensah", "Connector"),
            ("Gwen Hughes", "Neighbour"),
        ]


def test_their_circle_keeps_the_member_rules(db, base):
    with db.session() as s:
        cid, _ = community_circle(s, base["connector"])
        friend = person(s, "Ifan", "Rowlands")
        with pytest.raises(ValidationError) as err:
            life_members.add_from_their_life(s, cid, friend, "colleague", True, RECEIVED - timedelta(days=3))
        assert err.value.errors["relationship"] == "“colleague” is not a known relationship to the person."
        assert "cannot be before the circle's start date" in err.value.errors["joined_on"]
        life_members.add_from_their_life(s, cid, friend, MemberRole.FRIEND, True, RECEIVED)
        with pytest.raises(ValidationError) as err:
            life_members.add_from_their_life(s, cid, friend, MemberRole.FRIEND, True, RECEIVED)
        assert "already a member" in err.value.errors["person_id"]
