"""The form for setting up a circle (new, from an accepted referral, or editing its details)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from circles_desktop.models.vocab import CircleKind, CosaVariant, PersonPart
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circle_pickers import people_fetch, referral_picker
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.pickers.search_picker import SearchPicker

KIND_CHOICES = {k.value: k.label for k in CircleKind}
VARIANT_CHOICES = {v.value: v.label for v in CosaVariant}


class CircleFormDialog(FormDialog):
    """New circle (optionally from a referral) or, with `circle_id`, the circle's details.
    `saved_id` is the circle's id once saved."""

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        circle_id: int | None = None,
        referral_id: int | None = None,
        leave_out: Collection[str] = (),
    ) -> None:
        self.state = state
        # Kinds with a new-circle form of their own are not offered here (an existing circle keeps its kind).
        self._kinds = {k: v for k, v in KIND_CHOICES.items() if circle_id is not None or k not in leave_out}
        self.circle_id = circle_id
        self.saved_id: int | None = None
        self._referral_id = referral_id
        title = "Circle details" if circle_id else "New circle"
        form = RecordForm(title)
        self._build_kind(form)
        self.referral = referral_picker(
            state, lambda: self.kind.currentData(), lambda: self._keep_referral(), name="circle_form.referral"
        )
        form.add_field(
            "referral_id",
            "Referral",
            self.referral,
            help="Accepted referrals that no circle has been formed from yet. The circle is about the person referred.",
        )
        self.title = QLineEdit()
        self.title.setObjectName("circle_form.title")
        form.add_field(
            "title", "Title", self.title, help="Optional for a CoSA circle; the core member's name is shown anyway."
        )
        self.coordinator = SearchPicker(people_fetch(state, None), placeholder="Search everyone…", blank="— choose —")
        # With nothing typed the list shows the coordinators already recorded; typing searches everyone.
        self.coordinator.set_fetch(lambda text: people_fetch(state, None if text else PersonPart.COORDINATOR)(text))
        form.add_field("coordinator_id", "Coordinator", self.coordinator.named("circle_form.coordinator"))
        self._build_dates(form)
        self.purpose = QPlainTextEdit()
        self.purpose.setMaximumHeight(70)
        form.add_field("purpose", "Purpose", self.purpose)
        form.save_button.setObjectName("circle_form.save")
        super().__init__(title, form, self._save, parent, object_name="circle_form")

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.variant.currentIndexChanged.connect(self._variant_changed)
        if circle_id is not None:
            self._load_circle(circle_id)
        elif referral_id is not None:
            self._load_referral(referral_id)
        self._kind_changed()

    def _build_kind(self, form: RecordForm) -> None:
        self.kind = combo(self._kinds)
        self.kind.setObjectName("circle_form.kind")
        form.add_field("kind", "Kind of circle", self.kind, required=True)
        self.variant = combo(VARIANT_CHOICES, include_blank="— choose —")
        self.variant.setObjectName("circle_form.variant")
        form.add_field(
            "variant",
            "Kind of CoSA circle",
            self.variant,
            required=True,
            help="Adult community, prison / through the gate, intellectual disability, or young person.",
        )

    def _build_dates(self, form: RecordForm) -> None:
        self.started = DateField()
        self.started.setObjectName("circle_form.started_on")
        form.add_field("started_on", "Started forming on", self.started, required=True)
        self.release = DateField(optional=True)
        self.release.setObjectName("circle_form.release")
        form.add_field(
            "expected_release_on",
            "Expected release date",
            self.release,
            help="For a prison / through-the-gate circle: the circle starts months before release.",
        )

    # --- filling ---------------------------------------------------------------------------------
    def _keep_referral(self) -> int | None:
        return self._referral_id

    def _load_circle(self, circle_id: int) -> None:
        from circles_desktop.services.circles import circles

        f = read(self.state, lambda s: circles.circle_form(s, circle_id), None)
        if f is None:
            return
        self._referral_id = f.referral_id
        self.referral.refresh()
        names: dict[int, str] = read(self.state, lambda s: _names(s, [f.coordinator_id]), {})
        self.form.load(
            {
                "kind": f.kind,
                "variant": f.variant,
                "title": f.title,
                "started_on": f.started_on,
                "expected_release_on": f.expected_release_on,
                "purpose": f.purpose,
            }
        )
        self.referral.set_value(f.referral_id)
        coordinator = f.coordinator_id
        self.coordinator.set_value(coordinator, names.get(coordinator) if coordinator is not None else None)
        self.form.mark_clean()
        self.kind.setEnabled(False)

    def _load_referral(self, referral_id: int) -> None:
        from circles_desktop.services.circles import circle_queries

        choice = read(self.state, lambda s: circle_queries.referral_choice(s, referral_id), None)
        if choice is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(choice.circle_kind)))
        self.referral.refresh()
        self.referral.set_value(choice.id, choice.label)
        self.started.set_value(max(date.today(), choice.received_on))

    def _kind_changed(self, *_: Any) -> None:
        is_cosa = self.kind.currentData() == CircleKind.COSA
        self.variant.setEnabled(is_cosa)
        if not is_cosa:
            self.variant.setCurrentIndex(0)
        self.referral.refresh()
        self._variant_changed()

    def _variant_changed(self, *_: Any) -> None:
        prison = self.variant.currentData() == CosaVariant.PRISON
        self.release.setEnabled(prison)
        if not prison:
            self.release.set_value(None)

    # --- saving ----------------------------------------------------------------------------------
    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.circles import circles

        form = circles.CircleForm(
            kind=values["kind"],
            title=values["title"] or "",
            referral_id=values["referral_id"],
            coordinator_id=values["coordinator_id"],
            started_on=values["started_on"],
            purpose=values["purpose"] or "",
            variant=values["variant"] if values["kind"] == CircleKind.COSA else None,
            expected_release_on=values["expected_release_on"],
        )

        def work(s: Any) -> int:
            try:
                if self.circle_id is None:
                    return circles.create_circle(s, form).id
                old = circles.circle_form(s, self.circle_id)
                form.focus_person_id, form.prison_id, form.notes = old.focus_person_id, old.prison_id, old.notes
                return circles.update_circle(s, self.circle_id, form).id
            except circles.ValidationError as exc:
                raise circles.ValidationError(_onto_fields(exc.errors)) from exc

        ok, ident = write(self.state, work, show=self.form, parent=self)
        if ok:
            self.saved_id = ident
        return ok


def _onto_fields(errors: dict[str, str]) -> dict[str, str]:
    """The form has no focus-person field: the person comes from the referral."""
    errors = dict(errors)
    message = errors.pop("focus_person_id", None)
    if message and "referral_id" not in errors:
        errors["referral_id"] = f"{message} Choose the accepted referral: the circle is about the person referred."
    return errors


def _names(s: Any, ids: list[int | None]) -> dict[int, str]:
    from circles_desktop.services.people import people

    return people.names(s, [i for i in ids if i is not None])
