"""The community of practice screen's tabs: its seasons, its sessions (with the chosen session's
presentations and who took part, by organisation and sector), the barriers found, and the mailing list
with its exports. Each reads in its own short session on reload(), forgets on forget() (lock), and asks
the screen to read everything again after a write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from circles_desktop.models.kinds.practice import Sector, SessionMode
from circles_desktop.services.common.words import plural, uk_date, uk_date_time
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.forms import combo
from circles_desktop.ui.common.lists.tables import fill_table, make_table, selected_id
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, in_session, read
from circles_desktop.ui.common.record_tab import RecordTab
from circles_desktop.ui.common.widgets import Note, StatusNote
from circles_desktop.ui.practice import practice_dialogs as dialogs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.practice.practice_screen import PracticeScreen


class PracticeTab(RecordTab):
    """A tab of the community of practice screen."""


def buttons_row(*buttons: Any, right: tuple[Any, ...] = ()) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    for b in right:
        row.addWidget(b)
    return row


class SeasonsTab(PracticeTab):
    def __init__(self, screen: PracticeScreen) -> None:
        super().__init__(screen, "practice.seasons")
        self.rows: list[Any] = []
        self.table = make_table(
            ("Theme", "Chair or facilitator", "Dates", "Sessions", "Outcomes"), "Seasons", stretch=4
        )
        self.table.setObjectName("seasons.table")
        self.add_button = button("&Add a season…", "seasons.add")
        self.edit_button = button("&Change…", "seasons.edit")
        self.summary_button = button("Season summar&y…", "seasons.summary", "Save or print the chosen season's summary")
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note("Each season has a theme and monthly sessions; the next falls due a month after the last.")
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(self.add_button, self.edit_button, right=(self.summary_button,)))
        layout.addWidget(self.error)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.table.itemActivated.connect(lambda _i: self.edit_selected())
        self.summary_button.clicked.connect(lambda: self.save_summary())

    def reload(self) -> None:
        from circles_desktop.services.practice import seasons

        self.rows = read(self.state, lambda s: seasons.seasons(s, self.circle_id), [])
        fill_table(
            self.table,
            [(r.theme, r.chair, r.dates, r.sessions, r.outcomes) for r in self.rows],
            [r.id for r in self.rows],
            empty="No seasons yet: add the first one.",
        )
        if selected_id(self.table) is None and self.rows:
            self.table.selectRow(len(self.rows) - 1)

    def forget(self) -> None:
        super().forget()
        self.rows = []
        fill_table(self.table, [], [])

    def add(self, show: bool = True) -> Any:
        return self.open_dialog(dialogs.season_dialog(self.state, self.circle_id, None, self), show)

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.practice import seasons

        season_id = self.chosen(self.table, "a season")
        if season_id is None:
            return None
        values = read(self.state, lambda s: seasons.season_form(s, season_id), None)
        return self.open_dialog(dialogs.season_dialog(self.state, self.circle_id, season_id, self, values), show)

    def save_summary(self) -> Any:
        """The season summary's save-or-print dialog, for the chosen season."""
        from circles_desktop.ui.practice.practice_pdfs import season_summary

        season_id = self.chosen(self.table, "a season")
        return None if season_id is None else self.open_document(season_summary(self.circle_id, season_id))


