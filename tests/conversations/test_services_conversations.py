"""Community conversations through the services, on a real encrypted database: each rule with the words a
coordinator reads, and what the one-page summary for the community holds (and leaves out)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from circles_desktop.models import Circle, ConversationDetails, ToolkitItem
from circles_desktop.models.kinds.conversations import CheckState, SparkStatus, WorkDecision
from circles_desktop.reports.kinds.conversation_summary import build_conversation_summary
from circles_desktop.services.circles import circles
from circles_desktop.services.common.validation import NotFound, ValidationError
from circles_desktop.services.conversations import (
    conversation_list,
    conversation_sessions,
    conversations,
    similar_work,
    sparks,
    summary,
    toolkit,
)
from circles_desktop.services.security import audit
from support.records import person

START = date(2026, 1, 5)
TODAY = date(2026, 6, 1)


def at(d: date, hour: int = 18) -> datetime:
    return datetime.combine(d, time(hour))


def make(s, title="Loneliness in Northfield", locality="Northfield", theme="Loneliness", **kw) -> int:
    organiser = person(s, "Ellen", "Marsh")
    form = conversations.ConversationForm(
        title=title,
        organiser_id=organiser,
        started_on=START,
        locality=locality,
        theme=theme,
        approached_by="Northfield Tenants' Association",
        approached_about="Older residents feeling cut off since the bus route changed",
        need="The flats around Elm Court",
        strengths="A strong allotment society; the library's coffee morning",
        **kw,
    )
    return conversations.create_conversation(s, form).id


def session_on(s, cid: int, d: date, venue: str = "Elm Court community room") -> int:
    return conversation_sessions.add_session(s, cid, conversation_sessions.SessionForm(at(d), None, venue)).id


# --- planning ----------------------------------------------------------------------------------------
def test_a_conversation_is_an_active_circle_with_its_own_details(db):
    with db.session() as s:
        cid = make(s)
        d = conversations.get_conversation(s, cid)
        circle = s.get(Circle, cid)
        assert circle.kind == "conversation" and circle.status == "active"
        assert d.reference == f"CONV-{cid:05d}"
        assert d.locality == "Northfield" and d.theme == "Loneliness"
        assert d.organiser == "Ellen Marsh"
        assert s.get(ConversationDetails, cid).theme_key == "loneliness"


def test_the_form_says_what_is_missing_beside_each_field(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        conversations.create_conversation(s, conversations.ConversationForm())
    assert err.value.errors == {
        "title": "Enter a title for the conversation.",
        "started_on": "Enter the date planning started.",
        "locality": "Enter the community or locality.",
        "theme": "Enter what the conversation is about, in a few words.",
    }


def test_planning_cannot_start_after_the_first_conversation(db):
    with db.session() as s:
        cid = make(s)
        session_on(s, cid, START + timedelta(days=10))
        form = conversations.conversation_form(s, cid)
        form.started_on = START + timedelta(days=20)
        with pytest.raises(ValidationError) as err:
            conversations.update_conversation(s, cid, form)
        assert "cannot be after its first meeting" in err.value.errors["started_on"]


def test_a_conversation_set_up_in_the_circles_area_still_opens(db):
    with db.session() as s:
        cid = circles.create_circle(
            s, circles.CircleForm(kind="conversation", title="Started elsewhere", started_on=START)
        ).id
        assert conversations.get_conversation(s, cid).locality == ""
        form = conversations.conversation_form(s, cid)
        form.locality, form.theme = "Avonford", "Food"
        conversations.update_conversation(s, cid, form)
        assert conversations.get_conversation(s, cid).locality == "Avonford"


def test_another_kind_of_circle_is_not_a_conversation(db):
    with db.session() as s:
        other = circles.create_circle(s, circles.CircleForm(kind="practice", title="A CoP", started_on=START)).id
        with pytest.raises(NotFound, match="not a community conversation"):
            conversations.get_conversation(s, other)


# --- similar work ------------------------------------------------------------------------------------
def test_similar_work_is_recorded_with_what_was_decided(db):
    with db.session() as s:
        cid = make(s)
        form = similar_work.SimilarWorkForm(kind="nag", name="Northfield NAG", contact="Meets first Tuesdays")
        wid = similar_work.add_similar_work(s, cid, form).id
        assert similar_work.similar_work(s, cid)[0].decision_words == "Not decided yet"
        form.decision = WorkDecision.JOIN_FORCES
        with pytest.raises(ValidationError) as err:
            similar_work.update_similar_work(s, wid, form)
        assert err.value.errors == {"decided_on": "Enter the date it was decided."}
        form.decided_on = START + timedelta(days=3)
        similar_work.update_similar_work(s, wid, form)
        assert similar_work.similar_work(s, cid)[0].decision_words == "Join forces (08/01/2026)"


def test_similar_work_needs_its_name_and_a_decision_not_before_planning(db):
    with db.session() as s:
        cid = make(s)
        bad = similar_work.SimilarWorkForm(kind="neighbourhood_forum", decision="separate", decided_on=date(2025, 1, 1))
        with pytest.raises(ValidationError) as err:
            similar_work.add_similar_work(s, cid, bad)
        assert err.value.errors["name"] == "Enter the name of the group or forum."
        assert "cannot be before the date planning started" in err.value.errors["decided_on"]
        with pytest.raises(ValidationError) as err:
            similar_work.add_similar_work(s, cid, similar_work.SimilarWorkForm(kind="bank", name="x"))
        assert err.value.errors == {"kind": "“bank” is not a known kind of work."}


def test_another_conversation_on_the_same_locality_and_theme_is_a_warning_until_decided(db):
    with db.session() as s:
        first = make(s)
        second = make(s, title="Feeling alone in NORTHFIELD", locality="northfield", theme="loneliness ")
        elsewhere = make(s, title="Loneliness in Avonford", locality="Avonford")
        assert elsewhere not in [o.circle_id for o in similar_work.overlaps(s, first)]
        (overlap,) = similar_work.undecided_overlaps(s, second)
        assert overlap.circle_id == first
        assert "also covers Northfield and loneliness" in overlap.warning
        with pytest.raises(ValidationError) as err:
            similar_work.decide_overlap(s, second, first, None, TODAY)
        assert err.value.errors == {"decision": "Choose whether to join forces or keep going separately."}
        similar_work.decide_overlap(s, second, first, WorkDecision.JOIN_FORCES, TODAY, "One series, shared venue")
        # Recorded once, it counts on both sides.
        assert similar_work.undecided_overlaps(s, second) == []
        assert similar_work.undecided_overlaps(s, first) == []
        (row,) = similar_work.similar_work(s, second)
        assert row.kind == "conversation" and row.name.endswith("Loneliness in Northfield")
        assert row.notes == "One series, shared venue"
        # Deciding again changes the one record.
        similar_work.decide_overlap(s, second, first, WorkDecision.SEPARATE, TODAY)
        assert [r.decision for r in similar_work.similar_work(s, second)] == ["separate"]


def test_a_conversation_cannot_be_similar_work_to_itself(db):
    with db.session() as s:
        cid = make(s)
        form = similar_work.SimilarWorkForm(kind="conversation", other_circle_id=cid)
        with pytest.raises(ValidationError) as err:
            similar_work.add_similar_work(s, cid, form)
        assert err.value.errors == {"other_circle_id": "Choose another conversation, not this one."}


# --- the toolkit -------------------------------------------------------------------------------------
def test_the_toolkit_ships_its_priorities_and_pitfalls(db):
    shipped = toolkit.shipped_items()
    texts = " ".join(i.text for i in shipped)
    for words in ("circle of chairs", "Food", "welcome", "NOTICED", "non-expert", "peer mentors", "PPG",
                  "faith and voluntary", "Children and young people", "Web chats", "social media"):  # fmt: skip
        assert words in texts
    assert len({i.code for i in shipped}) == len(shipped)
    with db.session() as s:
        # Until the organisation's copy is made, the shipped items are shown, and nothing is written.
        assert [i.code for i in toolkit.items(s)] == [i.code for i in shipped]
        assert s.scalar(select(ToolkitItem.id).limit(1)) is None


def test_an_organisation_edits_its_own_copy(db):
    with db.session() as s:
        toolkit.update_item(s, "food", "A welcoming venue", "Food and drink (ask about allergies)")
        own = toolkit.add_item(s, "A welcoming venue", "A quiet corner for anyone who needs it")
        toolkit.retire_item(s, "web_chats")
        codes = [i.code for i in toolkit.items(s)]
        assert "web_chats" not in codes
        assert codes.index(own.code) == codes.index("the_welcome") + 1  # at the end of its heading
        assert next(i for i in toolkit.items(s) if i.code == "food").text.endswith("(ask about allergies)")
        toolkit.move_item(s, own.code, 0)
        assert toolkit.items(s)[0].code == own.code
        with pytest.raises(ValidationError) as err:
            toolkit.add_item(s, "", " ")
        assert err.value.errors == {
            "section": "Enter the heading the item goes under.",
            "text": "Enter the words of the item.",
        }


def test_a_conversation_works_through_the_checklist(db):
    with db.session() as s:
        cid = make(s)
        toolkit.mark(s, cid, "circle_of_chairs", CheckState.DONE, START, "Chairs in a circle at Elm Court")
        with pytest.raises(ValidationError) as err:
            toolkit.mark(s, cid, "web_chats", CheckState.NOT_FOR_THIS_ONE, START)
        assert err.value.errors == {"note": "Say why this does not fit this conversation."}
        with pytest.raises(ValidationError) as err:
            toolkit.mark(s, cid, "food", CheckState.DONE, START - timedelta(days=1))
        assert "cannot be before the date planning started" in err.value.errors["on"]
        toolkit.mark(s, cid, "web_chats", CheckState.NOT_FOR_THIS_ONE, START, "Few residents are online")
        rows = {r.code: r for r in toolkit.checklist(s, cid)}
        assert rows["circle_of_chairs"].state == "done" and rows["web_chats"].note == "Few residents are online"
        assert toolkit.progress(list(rows.values())) == (2, len(toolkit.shipped_items()))
        # A retired item is no longer offered, but stays where it was worked through.
        toolkit.retire_item(s, "web_chats")
        toolkit.retire_item(s, "social_media")
        codes = [r.code for r in toolkit.checklist(s, cid)]
        assert "web_chats" in codes and "social_media" not in codes
        with pytest.raises(ValidationError, match="no longer on the organisation's checklist"):
            toolkit.mark(s, cid, "social_media", CheckState.DONE, START)
        toolkit.unmark(s, cid, "circle_of_chairs")
        assert {r.code: r for r in toolkit.checklist(s, cid)}["circle_of_chairs"].is_left


# --- the series and its balance ------------------------------------------------------------------------
def test_attendance_is_counted_by_group_and_checked(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, START + timedelta(days=14))
        with pytest.raises(ValidationError) as err:
            conversation_sessions.set_headcounts(s, mid, {"local_residents": -1, "pets": 2})
        assert err.value.errors == {
            "local_residents": "Enter how many came, from 0 to 10,000.",
            "pets": "“pets” is not a group attendance is counted by.",
        }
        conversation_sessions.set_headcounts(s, mid, {"local_residents": 9, "professionals": 3})
        conversation_sessions.set_headcounts(s, mid, {"professionals": 0, "children_young_people": 2})
        assert conversation_sessions.headcounts(s, mid) == {
            "local_residents": 9,
            "already_active": 0,
            "professionals": 0,
            "children_young_people": 2,
            "less_often_heard": 0,
        }
        assert conversation_sessions.sessions(s, cid)[0].counted == 11


@pytest.mark.parametrize(
    ("counts", "warning"),
    [
        ({"local_residents": 6, "professionals": 5}, ""),
        ({"local_residents": 4, "professionals": 5}, "Professionals dominate: 5 of the 9 people counted."),
        ({"local_residents": 2, "already_active": 3}, "People already active in the community dominate: 3 of the 5"),
        ({"local_residents": 4, "already_active": 3, "professionals": 2}, "Professionals and people already active"),
        ({}, ""),
    ],
)  # fmt: skip
def test_the_balance_warns_when_the_usual_voices_dominate(counts, warning):
    balance = conversation_sessions.balance_of(counts)
    if warning:
        assert balance.warning.startswith(warning)
        assert "Widen the circle" in balance.warning
        assert not balance.balanced
    else:
        assert balance.warning == ""
    if counts == {}:
        assert balance.indicator == "No one counted yet." and not balance.balanced


def test_the_balance_is_over_the_whole_series_or_one_conversation(db):
    with db.session() as s:
        cid = make(s)
        one = session_on(s, cid, START + timedelta(days=14))
        two = session_on(s, cid, START + timedelta(days=42))
        conversation_sessions.set_headcounts(s, one, {"professionals": 6, "local_residents": 2})
        conversation_sessions.set_headcounts(s, two, {"local_residents": 10, "children_young_people": 4})
        assert "Professionals dominate" in conversation_sessions.balance(s, cid, one).warning
        series = conversation_sessions.balance(s, cid)
        assert series.balanced and series.total == 22
        assert series.indicator.startswith("22 people counted: Local residents 12 (55%)")
        assert series.notes == ("No one from groups less often heard counted yet.",)


def test_a_conversation_with_sparks_cannot_be_deleted(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, START + timedelta(days=14))
        sparks.add_spark(s, cid, sparks.SparkForm(mid, "A walking group", "Pat"))
        with pytest.raises(ValidationError, match="Sparks were raised at this conversation"):
            conversation_sessions.delete_session(s, mid)


# --- what people noticed and sparks --------------------------------------------------------------------
def test_what_people_noticed_is_kept_in_order(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, START + timedelta(days=14))
        with pytest.raises(ValidationError) as err:
            sparks.add_noticed(s, mid, "  ")
        assert err.value.errors == {"text": "Enter what people noticed."}
        first = sparks.add_noticed(s, mid, "The bus shelter has become a meeting place").id
        sparks.add_noticed(s, mid, "Fewer people at the Thursday market")
        sparks.delete_noticed(s, first)
        assert [(n.position, n.text) for n in sparks.noticed(s, mid)] == [(1, "Fewer people at the Thursday market")]


def test_sparks_are_carried_by_someone_and_followed_up_later(db):
    with db.session() as s:
        cid = make(s)
        first = session_on(s, cid, START + timedelta(days=14))
        with pytest.raises(ValidationError) as err:
            sparks.add_spark(s, cid, sparks.SparkForm(first, "", ""))
        assert err.value.errors == {
            "idea": "Enter the idea.",
            "carried_by": "Enter who in the community carries it.",
        }
        spark = sparks.add_spark(s, cid, sparks.SparkForm(first, "A walking group on Saturdays", "Pat Hughes")).id
        with pytest.raises(ValidationError) as err:
            sparks.follow_up(s, spark, first, "Going well")
        assert "later conversation than the one it came from (19/01/2026)" in err.value.errors["meeting_id"]
        second = session_on(s, cid, START + timedelta(days=42))
        sparks.follow_up(s, spark, second, "Twelve walkers last Saturday", SparkStatus.DONE)
        with pytest.raises(ValidationError, match="already has a follow-up at that conversation"):
            sparks.follow_up(s, spark, second, "Again")
        (row,) = sparks.sparks(s, cid)
        assert row.status_label == "Done" and row.follow_ups[0].note == "Twelve walkers last Saturday"
        assert row.carrier_for_community == sparks.SOMEONE


def test_a_spark_comes_from_one_of_its_own_conversations(db):
    with db.session() as s:
        cid, other = make(s), make(s, title="Elsewhere", locality="Avonford")
        elsewhere = session_on(s, other, START + timedelta(days=3))
        with pytest.raises(ValidationError, match="not one of this series"):
            sparks.add_spark(s, cid, sparks.SparkForm(elsewhere, "Idea", "Pat"))


def test_sparks_without_follow_up_fall_due_at_the_next_conversation(db):
    with db.session() as s:
        cid = make(s)
        first = session_on(s, cid, START + timedelta(days=14))
        spark = sparks.add_spark(s, cid, sparks.SparkForm(first, "A community fridge", "The youth club", True)).id
        (due,) = [d for d in sparks.sparks_due(s, TODAY) if d.spark_id == spark]
        assert due.due_on == START + timedelta(days=14) and due.circle_id == cid
        assert due.what.startswith("Plan the next conversation to follow up the spark “A community fridge”")
        nxt = START + timedelta(days=60)
        second = session_on(s, cid, nxt)
        (due,) = [d for d in sparks.sparks_due(s, TODAY) if d.spark_id == spark]
        assert due.due_on == nxt and "at the conversation on 06/03/2026" in due.what
        sparks.follow_up(s, spark, second, "Fridge in the church hall")
        assert [d for d in sparks.sparks_due(s, TODAY) if d.spark_id == spark] == []


# --- the list and the summary --------------------------------------------------------------------------
def test_the_list_finds_conversations_by_title_locality_theme_or_reference(db):
    with db.session() as s:
        a = make(s)
        b = make(s, title="Safer streets", locality="Avonford", theme="Young people's safety")
        assert {r.id for r in conversation_list.list_conversations(s, text="avon")} == {b}
        assert {r.id for r in conversation_list.list_conversations(s, text="lonel")} == {a}
        assert {r.id for r in conversation_list.list_conversations(s, text=f"CONV-{b:05d}")} == {b}
        assert conversation_list.count_conversations(s) == 2
        session_on(s, a, START + timedelta(days=3))
        row = next(r for r in conversation_list.list_conversations(s) if r.id == a)
        assert row.conversations == 1 and row.last_at == at(START + timedelta(days=3))


def test_the_summary_for_the_community_names_no_one_who_did_not_agree(db):
    with db.session() as s:
        cid = make(s)
        one = session_on(s, cid, START + timedelta(days=14))
        session_on(s, cid, TODAY + timedelta(days=10), "The library")
        conversation_sessions.set_headcounts(s, one, {"local_residents": 11, "professionals": 2})
        sparks.add_noticed(s, one, "The bus shelter has become a meeting place")
        sparks.add_spark(s, cid, sparks.SparkForm(one, "A walking group", "Pat Hughes", may_be_named=False))
        sparks.add_spark(s, cid, sparks.SparkForm(one, "A community fridge", "St Mark's youth club", True))
        content = summary.summary_content(s, cid, TODAY)
    assert content.next_on == TODAY + timedelta(days=10)
    assert [h.counted for h in content.held] == [13]
    assert ("Local residents", 11) in content.attendance
    pdf = build_conversation_summary(content)
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Pat Hughes" not in text and "Someone from the community" in text
    assert "St Mark's youth club" in text
    assert "Northfield Tenants' Association" not in text  # who approached the organiser stays off it
    assert "The bus shelter has become a meeting place" in text
    assert "OFFICIAL-SENSITIVE" not in text
    assert summary.file_name(content) == f"conversation-summary-CONV-{cid:05d}-2026-06-01.pdf"


def test_a_long_series_still_fits_on_one_page(db):
    with db.session() as s:
        cid = make(s)
        days = [START + timedelta(days=7 * k) for k in range(8)]
        mids = [session_on(s, cid, d) for d in days]
        for k in range(14):
            sparks.add_noticed(s, mids[k % 8], f"Something noticed number {k}, with a few words more to it")
            sparks.add_spark(s, cid, sparks.SparkForm(mids[k % 8], f"Idea {k} for the community", "Pat", True))
        content = summary.summary_content(s, cid, TODAY)
    reader = PdfReader(__import__("io").BytesIO(build_conversation_summary(content)))
    assert len(reader.pages) == 1
    assert "…and 6 more sparks." in reader.pages[0].extract_text()


def test_sharing_the_summary_is_registered_and_audited(db):
    with db.session() as s:
        cid = make(s)
        summary.record_shared(s, cid, "export", b"%PDF-1.4 summary", "summary.pdf")
        entry = audit.recent(s)[0]
    assert entry.action == "conversation summary exported" and entry.object == f"circle {cid}"


# --- ending the series, and who carries an action ----------------------------------------------------
def test_a_series_ends_only_with_its_reason_and_not_before_its_last_conversation(db):
    with db.session() as s:
        cid = make(s)
        session_on(s, cid, START + timedelta(days=30))
        with pytest.raises(ValidationError) as no_reason:
            circles.close_circle(s, cid, TODAY, "  ")
        assert no_reason.value.errors["reason"] == "Say why the series of conversations is ending."
        with pytest.raises(ValidationError) as too_early:
            circles.close_circle(s, cid, START + timedelta(days=10), "Merged with the forum")
        assert too_early.value.errors["on_date"].startswith("The series cannot end before its last conversation")
        circles.close_circle(s, cid, TODAY, " Carried on by the residents' forum ")
    with db.session() as s:
        row = conversation_list.list_conversations(s, "closed")[0]
        assert (row.id, row.ended_on, row.ended_reason) == (cid, TODAY, "Carried on by the residents' forum")
        assert conversations.get_conversation(s, cid).ended_reason == "Carried on by the residents' forum"
        assert conversation_list.count_conversations(s, "active") == 0


def test_someone_who_carries_an_action_joins_once_and_can_then_own_it(db):
    from circles_desktop.services.circles import members
    from circles_desktop.services.meetings import actions, meeting_queries

    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, START + timedelta(days=30))
        pat = person(s, "Pat", "Hughes")
        with pytest.raises(ValidationError) as nobody:
            members.join_if_new(s, cid, None, "participant", START + timedelta(days=30))
        assert nobody.value.errors["person_id"] == "Choose who it is."
        assert members.join_if_new(s, cid, pat, "participant", START + timedelta(days=30)) is True
        assert members.join_if_new(s, cid, pat, "participant", START + timedelta(days=30)) is False
        owners = [o.name for o in meeting_queries.action_owners(s, cid, START + timedelta(days=30))]
        assert owners == ["Ellen Marsh", "Pat Hughes"]
        form = actions.ActionForm(
            "Ask the library for a Saturday start point", pat, START + timedelta(days=30), meeting_id=mid
        )
        actions.add_action(s, cid, form)
        assert [a.description for a in meeting_queries.meeting_actions(s, mid)] == [form.description]
