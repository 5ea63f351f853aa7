"""The one step every list export goes through, from a screen or the command line: write the file and
record it in the audit log, as one unit of work.

An export is a disclosure: the file is not encrypted. The audit entry names the list, the format and
how many rows left (never a name from them); it is written in the same unit of work as the file, so
an export that fails is not recorded, and one that is written always is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from circles_desktop.services.common.words import plural
from circles_desktop.services.exports.spreadsheet import format_of, write_table
from circles_desktop.services.security import audit

NOT_ENCRYPTED = (
    "A spreadsheet is not encrypted: anyone who can open the file can read it. Keep it on encrypted "
    "storage, share it only with those who may see it, and delete it when it is no longer needed."
)


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str  # "CSV" or "XLSX"
    rows: int

    def sentence(self, title: str) -> str:
        return f"{title}: {plural(self.rows, 'row')} written to {self.path.name} (not encrypted)."


def export_table(
    session: Session,
    list_name: str,
    path: Path,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filters: str = "",
) -> Exported:
    """Write the rows to `path` (.csv or .xlsx) and audit it. `filters` says in words how the list was
    narrowed ("search: …" is left out by the caller: search words may be a name)."""
    kind = format_of(path)
    count = write_table(path, title, headers, rows)
    detail = f"{kind}, {plural(count, 'row')}" + (f", {filters}" if filters else "")
    audit.record(session, "list exported", list_name, detail)
    return Exported(path, kind, count)
