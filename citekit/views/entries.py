"""The entries of refs.bib as a table, written row by row: at 10,000 entries a rich table would
measure and lay out every cell before printing the first line.

Column widths come from the column maxima (the title column takes what the others leave), each
cell is wrapped at spaces on its own, and rows are written as they are made. Piped, the table is
a header and one tab-separated line per entry, as every table of citekit's prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len as _rich_cell_len
from rich.console import Console
from rich.style import Style

from citekit.views.fit import plain_cell

HEADER = ["key", "type", "title", "author", "date", "year_inferred", "related"]
_HEADS = ("key · type", "title · author", "date", "related")
_GAP = "   "  # padding, divider, padding: as rich's tables space their columns
_RELATED_MAX = 20
_TITLE_MIN = 20
_CHUNK = 500  # rows a write


def cell_len(text: str) -> int:
    """Terminal cells of `text` (ASCII, the common case, without a table lookup)."""
    return len(text) if text.isascii() else _rich_cell_len(text)


@dataclass
class Row:
    key: str
    type: str
    title: str
    author: str
    date: str
    inferred: bool
    related: list[str]

    def plain(self) -> list[Any]:
        return [
            self.key,
            self.type,
            self.title,
            self.author,
            self.date,
            self.inferred,
            ", ".join(self.related),
        ]


def row_of(f: dict[str, str]) -> Row:
    title = f.get("title", "")
    if f.get("citekit-title") == "derived":
        title += " [derived]"
    return Row(
        key=f["ID"],
        type=f["ENTRYTYPE"],
        title=title,
        author=f.get("author") or f.get("institution") or "",
        date=f.get("date") or f.get("year") or "",
        inferred=f.get("citekit-year-inferred") == "true",
        related=[k.strip() for k in f.get("related", "").split(",") if k.strip()],
    )


def print_entries(console: Console, entries: list[dict[str, str]]) -> None:
    rows = [row_of(f) for f in entries]
    out = console.file
    if not console.is_terminal:
        lines = ["\t".join(HEADER)]
        lines.extend("\t".join(plain_cell(v) for v in r.plain()) for r in rows)
        out.write("\n".join(lines) + "\n")
        out.flush()
        return
    for chunk in table_lines(rows, console.width, _Paint(console)):
        out.write(chunk)
    out.flush()


class _Paint:
    """ANSI styles as the console would write them (none where it writes no colour)."""

    def __init__(self, console: Console) -> None:
        self.system = None if console.no_color else console.color_system
        self.cache: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if not self.system or not text.strip():
            return text
        ends = self.cache.get(style)
        if ends is None:
            on = Style.parse(style).render("\0", color_system=self._system())
            before, _, after = on.partition("\0")
            ends = self.cache[style] = (before, after)
        return ends[0] + text + ends[1]

    def _system(self) -> Any:
        from rich.color import ColorSystem

        return {
            "standard": ColorSystem.STANDARD,
            "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR,
            "windows": ColorSystem.WINDOWS,
        }.get(str(self.system), ColorSystem.STANDARD)


def widths(rows: list[Row], total: int) -> tuple[int, int, int, int]:
    """(key, title, date, related) column widths for a table `total` cells wide."""
    key = max([cell_len(_HEADS[0])] + [max(cell_len(r.key), cell_len(r.type)) for r in rows])
    date = max(
        [cell_len(_HEADS[2])]
        + [cell_len(r.date) for r in rows]
        + [cell_len("(inferred)") for r in rows if r.inferred]
    )
    joined = max([0] + [cell_len(", ".join(r.related)) for r in rows])
    related = max(cell_len(_HEADS[3]), min(_RELATED_MAX, joined))
    room = total - 2 - key - date - related - 3 * len(_GAP)
    if room < _TITLE_MIN:  # a narrow terminal: the related column gives way first
        related = max(cell_len(_HEADS[3]), related - (_TITLE_MIN - room))
        room = total - 2 - key - date - related - 3 * len(_GAP)
    words = max([cell_len(_HEADS[1])] + [cell_len(r.title) for r in rows])
    words = max(words, max([0] + [cell_len(r.author) for r in rows]))
    return key, max(1, min(room, words)), date, related


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces (a longer word is cut)."""
    size = len if text.isascii() else _rich_cell_len
    if size(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        n = size(word)
        while n > width:
            if line:
                lines.append(line)
                line, used = "", 0
            cut = _fit(word, width)
            lines.append(word[:cut])
            word = word[cut:]
            n = size(word)
        if not line:
            line, used = word, n
        elif used + 1 + n <= width:
            line += " " + word
            used += 1 + n
        else:
            lines.append(line)
            line, used = word, n
    if line or not lines:
        lines.append(line)
    return lines


def _fit(word: str, width: int) -> int:
    cut = min(len(word), width)
    while cut > 1 and cell_len(word[:cut]) > width:
        cut -= 1
    return cut


def _related_lines(keys: list[str], width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for n, key in enumerate(keys):
        item = key + ("," if n < len(keys) - 1 else "")
        if line and cell_len(line) + 1 + cell_len(item) <= width:
            line += " " + item
        else:
            if line:
                lines.append(line)
            line = item
    if line:
        lines.append(line)
    return [piece for text in lines for piece in wrap(text, width)]


def _pad(text: str, width: int) -> str:
    if text.isascii():
        return text.ljust(width)
    return text + " " * max(0, width - _rich_cell_len(text))


def table_lines(rows: list[Row], total: int, paint: _Paint) -> Iterator[str]:
    """The table as text, a chunk of rows at a time."""
    w = widths(rows, total)
    inner = sum(w) + 3 * len(_GAP)
    yield paint(_pad("refs.bib", inner + 2), "italic") + "\n"
    yield " " * (inner + 2) + "\n"
    heads = [paint(_pad(h, width), "bold") for h, width in zip(_HEADS, w, strict=True)]
    yield " " + _GAP.join(heads) + " \n"
    yield " " + "─" * inner + " \n"
    chunk: list[str] = []
    for n, row in enumerate(rows):
        if n:
            chunk.append(" " * (inner + 2) + "\n")
        chunk.extend(_row_lines(row, w, paint))
        if len(chunk) >= _CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _row_lines(row: Row, w: tuple[int, int, int, int], paint: _Paint) -> Iterable[str]:
    kw, tw, dw, rw = w
    keys = [paint(_pad(row.key, kw), "bold"), paint(_pad(row.type, kw), "bold dim")]
    title = [_pad(t, tw) for t in wrap(row.title, tw)]
    if row.author:
        title += [paint(_pad(a, tw), "dim") for a in wrap(row.author, tw)]
    date = [_pad(row.date, dw)] + ([_pad("(inferred)", dw)] if row.inferred else [])
    related = [paint(_pad(r, rw), "cyan") for r in _related_lines(row.related, rw)]
    height = max(2, len(title), len(date), len(related))
    blank = [" " * width for width in w]
    for cell, n in ((keys, 0), (title, 1), (date, 2), (related, 3)):
        cell.extend([blank[n]] * (height - len(cell)))
    for parts in zip(keys, title, date, related, strict=True):
        yield " " + _GAP.join(parts) + " \n"
