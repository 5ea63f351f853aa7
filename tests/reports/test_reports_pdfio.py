"""Password protection (AES-256, PDF revision 6) and writing PDFs to disk with no partial or unprotected
copy left behind."""

from __future__ import annotations

import os
import re
import zlib
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject

from circles_desktop.reports import categories as cat
from circles_desktop.reports import samples
from circles_desktop.reports.kit import pdfio
from circles_desktop.reports.minutes import build_minutes

PASSWORD = "conker harbour violet"
MARKER = "Plaintextmarkerquokka"


@pytest.fixture(scope="module")
def plain() -> bytes:
    from dataclasses import replace

    from circles_desktop.reports.content import MinutesSection

    minutes = samples.sample_minutes()
    section = MinutesSection(f"{MARKER} heading", cat.MINUTES, f"{MARKER} in the body of the minutes.")
    content = replace(minutes, meeting=replace(minutes.meeting, sections=(section,)))
    return build_minutes(content, cat.SHAREABLE)


@pytest.fixture(scope="module")
def protected(plain) -> bytes:
    return pdfio.protect(plain, PASSWORD)


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_protected_is_aes256_revision_6(protected):
    reader = PdfReader(BytesIO(protected))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/Filter"] == NameObject("/Standard")
    assert encrypt["/V"] == 5
    assert encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == NameObject("/AESV3")


def test_protected_does_not_open_without_the_password(protected):
    reader = PdfReader(BytesIO(protected))
    assert reader.decrypt("not the password") == 0  # PasswordType.NOT_DECRYPTED
    with pytest.raises(Exception):  # noqa: B017 - pypdf raises its own error type for a locked file
        _text(PdfReader(BytesIO(protected)))
    with pytest.raises(Exception):  # noqa: B017
        _ = PdfReader(BytesIO(protected)).metadata.title


def test_protected_opens_with_the_password(protected, plain):
    reader = PdfReader(BytesIO(protected))
    assert reader.decrypt(PASSWORD) != 0
    text = _text(reader)
    assert MARKER in text
    assert text == _text(PdfReader(BytesIO(plain)))
    assert reader.metadata.title == "Circle meeting minutes, 14 March 2025"
    assert len(reader.pages) == len(PdfReader(BytesIO(plain)).pages)


def test_no_plaintext_in_protected_bytes(plain, protected):
    # The unprotected file carries its metadata in clear; the protected one must not.
    assert b"Circle meeting minutes" in plain
    for needle in (b"Circle meeting minutes", b"Circles South West", MARKER.encode(), b"OFFICIAL-SENSITIVE"):
        assert needle not in protected
    # No stream is left unencrypted either: none inflates (a whole-stream inflate checks its Adler-32, so
    # encrypted bytes cannot pass by chance), whereas in the plain file they all do.
    assert _inflatable_streams(plain) > 0
    assert _inflatable_streams(protected) == 0


def _inflatable_streams(data: bytes) -> int:
    count = 0
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        inflater = zlib.decompressobj()
        try:
            inflater.decompress(match.group(1))
        except zlib.error:
            continue
        count += inflater.eof  # reached a valid end of stream, checksum included
    return count


def test_each_protection_is_salted_afresh(plain):
    assert pdfio.protect(plain, PASSWORD) != pdfio.protect(plain, PASSWORD)


def test_empty_password_refused(plain):
    with pytest.raises(ValueError):
        pdfio.protect(plain, "")
    with pytest.raises(ValueError):
        pdfio.write_pdf("unused.pdf", plain, password="")


def test_not_a_pdf_refused(tmp_path):
    with pytest.raises(ValueError):
        pdfio.write_pdf(tmp_path / "x.pdf", b"hello")
    assert list(tmp_path.iterdir()) == []


def test_write_plain_leaves_only_the_file(tmp_path, plain):
    target = tmp_path / "minutes 2025-03-14 Jo Bloggs.pdf"
    assert pdfio.write_pdf(target, plain) == target
    assert target.read_bytes() == plain
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_write_protected_writes_only_encrypted_bytes(tmp_path, plain, monkeypatch):
    written: list[bytes] = []
    real_fdopen = os.fdopen

    class Spy:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            self._handle.__enter__()
            return self

        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

        def write(self, data):
            written.append(bytes(data))
            return self._handle.write(data)

        def __getattr__(self, name):
            return getattr(self._handle, name)

    monkeypatch.setattr(pdfio.os, "fdopen", lambda fd, mode: Spy(real_fdopen(fd, mode)))
    target = tmp_path / "protected.pdf"
    pdfio.write_pdf(target, plain, password=PASSWORD)

    assert written and all(plain not in chunk for chunk in written)
    data = target.read_bytes()
    assert b"".join(written) == data
    reader = PdfReader(BytesIO(data))
    assert reader.is_encrypted and reader.decrypt(PASSWORD) != 0
    assert MARKER in _text(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["protected.pdf"]


def test_replaces_an_existing_file_whole(tmp_path, plain):
    target = tmp_path / "minutes.pdf"
    target.write_bytes(b"%PDF-old")
    pdfio.write_pdf(target, plain)
    assert target.read_bytes() == plain


def test_failure_leaves_no_temporary_file_and_the_old_file_intact(tmp_path, plain, monkeypatch):
    target = tmp_path / "minutes.pdf"
    target.write_bytes(b"%PDF-old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(pdfio.os, "replace", broken_replace)
    with pytest.raises(OSError):
        pdfio.write_pdf(target, plain, password=PASSWORD)
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def test_written_file_is_private(tmp_path, plain):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    target = tmp_path / "minutes.pdf"
    pdfio.write_pdf(target, plain)
    assert target.stat().st_mode & 0o077 == 0
