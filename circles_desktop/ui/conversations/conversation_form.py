"""Why this conversation: its title and organiser, who approached the organiser and about what, where the
need is, the community or locality and theme, the strengths to celebrate. Used in a dialog for a new
conversation and on the conversation screen's Details tab."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.learning.learning_fields import PersonChooser, line, text_box

FIELDS = (
    "title",
    "organiser_id",
    "started_on",
    "locality",
    "theme",
    "approached_by",
    "approached_about",
    "need",
    "strengths",
    "notes",
)


class ConversationForm(RecordForm):
    """The conversation's own facts. `circle_id` None: a new conversation."""

    def __init__(self, state: AppState, title: str = "", circle_id: int | None = None) -> None:
        super().__init__(title)
        self.state = state
        self.circle_id = circle_id
        self.setObjectName("conversation.form")
        add = self.add_field
        add(
            "title",
            "&Title",
            line("conversation.title", "Title", "e.g. Feeling connected in Northfield"),
            required=True,
        )
        add("organiser_id", "&Organiser", PersonChooser(self.state, "conversation.organiser"))
        started = DateField(optional=True)
        started.setObjectName("conversation.started_on")
        add("started_on", "Planning &started on", started, required=True)
        add("locality", "Community or &locality", line("conversation.locality", "Community or locality"), required=True)
        add("theme", "T&heme", line("conversation.theme", "Theme", "What it is about, in a few words"), required=True)
        add("approached_by", "Who &approached you", line("conversation.approached_by", "Who approached you"))
        add("approached_about", "A&bout what", text_box("conversation.approached_about", 48))
        add("need", "Where the nee&d is", text_box("conversation.need", 48))
        add("strengths", "Strengths and successes to &celebrate", text_box("conversation.strengths", 48))
        add("notes", "&Further notes", text_box("conversation.notes", 40))
        self.save_button.setObjectName("conversation.form.save")
        self.form_layout.setVerticalSpacing(4)

    def load_new(self) -> None:
        self.load({key: None for key in FIELDS} | {"started_on": date.today()})

    def load_conversation(self, circle_id: int) -> bool:
        from circles_desktop.services.conversations import conversations

        try:  # unreadable: the screen's heading says so; the form keeps what it holds
            form = read(self.state, lambda s: conversations.conversation_form(s, circle_id), None)
        except Exception:
            return False
        if form is None:
            return False
        self.circle_id = circle_id
        self.load(dict(vars(form)))
        return True

    def save(self, parent: QWidget | None = None) -> bool:
        from circles_desktop.services.conversations import conversations

        v = self.values()
        texts = {k: v[k] or "" for k in FIELDS if k not in ("organiser_id", "started_on")}
        form = conversations.ConversationForm(organiser_id=v["organiser_id"], started_on=v["started_on"], **texts)
        if self.circle_id is None:
            ok, new_id = write(self.state, lambda s: conversations.create_conversation(s, form).id, show=self)
            if ok:
                self.circle_id = new_id
            return ok
        circle_id = self.circle_id
        return write(self.state, lambda s: conversations.update_conversation(s, circle_id, form), show=self).ok


class NewConversationDialog(FormDialog):
    """Plan a conversation: saved, it opens on its screen."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        form = ConversationForm(state, "Plan a community conversation")
        super().__init__("New community conversation", form, self._save, parent, "conversation.new_dialog")
        self.details = form
        self.saved_id: int | None = None
        form.load_new()
        self.setMinimumWidth(720)
        form.field("title").setFocus()

    def _save(self, _values: dict[str, Any]) -> bool:
        if self.details.save(self):
            self.saved_id = self.details.circle_id
            return True
        return False
