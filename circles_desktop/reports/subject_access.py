"""The subject-access document (UK GDPR Art. 15): everything held about one person, laid out for the
coordinator to check before it is released.

Where another person's details stand beside theirs (other attendees, other members, minutes that
mention someone else), the value is marked "other person — consider withholding" in a shaded box,
so nothing of anyone else's goes out without the coordinator deciding it should.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from circles_desktop.reports.kit.document import DocumentInfo, build_pdf
from circles_desktop.reports.kit.flowables import gap, heading, key_value_table, notice, para
from circles_desktop.reports.kit.letterhead import Letterhead, letterhead_block
from circles_desktop.reports.kit.page import PageDecor
from circles_desktop.reports.kit.styles import styles
from circles_desktop.reports.kit.text import format_date, markup

OTHER_PERSON = "other person — consider withholding"


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    # Names of other people this value shows or mentions; any at all marks it for the coordinator.
    other_people: tuple[str, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.other_people)


@dataclass(frozen=True)
class Entry:
    """One record: a circle, a meeting, a consent..."""

    title: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]
    empty: str = "Nothing held."


@dataclass(frozen=True)
class SubjectAccessContent:
    letterhead: Letterhead
    person_reference: str  # the person's id in the records: the running title names no one
    prepared_on: date
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def marked_fields(self) -> int:
        return sum(f.marked for s in self.sections for e in s.entries for f in e.fields)

    def as_json_data(self) -> dict:
        """The same content as plain data for the JSON file, each marked value saying so."""
        data = asdict(self)
        letterhead = data.pop("letterhead")  # the organisation in words; its logo is for the PDF only
        data["organisation"] = {"name": letterhead["name"], "address": letterhead["address"]}
        data["prepared_on"] = self.prepared_on.isoformat()
        for section in data["sections"]:
            for entry in section["entries"]:
                for f in entry["fields"]:
                    f["other_people"] = list(f["other_people"])
                    if f["other_people"]:
                        f["marking"] = OTHER_PERSON
        return {"document": "Subject access (UK GDPR Article 15)", "marking_used": OTHER_PERSON, **data}


def build_subject_access(content: SubjectAccessContent) -> bytes:
    info = DocumentInfo(
        title=f"Subject access record, {format_date(content.prepared_on)}", author=content.letterhead.name
    )
    decor = PageDecor(
        organisation=content.letterhead.name,
        running_title=f"Subject access · {content.person_reference} · {format_date(content.prepared_on)}",
        footer_note="Check every marked item before release",
    )
    return build_pdf(_story(content), info, decor)


def _story(content: SubjectAccessContent) -> list[Flowable]:
    story: list[Flowable] = [
        *letterhead_block(content.letterhead),
        heading("Subject access: the records held", level=0),
        para(f"Prepared on {format_date(content.prepared_on)} for a request under UK GDPR Article 15."),
    ]
    marked = content.marked_fields()
    if marked:
        story.append(
            notice(
                f"{marked} item(s) below show or mention other people and are marked “{OTHER_PERSON}”. "
                "Decide for each whether to withhold or redact it before this record is released."
            )
        )
    for section in content.sections:
        story.append(heading(section.heading, level=1))
        if not section.entries:
            story.append(para(section.empty, "small"))
        for entry in section.entries:
            # Not KeepTogether: a long meeting runs over pages, and re-splitting it costs seconds.
            story += [heading(entry.title, level=3), _fields(entry.fields), gap(2)]
    return story


def _fields(fields: tuple[Field, ...]) -> Flowable:
    return key_value_table([(f.label, _value(f)) for f in fields if f.value.strip()])


def _value(f: Field) -> str | Flowable:
    if not f.marked:
        return f.value
    who = ", ".join(f.other_people)
    return Paragraph(
        f"<b>[{markup(OTHER_PERSON)}: {markup(who)}]</b><br/>{markup(f.value)}",
        styles().note,
    )
