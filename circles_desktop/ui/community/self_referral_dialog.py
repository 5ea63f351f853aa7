"""A person and a purpose: the dialog a connector takes a self-referral in. Who is referring (a referral
by anyone but the person is refused, with the reason, beside that field), the person, the date, any
agency that signposted them, and their purpose and details. Saved, the circle is formed from it and
`saved_id` is the circle's id."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from circles_desktop.services.community.self_referral import REFERRED_BY, SELF
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, ScrollingRecordForm, combo
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.common.pickers.record_search import organisation_picker, person_picker
from circles_desktop.ui.common.widgets import Note
from circles_desktop.ui.community.purpose_fields import PurposeFields

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

INTRO = (
    "A Community Circle starts with a person and a purpose. The person refers themselves; an agency may have "
    "pointed them here (record it under “Signposted by”), but cannot refer them."
)


class SelfReferralDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saved_id: int | None = None
        self.setObjectName("community.self_referral")
        self.setWindowTitle("A person and a purpose: new self-referral")
        self.setAccessibleName(self.windowTitle())
        self.form = ScrollingRecordForm("New self-referral")
        self.person = person_picker(state, title="Choose the person referring themselves")
        self.referred_by = combo(REFERRED_BY)
        self.received_on = DateField()
        self.signposted_by = organisation_picker(state, title="Choose the agency that signposted them")
        self.form.add_field("referred_by", "&Who is making the referral", self.referred_by, required=True)
        self.form.add_field("person_id", "The &person", self.person, required=True, help="Press Space to search")
        self.form.add_field("received_on", "&Received on", self.received_on, required=True)
        self.form.add_field(
            "signposted_by_id", "&Signposted by", self.signposted_by, help="An agency that pointed them here, if any"
        )
        for key in ("referred_by", "person_id", "received_on", "signposted_by_id"):
            self.form.field(key).setObjectName(f"self_referral.{key}")
        self.fields = PurposeFields(state, self.form)
        self.fields.refresh_connectors()
        self.form.load({"referred_by": SELF, "received_on": date.today()} | self.fields.values_of(None))
        self.form.save_button.setText("&Take the self-referral")
        self.form.save_button.setObjectName("self_referral.save")
        layout = QVBoxLayout(self)
        layout.addWidget(Note(INTRO))
        layout.addWidget(self.form, 1)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.reject)
        self.setMinimumWidth(720)
        self.resize(760, 700)
        self.referred_by.setFocus()

    def save(self) -> bool:
        from circles_desktop.services.community import self_referral

        v = self.form.values()
        form = self_referral.SelfReferralForm(
            person_id=v["person_id"],
            referred_by=v["referred_by"] or "",
            received_on=v["received_on"],
            signposted_by_id=v["signposted_by_id"],
            details=self.fields.community_form(),
        )

        def work(s: Session) -> int:
            return self_referral.take_self_referral(s, form).id

        ok, circle_id = write(self.state, work, show=self.form)
        if ok:
            self.saved_id = circle_id
            self.accept()
        return ok

    def reject(self) -> None:
        if self.form.is_dirty and not self.form.confirm_leave():
            return
        super().reject()