class SessionsTab(PracticeTab):
    """The sessions, and for the chosen one its presentations and who took part."""

    def __init__(self, screen: PracticeScreen) -> None:
        super().__init__(screen, "practice.sessions")
        self.sessions: list[Any] = []
        self.season_words: dict[int, str] = {}
        self.presentations: list[Any] = []
        self.table = make_table(
            ("Date", "Season", "Online or in person", "Where", "Talks", "People"), "Sessions", stretch=3
        )
        self.table.setObjectName("sessions.table")
        self.table.setMaximumHeight(170)
        self.add_button = button("&Add a session…", "sessions.add")
        self.edit_button = button("&Change…", "sessions.edit")
        self.note_button = button("Session &note…", "sessions.note", "Save or print the chosen session's note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons_row(self.add_button, self.edit_button, right=(self.note_button,)))
        layout.addWidget(self.error)
        parts = QHBoxLayout()
        parts.addWidget(self._talks_box(), 3)
        parts.addWidget(self._people_box(), 2)
        layout.addLayout(parts, 1)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.note_button.clicked.connect(lambda: self.save_note())
        self.table.itemSelectionChanged.connect(self._show_parts)

    def _talks_box(self) -> QGroupBox:
        box = QGroupBox("Presentations")
        self.talks = make_table(("Title", "Presenter", "Kind", "Consent"), "Presentations", stretch=0)
        self.talks.setObjectName("talks.table")
        self.add_talk = button("Add a &presentation…", "talks.add")
        self.edit_talk = button("C&hange…", "talks.edit")
        vbox = QVBoxLayout(box)
        vbox.addWidget(self.talks, 1)
        vbox.addLayout(buttons_row(self.add_talk, self.edit_talk))
        self.add_talk.clicked.connect(lambda: self.add_presentation())
        self.edit_talk.clicked.connect(lambda: self.edit_presentation())
        return box

    def _people_box(self) -> QGroupBox:
        box = QGroupBox("Who took part (counted, not named)")
        self.people = make_table(("Organisation", "Sector", "People"), "Who took part", stretch=0)
        self.people.setObjectName("people.table")
        self.organisation = QComboBox()
        self.organisation.setObjectName("people.organisation")
        self.organisation.setAccessibleName("Organisation")
        self.sector = combo({s.value: s.label for s in Sector})
        self.sector.setObjectName("people.sector")
        self.sector.setAccessibleName("Sector")
        self.how_many = QSpinBox()
        self.how_many.setRange(1, 1000)
        self.how_many.setObjectName("people.how_many")
        self.how_many.setAccessibleName("How many came")
        self.add_people = button("A&dd", "people.add", "Count them at this session")
        self.remove_people = button("&Remove", "people.remove")
        self.by_sector = QLabel()
        self.by_sector.setObjectName("people.by_sector")
        self.by_sector.setWordWrap(True)
        row = QHBoxLayout()
        for w in (self.organisation, self.sector, self.how_many, self.add_people):
            row.addWidget(w)
        vbox = QVBoxLayout(box)
        vbox.addWidget(self.people, 1)
        vbox.addWidget(self.by_sector)
        vbox.addLayout(row)
        vbox.addLayout(buttons_row(right=(self.remove_people,)))
        self.organisation.currentIndexChanged.connect(self._usual_sector)
        self.add_people.clicked.connect(self.count_people)
        self.remove_people.clicked.connect(self.uncount_people)
        return box

    def reload(self) -> None:
        from circles_desktop.services.practice import seasons
        from circles_desktop.ui.common.pickers.record_search import organisation_options

        def work(s: Session) -> tuple[list[Any], list[Any], list[Any]]:
            return seasons.sessions(s, self.circle_id), seasons.seasons(s, self.circle_id), organisation_options(s)

        nothing: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        self.sessions, season_rows, orgs = read(self.state, work, nothing)
        self.season_words = {r.id: f"{r.theme} ({r.dates})" for r in season_rows}
        themes = {r.id: r.theme for r in season_rows}
        fill_table(
            self.table,
            [
                (
                    uk_date_time(r.starts_at),
                    themes.get(r.season_id, ""),
                    SessionMode(r.mode).label,
                    r.venue,
                    r.presentations,
                    r.participants,
                )
                for r in self.sessions
            ],  # fmt: skip
            [r.meeting_id for r in self.sessions],
            empty="No sessions yet.",
        )
        keep = self.organisation.currentData()
        self.organisation.clear()
        self.organisation.addItem("People with lived experience (no organisation)", None)
        for ident, text in orgs:
            self.organisation.addItem(text, ident)
        self.organisation.setCurrentIndex(max(self.organisation.findData(keep), 0))
        if selected_id(self.table) is None and self.sessions:
            self.table.selectRow(len(self.sessions) - 1)
        self._show_parts()

    def forget(self) -> None:
        super().forget()
        self.sessions, self.presentations = [], []
        for table in (self.table, self.talks, self.people):
            fill_table(table, [], [])
        self.organisation.clear()
        self.by_sector.clear()

    def _usual_sector(self) -> None:
        from circles_desktop.services.organisations import organisations
        from circles_desktop.services.practice import session_parts

        org_id = self.organisation.currentData()
        if org_id is None:
            self.sector.setCurrentIndex(self.sector.findData(Sector.LIVED_EXPERIENCE.value))
            return
        kind = read(self.state, lambda s: organisations.get_organisation(s, org_id).kind, None)
        self.sector.setCurrentIndex(self.sector.findData(session_parts.usual_sector(kind)))

    def _show_parts(self) -> None:
        from circles_desktop.services.practice import session_parts

        meeting_id = selected_id(self.table)
        for w in (self.add_talk, self.edit_talk, self.add_people, self.remove_people, self.note_button):
            w.setEnabled(meeting_id is not None)
        if meeting_id is None:
            fill_table(self.talks, [], [])
            fill_table(self.people, [], [])
            self.by_sector.clear()
            return

        def work(s: Session) -> tuple[list[Any], list[Any], dict[str, int]]:
            return (
                session_parts.presentations(s, meeting_id),
                session_parts.participants(s, meeting_id),
                session_parts.by_sector(s, [meeting_id]),
            )

        nothing: tuple[list[Any], list[Any], dict[str, int]] = ([], [], {})
        self.presentations, came, sectors = read(self.state, work, nothing)
        fill_table(
            self.talks,
            [(t.title, t.presenter or "—", t.kind_words, uk_date(t.consent_on)) for t in self.presentations],
            [t.id for t in self.presentations],
            empty="No presentations recorded.",
        )
        fill_table(
            self.people,
            [(p.organisation or "People with lived experience", p.sector_label, p.people) for p in came],
            [p.id for p in came],
        )
        self.by_sector.setText(" · ".join(f"{Sector(s).label}: {n}" for s, n in sectors.items()))

    def add(self, show: bool = True) -> Any:
        if not self.season_words:
            self.error.show_message("A session belongs to a season: add the season first.")
            return None
        return self.open_dialog(dialogs.session_dialog(self.state, self.circle_id, None, self.season_words, self), show)

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.practice import seasons

        meeting_id = self.chosen(self.table, "a session")
        if meeting_id is None:
            return None
        values = read(self.state, lambda s: seasons.session_form(s, meeting_id), None)
        dialog = dialogs.session_dialog(self.state, self.circle_id, meeting_id, self.season_words, self, values)
        return self.open_dialog(dialog, show)

    def add_presentation(self, show: bool = True) -> Any:
        meeting_id = self.chosen(self.table, "a session")
        if meeting_id is None:
            return None
        return self.open_dialog(dialogs.presentation_dialog(self.state, meeting_id, None, self), show)

    def edit_presentation(self, show: bool = True) -> Any:
        from circles_desktop.services.practice import session_parts

        meeting_id, talk_id = selected_id(self.table), self.chosen(self.talks, "a presentation")
        if meeting_id is None or talk_id is None:
            return None
        values = read(self.state, lambda s: session_parts.presentation_form(s, talk_id), None)
        return self.open_dialog(dialogs.presentation_dialog(self.state, meeting_id, talk_id, self, values), show)

    def count_people(self) -> bool:
        from circles_desktop.services.practice import session_parts

        meeting_id = self.chosen(self.table, "a session")
        if meeting_id is None:
            return False
        org_id, sector, n = self.organisation.currentData(), self.sector.currentData(), self.how_many.value()
        return self.changed(lambda s: session_parts.add_participants(s, meeting_id, org_id, sector, n))

    def uncount_people(self) -> bool:
        from circles_desktop.services.practice import session_parts

        row_id = self.chosen(self.people, "a row of who took part")
        return row_id is not None and self.changed(lambda s: session_parts.delete_participants(s, row_id))

    def save_note(self) -> Any:
        """The session note's save-or-print dialog, for the chosen session."""
        from circles_desktop.ui.practice.practice_pdfs import session_note

        meeting_id = self.chosen(self.table, "a session")
        return None if meeting_id is None else self.open_document(session_note(self.circle_id, meeting_id))


class BarriersTab(PracticeTab):
    def __init__(self, screen: PracticeScreen) -> None:
        super().__init__(screen, "practice.barriers")
        self.rows: list[Any] = []
        self.impact = QLabel()
        self.impact.setObjectName("barriers.impact")
        headers = ("Found", "Barrier or blockage", "Raised with", "Raised", "What changed", "Changed")
        self.table = make_table(headers, "Barriers and system blockages", stretch=1)
        self.table.setObjectName("barriers.table")
        self.table.setWordWrap(True)
        self.add_button = button("&Add a barrier…", "barriers.add")
        self.edit_button = button("&Change…", "barriers.edit", "Record whom it was raised with and what changed")
        layout = QVBoxLayout(self)
        layout.addWidget(self.impact)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(self.add_button, self.edit_button))
        layout.addWidget(self.error)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.table.itemActivated.connect(lambda _i: self.edit_selected())

    def session_words(self) -> dict[int, str]:
        return {s.meeting_id: uk_date(s.starts_at.date()) for s in self.owner.sessions_tab.sessions}

    def reload(self) -> None:
        from circles_desktop.services.practice import barriers

        self.rows = read(self.state, lambda s: barriers.barriers(s, self.circle_id), [])
        fill_table(
            self.table,
            [
                (
                    uk_date(r.found_on),
                    r.description,
                    r.raised_with,
                    uk_date(r.raised_on),
                    r.what_changed,
                    uk_date(r.changed_on),
                )
                for r in self.rows
            ],  # fmt: skip
            [r.id for r in self.rows],
            empty="No barriers or system blockages recorded.",
        )
        changed = sum(1 for r in self.rows if r.changed_on is not None)
        self.impact.setText(
            f"<b>{changed} of {plural(len(self.rows), 'barrier')}</b> have led to a change in the system."
        )

    def forget(self) -> None:
        super().forget()
        self.rows = []
        fill_table(self.table, [], [])
        self.impact.clear()

    def add(self, show: bool = True) -> Any:
        words = self.session_words()
        if not words:
            self.error.show_message("Barriers are found in sessions: add the session first.")
            return None
        return self.open_dialog(dialogs.barrier_dialog(self.state, self.circle_id, None, words, self), show)

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.practice import barriers

        barrier_id = self.chosen(self.table, "a barrier")
        if barrier_id is None:
            return None
        values = read(self.state, lambda s: barriers.barrier_form(s, barrier_id), None)
        dialog = dialogs.barrier_dialog(self.state, self.circle_id, barrier_id, self.session_words(), self, values)
        return self.open_dialog(dialog, show)


