"""Plain text and Markdown: headers that carry metadata, and Markdown italics.

Two headers are understood, in this order: YAML front matter (``---`` ... ``---``) and the seed
format's first token ``date YYYY-MM-DD``. Both stay in the snapshot text (the file is the
snapshot) but lie before ``body_start``, so they yield no figures.
"""

from __future__ import annotations

import re

from citekit.read.formats import Extracted
from citekit.read.formats.frontmatter import parse_front_matter

_DATE_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# *Title* or _Title_, not **bold**, not snake_case or 2*3*4
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?![\s_])([^_\n]+?)(?<!\s)_(?![\w_])"
)


def parse_plain(text: str, markdown: bool = False) -> Extracted:
    """Metadata and body start of a note; italic spans too when it is Markdown.

    Front matter makes a file Markdown whatever its name (plain text has no such convention).
    """
    text = text.replace("\r\n", "\n")
    out = Extracted(text=text)
    front = parse_front_matter(text)
    if front is not None:
        out.metadata, out.body_start = front
        markdown = True
    m = _DATE_HEADER.match(text, out.body_start)
    if m:
        out.metadata.setdefault("date", m.group(1))
        out.body_start = m.end()
    out.markdown = markdown
    if markdown:
        out.emphasis = markdown_emphasis(text, out.body_start)
    return out


def markdown_emphasis(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of the words inside single ``*`` / ``_`` emphasis (markers excluded)."""
    spans = []
    for m in _MD_EMPHASIS.finditer(text, start):
        group = 1 if m.group(1) is not None else 2
        spans.append((m.start(group), m.end(group)))
    return spans
