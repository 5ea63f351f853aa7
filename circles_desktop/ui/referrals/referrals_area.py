"""The Referrals area: the list by status (paged and filtered in SQL) and the referral page.

`referrals_area(state)` is the factory for areas.register_area. The area's
`create_circle_requested(referral_id)` is emitted when the coordinator asks to form a circle from an
accepted referral; `can_leave()` asks about unsaved changes before the area is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import ReferralStatus, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.lists.list_parts import PagedList, count_label, list_table, search_box, tab_chain
from circles_desktop.ui.common.lists.paged_model import RecordListModel
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import FieldMessage
from circles_desktop.ui.referrals.referral_form import KINDS, ReferralPage

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ReferralListModel(RecordListModel):
    """Referrals filtered by status, kind and search text, one SQL page at a time. Each row carries
    the referral's id after the shown columns (`referral_id(row)`)."""

    COL_REFERENCE, COL_RECEIVED, COL_PERSON, COL_KIND, COL_REFERRER, COL_AGENCY, COL_STATUS, COL_SINCE = range(8)
    HEADERS = ("Reference", "Received", "Person", "Circle kind", "Referrer", "Agency", "Status", "Since")
    SORTS = {
        COL_REFERENCE: "reference",
        COL_RECEIVED: "received_on",
        COL_PERSON: "person",
        COL_KIND: "kind",
        COL_REFERRER: "referrer",
        COL_AGENCY: "agency",
        COL_STATUS: "status",
        COL_SINCE: "since",
    }
    DEFAULT_SORT = (COL_RECEIVED, True)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(state, parent)
        self.status: str | None = None
        self.circle_kind: str | None = None

    def set_status(self, status: str | None) -> None:
        if status != self.status:
            self.status = status
            self.reload()

    def set_kind(self, circle_kind: str | None) -> None:
        if circle_kind != self.circle_kind:
            self.circle_kind = circle_kind
            self.reload()

    def referral_id(self, row: int) -> int:
        return self.record_id(row)

    def count_in(self, session: Session, text: str) -> int:
        from circles_desktop.services.referrals import referral_list

        return referral_list.count_referrals(session, self.status, self.circle_kind, text)

    def page_in(self, session: Session, text: str, offset: int, limit: int) -> Sequence[Any]:
        from circles_desktop.services.referrals import referral_list

        return referral_list.list_referrals(
            session, self.status, self.circle_kind, text, offset, limit, sort=self.sort_key, descending=self.descending
        )

    def cells(self, r: Any) -> tuple[Any, ...]:
        return (
            r.reference,
            uk_date(r.received_on),
            r.person_name,
            label(r.circle_kind),
            r.referrer_name or "Self-referral",
            r.agency,
            label(r.status),
            uk_date(r.status_on),
            r.id,
        )


STATUS_TABS: tuple[tuple[str | None, str], ...] = ((None, "All"),) + tuple((s.value, s.label) for s in ReferralStatus)


