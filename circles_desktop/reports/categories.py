"""The categories of information a core member can consent to share, as stored codes.

The codes match the models' vocabulary (models/vocab.py `Category`); they are repeated here because
reports import no models. "internal" (the volunteers' preparation and debrief notes) is never shareable.
"""

from __future__ import annotations

ATTENDANCE = "attendance"
GOALS_PROGRESS = "goals_progress"
MINUTES = "minutes"
RISK_CONCERNS = "risk_concerns"
SIGNIFICANT_DEVELOPMENTS = "significant_developments"
INTERNAL = "internal"

SHAREABLE: frozenset[str] = frozenset({ATTENDANCE, GOALS_PROGRESS, MINUTES, RISK_CONCERNS, SIGNIFICANT_DEVELOPMENTS})
ALL: frozenset[str] = SHAREABLE | {INTERNAL}

LABELS: dict[str, str] = {
    ATTENDANCE: "Attendance",
    GOALS_PROGRESS: "Goals and progress",
    MINUTES: "Meeting minutes",
    RISK_CONCERNS: "Risk and concerns",
    SIGNIFICANT_DEVELOPMENTS: "Significant developments",
    INTERNAL: "Internal (volunteers only, never shared)",
}


def label(category: str) -> str:
    return LABELS.get(category) or category.replace("_", " ").capitalize()
