"""Read a source file into a Document: the snapshot text, where the body starts, metadata, pages.

The snapshot text is what anchors point into. A header (the `date YYYY-MM-DD` token of plain
notes, YAML front matter) stays in the snapshot but lies before `body_start`, so it yields no
figures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from citekit.errors import SourceError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")


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

    @property
    def body(self) -> str:
        """The text with everything before body_start blanked, offsets unchanged."""
        return " " * self.body_start + self.text[self.body_start :]

    @property
    def sha256(self) -> str:
        data = self.original if self.original is not None else self.text.encode("utf-8")
        return hashlib.sha256(data).hexdigest()


def read_document(path: Path) -> Document:
    """Read any supported source file; raises SourceError with one clear line."""
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if path.is_dir():
        raise SourceError(f"{path}: is a directory (give files, or a folder to `add` in batch)")
    data = path.read_bytes()
    return parse_bytes(data, path.suffix.lower(), str(path))


def parse_bytes(data: bytes, suffix: str, name: str = "<stdin>") -> Document:
    if not data.strip():
        raise SourceError(f"{name}: file is empty")
    if b"\x00" in data[:8192]:
        raise SourceError(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    return parse_text(text)


def parse_text(text: str) -> Document:
    """Plain text or Markdown, with an optional `date YYYY-MM-DD` header."""
    text = text.replace("\r\n", "\n")
    doc = Document(text=text)
    m = _DATE_HEADER.match(text)
    if m:
        doc.metadata["date"] = m.group(1)
        doc.body_start = m.end()
    return doc
