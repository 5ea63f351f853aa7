"""The Consent tab: what the core member (and, for a young person, a parent or carer) agreed each
outer-circle recipient may receive, as a matrix of recipients × categories on a chosen date, with
the whole history below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.consent.consent import CATEGORIES
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.lists.tables import USER_ROLE, fill_table, make_table, selected_id
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import read, report, write
from circles_desktop.ui.common.widgets import ON_LIGHT, Note, tone_style
from circles_desktop.ui.sharing.held_documents import open_held_documents

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen

GIVEN_BRUSH = QBrush(QColor("#dcefe6"))
ORG_BRUSH = QBrush(QColor("#eef1f5"))
ON_LIGHT_BRUSH = QBrush(QColor(ON_LIGHT))
HISTORY_HEADERS = (
    "Given on",
    "Recipient",
    "Category",
    "Given by",
    "Parent or carer",
    "Withdrawn on",
    "Reason",
    "Signed form",
)


class ConsentTab(CircleTab):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.consent")
        self.matrix_rows: list[Any] = []
        self.history: list[Any] = []
        self.held_dialog: QDialog | None = None  # the documents still held, after a withdrawal
        self.young = QLabel()
        self.young.setObjectName("consent.young_person")
        self.young.setAccessibleName("Parent or carer consent")
        self.young.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._build_matrix())
        split.addWidget(self._build_history())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.young)
        layout.addLayout(self._build_tools())
        layout.addWidget(split, 1)

    def _build_tools(self) -> QHBoxLayout:
        self.on_date = DateField()
        self.on_date.setObjectName("consent.on_date")
        self.on_date.setAccessibleName("Consent on date")
        self.today_button = QPushButton("&Today")
        self.give_button = QPushButton("&Give consent…")
        self.give_button.setObjectName("consent.give")
        self.withdraw_button = QPushButton("&Withdraw…")
        self.withdraw_button.setObjectName("consent.withdraw")
        self.withdraw_button.setAccessibleName("Withdraw the consent chosen in the matrix or history")
        self.form_button = QPushButton("Save signed &form…")
        self.form_button.setObjectName("consent.signed_form")
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Consent on:"))
        tools.addWidget(self.on_date)
        tools.addWidget(self.today_button)
        tools.addSpacing(16)
        tools.addWidget(self.give_button)
        tools.addWidget(self.withdraw_button)
        tools.addStretch(1)
        tools.addWidget(self.form_button)
        self.on_date.dateChanged.connect(lambda _d: self.reload_matrix())
        self.today_button.clicked.connect(lambda: self.on_date.set_value(date.today()))
        self.give_button.clicked.connect(lambda: self.give())
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        self.form_button.clicked.connect(self.save_signed_form)
        return tools

    def _build_matrix(self) -> QGroupBox:
        self.matrix = QTableWidget(0, 1 + len(CATEGORIES))
        self.matrix.setObjectName("consent.matrix")
        self.matrix.setAccessibleName("Consent: outer-circle recipients by category of information")
        self.matrix.setHorizontalHeaderLabels(["Recipient", *(label(c).replace(" ", "\n", 1) for c in CATEGORIES)])
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.matrix.verticalHeader().setVisible(False)
        self.matrix.setWordWrap(True)
        self.matrix.verticalHeader().setDefaultSectionSize(self.matrix.fontMetrics().height() * 2 + 12)
        header = self.matrix.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 1 + len(CATEGORIES)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(c, 132)
        box = QGroupBox("Who may receive what (on the date chosen)")
        column = QVBoxLayout(box)
        column.addWidget(
            Note(
                "Each cell shows the date consent was given (and withdrawn, if it has been). A blank "
                "cell means nothing of that kind may be shared. “Via organisation” means consent "
                "was given to the member's organisation as a whole."
            )
        )
        column.addWidget(self.matrix)
        return box

    def _build_history(self) -> QGroupBox:
        # Who, what and when it was given are cut last; a long reason gives way first.
        self.history_table = make_table(HISTORY_HEADERS, "Consent history", stretch=1, keep=(0, 1, 2))
        self.history_table.setObjectName("consent.history")
        box = QGroupBox("History")
        QVBoxLayout(box).addWidget(self.history_table)
        return box

    # --- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from circles_desktop.services.circles import circle_queries

        self.reload_matrix()
        self.history = read(self.state, lambda s: circle_queries.consent_history_rows(s, self.circle_id), [])
        fill_table(
            self.history_table,
            [
                (
                    uk_date(h.given_on),
                    h.recipient,
                    label(h.category),
                    h.given_by,
                    h.parent_carer,
                    uk_date(h.withdrawn_on),
                    h.withdrawn_reason,
                    "Yes" if h.has_signed_form else "",
                )
                for h in self.history
            ],
            [h.id for h in self.history],
        )
        if self.circle_screen.is_young_person:
            self._show_parent_carer_consent()
        else:
            self.young.hide()
        self.give_button.setEnabled(not self.circle_screen.is_closed)

    def _show_parent_carer_consent(self) -> None:
        """A young person's circle needs a parent's or carer's consent as well: say whether there is one."""
        from circles_desktop.services.circles import circle_queries, circles

        cid, today = self.circle_id, date.today()

        def work(s: Any) -> tuple[bool, list[Any]]:
            return circles.has_parent_carer_consent(s, cid, today), circle_queries.parent_carers(s, cid)

        nothing: tuple[bool, list[Any]] = (False, [])
        has, carers = read(self.state, work, nothing)
        names = ", ".join(p.name for p in carers) or "none added yet"
        if has:
            self.young.setText(
                f"Young person's circle: a parent's or carer's consent is recorded "
                f"(parents and carers in the circle: {names})."
            )
            self.young.setStyleSheet(tone_style("good") + " font-weight: bold;")
        else:
            self.young.setText(
                "Young person's circle: a parent or carer must consent as well as the young person. "
                f"No parent's or carer's consent is recorded yet (parents and carers in the circle: {names}). "
                "The circle cannot become active until it is."
            )
            self.young.setStyleSheet(tone_style("warning"))
        self.young.show()

    def reload_matrix(self) -> None:
        from circles_desktop.services.consent import consent

        on = self.on_date.value() or date.today()
        cid = self.circle_id

        def work(s: Any) -> tuple[list[Any], dict[int, Any]]:
            rows = consent.consent_matrix(s, cid, on)
            via = {
                r.recipient.id: consent.covered_through_organisation(s, cid, r.recipient.id, on)
                for r in rows
                if r.recipient.kind == "member"
            }
            return rows, via

        nothing: tuple[list[Any], dict[int, Any]] = ([], {})
        rows, via = read(self.state, work, nothing)
        self.matrix_rows = rows
        self.matrix.setRowCount(0)
        self.matrix.setRowCount(len(rows))
        for r, row in enumerate(rows):
            who = row.recipient
            text = f"{who.name}\n{who.organisation}" if who.kind == "member" else f"{who.name}\n(whole organisation)"
            item = QTableWidgetItem(text)
            item.setData(USER_ROLE, (who.kind, who.id))
            self.matrix.setItem(r, 0, item)
            for c, category in enumerate(CATEGORIES, start=1):
                through_organisation = category in via.get(who.id, ())
                self.matrix.setItem(
                    r, c, _matrix_cell(who, category, row.cells.get(category), through_organisation, on)
                )

    def clear(self) -> None:
        self.matrix_rows, self.history = [], []
        self.matrix.setRowCount(0)
        self.history_table.setRowCount(0)
        self.young.clear()

    def cell_text(self, recipient_name: str, category: str) -> str:
        """What the matrix shows for a recipient and category (for tests and screen readers)."""
        col = 1 + CATEGORIES.index(category)
        for r, row in enumerate(self.matrix_rows):
            item = self.matrix.item(r, col)
            if row.recipient.name == recipient_name and item is not None:
                return item.text()
        raise KeyError(recipient_name)

    # --- giving and withdrawing ------------------------------------------------------------------
    def give(self) -> GiveConsentDialog:
        """The Give-consent dialog, starting from the cells chosen in the matrix: their recipient, and
        their categories ticked."""
        recipient, categories = self.chosen_cells()
        return self.open_dialog(GiveConsentDialog(self.circle_screen, self, recipient, categories))

    def chosen_cells(self) -> tuple[str | None, list[str]]:
        """The recipient ("member:3", "organisation:7") of the cell chosen in the matrix, and the
        categories of the cells chosen in that recipient's row."""
        current = self.matrix.currentIndex()
        if not current.isValid():
            return None, []
        head = self.matrix.item(current.row(), 0)
        kind, ident = head.data(USER_ROLE) if head is not None else (None, None)
        if kind is None:
            return None, []
        columns = {i.column() for i in self.matrix.selectedIndexes() if i.row() == current.row()} | {current.column()}
        return f"{kind}:{ident}", [CATEGORIES[c - 1] for c in sorted(columns) if c >= 1]

    def chosen_consents(self) -> list[int]:
        """Consents chosen in the matrix (cells), or else the one chosen in the history."""
        ids: list[int] = []
        for item in self.matrix.selectedItems():
            value = item.data(USER_ROLE)
            if isinstance(value, int):
                ids.append(value)
        if not ids:
            ident = selected_id(self.history_table)
            if ident is not None:
                ids.append(ident)
        return sorted(set(ids))

    def withdraw(self, ids: list[int] | None = None) -> FormDialog | None:
        from circles_desktop.services.consent import consent

        ids = ids if ids is not None else self.chosen_consents()
        if not ids:
            QMessageBox.information(
                self,
                "Withdraw consent",
                "Choose the consent to withdraw: one or more given cells in the matrix, or a row of the history.",
            )
            return None
        form = RecordForm(f"Withdraw {plural(len(ids), 'consent')}")
        form.form_layout.addRow(self._withdrawing(ids))
        withdrawn_on = DateField()
        withdrawn_on.setObjectName("withdraw.date")
        form.add_field(
            "withdrawn_on", "Withdrawn from", withdrawn_on, required=True, help="Consent stops counting on this date."
        )
        reason = QLineEdit()
        reason.setObjectName("withdraw.reason")
        form.add_field("reason", "Reason", reason)
        form.save_button.setObjectName("withdraw.save")

        def work(s: Any) -> list[Any]:
            from circles_desktop.services.sharing import sharing

            values = form.values()
            for cid in ids:
                consent.withdraw_consent(s, cid, values["withdrawn_on"], values["reason"] or "")
            return sharing.still_held_under(s, ids)  # what the recipient holds under it: said at once

        def save(_values: dict[str, Any]) -> bool:
            outcome = write(self.state, work, show=form, parent=dialog)
            if outcome.ok:  # once this dialog has closed, so that the next one has the cursor
                self.held_dialog = None
                dialog.accepted.connect(lambda: self._say_held(outcome.value))
            return outcome.ok

        dialog = FormDialog("Withdraw consent", form, save, self, object_name="withdraw_dialog")
        return self.open_dialog(dialog)

    def _say_held(self, rows: list[Any]) -> None:
        """The documents the recipient still holds under the consent just withdrawn, said at once."""
        self.held_dialog = open_held_documents(self.state, rows, self.circle_screen)
        if self.held_dialog is not None:  # asked back there: the register shows it
            self.held_dialog.accepted.connect(self.circle_screen.saved)

    def _withdrawing(self, ids: list[int]) -> QLabel:
        """Which consent this withdraws, in words: recipient, category and the date it was given."""
        by_id = {h.id: h for h in self.history}
        lines = [
            f"• {h.recipient}: {label(h.category)}, given {uk_date(h.given_on)}"
            for cid in ids
            if (h := by_id.get(cid)) is not None
        ]
        words = QLabel("Withdrawing:\n" + "\n".join(lines) if lines else "")
        words.setObjectName("withdraw.what")
        words.setAccessibleName("The consent being withdrawn")
        words.setWordWrap(True)
        return words

    def save_signed_form(self) -> None:
        from circles_desktop.services.consent import consent

        ids = self.chosen_consents()
        if not ids:
            QMessageBox.information(self, "Signed form", "Choose a consent that has a signed form first.")
            return
        ok, found = write(self.state, lambda s: consent.signed_form_file(s, ids[0]), parent=self, title="Signed form")
        if not ok:
            return
        if found is None:
            QMessageBox.information(self, "Signed form", "No signed form was attached to that consent.")
            return
        name, _media, content = found
        target, _ = QFileDialog.getSaveFileName(self, "Save the signed consent form", name)
        if target:
            try:
                Path(target).write_bytes(content)
            except OSError as exc:  # a file the coordinator chose, not a record: say why, as any failure
                report(exc, parent=self, title="Signed form")


