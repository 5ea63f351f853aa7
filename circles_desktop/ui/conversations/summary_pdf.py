"""How the one-page conversation summary is read, built, named and recorded, for ui/sharing/document_dialog."""

from __future__ import annotations

from datetime import date

from circles_desktop.ui.sharing.document_dialog import PdfDocument


def conversation_summary(circle_id: int) -> PdfDocument:
    from circles_desktop.reports.kinds.conversation_summary import build_conversation_summary
    from circles_desktop.services.conversations import summary

    return PdfDocument(
        title="the conversation summary",
        read=lambda s: summary.summary_content(s, circle_id, date.today()),
        build=build_conversation_summary,
        file_name=summary.file_name,
        record=lambda s, how, data, name, _protected: summary.record_shared(s, circle_id, how, data, name),
        about="One page for the community: no one who came is named, and a spark's carrier only if they agreed.",
    )
