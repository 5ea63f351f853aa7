"""Every document: the marking at top and bottom of every page, "Page X of Y" running 1..N, names as
written, metadata that names no one, user text printed literally."""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from circles_desktop.reports import categories as cat
from circles_desktop.reports import samples
from circles_desktop.reports.content import Attendee, MinutesSection, Question, QuestionnaireContent
from circles_desktop.reports.kit.letterhead import Letterhead
from circles_desktop.reports.kit.page import MARKING
from circles_desktop.reports.kit.text import format_date, paragraph_texts
from circles_desktop.reports.meeting_pack import build_meeting_pack
from circles_desktop.reports.minutes import build_minutes
from circles_desktop.reports.questionnaire import build_questionnaire
from circles_desktop.reports.referral import build_referral_summary

MM = 72 / 25.4
NAMES = ("Siân Llewellyn", "Zoë Okonkwo", "Łukasz Wiśniewski", "Nguyễn Thị Minh Khai")


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def placed_strings(page) -> list[tuple[str, float]]:
    """(text, height above the page's foot in points) for each string drawn on a page."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), cm[3] * tm[5] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def _documents() -> dict[str, bytes]:
    return {
        "minutes": build_minutes(samples.sample_minutes(length=3), cat.SHAREABLE),
        "meeting pack": build_meeting_pack(samples.sample_meeting_pack(size=2)),
        "referral summary": build_referral_summary(samples.sample_referral()),
        "questionnaire": build_questionnaire(samples.sample_questionnaire()),
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return _documents()


@pytest.mark.parametrize("kind", ["minutes", "meeting pack", "referral summary", "questionnaire"])
def test_marking_and_page_numbers_on_every_page(documents, kind):
    reader = PdfReader(BytesIO(documents[kind]))
    total = len(reader.pages)
    assert total >= 2, "the sample should run to several pages"
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        placed = placed_strings(page)
        markings = [y for text, y in placed if text == MARKING]
        # Once at the top and once at the bottom, outside the text frame.
        assert len(markings) == 2, (kind, number)
        assert max(markings) > height - 20 * MM and min(markings) < 15 * MM, (kind, number, markings)
        numbers = [text for text, _ in placed if re.fullmatch(r"Page \d+ of \d+", text)]
        assert numbers == [f"Page {number} of {total}"], (kind, number, numbers)


@pytest.mark.parametrize("kind", ["minutes", "meeting pack", "referral summary", "questionnaire"])
def test_metadata(documents, kind):
    reader = PdfReader(BytesIO(documents[kind]))
    meta = reader.metadata
    assert meta.creator == "Circles Desktop"
    assert meta.subject == MARKING
    assert meta.author == samples.ORGANISATION
    title = meta.title
    assert title and title.split(",")[0] in {
        "Circle meeting minutes",
        "Circle meeting pack",
        "Referral summary",
        "End-of-circle stakeholder questionnaire",
    }
    everything = " ".join(str(v) for v in meta.values())
    for name in (*NAMES, "Gareth", "Pennington", "Bartholomew", "Bryony", samples.REFERENCE):
        assert name.split()[0] not in everything, name


def test_minutes_metadata_is_kind_and_date_only():
    meta = PdfReader(BytesIO(build_minutes(samples.sample_minutes(), cat.SHAREABLE))).metadata
    assert meta.title == "Circle meeting minutes, 14 March 2025"
    assert meta["/Keywords"] == MARKING


def test_non_ascii_names_come_out_as_written():
    minutes = samples.sample_minutes()
    attendance = tuple(Attendee(name, "Volunteer", status="present") for name in NAMES)
    content = replace(minutes, meeting=replace(minutes.meeting, attendance=attendance))
    text = "\n".join(page_texts(build_minutes(content, {cat.ATTENDANCE})))
    for name in NAMES:
        assert name in text


def test_same_content_same_bytes():
    # The hash kept in the audit log and sharing register identifies the content.
    content = samples.sample_minutes()
    assert build_minutes(content, cat.SHAREABLE) == build_minutes(content, cat.SHAREABLE)


def test_user_text_is_printed_literally():
    minutes = samples.sample_minutes()
    tricky = MinutesSection("Fish & <chips>", cat.MINUTES, 'He said "<b>no</b>" & left.\nNext line <br/>')
    content = replace(minutes, meeting=replace(minutes.meeting, sections=(tricky,)))
    text = "\n".join(page_texts(build_minutes(content, {cat.MINUTES})))
    assert "Fish & <chips>" in text
    assert 'He said "<b>no</b>" & left.' in text
    assert "Next line <br/>" in text


def test_long_names_do_not_break_the_layout():
    minutes = samples.sample_minutes()
    long_name = "Anastasia-Genoveva Featherstonehaugh-Cholmondeley-Llewellyn-Wiśniewska"
    attendance = (Attendee(long_name, "Police offender manager", "Avon and Somerset Constabulary", "present"),)
    content = replace(minutes, meeting=replace(minutes.meeting, attendance=attendance))
    text = " ".join(" ".join(page_texts(build_minutes(content, {cat.ATTENDANCE}))).split())
    # Wrapped within its column, but every part of it printed.
    for part in re.split(r"[-\s]", long_name):
        assert part in text


def test_meeting_pack_has_every_part_in_order():
    content = samples.sample_meeting_pack(size=1)
    text = "\n".join(page_texts(build_meeting_pack(content)))
    order = ["Circle meeting pack", "Agenda", "Attendance list", "Previous minutes", "Open actions",
             "Goals and progress", "Developments since the last meeting"]  # fmt: skip
    position = 0
    for part in order:
        position = text.index(part, position)  # raises if a part is missing or out of order
    # For the inner circle: the previous minutes in full, internal notes included and labelled.
    assert "Volunteers' debrief" in text
    assert cat.label(cat.INTERNAL) in text
    assert "Gareth Pennington-Rhys" in text  # the core member, on the cover
    assert "Inner circle only" in text


def test_sixty_page_pack():
    data = build_meeting_pack(samples.sample_meeting_pack(size=10))
    pages = page_texts(data)
    assert 55 <= len(pages) <= 70
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_referral_summary_content():
    text = "\n".join(page_texts(build_referral_summary(samples.sample_referral())))
    received = format_date(samples.sample_referral().received_on)
    for expected in ("Referral summary", "REF-2025-0042", "Gareth Pennington-Rhys", "Nguyễn Văn An",
                     "OASys", "RM2000", "Category 1", "Level 2", received):  # fmt: skip
        assert expected in text


def test_blank_questionnaire():
    content = QuestionnaireContent(
        letterhead=Letterhead("Circles South West"),
        questions=(
            Question("How useful were the minutes?", "rating"),
            Question("Would you refer again?", "yes_no"),
            Question("How often?", "choice", options=("Weekly", "Monthly")),
            Question("Anything else?", "text"),
        ),
    )
    text = " ".join(" ".join(page_texts(build_questionnaire(content))).split())
    for expected in ("End-of-circle stakeholder questionnaire", "1.", "How useful were the minutes?",
                     "Strongly agree", "Strongly disagree", "☐ Yes", "☐ Weekly", "4.", "Anything else?",
                     "Circle reference", "Your name"):  # fmt: skip
        assert expected in text


def test_paragraph_texts_escape_and_split():
    assert paragraph_texts("a < b\n\n  \n\nc & d\ne") == ["a &lt; b", "c &amp; d<br/>e"]
    assert paragraph_texts("   ") == []
