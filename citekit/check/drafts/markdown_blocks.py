"""Markdown's blocks: prose paragraphs, headings, table rows and footnote bodies, line by line.

Code (fenced or indented), front matter, HTML comments, display math, rules, div fences and link
definitions are dropped. Each paragraph keeps the runs of its lines after block markers (list
bullets, `>`, heading hashes and section numbers), so its text maps back to the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekit.check.drafts.shiftmap import Mapped, Region

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_SECTION_NUMBER = re.compile(r"(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)[ \t]+")
_LIST_ITEM = re.compile(
    r"[ \t]*(?:[-*+]|\d{1,9}[.)]|[a-zA-Z][.)]|\(\d{1,9}\)|#\.)[ \t]+(?:\[[ xX]\][ \t]+)?"
)
_ORDERED = re.compile(r"[ \t]*(?:[02-9]|\d{2,9})[.)]")
_BLOCKQUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_FOOTNOTE_DEF = re.compile(r"[ ]{0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]*")
_LINK_DEF = re.compile(r"[ ]{0,3}\[[^\]]+\]:[ \t]*\S+")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_SETEXT_RULE = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_HRULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_DIV_FENCE = re.compile(r"[ ]{0,3}:::")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            if pos < n:
                out.append((pos, n))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def _front_matter_end(text: str, lines: list[tuple[int, int]]) -> int:
    """Number of lines taken by YAML front matter (0 when there is none)."""
    if not lines or text[lines[0][0] : lines[0][1]].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        a, b = lines[index]
        if text[a:b].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _indent_width(line: str) -> int:
    """Columns of leading white space, a tab reaching the next multiple of four (CommonMark)."""
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


@dataclass
class Block:
    """A paragraph of Markdown: the runs of its lines after block markers, and its region."""

    region: Region
    runs: list[tuple[int, int]]


@dataclass
class _BlockReader:
    """The state of a line-by-line pass over a Markdown draft."""

    text: str
    main: Region
    footnotes: dict[str, Region] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    current: list[tuple[int, int]] = field(default_factory=list)
    region: Region | None = None
    fence: str | None = None
    in_comment: bool = False
    in_math: bool = False
    in_footnote: bool = False
    previous_blank: bool = True
    in_code: bool = False  # an indented code block (four spaces after a blank line)
    item_open: bool = False  # the paragraph being built is a list item
    list_content: int | None = None  # column where the open list's item text starts

    def __post_init__(self) -> None:
        self.region = self.main

    def flush(self) -> None:
        if self.current:
            self.blocks.append(Block(self.here, self.current))
        self.current = []
        self.item_open = False

    @property
    def here(self) -> Region:
        return self.region if self.region is not None else self.main

    def read(self) -> None:
        lines = _lines(self.text)
        for index in range(_front_matter_end(self.text, lines), len(lines)):
            a, b = lines[index]
            self.line(a, b)
        self.flush()

    def line(self, a: int, b: int) -> None:
        line = self.text[a:b]
        if self.skipping(line):
            return
        if not line.strip():
            self.flush()
            self.previous_blank = True
            return
        indent = len(line) - len(line.lstrip(" \t"))
        width = _indent_width(line)
        if self.in_code:
            if width >= 4:
                return
            self.in_code = False
        if self.in_footnote and self.previous_blank and width < 4:
            self.in_footnote = False
            self.region = self.main
        was_blank, self.previous_blank = self.previous_blank, False
        if was_blank and self.list_content is not None and width < self.list_content:
            self.list_content = None  # a paragraph at the margin ends the list
        if was_blank and width >= 4 + max(self.list_content or 0, 4 if self.in_footnote else 0):
            # An indented code block: in a list or a footnote, four spaces past their text.
            self.flush()
            self.in_code = True
            return
        if self.opens_skipped(line, was_blank) or self.structure(line, a, b, indent):
            return
        self.prose(line, a, b, indent, was_blank)

    def skipping(self, line: str) -> bool:
        """Inside a fence, an HTML comment or display math: the line is not prose."""
        if self.fence is not None:
            stripped = line.strip()
            if stripped.startswith(self.fence) and not stripped.strip(self.fence[0]):
                self.fence = None
            return True
        if self.in_comment:
            if "-->" in line:
                self.in_comment = False
            return True
        if self.in_math:
            if "$$" in line:
                self.in_math = False
            return True
        return False

    def opens_skipped(self, line: str, was_blank: bool) -> bool:
        """A fence, comment, display math, div fence, rule or setext underline."""
        m = _FENCE.match(line)
        if m:
            self.flush()
            self.fence = m.group(1)
            return True
        stripped = line.strip()
        if stripped.startswith("<!--"):
            self.flush()
            self.in_comment = "-->" not in stripped
            return True
        if stripped.startswith("$$"):
            self.flush()
            self.in_math = stripped == "$$" or not stripped.endswith("$$") or len(stripped) < 4
            return True
        if _DIV_FENCE.match(line) or _HRULE.match(line):
            self.flush()
            return True
        if _SETEXT_RULE.match(line) and self.current and not was_blank:
            # The previous line was a heading: close it as a paragraph of its own.
            self.flush()
            return True
        return False

    def structure(self, line: str, a: int, b: int, indent: int) -> bool:
        """A heading, footnote definition, link definition or table row."""
        text = self.text
        m = _HEADING.match(line)
        if m:
            self.flush()
            start = a + m.end()
            n = _SECTION_NUMBER.match(text, start, b)
            if n:
                start = n.end()
            end = b
            while end > start and text[end - 1] in "# \t":
                end -= 1
            if end > start:
                self.blocks.append(
                    Block(self.here if self.in_footnote else self.main, [(start, end)])
                )
            return True
        m = _FOOTNOTE_DEF.match(line)
        if m:
            self.flush()
            label = m.group("label")
            self.region = self.footnotes.setdefault(label, Region(footnote=label))
            self.in_footnote = True
            self.current = [(a + m.end(), b)]
            return True
        if _LINK_DEF.match(line) and not line.lstrip().startswith("[@"):
            self.flush()
            return True
        if _TABLE_RULE.match(line) and "|" in line:
            return True
        if line.strip().startswith("|"):
            self.flush()
            self.blocks.append(Block(self.here, [(a + indent, b)]))
            return True
        return False

    def prose(self, line: str, a: int, b: int, indent: int, was_blank: bool) -> None:
        """A line of a paragraph, after its quote marks and list bullet."""
        text = self.text
        line_start = a
        m = _BLOCKQUOTE.match(line)
        if m:
            a = a + m.end()
        if self.in_footnote and indent >= 4:
            a = min(b, a + min(indent, 4))
        m = _LIST_ITEM.match(text, a, b)
        if (
            m
            and self.current
            and not was_blank
            and not self.item_open
            and _ORDERED.match(m.group())
            and not text[self.current[-1][0] : self.current[-1][1]].rstrip().endswith(":")
        ):
            # CommonMark: only "1." starts a list inside a paragraph ("...rose in\n2017. Then"),
            # but "2." goes on a list already open, and after "Steps:" a list is meant.
            m = None
        if m:
            self.flush()
            self.item_open = True
            self.list_content = m.end() - line_start
            a = m.end()
        else:
            while a < b and text[a] in " \t":
                a += 1
        self.current.append((a, b))


def markdown_blocks(text: str, main: Region) -> tuple[list[Block], dict[str, Region]]:
    """Split Markdown into prose paragraphs (code, front matter, rules and definitions dropped)."""
    reader = _BlockReader(text, main)
    reader.read()
    return reader.blocks, reader.footnotes


def virtual(text: str, runs: list[tuple[int, int]]) -> Mapped:
    """The lines of one paragraph joined by newlines, mapped back to the draft."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, (a, b) in enumerate(runs):
        if index:
            prev_end = runs[index - 1][1]
            parts.append("\n")
            starts.append(prev_end)
            ends.append(prev_end + 1)
        parts.append(text[a:b])
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
    return Mapped("".join(parts), starts, ends)
