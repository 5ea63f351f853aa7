"""The small forms of a community conversation, each a FormDialog whose Save is one write through the
services (messages beside their fields): similar work, the choice about an overlapping conversation, a
conversation in the series, a toolkit item marked, a spark and its follow-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from circles_desktop.models.kinds.conversations import CheckState, SimilarWorkKind, SparkStatus, WorkDecision
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import WriteDialog, dated
from circles_desktop.ui.common.forms import RecordForm, combo
from circles_desktop.ui.learning.learning_fields import DateTimeField, line, text_box

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# --- similar work --------------------------------------------------------------------------------------
KIND_WORDS = {k.value: k.label for k in SimilarWorkKind if k is not SimilarWorkKind.CONVERSATION}
DECISION_WORDS = {d.value: d.label for d in WorkDecision}


def similar_work_dialog(
    state: AppState, circle_id: int, work_id: int | None, parent: QWidget | None, form_values: Any = None
) -> WriteDialog:
    from circles_desktop.services.conversations import similar_work

    form = RecordForm("Similar work already happening")
    form.add_field("kind", "&Kind", combo(KIND_WORDS), required=True).setObjectName("similar.kind")
    form.add_field("name", "&Name", line("similar.name", "Name", "e.g. Northfield NAG"), required=True)
    form.add_field("contact", "&Contact", line("similar.contact", "Contact", "Who to speak to, when it meets"))
    form.add_field("decision", "&Decision", combo(DECISION_WORDS, "Not decided yet")).setObjectName("similar.decision")
    form.add_field("decided_on", "Decided &on", dated("similar.decided_on", optional=True))
    form.add_field("notes", "No&tes", text_box("similar.notes", 48))
    if form_values is not None:
        form.load(dict(vars(form_values)))

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = similar_work.SimilarWorkForm(
            v["kind"], v["name"] or "", v["contact"] or "", v["notes"] or "", v["decision"], v["decided_on"]
        )
        if work_id is None:
            return lambda s: similar_work.add_similar_work(s, circle_id, f).id
        return lambda s: similar_work.update_similar_work(s, work_id, f).id

    return WriteDialog(state, "Similar work", form, work, parent, "similar_dialog")


def overlap_dialog(
    state: AppState, circle_id: int, other_id: int, decision: str, parent: QWidget | None
) -> WriteDialog:
    """Join forces with (or keep going separately from) another conversation on the same locality and theme."""
    from circles_desktop.services.conversations import similar_work

    form = RecordForm(WorkDecision(decision).label)
    form.add_field("on", "Decided &on", dated("overlap.on"), required=True)
    form.add_field("notes", "&Notes", text_box("overlap.notes", 60, "What was agreed with the other organiser"))

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        notes = v["notes"] or ""
        return lambda s: similar_work.decide_overlap(s, circle_id, other_id, decision, v["on"], notes).id

    return WriteDialog(state, "Another conversation covers the same", form, work, parent, "overlap_dialog")


# --- the series ----------------------------------------------------------------------------------------
def session_dialog(
    state: AppState, circle_id: int, meeting_id: int | None, parent: QWidget | None, values: Any = None
) -> WriteDialog:
    from circles_desktop.services.conversations import conversation_sessions as cs

    form = RecordForm("A conversation")
    when = DateTimeField("session.when")
    when.day.setAccessibleName("Date of the conversation")
    form.add_field("starts_at", "&Date and time", when, required=True)
    form.add_field("venue", "&Where", line("session.venue", "Where", "e.g. Elm Court community room"))
    form.add_field("notes", "&Notes", text_box("session.notes", 60))
    form.load({"starts_at": values.starts_at, "venue": values.venue, "notes": values.notes} if values else {})

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = cs.SessionForm(v["starts_at"], None, v["venue"] or "", v["notes"] or "")
        if meeting_id is None:
            return lambda s: cs.add_session(s, circle_id, f).id
        return lambda s: cs.update_session(s, meeting_id, f).id

    return WriteDialog(state, "Conversation", form, work, parent, "session_dialog")


# --- the toolkit's checklist ---------------------------------------------------------------------------
def mark_dialog(state: AppState, circle_id: int, code: str, text: str, state_code: str, parent: QWidget | None):
    from circles_desktop.services.conversations import toolkit

    done = state_code == CheckState.DONE
    form = RecordForm(text)
    form.add_field("on", "&On", dated("mark.on"), required=True)
    hint = "How it was done (optional)" if done else "Why this does not fit this conversation"
    form.add_field("note", "&How" if done else "&Why", text_box("mark.note", 60, hint), required=not done)

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        return lambda s: toolkit.mark(s, circle_id, code, state_code, v["on"], v["note"] or "")

    title = "Done" if done else "Not for this conversation"
    return WriteDialog(state, title, form, work, parent, "mark_dialog")


# --- sparks --------------------------------------------------------------------------------------------
def conversation_choice(sessions: list[Any], name: str) -> QComboBox:
    box = combo({s.meeting_id: uk_date(s.starts_at.date()) + (f", {s.venue}" if s.venue else "") for s in sessions})
    box.setObjectName(name)
    return box


def spark_dialog(
    state: AppState, circle_id: int, spark_id: int | None, sessions: list[Any], parent: QWidget | None, values=None
) -> WriteDialog:
    from circles_desktop.services.conversations import sparks

    form = RecordForm("A spark: an idea taken forward by the community")
    form.add_field("meeting_id", "&Came from", conversation_choice(sessions, "spark.meeting"), required=True)
    form.add_field("idea", "The &idea", text_box("spark.idea", 48), required=True)
    form.add_field("carried_by", "Who &carries it", line("spark.carried_by", "Who carries it"), required=True)
    named = QCheckBox("They agreed to be &named in the summary for the community")
    named.setObjectName("spark.may_be_named")
    form.add_field("may_be_named", "Named", named)
    status = combo({s.value: s.label for s in SparkStatus})
    status.setObjectName("spark.status")
    form.add_field("status", "&State", status)
    if values is not None:
        form.load(dict(vars(values)))
    elif sessions:
        form.field("meeting_id").setCurrentIndex(len(sessions) - 1)  # the latest conversation

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        f = sparks.SparkForm(v["meeting_id"], v["idea"] or "", v["carried_by"] or "", v["may_be_named"], v["status"])
        if spark_id is None:
            return lambda s: sparks.add_spark(s, circle_id, f).id
        return lambda s: sparks.update_spark(s, spark_id, f).id

    return WriteDialog(state, "Spark", form, work, parent, "spark_dialog")


def follow_up_dialog(state: AppState, spark: Any, sessions: list[Any], parent: QWidget | None) -> WriteDialog:
    from circles_desktop.services.conversations import sparks

    later = [s for s in sessions if s.starts_at.date() > spark.raised_on]
    form = RecordForm(f"Follow up: {spark.idea}")
    form.add_field(
        "meeting_id", "&At the conversation on", conversation_choice(later, "follow_up.meeting"), required=True
    )
    form.add_field("note", "How it is &getting on", text_box("follow_up.note", 60), required=True)
    status = combo({s.value: s.label for s in SparkStatus})
    status.setObjectName("follow_up.status")
    form.add_field("status", "&State now", status)
    form.load({"status": spark.status})

    def work(v: dict[str, Any]) -> Callable[[Session], Any]:
        return lambda s: sparks.follow_up(s, spark.id, v["meeting_id"], v["note"] or "", v["status"])

    return WriteDialog(state, "Follow up a spark", form, work, parent, "follow_up_dialog")
