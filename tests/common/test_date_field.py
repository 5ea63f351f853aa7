"""The one date field (and the one time field), driven as a coordinator types: every optional date in
the app (date of birth, DBS date, training, due by, the learning circle's date) is one of these."""

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from circles_desktop.services.common.typed_dates import Unreadable, read_date, read_time
from circles_desktop.ui.common.forms import DateField, RecordForm, TimeField

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("14/03/1975", date(1975, 3, 14)),
        ("14/3/75", date(1975, 3, 14)),
        ("14.03.1975", date(1975, 3, 14)),
        ("14-03-1975", date(1975, 3, 14)),
        ("1975-03-14", date(1975, 3, 14)),
        ("14 Mar 1975", date(1975, 3, 14)),
        ("14 march 1975", date(1975, 3, 14)),
        ("14031975", date(1975, 3, 14)),
        (" 01/02/2000 ", date(2000, 2, 1)),
        ("1/2/30", date(2030, 2, 1)),  # a two-digit year up to twenty years ahead is this century's
        ("29/02/2024", date(2024, 2, 29)),
        ("", None),
    ],
)
def test_typed_dates_are_read_day_first(typed, meant):
    assert read_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2025", "February 2025 has 28 days"),
        ("29/02/2025", "February 2025 has 28 days"),
        ("14/13/2020", "no month 13"),
        ("next tuesday", "is not a date"),
        ("14/03/2", "is not a date"),
        ("14 foo 2020", "“foo” is not a month"),
    ],
)
def test_impossible_or_unreadable_dates_say_why(typed, says):
    with pytest.raises(Unreadable, match=says):
        read_date(typed, TODAY)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("18:30", time(18, 30)), ("18.30", time(18, 30)), ("1830", time(18, 30)), ("6.30pm", time(18, 30))]
    + [("6pm", time(18)), ("930", time(9, 30)), ("12am", time(0)), ("", None)],
)
def test_typed_times_are_read(typed, meant):
    assert read_time(typed) == meant


def test_unreadable_times_say_why():
    with pytest.raises(Unreadable, match="hours run from 0 to 23"):
        read_time("24:00")
    with pytest.raises(Unreadable, match="is not a time"):
        read_time("half six")


# --- the widget ----------------------------------------------------------------------------------
def form_with_dates(qtbot):
    form = RecordForm("Volunteer")
    form.add_field("name", "&Name", QLineEdit(), required=True)
    form.add_field("dbs", "&DBS checked on", DateField(optional=True))
    form.add_field("training", "&Training completed on", DateField(optional=True))
    form.add_field("notes", "N&otes", QLineEdit())
    qtbot.addWidget(form)
    form.resize(700, 400)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()  # leaving a field (focus out) is only told to an active window
    qtbot.waitUntil(form.isActiveWindow, timeout=2000)
    return form


@pytest.mark.parametrize("typed", ["14/03/1975", "14/3/75", "14.03.1975", "1975-03-14"])
def test_typing_into_an_empty_optional_date_keeps_every_key(qtbot, typed):
    form = form_with_dates(qtbot)
    field = form.field("dbs")
    field.setFocus()
    qtbot.keyClicks(field, typed)
    assert field.text() == typed  # nothing swallowed or garbled while typing
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "14/03/1975"  # shown again in the one format once left
    assert form.values()["dbs"] == date(1975, 3, 14)
    assert form.is_dirty


def test_a_day_of_01_does_not_empty_the_field(qtbot):
    form = form_with_dates(qtbot)
    field = form.field("dbs")
    field.setFocus()
    qtbot.keyClicks(field, "01/02/2020")
    field.commit()
    assert field.value() == date(2020, 2, 1)


def test_delete_and_backspace_clear_to_no_date(qtbot):
    form = form_with_dates(qtbot)
    form.load({"dbs": date(2024, 5, 6), "training": date(2024, 7, 8)})
    dbs, training = form.field("dbs"), form.field("training")
    dbs.setFocus()
    qtbot.keyClick(dbs, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dbs, Qt.Key.Key_Delete)
    training.setFocus()
    qtbot.keyClick(training, Qt.Key.Key_End)
    for _ in range(len("08/07/2024")):
        qtbot.keyClick(training, Qt.Key.Key_Backspace)
    assert form.values()["dbs"] is None and form.values()["training"] is None
    assert form.entry_problems() == {}  # an optional date may be empty


