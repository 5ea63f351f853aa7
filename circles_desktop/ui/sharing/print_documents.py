"""Printing the two paper documents that are not minutes: a referral's summary and a blank end-of-circle
stakeholder questionnaire. Each prints the very PDF the reports module builds (through QtPdf), and each
print is written to the register of shared documents and the audit log once it has gone to the printer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe


def print_referral_summary(state: AppState, parent: QWidget, referral_id: int) -> bool:
    from circles_desktop.reports.referral import build_referral_summary
    from circles_desktop.services.sharing import pack_content, sharing

    def build(s: Any) -> tuple[bytes, dict]:
        content = pack_content.referral_summary_content(s, referral_id)
        circle_id = _circle_of_referral(s, referral_id)
        return build_referral_summary(content), {
            "document_kind": sharing.REFERRAL_SUMMARY,
            "circle_id": circle_id,
            "about": f"referral {referral_id}",
        }

    return _print(state, parent, "referral summary", build)


def print_blank_questionnaire(state: AppState, parent: QWidget, circle_id: int) -> bool:
    from circles_desktop.reports.questionnaire import build_questionnaire
    from circles_desktop.services.sharing import pack_content, sharing

    def build(s: Any) -> tuple[bytes, dict]:
        content = pack_content.questionnaire_content(s, circle_id)
        return build_questionnaire(content), {
            "document_kind": sharing.QUESTIONNAIRE,
            "circle_id": circle_id,
            "about": f"circle {circle_id}",
        }

    return _print(state, parent, "stakeholder questionnaire", build)


def _circle_of_referral(s: Any, referral_id: int) -> int | None:
    from circles_desktop.services.referrals import referral_queries

    ids = referral_queries.referral_view(s, referral_id).circle_ids
    return ids[0] if ids else None


def _print(state: AppState, parent: QWidget, title: str, build: Callable[[Any], tuple[bytes, dict]]) -> bool:
    from circles_desktop.services.sharing import sharing
    from circles_desktop.ui.sharing import print_pdf

    db = state.database
    if db is None or state.is_locked:
        return False
    try:
        with db.session() as s:
            data, register = build(s)
        if not print_pdf.print_pdf(parent, data, title):
            return False
        with db.session() as s:
            sharing.record_shared(s, how=sharing.PRINT, data=data, **register)
    except Exception as exc:  # a clear sentence, and nothing half-recorded
        QMessageBox.warning(parent, f"Print {title}", f"The {title} was not printed: {describe(exc)}")
        return False
    return True
