"""A blank end-of-circle stakeholder questionnaire to print and fill in by hand: questions with tick
boxes and ruled lines to write on. Referrers are asked to complete one when a circle ends (seed 001)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from circles_desktop.reports.content import CHOICE, FREE_TEXT, RATING, YES_NO, Question, QuestionnaireContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import (
    WritingLines,
    blank_fields,
    data_table,
    gap,
    heading,
    para,
    paragraphs,
    tick_options,
)
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import FRAME_WIDTH, PageDecor
from circles_desktop.reports.kit.styles import styles
from circles_desktop.reports.kit.text import markup

RATING_SCALE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")

DEFAULT_INTRODUCTION = (
    "Thank you for working with this circle. Your views help us to judge how well circles support "
    "the core member and protect the public, and to improve how we work with partner agencies. "
    "Please answer as fully as you can; there are no right or wrong answers."
)


def default_stakeholder_questions() -> tuple[Question, ...]:
    """The end-of-circle questions for outer-circle professionals (referrers, police, probation...)."""
    return (
        Question("The circle was a good use of the core member's time.", RATING, lines=0),
        Question("I received the circle's minutes promptly and they told me what I needed to know.", RATING),
        Question(
            "The coordinator kept me informed of significant developments in the core member's "
            "progress, risk and needs.",
            RATING,
        ),  # fmt: skip
        Question("The circle helped with managing the core member's risk.", RATING),
        Question("Did you attend the initial briefing session and quarterly reviews?", YES_NO),
        Question(
            "How often were you in contact with the coordinator?",
            CHOICE,
            options=("Weekly", "Monthly", "Quarterly", "Less often"),
            lines=0,
        ),  # fmt: skip
        Question("What changes did you see in the core member during the circle?", FREE_TEXT, lines=5),
        Question("What could we do better?", FREE_TEXT, lines=5),
        Question("Would you refer to a circle again?", YES_NO, lines=3),
    )


def build_questionnaire(content: QuestionnaireContent) -> bytes:
    return build_pdf(questionnaire_story(content), questionnaire_info(content), questionnaire_decor(content))


def questionnaire_info(content: QuestionnaireContent) -> DocumentInfo:
    return DocumentInfo(title=content.title, author=content.letterhead.name)


def questionnaire_decor(content: QuestionnaireContent) -> PageDecor:
    running = "Stakeholder questionnaire"
    if content.circle_reference:
        running = f"{running} · {content.circle_reference}"
    return PageDecor(organisation=content.letterhead.name, running_title=running)


def questionnaire_story(content: QuestionnaireContent) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        *letterhead_block(content.letterhead),
        heading(content.title, level=0),
    ]
    story.extend(paragraphs(content.introduction or DEFAULT_INTRODUCTION))
    story.append(heading("About you", level=2))
    fields = ["Your name", "Role", "Organisation", "Date"]
    if content.circle_reference:
        story.append(blank_fields(fields, prefilled=[("Circle reference", content.circle_reference)]))
    else:
        story.append(blank_fields(["Circle reference", *fields]))

    questions = content.questions or default_stakeholder_questions()
    story.append(heading("Questions", level=2))
    for number, question in enumerate(questions, start=1):
        parts: list[Flowable] = [Paragraph(f"{number}.\u2002{markup(question.text)}", s.h3)]
        parts.extend(_answer_space(question))
        # A question and its answer space stay on one page, so no one writes an answer under the wrong question.
        story.append(KeepTogether(parts))
        story.append(gap(2))

    if content.return_to:
        story.append(gap(4))
        story.append(para(f"Please return the completed form to {content.return_to}."))
    story.append(para("Thank you for your time."))
    return story


def _answer_space(question: Question) -> list[Flowable]:
    parts: list[Flowable] = []
    if question.kind == RATING:
        parts.append(data_table(list(RATING_SCALE), [[tick_options([""])] * len(RATING_SCALE)]))
    elif question.kind == YES_NO:
        parts.append(tick_options(["Yes", "No"]))
    elif question.kind == CHOICE:
        parts.append(tick_options(list(question.options)))
    if question.lines:
        if question.kind != FREE_TEXT:
            parts.append(para("Comments:", "small"))
        parts.append(WritingLines(question.lines, width=FRAME_WIDTH))
    return parts
