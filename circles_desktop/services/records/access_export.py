"""Writing a subject-access export: one PDF and one JSON file side by side, audited by id and count."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from circles_desktop.reports.kit.pdfio import write_pdf
from circles_desktop.reports.subject_access import SubjectAccessContent, build_subject_access
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.records.subject_access import gather
from circles_desktop.services.security import audit


@dataclass(frozen=True)
class Written:
    pdf: Path
    json: Path
    records: int
    marked: int


def file_stem(person_id: int, today: date) -> str:
    # No name in the file name: it shows in folders, recent-file lists and backups of the machine.
    return f"subject-access-person-{person_id}-{today.isoformat()}"


def _write_text(path: Path, text: str) -> None:
    """Whole or not at all: a temporary file beside it, synced, then renamed into place."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export(session: Session, person_id: int, folder: str | Path, today: date | None = None) -> Written:
    """Gather, lay out and write both files into `folder`, and audit it in the caller's unit of work."""
    target = Path(folder)
    if not target.is_dir():
        raise ValidationError(f"The folder “{target}” does not exist. Choose another folder.", "folder")
    content = gather(session, person_id, today)
    stem = file_stem(person_id, content.prepared_on)
    pdf = write_pdf(target / f"{stem}.pdf", build_subject_access(content))
    json_path = target / f"{stem}.json"
    _write_text(json_path, json.dumps(content.as_json_data(), ensure_ascii=False, indent=2))
    records = count_entries(content)
    marked = content.marked_fields()
    audit.record(
        session, "subject access export", f"person {person_id}", f"{records} records; {marked} marked as other people's"
    )
    return Written(pdf, json_path, records, marked)


def count_entries(content: SubjectAccessContent) -> int:
    return sum(len(s.entries) for s in content.sections)
