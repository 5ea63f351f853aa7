"""The learning circle's own facts: the child, why the child was selected, the Locality Management
Meeting that proposed it, the managers, the date, time and room (or virtual platform), the areas of
focus. Used in a dialog for a new learning circle and on the learning circle screen's Details tab."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from circles_desktop.models.kinds.learning import SelectionReason
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.learning.learning_fields import (
    ChildChooser,
    DateTimeField,
    PersonChooser,
    ReasonsField,
    line,
    text_box,
)

if TYPE_CHECKING:
    from circles_desktop.services.learning.learning_circles import LearningCircleForm
    from circles_desktop.ui.learning.child_record import ChildRecordDialog


class LearningDetailsForm(RecordForm):
    """The learning circle form. `circle_id` None: a new learning circle."""

    def __init__(self, state: AppState, title: str = "", circle_id: int | None = None) -> None:
        super().__init__(title)
        self.state = state
        self.circle_id = circle_id
        self.setObjectName("learning.form")
        self.child_dialog: Any = None
        self._add_child_fields()
        self._add_manager_fields()
        self._add_meeting_fields()
        self.focus = self.add_field(
            "areas_of_focus",
            "&Areas of focus",
            text_box(
                "learning.areas_of_focus",
                54,
                "e.g. We are here to understand the events that led up to the missing episodes",
            ),
        )
        self.notes = self.add_field("notes", "&Notes", text_box("learning.notes", 40))
        self.save_button.setObjectName("learning.form.save")
        self.cancel_button.setObjectName("learning.form.cancel")
        self.form_layout.setVerticalSpacing(4)
        self.reasons.boxes[SelectionReason.OTHER].toggled.connect(self._other_toggled)
        self.child.new_requested.connect(self.new_child)
        self._other_toggled(False)

    def _add_child_fields(self) -> None:
        """The child, why the child was selected, and the meeting that proposed it."""
        self.child = ChildChooser(self.state)
        self.reasons = ReasonsField()
        self.proposed_on = DateField(optional=True)
        self.proposed_on.setObjectName("learning.proposed_on")
        self.add_field("child_id", "&Child", self.child, required=True)
        self.add_field("reasons", "Why the child was &selected", self.reasons, required=True)
        self.other_reason = self.add_field(
            "other_reason",
            "&Other reason",
            line("learning.other_reason", "Other reason", "Say what the other reason is"),
        )
        self.add_field(
            "proposed_on", "&Proposed at the Locality Management Meeting on", self.proposed_on, required=True
        )

    def _add_manager_fields(self) -> None:
        self.head = PersonChooser(self.state, "learning.head")
        self.service_manager = PersonChooser(self.state, "learning.service_manager")
        self.team_manager = PersonChooser(self.state, "learning.team_manager")
        self.add_field("head_of_locality_id", "&Head of Locality", self.head, required=True)
        self.add_field("service_manager_id", "Ser&vice Manager", self.service_manager)
        self.add_field("team_manager_id", "&Team Manager", self.team_manager)

    def _add_meeting_fields(self) -> None:
        """When and where it meets, and for how long."""
        self.meets_at = DateTimeField()
        self.add_field(
            "meets_at",
            "&Date and time",
            self.meets_at,
            help="Leave the date empty until it is set; steps during and after the circle need it",
        )
        duration = QSpinBox()
        duration.setObjectName("learning.duration")
        duration.setRange(15, 480)
        duration.setSingleStep(15)
        duration.setSuffix(" minutes")
        self.duration = self.add_field("duration_minutes", "D&uration", duration)
        self.venue = self.add_field(
            "venue", "&Room or virtual platform", line("learning.venue", "Room or virtual platform", "e.g. Room 2.14")
        )
        self.virtual = self.add_field("virtual", "Virtual", QCheckBox("Held on a &virtual platform (Teams, Zoom…)"))
        self.virtual.setObjectName("learning.virtual")
        self.virtual.setAccessibleName("Held on a virtual platform")

    def _other_toggled(self, on: bool) -> None:
        self.other_reason.setEnabled(on)

    def load(self, values: Mapping[str, Any]) -> None:
        super().load(values)
        self._other_toggled(SelectionReason.OTHER in (values.get("reasons") or ()))

    # --- reading and writing ---------------------------------------------------------------------
    def load_new(self) -> None:
        self.load(
            {
                "child_id": None,
                "reasons": set(),
                "other_reason": "",
                "proposed_on": date.today(),
                "head_of_locality_id": None,
                "service_manager_id": None,
                "team_manager_id": None,
                "meets_at": None,
                "duration_minutes": 60,
                "venue": "",
                "virtual": False,
                "areas_of_focus": "",
                "notes": "",
            }
        )

    def load_circle(self, circle_id: int) -> bool:
        from circles_desktop.services.learning import learning_circles as lcs
        from circles_desktop.ui.common.operations import read

        try:  # unreadable: the screen's heading says so; the form keeps what it holds
            form = read(self.state, lambda s: lcs.learning_circle_form(s, circle_id), None)
        except Exception:
            return False
        if form is None:
            return False
        self.circle_id = circle_id
        self.load(dict(vars(form)))
        return True

    def learning_form(self) -> LearningCircleForm:
        from circles_desktop.services.learning.learning_circles import LearningCircleForm

        v = self.values()
        return LearningCircleForm(
            child_id=v["child_id"],
            reasons=set(v["reasons"] or ()),
            other_reason=(v["other_reason"] or "") if SelectionReason.OTHER in (v["reasons"] or ()) else "",
            proposed_on=v["proposed_on"],
            head_of_locality_id=v["head_of_locality_id"],
            service_manager_id=v["service_manager_id"],
            team_manager_id=v["team_manager_id"],
            meets_at=v["meets_at"],
            duration_minutes=v["duration_minutes"] or 60,
            venue=v["venue"] or "",
            virtual=bool(v["virtual"]),
            areas_of_focus=v["areas_of_focus"] or "",
            notes=v["notes"] or "",
        )

    def save(self, parent: QWidget | None = None) -> bool:
        from circles_desktop.services.learning import learning_circles as lcs

        form = self.learning_form()
        if self.circle_id is None:
            ok, new_id = write(
                self.state, lambda s: lcs.create_learning_circle(s, form).id, show=self, parent=parent or self
            )
            if ok:
                self.circle_id = new_id
            return ok
        circle_id = self.circle_id
        ok, _ = write(
            self.state, lambda s: lcs.update_learning_circle(s, circle_id, form), show=self, parent=parent or self
        )
        return ok

    # --- a new child -----------------------------------------------------------------------------
    def new_child(self, show: bool = True) -> ChildRecordDialog:
        from circles_desktop.ui.learning.child_record import ChildRecordDialog

        dialog = ChildRecordDialog(self.state, None, self)
        dialog.accepted.connect(lambda: self._child_made(dialog.saved_id))
        self.child_dialog = dialog
        if show:
            dialog.open()
        return dialog

    def _child_made(self, child_id: int | None) -> None:
        if child_id is None:
            return
        self.child.picker.refresh()
        self.child.set_value(child_id)


class NewLearningCircleDialog(FormDialog):
    """Propose a learning circle: saved, it opens on its screen."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        form = LearningDetailsForm(state, "Propose a learning circle")
        super().__init__("New learning circle", form, self._save, parent, "learning.new_dialog")
        self.details = form
        self.saved_id: int | None = None
        form.load_new()
        self.setMinimumWidth(760)
        form.child.setFocus()

    def _save(self, _values: dict[str, Any]) -> bool:
        if self.details.save(self):
            self.saved_id = self.details.circle_id
            return True
        return False
