"""The Review and ending tab: when the 12-month review falls due (from the facilitator's commitment), the
reviews so far, recording a review (the circle carries on with a new commitment, or ends with its
purpose achieved, or for another reason), and ending a circle early when its purpose is achieved.

Both dialogs show, before trying, every reason the services give for not yet."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from circles_desktop.models.kinds.community import ENDINGS, ReviewOutcome
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.forms import combo, text_box
from circles_desktop.ui.common.lists.tables import fill_table, make_table
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.problems_first import ProblemsFirstDialog
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.community.community_screen import CommunityTab

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState
    from circles_desktop.ui.community.community_screen import CommunityCircleScreen


class ReviewTab(CommunityTab):
    def __init__(self, circle_screen: CommunityCircleScreen) -> None:
        super().__init__(circle_screen, "community.review_tab")
        self.status = QLabel()
        self.status.setObjectName("review.status")
        self.status.setAccessibleName("12-month review")
        self.status.setWordWrap(True)
        self.table = make_table(("Held on", "Outcome", "Facilitator's commitment from", "Notes"), "Reviews", stretch=3)
        self.table.setObjectName("review.history")
        self.error = FieldMessage("Reviews error")
        self.review_button = button("Record the 12-month re&view…", "review.record")
        self.end_button = button("End the circle no&w…", "review.end", "End before the review, with the outcome")
        row = QHBoxLayout()
        row.addWidget(self.review_button)
        row.addWidget(self.end_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(
            Note(
                "Facilitators commit for 12 months. Then the connector goes back into the circle to see whether "
                "everyone wants to carry on. A circle whose purpose is achieved sooner can end before then."
            )
        )
        layout.addWidget(QLabel("<b>Reviews so far</b>"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.review_button.clicked.connect(lambda: self.record_review())
        self.end_button.clicked.connect(lambda: self.end_circle())

    def reload(self) -> None:
        from circles_desktop.services.community import reviews

        d = self.detail
        if d is None:
            return
        ok, rows = load(self.state, lambda s: reviews.reviews(s, self.circle_id), show=self.error)
        if ok:
            fill_table(
                self.table,
                [(uk_date(r.held_on), r.outcome_words, uk_date(r.commitment_from), r.notes) for r in rows],
                [r.id for r in rows],
                empty="No 12-month review yet.",
            )
        c = d.commitment
        if not d.is_open:
            self.status.setText(f"The circle ended on {uk_date(d.ended_on)}.")
        elif c is None:
            self.status.setText("The 12-month review falls due 12 months after a facilitator is matched.")
        else:
            days = (c.until_on - date.today()).days
            when = (
                f"in {plural(days, 'day')}" if days > 0 else ("today" if days == 0 else f"{plural(-days, 'day')} ago")
            )
            self.status.setText(
                f"<b>The 12-month review falls due on {uk_date(c.until_on)}</b> ({when}), 12 months after "
                f"{c.facilitator}'s commitment from {uk_date(c.committed_on)}."
            )
        self.review_button.setEnabled(d.is_open and c is not None)
        self.end_button.setEnabled(d.is_open)

    def forget(self) -> None:
        self.status.clear()
        fill_table(self.table, [])

    def record_review(self, show: bool = True) -> Any:
        return self.open_dialog(ReviewDialog(self.state, self.circle_id, self), show)

    def end_circle(self, show: bool = True) -> Any:
        return self.open_dialog(EndDialog(self.state, self.circle_id, self), show)


class _OutcomeDialog(ProblemsFirstDialog):
    """A date, an outcome and notes, checked against the services whenever any of them changes."""

    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None, choices: dict[str, str], **words: Any):
        super().__init__(state, parent, **words)
        self.circle_id = circle_id
        self.outcome: QComboBox = combo(choices)
        self.outcome.setObjectName(f"{words['prefix']}.outcome")
        self.outcome.setAccessibleName("Outcome")
        self.notes = text_box(70)
        self.notes.setObjectName(f"{words['prefix']}.notes")
        self.notes.setAccessibleName("Notes, and the reason for another ending")
        self.error = FieldMessage("Not recorded")
        form = QFormLayout()
        form.addRow("&Outcome:", self.outcome)
        form.addRow("&Notes:", self.notes)
        self.body.insertLayout(2, form)
        self.body.insertWidget(4, self.error)
        self.outcome.currentIndexChanged.connect(lambda _i: self.check())
        self.notes.textChanged.connect(self.check)
        self.setMinimumWidth(560)

    def finish(self, work: Any) -> bool:
        ok = write(self.state, work, show=self.error).ok
        if ok:
            self.accept()
        else:
            self.check()
        return ok


class ReviewDialog(_OutcomeDialog):
    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            state,
            circle_id,
            parent,
            {o.value: o.label for o in ReviewOutcome},
            title="The 12-month review",
            prefix="review",
            note="The connector goes back into the circle: does everyone want to carry on?",
            date_label="Held on:",
            ok_text="Record the review",
            ready_text="The review can be recorded.",
        )
        self.setObjectName("review_dialog")
        self.check()

    def _form(self, on: date) -> Any:
        from circles_desktop.services.community.reviews import ReviewForm

        return ReviewForm(on, self.outcome.currentData() or "", self.notes.toPlainText())

    def problems_on(self, s: Session, on: date) -> dict[str, str]:
        from circles_desktop.services.community import reviews

        return reviews.review_problems(s, self.circle_id, self._form(on))

    def do_it(self) -> bool:
        from circles_desktop.services.community import reviews

        form = self._form(self.on_date.value() or date.today())
        return self.finish(lambda s: reviews.record_review(s, self.circle_id, form))


class EndDialog(_OutcomeDialog):
    def __init__(self, state: AppState, circle_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            state,
            circle_id,
            parent,
            {o.value: o.label for o in ENDINGS},
            title="End the circle",
            prefix="end",
            note="A circle whose purpose is achieved before its 12-month review can end now, with the outcome.",
            date_label="Ends on:",
            ok_text="End the circle",
            ready_text="The circle can end.",
        )
        self.setObjectName("end_dialog")
        self.check()

    def _args(self, on: date) -> tuple[date, str, str]:
        return on, self.outcome.currentData() or "", self.notes.toPlainText()

    def problems_on(self, s: Session, on: date) -> dict[str, str]:
        from circles_desktop.services.community import reviews

        return reviews.end_problems(s, self.circle_id, *self._args(on))

    def do_it(self) -> bool:
        from circles_desktop.services.community import reviews

        on, how, reason = self._args(self.on_date.value() or date.today())
        return self.finish(lambda s: reviews.end_circle(s, self.circle_id, on, how, reason))
