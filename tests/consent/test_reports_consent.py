"""Minutes for a recipient hold exactly what the core member's consent covers, and nothing else.

Every section, decision, action and attendee carries a distinctive marker word; for every combination of
consented categories the markers of covered categories are in the PDF's text and no other marker is in
its text or its metadata.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from circles_desktop.reports import categories as cat
from circles_desktop.reports.consent_filter import ConsentGrant, categories_covered, filter_meeting
from circles_desktop.reports.content import (
    ABSENT,
    APOLOGIES,
    PRESENT,
    ActionItem,
    Attendee,
    Decision,
    MeetingRecord,
    MinutesContent,
    MinutesSection,
    Recipient,
)
from circles_desktop.reports.kit.letterhead import Letterhead
from circles_desktop.reports.minutes import WITHHELD_NOTICE, build_minutes

MEETING_DAY = date(2025, 3, 14)
CATEGORY_LIST = sorted(cat.ALL)

# One marker word per category and kind of item: letters only, so a line break never splits one.
SECTION_MARK = {c: f"Sectionmark{c.replace('_', '').capitalize()}" for c in CATEGORY_LIST}
TITLE_MARK = {c: f"Titlemark{c.replace('_', '').capitalize()}" for c in CATEGORY_LIST}
DECISION_MARK = {c: f"Decisionmark{c.replace('_', '').capitalize()}" for c in CATEGORY_LIST}
ACTION_MARK = {c: f"Actionmark{c.replace('_', '').capitalize()}" for c in CATEGORY_LIST}
ATTENDEE_MARK = "Attendeemarkzebedee"

FILLER = (
    "The circle talked through the fortnight, the core member's plans for the weekend and how the new "
    "routine is holding up. Volunteers asked open questions and the coordinator kept time. "
)


def _marked_meeting(paragraphs_per_section: int = 6) -> MeetingRecord:
    """Every category several times over, long enough to run to several pages."""
    sections = tuple(
        MinutesSection(
            title=f"{TITLE_MARK[c]} part {n}",
            category=c,
            text="\n\n".join(f"{SECTION_MARK[c]} {FILLER}" for _ in range(paragraphs_per_section)),
        )
        for n in range(2)
        for c in CATEGORY_LIST
    )
    return MeetingRecord(
        circle_reference="CSW-2025-017",
        kind="Circle meeting",
        held_on=MEETING_DAY,
        starts_at=time(18, 30),
        venue="Community hall",
        attendance=(
            Attendee(f"Siân {ATTENDEE_MARK}", "Volunteer", status=PRESENT),
            Attendee("Zoë Ashworth", "Volunteer", status=APOLOGIES),
            Attendee("Łukasz Nowak", "Police offender manager", "Avon and Somerset Police", ABSENT),
        ),
        sections=sections,
        decisions=tuple(Decision(f"{DECISION_MARK[c]} agreed by the circle.", c) for c in CATEGORY_LIST),
        actions=tuple(
            ActionItem(f"{ACTION_MARK[c]} follow up", "Nguyễn Văn An", c, MEETING_DAY) for c in CATEGORY_LIST
        ),
    )


MEETING = _marked_meeting()
CONTENT = MinutesContent(
    letterhead=Letterhead("Circles South West"),
    meeting=MEETING,
    recipient=Recipient("Jo Bloggs", "The Probation Service", "Probation officer"),
    prepared_by="Bryony Ashdown",
    prepared_on=date(2025, 3, 16),
)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def pdf_metadata_text(data: bytes) -> str:
    meta = PdfReader(BytesIO(data)).metadata or {}
    return " ".join(str(v) for v in meta.values())


def _markers(category: str) -> list[str]:
    return [SECTION_MARK[category], TITLE_MARK[category], DECISION_MARK[category], ACTION_MARK[category]]


def _squash(text: str) -> str:
    return " ".join(text.split())


consent_sets = st.sets(st.sampled_from(CATEGORY_LIST))


@settings(max_examples=32, deadline=None)
@given(consented=consent_sets)
def test_only_consented_categories_reach_the_pdf(consented):
    data = build_minutes(CONTENT, consented)
    text = pdf_text(data)
    metadata = pdf_metadata_text(data)
    shared = consented & cat.SHAREABLE

    for category in CATEGORY_LIST:
        for marker in _markers(category):
            if category in shared:
                assert marker in text, (category, marker)
            else:
                assert marker not in text, (category, marker)
            assert marker not in metadata
    assert (ATTENDEE_MARK in text) == (cat.ATTENDANCE in consented)
    assert ATTENDEE_MARK not in metadata
    # The withheld line is always there, word for word, whatever was or was not withheld.
    assert _squash(WITHHELD_NOTICE) in _squash(text)


@settings(max_examples=32, deadline=None)
@given(consented=consent_sets)
def test_withheld_content_leaves_no_trace(consented):
    """The PDF is byte for byte the one made from a meeting in which the withheld content never existed:
    no title, count, numbering, page count or layout difference can give it away."""
    shared = consented & cat.SHAREABLE
    without_withheld = replace(
        MEETING,
        attendance=MEETING.attendance if cat.ATTENDANCE in shared else (),
        sections=tuple(s for s in MEETING.sections if s.category in shared),
        decisions=tuple(d for d in MEETING.decisions if d.category in shared),
        actions=tuple(a for a in MEETING.actions if a.category in shared),
    )
    assert build_minutes(CONTENT, consented) == build_minutes(replace(CONTENT, meeting=without_withheld), consented)


def test_internal_never_shared_even_when_listed():
    text = pdf_text(build_minutes(CONTENT, cat.ALL))
    for marker in _markers(cat.INTERNAL):
        assert marker not in text
    for category in cat.SHAREABLE:
        assert SECTION_MARK[category] in text


def test_unknown_category_is_withheld():
    odd = replace(MEETING, sections=(MinutesSection("Oddtitle", "risk-concerns", "Oddmarker text"),))
    shared = filter_meeting(odd, {"risk-concerns", *cat.SHAREABLE})
    assert shared.meeting.sections == ()
    text = pdf_text(build_minutes(replace(CONTENT, meeting=odd), {"risk-concerns", *cat.SHAREABLE}))
    assert "Oddmarker" not in text and "Oddtitle" not in text


def test_nothing_consented_still_prints_header_and_notice():
    text = pdf_text(build_minutes(CONTENT, set()))
    for expected in ("OFFICIAL-SENSITIVE", "CSW-2025-017", "Circle meeting", "14 March 2025", "Community hall",
                     "Jo Bloggs", "The Probation Service", "Bryony Ashdown"):  # fmt: skip
        assert expected in text
    assert "Attendance" not in text and ATTENDEE_MARK not in text
    assert _squash(WITHHELD_NOTICE) in _squash(text)


def test_withheld_notice_names_nothing():
    assert not any(ch.isdigit() for ch in WITHHELD_NOTICE)
    for category in cat.ALL:
        assert cat.label(category).lower() not in WITHHELD_NOTICE.lower()


@settings(max_examples=32, deadline=None)
@given(consented=consent_sets)
def test_filter_keeps_order_and_only_covered_items(consented):
    shared = filter_meeting(MEETING, consented)
    allowed = consented & cat.SHAREABLE
    assert shared.categories == allowed
    assert shared.meeting.sections == tuple(s for s in MEETING.sections if s.category in allowed)
    assert all(d.category in allowed for d in shared.meeting.decisions)
    assert all(a.category in allowed for a in shared.meeting.actions)
    assert shared.attendance_shared == (cat.ATTENDANCE in allowed)
    assert (shared.meeting.attendance == MEETING.attendance) == shared.attendance_shared


def test_consent_counts_from_given_until_withdrawn():
    grants = [
        ConsentGrant(cat.MINUTES, date(2024, 1, 1)),
        ConsentGrant(cat.RISK_CONCERNS, date(2024, 1, 1), withdrawn_on=date(2025, 3, 1)),  # before the meeting
        ConsentGrant(cat.ATTENDANCE, date(2024, 1, 1), withdrawn_on=MEETING_DAY),  # on the day: not covered
        ConsentGrant(cat.GOALS_PROGRESS, date(2025, 3, 15)),  # given after the meeting
        ConsentGrant(cat.SIGNIFICANT_DEVELOPMENTS, MEETING_DAY, withdrawn_on=date(2025, 4, 1)),
        ConsentGrant(cat.INTERNAL, date(2024, 1, 1)),  # never shareable
    ]
    covered = categories_covered(grants, MEETING_DAY)
    assert covered == {cat.MINUTES, cat.SIGNIFICANT_DEVELOPMENTS}

    text = pdf_text(build_minutes(CONTENT, covered))
    assert SECTION_MARK[cat.MINUTES] in text
    assert SECTION_MARK[cat.RISK_CONCERNS] not in text  # consent withdrawn before the meeting date
    assert ATTENDEE_MARK not in text
    assert SECTION_MARK[cat.GOALS_PROGRESS] not in text
