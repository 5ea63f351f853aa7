"""operations.write / load / read(show=) / in_store: one unit of work, failures shown in a coordinator's
words beside the fields they name, the one locked message."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from circles_desktop.services.common.validation import NotFound, ValidationError
from circles_desktop.services.people import people
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.common.messages import LOCKED_MESSAGE, Locked
from circles_desktop.ui.common.operations import in_store, load, read, write
from circles_desktop.ui.common.widgets import FieldMessage
from support.records import person


@pytest.fixture
def form(qtbot):
    form = RecordForm()
    form.add_field("name", "Name", QLineEdit())
    qtbot.addWidget(form)
    return form


def test_write_commits_and_marks_the_form_saved(state, form):
    form.field("name", QLineEdit).setText("x")
    form._mark_dirty()
    outcome = write(state, lambda s: person(s, "Ada", "Lovelace"), show=form)
    assert outcome.ok and not form.is_dirty
    assert read(state, lambda s: people.count_people(s, "Lovelace"), 0) == 1


def test_a_failed_write_rolls_back_and_shows_each_message_beside_its_field(state, form):
    def work(s):
        person(s, "Ada", "Lovelace")
        raise ValidationError({"name": "Enter a name.", "": "Not saved."})

    form._mark_dirty()
    assert not write(state, work, show=form).ok
    assert form.error_text("name") == "Enter a name." and form.general_error.text() == "Not saved."
    assert form.is_dirty  # nothing saved, nothing lost
    assert read(state, lambda s: people.count_people(s, "Lovelace"), 0) == 0


def test_a_write_that_is_not_the_forms_own_save_leaves_it_unsaved(state, form):
    form._mark_dirty()
    assert write(state, lambda s: None, show=form, saved=False).ok
    assert form.is_dirty


def test_handlers_answer_the_exceptions_they_name(state, form):
    answered = []
    outcome = write(state, _raise(NotFound("gone")), show=form, handlers={NotFound: answered.append})
    assert not outcome.ok and [str(e) for e in answered] == ["gone"] and form.general_error.isHidden()


def test_load_with_what_says_what_failed_then_why(state, qtbot):
    line = FieldMessage("error")
    qtbot.addWidget(line)
    assert not load(state, _raise(NotFound("That report is no longer recorded.")), show=line, what="Not opened").ok
    assert line.text() == "Not opened: That report is no longer recorded."


def test_read_with_show_gives_the_default_and_shows_the_failure(state, qtbot):
    line = FieldMessage("error")
    qtbot.addWidget(line)
    assert read(state, _raise(NotFound("Gone.")), [], show=line) == []
    assert line.text() == "Gone."


def test_locked_reads_give_the_default_and_writes_the_one_locked_message(state, form):
    state.lock("test")
    assert read(state, lambda s: 1, None) is None
    assert not write(state, lambda s: None, show=form).ok
    assert form.general_error.text() == LOCKED_MESSAGE
    with pytest.raises(Locked):
        in_store(state, lambda db: db.database_id)


def test_in_store_hands_over_the_open_database(state):
    assert in_store(state, lambda db: db.database_id) == state.database.database_id


def _raise(exc):
    def work(_session):
        raise exc

    return work
