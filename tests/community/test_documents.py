"""The circle plan (the person's own: large print, the organisation's name, no marking forced on it) and the
facilitator's match summary: filled from the records with only what the person agreed to share, real
PDFs, file names that name no one, and their entry in the register of shared documents."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from circles_desktop.models import SharedDocument
from circles_desktop.models.vocab import MemberRole
from circles_desktop.reports.kinds.circle_plan import build_circle_plan
from circles_desktop.reports.kinds.match_summary import build_match_summary
from circles_desktop.reports.kit.page import MARKING
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import documents, facilitators, life_members
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.security import audit
from circles_desktop.services.sharing import sharing
from support.community import RECEIVED, TODAY, community_circle, connector, facilitator, partner
from support.records import org, person

MATCHED = RECEIVED + timedelta(days=10)
NEXT = TODAY + timedelta(days=9)


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def circle(db):
    with db.session() as s:
        host = partner(s)
        kofi = connector(s, "Kofi", "Mensah", host)
        gp = org(s, "Avonford Health Centre", "health")
        cid, _ = community_circle(s, kofi, signposted_by=gp, contact_notes="Not before 10am")
        rhiannon = facilitator(s, "Rhiannon", "Price", interests=["gardening"])
        facilitators.choose_facilitator(s, cid, rhiannon, MATCHED)
        gwen = person(s, "Gwen", "Hughes")
        life_members.add_from_their_life(s, cid, gwen, MemberRole.FRIEND, True, MATCHED)
        huw = person(s, "Huw", "Lloyd")
        life_members.add_from_their_life(s, cid, huw, MemberRole.FAMILY, True, MATCHED)
        held = datetime.combine(MATCHED + timedelta(days=14), time(18))
        m = meetings.create_meeting(s, cid, meetings.MeetingForm(starts_at=held, venue="Avonford library"))
        actions.add_action(
            s,
            cid,
            actions.ActionForm(
                description="Ask about the allotment waiting list",
                owner_id=gwen,
                owner_offered=True,
                created_on=held.date(),
                due_on=TODAY + timedelta(days=30),
                meeting_id=m.id,
            ),
        )
        meetings.create_meeting(
            s, cid, meetings.MeetingForm(starts_at=datetime.combine(NEXT, time(18, 30)), venue="The Oak Room")
        )
        return cid


def test_the_plan_holds_what_the_person_agreed_to_share(db, circle):
    with db.session() as s:
        plan = documents.plan_content(s, circle)
    assert plan.letterhead.name == "Avonford Community Partnership" and plan.person == "Mair Lloyd-Evans"
    assert plan.purpose == "To meet people nearby who like gardening"
    assert plan.what_matters == ""  # not agreed
    assert [(p.name, p.part) for p in plan.people] == [
        ("Rhiannon Price", "Facilitator"),
        ("Kofi Mensah", "Connector"),
        ("Huw Lloyd", "Family"),
        ("Gwen Hughes", "Friend"),
    ]
    assert [(a.who, a.what) for a in plan.actions] == [("Gwen Hughes", "Ask about the allotment waiting list")]
    assert plan.next_meeting is not None and plan.next_meeting.on == NEXT and plan.next_meeting.venue == "The Oak Room"

    data = build_circle_plan(plan)
    text = text_of(data)
    assert "Mair Lloyd-Evans's circle plan" in text and "Avonford Community Partnership" in text
    assert MARKING not in text  # the person's own document: no marking forced on it
    assert "Avonford Health Centre" not in text and "allotment and my cat" not in text
    assert "Ask about the allotment waiting list" in text and "Gwen Hughes" in text
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    assert MARKING not in (reader.metadata.subject or "") and "Mair" not in (reader.metadata.title or "")


def test_what_matters_goes_on_the_plan_and_to_the_facilitator_only_when_agreed(db, circle):
    with db.session() as s:
        summary = documents.match_summary_content(s, circle)
        assert summary.what_matters == "" and summary.contact == ""
        form = cc.community_form(s, circle)
        form.share_what_matters = form.share_contact = True
        cc.update_details(s, circle, form)
        plan = documents.plan_content(s, circle)
        summary = documents.match_summary_content(s, circle)
    assert plan.what_matters == "My allotment and my cat"
    assert summary.what_matters == "My allotment and my cat"
    assert summary.contact == "A phone call: 01632 960123. Not before 10am"
    text = text_of(build_match_summary(summary))
    assert MARKING in text and "Facilitator's match summary" in text
    assert "both in ST4" in text and "shared: gardening" in text
    assert "Rhiannon Price" in text and "Avonford Health Centre" not in text


def test_the_documents_are_recorded_as_shared_with_their_recipients(db, circle):
    with db.session() as s:
        plan = build_circle_plan(documents.plan_content(s, circle))
        documents.record_shared(s, circle, sharing.CIRCLE_PLAN, sharing.PRINT, plan)
        summary = build_match_summary(documents.match_summary_content(s, circle))
        name = documents.summary_file_name(cc.community_detail(s, circle).reference, TODAY)
        documents.record_shared(s, circle, sharing.MATCH_SUMMARY, sharing.EXPORT, summary, name)
        rows = {d.document_kind: d for d in s.query(SharedDocument)}
        assert rows["circle_plan"].recipient_name == "Mair Lloyd-Evans" and rows["circle_plan"].how == "print"
        assert rows["match_summary"].recipient_name == "Rhiannon Price"
        assert rows["match_summary"].file_name.startswith("match-summary-CC-") and "Price" not in name
        logged = [e.action for e in audit.recent(s)]
        assert "circle plan printed" in logged and "facilitator's match summary exported" in logged
        assert all("Mair" not in (e.detail or "") for e in audit.recent(s))


def test_a_full_plan_stays_on_one_page():
    from circles_desktop.reports.kinds.community_content import CirclePlanContent, NextMeeting, PlanAction, PlanPerson
    from circles_desktop.reports.kit.letterhead import Letterhead

    plan = CirclePlanContent(
        Letterhead("Avonford Community Partnership", "1 High Street\nAvonford", None),
        "Nguyễn Thị Minh Khai",
        "To find people nearby to go walking with on weekday mornings, and to get help with the forms "
        "for moving to a ground-floor flat nearer my daughter.",
        "My dog Pip, my daughter and grandchildren, and being outdoors every day.",
        tuple(PlanPerson(f"Member Number {i}", "Friend") for i in range(14)),
        tuple(PlanAction(f"Action number {i}, which takes a little while to say", "Member Number 1") for i in range(9)),
        NextMeeting(TODAY, time(10), "The community room at St Anne's"),
        TODAY,
    )
    data = build_circle_plan(plan)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    text = text_of(data)
    assert "And 4 more: ask your facilitator for the full list." in text and "Nguyễn Thị Minh Khai" in text
