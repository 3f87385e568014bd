"""Read a source file into a Document: the snapshot text, where the body starts, metadata, pages.

The snapshot text is what anchors point into. For plain text and Markdown it is the file itself;
a header (the `date YYYY-MM-DD` token of plain notes, YAML front matter) stays in the snapshot but
lies before `body_start`, so it yields no figures. For HTML it is the article's main text and for
PDF the reflowed page texts; the original bytes are kept in `original` so the snapshot can always
be re-derived and its hash checked.

The format is chosen by content first (a PDF or a web page saved under any name is read as
such), then by suffix. Every failure is a SourceError with one line naming the file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from citekit.errors import SourceError
from citekit.read.formats import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    PDF_SUFFIXES,
    Extracted,
    looks_like_html,
    looks_like_pdf,
)
from citekit.read.formats.charset import decode_text, display_name
from citekit.read.source_bytes import read_source_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
SUPPORTED = "text, Markdown, HTML or PDF"


@dataclass
class Page:
    index: int  # 0-based physical page
    label: str  # printed page label
    start: int
    end: int


@dataclass
class Document:
    text: str  # the snapshot text: anchors point here
    body_start: int = 0
    metadata: dict[str, str | list[str]] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # <em>/<cite> spans
    original: bytes | None = None  # original bytes when the text was extracted (HTML, PDF)
    original_suffix: str = ".txt"  # extension of the original
    snapshot_suffix: str = ".txt"
    # "text", "markdown", "html" or "pdf": lets callers pick an entry type (online, report, ...)
    source_format: str = "text"
    # what the reader had to guess or could not find (one line each, naming the file)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text with everything before body_start blanked, offsets unchanged."""
        return " " * self.body_start + self.text[self.body_start :]

    @property
    def sha256(self) -> str:
        data = self.original if self.original is not None else self.text.encode("utf-8")
        return hashlib.sha256(data).hexdigest()


def read_document(path: Path, encoding: str | None = None) -> Document:
    """Read any supported source file; raises SourceError with one clear line.

    Only a regular file is read, and only up to the size limit (see `source_bytes`).
    `encoding` overrides what the file declares or what detection would find.
    """
    path = Path(path)
    data = read_source_bytes(path)
    return parse_bytes(data, path.suffix.lower(), str(path), encoding=encoding)


def parse_bytes(
    data: bytes, suffix: str, name: str = "<stdin>", encoding: str | None = None
) -> Document:
    """Parse the bytes of a source; `suffix` (".html", ".pdf", ".md", ...) is a hint only."""
    suffix = suffix.lower()
    if not data.strip():
        raise SourceError(f"{name}: file is empty")
    if looks_like_pdf(data, suffix):
        from citekit.read.formats.pdf import parse_pdf  # pypdf is only imported when needed

        return _document(parse_pdf(data, name), "pdf", original=data, suffix=".pdf")
    if suffix in PDF_SUFFIXES:
        raise SourceError(f"{name}: not a PDF (no %PDF header)")
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        from citekit.read.formats.html import parse_html  # trafilatura/lxml load slowly

        extracted = parse_html(data, name, encoding=encoding)
        return _document(extracted, "html", original=data, suffix=".html")
    decoded = decode_text(data, name, encoding)
    if not decoded.text.strip():
        raise SourceError(f"{name}: file is empty")
    doc = parse_text(decoded.text, markdown=suffix in MARKDOWN_SUFFIXES)
    if decoded.encoding not in ("utf_8", "ascii"):
        # the snapshot is UTF-8; the file as given is kept beside it, named by its encoding
        doc.original = data
        doc.original_suffix = f".{display_name(decoded.encoding)}{doc.original_suffix}"
    if decoded.warning:
        doc.warnings.append(decoded.warning)
    return doc


def parse_text(text: str, markdown: bool = False) -> Document:
    """Plain text or Markdown, with optional YAML front matter and/or `date YYYY-MM-DD` header."""
    from citekit.read.formats.text import parse_plain

    extracted = parse_plain(text, markdown=markdown)
    kind = "markdown" if extracted.markdown else "text"
    return _document(extracted, kind, original=None, suffix=".md" if extracted.markdown else ".txt")


def page_of(doc: Document, offset: int) -> Page | None:
    """The page holding the code point at `offset`, or None (no pages, or between two pages).

    Pages are sorted and disjoint, so a binary search keeps per-figure look-ups cheap on long
    reports.
    """
    if not doc.pages:
        return None
    i = bisect.bisect_right([p.start for p in doc.pages], offset) - 1
    if i < 0:
        return None
    page = doc.pages[i]
    return page if page.start <= offset < page.end else None


def _document(extracted: Extracted, kind: str, original: bytes | None, suffix: str) -> Document:
    return Document(
        text=extracted.text,
        body_start=extracted.body_start,
        metadata=extracted.metadata,
        pages=[Page(index, label, start, end) for index, label, start, end in extracted.pages],
        emphasis=extracted.emphasis,
        warnings=list(extracted.warnings),
        original=original,
        original_suffix=suffix,
        snapshot_suffix=".txt",
        source_format=kind,
    )


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for size in (10, 7, 4):
        chunk = value.strip()[:size]
        try:
            if size == 10:
                return dt.date.fromisoformat(chunk)
            if size == 7:
                return dt.date(int(chunk[:4]), int(chunk[5:7]), 1)
            return dt.date(int(chunk), 1, 1)
        except ValueError:
            continue
    return None
