"""The demo's Community Circles and connectors' network: every stage, facilitators to rank (some ruled
out), willing owners, roles, reflections, reviews that carried on and ended, and practice sessions, all
within the services' rules."""

from datetime import date, timedelta

from sqlalchemy import select, text

from circles_desktop.models import Action, Circle, Connector, NetworkPracticeSession
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import community_list, connectors, due, facilitators, practice_sessions
from circles_desktop.services.demo import definitions, demo

TODAY = date(2026, 11, 21)


def test_the_demo_shows_community_circles_at_every_stage(db):
    demo.fill(db, size=200, seed=2, today=TODAY)
    with db.session() as s:
        counts = community_list.counts_by_stage(s, today=TODAY)
        assert set(counts) == set(cc.STAGES), counts
        rows = community_list.list_community_circles(s, limit=100, today=TODAY)
        assert all(cc.community_detail(s, r.id, TODAY).stage == r.stage for r in rows)
        districts = {d for ds in definitions.community_texts().districts.values() for d in ds}
        assert {r.where.split(" · ")[0] for r in rows} <= districts

        # A circle still finding its facilitator has some to choose from, and some ruled out, with reasons.
        waiting = next(r for r in rows if r.stage == cc.FINDING)
        ranked = facilitators.ranked(s, waiting.id, TODAY)
        assert any(m.can_match for m in ranked) and any(not m.can_match for m in ranked)
        assert all(m.reasons and all(m.reasons) for m in ranked)

        # Only willing owners; roles that change; reflections; reviews both ways; endings with outcomes.
        community = select(Circle.id).where(Circle.kind == "community")
        owned = s.scalars(select(Action).where(Action.circle_id.in_(community))).all()
        assert owned and all(a.owner_offered for a in owned)
        assert s.scalar(text("SELECT count(DISTINCT role) FROM attendance WHERE role <> ''")) >= 3
        assert s.scalar(text("SELECT count(*) FROM meeting_reflections")) > 0
        outcomes = set(s.scalars(text("SELECT DISTINCT outcome FROM twelve_month_reviews")))
        assert "carry_on" in outcomes and outcomes - {"carry_on"}
        ended = s.execute(text("SELECT ended_how, ended_reason FROM community_circles WHERE ended_how IS NOT NULL"))
        assert all(reason for _how, reason in ended)
        assert s.scalar(text("SELECT count(*) FROM supported_meeting_steps")) > 0

        # Dates never run backwards.
        for sql in (
            "SELECT count(*) FROM facilitator_commitments f JOIN circles c ON c.id = f.circle_id "
            "WHERE f.committed_on < c.started_on",
            "SELECT count(*) FROM twelve_month_reviews r JOIN facilitator_commitments f ON f.id = r.commitment_id "
            "WHERE r.held_on < f.committed_on",
            "SELECT count(*) FROM network_practice_sessions p "
            "JOIN connectors c ON c.person_id = p.regional_connector_id "
            "WHERE p.held_on < c.started_on",
        ):
            assert s.scalar(text(sql)) == 0, sql

        # The network: a regional connector supports no more than 12; sessions every six weeks, with who came.
        network = connectors.network(s)
        regional = [r for r in network if r.regional]
        assert regional and all(r.locals <= connectors.MAX_LOCAL for r in regional)
        assert all(s.get(Connector, r.person_id).host_organisation_id for r in network)
        for r in regional:
            held = practice_sessions.sessions(s, r.person_id)
            assert len(held) >= 3 and all(row.attended for row in held)
            assert practice_sessions.next_due(s, r.person_id, TODAY) == held[0].held_on + timedelta(weeks=6)
        assert s.scalar(select(NetworkPracticeSession.id).where(NetworkPracticeSession.held_on > TODAY)) is None
        assert due.practice_sessions(s, TODAY) and due.twelve_month_reviews(s) and due.supported_meetings(s, TODAY)
