"""How the one-page conversation summary is read, built, named and recorded, for ui/sharing/save_document."""

from __future__ import annotations

from datetime import date

from circles_desktop.ui.sharing.save_document import PdfDocument


def conversation_summary(circle_id: int) -> PdfDocument:
    from circles_desktop.reports.conversation_summary import build_conversation_summary
    from circles_desktop.services.conversations import summary

    return PdfDocument(
        title="Save the conversation summary",
        read=lambda s: summary.summary_content(s, circle_id, date.today()),
        build=build_conversation_summary,
        file_name=summary.file_name,
        record=lambda s, data, name: summary.record_shared(s, circle_id, "export", data, name),
    )
