"""Home lists what falls due in the kinds of circle with areas of their own, and each line opens that
area at the record: a Community Circle's 12-month review and first meetings, a regional connector's
practice session, a conversation's spark, a community of practice's next session."""

from __future__ import annotations

from datetime import date, timedelta

from circles_desktop.models import Circle
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.demo import demo
from circles_desktop.services.home import items
from circles_desktop.services.home.thresholds import Thresholds
from circles_desktop.ui.app.area_links import open_record
from support import PASSPHRASE
from support.ui import start_shell, unlock

TODAY = date.today()
KINDS = {
    "community_reviews": rr.COMMUNITY_CIRCLE,
    "supported_meetings": rr.COMMUNITY_CIRCLE,
    "network_sessions": rr.CONNECTOR,
    "sparks": rr.CONVERSATION,
    "practice_sessions": rr.PRACTICE,
}
AREAS = {
    rr.COMMUNITY_CIRCLE: "Community Circles",
    rr.CONVERSATION: "Conversations",
    rr.PRACTICE: "Communities of practice",
    rr.CONNECTOR: "Connectors",
}


def sections(s, today: date, t: Thresholds) -> dict[str, items.DueSection]:
    from circles_desktop.services.home import providers  # noqa: F401  (registers them)

    return {d.key: d for d in items.what_needs_doing(s, today, t)}


def test_each_kind_with_its_own_area_brings_its_items_to_home(db):
    demo.fill(db, size=60, seed=1, today=TODAY)
    # A year ahead everything these areas plan has fallen due: each section has lines, of its kind.
    wide = Thresholds(reviews_within=400)
    with db.session() as s:
        found = sections(s, TODAY, wide)
        for key, kind in KINDS.items():
            assert found[key].total > 0, key
            assert {i.opens.kind for i in found[key].items} == {kind}, key
            assert all(i.what and i.due_on is not None for i in found[key].items), key
            for item in found[key].items:
                if kind != rr.CONNECTOR:
                    assert s.get(Circle, item.opens.id).kind == {
                        rr.COMMUNITY_CIRCLE: "community", rr.CONVERSATION: "conversation", rr.PRACTICE: "practice"
                    }[kind]  # fmt: skip
        # A narrower window shows no more than the wide one, and nothing later than its horizon.
        near = sections(s, TODAY, Thresholds(reviews_within=7))
        for key in KINDS:
            assert near[key].total <= found[key].total
            assert all(i.due_on <= TODAY + timedelta(days=7) for i in near[key].items)


def test_a_line_of_each_kind_opens_its_own_area(qtbot, request, created):
    from circles_desktop.services.security import access

    data_dir, _ = created
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    demo.fill(db, size=60, seed=1, today=TODAY)
    with db.session() as s:
        found = sections(s, TODAY, Thresholds(reviews_within=400))
        refs = {kind: next(i.opens for i in found[key].items) for key, kind in KINDS.items()}
    db.close()
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    window = shell.window
    for kind, ref in refs.items():
        assert open_record(window, ref) is not None, kind
        assert window.current_area() == AREAS[kind]
