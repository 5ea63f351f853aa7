"""Circles closed more than the set number of years ago are listed for review; the years are checked."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.records import retention


def test_closed_circles_past_the_years_are_listed_oldest_first(demo_db):
    with demo_db.session() as s:
        ended = dict(s.execute(text("SELECT id, ended_on FROM circles WHERE status = 'closed'")).all())
        assert len(ended) >= 3
        days = sorted(date.fromisoformat(str(v)) for v in ended.values())
        today = date(days[1].year + 2, days[1].month, days[1].day)  # the two oldest ended over 2 years ago
        expected = [
            i for i, v in ended.items() if date.fromisoformat(str(v)) < date(today.year - 2, today.month, today.day)
        ]
        rows = retention.due_page(s, 2, today, "", 0, 50)
        assert sorted(r.id for r in rows) == sorted(expected) and len(expected) >= 1
        assert [r.ended_on for r in rows] == sorted(r.ended_on for r in rows)
        assert retention.count_due(s, 2, today) == len(expected)
        assert retention.count_due(s, 100, today) == 0
        first = rows[0]
        assert [r.id for r in retention.due_page(s, 2, today, first.reference, 0, 50)] == [first.id]


@pytest.mark.parametrize("years", [0, 101, "six", None, True])
def test_years_outside_the_range_are_refused_beside_the_field(demo_db, years):
    with demo_db.session() as s, pytest.raises(ValidationError) as caught:
        retention.count_due(s, years, date(2026, 1, 1))
    assert caught.value.errors == {"retention_years": "Keep closed circles for between 1 and 100 years."}


def test_the_cutoff_on_29_february():
    assert retention.cutoff(1, date(2028, 2, 29)) == date(2027, 2, 28)
