"""The connectors' network: connectors hosted by partner organisations, a regional connector supporting up
to 12 of them (a 13th refused), six-weekly community practice sessions with attendance, learning shared
and problems brought and solved; and what falls due across circles and the network."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import community_list, connectors, due, facilitators, practice_sessions
from circles_desktop.services.community.first_meetings import FIRST_DUE_DAYS
from circles_desktop.services.meetings import meetings
from support.community import RECEIVED, TODAY, community_circle, connector, facilitator, partner
from support.records import person


@pytest.fixture
def network(db):
    with db.session() as s:
        host = partner(s)
        regional = connector(s, "Kerry", "Jones", host, regional=True)
        local = [connector(s, "Local", f"Connector {i:02d}", host, regional_id=regional) for i in range(12)]
        return {"host": host, "regional": regional, "local": local}


def test_a_regional_connector_supports_up_to_12_and_a_13th_is_refused(db, network):
    with db.session() as s:
        pid = person(s, "Thirteenth", "Connector")
        form = connectors.ConnectorForm(pid, network["host"], regional_connector_id=network["regional"])
        with pytest.raises(ValidationError) as err:
            connectors.save_connector(s, form)
        assert err.value.errors["regional_connector_id"] == (
            "Kerry Jones already supports 12 local connectors, the most a regional connector supports. "
            "Choose another regional connector."
        )
        # One of the twelve can still be saved again under the same regional connector.
        again = connectors.connector_form(s, network["local"][0])
        again.area = "Avonford"
        connectors.save_connector(s, again)
        rows = connectors.network(s)
        assert rows[0].name == "Kerry Jones" and rows[0].locals == 12 and rows[0].kind_words == "Regional connector"
        assert [r.regional_name for r in rows[1:]] == ["Kerry Jones"] * 12


def test_connector_rules_say_what_to_do(db, network):
    with db.session() as s:
        pid = person(s, "Ann", "Other")
        with pytest.raises(ValidationError) as err:
            connectors.save_connector(
                s, connectors.ConnectorForm(pid, None, regional=True, regional_connector_id=network["regional"])
            )
        assert (
            err.value.errors["host_organisation_id"] == "Choose the partner organisation that employs and hosts them."
        )
        assert err.value.errors["regional_connector_id"] == (
            "A regional connector is not supported by another regional connector."
        )
        with pytest.raises(ValidationError) as err:
            connectors.save_connector(
                s, connectors.ConnectorForm(pid, network["host"], regional_connector_id=network["local"][0])
            )
        assert err.value.errors["regional_connector_id"] == "Choose a regional connector: that person is not one."
        kerry = connectors.connector_form(s, network["regional"])
        kerry.regional = False
        with pytest.raises(ValidationError) as err:
            connectors.save_connector(s, kerry)
        assert err.value.errors["regional"] == (
            "They support 12 local connectors: move them to another regional connector first."
        )


def test_practice_sessions_fall_due_six_weeks_after_the_last(db, network):
    regional, local = network["regional"], network["local"]
    held = TODAY - timedelta(days=10)
    with db.session() as s:
        assert practice_sessions.next_due(s, regional, TODAY) == TODAY - timedelta(days=900)  # none yet
        form = practice_sessions.SessionForm(
            held_on=held,
            venue="Avonford Hub",
            attended={local[0], local[3]},
            learning_shared="Meeting in the library works well for people who find homes crowded",
            problems_brought="Two circles cannot find a facilitator free at weekends",
            problems_solved="Share facilitators across the two partner organisations",
        )
        sid = practice_sessions.record_session(s, regional, form, TODAY).id
        assert practice_sessions.next_due(s, regional, TODAY) == held + timedelta(weeks=6)
        row = practice_sessions.sessions(s, regional)[0]
        assert row.id == sid and [name for _, name in row.attended] == ["Local Connector 00", "Local Connector 03"]
        assert "in 32 days" in practice_sessions.due_words(held + timedelta(weeks=6), TODAY)
        rows = due.practice_sessions(s, TODAY)
        assert [(r.due_on, r.what, r.opens, r.record_id) for r in rows] == [
            (held + timedelta(weeks=6), "Community practice session run by Kerry Jones", due.CONNECTOR, regional)
        ]


def test_a_practice_session_is_recorded_once_held_and_only_for_the_network(db, network):
    regional = network["regional"]
    with db.session() as s:
        other_host = partner(s, "Kingsbridge Together")
        stranger = connector(s, "Someone", "Else", other_host)
        form = practice_sessions.SessionForm(held_on=TODAY + timedelta(days=1), attended={stranger})
        with pytest.raises(ValidationError) as err:
            practice_sessions.record_session(s, regional, form, TODAY)
        assert err.value.errors["held_on"].startswith("Record a session once it has been held")
        assert (
            err.value.errors["attended"]
            == "Only the connectors this regional connector supports come to their sessions."
        )
        form = practice_sessions.SessionForm(held_on=TODAY - timedelta(days=1000))
        with pytest.raises(ValidationError) as err:
            practice_sessions.record_session(s, regional, form, TODAY)
        assert "cannot be before the date the regional connector started" in err.value.errors["held_on"]
        with pytest.raises(ValidationError) as err:
            practice_sessions.record_session(
                s, network["local"][0], practice_sessions.SessionForm(held_on=TODAY), TODAY
            )
        assert "is not a regional connector" in str(err.value)


def test_what_falls_due_for_circles(db, network):
    local = network["local"][0]
    with db.session() as s:
        waiting, _ = community_circle(s, local)
        matched, _ = community_circle(s, local)
        facilitators.choose_facilitator(s, matched, facilitator(s, "Rhiannon", "Price"), RECEIVED + timedelta(days=7))
        planned = TODAY + timedelta(days=5)
        from circles_desktop.services.community import first_meetings

        first_meetings.create_meeting(
            s, matched, meetings.MeetingForm(starts_at=datetime.combine(planned, time(18))), supported=True
        )
        rows = due.supported_meetings(s, TODAY)
        assert [(r.due_on, r.record_id) for r in rows] == [(planned, matched)]
        assert rows[0].what.startswith("Supported meeting 1 of 3 for CC-")
        assert "planned: bringing people together and what a circle is" in rows[0].what
        reviews = due.twelve_month_reviews(s)
        assert [(r.record_id, r.opens) for r in reviews] == [(matched, due.CIRCLE)]
        assert reviews[0].what.endswith("(Mair Lloyd-Evans's circle)")
        assert due.twelve_month_reviews(s, until=TODAY - timedelta(days=365)) == []
        assert waiting not in {r.record_id for r in rows + reviews}


def test_the_list_counts_circles_by_stage(db, network):
    local = network["local"][0]
    with db.session() as s:
        finding, _ = community_circle(s, local)
        recent, _ = community_circle(s, local, received_on=TODAY - timedelta(days=20))
        facilitators.choose_facilitator(s, recent, facilitator(s, "Rhiannon", "Price"), TODAY - timedelta(days=10))
        old, _ = community_circle(s, local)
        facilitators.choose_facilitator(s, old, facilitator(s, "Owain", "Bevan"), RECEIVED + timedelta(days=3))
        counts = community_list.counts_by_stage(s, today=TODAY)
        assert counts == {cc.FINDING: 1, cc.FIRST_MEETINGS: 1, cc.REVIEW_DUE: 1}
        rows = community_list.list_community_circles(s, today=TODAY)
        assert {r.id: r.stage for r in rows} == {finding: cc.FINDING, recent: cc.FIRST_MEETINGS, old: cc.REVIEW_DUE}
        # The rule in SQL and in Python agree.
        assert all(cc.community_detail(s, r.id, TODAY).stage == r.stage for r in rows)
        only = community_list.list_community_circles(s, stage=cc.FIRST_MEETINGS, today=TODAY)
        assert [(r.id, r.facilitator, r.where) for r in only] == [(recent, "Rhiannon Price", "ST4 · Avonford")]
        assert community_list.count_community_circles(s, text="lloyd", today=TODAY) == 3
        assert community_list.count_community_circles(s, text="st4", today=TODAY) == 3
        assert community_list.count_community_circles(s, stage=cc.ENDED, today=TODAY) == 0
        first_due = TODAY - timedelta(days=10) + timedelta(days=FIRST_DUE_DAYS)
        assert [r.due_on for r in due.supported_meetings(s, TODAY) if r.record_id == recent] == [first_due]
