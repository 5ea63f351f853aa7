"""The fixed vocabularies the records use, in the users' words, stored as short strings.

Each is a StrEnum so code can say `Ring.INNER` and the database holds "inner". `label` gives the
words a coordinator reads. Short closed lists also get a CHECK constraint (see `check_in`); lists that
later circle kinds will grow (member roles, meeting kinds) are checked in the services only, so adding
a role needs no table rebuild.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint

# Labels that are not just the code with spaces and a capital.
_LABELS = {
    "cosa": "CoSA circle",
    "community": "Community Circle",
    "learning": "Locality Learning Circle",
    "conversation": "Community Conversation",
    "practice": "Community of Practice",
    "forensic_cldt": "Forensic community learning disabilities team",
    "hsb_practitioner": "Harmful sexual behaviour practitioner",
    "mappa_coordinator": "MAPPA coordinator",
    "parent_carer": "Parent or carer",
    "enhanced_barred": "Enhanced with barred lists",
    "prison": "Prison",
    "prison_through_the_gate": "Prison / through the gate",
    "young_person": "Young person",
    "oasys": "OASys",
    "rm2000": "RM2000",
    "asset": "Asset",
    "arms": "ARMS",
    "goals_progress": "Goals and progress",
    "minutes": "Meeting minutes",
    "risk_concerns": "Risk and concerns",
    "internal": "Internal (volunteers only, never shared)",
    "end_of_circle_review": "End-of-circle review",
    "youth_offending": "Youth offending",
    "youth_offending_officer": "Youth offending officer",
    "core_member": "Core member",
    "focus_person": "Person in focus",
    "police_offender_manager": "Police offender manager",
    "approved_premises": "Approved premises",
    "approved_premises_staff": "Approved premises staff",
    "face_to_face": "Face to face",
    "e_learning": "E-learning",
    "own_district": "Only their own postcode district",
    "area": "Anywhere in their town or postcode area",
    "anywhere": "Anywhere they can get to",
}


class Choice(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value) or self.value.replace("_", " ").capitalize()

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


def label(value: str) -> str:
    """Human words for any stored code (for lists that hold the bare string)."""
    return _LABELS.get(value) or value.replace("_", " ").capitalize()


def check_in(column: str, choices: type[Choice], name: str | None = None) -> CheckConstraint:
    """CHECK column IN (...): the naming convention turns `name` into ck_<table>_<name>."""
    allowed = ", ".join(f"'{v}'" for v in choices.values())
    return CheckConstraint(f"{column} IN ({allowed})", name=name or column)


class CircleKind(Choice):
    COSA = "cosa"
    COMMUNITY = "community"
    LEARNING = "learning"
    CONVERSATION = "conversation"
    PRACTICE = "practice"


class CosaVariant(Choice):
    ADULT_COMMUNITY = "adult_community"
    PRISON = "prison_through_the_gate"
    INTELLECTUAL_DISABILITY = "intellectual_disability"
    YOUNG_PERSON = "young_person"


class CircleStatus(Choice):
    FORMING = "forming"
    ACTIVE = "active"
    CLOSED = "closed"


class Ring(Choice):
    INNER = "inner"
    OUTER = "outer"


class MemberRole(Choice):
    # CoSA (seed 001)
    CORE_MEMBER = "core_member"
    VOLUNTEER = "volunteer"
    PROBATION_OFFICER = "probation_officer"
    POLICE_OFFENDER_MANAGER = "police_offender_manager"
    PRISON_STAFF = "prison_staff"
    APPROVED_PREMISES_STAFF = "approved_premises_staff"
    FORENSIC_CLDT = "forensic_cldt"
    SOCIAL_WORKER = "social_worker"
    YOUTH_OFFENDING_OFFICER = "youth_offending_officer"
    HSB_PRACTITIONER = "hsb_practitioner"
    MAPPA_COORDINATOR = "mappa_coordinator"
    PARENT_CARER = "parent_carer"
    # Community Circles (seed 000)
    FOCUS_PERSON = "focus_person"
    FACILITATOR = "facilitator"
    CONNECTOR = "connector"
    FAMILY_OR_FRIEND = "family_or_friend"
    FAMILY = "family"  # people from the focus person's own life, each happy to help
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    # Learning circles, conversations, communities of practice (seeds 002-004)
    HEAD_OF_LOCALITY = "head_of_locality"
    SERVICE_MANAGER = "service_manager"
    TEAM_MANAGER = "team_manager"
    PRACTITIONER = "practitioner"
    LEARNER = "learner"
    PRESENTER = "presenter"
    PARTICIPANT = "participant"
    OTHER = "other"


# Roles that sit in the outer circle (professionals) for CoSA.
OUTER_ROLES = frozenset(
    {
        MemberRole.PROBATION_OFFICER,
        MemberRole.POLICE_OFFENDER_MANAGER,
        MemberRole.PRISON_STAFF,
        MemberRole.APPROVED_PREMISES_STAFF,
        MemberRole.FORENSIC_CLDT,
        MemberRole.SOCIAL_WORKER,
        MemberRole.YOUTH_OFFENDING_OFFICER,
        MemberRole.HSB_PRACTITIONER,
        MemberRole.MAPPA_COORDINATOR,
    }
)


class PersonPart(Choice):
    """The parts a person plays; one person record may play several."""

    CORE_MEMBER = "core_member"
    FOCUS_PERSON = "focus_person"
    VOLUNTEER = "volunteer"
    PROFESSIONAL = "professional"
    PARENT_CARER = "parent_carer"
    CHILD = "child"
    FACILITATOR = "facilitator"
    CONNECTOR = "connector"
    LEARNER = "learner"
    COORDINATOR = "coordinator"
    OTHER = "other"


class OrganisationKind(Choice):
    POLICE = "police"
    PROBATION = "probation"
    PRISON = "prison"
    APPROVED_PREMISES = "approved_premises"
    YOUTH_OFFENDING = "youth_offending"
    SOCIAL_CARE = "social_care"
    HEALTH = "health"
    VOLUNTARY = "voluntary"
    FAITH = "faith"
    OTHER = "other"


class DbsLevel(Choice):
    BASIC = "basic"
    STANDARD = "standard"
    ENHANCED = "enhanced"
    ENHANCED_BARRED = "enhanced_barred"


class Weekday(Choice):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class DayPart(Choice):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class TrainingMethod(Choice):
    """How a course was done: Community Circles' training moved from face to face to e-learning, phone and Zoom."""

    FACE_TO_FACE = "face_to_face"
    E_LEARNING = "e_learning"
    PHONE = "phone"
    ZOOM = "zoom"


