"""Readers for the source formats citekit understands: plain text/Markdown, HTML, PDF.

Each reader turns the bytes or text of one format into an :class:`Extracted` record: the text
that anchors will point into, its metadata and, where the format has them, pages and emphasis
spans. The readers know nothing about :class:`citekit.read.ingest.Document`; ``citekit.read.ingest``
assembles the Document, so this package never imports it (no import cycle) and each reader can
be tested on its own.

Metadata keys a reader may set (all optional): ``title`` (str), ``author`` (list of names),
``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``url``, ``publisher``, ``site`` (a web
site's name; also copied to ``publisher`` when that is missing) and ``language`` (a BCP 47 tag as
the source gives it, e.g. ``en-GB``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Metadata = dict[str, str | list[str]]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


@dataclass
class Extracted:
    """What a reader found: text plus everything needed to build a Document around it."""

    text: str
    metadata: Metadata = field(default_factory=dict)
    body_start: int = 0
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    # (0-based physical index, printed label, start, end) spans of `text`
    pages: list[tuple[int, str, int, int]] = field(default_factory=list)
    markdown: bool = False  # text readers: the text is Markdown (suffix or front matter)
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file


def looks_like_pdf(data: bytes, suffix: str = "") -> bool:
    """PDF files start with ``%PDF-``.

    Readers tolerate a little junk before the header; so do we, but only for a ``.pdf`` file,
    so that a note merely quoting "%PDF-1.7" is never taken for a PDF.
    """
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return True
    return suffix.lower() in PDF_SUFFIXES and b"%PDF-" in data[:1024]


def looks_like_html(data: bytes) -> bool:
    """Sniff a saved web page whatever its name (``page``, ``article.txt``, a download).

    Only the start of the file is looked at, and only unambiguous openings count, so Markdown
    that merely contains some inline HTML is not mistaken for a web page.
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith(b"<?xml") and b"<html" in head:
        return True
    return head.startswith(b"<") and (b"<head" in head or b"<body" in head)