def test_each_date_is_one_tab_stop_empty_or_filled(qtbot):
    form = form_with_dates(qtbot)
    name, dbs, training, notes = (form.field(k) for k in ("name", "dbs", "training", "notes"))
    form.load({"training": date(2024, 7, 8)})  # one empty, one filled
    name.setFocus()
    for expected in (dbs, training, notes):
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
        assert form.focusWidget() is expected


def test_an_impossible_date_is_said_beside_the_field_and_nothing_is_saved(qtbot):
    form = form_with_dates(qtbot)
    qtbot.keyClicks(form.field("name"), "Ann")
    dbs = form.field("dbs")
    dbs.setFocus()
    qtbot.keyClicks(dbs, "31/02/2025")
    qtbot.keyClick(dbs, Qt.Key.Key_Tab)
    assert form.error_text("dbs") == "31/02/2025 is not a date: February 2025 has 28 days."
    assert dbs.text() == "31/02/2025"  # kept as typed, to be put right
    with qtbot.assertNotEmitted(form.save_requested):
        qtbot.keyClick(form.field("name"), Qt.Key.Key_Return)
    assert dbs.hasFocus()
    # Put right, the message goes at once and Save goes through.
    qtbot.keyClick(dbs, Qt.Key.Key_Backspace)
    qtbot.keyClick(dbs, Qt.Key.Key_Backspace)
    qtbot.keyClick(dbs, Qt.Key.Key_Backspace)
    qtbot.keyClick(dbs, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dbs, "2024")
    assert form.error_text("dbs") == "31/02/2024 is not a date: February 2024 has 29 days."
    dbs.selectAll()
    qtbot.keyClicks(dbs, "28/02/2024")
    assert form.error_text("dbs") == ""
    with qtbot.waitSignal(form.save_requested, timeout=1000):
        qtbot.keyClick(dbs, Qt.Key.Key_Return)
    assert form.values()["dbs"] == date(2024, 2, 28)


def test_a_date_that_may_not_be_empty_says_so(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    given = form.add_field("given_on", "Given on", DateField(), required=True)
    assert given.value() == date.today()  # it starts at today
    given.clear()
    given.commit()
    assert form.error_text("given_on") == "Give a date: this one cannot be left empty."
    assert form.entry_problems() == {"given_on": "Give a date: this one cannot be left empty."}


def test_the_calendar_opens_at_the_date_in_the_field_or_today(qtbot):
    field = DateField(optional=True)
    qtbot.addWidget(field)
    field.show()
    popup = field.open_calendar()
    today = QDate.currentDate()
    assert popup.calendar.selectedDate() == today
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (today.year(), today.month())
    popup.hide()
    field.set_value(date(1975, 3, 14))
    popup = field.open_calendar()
    assert popup.calendar.selectedDate() == QDate(1975, 3, 14)
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (1975, 3)
    # Choosing a day in it (Enter on the chosen day) fills the field.
    popup.calendar.setSelectedDate(QDate(1975, 3, 20))
    with qtbot.waitSignal(field.changed, timeout=1000):
        qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    assert field.value() == date(1975, 3, 20) and not popup.isVisible()


def test_alt_down_opens_the_calendar(qtbot):
    field = DateField(optional=True)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.popup is not None and field.popup.isVisible()
    field.popup.hide()


def test_date_changed_fires_once_the_date_is_read_not_on_each_key(qtbot):
    field = DateField(optional=True)
    qtbot.addWidget(field)
    field.show()
    seen = []
    field.dateChanged.connect(seen.append)
    field.setFocus()
    qtbot.keyClicks(field, "14/03/1975")
    assert seen == []
    field.commit()
    assert seen == [date(1975, 3, 14)]
    field.set_value(None)
    assert seen == [date(1975, 3, 14), None]


def test_time_field_reads_typed_times_and_says_why_not(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    start = form.add_field("start", "Starts at", TimeField(), required=True)
    end = form.add_field("end", "Ends at", TimeField(optional=True))
    assert start.value() == time(18, 0) and end.value() is None
    start.selectAll()
    qtbot.keyClicks(start, "6.30pm")
    start.commit()
    assert start.text() == "18:30" and form.values()["start"] == time(18, 30)
    qtbot.keyClicks(end, "25:00")
    end.commit()
    assert "hours run from 0 to 23" in form.error_text("end")
