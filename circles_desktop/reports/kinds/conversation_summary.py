"""The one-page community conversation summary, for the community: what the conversation is about, the
conversations held and who came (counted by group), what people noticed, and the sparks the community is
taking forward. No attendee is named; a spark's carrier only with their agreement.

It carries no protective marking: it is written to be handed round the community (the page decor's
marking is left empty here, in this one place).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepInFrame

from circles_desktop.reports.kinds.conversation_content import ConversationSummaryContent
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import data_table, heading, key_value_table, notice, para, paragraphs
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import FRAME_HEIGHT, FRAME_WIDTH, PageDecor
from circles_desktop.reports.kit.text import format_date, format_short_date

TITLE = "Community conversation summary"
FOOTER = "For the community: share it with everyone who took part."
MARKING = ""  # for the community, not a protected document
MOST = 8  # noticings and sparks shown; the rest are counted, so the summary stays on one page


def build_conversation_summary(content: ConversationSummaryContent) -> bytes:
    # One page, always: a long series is shrunk to fit rather than running onto a second sheet.
    page = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, conversation_summary_story(content), mode="shrink")
    return build_pdf([page], summary_info(content), summary_decor(content))


def summary_info(content: ConversationSummaryContent) -> DocumentInfo:
    return DocumentInfo(
        title=f"{TITLE}, {content.reference}", subject=TITLE, keywords=(), author=content.letterhead.name
    )


def summary_decor(content: ConversationSummaryContent) -> PageDecor:
    # The reference and the date only: with the title too it no longer fits beside the organisation's name.
    running = " · ".join(p for p in (content.reference, format_date(content.prepared_on)) if p)
    return PageDecor(organisation=content.letterhead.name, running_title=running, footer_note=FOOTER, marking=MARKING)


def _some(lines: tuple[str, ...], what: str) -> list[Flowable]:
    shown = [para(f"• {line}") for line in lines[:MOST]]
    if len(lines) > MOST:
        shown.append(para(f"…and {len(lines) - MOST} more {what}.", "small"))
    return shown


def conversation_summary_story(content: ConversationSummaryContent) -> list[Flowable]:
    c = content
    story: list[Flowable] = [*letterhead_block(c.letterhead), heading(c.title, level=0)]
    story.append(
        key_value_table(
            [("Community", c.locality), ("About", c.theme), ("What we were asked about", c.about),
             ("Where the need is", c.need)],
            label_fraction=0.3,
        )
    )  # fmt: skip
    if c.strengths:
        story += [heading("Strengths and successes to celebrate", level=2), *paragraphs(c.strengths)]
    story.append(heading("Our conversations", level=2))
    if c.held:
        recent = c.held[-MOST:]
        rows = [[format_short_date(h.held_on), h.venue, str(h.counted) if h.counted else "—"] for h in recent]
        story.append(data_table(["Date", "Where", "People"], rows, fractions=(0.22, 0.6, 0.18)))
        if len(c.held) > MOST:
            story.append(para(f"The {MOST} most recent of {len(c.held)} conversations.", "small"))
    else:
        story.append(para("None held yet."))
    if c.next_on is not None:
        story.append(para(f"Next conversation: {format_date(c.next_on)}. Everyone is welcome to come in and out."))
    if c.attendance:
        words = " · ".join(f"{group}: {n}" for group, n in c.attendance)
        story.append(para(f"Who came, counted by group: {words}.", "small"))
    if c.balance_note:
        story.append(notice(c.balance_note))
    story.append(heading("What people have noticed in our community", level=2))
    story.extend(_some(c.noticed, "things noticed") or [para("Nothing recorded yet.")])
    story.append(heading("Sparks: ideas the community is taking forward", level=2))
    sparks = tuple(f"{s.idea} — {s.carried_by}. {s.status}." + (f" {s.latest}" if s.latest else "") for s in c.sparks)
    story.extend(_some(sparks, "sparks") or [para("No sparks yet: what would you like to take forward?")])
    return story
