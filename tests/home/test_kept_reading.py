"""Home's last reading is kept in the database, so that at the next unlock every line is painted at once
(at 100,000 people the services take longer than a paint): used as it is while nothing has changed,
shown marked "Updating…" while a change is read again, and forgotten when a record is deleted."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from circles_desktop.models import Circle, HomeReading
from circles_desktop.services.home import kept
from circles_desktop.services.home.items import changes_seen, what_needs_doing
from circles_desktop.services.records import deletion
from circles_desktop.ui.home.home_area import HomeArea
from support.due import action, active_cosa, meeting
from support.records import person

TODAY = date.today()
ACTION = "Ring the housing officer about the flat"


def overdue(s, description: str = ACTION) -> int:
    cid = active_cosa(s)
    mid = meeting(s, cid, TODAY - timedelta(days=20))
    action(s, cid, TODAY - timedelta(days=6), mid, description=description, owner=person(s, "Siân", "Pritchard"))
    return cid


def test_a_kept_reading_reads_back_as_it_was_read(db):
    with db.session() as s:
        overdue(s)
        sections = what_needs_doing(s, TODAY)
        kept.keep(s, changes_seen(s), TODAY, sections)
    with db.session() as s:
        last = kept.kept(s)
        assert last is not None and last.current_for(changes_seen(s), TODAY)
        assert last.sections == sections  # every count, line, date, owner and record it opens
        assert not last.current_for(changes_seen(s), TODAY + timedelta(days=1))  # "overdue" turns with the day


def test_a_change_makes_the_kept_reading_old(db):
    with db.session() as s:
        overdue(s)
        kept.keep(s, changes_seen(s), TODAY, what_needs_doing(s, TODAY))
    with db.session() as s:
        person(s, "Osian", "Rees")  # any change writes an audit entry
    with db.session() as s:
        assert not kept.kept(s).current_for(changes_seen(s), TODAY)


def test_an_unreadable_kept_reading_is_read_again_not_shown(db):
    with db.session() as s:
        s.add(HomeReading(id=kept.ONLY_ROW, changes_seen=1, day=TODAY, sections_json="[{not json"))
    with db.session() as s:
        assert kept.kept(s) is None


def test_deleting_a_circle_forgets_the_reading_that_names_it(db):
    with db.session() as s:
        cid = overdue(s)
        kept.keep(s, changes_seen(s), TODAY, what_needs_doing(s, TODAY))
        reference = s.get(Circle, cid).reference
    with db.session() as s:
        deletion.delete_circle(s, cid, "entered_in_error", reference)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(HomeReading)) == 0


def shown_home(qtbot, state) -> HomeArea:
    home = HomeArea(state)
    qtbot.addWidget(home)
    home.resize(1100, 700)
    return home


def texts(home: HomeArea) -> list[str]:
    return [text for text, _ref in home.lines()]


def test_at_the_next_unlock_home_paints_the_kept_lines_without_reading_again(qtbot, state):
    with state.database.session() as s:
        overdue(s)
    first = shown_home(qtbot, state)
    with qtbot.waitSignal(first.loaded):
        first.show()  # the first reading ever: read in the background, then kept
    state.background.wait(10_000)
    again = shown_home(qtbot, state)  # as after locking and unlocking: nothing in memory
    with qtbot.waitSignal(again.loaded, timeout=0):  # emitted in show itself, before any event is processed
        again.show()
    assert any(t.startswith(ACTION) for t in texts(again))
    assert not state.background.busy and again.status.text() == ""  # nothing read again


def test_after_a_change_the_kept_lines_show_as_updating_until_read_again(qtbot, state):
    with state.database.session() as s:
        overdue(s)
    first = shown_home(qtbot, state)
    with qtbot.waitSignal(first.loaded):
        first.show()
    state.background.wait(10_000)
    with state.database.session() as s:
        overdue(s, "Book the room for the review")  # a change since the reading was kept
    again = shown_home(qtbot, state)
    with qtbot.waitSignal(again.loaded):
        again.show()
        assert any(t.startswith(ACTION) for t in texts(again))  # the kept lines, at once
        assert again.status.text() == "Updating…"
    assert any(t.startswith("Book the room for the review") for t in texts(again))
    assert again.status.text() == ""


def test_a_change_saved_elsewhere_is_read_while_home_is_out_of_sight(qtbot, state):
    from circles_desktop.ui.common.operations import write

    with state.database.session() as s:
        cid = overdue(s)
    home = shown_home(qtbot, state)
    with qtbot.waitSignal(home.loaded):
        home.show()
    home.hide()  # the coordinator goes to the circle and agrees another action
    with qtbot.waitSignal(home.loaded):  # read again out of sight, once the saves have stopped
        write(state, lambda s: action(s, cid, TODAY - timedelta(days=2), description="Book the review room"))
    with qtbot.assertNotEmitted(home.loaded):
        home.show()  # back on Home: what is current, at once, nothing read again
    assert any(t.startswith("Book the review room") for t in texts(home)) and home.status.text() == ""
