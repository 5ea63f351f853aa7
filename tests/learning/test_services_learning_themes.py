"""Themes shared across learning circles, and the count over a date range that the QPAG receives."""

from datetime import date, datetime

import pytest
from test_services_learning_support import TODAY, learning_circle, locality, through_during

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.learning import learning_checklist, learning_list, themes
from circles_desktop.services.learning import learning_circles as lcs

D = date


def _circles(s):
    """Circles held on 1 March, 31 March, 1 April 2025, and one with no date yet."""
    loc = locality(s)
    _, first = learning_circle(s, loc, "CR-1", proposed_on=D(2025, 2, 10), meets_at=datetime(2025, 3, 1, 10))
    _, last = learning_circle(s, loc, "CR-2", meets_at=datetime(2025, 3, 31, 15, 30))
    _, april = learning_circle(s, loc, "CR-3", meets_at=datetime(2025, 4, 1, 9))
    _, undated = learning_circle(s, loc, "CR-4", meets_at=None)
    return first, last, april, undated


def _counts(s, a, b, **kw):
    return [(c.name, c.count) for c in themes.theme_counts(s, a, b, **kw)]


def test_themes_count_by_circle_date_with_both_ends_included(db):
    with db.session() as s:
        first, last, april, undated = _circles(s)
        for cid in (first, last, april, undated):
            themes.add_theme(s, cid, "Voice of the child")
        themes.add_theme(s, first, "Neglect")
        themes.add_theme(s, last, "neglect ")  # the same theme, whatever the case or spacing
        themes.add_theme(s, april, "Missing from home")

        assert _counts(s, D(2025, 3, 1), D(2025, 3, 31)) == [("Neglect", 2), ("Voice of the child", 2)]
        assert _counts(s, D(2025, 3, 2), D(2025, 3, 30)) == []
        assert _counts(s, D(2025, 3, 31), D(2025, 4, 1)) == [
            ("Voice of the child", 2),
            ("Missing from home", 1),
            ("Neglect", 1),
        ]
        assert _counts(s, D(2025, 4, 1), D(2025, 4, 1)) == [("Missing from home", 1), ("Voice of the child", 1)]
        # The circle with no date is in no range; it still counts towards the theme's use.
        assert _counts(s, D(2000, 1, 1), D(2099, 12, 31)) == [
            ("Voice of the child", 3),
            ("Neglect", 2),
            ("Missing from home", 1),
        ]
        assert [(t.name, t.circles) for t in themes.list_themes(s)] == [
            ("Missing from home", 1),
            ("Neglect", 2),
            ("Voice of the child", 4),
        ]
        assert [t.name for t in themes.list_themes(s, "vo")] == ["Voice of the child"]
        assert [t.name for t in themes.circle_themes(s, first)] == ["Neglect", "Voice of the child"]


def test_behind_a_count_are_the_circles_it_counts(db):
    with db.session() as s:
        first, last, april, _ = _circles(s)
        neglect = themes.add_theme(s, first, "Neglect")
        themes.add_theme(s, april, "Neglect")
        rows = learning_list.list_learning_circles(
            s, theme_id=neglect.id, date_from=D(2025, 3, 1), date_to=D(2025, 3, 31)
        )
        assert [r.id for r in rows] == [first]
        assert learning_list.count_learning_circles(s, theme_id=neglect.id) == 2


def test_each_theme_once_per_circle(db):
    with db.session() as s:
        first, *_ = _circles(s)
        themes.add_theme(s, first, "Drift and delay")
        with pytest.raises(ValidationError) as err:
            themes.add_theme(s, first, "DRIFT AND DELAY")
        assert err.value.errors == {"name": "“Drift and delay” is already a theme of this learning circle."}
        with pytest.raises(ValidationError) as err:
            themes.add_theme(s, first, "  ")
        assert err.value.errors == {"name": "Enter the theme."}
        assert _counts(s, D(2025, 3, 1), D(2025, 3, 1)) == [("Drift and delay", 1)]


def test_range_must_run_forwards(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        themes.theme_counts(s, D(2025, 4, 1), D(2025, 3, 1))
    assert err.value.errors == {
        "date_to": "The last day of the range (01/03/2025) cannot be before the first day (01/04/2025)."
    }
    with db.session() as s, pytest.raises(ValidationError) as err:
        themes.theme_counts(s, None, None)
    assert err.value.errors == {
        "date_from": "Enter the first day of the range.",
        "date_to": "Enter the last day of the range.",
    }


def test_counts_by_locality(db):
    with db.session() as s:
        loc = locality(s)
        _, north = learning_circle(s, loc, "CR-1")
        _, east = learning_circle(s, loc, "CR-2")
        child_id = lcs.get_learning_circle(s, east).child_id
        from circles_desktop.services.learning import children

        form = children.child_form(s, child_id)
        form.locality = "Kingsbridge East"
        children.update_child(s, child_id, form, today=TODAY)
        themes.add_theme(s, north, "Neglect")
        themes.add_theme(s, east, "Neglect")
        assert _counts(s, D(2025, 3, 1), D(2025, 3, 31), locality="Kingsbridge East") == [("Neglect", 1)]


def test_remove_rename_and_delete_themes(db):
    with db.session() as s:
        loc, cid = learning_circle(s)
        neglect = themes.add_theme(s, cid, "Neglect")
        other = themes.find_or_create_theme(s, "Domestic abuse")
        with pytest.raises(ValidationError) as err:
            themes.rename_theme(s, other.id, "neglect")
        assert err.value.errors == {"name": "There is already a theme called “neglect”."}
        themes.rename_theme(s, neglect.id, "Neglect of health needs")
        with pytest.raises(ValidationError, match="is a theme of 1 learning circle;"):
            themes.delete_theme(s, neglect.id)
        # The last theme stays while "themes shared" is ticked.
        through_during(s, loc, cid)
        learning_checklist.mark_step(s, cid, "themes_shared", D(2025, 4, 2), today=TODAY)
        with pytest.raises(ValidationError, match="at least one theme must stay"):
            themes.remove_theme(s, cid, neglect.id)
        learning_checklist.undo_step(s, cid, "themes_shared")
        themes.remove_theme(s, cid, neglect.id)
        themes.delete_theme(s, neglect.id)
        assert [t.name for t in themes.list_themes(s)] == ["Domestic abuse"]
