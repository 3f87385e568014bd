"""Reading a draft: the numbers it states, where they stand, and the citations that cover them.

A draft is Markdown (pandoc citations), LaTeX or plain text. Markup is not prose, so each format is
first rewritten into a *clean* text: citations, code, math, comments and commands removed, `~`,
`\\%` and `4{,}200` turned into what they print. Every clean character keeps the span of the draft
it came from (a shift map, as quantulum3 does), so a number found in the clean text still points at
the exact characters, line and column of the draft the writer edits.

The numbers are then read with the same extractor as sources, so a draft and its sources agree on
what "2.3 million" or "more than 4,000" means. Citations are kept as positions in the clean text;
a number is covered by the citations of its sentence, failing that of its paragraph or footnote.
Footnotes are moved out of line into regions of their own, and their marker in the running text
cites whatever the footnote cites (the usual way humanities drafts cite).

Numbers that label rather than state are never checked: list markers ("2.", "3)"), heading and
section numbers, "Table 2" or "Figures 3-5", and code (fenced, indented or inline). siunitx's
`\\SI{21.1}{\\celsius}`, `\\qty`, `\\num` and friends are read as they print ("21.1 °C"),
while the number still points at the whole command in the draft.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

from citekit.models import Figure
from citekit.read.segment import Segment, sentences

FORMATS = ("md", "tex", "txt")
_SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".pandoc": "md",
    ".qmd": "md",
    ".rmd": "md",
    ".tex": "tex",
    ".latex": "tex",
    ".ltx": "tex",
    ".txt": "txt",
    ".text": "txt",
}


def format_for(path: str | PurePath | None, default: str = "md") -> str:
    """The draft format implied by a file name (`-` and unknown suffixes give `default`)."""
    if path is None or str(path) == "-":
        return default
    return _SUFFIX_FORMATS.get(PurePath(str(path)).suffix.lower(), default)


# -- the shift map ---------------------------------------------------------------------------


@dataclass
class Mapped:
    """A text whose every character remembers the draft span [starts[i], ends[i]) it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, text: str) -> Mapped:
        return cls(text, list(range(len(text))), list(range(1, len(text) + 1)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The draft span of clean characters [start, end)."""
        return _span_of(self, start, end)


@dataclass(frozen=True)
class Citation:
    """One citation in the draft: its keys, their locators, and where it stands."""

    keys: tuple[str, ...]
    locators: tuple[str, ...]  # per key ("p. 3", "ch. 2" or "")
    pos: int  # position in the clean text (where the citation was removed)
    start: int  # span in the draft
    end: int
    line: int
    footnote: str | None = None  # set on a footnote marker: it cites what that footnote cites
    in_footnote: str | None = None  # the footnote this citation stands in


@dataclass
class _Region:
    """A builder of clean text: the running text, or one footnote's body."""

    footnote: str | None = None
    parts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    # (keys, locators, clean position, draft start, draft end, footnote marker label)
    cites: list[tuple[tuple[str, ...], tuple[str, ...], int, int, int, str | None]] = field(
        default_factory=list
    )

    @property
    def pos(self) -> int:
        return len(self.starts)

    def copy(self, m: Mapped, a: int, b: int) -> None:
        if b > a:
            self.parts.append(m.text[a:b])
            self.starts.extend(m.starts[a:b])
            self.ends.extend(m.ends[a:b])

    def put(self, text: str, m: Mapped, a: int, b: int) -> None:
        """`text` in place of m[a:b] (a replacement maps to the whole span it replaces)."""
        if not text:
            return
        start, end = _span_of(m, a, b)
        self.parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def cite(
        self,
        keys: tuple[str, ...],
        locators: tuple[str, ...],
        m: Mapped,
        a: int,
        b: int,
        footnote: str | None = None,
    ) -> None:
        start, end = _span_of(m, a, b)
        self.cites.append((keys, locators, self.pos, start, end, footnote))

    def tail(self, n: int) -> str:
        """The last `n` clean characters (to decide spacing and digit context)."""
        out = ""
        for part in reversed(self.parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]


def _span_of(m: Mapped, a: int, b: int) -> tuple[int, int]:
    if not m.text:
        return 0, 0
    if b <= a:
        at = m.starts[min(a, len(m.text) - 1)] if a < len(m.text) else m.ends[-1]
        return at, at
    return m.starts[a], m.ends[b - 1]


def _match_close(s: str, i: int, end: int, open_: str, close: str) -> int | None:
    """Index just past the bracket closing the one at `i` (backslash escapes respected)."""
    depth = 0
    j = i
    while j < end:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


# -- Markdown --------------------------------------------------------------------------------

# pandoc: a key starts with a letter, digit or _ and may hold internal punctuation.
_KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
_PANDOC_ITEM = re.compile(
    rf"(?P<prefix>.*?)(?P<suppress>-?)@(?:\{{(?P<braced>[^}}]+)\}}|(?P<key>{_KEY}))(?P<suffix>.*)",
    re.S,
)
_NARRATIVE = re.compile(rf"@(?:\{{(?P<braced>[^}}]+)\}}|(?P<key>{_KEY}))")
# pandoc-crossref references look like citations: [@fig:map], @sec:intro.
_CROSS_REF = re.compile(r"(?:fig|sec|tbl|eq|lst|tab|chap|apx):")
_NARRATIVE_LOCATOR = re.compile(r"[ \t]?\[(?P<loc>[^\]\[@\n]*)\]")
_MD_SPECIAL = re.compile(r"https?://[^\s<>\])]+|www\.[^\s<>\])]+|[`\\<$!\[\^@*_|]")
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
_SUPERSCRIPT_TAG = re.compile(r"<(sup|sub)\b[^<>]*>", re.I)
_PANDOC_SUPERSCRIPT = re.compile(r"\^[^\s^\[\]]{1,12}\^")
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
class _Block:
    """A paragraph of Markdown: the runs of its lines after block markers, and its region."""

    region: _Region
    runs: list[tuple[int, int]]


def _markdown_blocks(text: str, main: _Region) -> tuple[list[_Block], dict[str, _Region]]:
    """Split Markdown into prose paragraphs (code, front matter, rules and definitions dropped)."""
    lines = _lines(text)
    footnotes: dict[str, _Region] = {}
    blocks: list[_Block] = []
    current: list[tuple[int, int]] = []
    region = main
    fence: str | None = None
    in_comment = in_math = False
    in_footnote = False
    previous_blank = True
    in_code = False  # an indented code block (four spaces after a blank line)
    item_open = False  # the paragraph being built is a list item
    list_content: int | None = None  # column where the open list's item text starts

    def flush() -> None:
        nonlocal current, item_open
        if current:
            blocks.append(_Block(region, current))
        current = []
        item_open = False

    for index in range(_front_matter_end(text, lines), len(lines)):
        a, b = lines[index]
        line = text[a:b]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if in_math:
            if "$$" in line:
                in_math = False
            continue
        blank = not line.strip()
        if blank:
            flush()
            previous_blank = True
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        width = _indent_width(line)
        if in_code:
            if width >= 4:
                continue
            in_code = False
        if in_footnote and previous_blank and width < 4:
            in_footnote = False
            region = main
        was_blank, previous_blank = previous_blank, False
        if was_blank and list_content is not None and width < list_content:
            list_content = None  # a paragraph at the margin ends the list
        if was_blank and width >= 4 + max(list_content or 0, 4 if in_footnote else 0):
            # An indented code block: in a list or a footnote, four spaces past their text.
            flush()
            in_code = True
            continue
        m = _FENCE.match(line)
        if m:
            flush()
            fence = m.group(1)
            continue
        stripped = line.strip()
        if stripped.startswith("<!--"):
            flush()
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("$$"):
            flush()
            in_math = stripped == "$$" or not stripped.endswith("$$") or len(stripped) < 4
            continue
        if _DIV_FENCE.match(line) or _HRULE.match(line):
            flush()
            continue
        if _SETEXT_RULE.match(line) and current and not was_blank:
            # The previous line was a heading: close it as a paragraph of its own.
            flush()
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            start = a + m.end()
            n = _SECTION_NUMBER.match(text, start, b)
            if n:
                start = n.end()
            end = b
            while end > start and text[end - 1] in "# \t":
                end -= 1
            if end > start:
                blocks.append(_Block(region if in_footnote else main, [(start, end)]))
            continue
        m = _FOOTNOTE_DEF.match(line)
        if m:
            flush()
            label = m.group("label")
            region = footnotes.setdefault(label, _Region(footnote=label))
            in_footnote = True
            current = [(a + m.end(), b)]
            continue
        if _LINK_DEF.match(line) and not line.lstrip().startswith("[@"):
            flush()
            continue
        if _TABLE_RULE.match(line) and "|" in line:
            continue
        if stripped.startswith("|"):
            flush()
            blocks.append(_Block(region, [(a + indent, b)]))
            continue
        m = _BLOCKQUOTE.match(line)
        if m:
            a = a + m.end()
        if in_footnote and indent >= 4:
            a = min(b, a + min(indent, 4))
        m = _LIST_ITEM.match(text, a, b)
        if (
            m
            and current
            and not was_blank
            and not item_open
            and _ORDERED.match(m.group())
            and not text[current[-1][0] : current[-1][1]].rstrip().endswith(":")
        ):
            # CommonMark: only "1." starts a list inside a paragraph ("...rose in\n2017. Then"),
            # but "2." goes on a list already open, and after "Steps:" a list is meant.
            m = None
        if m:
            flush()
            item_open = True
            list_content = m.end() - lines[index][0]
            a = m.end()
        else:
            while a < b and text[a] in " \t":
                a += 1
        current.append((a, b))
    flush()
    return blocks, footnotes


def _virtual(text: str, runs: list[tuple[int, int]]) -> Mapped:
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


def _pandoc_group(inner: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Keys and locators of a bracketed pandoc citation, or None when it is not one."""
    keys: list[str] = []
    locators: list[str] = []
    for item in inner.split(";"):
        m = _PANDOC_ITEM.match(item)
        if not m:
            if item.strip():
                return None
            continue
        prefix = m.group("prefix")
        if prefix and not prefix[-1].isspace() and prefix[-1] not in "([":
            return None  # an e-mail address, not a citation
        keys.append(m.group("braced") or m.group("key"))
        locators.append(m.group("suffix").strip().lstrip(",").strip())
    if not keys:
        return None
    kept = [(k, loc) for k, loc in zip(keys, locators, strict=True) if not _CROSS_REF.match(k)]
    return tuple(k for k, _ in kept), tuple(loc for _, loc in kept)


def _narrative_word(key: str) -> str:
    """A word standing for the author in "@meridian2021 says": keeps the sentence a sentence.

    The key's leading letters, capitalised ("Meridian"); never its digits, which would be read as a
    year or a count.
    """
    letters = re.match(r"[^\W\d_]+", key)
    word = letters.group() if letters else "They"
    return word[:1].upper() + word[1:]


class _MarkdownInline:
    """Inline Markdown of one paragraph into a region: citations out, code and URLs dropped."""

    def __init__(self, new_footnote: Callable[[], _Region]) -> None:
        self.new_footnote = new_footnote

    def run(self, m: Mapped, a: int, b: int, out: _Region) -> None:
        s = m.text
        i = a
        while i < b:
            hit = _MD_SPECIAL.search(s, i, b)
            if hit is None:
                out.copy(m, i, b)
                return
            j = hit.start()
            out.copy(m, i, j)
            i = self._special(m, j, b, out, hit.group())

    def _special(self, m: Mapped, j: int, b: int, out: _Region, token: str) -> int:
        s = m.text
        c = token[0]
        if len(token) > 1:  # a bare URL
            return j + len(token)
        if c == "`":
            k = j
            while k < b and s[k] == "`":
                k += 1
            ticks = s[j:k]
            close = s.find(ticks, k, b)
            while close >= 0 and close + len(ticks) < b and s[close + len(ticks)] == "`":
                close = s.find(ticks, close + len(ticks) + 1, b)
            if close < 0:
                out.copy(m, j, k)
                return k
            return close + len(ticks)
        if c == "\\":
            if j + 1 < b and not s[j + 1].isalnum() and not s[j + 1].isspace():
                out.copy(m, j + 1, j + 2)
                return j + 2
            out.copy(m, j, j + 1)
            return j + 1
        if c == "<":
            if s.startswith("<!--", j):
                close = s.find("-->", j, b)
                return b if close < 0 else close + 3
            script = _SUPERSCRIPT_TAG.match(s, j, b)
            if script:
                # Superscripts are footnote marks and exponents, not counts.
                close = s.find(f"</{script.group(1)}>", script.end(), b)
                if close >= 0:
                    return close + len(script.group(1)) + 3
            tag = re.match(r"</?[A-Za-z][^<>\n]*>|<(?:https?://|mailto:)[^<>\s]+>", s[j:b])
            if tag:
                return j + tag.end()
            out.copy(m, j, j + 1)
            return j + 1
        if c == "$":
            return self._math(m, j, b, out)
        if c == "!" and s.startswith("![", j):
            close = _match_close(s, j + 1, b, "[", "]")
            if close is not None:
                return self._link_target(s, close, b)
            out.copy(m, j, j + 1)
            return j + 1
        if c == "^" and not s.startswith("^[", j):
            close = _PANDOC_SUPERSCRIPT.match(s, j, b)
            if close:
                return close.end()
        if c == "^" and s.startswith("^[", j):
            close = _match_close(s, j + 1, b, "[", "]")
            if close is not None:
                region = self.new_footnote()
                self.run(m, j + 2, close - 1, region)
                out.cite((), (), m, j, close, footnote=region.footnote)
                return close
        if c == "[":
            return self._bracket(m, j, b, out)
        if c == "@":
            return self._narrative(m, j, b, out)
        if c == "*":
            k = j
            while k < b and s[k] == "*":
                k += 1
            return k
        if c == "_":
            k = j
            while k < b and s[k] == "_":
                k += 1
            before = s[j - 1] if j > 0 else " "
            after = s[k] if k < len(s) else " "
            if before.isalnum() and after.isalnum():
                out.copy(m, j, k)
            return k
        if c == "|":
            out.put(" ", m, j, j + 1)
            return j + 1
        out.copy(m, j, j + 1)
        return j + 1

    def _math(self, m: Mapped, j: int, b: int, out: _Region) -> int:
        """pandoc's rule: `$` opens math before a non-space, closes after one, not before a digit."""
        s = m.text
        if s.startswith("$$", j):
            close = s.find("$$", j + 2, b)
            return b if close < 0 else close + 2
        if j + 1 < b and not s[j + 1].isspace():
            k = j + 1
            while k < b:
                k = s.find("$", k, b)
                if k < 0:
                    break
                if (
                    s[k - 1] != "\\"
                    and not s[k - 1].isspace()
                    and not (k + 1 < len(s) and s[k + 1].isdigit())
                ):
                    return k + 1
                k += 1
        out.copy(m, j, j + 1)
        return j + 1

    def _link_target(self, s: str, close: int, b: int) -> int:
        if close < b and s[close] == "(":
            end = _match_close(s, close, b, "(", ")")
            return end if end is not None else close
        if close < b and s[close] == "[":
            end = _match_close(s, close, b, "[", "]")
            return end if end is not None else close
        if close < b and s[close] == "{":  # pandoc attributes
            end = _match_close(s, close, b, "{", "}")
            return end if end is not None else close
        return close

    def _bracket(self, m: Mapped, j: int, b: int, out: _Region) -> int:
        s = m.text
        close = _match_close(s, j, b, "[", "]")
        if close is None:
            out.copy(m, j, j + 1)
            return j + 1
        inner = s[j + 1 : close - 1]
        if inner.startswith("^"):
            out.cite((), (), m, j, close, footnote=inner[1:].strip())
            return close
        if "@" in inner:
            group = _pandoc_group(inner)
            if group is not None:
                if group[0]:
                    out.cite(group[0], group[1], m, j, close)
                return close
        if close < b and s[close] in "([{":
            # A link or a span: keep its text, drop its target or attributes.
            self.run(m, j + 1, close - 1, out)
            return self._link_target(s, close, b)
        out.copy(m, j, j + 1)
        return j + 1

    def _narrative(self, m: Mapped, j: int, b: int, out: _Region) -> int:
        s = m.text
        if j > 0 and (s[j - 1].isalnum() or s[j - 1] in "_.-+"):
            out.copy(m, j, j + 1)  # an e-mail address
            return j + 1
        hit = _NARRATIVE.match(s, j, b)
        if hit is None:
            out.copy(m, j, j + 1)
            return j + 1
        key = hit.group("braced") or hit.group("key")
        end = hit.end()
        if _CROSS_REF.match(key):
            out.put(key.split(":", 1)[0].capitalize(), m, j, end)  # "see Fig 2", not a citation
            return end
        locator = ""
        loc = _NARRATIVE_LOCATOR.match(s, end, b)
        if loc:
            locator = loc.group("loc").strip()
            end = loc.end()
        out.cite((key,), (locator,), m, j, end)
        out.put(_narrative_word(key), m, j, hit.end())
        return end


# -- LaTeX -----------------------------------------------------------------------------------


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CITE_COMMANDS = _names(
    """cite citep citet citealp citealt citeauthor citeyear citeyearpar citetitle parencite
    textcite autocite footcite smartcite supercite fullcite footfullcite footcitetext Cite
    Citep Citet Citealp Citealt Citeauthor Parencite Textcite Autocite Footcite Smartcite
    citenum"""
)
_MULTICITE_COMMANDS = _names(
    """cites parencites textcites autocites footcites smartcites supercites Cites Parencites
    Textcites Autocites Footcites Smartcites"""
)
# Citations that stand for their author in the sentence ("\\textcite{a} says").
_NARRATIVE_COMMANDS = _names(
    "citet Citet textcite Textcite citeauthor Citeauthor textcites Textcites"
)
# Commands dropped with their optional arguments and this many braced ones.
_DROP_WITH_ARGS = {
    **dict.fromkeys(
        _names(
            """newpage clearpage maketitle tableofcontents printbibliography centering noindent
            medskip bigskip smallskip hline toprule midrule bottomrule footnotemark protect
            relax hfill vfill appendix"""
        ),
        0,
    ),
    **dict.fromkeys(
        _names(
            """label ref eqref pageref autoref cref Cref vref nameref url includegraphics
            bibliography bibliographystyle addbibresource input include nocite usepackage
            documentclass hspace vspace pagestyle thispagestyle doi linespread hypersetup
            graphicspath color pagenumbering cline cmidrule phantom textcolor date author thanks
            affiliation email keywords"""
        ),
        1,
    ),
    **dict.fromkeys(
        _names(
            """setlength setcounter addtocounter newcommand renewcommand providecommand fontsize
            multicolumn multirow rule"""
        ),
        2,
    ),
    **dict.fromkeys(_names("newenvironment renewenvironment"), 3),
}
_SECTIONING = _names(
    "part chapter section subsection subsubsection paragraph subparagraph caption title"
)
_SKIPPED_ENVIRONMENTS = _names(
    """equation equation* align align* gather gather* multline multline* eqnarray eqnarray*
    displaymath math flalign flalign* alignat alignat* verbatim verbatim* Verbatim lstlisting
    minted comment tikzpicture thebibliography filecontents filecontents* algorithmic
    algorithm"""
)
_TABULAR = _names("tabular tabular* tabularx longtable array supertabular tabulary")
_SYMBOLS = {
    "%": "%",
    "$": "$",
    "&": "&",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "@": "",
    "/": "",
    "-": "",
    "\n": " ",
    "\t": " ",
}
_WORD_COMMANDS = {
    "ldots": "\u2026",
    "dots": "\u2026",
    "textpercent": "%",
    "percent": "%",
    "textdollar": "$",
    "euro": "\u20ac",
    "texteuro": "\u20ac",
    "pounds": "\u00a3",
    "textsterling": "\u00a3",
    "S": "\u00a7",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "quad": " ",
    "qquad": " ",
    "enspace": " ",
    "thinspace": "\u2009",
    "nobreakspace": " ",
    "textasciitilde": "~",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "ie": "i.e.",
    "eg": "e.g.",
    "etal": "et al.",
    "textyen": "\u00a5",
    "textbullet": "",
    "item": "\n\n",
    "par": "\n\n",
    "newline": "\n",
    "linebreak": "\n",
}
# -- siunitx ---------------------------------------------------------------------------------

_SI_PREFIXES = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n",
    "micro": "\u00b5", "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da",
    "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
    "zetta": "Z", "yotta": "Y",
}  # fmt: skip
_SI_UNITS = {
    "metre": "m", "meter": "m", "gram": "g", "second": "s", "ampere": "A", "kelvin": "K",
    "mole": "mol", "candela": "cd", "hertz": "Hz", "newton": "N", "pascal": "Pa", "joule": "J",
    "watt": "W", "coulomb": "C", "volt": "V", "farad": "F", "ohm": "\u03a9", "siemens": "S",
    "weber": "Wb", "tesla": "T", "henry": "H", "lumen": "lm", "lux": "lx", "becquerel": "Bq",
    "gray": "Gy", "sievert": "Sv", "katal": "kat", "celsius": "\u00b0C",
    "degreeCelsius": "\u00b0C", "litre": "L", "liter": "L", "tonne": "t", "hour": "h",
    "minute": "min", "day": "d", "hectare": "ha", "electronvolt": "eV", "bar": "bar",
    "percent": "%", "degree": "\u00b0", "arcminute": "\u2032", "arcsecond": "\u2033",
    "radian": "rad", "steradian": "sr", "astronomicalunit": "au", "dalton": "Da", "bel": "B",
    "decibel": "dB", "neper": "Np", "byte": "B", "bit": "bit", "angstrom": "\u00c5",
    "knot": "kn", "mmHg": "mmHg", "barn": "b", "nauticalmile": "M", "kWh": "kWh",
}  # fmt: skip
# siunitx's abbreviations (\km, \kg, \MHz ...): prefix letter(s) + unit symbol.
_SI_ABBREVIATIONS = {
    **{f"{p}{u}": f"{ps}{u}" for p, ps in (("f", "f"), ("p", "p"), ("n", "n"), ("u", "\u00b5"),
       ("m", "m"), ("", ""), ("k", "k")) for u in ("g",)},
    **{f"{p}m": f"{ps}m" for p, ps in (("n", "n"), ("u", "\u00b5"), ("m", "m"), ("c", "c"),
       ("d", "d"), ("k", "k"))},
    **{f"{p}s": f"{ps}s" for p, ps in (("a", "a"), ("f", "f"), ("p", "p"), ("n", "n"),
       ("u", "\u00b5"), ("m", "m"))},
    **{f"{p}{u}": f"{ps}{u}" for p, ps in (("m", "m"), ("", ""), ("k", "k"), ("M", "M"),
       ("G", "G"), ("T", "T")) for u in ("Hz", "W", "V", "N", "J", "Pa", "A", "eV")},
    **{f"{p}mol": f"{ps}mol" for p, ps in (("f", "f"), ("p", "p"), ("n", "n"),
       ("u", "\u00b5"), ("m", "m"), ("", ""), ("k", "k"))},
    **{f"{p}{u}": f"{ps}L" for p, ps in (("u", "\u00b5"), ("m", "m"), ("", ""), ("h", "h"))
       for u in ("l", "L")},
    "m": "m", "s": "s", "K": "K", "F": "F", "fF": "fF", "pF": "pF", "dB": "dB", "kWh": "kWh",
    "ohm": "\u03a9", "kohm": "k\u03a9", "Mohm": "M\u03a9",
}  # fmt: skip
# Bare symbols the figure extractor does not read as units ("5 m" is not "5 metres" to it):
# spelled out, so that the draft's quantity keeps its unit.
_SI_SPELLED = {
    "m": "metres", "s": "seconds", "h": "hours", "d": "days", "t": "tonnes", "g": "grams",
    "L": "litres", "min": "minutes", "K": "kelvin",
}  # fmt: skip
_SI_GLUED = frozenset({"%", "\u00b0", "\u2032", "\u2033"})  # printed without a space
_SI_NUMBER_COMMANDS = frozenset({"num"})
_SI_QUANTITY_COMMANDS = frozenset({"SI", "qty"})
_SI_UNIT_COMMANDS = frozenset({"si", "unit"})
_SI_RANGE_COMMANDS = {"numrange": 2, "SIrange": 3, "qtyrange": 3}
_SI_LIST_COMMANDS = {"numlist": 1, "SIlist": 2, "qtylist": 2}
_SI_ANGLE_COMMANDS = frozenset({"ang"})
_SI_EXPONENT = re.compile(
    r"^(?P<mantissa>.*?)(?:[eEdD](?P<e>[-+]?\d+)|(?:x|\\times)10\^\{?(?P<x>[-+]?\d+)\}?)$"
)
_SI_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SI_TOKEN = re.compile(
    r"(?:\\(?:tothe|raiseto)\s*|\^)\{?(?P<exponent>-?\d+)\}?"
    r"|\\(?P<name>[A-Za-z]+)|(?P<operator>[/.~*])|(?P<literal>[^\\^/.~*\s{}]+)"
)
_SUPERSCRIPTS = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def _si_number(raw: str) -> str:
    """A siunitx number as plain text the extractor reads: `4,200`, `1.2e6` and `12 345` as
    4200, 1200000 and 12345; an uncertainty (`1.2(3)`, `1.2 \\pm 0.3`) is dropped.

    siunitx takes a comma for a decimal marker, but writers put `\\num{4,200}` for four
    thousand two hundred: a comma followed by groups of three digits is a thousands separator,
    any other comma a decimal marker (`\\num{3,5}` is 3.5).
    """
    text = re.sub(r"\\[,;: ]|[{}~\s]", "", raw)
    text = re.split(r"\+-|\\pm|\\mp", text)[0] or text
    text = re.sub(r"\(\d+\)", "", text)
    text = text.replace("\\times", "x").replace("\\cdot", "x")
    exponent = 0
    m = _SI_EXPONENT.match(text)
    if m and m.group("mantissa"):
        text = m.group("mantissa")
        exponent = int(m.group("e") or m.group("x"))
    elif m and m.group("x"):  # \num{10^6}
        text, exponent = "1", int(m.group("x"))
    sign = ""
    if text and text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    text = text.replace(",", "") if _SI_GROUPED.fullmatch(text) else text.replace(",", ".")
    if text.startswith("."):
        text = "0" + text
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        return sign + text if text else raw.strip()
    if exponent:
        if not -12 <= exponent <= 15:
            return f"{sign}{text} \u00d7 10{str(exponent).translate(_SUPERSCRIPTS)}"
        whole, _, fraction = text.partition(".")
        digits = whole + fraction
        point = len(whole) + exponent
        if point <= 0:
            text = "0." + "0" * -point + digits
        elif point >= len(digits):
            text = digits + "0" * (point - len(digits))
        else:
            text = digits[:point] + "." + digits[point:]
        text = text.lstrip("0") or "0"
        if text.startswith("."):
            text = "0" + text
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return sign + text


def _si_unit(raw: str) -> str:
    """A siunitx unit as its printed symbol: `\\kilo\\metre\\per\\hour` is km/h,
    `\\square\\kilo\\metre` km², `\\celsius` °C; a literal unit (`km^2`) is kept."""
    numerator: list[str] = []
    denominator: list[str] = []
    last: list[str] | None = None  # the side the last unit went to (for \\squared, ^2)
    prefix = power = ""
    per = False
    for m in _SI_TOKEN.finditer(raw):
        name, exponent, operator, literal = m.group("name", "exponent", "operator", "literal")
        if name in _SI_PREFIXES:
            prefix += _SI_PREFIXES[name]
        elif name in ("square", "cubic"):
            power = "\u00b2" if name == "square" else "\u00b3"
        elif name in ("squared", "cubed") and last:
            last[-1] += "\u00b2" if name == "squared" else "\u00b3"
        elif name == "per" or operator == "/":
            per = True
        elif name in _SI_UNITS or name in _SI_ABBREVIATIONS or literal:
            symbol = _SI_UNITS.get(name or "") or _SI_ABBREVIATIONS.get(name or "") or literal
            last = denominator if per else numerator
            last.append(prefix + symbol + power)
            prefix = power = ""
            per = per and name is None  # \\per takes one unit; after "/" all go below
        elif exponent is not None and last:
            if exponent == "-1" and last is numerator and len(last) > 1:
                denominator.append(last.pop())
            else:
                last[-1] += exponent.translate(_SUPERSCRIPTS)
        elif name and name not in ("of", "highlight", "cancel", "unit"):
            last = denominator if per else numerator
            last.append(_WORD_COMMANDS.get(name, name))
    unit = "".join(numerator)
    if denominator:
        unit = (unit or "1") + "/" + "".join(denominator)
    return _SI_SPELLED.get(unit, unit)


def _si_quantity(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit in _SI_GLUED:
        return number + unit
    return f"{number} {unit}"


_SIUNITX = (
    _SI_NUMBER_COMMANDS
    | _SI_QUANTITY_COMMANDS
    | _SI_UNIT_COMMANDS
    | frozenset(_SI_RANGE_COMMANDS)
    | frozenset(_SI_LIST_COMMANDS)
    | _SI_ANGLE_COMMANDS
)
_LATEX_SPECIAL = re.compile(r"[\\%{}$~&]|``|''|--")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_END_DOCUMENT = re.compile(r"\\end\s*\{document\}")
_COMMAND_NAME = re.compile(r"[A-Za-z]+\*?")
_DIGIT_GROUP = re.compile(r"\d{3}(?!\d)")


class _LatexScanner:
    """LaTeX body text into regions: commands, math and comments out, footnotes out of line."""

    def __init__(self, m: Mapped, new_footnote: Callable[[], _Region]) -> None:
        self.m = m
        self.s = m.text
        self.new_footnote = new_footnote

    def _skip_space(self, i: int, b: int) -> int:
        while i < b and self.s[i] in " \t\n":
            i += 1
        return i

    def _group(self, i: int, b: int, open_: str = "{", close: str = "}") -> tuple[int, int] | None:
        """Bounds (inside) of the group opening at the first non-space from `i`, and its end."""
        k = self._skip_space(i, b)
        if k < b and self.s[k] == open_:
            end = _match_close(self.s, k, b, open_, close)
            if end is not None:
                return k, end
        return None

    def _skip_args(self, i: int, b: int, braces: int, optional: bool = True) -> int:
        """Past optional [..] arguments and `braces` {..} arguments."""
        remaining = braces
        while True:
            k = self._skip_space(i, b) if remaining else i
            if optional and k < b and self.s[k] == "[":
                end = _match_close(self.s, k, b, "[", "]")
                if end is None:
                    return i
                i = end
                continue
            if remaining and k < b and self.s[k] == "{":
                end = _match_close(self.s, k, b, "{", "}")
                if end is None:
                    return i
                i = end
                remaining -= 1
                continue
            return i

    def run(self, a: int, b: int, out: _Region) -> None:
        s = self.s
        i = a
        while i < b:
            hit = _LATEX_SPECIAL.search(s, i, b)
            if hit is None:
                out.copy(self.m, i, b)
                return
            j = hit.start()
            out.copy(self.m, i, j)
            i = self._special(j, b, out, hit.group())

    def _special(self, j: int, b: int, out: _Region, token: str) -> int:
        s, m = self.s, self.m
        if token == "``":
            out.put("\u201c", m, j, j + 2)
            return j + 2
        if token == "''":
            out.put("\u201d", m, j, j + 2)
            return j + 2
        if token == "--":
            if s.startswith("---", j):
                out.put("\u2014", m, j, j + 3)
                return j + 3
            out.put("\u2013", m, j, j + 2)
            return j + 2
        if token == "%":
            nl = s.find("\n", j, b)
            if nl < 0:
                return b
            k = nl + 1
            while k < b and s[k] in " \t":
                k += 1
            return k
        if token == "{":
            if s.startswith("{,}", j):
                out.put(",", m, j, j + 3)
                return j + 3
            return j + 1
        if token == "}":
            return j + 1
        if token == "~":
            out.put(" ", m, j, j + 1)
            return j + 1
        if token == "&":
            out.put(" ", m, j, j + 1)
            return j + 1
        if token == "$":
            if s.startswith("$$", j):
                close = s.find("$$", j + 2, b)
                return b if close < 0 else close + 2
            k = j + 1
            while k < b:
                k = s.find("$", k, b)
                if k < 0:
                    return b
                if s[k - 1] != "\\":
                    return k + 1
                k += 1
            return b
        return self._command(j, b, out)

    def _command(self, j: int, b: int, out: _Region) -> int:
        s, m = self.s, self.m
        if j + 1 >= b:
            return b
        c = s[j + 1]
        if c == "\\":
            k = self._skip_args(j + 2, b, 0)
            out.put("\n", m, j, k)
            return k
        if c == "(":
            close = s.find("\\)", j + 2, b)
            return b if close < 0 else close + 2
        if c == "[":
            close = s.find("\\]", j + 2, b)
            return b if close < 0 else close + 2
        if c == ",":
            digits_before = out.tail(1).isdigit()
            if digits_before and _DIGIT_GROUP.match(s, j + 2, b):
                out.put(",", m, j, j + 2)
            elif digits_before:
                # `45\,\%`, `3\,km`: the space between a number and its unit, which the
                # extractor reads as an ordinary space (a thin space would part them).
                out.put(" ", m, j, j + 2)
            else:
                out.put("\u2009", m, j, j + 2)
            return j + 2
        if not c.isalpha():
            out.put(_SYMBOLS.get(c, c), m, j, j + 2)
            return j + 2
        name_match = _COMMAND_NAME.match(s, j + 1, b)
        assert name_match is not None
        raw = name_match.group()
        name = raw.rstrip("*")
        k = name_match.end()
        if name in _CITE_COMMANDS:
            return self._cite(j, k, b, out, multi=False, narrative=name in _NARRATIVE_COMMANDS)
        if name in _MULTICITE_COMMANDS:
            return self._cite(j, k, b, out, multi=True, narrative=name in _NARRATIVE_COMMANDS)
        if name in _SIUNITX:
            return self._siunitx(name, j, k, b, out)
        if name in ("footnote", "footnotetext"):
            k = self._skip_args(k, b, 0)
            group = self._group(k, b)
            if group is None:
                return k
            open_at, end = group
            region = self.new_footnote()
            self.run(open_at + 1, end - 1, region)
            out.cite((), (), m, j, end, footnote=region.footnote)
            return end
        if name in _DROP_WITH_ARGS:
            return self._skip_args(k, b, _DROP_WITH_ARGS[name])
        if name == "href":
            group = self._group(k, b)
            return group[1] if group else k
        if name in _SECTIONING:
            k = self._skip_args(k, b, 0)
            group = self._group(k, b)
            if group is None:
                return k
            out.put("\n\n", m, j, k)
            self.run(group[0] + 1, group[1] - 1, out)
            out.put("\n\n", m, group[1] - 1, group[1])
            return group[1]
        if name in ("begin", "end"):
            return self._environment(j, k, b, out, begin=name == "begin")
        if name == "item":
            k = self._skip_args(k, b, 0)
            out.put("\n\n", m, j, k)
            return k
        if name in _WORD_COMMANDS:
            replacement = _WORD_COMMANDS[name]
            out.put(replacement, m, j, k)
            if k < b and s[k] == "{" and s.startswith("{}", k):
                return k + 2
            return k
        # Any other command (\emph, \textbf, \enquote...): the command goes, its text stays.
        if k < b and s[k] == "[":
            k = self._skip_args(k, b, 0)
        return k

    def _siunitx(self, name: str, j: int, k: int, b: int, out: _Region) -> int:
        """siunitx's \\SI{21.1}{\\celsius}, \\qty, \\num, \\si, ranges and lists, printed.

        The whole command maps to what it prints, so a number read there points at the command
        from its backslash to its last brace (`\\SI{45}{\\percent}`), never at a fragment.
        Malformed arguments leave the command to the generic rule (command out, text stays).
        """
        s = self.s
        k = self._skip_args(k, b, 0)
        count = (
            2 if name in _SI_QUANTITY_COMMANDS
            else _SI_RANGE_COMMANDS.get(name) or _SI_LIST_COMMANDS.get(name) or 1
        )  # fmt: skip
        args: list[str] = []
        end = k
        for _ in range(count):
            group = self._group(end, b)
            if group is None:
                return k
            args.append(s[group[0] + 1 : group[1] - 1])
            end = group[1]
        if name in _SI_NUMBER_COMMANDS:
            text = _si_number(args[0])
        elif name in _SI_QUANTITY_COMMANDS:
            text = _si_quantity(_si_number(args[0]), _si_unit(args[1]))
        elif name in _SI_UNIT_COMMANDS:
            text = _si_unit(args[0])
        elif name in _SI_RANGE_COMMANDS:
            unit = _si_unit(args[2]) if count == 3 else ""
            low, high = _si_number(args[0]), _si_number(args[1])
            text = f"{_si_quantity(low, unit)} to {_si_quantity(high, unit)}"
        elif name in _SI_LIST_COMMANDS:
            unit = _si_unit(args[1]) if count == 2 else ""
            items = [_si_quantity(_si_number(x), unit) for x in args[0].split(";") if x.strip()]
            text = (
                " and ".join([", ".join(items[:-1]), items[-1]])
                if len(items) > 1
                else "".join(items)
            )
        else:  # \ang{30} or \ang{30;15;0}
            parts = [p.strip() for p in args[0].split(";")]
            marks = ("\u00b0", "\u2032", "\u2033")
            text = "".join(_si_number(p) + mark for p, mark in zip(parts, marks, strict=False) if p)
        self._put_printed(text, j, end, out)
        return end

    def _put_printed(self, text: str, j: int, end: int, out: _Region) -> None:
        """Put `text` for the draft's [j, end), on its own: spaced from a digit before it."""
        if text and text[0].isdigit() and out.tail(1)[-1:].isdigit():
            text = " " + text
        out.put(text, self.m, j, end)

    def _environment(self, j: int, k: int, b: int, out: _Region, begin: bool) -> int:
        s, m = self.s, self.m
        group = self._group(k, b)
        if group is None:
            return k
        env = s[group[0] + 1 : group[1] - 1].strip()
        end = group[1]
        out.put("\n\n", m, j, end)
        if not begin:
            return end
        if env in _SKIPPED_ENVIRONMENTS:
            close = re.compile(r"\\end\s*\{" + re.escape(env) + r"\}").search(s, end, b)
            return b if close is None else close.end()
        if env in _TABULAR:
            braces = 2 if env in ("tabular*", "tabularx", "tabulary") else 1
            return self._skip_args(end, b, braces)
        return self._skip_args(end, b, 0)

    def _cite(
        self, j: int, k: int, b: int, out: _Region, multi: bool, narrative: bool = False
    ) -> int:
        """\\cite[pre][post]{a,b}; \\cites(pre)(post)[pre][post]{a}[post]{b}..."""
        s = self.s
        keys: list[str] = []
        locators: list[str] = []
        if multi:
            for _ in range(2):
                group = self._group(k, b, "(", ")")
                if group is None:
                    break
                k = group[1]
        while True:
            options: list[str] = []
            for _ in range(2):
                group = self._group(k, b, "[", "]")
                if group is None:
                    break
                options.append(s[group[0] + 1 : group[1] - 1])
                k = group[1]
            group = self._group(k, b)
            if group is None:
                break
            k = group[1]
            locator = _latex_plain(options[-1]) if options else ""
            for raw_key in s[group[0] + 1 : group[1] - 1].split(","):
                key = raw_key.strip()
                if key:
                    keys.append(key)
                    locators.append(locator)
            if not multi:
                break
            nxt = self._skip_space(k, b)
            if nxt >= b or s[nxt] not in "[{":
                break
        if keys:
            out.cite(tuple(keys), tuple(locators), self.m, j, k)
            if narrative:
                out.put(_narrative_word(keys[0]), self.m, j, k)
        return k


def _latex_plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("~", " ").replace("\\,", " ")).strip()


# -- reading a draft -------------------------------------------------------------------------

_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:tables?|tab|figures?|figs?|sections?|sec|chapters?|chs?|appendix|appendices|"
    r"equations?|eqs?|pages?|pp?|nos?|numbers?|vols?|volumes?|issues?|footnotes?|notes?|"
    r"items?|steps?|phases?|versions?|v|lines?|articles?|arts?|rules?|paragraphs?|paras?|"
    r"verses?|isbn|issn|doi|arxiv|id|ref|box|exhibit|annex|part|clause|resolution)\.?|§|#|"
    r"\b(?:[A-Za-z]+-))[\s\u00a0]*$",
    re.I,
)


# The later members of a list of references: "Tables 2 and 3", "sections 3, 4 and 6", "Figures 2-4".
_IDENTIFIER_LIST_BEFORE = re.compile(
    r"\b(?:tables?|tabs?|figures?|figs?|sections?|secs?|chapters?|chs?|appendix|appendices|"
    r"equations?|eqs?|pages?|pp?|§§?)\.?[\s\u00a0]*"
    r"(?:[A-Z]?\d+[a-z]?(?:\.\d+)*[\s\u00a0]*(?:,|and|or|&|to|through|[-\u2010-\u2013])[\s\u00a0]*)+$",
    re.I,
)


@dataclass
class DraftNumber:
    """A figure the draft states, where it stands, and the citations that cover it."""

    figure: Figure  # offsets into the clean text
    text: str  # exactly as the draft writes it (e.g. "4{,}200", "41\\%")
    start: int  # span in the draft
    end: int
    line: int  # 1-based
    column: int  # 1-based, in code points
    cited: tuple[str, ...]  # keys covering the number, in order, without duplicates
    cited_by: str  # "sentence", "paragraph", "footnote" or "" when nothing covers it
    sentence: str  # the clean sentence holding it
    sentence_start: int  # offset of that sentence in the clean text
    footnote: str | None = None  # label of the footnote the number stands in
    breaks: tuple[int, ...] = ()  # where citations stood in `sentence` (sentence offsets)

    @property
    def local_start(self) -> int:
        return self.figure.start - self.sentence_start

    @property
    def local_end(self) -> int:
        return self.figure.end - self.sentence_start


@dataclass
class Draft:
    """A draft read for checking: its text, clean text, citations and numbers."""

    text: str
    format: str
    clean: Mapped
    citations: list[Citation]
    numbers: list[DraftNumber]
    footnotes: dict[str, tuple[int, int]]  # label -> clean span

    def cited_keys(self) -> list[str]:
        """Every key the draft cites, in order of first use."""
        seen: dict[str, None] = {}
        for citation in self.citations:
            for key in citation.keys:
                seen.setdefault(key, None)
        return list(seen)

    def first_line(self, key: str) -> int | None:
        for citation in self.citations:
            if key in citation.keys:
                return citation.line
        return None

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def clean_draft(text: str, fmt: str) -> tuple[Mapped, list[Citation], dict[str, tuple[int, int]]]:
    """The prose of a draft as clean text, its citations, and the clean span of each footnote."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown draft format {fmt!r} (md, tex or txt)")
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    main = _Region()
    footnotes: dict[str, _Region] = {}
    counter = [0]

    def new_footnote() -> _Region:
        counter[0] += 1
        label = f"fn{counter[0]}"
        while label in footnotes:
            counter[0] += 1
            label = f"fn{counter[0]}"
        region = _Region(footnote=label)
        footnotes[label] = region
        return region

    if fmt == "txt":
        main.copy(Mapped.identity(text), 0, len(text))
    elif fmt == "md":
        blocks, defined = _markdown_blocks(text, main)
        footnotes.update(defined)
        inline = _MarkdownInline(new_footnote)
        for block in blocks:
            virtual = _virtual(text, block.runs)
            if block.region.pos:
                block.region.put("\n\n", virtual, 0, 0)
            inline.run(virtual, 0, len(virtual.text), block.region)
    else:
        identity = Mapped.identity(text)
        begin = _BEGIN_DOCUMENT.search(text)
        a = begin.end() if begin else 0
        end = _END_DOCUMENT.search(text, a)
        b = end.start() if end else len(text)
        _LatexScanner(identity, new_footnote).run(a, b, main)
    return _assemble(text, main, footnotes)


def _assemble(
    text: str, main: _Region, footnotes: dict[str, _Region]
) -> tuple[Mapped, list[Citation], dict[str, tuple[int, int]]]:
    """Running text first, then each footnote as a paragraph of its own."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    parts = list(main.parts)
    starts = list(main.starts)
    ends = list(main.ends)
    raw: list[tuple[_Region, int]] = [(main, 0)]
    spans: dict[str, tuple[int, int]] = {}
    for label, region in footnotes.items():
        if not region.pos and not region.cites:
            continue
        at = starts[-1] if starts else 0
        parts.append("\n\n")
        starts.extend([at, at])
        ends.extend([at, at])
        base = len(starts)
        parts.extend(region.parts)
        starts.extend(region.starts)
        ends.extend(region.ends)
        spans[label] = (base, len(starts))
        raw.append((region, base))
    citations: list[Citation] = []
    for region, base in raw:
        for keys, locators, pos, start, end, marker in region.cites:
            line = bisect.bisect_right(line_starts, start)
            citations.append(
                Citation(keys, locators, pos + base, start, end, line, marker, region.footnote)
            )
    # A footnote marker cites what its footnote cites.
    by_footnote: dict[str, list[Citation]] = {}
    for citation in citations:
        if citation.in_footnote and citation.keys:
            by_footnote.setdefault(citation.in_footnote, []).append(citation)
    resolved: list[Citation] = []
    for citation in citations:
        if citation.footnote is not None:
            inner = by_footnote.get(citation.footnote, [])
            keys = tuple(k for c in inner for k in c.keys)
            locators = tuple(loc for c in inner for loc in c.locators)
            citation = Citation(
                keys,
                locators,
                citation.pos,
                citation.start,
                citation.end,
                citation.line,
                citation.footnote,
                citation.in_footnote,
            )
        resolved.append(citation)
    resolved.sort(key=lambda c: c.pos)
    return Mapped("".join(parts), starts, ends), resolved, spans


def _is_identifier(clean: str, figure: Figure) -> bool:
    """Section, table and page numbers, `COVID-19`, `G20`: numbers that name, not count."""
    before = clean[max(0, figure.start - 24) : figure.start]
    if before and (before[-1].isalpha() or before[-1] in "_/"):
        return True
    if figure.kind in ("percent", "money"):
        return False
    return bool(
        _IDENTIFIER_BEFORE.search(before)
        or _IDENTIFIER_LIST_BEFORE.search(clean, max(0, figure.start - 60), figure.start)
    )


def _covering(
    citations: list[Citation], segments: list[Segment]
) -> tuple[list[list[Citation]], dict[int, list[Citation]], dict[str, list[Citation]]]:
    """Citations by sentence index, by paragraph index and by footnote.

    A citation belongs to the sentence it stands in, or, standing between sentences (after a full
    stop: `... nurses.\\footnote{..}`), to the sentence before it.
    """
    seg_starts = [seg.start for seg in segments]
    by_sentence: list[list[Citation]] = [[] for _ in segments]
    by_paragraph: dict[int, list[Citation]] = {}
    by_footnote: dict[str, list[Citation]] = {}
    for citation in citations:
        if citation.in_footnote:
            by_footnote.setdefault(citation.in_footnote, []).append(citation)
        index = bisect.bisect_right(seg_starts, citation.pos) - 1
        if index < 0:
            index = 0 if segments else -1
        if index < 0:
            continue
        by_sentence[index].append(citation)
        by_paragraph.setdefault(segments[index].paragraph, []).append(citation)
    return by_sentence, by_paragraph, by_footnote


def _keys_of(citations: list[Citation]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for citation in citations:
        for key in citation.keys:
            seen.setdefault(key, None)
    return tuple(seen)


def read_draft(
    text: str,
    fmt: str = "md",
    extract: Callable[[str], list[Figure]] | None = None,
) -> Draft:
    """Read a draft: its numbers (real figures only) and the citations covering each.

    `extract` is the figure extractor (citekit.extract.extract_figures unless given), the same one
    sources are read with.
    """
    if extract is None:
        from citekit.extract import extract_figures

        extract = extract_figures
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    clean, citations, footnotes = clean_draft(text, fmt)
    segments = sentences(clean.text)
    seg_starts = [seg.start for seg in segments]
    by_sentence, by_paragraph, by_footnote = _covering(citations, segments)
    footnote_spans = sorted((span, label) for label, span in footnotes.items())
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    numbers: list[DraftNumber] = []
    for figure in extract(clean.text):
        if not figure.is_figure or _is_identifier(clean.text, figure):
            continue
        start, end = clean.span(figure.start, figure.end)
        index = bisect.bisect_right(seg_starts, figure.start) - 1
        segment = segments[index] if index >= 0 else Segment(0, len(clean.text), 0)
        footnote = None
        for (f_start, f_end), label in footnote_spans:
            if f_start <= figure.start < f_end:
                footnote = label
                break
        covering = by_sentence[index] if index >= 0 else []
        cited_by = "sentence"
        if not _keys_of(covering):
            if footnote is not None:
                covering, cited_by = by_footnote.get(footnote, []), "footnote"
            else:
                covering, cited_by = by_paragraph.get(segment.paragraph, []), "paragraph"
        keys = _keys_of(covering)
        line = bisect.bisect_right(line_starts, start)
        breaks = tuple(
            c.pos - segment.start
            for c in (by_sentence[index] if index >= 0 else [])
            if segment.start <= c.pos <= segment.end
        )
        numbers.append(
            DraftNumber(
                figure=figure,
                text=text[start:end],
                start=start,
                end=end,
                line=line,
                column=start - line_starts[line - 1] + 1,
                cited=keys,
                cited_by=cited_by if keys else "",
                sentence=clean.text[segment.start : segment.end],
                sentence_start=segment.start,
                footnote=footnote,
                breaks=breaks,
            )
        )
    return Draft(text, fmt, clean, citations, numbers, footnotes)
