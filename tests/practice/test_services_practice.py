"""Communities of practice through the services, on a real encrypted database: seasons and monthly sessions,
the consent a lived-experience presentation needs, participants by sector, barriers, the mailing list and
its exports (a person removed appears in none), and the two documents."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
import vobject
from pypdf import PdfReader

from circles_desktop.models.kinds.practice import Sector
from circles_desktop.reports.kinds.practice_documents import build_season_summary, build_session_note
from circles_desktop.services.circles import members
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.practice import (
    barriers,
    mailing_list,
    practice,
    practice_documents,
    seasons,
    session_parts,
)
from circles_desktop.services.security import audit
from support.records import org, person

START = date(2026, 1, 5)
TODAY = date(2026, 6, 1)


def at(d: date, hour: int = 12) -> datetime:
    return datetime.combine(d, time(hour))


def make(s) -> int:
    coordinator = person(s, "Lee", "Dale")
    form = practice.PracticeForm("Severnside Community of Practice", coordinator, START, "Professionals and people "
                                 "with lived experience sharing good practice")  # fmt: skip
    return practice.create_practice(s, form).id


def season(s, cid: int, theme="Prison Release", starts=START, ends=None, chair=None) -> int:
    form = seasons.SeasonForm(theme, chair, starts, ends)
    return seasons.add_season(s, cid, form).id


def session_on(s, cid: int, sid: int, d: date, mode="in_person") -> int:
    form = seasons.SessionForm(sid, at(d), None, "Hanley Community Hub", mode, "Refreshments and a working lunch")
    return seasons.add_session(s, cid, form).id


# --- seasons and sessions ----------------------------------------------------------------------------
def test_a_season_has_a_theme_and_its_chair_joins_the_circle(db):
    with db.session() as s:
        cid = make(s)
        chair = person(s, "Steve", "Freeman")
        sid = season(s, cid, chair=chair)
        (row,) = seasons.seasons(s, cid)
        assert (row.theme, row.chair, row.dates) == ("Prison Release", "Steve Freeman", "from 05/01/2026")
        (member,) = members.members(s, cid)
        assert member.person_id == chair and member.role == "facilitator"
        with pytest.raises(ValidationError) as err:
            seasons.update_season(s, sid, seasons.SeasonForm("", None, START, START - timedelta(days=1)))
        assert err.value.errors == {
            "theme": "Enter the season's theme.",
            "ends_on": "The season's end (04/01/2026) cannot be before the season's start (05/01/2026).",
        }


def test_seasons_of_one_community_of_practice_do_not_overlap(db):
    with db.session() as s:
        cid = make(s)
        first = season(s, cid)
        with pytest.raises(ValidationError) as err:
            season(s, cid, "Engagement", START + timedelta(days=60))
        assert "seasons cannot overlap. End that season first." in err.value.errors["starts_on"]
        form = seasons.season_form(s, first)
        form.ends_on = START + timedelta(days=50)
        seasons.update_season(s, first, form)
        season(s, cid, "Engagement", START + timedelta(days=60))
        assert [r.theme for r in seasons.seasons(s, cid)] == ["Prison Release", "Engagement"]


def test_a_session_falls_inside_its_season(db):
    with db.session() as s:
        cid = make(s)
        sid = season(s, cid, starts=START + timedelta(days=7), ends=START + timedelta(days=90))
        with pytest.raises(ValidationError) as err:
            session_on(s, cid, sid, START)
        assert "cannot be before the start of the season “Prison Release”" in err.value.errors["starts_at"]
        with pytest.raises(ValidationError) as err:
            session_on(s, cid, sid, START + timedelta(days=100))
        assert (
            "end of the season “Prison Release” (05/04/2026) cannot be before the session date"
            in (err.value.errors["starts_at"])
        )
        mid = session_on(s, cid, sid, START + timedelta(days=14))
        # The season cannot then be moved away from its session.
        form = seasons.season_form(s, sid)
        form.starts_on = START + timedelta(days=20)
        with pytest.raises(ValidationError, match="first session"):
            seasons.update_season(s, sid, form)
        assert seasons.session_form(s, mid).refreshments == "Refreshments and a working lunch"


def test_the_next_session_falls_due_a_month_after_the_last(db):
    with db.session() as s:
        cid = make(s)
        sid = season(s, cid, starts=date(2026, 1, 31))
        (due,) = [d for d in seasons.next_sessions_due(s, TODAY) if d.circle_id == cid]
        assert due.due_on == date(2026, 1, 31) and "the season has had none yet" in due.what
        session_on(s, cid, sid, date(2026, 1, 31))
        (due,) = [d for d in seasons.next_sessions_due(s, TODAY) if d.circle_id == cid]
        assert due.due_on == date(2026, 2, 28)  # a month after 31 January
        assert due.season_id == sid and "a month after the last on 31/01/2026" in due.what
        session_on(s, cid, sid, TODAY + timedelta(days=5))  # the next one is planned: nothing due
        assert [d for d in seasons.next_sessions_due(s, TODAY) if d.circle_id == cid] == []


def test_a_season_that_has_ended_has_no_session_due(db):
    with db.session() as s:
        cid = make(s)
        season(s, cid, starts=START, ends=START + timedelta(days=30))
        assert [d for d in seasons.next_sessions_due(s, TODAY) if d.circle_id == cid] == []


# --- presentations and participants ------------------------------------------------------------------
def test_a_named_lived_experience_presentation_needs_consent_before_the_session(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, season(s, cid), START + timedelta(days=14))
        anna = person(s, "Anna", "Mather")
        form = session_parts.PresentationForm("A journey of prison release", anna, lived_experience=True, named=True)
        with pytest.raises(ValidationError) as err:
            session_parts.add_presentation(s, mid, form)
        assert err.value.errors == {
            "consent_on": "Record the presenter's consent to sharing their lived experience and being named, with "
            "the date it was given."
        }
        form.consent_on = START + timedelta(days=20)
        with pytest.raises(ValidationError) as err:
            session_parts.add_presentation(s, mid, form)
        assert "must be given on or before the session (19/01/2026)" in err.value.errors["consent_on"]
        form.consent_on = START + timedelta(days=10)
        session_parts.add_presentation(s, mid, form)
        (row,) = session_parts.presentations(s, mid)
        assert row.presenter_in_documents == "Anna Mather" and row.kind_words == "Lived experience, named"
        assert any(m.person_id == anna and m.role == "presenter" for m in members.members(s, cid))


def test_an_anonymous_presenter_is_never_printed(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, season(s, cid), START + timedelta(days=14))
        who = person(s, "Kieran", "Walsh")
        form = session_parts.PresentationForm("What the first night was like", who, True, False, START)
        session_parts.add_presentation(s, mid, form)
        note = practice_documents.session_note_content(s, mid, TODAY)
    assert note.presentations[0].presenter == session_parts.ANONYMOUS
    text = PdfReader(io.BytesIO(build_session_note(note))).pages[0].extract_text()
    assert "Kieran" not in text and "Walsh" not in text and "Anonymous presenter" in text


def test_an_ordinary_presentation_needs_its_presenter_and_no_consent(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, season(s, cid), START + timedelta(days=14))
        form = session_parts.PresentationForm("", None, False, True, START)
        with pytest.raises(ValidationError) as err:
            session_parts.add_presentation(s, mid, form)
        assert err.value.errors == {
            "title": "Enter the title of the presentation.",
            "presenter_id": "Choose the presenter.",
            "lived_experience": "Consent and anonymity are recorded for lived-experience presentations only.",
        }


def test_participants_are_counted_by_organisation_and_sector(db):
    with db.session() as s:
        cid = make(s)
        mid = session_on(s, cid, season(s, cid), START + timedelta(days=14))
        voices = org(s, "VOICES of Severnside", "voluntary")
        council = org(s, "Severnside City Council", "social_care")
        assert session_parts.usual_sector("social_care") == Sector.STATUTORY
        with pytest.raises(ValidationError) as err:
            session_parts.add_participants(s, mid, None, Sector.VOLUNTARY, 0)
        assert err.value.errors == {
            "people": "Enter how many came: at least 1.",
            "organisation_id": "Choose the organisation (only people with lived experience come without one).",
        }
        session_parts.add_participants(s, mid, voices, Sector.VOLUNTARY, 4)
        session_parts.add_participants(s, mid, council, Sector.STATUTORY, 3)
        session_parts.add_participants(s, mid, None, Sector.LIVED_EXPERIENCE, 2)
        with pytest.raises(ValidationError, match="already counted at this session"):
            session_parts.add_participants(s, mid, voices, Sector.VOLUNTARY, 1)
        assert session_parts.by_sector(s, [mid]) == {"voluntary": 4, "statutory": 3, "lived_experience": 2}
        assert seasons.sessions(s, cid)[0].participants == 9


# --- barriers ----------------------------------------------------------------------------------------
def test_a_barrier_records_whom_it_was_raised_with_what_changed_and_when(db):
    with db.session() as s:
        cid = make(s)
        found = START + timedelta(days=14)
        mid = session_on(s, cid, season(s, cid), found)
        form = barriers.BarrierForm(mid, "Release appointments cannot be reached by public transport",
                                    changed_on=found + timedelta(days=30))  # fmt: skip
        with pytest.raises(ValidationError) as err:
            barriers.add_barrier(s, cid, form, TODAY)
        assert err.value.errors == {
            "what_changed": "Say what changed.",
            "raised_on": "Enter when it was raised: a change follows raising it.",
        }
        form.raised_with, form.raised_on = "Reducing Reoffending Board", found - timedelta(days=1)
        form.what_changed = "Appointments now offered by phone on the day of release"
        with pytest.raises(ValidationError) as err:
            barriers.add_barrier(s, cid, form, TODAY)
        assert "cannot be before the session it was found in" in err.value.errors["raised_on"]
        form.raised_on = found + timedelta(days=7)
        form.changed_on = TODAY + timedelta(days=1)
        with pytest.raises(ValidationError) as err:
            barriers.add_barrier(s, cid, form, TODAY)
        assert err.value.errors == {"changed_on": "This date cannot be in the future."}
        form.changed_on = found + timedelta(days=30)
        barriers.add_barrier(s, cid, form, TODAY)
        (row,) = barriers.barriers(s, cid)
        assert row.state_words == "Changed" and row.found_on == found


# --- the mailing list --------------------------------------------------------------------------------
def _entry(s, cid, given, family, email, asked=START + timedelta(days=3)) -> int:
    pid = person(s, given, family)
    return mailing_list.add_entry(s, cid, mailing_list.EntryForm(pid, email, asked, True, "Signed the sheet"), TODAY).id


def test_only_someone_who_asked_and_agreed_is_added(db):
    with db.session() as s:
        cid = make(s)
        pid = person(s, "Priya", "Shah")
        with pytest.raises(ValidationError) as err:
            mailing_list.add_entry(
                s, cid, mailing_list.EntryForm(pid, "priya at example", TODAY + timedelta(days=1)), TODAY
            )
        assert err.value.errors == {
            "email": "“priya at example” is not an email address (it should look like name@example.org).",
            "asked_on": "The date they asked cannot be in the future.",
            "consented": "Only someone who agreed to be on the mailing list can be added: tick that they agreed.",
        }
        mailing_list.add_entry(s, cid, mailing_list.EntryForm(pid, "priya@example.org", TODAY, True), TODAY)
        with pytest.raises(ValidationError) as err:
            mailing_list.add_entry(s, cid, mailing_list.EntryForm(pid, "priya@example.org", TODAY, True), TODAY)
        assert err.value.errors == {"person_id": "This person is already on the mailing list."}


def test_a_person_removed_from_the_mailing_list_appears_in_no_export(db, tmp_path):
    with db.session() as s:
        cid = make(s)
        _entry(s, cid, "Siân", "Pritchard", "sian@example.org")
        gone = _entry(s, cid, "Tomasz", "Wójcik", "tomasz@example.org")
        _entry(s, cid, "Amara", "Nwosu", "amara@example.org")
        with pytest.raises(ValidationError) as err:
            mailing_list.remove_entry(s, gone, TODAY + timedelta(days=2), today=TODAY)
        assert "cannot be in the future" in err.value.errors["removed_on"]
        mailing_list.remove_entry(s, gone, TODAY, "Asked by email to be taken off", today=TODAY)
        with pytest.raises(ValidationError, match="already removed on 01/06/2026"):
            mailing_list.remove_entry(s, gone, TODAY, today=TODAY)
        assert [e.name for e in mailing_list.entries(s, cid)] == ["Amara Nwosu", "Siân Pritchard"]
        history = mailing_list.entries(s, cid, include_removed=True)
        assert history[-1].name == "Tomasz Wójcik" and not history[-1].on_list
        assert mailing_list.export_mailing_list(s, cid, "csv", tmp_path / "list.csv") == 2
        assert mailing_list.export_mailing_list(s, cid, "vcard", tmp_path / "list.vcf") == 2
        details = [e.detail for e in audit.recent(s) if e.action == "mailing list exported"]
    raw = (tmp_path / "list.csv").read_bytes() + (tmp_path / "list.vcf").read_bytes()
    assert "Wójcik".encode() not in raw and b"tomasz@example.org" not in raw
    rows = list(csv.reader(io.StringIO((tmp_path / "list.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == list(mailing_list.CSV_HEADER)
    assert [r[3] for r in rows[1:]] == ["amara@example.org", "sian@example.org"]
    cards = list(vobject.readComponents((tmp_path / "list.vcf").read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Amara Nwosu", "Siân Pritchard"]
    assert cards[0].version.value == "3.0"
    # Audited with the list and the number of rows, never a name.
    assert details == [f"mailing list of COP-{cid:05d}; 2 rows; vcard", f"mailing list of COP-{cid:05d}; 2 rows; csv"]
    assert all("Amara" not in d and "Siân" not in d for d in details)


def test_someone_removed_can_ask_again_and_the_history_stays(db):
    with db.session() as s:
        cid = make(s)
        first = _entry(s, cid, "Grace", "Okoro", "grace@example.org")
        pid = mailing_list.entry_form(s, first).person_id
        mailing_list.remove_entry(s, first, START + timedelta(days=10), today=TODAY)
        with pytest.raises(ValidationError, match="was removed from the mailing list"):
            mailing_list.update_entry(s, first, mailing_list.entry_form(s, first), TODAY)
        form = mailing_list.EntryForm(pid, "grace@example.org", START + timedelta(days=40), True, "Asked again")
        mailing_list.add_entry(s, cid, form, TODAY)
        assert len(mailing_list.entries(s, cid, include_removed=True)) == 2
        assert len(mailing_list.current_entries(s, cid)) == 1


def test_an_empty_list_is_not_exported_and_a_spreadsheet_formula_stays_text(db, tmp_path):
    with db.session() as s:
        cid = make(s)
        with pytest.raises(ValidationError, match="nothing to export"):
            mailing_list.export_mailing_list(s, cid, "csv", tmp_path / "x.csv")
        assert not (tmp_path / "x.csv").exists()
        with pytest.raises(ValidationError, match="CSV or vCard"):
            mailing_list.export_mailing_list(s, cid, "xlsx", tmp_path / "x.xlsx")
        _entry(s, cid, "=HYPERLINK(1)", "Evans", "e@example.org")
        mailing_list.export_mailing_list(s, cid, "csv", tmp_path / "x.csv")
    assert "'=HYPERLINK(1) Evans" in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")


# --- the documents -----------------------------------------------------------------------------------
def test_the_season_summary_shows_sessions_presentations_barriers_outcomes_and_sectors(db):
    with db.session() as s:
        cid = make(s)
        chair = person(s, "Steve", "Freeman")
        sid = season(s, cid, chair=chair)
        one = session_on(s, cid, sid, START + timedelta(days=14))
        two = session_on(s, cid, sid, START + timedelta(days=45), "online")
        anna = person(s, "Anna", "Mather")
        session_parts.add_presentation(s, one, session_parts.PresentationForm("Release day by bus", anna))
        session_parts.add_participants(s, one, org(s, "VOICES", "voluntary"), "voluntary", 5)
        session_parts.add_participants(s, two, None, "lived_experience", 2)
        raised, changed = START + timedelta(days=20), START + timedelta(days=50)
        found = barriers.BarrierForm(one, "No ID on release", "Jobcentre", raised, "ID pack given at the gate", changed)
        barriers.add_barrier(s, cid, found, TODAY)
        form = seasons.season_form(s, sid)
        form.outcomes = "Release appointments are now joined up."
        seasons.update_season(s, sid, form)
        content = practice_documents.season_summary_content(s, sid, TODAY)
    assert [x.mode for x in content.sessions] == ["In person", "Online"]
    assert content.by_sector == (("Voluntary", 5), ("Statutory", 0), ("Lived experience", 2))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(build_season_summary(content))).pages)
    for words in ("Prison Release", "Steve Freeman", "Release day by bus", "No ID on release", "ID pack given",
                  "Release appointments are now joined up.", "Lived experience", "OFFICIAL-SENSITIVE"):  # fmt: skip
        assert words in text
    assert practice_documents.season_summary_file_name(content) == f"season-summary-COP-{cid:05d}-2026-01-05.pdf"


def test_a_community_of_practice_ends_with_its_reason_shown_in_its_list(db):
    from circles_desktop.services.circles import circles

    with db.session() as s:
        cid = make(s)
        with pytest.raises(ValidationError) as no_reason:
            circles.close_circle(s, cid, TODAY)
        assert no_reason.value.errors["reason"] == "Say why the community is ending."
        circles.close_circle(s, cid, TODAY, "Became part of the Reducing Reoffending Board")
    with db.session() as s:
        row = practice.list_practices(s)[0]
        assert (row.status, row.ended_on, row.ended_reason) == (
            "closed",
            TODAY,
            "Became part of the Reducing Reoffending Board",
        )
