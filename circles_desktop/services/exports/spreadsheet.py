"""Writing one table (a title, its column headings, its rows of plain values) as CSV or XLSX.

A cell a spreadsheet would take for a formula (starting =, +, -, @) is written as text, so a name or
a note can never run as one when the file is opened ("formula injection"). The file is written beside
its final name and moved into place, so a failed export leaves no half-written file."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from circles_desktop.services.common.validation import ValidationError

FORMATS = {".csv": "CSV", ".xlsx": "XLSX"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31  # Excel's limit


def format_of(path: Path) -> str:
    """ "CSV" or "XLSX" from the file's name; a ValidationError for any other."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValidationError({"path": f"Name the file .csv or .xlsx (not “{path.name}”)."})
    return kind


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def safe_text(value: Any) -> str:
    """The cell as text, a leading formula character quoted away."""
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_table(path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write the table to `path` (CSV or XLSX by its name); returns the number of rows written."""
    kind = format_of(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if kind == "CSV":
            count = _write_csv(partial, headers, rows)
        else:
            count = _write_xlsx(partial, title, headers, rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    # UTF-8 with a byte-order mark, so a spreadsheet shows "Siân" rather than "SiÃ¢n".
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    # constant_memory: rows go to disk as they come, so 100,000 of them need no more memory than ten.
    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    try:
        sheet = book.add_worksheet(_sheet_name(title))
        bold = book.add_format({"bold": True})
        dates = book.add_format({"num_format": "dd/mm/yyyy"})
        for col, name in enumerate(headers):
            sheet.set_column(col, col, max(12, min(40, len(name) + 4)))
        sheet.write_row(0, 0, list(headers), bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if isinstance(value, date) and not isinstance(value, datetime):
                    sheet.write_datetime(count, col, datetime(value.year, value.month, value.day), dates)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(count, col, value)
                else:
                    sheet.write_string(count, col, _text(value))
    finally:
        book.close()
    return count


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip() or "List"
    return cleaned[:SHEET_NAME_MAX]