class TravelReach(Choice):
    """How far a volunteer will travel to a circle, in postcode terms (matching works offline, with no map)."""

    OWN_DISTRICT = "own_district"
    AREA = "area"
    ANYWHERE = "anywhere"


class ReferralStatus(Choice):
    RECEIVED = "received"
    INITIAL_DISCUSSION = "initial_discussion"
    FULL_REFERRAL = "full_referral"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class RiskReportType(Choice):
    OASYS = "oasys"
    RM2000 = "rm2000"
    ASSET = "asset"
    ARMS = "arms"
    OTHER = "other"


class Category(Choice):
    """What kind of information a piece of the record is; consent is given per category."""

    ATTENDANCE = "attendance"
    GOALS_PROGRESS = "goals_progress"
    MINUTES = "minutes"
    RISK_CONCERNS = "risk_concerns"
    SIGNIFICANT_DEVELOPMENTS = "significant_developments"
    INTERNAL = "internal"  # volunteers' preparation and debrief: never shareable


SHAREABLE = tuple(c for c in Category if c is not Category.INTERNAL)


class MeetingKind(Choice):
    INITIAL_BRIEFING = "initial_briefing"
    CIRCLE_MEETING = "circle_meeting"
    QUARTERLY_REVIEW = "quarterly_review"
    END_OF_CIRCLE_REVIEW = "end_of_circle_review"
    # later kinds
    TWELVE_MONTH_REVIEW = "twelve_month_review"
    LEARNING_CIRCLE = "learning_circle"
    PRACTICE_SESSION = "practice_session"
    CONVERSATION = "conversation"


class AttendanceStatus(Choice):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class ActionStatus(Choice):
    OPEN = "open"
    DONE = "done"
    BLOCKED = "blocked"


class GoalStatus(Choice):
    OPEN = "open"
    ACHIEVED = "achieved"
    STOPPED = "stopped"


class DevelopmentKind(Choice):
    PROGRESS = "progress"
    RISK = "risk"
    NEED = "need"
