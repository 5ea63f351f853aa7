"""The three stages of a Locality Learning Circle as the seed gives them, each step in the users' words.

Plain data, no database: the checklist screen, the services' rules and the record PDF all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import MemberRole


@dataclass(frozen=True)
class Step:
    code: str
    stage: str  # LearningStage: before, during, after
    label: str  # what is done, in the users' words
    who: str = "Done by"  # the label for the person recorded against it
    by_role: str | None = None  # whose step it usually is: suggested, and filled in when no one is chosen
    who_required: bool = True  # False for steps the learners do together (check in, check out…)
    hint: str = ""  # a line from the seed, for the checklist


STEPS: tuple[Step, ...] = (
    # Before
    Step(
        "practitioners_notified",
        LearningStage.BEFORE,
        "Practitioners notified by the Service Manager",
        by_role=MemberRole.SERVICE_MANAGER,
        hint="The relevant practitioners are told the child has been selected.",
    ),
    Step(
        "summary_and_chronology",
        LearningStage.BEFORE,
        "Up-to-date summary and chronology of key events on the child's record",
        by_role=MemberRole.PRACTITIONER,
        hint="The practitioner updates the summary and provides a chronology of key events.",
    ),
    Step(
        "learners_identified",
        LearningStage.BEFORE,
        "Learners identified by the Team Manager and Service Manager",
        by_role=MemberRole.TEAM_MANAGER,
        hint="Include people who can bring expertise, even if not working with the child.",
    ),
    Step(
        "invitations_circulated",
        LearningStage.BEFORE,
        "Invitations and documents circulated to learners",
        by_role=MemberRole.TEAM_MANAGER,
        hint="The Team Manager sends the invitations, the summary and the chronology.",
    ),
    Step(
        "room_booked",
        LearningStage.BEFORE,
        "Room booked or virtual platform set up",
        by_role=MemberRole.TEAM_MANAGER,
    ),
    # During
    Step(
        "check_in",
        LearningStage.DURING,
        "Learners checked in",
        who_required=False,
        hint="The learners come together in a circle (or on a virtual platform) and check in.",
    ),
    Step(
        "ground_rules",
        LearningStage.DURING,
        "Ground rules agreed",
        by_role=MemberRole.HEAD_OF_LOCALITY,
        hint="The Head of Locality agrees ground rules with the group.",
    ),
    Step("timekeeper", LearningStage.DURING, "Timekeeper assigned", who="Timekeeper"),
    Step(
        "reasons_and_focus",
        LearningStage.DURING,
        "Reasons for selection shared and areas of focus set",
        by_role=MemberRole.HEAD_OF_LOCALITY,
        hint="The Head of Locality shares why the child was selected and sets the areas of focus.",
    ),
    Step(
        "story_told",
        LearningStage.DURING,
        "The child's story told",
        who="Told by",
        by_role=MemberRole.PRACTITIONER,
        hint="The practitioner gives a brief overview of the child's story.",
    ),
    Step(
        "questions",
        LearningStage.DURING,
        "Questions asked, points of view offered, solutions considered",
        who_required=False,
    ),
    Step(
        "learning_agreed",
        LearningStage.DURING,
        "Learning points and actions agreed and captured",
        who_required=False,
        hint="Captured on a flip chart, whiteboard or padlet, then recorded here.",
    ),
    Step("check_out", LearningStage.DURING, "Learners checked out", who_required=False),
    # After
    Step(
        "shared_with_learners_and_qap",
        LearningStage.AFTER,
        "Learning and actions shared with the learners and QAP",
        by_role=MemberRole.SERVICE_MANAGER,
        hint="The Service Manager shares them.",
    ),
    Step(
        "case_note",
        LearningStage.AFTER,
        "Case note recorded on the child's record",
        by_role=MemberRole.TEAM_MANAGER,
        hint="The date is the case note's date.",
    ),
    Step(
        "actions_followed_up",
        LearningStage.AFTER,
        "Actions done, or barriers raised with the Service Manager / Head of Locality",
        by_role=MemberRole.TEAM_MANAGER,
    ),
    Step(
        "themes_shared",
        LearningStage.AFTER,
        "Themes shared with the Quality, Performance and Action Group",
        by_role=MemberRole.SERVICE_MANAGER,
    ),
)

BY_CODE = {s.code: s for s in STEPS}
STAGES: tuple[str, ...] = (LearningStage.BEFORE, LearningStage.DURING, LearningStage.AFTER)
STAGE_LABELS: dict[str, str] = {
    LearningStage.BEFORE: "Before the learning circle",
    LearningStage.DURING: "During the learning circle",
    LearningStage.AFTER: "After the learning circle",
    LearningStage.COMPLETE: "Complete",
}
# Stage names for a list column or filter.
STAGE_SHORT = {
    LearningStage.BEFORE: "Before",
    LearningStage.DURING: "During",
    LearningStage.AFTER: "After",
    LearningStage.COMPLETE: "Complete",
}
CASE_NOTE = "case_note"
