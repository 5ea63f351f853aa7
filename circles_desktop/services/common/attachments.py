"""Checking and storing attached files (risk reports, signed consent forms) inside the database.

A file's type is decided by its contents, not its name: a renamed program is refused, and a file whose
name says PDF but whose contents are not is reported as such.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import StoredFile
from circles_desktop.services.common.validation import NotFound, ValidationError

MAX_BYTES = 20 * 1024 * 1024
ACCEPTED = "a PDF, a Word document (DOCX), an OpenDocument text (ODT), a PNG or JPEG picture, or a plain text file"

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

_NAMES = {
    PDF: "PDF",
    DOCX: "Word document",
    ODT: "OpenDocument text",
    PNG: "PNG picture",
    JPEG: "JPEG picture",
    TEXT: "plain text file",
}
_BY_SUFFIX = {".pdf": PDF, ".docx": DOCX, ".odt": ODT, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".txt": TEXT}
SUFFIXES = tuple(_BY_SUFFIX)  # the file names a chooser offers


def _zip_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def _looks_like_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def detect(content: bytes) -> str | None:
    """The media type the bytes really are, or None if not one we accept."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    if _looks_like_text(content):
        return TEXT
    return None


def check(filename: str, content: bytes, field: str = "file") -> str:
    """The file's media type, or a ValidationError saying what is wrong with it."""
    name = PurePath(filename).name or "The file"
    if not content:
        raise ValidationError(f"“{name}” is empty. Choose the file again; it may not have finished saving.", field)
    if len(content) > MAX_BYTES:
        mb = len(content) / (1024 * 1024)
        raise ValidationError(
            f"“{name}” is {mb:.1f} MB; files can be at most {MAX_BYTES // (1024 * 1024)} MB. "
            "Save a smaller copy (for example, print to PDF) and attach that.",
            field,
        )
    found = detect(content)
    claimed = _BY_SUFFIX.get(PurePath(filename).suffix.lower())
    if found is None:
        if claimed is not None:
            raise ValidationError(
                f"“{name}” is named as a {_NAMES[claimed]} but its contents are not; it may be damaged.",
                field,
            )
        raise ValidationError(f"“{name}” is not a type of file that can be attached. Attach {ACCEPTED}.", field)
    if claimed is not None and claimed != found and found != TEXT:
        raise ValidationError(
            f"“{name}” is named as a {_NAMES[claimed]} but is really a {_NAMES[found]}. "
            "Rename it to match, or attach the right file.",
            field,
        )
    if claimed is not None and found == TEXT and claimed != TEXT:
        raise ValidationError(
            f"“{name}” is named as a {_NAMES[claimed]} but its contents are not; it may be damaged.", field
        )
    return found


def store(session: Session, filename: str, content: bytes, field: str = "file") -> StoredFile:
    media_type = check(filename, content, field)
    stored = StoredFile(
        filename=PurePath(filename).name,
        media_type=media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )
    session.add(stored)
    session.flush()
    return stored


def content(session: Session, file_id: int) -> tuple[str, str, bytes]:
    """(filename, media type, bytes) of a stored file."""
    row = session.execute(
        select(StoredFile.filename, StoredFile.media_type, StoredFile.content).where(StoredFile.id == file_id)
    ).first()
    if row is None:
        raise NotFound("The file could not be found; it may have been deleted.")
    return row.filename, row.media_type, row.content
