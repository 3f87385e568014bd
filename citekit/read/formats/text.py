"""Plain text and Markdown: headers that carry metadata, and Markdown italics.

Two headers are understood, in this order: YAML front matter (``---`` ... ``---``) and the seed
format's first token ``date YYYY-MM-DD``. Both stay in the snapshot text (the file is the
snapshot) but lie before ``body_start``, so they yield no figures.

A text saved from a page or written as a note usually opens with its title on a line of its own.
That line is the title when it stands alone: a Markdown heading, or a short line that is one
sentence, does not end like running prose (a period, comma, colon or semicolon) and has text
after it. A first line that is a paragraph, a byline, a date or a list item is not a title; the
entry then gets the derived stand-in as before. The title line stays in the text.
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
    if "title" not in out.metadata:
        title = first_line_title(text, out.body_start, markdown)
        if title:
            out.metadata["title"] = title
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


_ATX_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"(?:=+|-+)[ \t]*$")
_NOT_A_TITLE_START = re.compile(
    r"(?:[-*+\u2022>|]\s|\d{1,3}[.)]\s|by\s|https?://|www\.|\[|!\[|<)", re.IGNORECASE
)
_PROSE_END = re.compile(r"[.,;:]$")
_DATE_ONLY = re.compile(
    r"(?:\w+,?\s+)?(?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}"
)
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


def first_line_title(text: str, start: int = 0, markdown: bool = False) -> str | None:
    """The text's title when its first line (from `start`) stands alone as one, else None."""
    lines = iter(text[start:].split("\n"))
    first = next((line.strip() for line in lines if line.strip()), "")
    following = next((line.strip() for line in lines if line.strip()), "")
    if not first or not following:
        return None  # a one-line note has no title line, only a text
    heading = _ATX_HEADING.fullmatch(first)
    if heading and (markdown or first.startswith("# ")):
        return _tidy(heading.group(1))
    if markdown and _SETEXT_RULE.fullmatch(following) and following[0] in "=-":
        return _tidy(first)
    return _tidy(first) if _stands_alone(first) else None


def _stands_alone(line: str) -> bool:
    from citekit.read.segment import sentences

    if len(line) > _MAX_TITLE_CHARS or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    if _PROSE_END.search(line) or _NOT_A_TITLE_START.match(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'\u201c\u2018\u00ab("):
        return False
    if _DATE_ONLY.fullmatch(line):
        return False
    return len(sentences(line)) == 1


def _tidy(title: str) -> str | None:
    title = " ".join(title.split()).strip("*_ ")
    return title or None
