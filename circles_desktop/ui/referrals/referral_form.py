"""One referral: its details (a RecordForm), the steps it has walked, and its risk assessment reports.

A CoSA referral comes from a professional (the referrer); a Community Circle takes self-referrals
only, so for one the referrer is hidden and "Signposted by" (an organisation) is shown instead, with
the person's purpose required. Every rule is the service's; its message shows beside the field.
"""

from __future__ import annotations

from dataclasses import asdict
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import CircleKind, ReferralStatus
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.referrals.referrals import REFERRABLE
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, RecordForm, combo, text_box
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.pickers.record_picker import RecordPicker
from circles_desktop.ui.common.pickers.record_search import organisation_picker, person_picker, professional_picker
from circles_desktop.ui.common.widgets import Note, tone, tone_style
from circles_desktop.ui.referrals.referral_steps import ReferralStepper, StepButtons, StepDialog
from circles_desktop.ui.referrals.risk_report_panel import RiskReportsPanel

KINDS = {kind.value: kind.label for kind in REFERRABLE}
MAPPA_CATEGORIES = {1: "1 — registered sexual offender", 2: "2 — violent offender", 3: "3 — other dangerous offender"}
MAPPA_LEVELS = {1: "1 — ordinary agency management", 2: "2 — multi-agency management", 3: "3 — senior multi-agency"}
PICKERS = ("person_id", "referrer_id", "signposted_by_id")


def _notes_box(lines: int = 3) -> QPlainTextEdit:
    box = text_box()
    box.setFixedHeight(14 + lines * box.fontMetrics().lineSpacing())
    return box


