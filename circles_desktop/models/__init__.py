"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from .audit import AuditEntry
from .base import Base
from .circles import Circle, CircleMember, CosaDetails
from .consent import Consent
from .developments import Development, DevelopmentShare
from .files import StoredFile
from .goals import Goal, GoalProgress
from .learning import (
    Child,
    ChronologyEntry,
    LearningCircle,
    LearningPoint,
    LearningReason,
    LearningStepRecord,
    LearningTheme,
    Theme,
)
from .meetings import Action, Attendance, Decision, Meeting, MinutesSection
from .meta import DatabaseInfo
from .people import (
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
from .questionnaires import QuestionnaireAnswer, QuestionnaireResponse
from .referrals import Referral, ReferralStep, RiskReport
from .sharing import SharedDocument, SharedUnderConsent

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
