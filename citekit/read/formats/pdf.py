"""PDF reports: text per page with printed page labels, reflowed so figures are never split.

pypdf gives one string per page with a newline at every printed line end. Anchors and figure
extraction want prose: a figure such as "2,846\\nnurses" or a quote broken over two lines must
be one run of text. So each page is reflowed:

* line-end hyphenation is undone ("thou-\\nsand" -> "thousand") only when both sides are
  lower-case letters and the document gives no evidence the hyphen is real; a hyphen next to a
  digit or a capital ("COVID-\\n19", "Anglo-\\nSaxon") and compounds seen unbroken elsewhere in
  the document ("well-known") keep their hyphen, only the line break goes;
* other single line breaks become spaces, except where a paragraph visibly ends (a short line
  closing a sentence, or the next line opens a list item): those become blank lines, which is
  how ``citekit.read.segment`` recognises paragraphs;
* a running page number alone on the first or last line, and running heads or feet repeated
  at the top or bottom of most pages, are dropped: they are not the author's figures.

Pages are joined with a blank line; each page's span is reported with its index and label.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from datetime import datetime

from pypdf import PdfReader

from citekit.errors import SourceError
from citekit.read.formats import Extracted, Metadata
from citekit.read.formats.pdfdate import document_date, file_date

# pypdf warns about every small defect of a file; the text is usually fine regardless.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_HYPHENS = "-\u2010"  # hyphen-minus, hyphen (not dashes: a dash at a line end is punctuation)
_LEFT_WORD = re.compile(r"([^\W\d_]+)[-\u2010]$")
_RIGHT_WORD = re.compile(r"^([^\W\d_]+)")
_COMPOUND = re.compile(r"\b([^\W\d_]+)[-\u2010]([^\W\d_]+)\b")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:][\"'\u201d\u2019)\]]*$")
_LIST_ITEM = re.compile(
    r"^(?:[\u2022\u25aa\u25cf\u2023\u2013\u2014*-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?([0-9]{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*[0-9]{1,4})?$", re.IGNORECASE
)
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft word\b|document\d*$|.*\.(?:docx?|pdf|indd|tex)$)", re.I
)
# compound first elements that hyphenation never produces as a syllable of one word
_NUMBER_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_NUMBER_UNITS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_COMPOUND_FIRST = {"well", "self"}
_HEADING_LINE = 0.6  # a shorter line, unpunctuated, before a capital starts a new block
_SHORT_LINE = 0.75  # a line shorter than this share of the page's longest line may end a paragraph


def parse_pdf(data: bytes, name: str) -> Extracted:
    """Read every page's text and labels, and the document's metadata."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{name}: PDF is encrypted with a password")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        labels = _labels(reader, len(raw_pages))
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"{name}: unreadable PDF ({reason})") from None
    if not raw_pages:
        raise SourceError(f"{name}: PDF has no pages")

    raw_pages = [
        p.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n") for p in raw_pages
    ]
    vocabulary = _Vocabulary(raw_pages)
    running = running_lines(raw_pages)
    parts: list[str] = []
    pages: list[tuple[int, str, int, int]] = []
    pos = 0
    for index, (raw, label) in enumerate(zip(raw_pages, labels, strict=True)):
        page_text = reflow_page(raw, vocabulary, {label, str(index + 1)}, running)
        if index:
            parts.append("\n\n")
            pos += 2
        parts.append(page_text)
        pages.append((index, label, pos, pos + len(page_text)))
        pos += len(page_text)
    text = "".join(parts)
    if not text.strip():
        raise SourceError(f"{name}: PDF has no extractable text (scanned images? run OCR first)")
    metadata, warnings = _metadata(reader, raw_pages, name)
    return Extracted(text=text, metadata=metadata, pages=pages, warnings=warnings)


def _labels(reader: PdfReader, count: int) -> list[str]:
    """Printed page labels, "1", "2", ... when the PDF defines none (or defines them badly)."""
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # a damaged /PageLabels tree must not cost us the text
        labels = []
    if len(labels) != count:
        labels = [str(i + 1) for i in range(count)]
    return labels


class _Vocabulary:
    """Words and hyphenated compounds the document prints unbroken: evidence for dehyphenation."""

    def __init__(self, pages: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        for page in pages:
            for line in page.split("\n"):
                body = line[:-1] if line.endswith(tuple(_HYPHENS)) else line
                self.words.update(w.lower() for w in _WORD.findall(body))
                self.compounds.update(
                    f"{a.lower()}-{b.lower()}" for a, b in _COMPOUND.findall(body)
                )

    def keeps_hyphen(self, left: str, right: str) -> bool:
        """Decide whether ``left-`` at a line end followed by ``right`` is a real hyphen."""
        if not (left[-1].islower() and right[0].islower()):
            return True  # "Anglo-Saxon", "mid-October", "UN-led": never a syllable break
        lo_left, lo_right = left.lower(), right.lower()
        if f"{lo_left}-{lo_right}" in self.compounds:
            return True
        if lo_left + lo_right in self.words:
            return False
        if lo_left in _NUMBER_TENS and lo_right in _NUMBER_UNITS:
            return True
        return lo_left in _COMPOUND_FIRST and len(lo_right) >= 5


def running_lines(pages: list[str]) -> set[str]:
    """Running heads and feet: lines (digits ignored) opening or closing most pages.

    "Annual Report 2017 | 12" on every page would otherwise give a year and a count per page.
    Only the first and last two lines of a page are considered, and only documents of three or
    more pages, where at least half the pages share the line.
    """
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        edge = {_running_key(line) for line in lines[:2] + lines[-2:]}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= max(3, len(pages) / 2)}


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def reflow_page(
    raw: str,
    vocabulary: _Vocabulary,
    page_numbers: set[str],
    running: set[str] | None = None,
) -> str:
    """Turn one page's printed lines into paragraphs separated by blank lines."""
    lines = [line.strip() for line in raw.split("\n")]
    if running:
        nonblank = [i for i, line in enumerate(lines) if line]
        for i in nonblank[:2] + nonblank[-2:]:
            if _running_key(lines[i]) in running:
                lines[i] = ""
    _drop_page_number(lines, page_numbers)
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if block:
            paragraphs.extend(_reflow_block(block, vocabulary))
    return "\n\n".join(paragraphs)


