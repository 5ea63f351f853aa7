"""A postcode district typed too long is kept as typed, for the service's message beside it to be
read against (its rule is services/people/volunteers.check_district), never cut at the keyboard."""

from __future__ import annotations

from circles_desktop.ui.people.volunteer_section import VolunteerSection


def test_a_district_typed_too_long_is_kept_whole(qtbot):
    section = VolunteerSection()
    qtbot.addWidget(section)
    section.show()
    qtbot.keyClicks(section.postcode_district, "AVONFORD9")
    assert section.postcode_district.text() == "AVONFORD9"
