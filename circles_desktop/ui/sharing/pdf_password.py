"""The optional password on a PDF that leaves the machine (AES-256): the tick box, the password twice,
and the problem beside them. The rule (its length, the two matching) is the export service's."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout

from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.widgets import FieldMessage, labelled, passphrase_field


class PdfPassword:
    """Built into a dialog's form; `name` prefixes the widgets' object names ("export.password")."""

    def __init__(self, name: str, protect_text: str, again_label: str = "A&gain:") -> None:
        from circles_desktop.services.sharing.minutes_export import PASSWORD_MIN

        self.protect = QCheckBox(protect_text)
        self.protect.setObjectName(f"{name}.protect")
        self.password = passphrase_field("PDF password", f"at least {PASSWORD_MIN} characters")
        self.password.setObjectName(f"{name}.password")
        self.confirm = passphrase_field("PDF password again")
        self.confirm.setObjectName(f"{name}.confirm")
        self.error = FieldMessage("Password problem")
        self.error.setObjectName(f"{name}.password_error")
        self._again_label = again_label
        self.protect.toggled.connect(self._protect_toggled)
        self._protect_toggled(False)

    def add_rows(self, form: QFormLayout, protect_beside_labels: bool = True) -> None:
        """The tick box (under the labels, or across the form), then the password twice and the problem."""
        if protect_beside_labels:
            form.addRow("", self.protect)
        else:
            form.addRow(self.protect)
        form.addRow(labelled("Pass&word:", self.password), self.password)
        form.addRow(labelled(self._again_label, self.confirm), self.confirm)
        form.addRow("", self.error)

    def _protect_toggled(self, on: bool) -> None:
        for w in (self.password, self.confirm):
            w.setEnabled(on)
            if not on:
                w.clear()
        self.error.clear_message()

    def chosen(self) -> tuple[bool, str | None]:
        """(True, the password or None when not protecting) when the rule is met; otherwise (False, None)
        with the problem shown beside the password, which has the focus."""
        from circles_desktop.services.common.validation import ValidationError
        from circles_desktop.services.sharing.minutes_export import check_password

        self.error.clear_message()
        if not self.protect.isChecked():
            return True, None
        password = self.password.text()
        try:
            check_password(password, self.confirm.text())
        except ValidationError as exc:  # a rule, shown beside the password, not a failure to report
            self.error.show_message(describe(exc))
            self.password.setFocus()
            return False, None
        return True, password

    def forget(self) -> None:
        """Clear both boxes: a password is not kept after use, nor over a lock."""
        self.password.clear()
        self.confirm.clear()
