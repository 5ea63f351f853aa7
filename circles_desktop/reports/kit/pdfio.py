"""Protecting a PDF with a password and writing it to disk so that no partial or unprotected copy is left.

Protection is AES-256 at PDF revision 6 as pypdf writes it (with `cryptography`); ReportLab's own
encryption is RC4 or a deprecated revision 5. The document is built in memory, encrypted in memory, and
only the encrypted bytes are ever written: to a temporary file in the destination folder, flushed to
disk, then renamed over the destination, so a crash leaves either the old file or the whole new one.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter

PDF_HEADER = b"%PDF-"


def protect(data: bytes, password: str) -> bytes:
    """The same document, encrypted with AES-256 (V5, R6); it opens only with `password`."""
    if not password:
        raise ValueError("A password to protect the PDF cannot be empty.")
    _check_pdf(data)
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    # A random owner password: nobody, the coordinator included, can lift the protection without the
    # user password, and none of the recipient's permissions (print, copy) depend on one.
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def write_pdf(path: str | os.PathLike[str], data: bytes, password: str | None = None) -> Path:
    """Write `data` to `path`, encrypted first when a password is given. Returns the path written."""
    _check_pdf(data)
    if password is not None:
        data = protect(data, password)
    return write_file(path, data)


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write any exported file (a PDF, a mailing list) whole or not at all: a temporary file beside it,
    synced, then renamed over the target."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        # Never leave a half-written temporary file behind, whatever went wrong.
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)
    return target


def _check_pdf(data: bytes) -> None:
    if not data.startswith(PDF_HEADER):
        raise ValueError("This is not a PDF document.")


def _sync_folder(folder: Path) -> None:
    # So the rename itself survives a power cut (POSIX); Windows cannot open a folder this way.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