class MailingListTab(PracticeTab):
    """People who asked to be added, removal on request, and the list for the coordinator's mail program."""

    def __init__(self, screen: PracticeScreen) -> None:
        super().__init__(screen, "practice.mailing")
        self.rows: list[Any] = []
        self.exported: Path | None = None
        headers = ("Name", "Email", "Organisation", "Asked", "Consent", "Removed")
        self.table = make_table(headers, "Mailing list", stretch=1)
        self.table.setObjectName("mailing.table")
        self.show_removed = QCheckBox("Show people &removed at their request")
        self.show_removed.setObjectName("mailing.show_removed")
        self.add_button = button("&Add someone who asked…", "mailing.add")
        self.remove_button = button("Re&move at their request…", "mailing.remove")
        self.csv_button = button("Export &CSV…", "mailing.csv", "For a spreadsheet or a mail program")
        self.vcard_button = button("Export &vCard…", "mailing.vcard", "Contacts for a mail program")
        self.status = StatusNote("Mailing list export", hide_when_empty=True)
        self.status.setObjectName("mailing.status")
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "The app never sends anything: export the list for your own mail program. Everyone removed at "
                "their request is left out of every export."
            )
        )
        layout.addWidget(self.show_removed)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(self.add_button, self.remove_button, right=(self.csv_button, self.vcard_button)))
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.show_removed.toggled.connect(lambda _on: self.reload())
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.vcard_button.clicked.connect(lambda: self.export("vcard"))

    def reload(self) -> None:
        from circles_desktop.services.practice import mailing_list

        removed = self.show_removed.isChecked()
        self.rows = read(self.state, lambda s: mailing_list.entries(s, self.circle_id, removed), [])
        fill_table(
            self.table,
            [
                (
                    r.name,
                    r.email,
                    r.organisation,
                    uk_date(r.asked_on),
                    r.consent_note or "Agreed",
                    f"{uk_date(r.removed_on)} {r.removal_note}".strip() if r.removed_on else "",
                )
                for r in self.rows
            ],  # fmt: skip
            [r.id for r in self.rows],
            empty="No one on the mailing list yet.",
        )

    def forget(self) -> None:
        super().forget()
        self.rows = []
        fill_table(self.table, [], [])

    def add(self, show: bool = True) -> Any:
        return self.open_dialog(dialogs.entry_dialog(self.state, self.circle_id, self), show)

    def remove_selected(self, show: bool = True) -> Any:
        entry_id = self.chosen(self.table, "a person")
        entry = next((r for r in self.rows if r.id == entry_id), None)
        if entry is None:
            return None
        if not entry.on_list:
            self.error.show_message(f"{entry.name} was already removed on {uk_date(entry.removed_on)}.")
            return None
        return self.open_dialog(dialogs.removal_dialog(self.state, entry, self), show)

    def export(self, fmt: str) -> bool:
        """Choose where, then write the list (never anyone removed) in the background, audited."""
        from circles_desktop.services.practice import mailing_list

        self.error.clear_message()
        try:
            name = in_session(self.state, lambda s: mailing_list.export_file_name(s, self.circle_id, fmt))
        except Exception as exc:
            self.status.fail(f"Nothing was exported: {describe(exc)}")
            return False
        kind = "CSV files (*.csv)" if fmt == "csv" else "vCard files (*.vcf)"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the mailing list", str(Path.home() / name), kind)
        if not chosen:
            return False
        suffix = mailing_list.FORMATS[fmt]
        path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
        self.status.say("Exporting…")

        def work() -> int:
            return in_session(self.state, lambda s: mailing_list.export_mailing_list(s, self.circle_id, fmt, path))

        def done(n: int) -> None:
            self.exported = path
            self.status.say(f"{plural(n, 'person', 'people')} exported to {path}.")

        in_background(
            self.state, work, done, on_error=lambda exc: self.status.fail(f"Nothing was exported: {describe(exc)}")
        )
        return True