class ReferralList(PagedList):
    model: ReferralListModel
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("referrals.list")
        self._build_filters()
        self.error = FieldMessage("Referrals list error")
        self.model = ReferralListModel(state, self)
        self.table = list_table(self.model, "referrals.table", "Referrals", stretch=ReferralListModel.COL_AGENCY)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kind)
        filters.addWidget(self.count)
        filters.addSpacing(12)
        filters.addWidget(self.open_button)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Referrals</h2>"))
        layout.addWidget(self.tabs)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        tab_chain(self, self.search, self.kind, self.table, self.open_button, self.new_button)

        self.search.returnPressed.connect(self._focus_table)
        self.tabs.currentChanged.connect(lambda i: self.model.set_status(self.tabs.tabData(i)))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.model.modelReset.connect(self._enable)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_requested.emit)
        self.follow(lambda total: f"{total} referral{'' if total == 1 else 's'}", lock_and_unlock=False)
        self.add_export("referrals", "Referrals")
        self._enable()

    def _build_filters(self) -> None:
        self.tabs = QTabBar()
        self.tabs.setObjectName("referrals.status_tabs")
        self.tabs.setAccessibleName("Referral status")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for status, text in STATUS_TABS:
            index = self.tabs.addTab(text)
            self.tabs.setTabData(index, status)
        self.kind = QComboBox()
        self.kind.setObjectName("referrals.kind")
        self.kind.setAccessibleName("Kind of circle")
        self.kind.addItem("All kinds of circle", None)
        for value, text in KINDS.items():
            self.kind.addItem(text, value)
        self.search = search_box("referrals.search", "Search by name or reference (REF-00012)", "Search referrals")
        self.count = count_label("referrals.count", "Number of referrals")
        self.new_button = QPushButton("&New referral")
        self.new_button.setObjectName("referrals.new")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("referrals.open")

    # --- filters ---------------------------------------------------------------------------------
    def set_status_filter(self, status: str | None) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabData(i) == status:
                self.tabs.setCurrentIndex(i)
                return

    def _kind_changed(self, _index: int) -> None:
        self.model.set_kind(self.kind.currentData())
        self.refresh_counts()

    def refresh(self) -> None:
        super().refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """The number of referrals on each status tab; the bare names while locked."""
        from circles_desktop.services.referrals import referral_list

        kind = self.kind.currentData()
        counts = read(self.state, lambda s: referral_list.counts_by_status(s, kind), None, show=self.error)
        for i, (status, text) in enumerate(STATUS_TABS):
            if self.state.is_locked:
                self.tabs.setTabText(i, text)
            else:
                n = sum((counts or {}).values()) if status is None else (counts or {}).get(status, 0)
                self.tabs.setTabText(i, f"{text} ({n})")

    def forget(self) -> None:
        self._forget()
        self.refresh_counts()

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _enable(self) -> None:
        self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    # --- opening ---------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.referral_id(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        referral_id = self.selected_id()
        if referral_id is not None:
            self.open_requested.emit(referral_id)

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.referral_id(row))

    def row_ids(self) -> list[int]:
        return [self.model.referral_id(r) for r in range(self.model.rowCount())]


class ReferralsArea(QStackedWidget):
    """The list (page 0) and one referral (page 1)."""

    create_circle_requested = Signal(int)  # an accepted referral's id; the Circle screen takes it on
    referral_saved = Signal(int)

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("referrals.area")
        self.setAccessibleName("Referrals")
        self.list = ReferralList(state)
        self.page = ReferralPage(state)
        self.addWidget(self.list)
        self.addWidget(self.page)

        self.list.new_requested.connect(self.new_referral)
        self.list.open_requested.connect(self.open_referral)
        self.page.closed.connect(self.show_list)
        self.page.saved.connect(self.referral_saved.emit)
        self.page.create_circle_requested.connect(self.create_circle_requested.emit)
        state.locked.connect(self.list.forget)
        state.unlocked.connect(lambda _db: self._unlocked())
        if not state.is_locked:
            self.list.refresh()

    @property
    def editing(self) -> bool:
        return self.currentWidget() is self.page

    def can_leave(self) -> bool:
        """For the unsaved-changes prompt when the coordinator leaves the area or quits."""
        return self.page.can_leave() if self.editing else True

    def new_referral(self) -> None:
        if self.editing and not self.page.can_leave():
            return
        self.page.new_referral()
        self.setCurrentWidget(self.page)

    def open_referral(self, referral_id: int) -> bool:
        if self.editing and self.page.referral_id != referral_id and not self.page.can_leave():
            return False
        if not self.page.open_referral(referral_id):
            self.list.error.show_message("That referral could not be opened; it may have been deleted.")
            self.show_list()
            return False
        self.setCurrentWidget(self.page)
        return True

    def show_list(self) -> None:
        self.setCurrentWidget(self.list)
        self.list.refresh()
        self.list.table.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Coming back to the area: the open referral may have changed elsewhere (a circle formed from it
        # in the Circles area), so read its steps and "Create circle" state again; typed text stays.
        super().showEvent(event)
        if self.editing and not self.state.is_locked:
            self.page.refresh_view()

    def _unlocked(self) -> None:
        if self.editing:
            self.list.refresh_counts()
        else:
            self.list.refresh()


def referrals_area(state: AppState) -> QWidget:
    """The Referrals area, for areas.register_area("Referrals", referrals_area, order=...)."""
    return ReferralsArea(state)