class ReferralEditor(RecordForm):
    """The referral's own fields. `form_values()` gives a services.referrals.ReferralForm."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.state = state
        self.setObjectName("referral.form")
        self.kind = combo(KINDS)
        self.person = person_picker(state, title="Choose the person referred")
        self.referrer = professional_picker(state, title="Choose the referrer")
        self.signposted_by = organisation_picker(state, title="Choose the organisation that signposted")
        self.received_on = DateField()
        self.purpose = _notes_box()
        self.eligibility = _notes_box()
        self.suitability = _notes_box()
        self.mappa_category = combo(MAPPA_CATEGORIES, include_blank="")
        self.mappa_level = combo(MAPPA_LEVELS, include_blank="")
        for key, label, widget, required, help_text in (
            (
                "circle_kind",
                "Kind of circle",
                self.kind,
                True,
                "CoSA circles take referrals from professionals; Community Circles take self-referrals only.",
            ),
            ("person_id", "Person referred", self.person, True, "Click or press Space to search for the person."),
            (
                "referrer_id",
                "Referrer",
                self.referrer,
                True,
                "The professional who made the referral, such as "
                "a probation officer or police offender manager. Their organisation is recorded as the agency.",
            ),
            (
                "signposted_by_id",
                "Signposted by",
                self.signposted_by,
                False,
                "An agency that pointed the person "
                "to a Community Circle. Agencies may signpost but not refer. Delete clears it.",
            ),
            ("received_on", "Received on", self.received_on, True, ""),
            ("purpose", "Purpose", self.purpose, False, "What the person wants a circle for, in their words."),
            ("eligibility_notes", "Eligibility notes", self.eligibility, False, "From the initial discussion."),
            ("suitability_notes", "Suitability notes", self.suitability, False, "From the initial discussion."),
            ("mappa_category", "MAPPA category", self.mappa_category, False, ""),
            ("mappa_level", "MAPPA level", self.mappa_level, False, ""),
        ):
            self.add_field(key, label, widget, required=required, help=help_text)
            widget.setObjectName(f"referral.{key}")
        self.save_button.setObjectName("referral.save")
        self.cancel_button.setObjectName("referral.cancel")
        self.kind.currentIndexChanged.connect(lambda _i: self.show_kind())
        self.show_kind()

    # --- the kind decides the fields -------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind.currentData() or CircleKind.COSA

    def show_kind(self) -> None:
        cosa = self.current_kind() == CircleKind.COSA
        for key, visible in (
            ("referrer_id", cosa),
            ("signposted_by_id", not cosa),
            ("mappa_category", cosa),
            ("mappa_level", cosa),
        ):
            self.form_layout.setRowVisible(self.field(key).parentWidget(), visible)
        # A Community Circle starts with "a person, a purpose": the purpose is required there.
        label = self.form_layout.labelForField(self.field("purpose").parentWidget())
        if isinstance(label, QLabel):
            label.setText("Purpose *" if not cosa else "Purpose")
        self.purpose.setAccessibleName("Purpose (required)" if not cosa else "Purpose")

    # --- values ----------------------------------------------------------------------------------
    def form_values(self) -> Any:
        from circles_desktop.services.referrals.referrals import ReferralForm

        v = self.values()
        cosa = self.current_kind() == CircleKind.COSA
        # Hidden fields keep what was typed (switching back restores it) but are not sent.
        return ReferralForm(
            circle_kind=self.current_kind(),
            person_id=v["person_id"],
            referrer_id=v["referrer_id"] if cosa else None,
            signposted_by_id=None if cosa else v["signposted_by_id"],
            received_on=v["received_on"],
            purpose=v["purpose"],
            eligibility_notes=v["eligibility_notes"],
            suitability_notes=v["suitability_notes"],
            mappa_category=v["mappa_category"] if cosa else None,
            mappa_level=v["mappa_level"] if cosa else None,
        )

    def load_view(self, view: Any | None) -> None:
        """Fill from a services.referral_queries.ReferralView (None: a new, empty referral)."""
        from circles_desktop.services.referrals.referrals import ReferralForm

        if view is None:
            for key in PICKERS:
                self.picker(key).set_choice(None)
            self.load(asdict(ReferralForm()) | {"received_on": None})
        else:
            self.person.set_choice(view.form.person_id, view.person_name)
            self.referrer.set_choice(view.form.referrer_id, view.referrer_label)
            self.signposted_by.set_choice(view.form.signposted_by_id, view.signposted_by_label)
            self.load(asdict(view.form))
        self.show_kind()

    def picker(self, key: str) -> RecordPicker:
        widget = self.field(key)
        assert isinstance(widget, RecordPicker)
        return widget


class ReferralPage(QWidget):
    """A referral: header, the steps, its details and its risk reports."""

    closed = Signal()  # back to the list (after any unsaved-changes prompt)
    saved = Signal(int)
    create_circle_requested = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.referral_id: int | None = None
        self.view: Any = None
        self.step_dialog: StepDialog | None = None
        self.setObjectName("referral.page")
        self.setAccessibleName("Referral")
        header = self._build_header()
        steps = self._build_steps()
        self.editor = ReferralEditor(state)
        self.reports = RiskReportsPanel(state)
        body = QHBoxLayout()
        body.addWidget(self._details(self.editor), 11)
        body.addWidget(self.reports, 9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(steps)
        layout.addLayout(body, 1)

        self.back_button.clicked.connect(self.leave)
        self.editor.save_requested.connect(self.save)
        self.editor.cancelled.connect(self.closed.emit)
        self.step_buttons.step_clicked.connect(self.ask_step)
        self.create_circle_button.clicked.connect(self._create_circle)
        self.print_button.clicked.connect(self.print_summary)
        self.editor.kind.currentIndexChanged.connect(self._kind_changed)
        state.locked.connect(self._on_locked)
        state.unlocked.connect(lambda _db: self.refresh_view())
        self._show_view()

    def _build_header(self) -> QHBoxLayout:
        self.back_button = QPushButton("← &Referrals")
        self.back_button.setObjectName("referral.back")
        self.back_button.setAccessibleName("Back to the referrals list")
        self.back_button.setToolTip("Back to the list (Alt+R)")
        self.title = QLabel()
        self.title.setObjectName("referral.title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.saved_note = QLabel()
        self.saved_note.setStyleSheet(tone_style("good"))
        self.saved_note.setAccessibleName("Save result")
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(8)
        header.addWidget(self.title, 1)
        header.addWidget(self.saved_note)
        return header

    def _build_steps(self) -> QGroupBox:
        self.stepper = ReferralStepper()
        self.step_buttons = StepButtons()
        self.step_buttons.setObjectName("referral.step_buttons")
        self.create_circle_button = QPushButton("Create &circle from this referral")
        self.create_circle_button.setObjectName("referral.create_circle")
        self.create_circle_button.setStyleSheet("font-weight: bold;")
        self.print_button = QPushButton("&Print summary…")
        self.print_button.setObjectName("referral.print_summary")
        self.print_button.setToolTip("Print a summary of this referral, its steps and risk reports")
        self.step_note = Note()
        self.step_note.setObjectName("referral.step_note")
        steps_box = QGroupBox("Steps")
        steps_box.setObjectName("referral.steps")
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.addWidget(self.stepper)
        actions = QHBoxLayout()
        actions.addWidget(self.step_buttons)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.create_circle_button)
        steps_layout.addLayout(actions)
        steps_layout.addWidget(self.step_note)
        return steps_box

    @staticmethod
    def _details(editor: ReferralEditor) -> QGroupBox:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(editor)
        details = QGroupBox("Details")
        box = QVBoxLayout(details)
        box.addWidget(scroll)
        box.setContentsMargins(4, 4, 4, 4)
        return details

    def _kind_changed(self, _index: int) -> None:
        if self.referral_id is None:  # a new referral's steps follow the kind chosen
            self._show_view()

    # --- opening ---------------------------------------------------------------------------------
    def new_referral(self) -> None:
        self.referral_id, self.view = None, None
        self.editor.load_view(None)
        self.editor.received_on.set_value(None)  # today
        self.editor.mark_clean()
        self.saved_note.clear()
        self.reports.set_referral(None)
        self._show_view()
        self.editor.kind.setFocus()

    def open_referral(self, referral_id: int) -> bool:
        self.referral_id = referral_id
        self.saved_note.clear()
        if not self.refresh_view(load_form=True):
            return False
        self.reports.set_referral(referral_id)
        self.editor.person.setFocus()
        return True

    def refresh_view(self, load_form: bool = False) -> bool:
        """Read the referral again (steps, status); the form's fields only when asked, so unsaved
        typing survives a lock or a step."""
        referral_id = self.referral_id
        if referral_id is None or self.state.is_locked:
            self._show_view()
            return referral_id is None
        from circles_desktop.services.referrals import referral_queries

        outcome = load(self.state, lambda s: referral_queries.referral_view(s, referral_id), show=self.editor)
        if not outcome.ok:
            return False
        self.view = outcome.value
        if load_form:
            self.editor.load_view(self.view)
        self._show_view()
        return True

    def print_summary(self) -> bool:
        from circles_desktop.ui.sharing.print_documents import print_referral_summary

        return self.referral_id is not None and print_referral_summary(self.state, self, self.referral_id)

    def _show_view(self) -> None:
        view = self.view
        if view is None:
            self.title.setText("<h2>New referral</h2>")
            self.stepper.show_steps(self.editor.current_kind(), None, ())
            self.step_buttons.show_steps(())
            self.create_circle_button.hide()
            self.print_button.hide()
            self.step_note.setText("Save the referral to start walking its steps.")
            return
        status = ReferralStatus(view.status).label
        self.title.setText(
            f"<h2>{view.reference} · {escape(view.person_name, quote=False)} "
            f"<span style='font-weight: normal; color: {tone('note')};'>· {CircleKind(view.form.circle_kind).label} · "
            f"{status} since {uk_date(view.status_on)}</span></h2>"
        )
        self.stepper.show_steps(view.form.circle_kind, view.status, view.steps)
        self.step_buttons.show_steps(view.next_steps)
        self.print_button.show()
        accepted = view.status == ReferralStatus.ACCEPTED
        self.create_circle_button.setVisible(accepted)
        self.create_circle_button.setEnabled(accepted and not view.circle_ids)
        self.create_circle_button.setToolTip(
            "A circle has already been formed from this referral."
            if view.circle_ids
            else "Start a circle with the person referred as its focus person."
        )
        last = view.steps[-1] if view.steps else None
        if last is not None and last.reason:
            self.step_note.setText(f"{ReferralStatus(last.status).label} on {uk_date(last.on_date)}: {last.reason}")
        elif not view.next_steps:
            self.step_note.setText("This referral is closed; it moves no further.")
        else:
            self.step_note.setText("Each step is recorded with its date; steps only move forward.")

    def _on_locked(self) -> None:
        self.view = None if self.referral_id is not None else self.view
        self.stepper.clear()
        self.step_buttons.show_steps(())
        self.create_circle_button.hide()
        self.title.setText("<h2>Referral</h2>" if self.referral_id is not None else "<h2>New referral</h2>")

    # --- saving and leaving ----------------------------------------------------------------------
    def save(self) -> bool:
        from circles_desktop.services.referrals import referrals

        form, referral_id = self.editor.form_values(), self.referral_id

        def work(s: Any) -> int:
            if referral_id is None:
                return referrals.create_referral(s, form).id
            return referrals.update_referral(s, referral_id, form).id

        outcome = write(self.state, work, show=self.editor)
        if not outcome.ok:
            return False
        referral_id = outcome.value
        created = self.referral_id is None
        self.referral_id = referral_id
        self.refresh_view()
        if created:
            self.reports.set_referral(referral_id)
        self.saved_note.setText("Saved.")
        self.saved.emit(referral_id)
        return True

    def can_leave(self) -> bool:
        """True when nothing is unsaved, or the coordinator saved or discarded it."""
        return self.editor.confirm_leave(save=self.save)

    def leave(self) -> None:
        if self.can_leave():
            self.closed.emit()

    # --- steps -----------------------------------------------------------------------------------
    def ask_step(self, status: str) -> None:
        if self.referral_id is None:
            return
        if self.step_dialog is not None:  # the last one is finished with
            self.step_dialog.deleteLater()
        self.step_dialog = StepDialog(self.state, self.referral_id, status, self.window())
        self.step_dialog.moved.connect(self._moved)
        self.step_dialog.open()
        self.step_dialog.on_date.setFocus()

    def _moved(self, status: str) -> None:
        self.refresh_view()
        self.saved_note.setText(f"Moved to {ReferralStatus(status).label.lower()}.")
        self.saved.emit(self.referral_id or 0)
        QTimer.singleShot(0, self._focus_next_step)  # once the window has the keyboard back from the dialog

    def _focus_next_step(self) -> None:
        # Left alone, the keyboard went back to the window's first widget (the step pressed is gone):
        # put it on what comes next instead, so the steps walk by Enter alone.
        if self.create_circle_button.isVisibleTo(self):
            self.create_circle_button.setFocus()
        elif self.step_buttons.buttons:
            next(iter(self.step_buttons.buttons.values())).setFocus()

    def _create_circle(self) -> None:
        if self.referral_id is not None:
            self.create_circle_requested.emit(self.referral_id)
