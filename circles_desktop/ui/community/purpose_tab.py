"""The Person and purpose tab: what was recorded at the self-referral, changed in place (Save writes it).
The signposting agency and the referral are shown, not changed here: they are the referral's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout

from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import Note
from circles_desktop.ui.community.community_screen import CommunityTab
from circles_desktop.ui.community.purpose_fields import PurposeFields

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.community.community_screen import CommunityCircleScreen


class PurposeTab(CommunityTab):
    def __init__(self, circle_screen: CommunityCircleScreen) -> None:
        super().__init__(circle_screen, "community.purpose_tab")
        self.form = RecordForm("")
        self.form.setObjectName("community.purpose_form")
        self.fields = PurposeFields(self.state, self.form)
        self.referral = Note()
        self.referral.setObjectName("community.referral")
        self.referral.setWordWrap(True)
        self.referral.setAccessibleName("The self-referral")
        self.form.save_button.setObjectName("community.purpose_save")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.referral)
        layout.addWidget(scroll, 1)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.load)

    def reload(self) -> None:
        d = self.detail
        if d is None:
            return
        signposted = f"; signposted by {d.signposted_by}" if d.signposted_by else "; not signposted by an agency"
        self.referral.setText(f"Self-referral {d.referral_reference}: the person referred themselves{signposted}.")
        self.form.setEnabled(d.is_open)
        if not self.form.is_dirty:
            self.load()

    def load(self) -> None:
        from circles_desktop.services.community import community_circles as cc

        self.fields.refresh_connectors()
        ok, form = load(self.state, lambda s: cc.community_form(s, self.circle_id), show=self.form)
        if ok:
            self.form.load(self.fields.values_of(form))

    def save(self) -> bool:
        from circles_desktop.services.community import community_circles as cc

        form = self.fields.community_form()

        def work(s: Session) -> None:
            cc.update_details(s, self.circle_id, form)

        if write(self.state, work, show=self.form).ok:
            self.circle_screen.saved()
            return True
        return False

    def forget(self) -> None:
        self.referral.clear()

    def can_leave(self) -> bool:
        return self.form.confirm_leave(save=self.save)
