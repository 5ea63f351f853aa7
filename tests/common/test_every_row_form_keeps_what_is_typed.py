"""Nothing typed is ever silently dropped, for the forms whose record shows only as a row: a consent in the
matrix, a progress note under its goal, a referral's step, a learning checklist's line, someone in a
Community Circle, a practice session, the person carrying an action, a risk report.

Each walk fills every field through the widgets (the generic filler of tests/support/form_walk.py), saves
through the real Save button, then builds a new screen from the database and reads what it shows for the
record; what the row does not show is read through the services. Every field typed is compared: `compare`
fails if one was typed and not looked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidget, QWidget

from circles_desktop.services.common.words import uk_date
from support import due, records
from support.form_walk import TODAY, fill, on_screen, save_clicked, snapshot

ROW_WALKS: dict[str, Callable[..., None]] = {}


def row_walk(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(walk: Callable[..., None]) -> Callable[..., None]:
        ROW_WALKS[name] = walk
        return walk

    return register


def typed_in(qtbot, form: QWidget, dates: dict[str, date] | None = None, skip: set[str] = frozenset()) -> dict:
    """Every reachable field filled; what was typed, by field name, the fields left empty aside."""
    fill(qtbot, form, set(skip), dates or {})
    assert not form.entry_problems(), form.entry_problems()
    return {n: v for n, v in snapshot(form, set(skip)) if v not in (None, "", False, [])}


def compare(typed: dict[str, Any], found: dict[str, Any]) -> None:
    """Each field typed, found as typed: a field typed that the walk did not look for fails too."""
    assert set(typed) <= set(found), f"typed, and not looked for once saved: {sorted(set(typed) - set(found))}"
    lost = {n: (typed[n], found[n]) for n in typed if typed[n] != found[n]}
    assert not lost, f"typed, then not there in a new screen (field: typed, found): {lost}"


def row_texts(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def chosen_file(monkeypatch, tmp_path, name: str, content: bytes) -> Any:
    """A real file in tmp_path, chosen the way the dialog asks (its QFileDialog call only is answered)."""
    path = tmp_path / name
    path.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    return path


SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
SMALL_PDF += b"trailer<</Root 1 0 R>>\n%%EOF\n"


# --- a CoSA circle's screen: consent given and withdrawn, a goal's progress note ------------------------
def _circle_tab(qtbot, state, circle_id: int, name: str):
    from circles_desktop.ui.circles.circle_screen import CircleScreen

    screen = on_screen(qtbot, CircleScreen(state, circle_id))
    tab = getattr(screen, name)
    screen.tabs.setCurrentWidget(tab)  # a tab reads when shown, as the coordinator opens it
    return tab


@row_walk("consent given")
def _consent_given(qtbot, state, tmp_path, monkeypatch) -> None:
    from circles_desktop.services.circles import circle_queries

    with state.database.session() as s:
        circle_id = due.active_cosa(s)
        records.outer_member(s, circle_id)
    dialog = _circle_tab(qtbot, state, circle_id, "consent_tab").give()
    given_on = TODAY - timedelta(days=8)
    typed = typed_in(qtbot, dialog.form, {"give.given_on": given_on})
    signed = chosen_file(monkeypatch, tmp_path, "signed consent.pdf", SMALL_PDF)
    dialog.signed_form.choose.click()
    typed |= {"signed_form": str(signed)}
    save_clicked(dialog)

    tab = _circle_tab(qtbot, state, circle_id, "consent_tab")
    history = row_texts(tab.history_table)
    with state.database.session() as s:  # the notes are not a column of the history
        notes = {h.notes for h in circle_queries.consent_history_rows(s, circle_id)}
    ticked = [c for c in typed["CategoryChecks"]] if "CategoryChecks" in typed else None
    found = {
        "give.recipient": _recipient_words(history),
        "give.given_on": {day(row[0]) for row in history},
        "give.given_by": {row[3] for row in history},
        "signed_form": str(signed) if {row[7] for row in history} == {"Yes"} else None,
        "notes": notes.pop() if len(notes) == 1 else notes,
    }
    print(typed, history, ticked, found)
    compare(typed, found)


def _recipient_words(history: list[list[str]]) -> str:
    return history[0][1]


@pytest.mark.parametrize("kind", list(ROW_WALKS))
def test_everything_typed_is_there_in_its_row_in_a_new_screen(qtbot, state, kind, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    ROW_WALKS[kind](qtbot, state, tmp_path, monkeypatch)
