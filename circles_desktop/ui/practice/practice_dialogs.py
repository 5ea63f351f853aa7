"""The small forms of a community of practice, each a dialog whose Save is one write through the services
(messages beside their fields): the community of practice itself, a season, a session, a presentation, a
barrier, someone asking to join the mailing list, and their removal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QWidget

from circles_desktop.models.kinds.practice import SessionMode
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import WriteDialog, dated
from circles_desktop.ui.common.forms import RecordForm, combo
from circles_desktop.ui.learning.learning_fields import DateTimeField, PersonChooser, line, text_box

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Work = Callable[[dict[str, Any]], Callable[["Session"], Any]]


def practice_dialog(state: AppState, parent: QWidget | None, circle_id: int | None = None, values=None) -> WriteDialog:
    from circles_desktop.services.practice import practice

    form = RecordForm("A community of practice")
    form.add_field(
        "title", "&Name", line("practice.title", "Name", "e.g. Severnside Community of Practice"), required=True
    )
    form.add_field("coordinator_id", "&Coordinator", PersonChooser(state, "practice.coordinator"))
    form.add_field("started_on", "&Started on", dated("practice.started_on"), required=True)
    form.add_field("purpose", "What it is &for", text_box("practice.purpose", 60))
    form.add_field("notes", "No&tes", text_box("practice.notes", 40))
    if values is not None:
        form.load(dict(vars(values)))

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = practice.PracticeForm(
            v["title"] or "", v["coordinator_id"], v["started_on"], v["purpose"] or "", v["notes"] or ""
        )
        if circle_id is None:
            return lambda s: practice.create_practice(s, f).id
        return lambda s: practice.update_practice(s, circle_id, f).id

    return WriteDialog(state, "Community of practice", form, work, parent, "practice_dialog")


def season_dialog(state: AppState, circle_id: int, season_id: int | None, parent: QWidget | None, values=None):
    from circles_desktop.services.practice import seasons

    form = RecordForm("A season of monthly sessions")
    form.add_field("theme", "&Theme", line("season.theme", "Theme", "e.g. Prison Release, Engagement"), required=True)
    form.add_field("chair_id", "&Chair or facilitator", PersonChooser(state, "season.chair"))
    form.add_field("starts_on", "&Starts on", dated("season.starts_on"), required=True)
    form.add_field("ends_on", "&Ends on", dated("season.ends_on", optional=True))
    form.add_field("outcomes", "&Outcomes", text_box("season.outcomes", 60, "What the season changed"))
    if values is not None:
        form.load(dict(vars(values)))

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = seasons.SeasonForm(v["theme"] or "", v["chair_id"], v["starts_on"], v["ends_on"], v["outcomes"] or "")
        if season_id is None:
            return lambda s: seasons.add_season(s, circle_id, f).id
        return lambda s: seasons.update_season(s, season_id, f).id

    return WriteDialog(state, "Season", form, work, parent, "season_dialog")


def session_dialog(
    state: AppState,
    circle_id: int,
    meeting_id: int | None,
    season_words: dict[int, str],
    parent: QWidget | None,
    values=None,
) -> WriteDialog:
    from circles_desktop.services.practice import seasons

    form = RecordForm("A session")
    season = combo(season_words)
    season.setObjectName("session.season")
    form.add_field("season_id", "&Season", season, required=True)
    when = DateTimeField("session.when")
    when.day.setAccessibleName("Date of the session")
    form.add_field("starts_at", "&Date and time", when, required=True)
    mode = combo({m.value: m.label for m in SessionMode})
    mode.setObjectName("session.mode")
    form.add_field("mode", "&Online or in person", mode)
    form.add_field("venue", "&Where", line("session.venue", "Where", "The room, or the online platform"))
    refresh = line("session.refreshments", "Refreshments", "e.g. Refreshments and a working lunch")
    form.add_field("refreshments", "&Refreshments", refresh)
    form.add_field("discussion", "Di&scussion", text_box("session.discussion", 90, "Notes of the discussion"))
    if values is not None:
        form.load(dict(vars(values)))
    else:
        season.setCurrentIndex(season.count() - 1)  # the latest season

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = seasons.SessionForm(
            v["season_id"],
            v["starts_at"],
            None,
            v["venue"] or "",
            v["mode"],
            v["refreshments"] or "",
            v["discussion"] or "",
        )
        if meeting_id is None:
            return lambda s: seasons.add_session(s, circle_id, f).id
        return lambda s: seasons.update_session(s, meeting_id, f).id

    return WriteDialog(state, "Session", form, work, parent, "practice_session_dialog")


def presentation_dialog(
    state: AppState, meeting_id: int, presentation_id: int | None, parent: QWidget | None, values=None
) -> WriteDialog:
    from circles_desktop.services.practice import session_parts

    form = RecordForm("A presentation")
    form.add_field("title", "&Title", line("presentation.title", "Title"), required=True)
    form.add_field("presenter_id", "&Presenter", PersonChooser(state, "presentation.presenter"))
    lived = QCheckBox("A &lived-experience presentation")
    lived.setObjectName("presentation.lived_experience")
    form.add_field("lived_experience", "Lived experience", lived)
    named = QCheckBox("The presenter is &named (untick to keep them anonymous)")
    named.setObjectName("presentation.named")
    form.add_field("named", "Named", named)
    form.add_field("consent_on", "Presenter's &consent given on", dated("presentation.consent_on", optional=True))
    form.add_field("consent_note", "How consent was &given", line("presentation.consent_note", "How consent was given"))
    form.load(dict(vars(values)) if values is not None else {"named": True})

    def follow(on: bool) -> None:
        for key in ("named", "consent_on", "consent_note"):
            form.field(key).setEnabled(on)

    lived.toggled.connect(follow)
    follow(lived.isChecked())

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        lived_on = bool(v["lived_experience"])
        f = session_parts.PresentationForm(
            v["title"] or "",
            v["presenter_id"],
            lived_on,
            bool(v["named"]) if lived_on else True,
            v["consent_on"] if lived_on else None,
            (v["consent_note"] or "") if lived_on else "",
        )
        if presentation_id is None:
            return lambda s: session_parts.add_presentation(s, meeting_id, f).id
        return lambda s: session_parts.update_presentation(s, presentation_id, f).id

    return WriteDialog(state, "Presentation", form, work, parent, "presentation_dialog")


def barrier_dialog(
    state: AppState,
    circle_id: int,
    barrier_id: int | None,
    session_words: dict[int, str],
    parent: QWidget | None,
    values=None,
) -> WriteDialog:
    from circles_desktop.services.practice import barriers

    form = RecordForm("A barrier or system blockage")
    found = combo(session_words)
    found.setObjectName("barrier.meeting")
    form.add_field("meeting_id", "&Found at the session on", found, required=True)
    form.add_field("description", "The &barrier", text_box("barrier.description", 60), required=True)
    form.add_field(
        "raised_with", "&Raised with", line("barrier.raised_with", "Raised with", "A board, an organisation, a manager")
    )
    form.add_field("raised_on", "Raised &on", dated("barrier.raised_on", optional=True))
    form.add_field("what_changed", "What &changed", text_box("barrier.what_changed", 60))
    form.add_field("changed_on", "Changed o&n", dated("barrier.changed_on", optional=True))
    if values is not None:
        form.load(dict(vars(values)))
    else:
        found.setCurrentIndex(found.count() - 1)

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = barriers.BarrierForm(
            v["meeting_id"],
            v["description"] or "",
            v["raised_with"] or "",
            v["raised_on"],
            v["what_changed"] or "",
            v["changed_on"],
        )
        if barrier_id is None:
            return lambda s: barriers.add_barrier(s, circle_id, f).id
        return lambda s: barriers.update_barrier(s, barrier_id, f).id

    return WriteDialog(state, "Barrier", form, work, parent, "barrier_dialog")


def entry_dialog(state: AppState, circle_id: int, parent: QWidget | None) -> WriteDialog:
    from circles_desktop.services.practice import mailing_list

    form = RecordForm("Someone asked to be added to the mailing list")
    person = PersonChooser(state, "entry.person")
    form.add_field("person_id", "&Person", person, required=True)
    form.add_field(
        "email", "&Email to send to", line("entry.email", "Email to send to", "name@example.org"), required=True
    )
    form.add_field("asked_on", "&Asked on", dated("entry.asked_on"), required=True)
    agreed = QCheckBox("They &agreed to be sent the community of practice's emails")
    agreed.setObjectName("entry.consented")
    form.add_field("consented", "Consent", agreed, required=True)
    form.add_field(
        "consent_note",
        "&How they agreed",
        line("entry.consent_note", "How they agreed", "By email, on the sign-in sheet…"),
    )

    def fill_email() -> None:
        from circles_desktop.services.people import people
        from circles_desktop.ui.common.operations import read

        pid = person.value()
        if pid is not None and not form.field("email").text().strip():
            email = read(state, lambda s: people.get_person(s, pid).email, "")
            form.field("email").setText(email or "")

    person.changed.connect(fill_email)

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = mailing_list.EntryForm(
            v["person_id"], v["email"] or "", v["asked_on"], bool(v["consented"]), v["consent_note"] or ""
        )
        return lambda s: mailing_list.add_entry(s, circle_id, f).id

    return WriteDialog(state, "Add to the mailing list", form, work, parent, "entry_dialog")


def removal_dialog(state: AppState, entry: Any, parent: QWidget | None) -> WriteDialog:
    from circles_desktop.services.practice import mailing_list

    form = RecordForm(f"Remove {entry.name} from the mailing list")
    form.add_field("removed_on", "They &asked on", dated("removal.on", value=date.today()), required=True)
    form.add_field("note", "&Note", line("removal.note", "Note", "e.g. Asked by email on " + uk_date(date.today())))

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        return lambda s: mailing_list.remove_entry(s, entry.id, v["removed_on"], v["note"] or "").id

    return WriteDialog(state, "Remove from the mailing list", form, work, parent, "removal_dialog")
