"""The demo's data files: every one is there and shaped as the demo code expects, and a mistake in one
is reported with the file and the entry."""

import json

import pytest

from circles_desktop import shipped
from circles_desktop.models.vocab import Category, OrganisationKind
from circles_desktop.services.demo import definitions


def test_every_definition_file_reads():
    assert "Nguyễn" in definitions.names().people_given
    assert "Ní Bhriain" in definitions.names().staff_family
    assert set(definitions.organisations().names) == set(OrganisationKind)
    assert all("{place}" in t for kind in definitions.organisations().names.values() for t in kind)
    assert set(definitions.meeting_texts().minutes_sections) == {c.value for c in Category}
    assert all("{name}" in t for t in definitions.child_texts().summaries)
    for read in (definitions.places, definitions.volunteers, definitions.referrals, definitions.circle_texts):
        read()
    assert definitions.learning_texts().not_applicable
    assert definitions.placeholder_pdf().startswith(b"%PDF")


def test_a_file_missing_an_entry_names_the_file_and_the_entry(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "volunteers.json").write_text(json.dumps({"interests": ["walking"]}), encoding="utf-8")
    monkeypatch.setattr(shipped, "root", lambda: tmp_path)
    definitions.volunteers.cache_clear()
    try:
        with pytest.raises(definitions.DefinitionError, match=r"volunteers\.json has no entry training_courses"):
            definitions.volunteers()
        (tmp_path / "demo" / "volunteers.json").write_text(
            json.dumps({"interests": "walking", "training_courses": ["Safeguarding adults"]}), encoding="utf-8"
        )
        with pytest.raises(definitions.DefinitionError, match=r"interests should be a list of texts"):
            definitions.volunteers()
    finally:
        definitions.volunteers.cache_clear()


def test_a_missing_file_says_which(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "root", lambda: tmp_path)
    definitions.places.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match=r"resources/demo/places\.json"):
            definitions.places()
    finally:
        definitions.places.cache_clear()
