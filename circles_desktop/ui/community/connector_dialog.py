"""Recording a connector: who they are, the partner organisation that employs and hosts them (and
recruits and trains the facilitators), whether they are a regional connector, and if not, the regional
connector who supports them (a 13th connector for one regional connector is refused, with a message)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.operations import load, read, write
from circles_desktop.ui.common.pickers.record_search import organisation_picker, person_picker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ConnectorDialog(FormDialog):
    """New (person_id None) or an existing connector's record. Saved, `person_id` is theirs."""

    def __init__(self, state: AppState, person_id: int | None = None, parent: QWidget | None = None) -> None:
        title = "Change a connector's record" if person_id else "Record a connector"
        super().__init__(title, RecordForm(title), self._save, parent, "community.connector_dialog")
        self.state = state
        self.person_id = person_id
        form = self.form
        self.person = person_picker(state, title="Choose the connector")
        self.host = organisation_picker(state, title="Choose the partner organisation")
        self.regional = QCheckBox("A regional connector (supports up to 12 local connectors)")
        self.supported_by = QComboBox()
        self.area = QLineEdit()
        self.started_on = DateField(optional=True)
        form.add_field("person_id", "The &person", self.person, required=True, help="Press Space to search")
        form.add_field(
            "host_organisation_id", "&Employed and hosted by", self.host, required=True, help="The partner organisation"
        )
        form.add_field("regional", "&Regional", self.regional)
        form.add_field("regional_connector_id", "&Supported by", self.supported_by, help="Their regional connector")
        form.add_field("area", "&Area", self.area)
        form.add_field("started_on", "Started &on", self.started_on)
        for key in ("person_id", "host_organisation_id", "regional", "regional_connector_id", "area", "started_on"):
            form.field(key).setObjectName(f"connector.{key}")
        form.save_button.setObjectName("connector.save")
        self._fill_regionals()
        self.regional.toggled.connect(lambda on: self.supported_by.setEnabled(not on))
        if person_id is not None:
            self._load(person_id)

    def _fill_regionals(self) -> None:
        from circles_desktop.services.community import connectors

        self.supported_by.addItem("— none yet —", None)
        for ident, name in read(self.state, connectors.regional_connectors, []):
            if ident != self.person_id:
                self.supported_by.addItem(name, ident)

    def _load(self, person_id: int) -> None:
        from circles_desktop.services.community import connectors

        def work(s: Session) -> tuple[Any, str, str]:
            form = connectors.connector_form(s, person_id)
            c = connectors.get_connector(s, person_id)
            return form, c.person.display_name, c.host.name

        ok, found = load(self.state, work, show=self.form)
        if not ok:
            return
        form, name, host = found
        self.person.set_choice(person_id, name)
        self.person.setEnabled(False)
        self.host.set_choice(form.host_organisation_id, host)
        self.form.load(
            {
                "regional": form.regional,
                "regional_connector_id": form.regional_connector_id,
                "area": form.area,
                "started_on": form.started_on,
            }
        )
        self.supported_by.setEnabled(not form.regional)

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.community import connectors

        form = connectors.ConnectorForm(
            person_id=values["person_id"],
            host_organisation_id=values["host_organisation_id"],
            regional=bool(values["regional"]),
            regional_connector_id=None if values["regional"] else values["regional_connector_id"],
            area=values["area"] or "",
            started_on=values["started_on"],
        )
        ok, pid = write(self.state, lambda s: connectors.save_connector(s, form).person_id, show=self.form, parent=self)
        if ok:
            self.person_id = pid
        return ok
