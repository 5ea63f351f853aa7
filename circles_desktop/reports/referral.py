"""A one- or two-page summary of a referral: who was referred, by whom, where it stands, the notes on
eligibility and suitability, and which risk assessment reports came with it."""

from __future__ import annotations

from reportlab.platypus import Flowable

from circles_desktop.reports.content import ReferralSummaryContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import data_table, gap, heading, key_value_table, para, paragraphs
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date, format_short_date


def build_referral_summary(content: ReferralSummaryContent) -> bytes:
    return build_pdf(referral_story(content), referral_info(content), referral_decor(content))


def referral_info(content: ReferralSummaryContent) -> DocumentInfo:
    return DocumentInfo(
        title=f"Referral summary, received {format_date(content.received_on)}", author=content.letterhead.name
    )


def referral_decor(content: ReferralSummaryContent) -> PageDecor:
    return PageDecor(
        organisation=content.letterhead.name,
        running_title=f"Referral summary · {content.reference}",
    )


def referral_story(content: ReferralSummaryContent) -> list[Flowable]:
    r = content.referrer
    referrer = ", ".join(part for part in (r.name, r.job_title, r.organisation) if part)
    status = f"{content.status}: {content.status_reason}" if content.status_reason else content.status
    mappa = " · ".join(
        part
        for part in (
            f"Category {content.mappa_category}" if content.mappa_category else "",
            f"Level {content.mappa_level}" if content.mappa_level else "",
        )
        if part
    )
    story: list[Flowable] = [
        *letterhead_block(content.letterhead),
        heading("Referral summary", level=0),
        key_value_table(
            [
                ("Reference", content.reference),
                ("Circle", f"{content.circle_kind} ({content.variant})" if content.variant else content.circle_kind),
                ("Received", format_date(content.received_on)),
                ("Status", status),
            ]
        ),
        heading("Person referred"),
        key_value_table(
            [
                ("Name", content.person_name),
                ("Date of birth", format_date(content.date_of_birth)),
                ("Reference", content.person_reference),
                ("MAPPA", mappa),
            ]
        ),
        heading("Referrer"),
        key_value_table([("Referred by", referrer), ("Referring agency", content.agency)]),
    ]
    for title, notes in (("Eligibility", content.eligibility_notes), ("Suitability", content.suitability_notes)):
        story.append(heading(title))
        story.extend(paragraphs(notes) or [para("No notes yet.")])

    story.append(heading("Risk assessment reports"))
    if content.risk_assessments:
        rows = [[a.kind, format_short_date(a.dated), a.note] for a in content.risk_assessments]
        story.append(data_table(["Report", "Dated", "Note"], rows, fractions=(0.2, 0.18, 0.62)))
    else:
        story.append(para("None received yet."))

    if content.steps:
        story.append(heading("Progress of the referral"))
        rows = [[format_short_date(step.on), step.status, step.note] for step in content.steps]
        story.append(data_table(["Date", "Step", "Note"], rows, fractions=(0.18, 0.24, 0.58)))

    prepared = content.prepared_by
    if content.prepared_on is not None:
        prepared = f"{prepared}, {format_date(content.prepared_on)}"
    story.append(gap(6))
    story.append(key_value_table([("Prepared by", prepared)]))
    return story
