"""The facilitator's match summary: the circle they have been matched to, why they fit (the reasons in
words, as recorded at the match), when the circle can meet, their 12-month commitment and when the
review falls due, and their connector. It holds only what the person in focus agreed their facilitator
may have; it is marked OFFICIAL-SENSITIVE like every record about a person.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from circles_desktop.reports.kinds.community_content import MatchSummaryContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import data_table, heading, key_value_table, numbered, para, paragraphs
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date

TITLE = "Facilitator's match summary"
FOOTER = "For the facilitator of this circle. Do not copy or forward."


def build_match_summary(content: MatchSummaryContent) -> bytes:
    return build_pdf(match_summary_story(content), match_summary_info(content), match_summary_decor(content))


def match_summary_info(content: MatchSummaryContent) -> DocumentInfo:
    when = format_date(content.committed_on)
    return DocumentInfo(title=f"{TITLE}, {when}" if when else TITLE, author=content.letterhead.name)


def match_summary_decor(content: MatchSummaryContent) -> PageDecor:
    parts = [TITLE, content.reference, format_date(content.committed_on)]
    return PageDecor(content.letterhead.name, " · ".join(p for p in parts if p), footer_note=FOOTER)


def match_summary_story(content: MatchSummaryContent) -> list[Flowable]:
    c = content
    story: list[Flowable] = [
        *letterhead_block(c.letterhead),
        heading(TITLE, level=0),
        key_value_table(
            [
                ("Facilitator", c.facilitator),
                ("Circle", c.reference),
                ("Person in focus", c.person),
                ("Where", c.area),
                ("When the circle can meet", c.meeting_times),
                ("Their interests", ", ".join(c.interests)),
                ("Committed from", format_date(c.committed_on)),
                ("12-month review falls due", format_date(c.review_due_on)),
                ("Connector", ", ".join(p for p in (c.connector, c.connector_organisation) if p)),
            ],
            label_fraction=0.34,
        ),
        heading("Their purpose, in their words"),
        *(paragraphs(c.purpose) or [para("Not recorded.")]),
    ]
    if c.what_matters:
        story += [heading("What matters to them"), *paragraphs(c.what_matters)]
    if c.contact:
        story += [heading("How they would like to be contacted"), *paragraphs(c.contact)]
    story.append(heading("Why you were matched"))
    story.extend(numbered(list(c.reasons)) or [para("No reasons recorded.")])
    story.append(heading("Who is in the circle"))
    rows = [[p.name, p.part] for p in c.people]
    story.append(data_table(["Name", "In the circle as"], rows, fractions=(0.5, 0.5)) if rows else para("No one yet."))
    story.append(heading("The first three meetings"))
    story.append(
        para(
            "Your connector supports the first three meetings: bringing people together and what a circle is; "
            "getting to know each other, roles and expectations; the details around the person in focus, early "
            "actions and reflecting on action. People take on only the actions they offer to."
        )
    )
    if c.made_on is not None:
        story.append(para(f"Prepared on {format_date(c.made_on)}.", "small"))
    return story
