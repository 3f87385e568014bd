"""read_document / parse_bytes: format dispatch and one clear line for every bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from citekit.errors import SourceError
from citekit.read.ingest import Document, Page, page_of, parse_bytes, read_document


def _error(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        read_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def test_missing_path(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")


def test_directory(tmp_path):
    assert "is a directory" in _error(tmp_path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _error(path)


def test_binary(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in _error(path)


def test_unknown_encoding_given(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Plain words.")
    with pytest.raises(SourceError, match=r"note\.txt: unknown encoding 'klingon-8'$"):
        read_document(path, encoding="klingon-8")


def test_unreadable_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref or trailer\n")
    assert "unreadable PDF" in _error(path)


def test_pdf_suffix_without_pdf_content(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("just some text with 3 numbers")
    assert "not a PDF" in _error(path)


def test_html_without_main_text(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li>Top 10</li></ul></nav>"
        "<footer>(c) 2020 Example Ltd</footer></body></html>"
    )
    assert "no main text" in _error(path)


def test_plain_text_round_trip(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("date 2017-10-27 Nearly 3000 were detained.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "date 2017-10-27 Nearly 3000 were detained.\n"
    assert doc.metadata == {"date": "2017-10-27"}
    assert doc.original is None
    assert (doc.original_suffix, doc.snapshot_suffix, doc.source_format) == (".txt", ".txt", "text")
    assert doc.pages == []
    assert page_of(doc, 5) is None


def test_string_path_is_accepted(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("Body with 4 items.")
    doc = read_document(str(path))  # type: ignore[arg-type]
    assert doc.source_format == "markdown"
    assert doc.original_suffix == ".md"


def test_parse_bytes_keeps_crlf_out():
    doc = parse_bytes(b"line 1\r\nline 2\r\n", ".txt", "x")
    assert doc.text == "line 1\nline 2\n"


def test_page_of_on_hand_made_pages():
    doc = Document(text="aaaa\n\nbbbb", pages=[Page(0, "i", 0, 4), Page(1, "1", 6, 10)])
    assert page_of(doc, 0) == Page(0, "i", 0, 4)
    assert page_of(doc, 3) == Page(0, "i", 0, 4)
    assert page_of(doc, 4) is None
    assert page_of(doc, 6) == Page(1, "1", 6, 10)
    assert page_of(doc, 9) == Page(1, "1", 6, 10)
    assert page_of(doc, 10) is None


def test_sha256_is_of_the_original_bytes():
    doc = parse_bytes(
        b"<html><body><article><p>"
        + b"Some 12 words here. " * 20
        + b"</p></article></body></html>",
        ".html",
        "p.html",
    )
    assert doc.sha256 == hashlib.sha256(doc.original or b"").hexdigest()


def test_note_quoting_a_pdf_header_stays_text():
    doc = parse_bytes(b"Every PDF opens with %PDF-1.7, says note 3.", ".md", "n.md")
    assert doc.source_format == "markdown"


def test_pdf_with_junk_before_header(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.cell(text="Junk-prefixed report with 7 pages.")
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"garbage\n" + bytes(pdf.output()))
    assert read_document(path).text == "Junk-prefixed report with 7 pages."


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret 42")
    path.chmod(0)
    try:
        assert "cannot read" in _error(path)
    finally:
        path.chmod(0o600)