def _drop_page_number(lines: list[str], page_numbers: set[str]) -> None:
    """Remove a running page number ("12", "xii", "Page 3 of 40") heading or closing the page."""
    wanted = {n.lower() for n in page_numbers}
    for where in (-1, 0):
        nonblank = [i for i, line in enumerate(lines) if line]
        if len(nonblank) < 2:
            return
        i = nonblank[where]
        m = _PAGE_NUMBER.match(lines[i])
        if m and m.group(1).lower() in wanted:
            lines[i] = ""


def _reflow_block(lines: list[str], vocabulary: _Vocabulary) -> list[str]:
    longest = max(len(line) for line in lines)
    paragraphs: list[str] = []
    current = lines[0]
    for prev, line in zip(lines, lines[1:], strict=False):
        if prev.endswith(tuple(_HYPHENS)) and prev[-2:-1].isalnum() and line[:1].isalnum():
            left = _LEFT_WORD.search(prev)
            right = _RIGHT_WORD.match(line)
            if left and right and not vocabulary.keeps_hyphen(left.group(1), right.group(1)):
                current = current[:-1] + line  # hyphenation: "thou-" + "sand"
            else:
                current += line  # a real hyphen: "COVID-" + "19", "well-" + "known"
            continue
        if (
            _LIST_ITEM.match(line)
            or (_SENTENCE_END.search(prev) and len(prev) < _SHORT_LINE * longest)
            or _is_heading(prev, line, longest)
        ):
            paragraphs.append(current)
            current = line
            continue
        current += " " + line
    paragraphs.append(current)
    return [" ".join(p.split()) for p in paragraphs]


def _is_heading(prev: str, line: str, longest: int) -> bool:
    """A short line that stops without punctuation before a capitalised line is a heading.

    Wrapped prose fills its lines, so a line ending well short of the page's longest one broke
    on purpose; if the next line starts a new sentence-like run, keep them apart. A lower-case
    continuation ("2,846" / "nurses") is still joined.
    """
    return (
        len(prev) < _HEADING_LINE * longest
        and prev[-1:].isalnum()
        and prev[:1].isupper()
        and line[:1].isupper()
    )


def _metadata(reader: PdfReader, pages: list[str], name: str) -> tuple[Metadata, list[str]]:
    """Document info first; the first page's title line when the info has none (or a file name).
    The date is the one the document states (`pdfdate`), else the file's creation date."""
    first_page = pages[0]
    meta: Metadata = {}
    try:
        info = reader.metadata
    except Exception:
        info = None
    title = author = None
    created: datetime | None = None
    if info is not None:
        title = _clean(info.title)
        author = _clean(info.author)
        try:
            created = info.creation_date
        except Exception:  # malformed date string
            created = None
    if not title or _JUNK_TITLE.match(title):
        title = _first_page_title(reader, first_page)
    if title:
        meta["title"] = title
    if author:
        names = [a.strip() for a in re.split(r";|\s+and\s+|\s*&\s*", author) if a.strip()]
        if names:
            meta["author"] = names
    warnings: list[str] = []
    stated = document_date(pages)
    if stated:
        meta["date"] = stated
    else:
        day, warning = file_date(created, name)
        if day:
            meta["date"] = day
        if warning:
            warnings.append(warning)
    return meta, warnings


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _first_page_title(reader: PdfReader, first_page: str) -> str | None:
    """The largest text near the top of page one, else its first line."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and len(runs) < 200:
            scale = max(abs(tm[0]), abs(tm[3]), 1e-6) * max(abs(cm[0]), abs(cm[3]), 1e-6)
            runs.append((round(float(size) * scale, 1), text))

    try:
        reader.pages[0].extract_text(visitor_text=visit)
    except Exception:
        runs = []
    if runs:
        biggest = max(size for size, _ in runs)
        sizes = sorted({size for size, _ in runs})
        if len(sizes) > 1:  # a title must stand out from the body text
            title: list[str] = []
            for size, text in runs:
                if size == biggest:
                    title.append(text)
                elif title:
                    break
            joined = " ".join(" ".join(title).split())
            if joined:
                return joined[:300]
    for line in first_page.split("\n"):
        if line.strip():
            return " ".join(line.split())[:300]
    return None
