"""The community of practice's documents: the note of one session (presentations, who took part by
organisation and sector, the discussion, the barriers found) and the season summary (its theme, sessions,
presentations, barriers and what changed, its outcomes and attendance by sector), with the organisation's
name. An anonymous lived-experience presenter is never named; participants are counted, not named.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from circles_desktop.reports.kinds.practice_content import (
    BarrierLine,
    PresentationLine,
    SeasonSummaryContent,
    SessionNoteContent,
)
from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import data_table, heading, key_value_table, para, paragraphs
from circles_desktop.reports.kit.letterhead import letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.text import format_date, format_short_date, format_time

SESSION_NOTE = "Community of practice session note"
SEASON_SUMMARY = "Community of practice season summary"
FOOTER = "For the members of the community of practice."


def build_session_note(content: SessionNoteContent) -> bytes:
    c = content
    info = DocumentInfo(title=f"{SESSION_NOTE}, {format_date(c.held_on)}", author=c.letterhead.name)
    # The running title is short: the document's name is in the heading, and more would not fit.
    decor = PageDecor(c.letterhead.name, f"Session note · {c.reference} · {format_short_date(c.held_on)}", FOOTER)
    return build_pdf(session_note_story(c), info, decor)


def build_season_summary(content: SeasonSummaryContent) -> bytes:
    c = content
    info = DocumentInfo(title=f"{SEASON_SUMMARY}, {c.theme}", author=c.letterhead.name)
    decor = PageDecor(c.letterhead.name, f"Season summary · {c.reference} · {c.theme}", FOOTER)
    return build_pdf(season_summary_story(c), info, decor)


def _presentations(lines: tuple[PresentationLine, ...], dated: bool = False) -> Flowable:
    if not lines:
        return para("No presentations recorded.")
    if dated:
        rows = [[format_short_date(p.held_on), p.title, p.presenter, p.kind] for p in lines]
        return data_table(["Session", "Title", "Presenter", "Kind"], rows, fractions=(0.16, 0.38, 0.26, 0.2))
    rows = [[p.title, p.presenter, p.kind] for p in lines]
    return data_table(["Title", "Presenter", "Kind"], rows, fractions=(0.45, 0.3, 0.25))


def _barriers(lines: tuple[BarrierLine, ...]) -> Flowable:
    if not lines:
        return para("No barriers or system blockages recorded.")
    rows = []
    for b in lines:
        raised = f"{b.raised_with} ({format_short_date(b.raised_on)})" if b.raised_on else "Not raised yet"
        changed = f"{b.what_changed} ({format_short_date(b.changed_on)})" if b.changed_on else "No change yet"
        rows.append([b.description, raised, changed])
    return data_table(["Barrier or blockage", "Raised with", "What changed"], rows, fractions=(0.4, 0.28, 0.32))


def _prepared(on: date | None) -> list[tuple[str, str]]:
    return [("Prepared", format_date(on))] if on else []


def _sectors(by_sector: tuple[tuple[str, int], ...]) -> Flowable:
    total = sum(n for _s, n in by_sector)
    rows = [[sector, str(n), f"{round(100 * n / total)}%" if total else "—"] for sector, n in by_sector]
    rows.append(["Everyone", str(total), ""])
    return data_table(["Sector", "People", "Share"], rows, fractions=(0.5, 0.25, 0.25))


def session_note_story(c: SessionNoteContent) -> list[Flowable]:
    when = format_date(c.held_on) + (f", {format_time(c.starts_at)}" if c.starts_at else "")
    story: list[Flowable] = [*letterhead_block(c.letterhead), heading(SESSION_NOTE, level=0)]
    story.append(
        key_value_table(
            [("Community of practice", f"{c.practice} ({c.reference})"), ("Season", c.theme),
             ("Chair or facilitator", c.chair), ("Date", when), ("Where", c.venue), ("Online or in person", c.mode),
             ("Refreshments", c.refreshments), *_prepared(c.prepared_on)],
            label_fraction=0.32,
        )
    )  # fmt: skip
    story += [heading("Presentations"), _presentations(c.presentations)]
    story.append(heading("Who took part"))
    if c.participants:
        rows = [[p.organisation or "People with lived experience", p.sector, str(p.people)] for p in c.participants]
        story.append(data_table(["Organisation", "Sector", "People"], rows, fractions=(0.55, 0.3, 0.15)))
        story += [heading("By sector", level=2), _sectors(c.by_sector)]
    else:
        story.append(para("Not recorded."))
    story.append(heading("Discussion"))
    story.extend(paragraphs(c.discussion) or [para("No notes of the discussion.")])
    story += [heading("Barriers and system blockages"), _barriers(c.barriers)]
    return story


def season_summary_story(c: SeasonSummaryContent) -> list[Flowable]:
    dates = format_date(c.starts_on) + (f" to {format_date(c.ends_on)}" if c.ends_on else " (running)")
    story: list[Flowable] = [*letterhead_block(c.letterhead), heading(SEASON_SUMMARY, level=0)]
    story.append(
        key_value_table(
            [("Community of practice", f"{c.practice} ({c.reference})"), ("Theme", c.theme),
             ("Chair or facilitator", c.chair), ("Season", dates),
             ("Sessions", str(len(c.sessions))), ("Organisations taking part", str(c.organisations)),
             *_prepared(c.prepared_on)],
            label_fraction=0.32,
        )
    )  # fmt: skip
    story.append(heading("Sessions"))
    if c.sessions:
        rows = [[format_short_date(s.held_on), s.mode, str(s.presentations), str(s.people)] for s in c.sessions]
        story.append(data_table(["Date", "Online or in person", "Presentations", "People"], rows))
    else:
        story.append(para("No sessions held yet."))
    story += [heading("Attendance by sector", level=2), _sectors(c.by_sector)]
    story += [heading("Presentations"), _presentations(c.presentations, dated=True)]
    story += [heading("Barriers, system blockages and what changed"), _barriers(c.barriers)]
    changed = sum(1 for b in c.barriers if b.changed_on is not None)
    if c.barriers:
        story.append(
            para(f"{changed} of {len(c.barriers)} barriers raised have led to a change in the system.", "small")
        )
    story.append(heading("Outcomes"))
    story.extend(paragraphs(c.outcomes) or [para("Not recorded yet.")])
    return story
