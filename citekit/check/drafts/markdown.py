"""Inline Markdown of one paragraph: pandoc citations out, code, math and URLs dropped.

`[@key, p. 3; @other]`, narrative `@key says` and `-@key` give their keys and locators; inline
footnotes `^[...]` and references `[^label]` become footnote markers; links keep their text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citekit.check.drafts.markdown_blocks import markdown_blocks, virtual
from citekit.check.drafts.records import narrative_word
from citekit.check.drafts.scanning import BacktickRuns, Brackets, NextFind, SortedPositions
from citekit.check.drafts.shiftmap import Mapped, Region

# pandoc: a key starts with a letter, digit or _ and may hold internal punctuation.
_KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
# Bounds that keep reading linear on any input: a braced key `@{...}` is at most this long, a
# bracket is read as a citation group only up to this length, and links, spans and inline
# footnotes nest at most this deep (deeper brackets are read as text).
_MAX_BRACED = 256
_MAX_CITATION = 2000
_MAX_DEPTH = 32
_PANDOC_ITEM = re.compile(
    rf"(?P<prefix>.*?)(?P<suppress>-?)@(?:\{{(?P<braced>[^}}]+)\}}|(?P<key>{_KEY}))(?P<suffix>.*)",
    re.S,
)
_NARRATIVE = re.compile(rf"@(?:\{{(?P<braced>[^}}]{{1,{_MAX_BRACED}}})\}}|(?P<key>{_KEY}))")
# pandoc-crossref references look like citations: [@fig:map], @sec:intro.
_CROSS_REF = re.compile(r"(?:fig|sec|tbl|eq|lst|tab|chap|apx):")
_NARRATIVE_LOCATOR = re.compile(r"[ \t]?\[(?P<loc>[^\]\[@\n]*)\]")
_MD_SPECIAL = re.compile(r"https?://[^\s<>\])]+|www\.[^\s<>\])]+|[`\\<$!\[\^@*_|]")
_SUPERSCRIPT_TAG = re.compile(r"<(sup|sub)\b[^<>]*>", re.I)
_PANDOC_SUPERSCRIPT = re.compile(r"\^[^\s^\[\]]{1,12}\^")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<(?:https?://|mailto:)[^<>\s]+>")


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


class MarkdownInline:
    """Inline Markdown of one paragraph into a region: citations out, code and URLs dropped."""

    def __init__(self, new_footnote: Callable[[], Region]) -> None:
        self.new_footnote = new_footnote
        self.depth = 0  # links, spans and inline footnotes being read inside one another
        self._paragraph: Mapped | None = None

    def _indexes(self, m: Mapped) -> None:
        """Look-up tables for one paragraph, so no question about it rescans it."""
        if self._paragraph is m:
            return
        self._paragraph = m
        s = m.text
        self.brackets = Brackets(s)
        self.finder = NextFind(s)
        self.ticks = BacktickRuns(s)
        self.math_closers = SortedPositions(
            [
                k
                for k in _dollars(s)
                if k
                and s[k - 1] != "\\"
                and not s[k - 1].isspace()
                and not (k + 1 < len(s) and s[k + 1].isdigit())
            ]
        )

    def _close(self, m: Mapped, i: int, b: int, open_: str, close: str) -> int | None:
        return self.brackets.close(i, b, open_, close)

    def run(self, m: Mapped, a: int, b: int, out: Region) -> None:
        self._indexes(m)
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

    def _special(self, m: Mapped, j: int, b: int, out: Region, token: str) -> int:
        s = m.text
        c = token[0]
        if len(token) > 1:  # a bare URL
            return j + len(token)
        if c == "`":
            k = j
            while k < b and s[k] == "`":
                k += 1
            close = self.ticks.closing(k - j, k, b)
            if close < 0:
                out.copy(m, j, k)
                return k
            return close + k - j
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
                close = self.finder.find(f"</{script.group(1)}>", script.end(), b)
                if close >= 0:
                    return close + len(script.group(1)) + 3
            tag = _TAG.match(s, j, b)
            if tag:
                return tag.end()
            out.copy(m, j, j + 1)
            return j + 1
        if c == "$":
            return self._math(m, j, b, out)
        if c == "!" and s.startswith("![", j):
            close = self._close(m, j + 1, b, "[", "]")
            if close is not None:
                return self._link_target(m, close, b)
            out.copy(m, j, j + 1)
            return j + 1
        if c == "^" and not s.startswith("^[", j):
            close = _PANDOC_SUPERSCRIPT.match(s, j, b)
            if close:
                return close.end()
        if c == "^" and s.startswith("^[", j) and self.depth < _MAX_DEPTH:
            close = self._close(m, j + 1, b, "[", "]")
            if close is not None:
                region = self.new_footnote()
                self._nested(m, j + 2, close - 1, region)
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

    def _math(self, m: Mapped, j: int, b: int, out: Region) -> int:
        """pandoc's rule: `$` opens math before a non-space, closes after one, not before a digit."""
        s = m.text
        if s.startswith("$$", j):
            close = self.finder.find("$$", j + 2, b)
            return b if close < 0 else close + 2
        if j + 1 < b and not s[j + 1].isspace():
            k = self.math_closers.first(j + 1, b)
            if k >= 0:
                return k + 1
        out.copy(m, j, j + 1)
        return j + 1

    def _link_target(self, m: Mapped, close: int, b: int) -> int:
        s = m.text
        for open_, shut in ("()", "[]", "{}"):  # a link's target, a reference, attributes
            if close < b and s[close] == open_:
                end = self._close(m, close, b, open_, shut)
                return end if end is not None else close
        return close

    def _nested(self, m: Mapped, a: int, b: int, out: Region) -> None:
        self.depth += 1
        try:
            self.run(m, a, b, out)
        finally:
            self.depth -= 1

    def _bracket(self, m: Mapped, j: int, b: int, out: Region) -> int:
        s = m.text
        close = self._close(m, j, b, "[", "]")
        if close is None:
            out.copy(m, j, j + 1)
            return j + 1
        if s.startswith("^", j + 1):
            out.cite((), (), m, j, close, footnote=s[j + 2 : close - 1].strip())
            return close
        if close - j <= _MAX_CITATION and s.find("@", j + 1, close - 1) >= 0:
            group = _pandoc_group(s[j + 1 : close - 1])
            if group is not None:
                if group[0]:
                    out.cite(group[0], group[1], m, j, close)
                return close
        if close < b and s[close] in "([{" and self.depth < _MAX_DEPTH:
            # A link or a span: keep its text, drop its target or attributes.
            self._nested(m, j + 1, close - 1, out)
            return self._link_target(m, close, b)
        out.copy(m, j, j + 1)
        return j + 1

    def _narrative(self, m: Mapped, j: int, b: int, out: Region) -> int:
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
        out.put(narrative_word(key), m, j, hit.end())
        return end


def _dollars(s: str) -> list[int]:
    """Every `$` of a text, in order."""
    out: list[int] = []
    k = s.find("$")
    while k >= 0:
        out.append(k)
        k = s.find("$", k + 1)
    return out


def read_markdown(
    text: str, main: Region, footnotes: dict[str, Region], new_footnote: Callable[[], Region]
) -> None:
    """A Markdown draft into the running text and its footnotes (added to `footnotes`)."""
    blocks, defined = markdown_blocks(text, main)
    footnotes.update(defined)
    inline = MarkdownInline(new_footnote)
    for block in blocks:
        paragraph = virtual(text, block.runs)
        if block.region.pos:
            block.region.put("\n\n", paragraph, 0, 0)
        inline.run(paragraph, 0, len(paragraph.text), block.region)
