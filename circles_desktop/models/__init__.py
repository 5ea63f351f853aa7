"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from circles_desktop.models.base import Base
from circles_desktop.models.bookkeeping.audit import AuditEntry
from circles_desktop.models.bookkeeping.drafts import Draft
from circles_desktop.models.bookkeeping.files import StoredFile
from circles_desktop.models.bookkeeping.home_reading import HomeReading
from circles_desktop.models.bookkeeping.meta import DatabaseInfo
from circles_desktop.models.bookkeeping.settings import Setting
from circles_desktop.models.circles import Circle, CircleMember, CosaDetails
from circles_desktop.models.consent import Consent
from circles_desktop.models.developments import Development, DevelopmentShare
from circles_desktop.models.goals import Goal, GoalProgress
from circles_desktop.models.kinds.community import (
    CommunityCircle,
    CommunityInterest,
    CommunityTime,
    Connector,
    FacilitatorCommitment,
    LifeMember,
    MeetingReflection,
    NetworkPracticeAttendance,
    NetworkPracticeSession,
    SupportedMeeting,
    SupportedStep,
    TwelveMonthReview,
)
from circles_desktop.models.kinds.conversations import (
    ConversationCheck,
    ConversationDetails,
    Headcount,
    Noticed,
    SimilarWork,
    Spark,
    SparkFollowUp,
    ToolkitItem,
)
from circles_desktop.models.kinds.learning import (
    Child,
    ChronologyEntry,
    LearningCircle,
    LearningPoint,
    LearningReason,
    LearningStepRecord,
    LearningTheme,
    Theme,
)
from circles_desktop.models.kinds.practice import (
    Barrier,
    MailingListEntry,
    Participation,
    PracticeSession,
    Presentation,
    Season,
)
from circles_desktop.models.meetings import Action, Attendance, Decision, Meeting, MinutesSection
from circles_desktop.models.people import (
    AvailabilitySlot,
    DbsCheck,
    Organisation,
    Person,
    PersonPartRow,
    ProfessionalRole,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.questionnaires import QuestionnaireAnswer, QuestionnaireResponse
from circles_desktop.models.referrals import Referral, ReferralStep, RiskReport
from circles_desktop.models.sharing import SharedDocument, SharedUnderConsent

__all__ = [
    "Action",
    "Attendance",
    "AuditEntry",
    "AvailabilitySlot",
    "Barrier",
    "Base",
    "Child",
    "ChronologyEntry",
    "Circle",
    "CircleMember",
    "CommunityCircle",
    "CommunityInterest",
    "CommunityTime",
    "Connector",
    "Consent",
    "ConversationCheck",
    "ConversationDetails",
    "CosaDetails",
    "DatabaseInfo",
    "DbsCheck",
    "Decision",
    "Development",
    "DevelopmentShare",
    "FacilitatorCommitment",
    "Draft",
    "HomeReading",
    "Goal",
    "GoalProgress",
    "Headcount",
    "LearningCircle",
    "LearningPoint",
    "LearningReason",
    "LearningStepRecord",
    "LearningTheme",
    "LifeMember",
    "MailingListEntry",
    "Meeting",
    "MeetingReflection",
    "MinutesSection",
    "NetworkPracticeAttendance",
    "NetworkPracticeSession",
    "Noticed",
    "Organisation",
    "Participation",
    "Person",
    "PersonPartRow",
    "PracticeSession",
    "Presentation",
    "ProfessionalRole",
    "QuestionnaireAnswer",
    "QuestionnaireResponse",
    "Referral",
    "ReferralStep",
    "RiskReport",
    "Season",
    "Setting",
    "SharedDocument",
    "SharedUnderConsent",
    "SimilarWork",
    "Spark",
    "SparkFollowUp",
    "StoredFile",
    "SupportedMeeting",
    "SupportedStep",
    "Theme",
    "ToolkitItem",
    "TrainingRecord",
    "TwelveMonthReview",
    "VolunteerInterest",
    "VolunteerProfile",
]
