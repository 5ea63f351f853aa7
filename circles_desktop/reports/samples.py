"""Obviously fictional content for every document: for looking at the layout, for the benchmark and for
tests. Names are drawn from a varied list that includes non-ASCII names (Siân, Zoë, Łukasz, Nguyễn)."""

from __future__ import annotations

from datetime import date, time, timedelta

from circles_desktop.reports import categories as cat
from circles_desktop.reports.content import (
    ABSENT,
    APOLOGIES,
    BLOCKED,
    OPEN,
    PRESENT,
    ActionItem,
    Attendee,
    Decision,
    Development,
    Goal,
    MeetingPackContent,
    MeetingRecord,
    MinutesContent,
    MinutesSection,
    ProgressNote,
    QuestionnaireContent,
    Recipient,
    ReferralStep,
    ReferralSummaryContent,
    Referrer,
    RiskAssessment,
)
from circles_desktop.reports.kit.letterhead import Letterhead

ORGANISATION = "Circles South West"
LETTERHEAD = Letterhead(ORGANISATION, "The Old Chapel, 12 Quay Street\nBristol BS1 4DJ")
REFERENCE = "CSW-2025-017"
MEETING_DATE = date(2025, 3, 14)

_SENTENCES = (
    "The volunteers reported that the week had been settled and that the core member kept every appointment.",
    "He described looking for voluntary work at the allotment project and asked for help with the form.",
    "The circle talked through how he spends weekends and which places he has agreed to avoid.",
    "Money has been tight since the benefit review; the circle suggested the Citizens Advice drop-in.",
    "He spoke warmly about reconnecting with his brother by letter and wants to keep it slow.",
    "Volunteers noticed he was quieter than usual when the hostel move came up.",
    "The coordinator reminded everyone of the next quarterly review and of what the minutes will share.",
)

VOLUNTEERS = (
    Attendee("Siân Llewellyn-Davies", "Volunteer", "", PRESENT),
    Attendee("Zoë Okonkwo", "Volunteer", "", PRESENT),
    Attendee("Łukasz Wiśniewski", "Volunteer", "", APOLOGIES),
    Attendee("Nguyễn Thị Minh Khai", "Volunteer", "", PRESENT),
)


