"""The fields about a person and their purpose, added to a RecordForm: what their circle is for and their
purpose in their own words, what matters to them, how they would like to be contacted, the connector,
where and when the circle can meet, what they enjoy, and what they agree their facilitator may have.

The self-referral dialog and the circle's Person and purpose tab both use these, so the two never
differ; the keys are the services' field names, so each message lands beside its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from circles_desktop.models.kinds.community import ContactWay, PurposeKind
from circles_desktop.ui.common.forms import RecordForm, combo, text_box
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.people.volunteer_section import AvailabilityGrid

if TYPE_CHECKING:
    from circles_desktop.services.community.community_circles import CommunityForm
    from circles_desktop.ui.app.app_state import AppState

KEYS = (
    "purpose_kind",
    "purpose",
    "what_matters",
    "contact_by",
    "contact_notes",
    "connector_id",
    "area",
    "postcode_district",
    "times",
    "interests",
    "share_what_matters",
    "share_contact",
)


class PurposeFields:
    """The fields, in a form; `community_form()` reads them, `load(form)` fills them."""

    def __init__(self, state: AppState, form: RecordForm) -> None:
        self.state = state
        self.form = form
        self.purpose_kind = combo({k.value: k.label for k in PurposeKind}, include_blank="— choose —")
        self.purpose = text_box(70)
        self.what_matters = text_box(56)
        self.contact_by = combo({c.value: c.label for c in ContactWay}, include_blank="— choose —")
        self.contact_notes = QLineEdit()
        self.contact_notes.setPlaceholderText("e.g. after 4pm; please do not leave a voicemail")
        self.connector = QComboBox()
        self.area = QLineEdit()
        self.area.setPlaceholderText("Town or area where the circle can meet")
        self.postcode_district = QLineEdit()
        self.postcode_district.setPlaceholderText("The first half of the postcode, e.g. ST4")
        self.times = AvailabilityGrid()
        self.interests = QLineEdit()
        self.interests.setPlaceholderText("Separate with commas: gardening, local history, music")
        self.share_what_matters = QCheckBox("What matters to them may go to their facilitator and on their plan")
        self.share_contact = QCheckBox("Their facilitator may have their contact details")
        self._add()

    def _add(self) -> None:
        f = self.form
        f.add_field("purpose_kind", "What their circle is f&or", self.purpose_kind, required=True)
        f.add_field(
            "purpose",
            "T&heir purpose",
            self.purpose,
            required=True,
            help="In their own words: meeting new people, problem solving, finding help and support, or anything else",
        )
        f.add_field("what_matters", "&What matters to them", self.what_matters, help="In their own words")
        f.add_field("contact_by", "How they like to be contacte&d", self.contact_by, required=True)
        f.add_field("contact_notes", "Contact notes", self.contact_notes)
        f.add_field(
            "connector_id", "Connector", self.connector, required=True, help="Supports the first three meetings"
        )
        f.add_field("area", "Town or &area", self.area)
        f.add_field("postcode_district", "Postcode distr&ict", self.postcode_district)
        f.add_field("times", "When they can meet", self.times, help="For matching a facilitator who is free then")
        f.add_field(
            "interests", "What they en&joy", self.interests, help="For matching a facilitator with shared interests"
        )
        f.add_field("share_what_matters", "They agree", self.share_what_matters)
        f.add_field("share_contact", "", self.share_contact)
        for key in KEYS:
            self.form.field(key).setObjectName(f"community.{key}")

    def refresh_connectors(self) -> None:
        """The connectors to choose from, read again (the one chosen stays chosen)."""
        from circles_desktop.services.community import connectors

        keep = self.connector.currentData()
        options: list[tuple[int, str]] = read(self.state, connectors.connector_choices, [])
        self.connector.blockSignals(True)
        self.connector.clear()
        self.connector.addItem("— choose —", None)
        for ident, text in options:
            self.connector.addItem(text, ident)
        self.connector.setCurrentIndex(max(self.connector.findData(keep), 0))
        self.connector.blockSignals(False)

    def community_form(self) -> CommunityForm:
        from circles_desktop.services.community.community_circles import CommunityForm

        v = self.form.values()
        return CommunityForm(
            purpose_kind=v["purpose_kind"] or "",
            purpose=v["purpose"] or "",
            what_matters=v["what_matters"] or "",
            contact_by=v["contact_by"] or "",
            contact_notes=v["contact_notes"] or "",
            connector_id=v["connector_id"],
            area=v["area"] or "",
            postcode_district=v["postcode_district"] or "",
            times=set(v["times"]),
            interests=[i.strip() for i in (v["interests"] or "").split(",") if i.strip()],
            share_what_matters=bool(v["share_what_matters"]),
            share_contact=bool(v["share_contact"]),
        )

    def values_of(self, form: CommunityForm | None) -> dict[str, Any]:
        """What RecordForm.load takes for these fields (None: an empty, new record)."""
        if form is None:
            return {key: None for key in KEYS} | {"times": set(), "share_what_matters": False, "share_contact": False}
        values = {key: getattr(form, key) for key in KEYS}
        values["interests"] = ", ".join(form.interests)
        return values
