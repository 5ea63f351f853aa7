"""The learning circle record PDF: what the learners need, the marking top and bottom of every page,
"Page X of Y", names as written, and metadata and file name that never name the child."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from io import BytesIO

import pytest
from pypdf import PdfReader
from test_services_learning_support import CHILD_FAMILY, CHILD_GIVEN, TODAY, learning_circle, through_during

from circles_desktop.reports.content import ActionItem, Attendee
from circles_desktop.reports.kinds.learning_content import ChildDetails, LearningRecordContent
from circles_desktop.reports.kinds.learning_record import build_learning_record
from circles_desktop.reports.kit.letterhead import Letterhead
from circles_desktop.reports.kit.page import MARKING
from circles_desktop.services.learning import learning_checklist, learning_points, themes
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.learning.learning_record import file_name, learning_record_content
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.settings import organisation

MM = 72 / 25.4


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def placed(page) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), cm[3] * tm[5] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def sample(length: int = 1) -> LearningRecordContent:
    names = ("Siân Llewellyn", "Łukasz Wiśniewski", "Zoë Okafor", "Nguyễn Thị Lan", "Aoife Ní Bhriain")
    roles = ("Head of Locality", "Service Manager", "Team Manager", "Practitioner", "Learner")
    return LearningRecordContent(
        letterhead=Letterhead("Wessex Children's Services"),
        reference="LLC-00042",
        child=ChildDetails("Dáithí Ó Súilleabháin", date(2013, 7, 14), "Avonford North", "CR-100200", names[3]),
        reasons=("Escalation of risk to the child and family members", "Other: asked for by the IRO <urgent>"),
        proposed_on=date(2025, 3, 3),
        held_on=date(2025, 3, 20),
        starts_at=time(10),
        ends_at=time(11),
        venue="Room 2.14, Avonford Hub",
        areas_of_focus="We are here to understand the events that led up to the missing episodes.",
        people=tuple(
            Attendee(n, r, "", "present" if i != 4 else "apologies")
            for i, (n, r) in enumerate(zip(names, roles, strict=True))
        ),
        story_summary="Lives with his mother and two sisters.\n\nMissing three times since January.",
        summary_updated_on=date(2025, 2, 27),
        learning_points=tuple(
            f"Learning point {i}: return home interviews were not shared." for i in range(1, 4 * length)
        ),
        actions=tuple(
            ActionItem(
                f"Action {i}: share the chronology",
                names[i % 5],
                "minutes",
                date(2025, 4, 10),
                "blocked" if i == 2 else "open",
                "Police cannot share yet" if i == 2 else "",
            )
            for i in range(1, 3 * length)
        ),  # fmt: skip
        themes=("Missing from home", "Voice of the child"),
        case_note_on=date(2025, 3, 24),
        prepared_by="Zoë Okafor",
        prepared_on=date(2025, 3, 25),
    )


@pytest.mark.parametrize("length", [1, 12])
def test_marking_and_page_numbers_on_every_page(length):
    data = build_learning_record(sample(length))
    reader = PdfReader(BytesIO(data))
    total = len(reader.pages)
    assert (total > 2) if length == 12 else (total <= 2)
    for number, page in enumerate(reader.pages, start=1):
        strings = placed(page)
        heights = [h for text, h in strings if text == MARKING]
        height = float(page.mediabox.height)
        assert any(h > height - 20 * MM for h in heights), f"no marking at the top of page {number}"
        assert any(h < 20 * MM for h in heights), f"no marking at the foot of page {number}"
        assert f"Page {number} of {total}" in page.extract_text()


def test_record_shows_what_the_learners_need_as_written():
    text = " ".join(" ".join(page_texts(build_learning_record(sample()))).split())  # lines wrap in cells
    for expected in (
        "Locality Learning Circle record",
        "LLC-00042",
        "20 March 2025, 10:00 to 11:00",
        "Room 2.14, Avonford Hub",
        "Dáithí Ó Súilleabháin",
        "14 July 2013",
        "Avonford North",
        "CR-100200",
        "Escalation of risk to the child and family members",
        "Other: asked for by the IRO <urgent>",
        "We are here to understand the events",
        "Learners present",
        "Siân Llewellyn",
        "Łukasz Wiśniewski",
        "Nguyễn Thị Lan",
        "Not present",
        "Apologies",
        "Missing three times since January.",
        "updated 27 February 2025",
        "Learning point 1",
        "Blocked: Police cannot share yet",
        "Missing from home; Voice of the child",
        "Case note on the child's record",
        "24 March 2025",
    ):
        assert expected in text, expected


def test_metadata_header_and_file_name_never_name_the_child():
    content = sample()
    data = build_learning_record(content)
    meta = PdfReader(BytesIO(data)).metadata
    fields = " ".join(str(v) for v in meta.values())
    assert meta.title == "Locality Learning Circle record, 20 March 2025"
    assert MARKING in (meta.subject or "")
    for word in ("Dáithí", "Súilleabháin", "Daithi", "CR-100200", "Avonford North"):
        assert word not in fields
        assert word not in file_name(content)
    assert file_name(content) == "learning-circle-record-LLC-00042-2025-03-20.pdf"
    # The running header carries the reference and date only.
    header = [t for t, h in placed(PdfReader(BytesIO(data)).pages[0]) if h > 270 * MM]
    assert not any("Dáithí" in t for t in header)


def test_empty_parts_say_so():
    bare = replace(sample(), people=(), learning_points=(), actions=(), themes=(), story_summary="", held_on=None,
                   case_note_on=None, prepared_by="", prepared_on=None)  # fmt: skip
    text = "\n".join(page_texts(build_learning_record(bare)))
    for expected in (
        "Not yet set",
        "No learners recorded yet.",
        "No summary on the child's record yet.",
        "No learning points recorded yet.",
        "No actions recorded.",
        "No themes recorded yet.",
    ):
        assert expected in text, expected


def test_record_built_from_the_records(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        form = learning_points.new_action_form(s, circle_id)
        form.description, form.owner_id, form.due_on = "Share return home interviews", loc.tm, date(2025, 4, 10)
        actions.add_action(s, circle_id, form)
        themes.add_theme(s, circle_id, "Missing from home")
        learning_checklist.mark_step(s, circle_id, "case_note", date(2025, 3, 24), today=TODAY)
        detail = lcs.get_learning_circle(s, circle_id)
        grid = meetings.attendance_grid(s, detail.meeting_id)
        meetings.set_attendance(s, detail.meeting_id, {r.member_id: "present" for r in grid if r.name != "Zoë Okafor"})
        organisation.save_organisation(s, organisation.OrganisationForm("Wessex Children's Services"))
        content = learning_record_content(s, circle_id, "Zoë Okafor", date(2025, 3, 25))
    assert content.child.name == f"{CHILD_GIVEN} {CHILD_FAMILY}"
    assert [p.status for p in content.people if p.name == "Zoë Okafor"] == [""]
    assert content.case_note_on == date(2025, 3, 24) and content.themes == ("Missing from home",)
    data = build_learning_record(content)
    text = " ".join(" ".join(page_texts(data)).split())
    for expected in (f"{CHILD_GIVEN} {CHILD_FAMILY}", "Head of Locality", "Aoife Ní Bhriain", "Share return home",
                     "Return home interviews were not shared", "Missing from home", "Zoë Okafor"):  # fmt: skip
        assert expected in text, expected
    assert re.search(r"Page 1 of \d", text)
    meta = PdfReader(BytesIO(data)).metadata
    assert CHILD_GIVEN not in " ".join(str(v) for v in meta.values())
    assert CHILD_GIVEN not in file_name(content)