def _text(seed: int, sentences: int) -> str:
    chosen = [_SENTENCES[(seed + i) % len(_SENTENCES)] for i in range(sentences)]
    half = max(1, sentences // 2)
    return " ".join(chosen[:half]) + "\n\n" + " ".join(chosen[half:])


def sample_meeting(held_on: date = MEETING_DATE, length: int = 1) -> MeetingRecord:
    """A circle meeting with a section of every category; `length` repeats the sections for longer minutes."""
    sections: list[MinutesSection] = []
    for round_ in range(length):
        suffix = f" ({round_ + 1})" if length > 1 else ""
        sections += [
            MinutesSection(f"Check-in{suffix}", cat.MINUTES, _text(round_, 4)),
            MinutesSection(f"Goals: work and volunteering{suffix}", cat.GOALS_PROGRESS, _text(round_ + 1, 5)),
            MinutesSection(f"Concerns raised{suffix}", cat.RISK_CONCERNS, _text(round_ + 2, 4)),
            MinutesSection(f"Hostel move{suffix}", cat.SIGNIFICANT_DEVELOPMENTS, _text(round_ + 3, 3)),
            MinutesSection(f"Volunteers' debrief{suffix}", cat.INTERNAL, _text(round_ + 4, 3)),
        ]
    return MeetingRecord(
        circle_reference=REFERENCE,
        kind="Circle meeting",
        held_on=held_on,
        starts_at=time(18, 30),
        venue="St Aldhelm's Community Hall, Meeting Room 2",
        attendance=VOLUNTEERS
        + (
            Attendee("Coordinator Bryony Ashdown-Fairweather", "Coordinator", ORGANISATION, PRESENT),
            Attendee("DC Priya Raghunathan", "Police offender manager", "Avon and Somerset Police", ABSENT),
        ),
        sections=tuple(sections),
        decisions=(
            Decision("The circle will meet fortnightly until the hostel move is settled.", cat.MINUTES),
            Decision("The coordinator will tell probation about the change of address.", cat.SIGNIFICANT_DEVELOPMENTS),
            Decision("Volunteers to pair up for the next two meetings.", cat.INTERNAL),
        ),
        actions=(
            ActionItem(
                "Help complete the allotment volunteering form",
                "Zoë Okonkwo",
                cat.GOALS_PROGRESS,
                held_on + timedelta(days=14),
            ),  # fmt: skip
            ActionItem(
                "Share the new address with the offender manager",
                "Bryony Ashdown-Fairweather",
                cat.SIGNIFICANT_DEVELOPMENTS,
                held_on + timedelta(days=3),
            ),  # fmt: skip
            ActionItem(
                "Book the room for the quarterly review",
                "Łukasz Wiśniewski",
                cat.INTERNAL,
                held_on + timedelta(days=21),
                BLOCKED,
                "Hall closed for repairs until May",
            ),  # fmt: skip
        ),
    )


def sample_minutes(length: int = 1) -> MinutesContent:
    return MinutesContent(
        letterhead=LETTERHEAD,
        meeting=sample_meeting(length=length),
        recipient=Recipient(
            "Mr Bartholomew Featherstonehaugh-Cholmondeley", "The Probation Service, South West", "Probation officer"
        ),  # fmt: skip
        prepared_by="Bryony Ashdown-Fairweather, Circle coordinator",
        prepared_on=MEETING_DATE + timedelta(days=2),
    )


def sample_meeting_pack(size: int = 1) -> MeetingPackContent:
    """A meeting pack; each step of `size` adds about six pages (size 10 is about 60 pages)."""
    held_on = MEETING_DATE + timedelta(days=14)
    return MeetingPackContent(
        letterhead=LETTERHEAD,
        meeting=MeetingRecord(
            REFERENCE,
            "Circle meeting",
            held_on,
            "St Aldhelm's Community Hall, Meeting Room 2",
            time(18, 30),
            attendance=tuple(Attendee(a.name, a.role, a.organisation) for a in sample_meeting().attendance),
        ),  # fmt: skip
        prepared_by="Bryony Ashdown-Fairweather",
        prepared_on=held_on - timedelta(days=3),
        core_member="Gareth Pennington-Rhys",
        agenda=(
            "Check-in and how the fortnight has gone",
            "Hostel move: what has changed",
            "Goals: work and volunteering",
            "Anything the core member wants to raise",
            "Date of the next meeting and quarterly review",
        ),
        previous=sample_meeting(length=max(1, 2 * size)),
        open_actions=_sample_open_actions(size, held_on),
        goals=_sample_goals(size),
        developments=_sample_developments(size),
    )


def _sample_goals(size: int) -> tuple[Goal, ...]:
    return tuple(
        Goal(
            title=f"Goal {g + 1}: {('Find voluntary work', 'Keep a weekly routine', 'Rebuild family contact')[g % 3]}",
            status=("In progress", "Achieved", "Not started")[g % 3],
            progress=tuple(
                ProgressNote(MEETING_DATE - timedelta(days=7 * n), _text(g + n, 2), VOLUNTEERS[n % 4].name)
                for n in range(6)
            ),
        )
        for g in range(3 * size)
    )


def _sample_developments(size: int) -> tuple[Development, ...]:
    return tuple(
        Development(
            MEETING_DATE + timedelta(days=d),
            ("Progress", "Risk", "Need")[d % 3],
            _text(d, 3),
            "Bryony Ashdown-Fairweather",
            "Probation officer" if d % 2 else "",
            d % 3 == 1,
        )  # fmt: skip
        for d in range(2 * size)
    )


def _sample_open_actions(size: int, held_on: date) -> tuple[ActionItem, ...]:
    return tuple(
        ActionItem(
            f"Follow up item {n + 1}: {_SENTENCES[n % len(_SENTENCES)]}",
            VOLUNTEERS[n % 4].name,
            cat.GOALS_PROGRESS,
            held_on + timedelta(days=n),
            OPEN if n % 5 else BLOCKED,
            "" if n % 5 else "Waiting for the housing officer",
        )  # fmt: skip
        for n in range(6 * size)
    )


def sample_referral() -> ReferralSummaryContent:
    return ReferralSummaryContent(
        letterhead=LETTERHEAD,
        reference="REF-2025-0042",
        circle_kind="CoSA circle",
        variant="Prison / through the gate",
        person_name="Gareth Pennington-Rhys",
        person_reference="HMP-A1234BC",
        date_of_birth=date(1979, 6, 2),
        received_on=date(2025, 1, 8),
        status="Full referral",
        referrer=Referrer("Nguyễn Văn An", "Probation officer", "The Probation Service, South West"),
        agency="HMP Channings Wood",
        mappa_category="1",
        mappa_level="2",
        eligibility_notes=_text(0, 4),
        suitability_notes=_text(3, 5),
        risk_assessments=(
            RiskAssessment("OASys", date(2024, 11, 20), "Full OASys with RoSH summary"),
            RiskAssessment("RM2000", date(2024, 10, 2), "Scored by the prison offender manager"),
        ),
        steps=(
            ReferralStep("Received", date(2025, 1, 8), "By email from the probation officer"),
            ReferralStep("Initial discussion", date(2025, 1, 15), "Eligible; suitability to be explored"),
            ReferralStep("Full referral", date(2025, 2, 3), "Risk assessment reports received"),
        ),
        prepared_by="Bryony Ashdown-Fairweather",
        prepared_on=date(2025, 2, 5),
    )


def sample_questionnaire() -> QuestionnaireContent:
    return QuestionnaireContent(
        letterhead=LETTERHEAD,
        circle_reference=REFERENCE,
        return_to="Bryony Ashdown-Fairweather, Circles South West, by hand or in the envelope provided",
    )
