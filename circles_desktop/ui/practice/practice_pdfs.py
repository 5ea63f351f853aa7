"""How the session note and the season summary are read, built, named and recorded, for
ui/sharing/document_dialog. Both may name presenters and organisations, so both offer the password."""

from __future__ import annotations

from datetime import date

from circles_desktop.ui.sharing.document_dialog import PdfDocument


def session_note(circle_id: int, meeting_id: int) -> PdfDocument:
    from circles_desktop.reports.kinds.practice_documents import build_session_note
    from circles_desktop.services.practice import practice_documents as docs
    from circles_desktop.services.sharing.sharing import SESSION_NOTE

    return PdfDocument(
        title="the session note",
        read=lambda s: docs.session_note_content(s, meeting_id, date.today()),
        build=build_session_note,
        file_name=docs.session_note_file_name,
        record=lambda s, how, data, name, protected: docs.record_shared(
            s, circle_id, SESSION_NOTE, how, data, name, meeting_id, protected
        ),
        about="The session's presentations, who took part by sector, the discussion and the barriers found. "
        "An anonymous presenter is never named.",
        protectable=True,
    )


def season_summary(circle_id: int, season_id: int) -> PdfDocument:
    from circles_desktop.reports.kinds.practice_documents import build_season_summary
    from circles_desktop.services.practice import practice_documents as docs
    from circles_desktop.services.sharing.sharing import SEASON_SUMMARY

    return PdfDocument(
        title="the season summary",
        read=lambda s: docs.season_summary_content(s, season_id, date.today()),
        build=build_season_summary,
        file_name=docs.season_summary_file_name,
        record=lambda s, how, data, name, protected: docs.record_shared(
            s, circle_id, SEASON_SUMMARY, how, data, name, protected=protected
        ),
        about="The season's theme, sessions, presentations, barriers and what changed, and attendance by sector.",
        protectable=True,
    )
