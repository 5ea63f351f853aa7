"""The paged SQL table model, tested without widgets: pages on demand, filters by resetting."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from circles_desktop.services.security import audit
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.security.audit_log_page import AuditLogModel

NAMES = [f"person {i:05d}" for i in range(1000)]


def _list_backed(calls: list) -> PagedTableModel:
    def fetch(text: str, offset: int, limit: int):
        calls.append((text, offset, limit))
        rows = [n for n in NAMES if text in n]
        return [(n, len(n)) for n in rows[offset : offset + limit]]

    def count(text: str) -> int:
        return sum(text in n for n in NAMES)

    return PagedTableModel(("Name", "Length"), fetch, count, page_size=100)


def test_loads_one_page_and_fetches_more_on_demand(qapp):
    calls: list = []
    model = _list_backed(calls)
    model.reload()
    assert model.rowCount() == 100 and model.total == 1000
    assert calls == [("", 0, 100)]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 and calls[-1] == ("", 100, 100)
    assert model.data(model.index(150, 0), Qt.ItemDataRole.DisplayRole) == "person 00150"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Length"
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree


def test_filter_change_resets_to_the_first_page(qapp):
    calls: list = []
    model = _list_backed(calls)
    model.reload()
    model.fetchMore(QModelIndex())
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_filter("0099")
    assert resets == [True]
    assert model.rowCount() == 11 and model.total == 11 and not model.canFetchMore(QModelIndex())
    assert calls[-1] == ("0099", 0, 100)
    model.set_filter(" 0099 ")  # same filter: nothing re-read
    assert resets == [True]


def test_a_failing_page_is_reported_not_raised(qapp):
    def fetch(text, offset, limit):
        raise OSError(5, "Input/output error")

    model = PagedTableModel(("A",), fetch, lambda text: 10)
    messages = []
    model.failed.connect(messages.append)
    model.reload()
    assert model.rowCount() == 0 and messages == ["Input/output error"]


def test_audit_model_pages_in_sql(qapp, db):
    with db.session() as s:
        for i in range(450):
            audit.record(s, "print", f"minutes {i}")
    state = AppState(str(db.paths.root))
    state.database = db
    model = AuditLogModel(state)
    model.page_size = 200
    model.reload()
    assert model.total == 453  # create + the audit log anchored + unlock + 450
    assert model.rowCount() == 200
    assert model.row(0)[AuditLogModel.COL_OBJECT] == "minutes 449"  # newest first
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 453
    model.set_filter("minutes 12")
    assert model.total == model.rowCount() == 11  # 12 and 120..129
    model.set_filter("100%")  # LIKE wildcards are matched literally
    assert model.total == 0
    state.database = None
    model.reload()
    assert model.rowCount() == 0