def _matrix_cell(who: Any, category: str, cell: Any, through_organisation: bool, on: date) -> QTableWidgetItem:
    """One cell of the matrix: consent given (and withdrawn), given to the organisation, or none."""
    if cell is not None:
        words = f"✓ Given {uk_date(cell.given_on)}"
        if cell.withdrawn_on:
            words += f"\nwithdrawn from {uk_date(cell.withdrawn_on)}"
        item = QTableWidgetItem(words)
        item.setData(USER_ROLE, cell.consent_id)
        item.setBackground(GIVEN_BRUSH)
        item.setForeground(ON_LIGHT_BRUSH)  # its own text colour on its own light green, on any palette
        item.setToolTip(f"{who.name}: {label(category)}, {words.replace(chr(10), ', ')}")
    elif through_organisation:
        item = QTableWidgetItem("Via organisation")
        item.setBackground(ORG_BRUSH)
        item.setForeground(ON_LIGHT_BRUSH)
        item.setToolTip(f"Consent was given to {who.organisation} as a whole.")
    else:
        item = QTableWidgetItem("")
        item.setToolTip(f"{who.name}: no consent for {label(category).lower()} on {uk_date(on)}.")
    return item


class CategoryChecks(QWidget):
    """One tick box per shareable category; value() is the list ticked."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        for c in CATEGORIES:
            check = QCheckBox(label(c))
            check.setObjectName(f"give.category.{c}")
            check.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[c] = check
            box.addWidget(check)
        self.setFocusProxy(self.boxes[CATEGORIES[0]])

    def value(self) -> list[str]:
        return [c for c, b in self.boxes.items() if b.isChecked()]

    def set_value(self, value: Any) -> None:
        for c, b in self.boxes.items():
            b.setChecked(c in (value or ()))


class FileChoice(QWidget):
    """A file to attach: its path, chosen with a file dialog; value() is the path or None."""

    changed = Signal()

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.caption = caption
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("No file attached")
        self.choose = QPushButton("Choose…")
        self.clear_button = QPushButton("Clear")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear_button)
        self.choose.clicked.connect(self._choose)
        self.clear_button.clicked.connect(lambda: self.set_value(None))

    def _choose(self) -> None:
        kinds = "Signed forms (*.pdf *.png *.jpg *.jpeg);;All files (*)"
        name, _ = QFileDialog.getOpenFileName(self, self.caption, "", kinds)
        if name:
            self.set_value(name)

    def value(self) -> str | None:
        return self.path.text() or None

    def set_value(self, value: Any) -> None:
        self.path.setText(value or "")
        self.changed.emit()


Choices = tuple[list[Any], dict[int, str], list[Any]]  # recipients, organisations, parents and carers
YOUNG_PERSON_NOTE = "This is a young person's circle: record the parent's or carer's consent with the young person's."


class GiveConsentDialog(FormDialog):
    """Consent from the core member (or a parent or carer) for one recipient: an outer-circle member, or
    an organisation as a whole."""

    def __init__(
        self,
        circle_screen: CircleScreen,
        parent: QWidget | None = None,
        recipient: str | None = None,
        categories: list[str] | None = None,
    ) -> None:
        """`recipient` ("member:3") and `categories`: where to start (the matrix cells chosen)."""
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        nothing: Choices = ([], {}, [])
        recipients, organisations, carers = read(self.state, _choices(circle_screen.circle_id), nothing)
        form = RecordForm("Give consent")
        self._build_recipient(form, recipients, organisations)
        self.categories = CategoryChecks()
        form.add_field("categories", "May receive", self.categories, required=True)
        self.given_on = DateField()
        self.given_on.setObjectName("give.given_on")
        form.add_field("given_on", "Given on", self.given_on, required=True)
        self._build_given_by(form, carers)
        self.signed_form = FileChoice("Attach the signed consent form")
        form.add_field("signed_form", "Signed form", self.signed_form)
        self.notes = QLineEdit()
        form.add_field("notes", "Notes", self.notes)
        form.save_button.setObjectName("give.save")
        super().__init__("Give consent", form, self._save, parent, object_name="give_dialog")
        column = form.layout()
        if circle_screen.is_young_person and isinstance(column, QVBoxLayout):  # under the form's title
            column.insertWidget(1, Note(YOUNG_PERSON_NOTE))
        form.load({"recipient": recipient, "categories": categories or []})
        form.mark_clean()

    def _build_recipient(self, form: RecordForm, recipients: list[Any], organisations: dict[int, str]) -> None:
        self.recipient = QComboBox()
        self.recipient.setObjectName("give.recipient")
        self.recipient.addItem("— choose —", None)
        orgs = dict(organisations)
        for r in recipients:
            if r.kind == "member":
                self.recipient.addItem(
                    f"{r.name}" + (f" — {r.organisation}" if r.organisation else ""), f"member:{r.id}"
                )
            else:
                orgs[r.id] = r.name
        for oid, name in sorted(orgs.items(), key=lambda x: x[1].casefold()):
            self.recipient.addItem(f"{name} (the whole organisation)", f"organisation:{oid}")
        form.add_field(
            "recipient",
            "Recipient",
            self.recipient,
            required=True,
            help="An outer-circle member, or an organisation as a whole.",
        )

    def _build_given_by(self, form: RecordForm, carers: list[Any]) -> None:
        """Who gave it (the core member, or a parent or carer) and, for a young person, the parent or carer
        consenting as well."""
        info = self.circle_screen.info
        core_id = info.circle.focus_person_id if info else None
        core_name = info.circle.focus_person.display_name if info and info.circle.focus_person else "Core member"
        self.given_by = QComboBox()
        self.given_by.setObjectName("give.given_by")
        self.given_by.addItem(f"{core_name} (core member)", core_id)
        for p in carers:
            self.given_by.addItem(f"{p.name} (parent or carer)", p.person_id)
        form.add_field("given_by_id", "Given by", self.given_by, required=True)
        self.parent_carer = QComboBox()
        self.parent_carer.setObjectName("give.parent_carer")
        if not self.circle_screen.is_young_person:
            return
        self.parent_carer.addItem("— none —", None)
        for p in carers:
            self.parent_carer.addItem(p.name, p.person_id)
        form.add_field(
            "parent_carer_id",
            "Parent or carer also consenting",
            self.parent_carer,
            help="For a young person, a parent or carer consents as well. Add them to the circle first "
            "(Members tab, role: parent or carer).",
        )
        if len(carers) >= 1:
            self.parent_carer.setCurrentIndex(1)
        self.given_by.currentIndexChanged.connect(self._follow_given_by)

    def _follow_given_by(self, index: int) -> None:
        """Consent given by a parent or carer is their own: the field below shows them, greyed, so what is
        shown is what is saved (services.consent decides it)."""
        by_parent = index > 0
        if by_parent:
            self.parent_carer.setCurrentIndex(self.parent_carer.findData(self.given_by.currentData()))
        self.parent_carer.setEnabled(not by_parent)

    def _save(self, values: dict[str, Any]) -> bool:
        from circles_desktop.services.consent import consent

        kind, _, ident = (values["recipient"] or "::").partition(":")
        member_id = int(ident) if kind == "member" else None
        org_id = int(ident) if kind == "organisation" else None
        given_by = values["given_by_id"]
        parent_carer = values.get("parent_carer_id")
        signed = None
        if values["signed_form"]:
            path = Path(values["signed_form"])
            try:
                signed = (path.name, path.read_bytes())
            except OSError as exc:  # the file chosen cannot be read: say so beside it
                self.form.show_errors({"signed_form": describe(exc)})
                return False

        def work(s: Any) -> Any:
            return consent.give_consent(
                s,
                self.circle_screen.circle_id,
                categories=values["categories"],
                given_on=values["given_on"],
                given_by_id=given_by,
                recipient_member_id=member_id,
                recipient_organisation_id=org_id,
                parent_carer_id=parent_carer,
                signed_form=signed,
                notes=values["notes"] or "",
            )

        return write(self.state, work, show=self.form, parent=self)[0]


def _choices(circle_id: int) -> Callable[[Any], Choices]:
    """The read for the dialog's choices: today's recipients, the organisations outer-circle members
    represent, and the parents and carers in the circle."""
    from circles_desktop.services.circles import circle_queries, members
    from circles_desktop.services.consent import consent

    def work(s: Any) -> Choices:
        organisations = {
            m.organisation_id: m.organisation
            for m in members.members(s, circle_id, ring="outer")
            if m.organisation_id is not None
        }
        return consent.recipients(s, circle_id, date.today()), organisations, circle_queries.parent_carers(s, circle_id)

    return work
