"""Facilitator matching: a generated pool whose best match is known by construction, the reasons in
words, what rules a facilitator out, and choosing one (the match, the 12-month commitment, the circle
going active), refused for anyone ruled out."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from circles_desktop.models import CircleMember, FacilitatorCommitment
from circles_desktop.models.vocab import CircleStatus, MemberRole
from circles_desktop.services.circles import circles
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.community import facilitators, matching
from circles_desktop.services.community.matching import Candidate, Need, mask_slots, slot_mask
from support.community import RECEIVED, community_circle, connector, facilitator, partner

NEED = Need(
    area="Avonford",
    district="ST4",
    times=frozenset({("tue", "evening"), ("sat", "morning"), ("thu", "afternoon")}),
    interests=("gardening", "local history", "choir"),
)
DISTRICTS = ["ST1", "ST6", "ST9", "LE1", "LE5", "BM2", "AV3"]
TOWNS = ["Avonford", "Brackenmoor", "Kingsbridge", "Lydford"]
ALL_TIMES = [
    (d, p) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for p in ("morning", "afternoon", "evening")
]
INTERESTS = ["walking", "football", "cooking", "music", "reading", "fishing", "art", "cycling", "chess", "films"]


def generated_pool(seed: int, size: int = 400) -> list[Candidate]:
    """Facilitators who each fall short somewhere: none shares the district, all three times and all
    three interests, so the one built to do exactly that (id 0) fits best."""
    rnd = random.Random(seed)
    pool = []
    for i in range(1, size):
        near = rnd.random() < 0.3
        pool.append(
            Candidate(
                person_id=i,
                name=f"Facilitator {i:04d}",
                area=rnd.choice(TOWNS),
                district="ST4" if near else rnd.choice(DISTRICTS),
                travel=rnd.choice(["own_district", "area", "anywhere"]),
                # Near ones share at most one of the times and none of the interests; the others may share
                # more, but are never in ST4.
                slots=slot_mask(rnd.sample(ALL_TIMES, 3) if not near else [("mon", "morning"), ("tue", "evening")]),
                interests=tuple(rnd.sample(INTERESTS + (["gardening", "choir"] if not near else []), 3)),
                circles=rnd.randint(0, 1),
                max_circles=2,
                has_dbs=True,
                has_training=True,
            )
        )
    best = Candidate(
        0,
        "Best Fit",
        "Avonford",
        "ST4",
        "area",
        NEED.mask,
        ("choir", "Gardening", "local history"),
        True,
        2,
        1,
        True,
        True,
    )
    pool.insert(rnd.randrange(len(pool)), best)
    return pool


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_best_match_known_by_construction_comes_first(seed):
    ranked = matching.rank(NEED, generated_pool(seed))
    first = ranked[0]
    assert first.candidate.person_id == 0
    assert first.fit == matching.FIT_MAX
    assert first.reason_words == (
        "both in ST4; both free Tuesday evenings, Thursday afternoons and Saturday mornings; "
        "shared: gardening, local history, choir"
    )
    assert all(m.fit < first.fit for m in ranked[1:])
    fits = [m.fit for m in ranked if m.can_match]
    assert fits == sorted(fits, reverse=True)


def test_what_rules_a_facilitator_out_is_said_and_they_go_last():
    ok = Candidate(1, "Able", district="ST4", has_dbs=True, has_training=True)
    full = Candidate(2, "Busy", district="ST4", circles=2, max_circles=2, has_dbs=True, has_training=True)
    untrained = Candidate(3, "New", district="ST4", has_dbs=True)
    unvetted = Candidate(4, "Waiting", district="ST4", has_training=True)
    resting = Candidate(5, "Resting", district="ST4", active=False, max_circles=0, has_dbs=True, has_training=True)
    ranked = matching.rank(NEED, [full, untrained, ok, unvetted, resting])
    assert ranked[0].candidate.name == "Able" and ranked[0].can_match
    out = {m.candidate.name: m.ruled_out_words for m in ranked[1:]}
    assert out == {
        "Busy": "no capacity: already facilitating 2 circles, the most they can take",
        "New": "Community Circles facilitator training missing",
        "Waiting": "DBS check missing",
        "Resting": "not active as a volunteer; no capacity: not taking circles at the moment",
    }


def test_location_is_weighed_by_district_postcode_area_town_and_how_far_they_travel():
    def where(**kw) -> str:
        return matching.assess(NEED, Candidate(9, "X", **kw)).reasons[0]

    assert where(district="ST4") == "both in ST4"
    assert where(district="ST6", travel="area") == "ST6 is near ST4: travels across ST"
    assert where(district="LE1", area="Avonford", travel="area") == "both in Avonford"
    assert where(district="LE1", travel="anywhere") == "in LE1, will travel anywhere"
    assert (
        where(district="ST6", travel="own_district") == "out of reach: in ST6, travels only within their own district"
    )
    assert mask_slots(slot_mask(NEED.times)) == NEED.times
    times = matching.assess(NEED, Candidate(9, "X", slots=slot_mask({("wed", "morning")}))).reasons[1]
    assert times == "no free times in common"


# --- from the records ---------------------------------------------------------------------------------
@pytest.fixture
def circle(db):
    with db.session() as s:
        host = partner(s)
        kofi = connector(s, "Kofi", "Mensah", host)
        cid, _ = community_circle(s, kofi)
        people = {
            "best": facilitator(s, "Rhiannon", "Price", interests=["gardening", "local history"], recruited_by=host),
            "far": facilitator(s, "Tom", "Hale", district="LE1", area="Lydford", travel="own_district"),
            "untrained": facilitator(s, "Sam", "Ng", trained=False),
            "busy": facilitator(s, "Ola", "Bello", max_circles=0),
        }
        return cid, people


def test_the_pool_is_read_from_the_volunteer_records_and_ranked(db, circle):
    cid, people = circle
    with db.session() as s:
        ranked = facilitators.ranked(s, cid)
    assert [m.candidate.person_id for m in ranked if m.can_match] == [people["best"], people["far"]]
    best = ranked[0]
    assert best.reason_words == "both in ST4; both free Tuesday evenings; shared: gardening, local history"
    assert {m.candidate.name: m.ruled_out_words for m in ranked if not m.can_match} == {
        "Sam Ng": "Community Circles facilitator training missing",
        "Ola Bello": "no capacity: not taking circles at the moment",
    }


def test_choosing_a_facilitator_records_the_match_and_a_12_month_commitment(db, circle):
    cid, people = circle
    on = RECEIVED + timedelta(days=20)
    with db.session() as s:
        row = facilitators.choose_facilitator(s, cid, people["best"], on)
        assert (row.facilitator, row.committed_on, row.until_on) == ("Rhiannon Price", on, add_months(on, 12))
        assert row.reasons == "both in ST4; both free Tuesday evenings; shared: gardening, local history"
        member = s.scalar(
            select(CircleMember).where(CircleMember.circle_id == cid, CircleMember.role == MemberRole.FACILITATOR)
        )
        assert member.person_id == people["best"] and member.joined_on == on
        circle = circles.get_circle(s, cid)
        assert circle.status == CircleStatus.ACTIVE and circle.activated_on == on
        # Now at capacity, and committed: neither this circle nor another can take them again.
        assert facilitators.circles_facilitated(s, on) == {people["best"]: 1}
        with pytest.raises(ValidationError) as err:
            facilitators.choose_facilitator(s, cid, people["far"], on)
        assert "Rhiannon Price is committed to this circle until" in err.value.errors["facilitator_id"]


def test_a_ruled_out_facilitator_cannot_be_matched(db, circle):
    cid, people = circle
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            facilitators.choose_facilitator(s, cid, people["untrained"], RECEIVED + timedelta(days=5))
        assert err.value.errors["facilitator_id"] == (
            "Sam Ng cannot be matched: Community Circles facilitator training missing."
        )
        with pytest.raises(ValidationError) as err:
            facilitators.choose_facilitator(s, cid, people["busy"], RECEIVED + timedelta(days=5))
        assert "no capacity" in err.value.errors["facilitator_id"]
        assert s.scalar(select(FacilitatorCommitment.id)) is None


def test_a_match_cannot_be_dated_before_the_self_referral_or_in_the_future(db, circle):
    cid, people = circle
    with db.session() as s, pytest.raises(ValidationError) as err:
        facilitators.choose_facilitator(s, cid, people["best"], RECEIVED - timedelta(days=1))
    assert "cannot be before the date the person referred themselves" in err.value.errors["on_date"]
    with db.session() as s, pytest.raises(ValidationError) as err:
        facilitators.choose_facilitator(s, cid, people["best"], RECEIVED + timedelta(days=4000))
    assert err.value.errors["on_date"] == "The date of the match cannot be in the future."


def test_a_match_records_only_the_reasons_that_add_to_the_fit(db, circle):
    """What the facilitator's summary gives as "why you were matched": never "out of reach"."""
    cid, people = circle
    with db.session() as s:
        far = next(m for m in facilitators.ranked(s, cid) if m.candidate.person_id == people["far"])
        assert far.reasons[0].startswith("out of reach")
        row = facilitators.choose_facilitator(s, cid, people["far"], RECEIVED + timedelta(days=20))
    assert row.reasons == "both free Tuesday evenings; shared: gardening"
