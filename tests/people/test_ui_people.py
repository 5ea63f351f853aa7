"""The People area, driven through its widgets as a coordinator would, on a real encrypted database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from circles_desktop.services.organisations import organisations
from circles_desktop.services.organisations.organisations import OrganisationForm
from circles_desktop.services.people import people, volunteers
from circles_desktop.services.people.people import PersonForm
from circles_desktop.services.security import access
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.access_keys import duplicated
from circles_desktop.ui.people.people_page import PeopleArea, PeopleModel, people_area
from support import PASSPHRASE
from support.ui import click_box

TODAY = date.today()


@pytest.fixture
def state(db, tmp_path):
    state = AppState(str(db.paths.root), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    state.database = db
    return state


@pytest.fixture
def area(qtbot, state) -> PeopleArea:
    widget = people_area(state)
    qtbot.addWidget(widget)
    widget.resize(1166, 740)
    widget.show()
    return widget


def add_person(db, given, family, born=None, reference="", parts=()):
    with db.session() as s:
        return people.create_person(
            s,
            PersonForm(given, family, date_of_birth=born, reference=reference, parts=set(parts)),
            allow_duplicate=True,
        ).id


def add_org(db, name="Avonford Probation Delivery Unit", kind="probation"):
    with db.session() as s:
        return organisations.create_organisation(s, OrganisationForm(name=name, kind=kind)).id


def count(db, text=""):
    with db.session() as s:
        return people.count_people(s, text)


def type_name(qtbot, area, given, family):
    form = area.form
    qtbot.keyClicks(form.field("given_name"), given)
    qtbot.keyClicks(form.field("family_name"), family)


def answer(monkeypatch, button):
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2])
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# --- creating people -------------------------------------------------------------------------------
def test_volunteer_with_dbs_check_and_training(qtbot, area, db):
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    assert area.right.currentWidget() is form and not form.volunteer.isVisible()
    type_name(qtbot, area, "Bethan", "Pritchard")
    click_box(qtbot, form.part_boxes["volunteer"])
    vol = form.volunteer
    assert vol.isVisible()
    qtbot.keyClicks(vol.location, "Avonford")
    click_box(qtbot, vol.availability.boxes[("tue", "evening")])
    click_box(qtbot, vol.availability.boxes[("sat", "morning")])
    qtbot.keyClicks(vol.interests, "walking, art")
    vol.dbs_level.setCurrentIndex(vol.dbs_level.findData("enhanced"))
    vol.dbs_checked_on.set_value(TODAY - timedelta(days=30))
    qtbot.keyClicks(vol.dbs_certificate, "001234567890")
    qtbot.keyClicks(vol.training_course, "CoSA volunteer training")
    vol.training_completed_on.set_value(TODAY - timedelta(days=10))
    assert form.is_dirty

    qtbot.keyClick(form.field("family_name"), Qt.Key.Key_Return)  # Enter saves

    assert form.error_text("given_name") == "" and form.general_error.isHidden()
    pid = area.editor.person_id
    assert pid is not None and not form.is_dirty
    with db.session() as s:
        assert "volunteer" in people.get_person(s, pid).part_names
        profile = volunteers.volunteer_form(s, pid)
        vet = volunteers.vetting(s, pid)
    assert profile.location == "Avonford"
    assert profile.availability == {("tue", "evening"), ("sat", "morning")}
    assert sorted(profile.interests) == ["art", "walking"]
    assert [(c.level, c.certificate_number) for c in vet.checks] == [("enhanced", "001234567890")]
    assert [t.course for t in vet.training] == ["CoSA volunteer training"]
    # The saved entries are listed and the entry lines are empty again.
    assert vol.dbs_table.item(0, 0).text() == "Enhanced"
    assert vol.training_table.item(0, 0).text() == "CoSA volunteer training"
    assert vol.dbs_level.currentData() is None and vol.training_course.text() == ""
    # The volunteer tick now comes from the profile and cannot be unticked here.
    assert form.part_boxes["volunteer"].isChecked() and not form.part_boxes["volunteer"].isEnabled()
    assert area.model.total == 1 and area.count.text() == "1 person"

    # Add another course with its Add button: saved straight away, listed under the first.
    qtbot.keyClicks(vol.training_course, "Safeguarding")
    vol.training_completed_on.set_value(TODAY)
    qtbot.mouseClick(vol.training_add, Qt.MouseButton.LeftButton)
    with db.session() as s:
        assert [t.course for t in volunteers.vetting(s, pid).training] == ["CoSA volunteer training", "Safeguarding"]
    assert vol.training_table.rowCount() == 2


def test_professional_at_an_organisation(qtbot, area, db):
    org = add_org(db)
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    type_name(qtbot, area, "Gareth", "Rees")
    click_box(qtbot, form.part_boxes["professional"])
    prof = form.professional
    assert prof.isVisible()

    # A professional needs an organisation and a job title: the service's messages, beside the fields.
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("professional.organisation") == "Choose the organisation they work for."
    assert form.error_text("professional.job_title") == "Enter their job title."
    assert count(db) == 0  # one unit of work: the person was not saved either

    prof.organisation.setCurrentIndex(prof.organisation.findData(org))
    qtbot.keyClicks(prof.job_title, "Probation officer")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    pid = area.editor.person_id
    assert pid is not None and form.error_text("professional.job_title") == ""
    with db.session() as s:
        roles = organisations.professional_roles(s, pid)
        assert [(r.organisation_id, r.job_title) for r in roles] == [(org, "Probation officer")]
        assert "professional" in people.get_person(s, pid).part_names
    assert prof.roles_table.item(0, 1).text() == "Probation officer"
    assert prof.end_row.isVisibleTo(prof)

    # Ending the job before it started is refused with the service's message.
    with db.session() as s:
        organisations.end_professional_role(s, roles[0].id, TODAY)  # that job ends today
    area.editor.open(pid)
    # A new job with a start date; ending it before that date is refused.
    prof.organisation.setCurrentIndex(prof.organisation.findData(org))
    qtbot.keyClicks(prof.job_title, "Senior probation officer")
    prof.started_on.set_value(TODAY - timedelta(days=5))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert prof.has_current_job
    prof.roles_table.selectRow(1)
    prof.ended_on.set_value(TODAY - timedelta(days=10))
    qtbot.mouseClick(prof.end_button, Qt.MouseButton.LeftButton)
    assert "cannot be before the start date" in form.error_text("professional.ended_on")
    prof.ended_on.set_value(TODAY)
    qtbot.mouseClick(prof.end_button, Qt.MouseButton.LeftButton)
    assert form.error_text("professional.ended_on") == ""
    assert prof.roles_table.item(1, 3).text() == TODAY.strftime("%d/%m/%Y")


def test_end_job_needs_a_date(qtbot, area, db):
    org = add_org(db)
    pid = add_person(db, "Femi", "Osei")
    with db.session() as s:
        organisations.add_professional_role(s, pid, org, "Police offender manager")
    assert area.open_person(pid)
    qtbot.mouseClick(area.form.professional.end_button, Qt.MouseButton.LeftButton)
    assert area.form.error_text("professional.ended_on") == "Enter the date the job ended."


# --- finding people --------------------------------------------------------------------------------
def test_search_by_name_and_date_of_birth_narrows_the_list(qtbot, area, db):
    add_person(db, "Siân", "Jones", date(1980, 2, 29))
    add_person(db, "Sian", "Morgan", date(1975, 6, 1))
    add_person(db, "Zoë", "Jones", date(1990, 1, 1), parts={"parent_carer"})
    add_person(db, "Tomasz", "Nowak", date(1980, 2, 29), reference="Z1234AB")
    area.refresh()
    assert area.model.total == 4 and area.count.text() == "4 people"

    qtbot.keyClicks(area.search, "sian")  # accents folded: finds Siân and Sian
    assert area.model.rowCount() == 2
    assert {area.model.row(r)[PeopleModel.COL_NAME] for r in range(2)} == {"Jones, Siân", "Morgan, Sian"}
    qtbot.keyClicks(area.search, " jo")
    assert area.model.rowCount() == 1 and area.count.text() == "1 person"

    area.search.clear()
    qtbot.keyClicks(area.search, "29/02/1980")
    assert area.model.total == 2
    assert {area.model.row(r)[PeopleModel.COL_BORN] for r in range(2)} == {"29/02/1980"}
    qtbot.keyClicks(area.search, " now")
    assert area.model.total == 1 and area.model.row(0)[PeopleModel.COL_REFERENCE] == "Z1234AB"

    area.search.clear()
    qtbot.keyClicks(area.search, "z1234")  # the reference
    assert area.model.total == 1

    area.search.clear()
    area.part.setCurrentIndex(area.part.findData("parent_carer"))
    assert area.model.total == 1 and area.model.row(0)[PeopleModel.COL_PARTS] == "Parent or carer"
    qtbot.keyClicks(area.search, "nobody")
    assert area.model.total == 0 and area.count.text() == "0 people"


def test_open_with_enter_and_double_click(qtbot, area, db):
    pid = add_person(db, "Rhys", "Bevan")
    other = add_person(db, "Aoife", "Murphy")
    area.refresh()
    area.table.setFocus()
    area.table.selectRow(0)  # Bevan sorts first
    qtbot.keyClick(area.table, Qt.Key.Key_Return)
    assert area.editor.person_id == pid and area.form.field("given_name").text() == "Rhys"
    rect = area.table.visualRect(area.model.index(1, 0))
    qtbot.mouseClick(area.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # Qt 6 needs the press
    qtbot.mouseDClick(area.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.editor.person_id == other and area.form.field("family_name").text() == "Murphy"


# --- failures --------------------------------------------------------------------------------------
def test_required_fields_left_empty(qtbot, area, db):
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    qtbot.keyClicks(form.field("known_as"), "Jo")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("given_name") == "Enter a given name."
    assert form.error_text("family_name") == "Enter a family name."
    assert form.field("given_name").hasFocus()
    assert form.field("known_as").text() == "Jo"  # nothing typed is lost
    assert count(db) == 0
    assert "*" in form._labels["given_name"].text()  # marked required


def test_bad_email_and_future_birth(qtbot, area, db):
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    type_name(qtbot, area, "Kai", "Lewis")
    qtbot.keyClicks(form.field("email"), "kai-at-example")
    form.field("date_of_birth").set_value(TODAY + timedelta(days=1))
    qtbot.keyClick(form.field("email"), Qt.Key.Key_Return)
    assert form.error_text("email") == "Enter an email address like name@example.org."
    assert form.error_text("date_of_birth") == "The date of birth cannot be in the future."
    assert count(db) == 0


def test_dbs_check_dated_after_today_is_refused(qtbot, area, db):
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form, vol = area.form, area.form.volunteer
    type_name(qtbot, area, "Hana", "Kaur")
    click_box(qtbot, form.part_boxes["volunteer"])
    vol.dbs_level.setCurrentIndex(vol.dbs_level.findData("enhanced"))
    vol.dbs_checked_on.set_value(TODAY + timedelta(days=3))
    qtbot.mouseClick(vol.dbs_add, Qt.MouseButton.LeftButton)
    assert form.error_text("dbs.checked_on") == "The date of the check cannot be in the future."
    assert count(db) == 0  # the person, profile and check go in together or not at all
    assert form.field("given_name").text() == "Hana" and form.is_dirty

    # A check with no level chosen, and training dated in the future.
    vol.dbs_level.setCurrentIndex(0)
    vol.dbs_checked_on.set_value(TODAY)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("dbs.level") == "Choose DBS check level."
    vol.dbs_checked_on.set_value(None)
    qtbot.keyClicks(vol.training_course, "Induction")
    vol.training_completed_on.set_value(TODAY + timedelta(days=1))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("dbs.level") == ""
    assert form.error_text("training.completed_on") == "The completion date cannot be in the future."
    vol.training_completed_on.set_value(None)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("training.completed_on") == "Enter the date it was completed."
    vol.started_on.set_value(TODAY + timedelta(days=1))
    vol.training_course.clear()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("volunteer.started_on") == "The start date cannot be in the future."
    assert count(db) == 0


def test_likely_duplicate_warning_then_save_anyway(qtbot, area, db):
    existing = add_person(db, "Siân", "Jones", date(1980, 2, 29), reference="Z1111AA")
    area.refresh()
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    type_name(qtbot, area, "Sian", "Jones")
    form.field("date_of_birth").set_value(date(1980, 2, 29))
    qtbot.keyClick(form.field("family_name"), Qt.Key.Key_Return)

    dialog = area.editor.duplicate_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["Jones, Siân", "29/02/1980", "Z1111AA"]
    assert count(db) == 1

    # Back to the form: nothing saved, nothing lost.
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.editor.duplicate_dialog is None)
    assert count(db) == 1 and form.field("given_name").text() == "Sian" and form.is_dirty

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    dialog = area.editor.duplicate_dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.editor.person_id is not None)
    assert count(db) == 2 and area.editor.person_id != existing
    assert not form.is_dirty and area.model.total == 2


def test_likely_duplicate_open_existing(qtbot, area, db):
    existing = add_person(db, "Tomasz", "Nowak", reference="Z9999ZZ")
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    type_name(qtbot, area, "Tom", "Smith")
    qtbot.keyClicks(area.form.field("reference"), "z9999zz")
    qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
    dialog = area.editor.duplicate_dialog
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.editor.person_id == existing)
    assert area.form.field("given_name").text() == "Tomasz" and not area.form.is_dirty
    assert count(db) == 1


def test_unsaved_changes_prompt(qtbot, area, db, monkeypatch):
    pid = add_person(db, "Rhys", "Bevan")
    other = add_person(db, "Aoife", "Murphy")
    assert area.open_person(pid)
    form = area.form
    qtbot.keyClicks(form.field("known_as"), "Rhy")
    assert form.is_dirty

    # Cancel keeps the coordinator on the same record with the text still typed...
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    assert asked and "not saved" in asked[0]
    assert area.editor.person_id == pid and form.field("known_as").text() == "Rhy"
    assert not area.open_person(other)
    assert area.can_leave() is False and form.field("known_as").text() == "Rhy"

    # ...Save saves before moving on...
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert area.open_person(other)
    with db.session() as s:
        assert people.person_form(s, pid).known_as == "Rhy"

    # ...and Discard drops the change.
    qtbot.keyClicks(form.field("known_as"), "Ee")
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert area.can_leave() is True
    assert area.new_person()
    with db.session() as s:
        assert people.person_form(s, other).known_as == ""
    # Nothing changed: no question at all.
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert area.can_leave() and asked == []


def test_escape_cancels_and_enter_saves(qtbot, area, db, monkeypatch):
    pid = add_person(db, "Lowri", "Price")
    assert area.open_person(pid)
    form = area.form
    qtbot.keyClicks(form.field("known_as"), "Lo")
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(form.field("known_as"), Qt.Key.Key_Escape)
    assert form.field("known_as").text() == "" and not form.is_dirty  # back to what is saved

    qtbot.keyClicks(form.field("known_as"), "Lo")
    qtbot.keyClick(form.field("known_as"), Qt.Key.Key_Enter)
    with db.session() as s:
        assert people.person_form(s, pid).known_as == "Lo"
    assert area.model.row(0)[PeopleModel.COL_KNOWN_AS] == "Lo"

    # Escape on a new, untouched form goes back to the list.
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.field("given_name"), Qt.Key.Key_Escape)
    assert area.right.currentWidget() is area.placeholder


def test_record_deleted_meanwhile(qtbot, area, db):
    pid = add_person(db, "Idris", "Ali")
    assert area.open_person(pid)
    with db.session() as s:
        people.delete_person(s, pid)
    qtbot.keyClicks(area.form.field("known_as"), "Id")
    qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
    assert "could not be found" in area.form.general_error.text()
    assert area.form.field("known_as").text() == "Id"
    assert not area.open_person(999_999, ask=False)
    assert "could not be opened" in area.error.text()


def test_lock_clears_the_list_and_keeps_typed_text(qtbot, area, state, db, created):
    add_person(db, "Noor", "Rahman")
    area.refresh()
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(area.form.field("given_name"), "Unsaved")
    state.lock("test")
    assert area.model.rowCount() == 0 and area.count.text() == ""
    assert area.form.field("given_name").text() == "Unsaved"
    qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
    assert "locked" in area.form.general_error.text()

    data_dir, _ = created
    state.set_database(access.Unlocker(data_dir).unlock(PASSPHRASE))
    try:
        assert area.model.total == 1
        assert area.form.field("given_name").text() == "Unsaved" and area.form.is_dirty
        qtbot.keyClicks(area.form.field("family_name"), "Person")
        qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
        assert area.editor.person_id is not None and area.model.total == 2
    finally:
        state.database.close()


def test_object_names_for_journey_tests(area):
    from PySide6.QtWidgets import QWidget

    for name in (
        "people.search",
        "people.part",
        "people.new",
        "people.open",
        "people.table",
        "people.count",
        "person.given_name",
        "person.family_name",
        "person.date_of_birth",
        "person.reference",
        "person.part.volunteer",
        "person.part.professional",
        "person.save",
        "person.cancel",
        "professional.organisation",
        "professional.job_title",
        "volunteer.location",
        "dbs.level",
        "dbs.checked_on",
        "dbs.add",
        "training.course",
        "training.completed_on",
    ):
        assert area.findChild(QWidget, name) is not None, name


# --- at 1366×768 (issue 9's check) ---------------------------------------------------------------
def test_ticking_volunteer_keeps_the_form_whole_and_its_access_keys_unique(qtbot, area):
    """At 1366×768 the People area is about 1140 wide: ticking Volunteer shows fields wider than the
    record's side, which scrolled sideways, hiding the labels; and its "Volunteering &since" shared
    Alt+S with Save."""
    area.resize(1140, 700)
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    box = form.part_boxes["volunteer"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    vol = form.volunteer
    qtbot.waitUntil(vol.isVisible)
    viewport = form.scroll_area.viewport()

    def whole(widget) -> bool:
        left = widget.mapTo(viewport, widget.rect().topLeft()).x()
        return left >= 0 and left + widget.sizeHint().width() <= viewport.width()

    qtbot.waitUntil(lambda: whole(vol.facilitator) and whole(form.field("given_name")))
    assert not form.scroll_area.horizontalScrollBar().isVisible()
    labels = [w for w in vol.findChildren(QLabel) if w.isVisible() and w.text()]
    assert "Volunteering since" in [w.text().replace("&", "") for w in labels]
    assert all(whole(w) for w in labels), [w.text() for w in labels if not whole(w)]
    qtbot.waitUntil(lambda: duplicated(area) == {})
