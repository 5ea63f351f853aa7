"""Printing the two paper documents that are not minutes: a referral's summary and a blank end-of-circle
stakeholder questionnaire. Each prints the very PDF the reports module builds (through QtPdf), and each
print is written to the register of shared documents and the audit log once it has gone to the printer.

The content is read on the UI thread in one short session; building the PDF and painting its pages run
in the Background pool (print_pdf), and the print is recorded back on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import Handlers, load, write

# What a document needs to leave the machine: how to build it from what was read, and its register entry.
Built = tuple[Callable[[], bytes], dict[str, Any]]


def print_referral_summary(state: AppState, parent: QWidget, referral_id: int) -> bool:
    from circles_desktop.reports.referral import build_referral_summary
    from circles_desktop.services.sharing import pack_content, sharing

    def read(s: Any) -> Built:
        content = pack_content.referral_summary_content(s, referral_id)
        register = {
            "document_kind": sharing.REFERRAL_SUMMARY,
            "circle_id": _circle_of_referral(s, referral_id),
            "about": f"referral {referral_id}",
        }
        return lambda: build_referral_summary(content), register

    return print_document(state, parent, "referral summary", read)


def print_blank_questionnaire(state: AppState, parent: QWidget, circle_id: int) -> bool:
    from circles_desktop.reports.questionnaire import build_questionnaire
    from circles_desktop.services.sharing import pack_content, sharing

    def read(s: Any) -> Built:
        content = pack_content.questionnaire_content(s, circle_id)
        register = {"document_kind": sharing.QUESTIONNAIRE, "circle_id": circle_id, "about": f"circle {circle_id}"}
        return lambda: build_questionnaire(content), register

    return print_document(state, parent, "stakeholder questionnaire", read)


def _circle_of_referral(s: Any, referral_id: int) -> int | None:
    from circles_desktop.services.referrals import referral_queries

    ids = referral_queries.referral_view(s, referral_id).circle_ids
    return ids[0] if ids else None


def print_document(state: AppState, parent: QWidget, title: str, read: Callable[[Any], Built]) -> bool:
    """Print a document from `read(session) -> (build, register entry)`; any area's (a Community Circle's
    plan prints this way too). True once the pages are on their way to the printer; False if the
    document could not be read or the printer dialog was cancelled. Any failure says so, and nothing
    half-recorded is left."""
    from circles_desktop.services.sharing import sharing
    from circles_desktop.ui.sharing import print_pdf

    def not_printed(exc: BaseException) -> None:
        QMessageBox.warning(parent, f"Print {title}", f"The {title} was not printed: {describe(exc)}")

    answer_myself: Handlers = {Exception: not_printed}
    outcome = load(state, read, handlers=answer_myself)
    if not outcome.ok:
        return False
    build, register = outcome.value

    def printed(data: bytes) -> None:
        write(
            state, lambda s: sharing.record_shared(s, how=sharing.PRINT, data=data, **register), handlers=answer_myself
        )

    job = print_pdf.print_pdf(state.background, parent, build, title, on_printed=printed, on_error=not_printed)
    return job is not None
