"""End-of-circle stakeholder questionnaires: who answered and their answer to each question.

The questions themselves are fixed in services.questionnaires; answers refer to them by key so the
wording can be improved without losing old answers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base
from circles_desktop.models.people import Organisation, Person


class QuestionnaireResponse(Base):
    __tablename__ = "questionnaire_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    received_on: Mapped[date] = mapped_column(Date)

    respondent: Mapped[Person | None] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    answers: Mapped[list[QuestionnaireAnswer]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class QuestionnaireAnswer(Base):
    __tablename__ = "questionnaire_answers"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),)

    response_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_responses.id", ondelete="CASCADE"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
