"""End-of-circle stakeholder questionnaires: the questions, and recording what each stakeholder said."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, QuestionnaireAnswer, QuestionnaireResponse
from circles_desktop.services.common.validation import Problems, get
from circles_desktop.services.security import audit

# (key, question). Ratings are 1 (not at all) to 5 (very much); every question has room for a comment.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("information", "Did you receive the information you needed from the circle (minutes, updates)?"),
    ("communication", "How well did the coordinator keep you informed of significant developments?"),
    ("risk", "Did the circle help to manage the core member's risk?"),
    ("reintegration", "Did the circle help the core member to build a life in the community?"),
    ("partnership", "How well did the circle work with your agency?"),
    ("recommend", "Would you refer to a circle again?"),
    ("comments", "Anything else you would like to tell us?"),
)
KEYS = tuple(k for k, _ in QUESTIONS)


def record_response(
    session: Session,
    circle_id: int,
    received_on: date | None,
    answers: Mapping[str, tuple[int | None, str]],
    *,
    respondent_id: int | None = None,
    organisation_id: int | None = None,
    today: date | None = None,
) -> QuestionnaireResponse:
    """answers: {question key: (rating 1-5 or None, comment)}."""
    today = today or date.today()
    circle = get(session, Circle, circle_id, "circle")
    p = Problems()
    p.require("received_on", received_on, "the date the questionnaire came back")
    if received_on and received_on > today:
        p.add("received_on", "The date received cannot be in the future.")
    p.not_before("received_on", received_on, circle.started_on, "date received", "circle's start date")
    if respondent_id is None and organisation_id is None:
        p.add("respondent_id", "Choose who answered, or their organisation.")
    for key, (rating, _comment) in answers.items():
        if key not in KEYS:
            p.add(f"answer:{key}", f"“{key}” is not one of the questions.")
        elif rating is not None and not 1 <= rating <= 5:
            p.add(f"answer:{key}", "Ratings are from 1 to 5.")
    p.raise_if_any()
    response = QuestionnaireResponse(
        circle_id=circle_id,
        received_on=received_on,
        respondent_id=respondent_id,
        organisation_id=organisation_id,
        answers=[QuestionnaireAnswer(question=k, rating=r, comment=c.strip()) for k, (r, c) in answers.items()],
    )
    session.add(response)
    session.flush()
    audit.record(session, "questionnaire response created", f"questionnaire response {response.id}")
    return response


def list_responses(session: Session, circle_id: int) -> list[QuestionnaireResponse]:
    return list(
        session.execute(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.circle_id == circle_id)
            .order_by(QuestionnaireResponse.received_on, QuestionnaireResponse.id)
        ).scalars()
    )
