"""The Organisations area through its widgets: create, find, edit, staff list, and every failure path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from circles_desktop.services.organisations import organisations
from circles_desktop.services.organisations.organisations import OrganisationForm
from circles_desktop.services.people import people
from circles_desktop.services.people.people import PersonForm
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.organisations.organisations_page import (
    OrganisationsArea,
    OrganisationsModel,
    organisations_area,
)


@pytest.fixture
def state(db, tmp_path):
    state = AppState(str(db.paths.root), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    state.database = db
    return state


@pytest.fixture
def area(qtbot, state) -> OrganisationsArea:
    widget = organisations_area(state)
    qtbot.addWidget(widget)
    widget.resize(1166, 740)
    widget.show()
    return widget


def add_org(db, name, kind="probation"):
    with db.session() as s:
        return organisations.create_organisation(s, OrganisationForm(name=name, kind=kind)).id


def all_orgs(db):
    with db.session() as s:
        return [(r.name, r.kind) for r in organisations.search_organisations(s)]


def test_create_an_organisation(qtbot, area, db):
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    assert form.field("name").hasFocus()
    qtbot.keyClicks(form.field("name"), "Vale Constabulary")
    kind = form.field("kind")
    kind.setCurrentIndex(kind.findData("police"))
    qtbot.keyClicks(form.field("phone"), "01632 696853")
    qtbot.keyClicks(form.field("address"), "1 Station Road")
    qtbot.keyClick(form.field("phone"), Qt.Key.Key_Return)  # Enter saves
    assert all_orgs(db) == [("Vale Constabulary", "police")]
    assert area.organisation_id is not None and not form.is_dirty
    assert area.count.text() == "1 organisation"
    assert area.model.row(0)[OrganisationsModel.COL_KIND] == "Police"
    with db.session() as s:
        assert organisations.organisation_form(s, area.organisation_id).address == "1 Station Road"


def test_required_fields_and_same_name(qtbot, area, db):
    add_org(db, "Avonford Probation Delivery Unit")
    area.refresh()
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    form = area.form
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("name") == "Enter the organisation's name."
    assert form.error_text("kind") == "Choose kind of organisation."
    assert "*" in form._labels["name"].text() and "*" in form._labels["kind"].text()

    qtbot.keyClicks(form.field("name"), "avonford probation delivery unit")
    form.field("kind").setCurrentIndex(form.field("kind").findData("probation"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("name") == "“Avonford Probation Delivery Unit” is already recorded."
    assert form.error_text("kind") == ""
    assert len(all_orgs(db)) == 1
    assert form.field("name").text() == "avonford probation delivery unit"  # nothing lost


def test_search_and_kind_filter(qtbot, area, db):
    add_org(db, "Mendip Police Public Protection Unit", "police")
    add_org(db, "Mendip Circles Trust", "voluntary")
    add_org(db, "HMP Kingsbridge", "prison")
    area.refresh()
    assert area.model.total == 3
    qtbot.keyClicks(area.search, "mend")
    assert area.model.total == 2 and area.count.text() == "2 organisations"
    area.kind.setCurrentIndex(area.kind.findData("voluntary"))
    assert area.model.total == 1 and area.model.row(0)[OrganisationsModel.COL_NAME] == "Mendip Circles Trust"
    area.search.clear()
    area.kind.setCurrentIndex(area.kind.findData("prison"))
    assert area.model.total == 1
    qtbot.keyClicks(area.search, "zzz")
    assert area.model.total == 0 and area.count.text() == "0 organisations"


def test_staff_of_the_selected_organisation(qtbot, area, db):
    org = add_org(db, "Brackenmoor Probation Service")
    with db.session() as s:
        pid = people.create_person(s, PersonForm("Ulla", "Andersson")).id
        organisations.add_professional_role(s, pid, org, "Probation officer")
    area.refresh()
    area.table.setFocus()
    area.table.selectRow(0)
    qtbot.keyClick(area.table, Qt.Key.Key_Return)  # Enter opens
    assert area.organisation_id == org
    assert area.form.field("name").text() == "Brackenmoor Probation Service"
    assert area.form.staff.item(0, 0).text() == "Ulla Andersson"
    assert area.form.staff.item(0, 1).text() == "Probation officer"
    assert area.model.row(0)[OrganisationsModel.COL_STAFF] == "1"


def test_edit_unsaved_prompt_and_escape(qtbot, area, db, monkeypatch):
    first = add_org(db, "Fenwick Youth Offending Team", "youth_offending")
    second = add_org(db, "HMP Kingsbridge", "prison")
    area.refresh()
    assert area.open_organisation(first)
    form = area.form
    qtbot.keyClicks(form.field("email"), "yot@example.org")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not area.open_organisation(second)
    assert not area.new_organisation()
    assert area.can_leave() is False
    assert area.organisation_id == first and form.field("email").text() == "yot@example.org"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(form.field("email"), Qt.Key.Key_Escape)  # Escape cancels: back to what is saved
    assert form.field("email").text() == "" and not form.is_dirty

    qtbot.keyClicks(form.field("email"), "yot@example.org")
    qtbot.keyClick(form.field("email"), Qt.Key.Key_Return)  # Enter saves
    assert not form.is_dirty
    with db.session() as s:
        assert organisations.organisation_form(s, first).email == "yot@example.org"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    form.field("notes").setPlainText("Duty desk 9-5")
    assert area.open_organisation(second)
    with db.session() as s:
        assert organisations.organisation_form(s, first).notes == "Duty desk 9-5"


def test_deleted_meanwhile_and_locked(qtbot, area, state, db):
    org = add_org(db, "Lydford Jobcentre", "other")
    area.refresh()
    assert area.open_organisation(org)
    with db.session() as s:
        organisations.delete_organisation(s, org)
    qtbot.keyClicks(area.form.field("phone"), "01632")
    qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
    assert "could not be found" in area.form.general_error.text()
    assert not area.open_organisation(12345, ask=False)
    assert "could not be found" in area.error.text()
    state.lock("test")
    assert area.model.rowCount() == 0
    qtbot.mouseClick(area.form.save_button, Qt.MouseButton.LeftButton)
    assert "locked" in area.form.general_error.text()
    assert area.form.field("phone").text() == "01632"


def test_object_names(area):
    for name in (
        "organisations.search",
        "organisations.kind",
        "organisations.new",
        "organisations.table",
        "organisation.name",
        "organisation.kind",
        "organisation.save",
        "organisation.staff",
    ):
        assert area.findChild(QWidget, name) is not None, name
