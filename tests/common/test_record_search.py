"""How people, professionals and organisations read in the pickers: one label each, whichever picker."""

from __future__ import annotations

import pytest

from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.pickers.record_search import (
    organisation_choices,
    organisation_options,
    people_source,
    person_choices,
    professionals_source,
)
from support.records import D, org, person, professional


@pytest.fixture
def recorded(state):
    def make(s):
        probation = org(s, "Severn Probation Delivery Unit", "probation")
        professional(s, "Priya", "Shah", probation)
        person(s, "Bjorn", "Lindqvist", date_of_birth=D(1980, 2, 3), reference="Z1234AB")
        return probation

    return read(state, make, None)


def test_one_line_choices_tell_people_of_the_same_name_apart(state, recorded):
    assert person_choices(state)("Lindq")[0][1] == "Bjorn Lindqvist (born 03/02/1980, Z1234AB)"
    assert person_choices(state, lambda: "professional")("") == [(person_choices(state)("Shah")[0][0], "Priya Shah")]
    assert organisation_choices(state)("Severn") == [(recorded, "Severn Probation Delivery Unit (Probation)")]
    assert read(state, organisation_options, []) == [(recorded, "Severn Probation Delivery Unit (Probation)")]


def test_search_dialog_rows_and_the_label_once_chosen(state, recorded):
    people_rows = read(state, lambda s: people_source().fetch(s, "Lindq", 0, 10), [])
    assert [row[1:] for row in people_rows] == [("Bjorn Lindqvist", "Bjorn Lindqvist", "03/02/1980", "Z1234AB", "")]
    source = professionals_source()
    rows = read(state, lambda s: source.fetch(s, "Shah", 0, 10), [])
    assert rows[0][1] == "Priya Shah — Probation officer, Severn Probation Delivery Unit"
    assert read(state, lambda s: source.count(s, "Shah"), 0) == 1
