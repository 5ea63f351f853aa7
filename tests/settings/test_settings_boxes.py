"""Settings' organisation and Home boxes, driven as a coordinator would: typed, saved, read back; a bad
value's message beside its field with what was typed kept; a logo chosen, refused or removed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from circles_desktop.services.home.thresholds import thresholds
from circles_desktop.services.settings.organisation import organisation_details
from circles_desktop.ui.home.thresholds_box import ThresholdsBox
from circles_desktop.ui.settings.organisation_box import OrganisationBox
from support.due import picture
from support.journeys import click, type_text


def test_the_organisation_is_typed_saved_and_read_back(qtbot, state):
    box = OrganisationBox(state)
    qtbot.addWidget(box)
    box.show()
    type_text(qtbot, box.name, "Severn Vale Circles")
    box.address.setFocus()
    qtbot.keyClicks(box.address, "The Old Chapel")
    qtbot.keyClick(box.address, Qt.Key.Key_Return)
    qtbot.keyClicks(box.address, "Bristol BS1 4DJ")
    click(qtbot, box.save_button)
    with state.database.session() as s:
        details = organisation_details(s)
    assert (details.name, details.address) == ("Severn Vale Circles", "The Old Chapel\nBristol BS1 4DJ")
    again = OrganisationBox(state)
    qtbot.addWidget(again)
    assert again.name.text() == "Severn Vale Circles"


def test_an_address_too_long_is_said_beside_it_and_kept(qtbot, state):
    box = OrganisationBox(state)
    qtbot.addWidget(box)
    box.show()
    box.address.setPlainText("\n".join(f"Line {n}" for n in range(8)))
    click(qtbot, box.save_button)
    assert "at most 6 lines" in box.errors.lines["address"].text()
    assert box.errors.lines["address"].isVisible()
    assert box.address.toPlainText().count("\n") == 7  # nothing typed is lost


def test_a_logo_is_chosen_refused_when_not_a_picture_and_removed(qtbot, state, tmp_path, monkeypatch):
    good, bad = tmp_path / "logo.png", tmp_path / "notes.png"
    good.write_bytes(picture())
    bad.write_bytes(b"GIF89a" + bytes(200))
    box = OrganisationBox(state)
    qtbot.addWidget(box)
    box.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, box.choose_logo)
    assert box.errors.lines["logo"].text() == "The logo must be a PNG or JPEG picture."
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    click(qtbot, box.choose_logo)
    assert box.logo_name.text() == "logo.png" and not box.errors.lines["logo"].isVisible()
    click(qtbot, box.remove_logo_button)
    with state.database.session() as s:
        assert organisation_details(s).logo is None
    assert not box.remove_logo_button.isEnabled()


def test_home_thresholds_are_saved_from_their_spin_boxes(qtbot, state):
    box = ThresholdsBox(state)
    qtbot.addWidget(box)
    box.show()
    quiet = box.days["no_contact"]
    quiet.setFocus()
    quiet.selectAll()
    qtbot.keyClicks(quiet, "42")
    click(qtbot, box.save_button)
    with state.database.session() as s:
        assert thresholds(s).no_contact == 42
