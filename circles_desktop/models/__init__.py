"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from circles_desktop.models.audit import AuditEntry
from circles_desktop.models.base import Base
from circles_desktop.models.circles import Circle, CircleMember, CosaDetails
from circles_desktop.models.consent import Consent
from circles_desktop.models.developments import Development, DevelopmentShare
from circles_desktop.models.drafts import Draft
from circles_desktop.models.files import StoredFile
from circles_desktop.models.goals import Goal, GoalProgress
from circles_desktop.models.learning import (
    Child,
    ChronologyEntry,
    LearningCircle,
    LearningPoint,
    LearningReason,
    LearningStepRecord,
    LearningTheme,
    Theme,
)
from circles_desktop.models.meetings import Action, Attendance, Decision, Meeting, MinutesSection
from circles_desktop.models.meta import DatabaseInfo
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
    "Base",
    "Child",
    "ChronologyEntry",
    "Circle",
    "CircleMember",
    "Consent",
    "CosaDetails",
    "DatabaseInfo",
    "DbsCheck",
    "Decision",
    "Development",
    "DevelopmentShare",
    "Draft",
    "Goal",
    "GoalProgress",
    "LearningCircle",
    "LearningPoint",
    "LearningReason",
    "LearningStepRecord",
    "LearningTheme",
    "Meeting",
    "MinutesSection",
    "Organisation",
    "Person",
    "PersonPartRow",
    "ProfessionalRole",
    "QuestionnaireAnswer",
    "QuestionnaireResponse",
    "Referral",
    "ReferralStep",
    "RiskReport",
    "SharedDocument",
    "SharedUnderConsent",
    "StoredFile",
    "Theme",
    "TrainingRecord",
    "VolunteerInterest",
    "VolunteerProfile",
]
