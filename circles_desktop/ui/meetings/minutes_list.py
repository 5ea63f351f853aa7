"""The shared shape of the minutes panels: an ordered list on the left (each entry with its category
tag) and an editor on the right. Selecting another entry, adding one or leaving with unsaved text
asks first; every write is one short session through the services."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import ask_save_discard, confirm
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import ON_LIGHT, FieldMessage, Note, tone_style
from circles_desktop.ui.meetings.minutes_tags import CategoryTag, InternalBanner, category_combo

ID_ROLE = Qt.ItemDataRole.UserRole
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole


class _EntryView(QWidget):
    """One list entry: number, category tag and title, then a muted preview line."""

    def __init__(self, number: int, title: str, category: str, preview: str) -> None:
        super().__init__()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        self.title = QLabel(f"<b>{number}.</b> {escape(title, quote=False)}")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.tag = CategoryTag(category)
        top.addWidget(self.title, 1)
        top.addWidget(self.tag, 0, Qt.AlignmentFlag.AlignRight)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(2)
        box.addLayout(top)
        if preview:
            self.preview = QLabel(preview)
            self.preview.setStyleSheet(tone_style("note"))
            self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            box.addWidget(self.preview)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def preview_of(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class TaggedListPanel(QWidget):
    """Subclasses set the nouns and implement `_build_fields`, `_fetch`, `_title`, `_preview`,
    `_editor_values`, `_fill_editor`, `_create`, `_update` and `_delete`."""

    changed = Signal()
    noun = "entry"
    prefix = "entry"  # objectName prefix
    movable = False
    editor_grows = True  # the editor's last field takes the spare height

    def __init__(self, state: AppState, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.meeting_id = meeting_id
        self.rows: list[Any] = []
        self.editing_id: int | None = None  # the entry in the editor; None for a new one
        self.editing_new = False
        self._dirty = False
        self._loading = False
        self._syncing = False
        self.field_errors: dict[str, FieldMessage] = {}

        self.list = self._build_list()
        left = self._build_left()
        self.editor = self._build_editor()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._connect()
        self._show_editor_state()

    def _build_list(self) -> QListWidget:
        entries = QListWidget()
        entries.setObjectName(f"{self.prefix}.list")
        entries.setAccessibleName(f"{self.noun.capitalize()}s in order")
        entries.setAlternatingRowColors(True)
        entries.setSpacing(1)
        entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        entries.setStyleSheet(
            # Its own text colour on its own light blue: readable on a dark palette too.
            f"QListWidget::item:selected {{ background: #cfe3fa; color: {ON_LIGHT}; border-left: 4px solid #1565c0; }}"
            f"QListWidget::item:selected:!active {{ background: #e3eefb; color: {ON_LIGHT}; }}"
        )
        return entries

    def _build_left(self) -> QWidget:
        """The list with its heading, its message line and the buttons under it."""
        noun, prefix = self.noun, self.prefix
        self.add_button = button(f"&New {noun}", f"{prefix}.add", f"Add a {noun}")
        self.delete_button = button("De&lete…", f"{prefix}.delete", f"Delete the selected {noun}")
        self.up_button = button("Move &up", f"{prefix}.up", f"Move the selected {noun} up (Ctrl+Up)")
        self.down_button = button("Move do&wn", f"{prefix}.down", f"Move the selected {noun} down (Ctrl+Down)")
        self.list_error = FieldMessage(f"{noun.capitalize()} list error")
        self.list_error.setObjectName(f"{prefix}.list_error")
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        if self.movable:
            list_buttons.addWidget(self.up_button)
            list_buttons.addWidget(self.down_button)
        else:
            self.up_button.hide()
            self.down_button.hide()
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list_heading = QLabel()
        left_layout.addWidget(self.list_heading)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.list_error)
        left_layout.addLayout(list_buttons)
        return left

    def _build_editor(self) -> QGroupBox:
        """The editor: the subclass's fields (with the category and its banner), messages, Save."""
        noun, prefix = self.noun, self.prefix
        editor = QGroupBox()
        editor.setObjectName(f"{prefix}.editor")
        self.editor_form = QFormLayout()
        self.editor_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.category = category_combo()
        self.category.setObjectName(f"{prefix}.category")
        self.category.setAccessibleName("Information category (required)")
        self.category_tag = CategoryTag()
        self.banner = InternalBanner()
        self.banner.setObjectName(f"{prefix}.internal_banner")
        self._build_fields()
        self.general_error = FieldMessage(f"{noun.capitalize()} error")
        self.general_error.setObjectName(f"{prefix}.error")
        self.status = QLabel()
        self.status.setObjectName(f"{prefix}.status")
        self.status.setAccessibleName(f"{noun.capitalize()} save status")
        self.save_button = button(f"&Save {noun}", f"{prefix}.save", f"Save the {noun} (Ctrl+S)")
        self.revert_button = button("Undo changes", f"{prefix}.revert", f"Undo the unsaved changes to this {noun}")
        editor_buttons = QHBoxLayout()
        editor_buttons.addWidget(self.status, 1)
        editor_buttons.addWidget(self.revert_button)
        editor_buttons.addWidget(self.save_button)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addWidget(Note("Fields marked * are required."))
        editor_layout.addLayout(self.editor_form, 1 if self.editor_grows else 0)
        editor_layout.addWidget(self.banner)
        editor_layout.addWidget(self.general_error)
        if not self.editor_grows:
            editor_layout.addStretch(1)
        editor_layout.addLayout(editor_buttons)
        return editor

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button.clicked.connect(self.new_entry)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.list.installEventFilter(self)

    # --- keys ----------------------------------------------------------------------------------
    # Handled as key events rather than QShortcuts, so they work wherever focus is in the panel.
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() == Qt.Key.Key_Up:
                self.move_selected(-1)
                return True
            if ctrl and event.key() == Qt.Key.Key_Down:
                self.move_selected(+1)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name): Ctrl+S saves the entry being edited
        if event.matches(QKeySequence.StandardKey.Save):
            event.accept()
            self.save()
        else:
            super().keyPressEvent(event)

    # --- for subclasses --------------------------------------------------------------------------
    def _build_fields(self) -> None:
        raise NotImplementedError

    def _fetch(self, s) -> Sequence[Any]:
        raise NotImplementedError

    def _title(self, row) -> str:
        raise NotImplementedError

    def _preview(self, row) -> str:
        return ""

    def _editor_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _fill_editor(self, row) -> None:
        """Put a row's values (or blanks for None) into the fields."""
        raise NotImplementedError

    def _create(self, s, values: Mapping[str, Any]) -> int:
        raise NotImplementedError

    def _update(self, s, row_id: int, values: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def _delete(self, s, row_id: int) -> None:
        raise NotImplementedError

    def _move(self, s, row_id: int, position: int) -> None:
        raise NotImplementedError

    def add_error_field(self, key: str, text: str, widget: QWidget, *, required: bool = False) -> FieldMessage:
        """A labelled editor field with its message underneath."""
        plain = text.replace("&", "")
        widget.setAccessibleName(plain + (" (required)" if required else ""))
        return self._add_row(key, f"{text} *" if required else text, widget, widget, f"{plain} error")

    def add_category_field(self) -> None:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.category, 1)
        row.addWidget(self.category_tag)
        self._add_row("category", "Categor&y *", self.category, holder, "Category error")

    def _add_row(self, key: str, text: str, buddy: QWidget, content: QWidget, error_name: str) -> FieldMessage:
        label = QLabel(text)
        label.setBuddy(buddy)
        error = FieldMessage(error_name)
        error.setObjectName(f"{self.prefix}.{key}_error")
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(content)
        box.addWidget(error)
        self.editor_form.addRow(label, holder)
        self.field_errors[key] = error
        return error

    def mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.status.setText("Not saved yet")

    # --- state -----------------------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def row_by_id(self, row_id: int | None):
        return next((r for r in self.rows if r.id == row_id), None)

    def titles(self) -> list[str]:
        return [self._title(r) for r in self.rows]

    def editing_title(self) -> str:
        row = self.row_by_id(self.editing_id)
        return f"“{self._title(row)}”" if row is not None else f"new {self.noun}"

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the entries again; unsaved text in the editor stays as it is."""
        ok, rows = load(self.state, self._fetch, show=self.list_error)
        self.rows = list(rows) if ok else []
        self._fill_list()
        if not ok:
            return
        self.list_error.clear_message()
        if self.editing_id is not None and self.row_by_id(self.editing_id) is None:
            # The entry went away (deleted elsewhere): keep typed text as a new entry.
            self.editing_id, self.editing_new = None, self._dirty
        if not self._dirty and not self.editing_new:
            keep = self.editing_id if self.editing_id is not None else (self.rows[0].id if self.rows else None)
            self._edit(self.row_by_id(keep))
        self._select(self.editing_id)
        self._show_editor_state()

    def _fill_list(self) -> None:
        self._syncing = True
        try:
            self.list.clear()
            for n, row in enumerate(self.rows, 1):
                item = QListWidgetItem()
                item.setData(ID_ROLE, row.id)
                title = self._title(row)
                category = row.category
                from circles_desktop.ui.meetings.minutes_tags import tag_text

                item.setData(ACCESSIBLE_ROLE, f"{n}. {title}. Category: {tag_text(category)}")
                item.setToolTip(f"{title} — {tag_text(category)}")
                view = _EntryView(n, title, category, self._preview(row))
                item.setSizeHint(QSize(40, view.sizeHint().height()))
                self.list.addItem(item)
                self.list.setItemWidget(item, view)
        finally:
            self._syncing = False
        self.list_heading.setText(f"<b>{len(self.rows)} {self.noun}{'' if len(self.rows) == 1 else 's'}</b>")

    def forget(self) -> None:
        """On lock: drop every entry read from the database; keep unsaved text in the editor."""
        self.rows = []
        self._syncing = True
        self.list.clear()
        self._syncing = False
        self.list_heading.clear()
        self.list_error.clear_message()
        if not self._dirty:
            self._edit(None, keep_id=True)
        self._show_editor_state()

    def _select(self, row_id: int | None) -> None:
        self._syncing = True
        try:
            for i in range(self.list.count()):
                if self.list.item(i).data(ID_ROLE) == row_id:
                    self.list.setCurrentRow(i)
                    break
            else:
                self.list.setCurrentRow(-1)
        finally:
            self._syncing = False
        self._update_buttons()

    def _edit(self, row, keep_id: bool = False) -> None:
        """Show `row` (or blanks) in the editor, as saved."""
        self._loading = True
        try:
            self._fill_editor(row)
            self._category_changed()
        finally:
            self._loading = False
        if not keep_id:
            self.editing_id = None if row is None else row.id
            self.editing_new = False
        self._dirty = False
        self.clear_errors()
        self.status.clear()

    def _show_editor_state(self) -> None:
        row = self.row_by_id(self.editing_id)
        if self.editing_new:
            self.editor.setTitle(f"New {self.noun}")
        elif row is not None:
            self.editor.setTitle(f"{self.noun.capitalize()} {self.rows.index(row) + 1} of {len(self.rows)}")
        elif self.editing_id is not None:
            self.editor.setTitle(self.noun.capitalize())
        else:
            self.editor.setTitle(f"No {self.noun} chosen")
        enabled = self.editing_new or self.editing_id is not None
        for child in (self.save_button, self.revert_button):
            child.setEnabled(enabled)
        self._set_fields_enabled(enabled)
        self._update_buttons()

    def _set_fields_enabled(self, enabled: bool) -> None:
        for i in range(self.editor_form.rowCount()):
            item = self.editor_form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            field = item.widget() if item is not None else None
            if field is not None:
                field.setEnabled(enabled)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def _category_changed(self, *_args: object) -> None:
        value = self.category.currentData()
        self.category_tag.set_category(value)
        self.banner.follow(value)
        self.mark_dirty()

    # --- choosing and leaving --------------------------------------------------------------------
    def _row_changed(self, index: int) -> None:
        if self._syncing:
            return
        target = self.list.item(index).data(ID_ROLE) if index >= 0 else None
        if target == self.editing_id and not self.editing_new:
            self._update_buttons()
            return
        if not self.confirm_leave():
            self._select(None if self.editing_new else self.editing_id)
            return
        self._edit(self.row_by_id(target))
        self._show_editor_state()

    def confirm_leave(self) -> bool:
        """True when the editor may be left: nothing unsaved, or saved, or discarded."""
        if not self._dirty:
            return True
        answer = ask_save_discard(self, f"The {self.editing_title()} has changes that are not saved. Save them first?")
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            self.status.clear()
            return True
        return False

    # --- actions ---------------------------------------------------------------------------------
    def new_entry(self) -> None:
        if not self.confirm_leave():
            return
        self._edit(None)
        self.editing_new = True
        self._select(None)
        self._show_editor_state()
        self.first_field().setFocus()

    def first_field(self) -> QWidget:
        return self.category

    def save(self) -> bool:
        if not (self.editing_new or self.editing_id is not None):
            return True
        values, row_id = self._editor_values(), self.editing_id
        self.clear_errors()
        if self.editing_new or row_id is None:
            ok, new_id = write(self.state, lambda s: self._create(s, values), show=self)
            if ok:
                self.editing_id, self.editing_new = new_id, False
        else:
            ok, _ = write(self.state, lambda s: self._update(s, row_id, values), show=self)
        if not ok:
            return False
        self._dirty = False
        self.reload()
        self._edit(self.row_by_id(self.editing_id))
        self._show_editor_state()
        self.status.setText("Saved")
        self.changed.emit()
        return True

    def revert(self) -> None:
        if self.editing_new:
            self._edit(None)
            self.editing_new = True
        else:
            self._edit(self.row_by_id(self.editing_id))
        self._show_editor_state()

    def delete_selected(self) -> None:
        row = self.row_by_id(self.current_id())
        if row is None:
            return
        if not confirm(
            self, f"Delete {self.noun}", f"Delete the {self.noun} “{self._title(row)}”? This cannot be undone."
        ):
            return
        if not write(self.state, lambda s: self._delete(s, row.id), show=self.list_error).ok:
            return
        if self.editing_id == row.id:
            self._dirty = False
            self.editing_id = None
        self.reload()
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        if not self.movable:
            return
        row_id = self.current_id()
        if row_id is None:
            return
        position = self.list.currentRow() + step
        if position < 0 or position >= len(self.rows):
            return
        if not write(self.state, lambda s: self._move(s, row_id, position), show=self.list_error).ok:
            return
        self.reload()
        self._select(row_id)
        self.list.setFocus()
        self.changed.emit()

    # --- messages --------------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, str]) -> None:
        general = []
        for key, message in errors.items():
            if key in self.field_errors:
                self.field_errors[key].show_message(message)
            else:
                general.append(message)
        self.general_error.show_message("\n".join(general))
        self.status.setText("Not saved")

    def clear_errors(self) -> None:
        for label in self.field_errors.values():
            label.clear_message()
        self.general_error.clear_message()

    def error_text(self, key: str) -> str:
        label = self.field_errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""
