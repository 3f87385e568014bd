"""The scanner: finds every figure of a paragraph and hands each anchor to its reader.

Two compiled anchor regexes jump from number to number (digit runs; number words and vague words,
looked up in the lower-cased paragraph); text without numbers is skipped at regex speed. At each
anchor a reader takes over -- `numerals` for digits, `spelled` for words -- and `grow` extends the
figure outward (currency and qualifier to the left, magnitude, unit and counted noun to the right)
within a bounded window, so the work per figure is constant and the whole scan is linear in the
text. `ranges` joins two ends into one figure; `passes` looks across the paragraph's figures.
"""

from __future__ import annotations

import re

from citekit.extract import dates, grow, numbers, numerals, passes, qualifiers, ranges, spelled
from citekit.extract.quantity import Quantity

_ANCHOR_WORDS = [
    *numbers.SMALL,
    *numbers.TENS,
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "quarter",
    "quarters",
    "thirds",
    *qualifiers.VAGUE_BASE,
    *dates.ORDINAL_WORDS,
    "twice",
    "thrice",
    *(
        w + "fold"
        for w in (
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "hundred",
            "thousand",
        )
    ),
]


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation shaped as a trie: the engine then tests each letter once per position,
    which makes the anchor scan several times faster than a flat alternation."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


_CASED_WORDS = sorted({v for w in _ANCHOR_WORDS for v in (w, w.capitalize(), w.upper())})
# Branches start with a character class so the engine can skip quickly; digits inside a number
# already read are dropped by the scanner's `consumed` check rather than by a lookbehind here.
_ANCHOR = re.compile(
    r"[\d" + numbers.VULGAR_CHARS + r"]"
    r"|['\u2019](?=\d0s)"
    r"|\b" + _trie_pattern(_CASED_WORDS) + r"\b"
)
_RANGE_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014")
# First letters of the words that join a range: "to", "and", "through", "thru", "up to".
_RANGE_WORDS = frozenset(["to", "an", "th", "up"])
_RANGE_FIRST = frozenset("tTaAuU")


# The scan proper uses two simpler patterns than `_ANCHOR`, because Python's regex engine is
# fastest on a pattern that opens with a single character set: digit runs (and apostrophes, for
# "'90s") come from one charset scan, number words from a scan of the lower-cased paragraph with
# a trie a third the size. Together they cost about half of the combined `_ANCHOR` scan.
_DIGIT_ANCHOR = re.compile(r"[\d" + numbers.VULGAR_CHARS + r"'\u2019]\d*")
# ASCII word boundaries are a third faster than Unicode ones; a match next to a non-ASCII letter
# ("déten") is dropped afterwards in Python, which keeps the Unicode meaning at no real cost.
_WORD_ANCHOR = re.compile(r"(?a)\b" + _trie_pattern(sorted(set(_ANCHOR_WORDS))) + r"\b")
_APOSTROPHE_DECADE = re.compile(r"\d0s")
# The word anchors of a lower-cased text, for `text_anchors`: a number word after a character that
# is no ASCII word character (the boundary before it), and one at the text's start. A word that
# `_WORD_ANCHOR` finds has such a character before it or stands first, and no match of either
# covers another's word.
_WORD_AFTER = re.compile(r"(?a)[^a-z0-9_](" + _trie_pattern(sorted(set(_ANCHOR_WORDS))) + r")\b")
_WORD_AT = re.compile(r"(?a)(?:" + _trie_pattern(sorted(set(_ANCHOR_WORDS))) + r")\b")


def _anchor_positions(text: str, lo: int, hi: int) -> list[int]:
    """Where figures may start in text[lo:hi], in order: a digit run, a vulgar fraction, an
    apostrophe, or a number word (any letter case)."""
    positions = [m.start() for m in _DIGIT_ANCHOR.finditer(text, lo, hi)]
    low = text[lo:hi].lower()
    if len(low) != hi - lo:  # a character whose lower case is longer shifts offsets: rare
        return [m.start() for m in _ANCHOR.finditer(text, lo, hi)]
    words = [
        m.start() + lo
        for m in _WORD_ANCHOR.finditer(low)
        if not (
            m.start()
            and low[m.start() - 1].isalpha()
            or m.end() < len(low)
            and low[m.end()].isalpha()
        )
    ]
    if words:
        positions += words
        positions.sort()  # two sorted runs: a linear merge for Timsort
    return positions


# The one character whose lower case is longer than itself ("\u0130" -> "i\u0307"); a paragraph
# holding it is scanned on its own, as `_anchor_positions` reads it (with `_ANCHOR`).
LONG_LOWER = "\u0130"


def text_anchors(text: str) -> list[int]:
    """The anchors of every paragraph of `text` at once, in order: two scans of the whole text
    instead of two per paragraph (most paragraphs then need no scan at all).

    A paragraph's anchors are those of this list inside its span, unless it holds `LONG_LOWER`:
    paragraphs are trimmed and separated by white space, so no anchor crosses a paragraph's edge,
    and the character before and after a paragraph is white space (no letter, no word character)
    or the text's edge, which is what `_anchor_positions` sees at the edges of its slice."""
    positions = [m.start() for m in _DIGIT_ANCHOR.finditer(text)]
    if LONG_LOWER in text:
        text = text.replace(LONG_LOWER, " ")  # keeps offsets; its paragraphs are read apart
    low = text.lower()
    size = len(low)
    # `_WORD_AFTER` opens with the character before the word (a faster scan than `_WORD_ANCHOR`'s
    # leading boundary, with the same matches); a word at the very start is matched on its own.
    words = [
        m.start(1)
        for m in _WORD_AFTER.finditer(low)
        if not (low[m.start()].isalpha() or m.end() < size and low[m.end()].isalpha())
    ]
    first = _WORD_AT.match(low)
    if first and not (first.end() < size and low[first.end()].isalpha()):
        words.insert(0, 0)
    if words:
        positions += words
        positions.sort()  # two sorted runs: a linear merge for Timsort
    return positions


def scan_paragraph(text: str, lo: int, hi: int, anchors: list[int] | None = None) -> list[Quantity]:
    """Every figure in text[lo:hi], in order, without overlaps (`anchors`, when given, are the
    paragraph's anchor positions, as `_anchor_positions` finds them)."""
    found: list[Quantity] = []
    consumed = lo
    if hi - lo <= _HEADING_MAX and _PAGE_MARKER.fullmatch(text, lo, hi):
        return found  # "12", "- 12 -", "Page 4 of 12": a page's number, alone on its line
    skips = _not_figures(text, lo, hi)
    if anchors is None:
        anchors = _anchor_positions(text, lo, hi)
    for pos in anchors:
        if pos < consumed or pos > lo and text[pos - 1].isdigit():
            continue
        if skips and pos >= skips[-1][0]:
            while skips and skips[-1][1] <= pos:
                skips.pop()
            if skips and skips[-1][0] <= pos:
                consumed = skips[-1][1]
                continue
        if text[pos] in "'\u2019" and not _APOSTROPHE_DECADE.match(text, pos + 1, hi):
            if pos + 1 < hi and text[pos + 1].isdigit():
                pos += 1  # "'15", "rock'n'roll 2": the digits, as if the apostrophe were not there
            else:
                continue
        if text[pos].isdigit():  # the common reader, called without `_read_at`
            q, stop = numerals.read_digits(text, lo, pos, hi, consumed)
        else:
            q, stop = _read_at(text, lo, pos, hi, consumed)
        if stop > consumed:
            consumed = stop
        if q is None:
            continue
        if q.end < hi and (
            text[q.end] in _RANGE_HYPHENS
            or text[q.end] in " \u00a0"
            and (
                # only "t", "a", "u" and their capitals lower-case to what the words open with
                text[q.end + 1 : q.end + 2] in _RANGE_FIRST
                and text[q.end + 1 : q.end + 3].lower() in _RANGE_WORDS
                or text[q.end + 1 : q.end + 2] in _RANGE_HYPHENS
            )
        ):
            q = ranges.extend_range(text, lo, hi, q, _ANCHOR, _read_at)
        if q.end > consumed:
            consumed = q.end
        found.append(q)
    if len(found) > 1:
        passes.share_counted_nouns(text, lo, found)
        passes.share_written_once(text, lo, found)
        passes.millions_in_style(text, found)
    return found


# Where a number is part of something that is no figure: the digits of a web address, or the
# number of a section heading ("3.2 Methodology", "4. Results").
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
_HEADING_MAX = 100
_SECTION_HEADING = re.compile(
    r"[\x20\u00a0]*(?:\d{1,2}\.(?:\d{1,2}\.?){0,3})[\x20\u00a0]+(?!(?:Million|Billion|"
    r"Thousand|Trillion|Per|Percent|Years?|Months?|Days?)\b)[A-Z][^.!?]*$"
)
_PAGE_MARKER = re.compile(
    r"[\s\-\u2013\u2014|]*(?:(?:page|p\.|pg\.?)[\x20\u00a0]*)?\d{1,4}"
    r"(?:[\x20\u00a0]*(?:of|/)[\x20\u00a0]*\d{1,4})?[\s\-\u2013\u2014|]*",
    re.IGNORECASE,
)


def _not_figures(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the paragraph whose digits are no figures, last first (popped as the scan passes)."""
    spans: list[tuple[int, int]] = []
    if hi - lo <= _HEADING_MAX and text[lo : lo + 1].isdigit():
        m = _SECTION_HEADING.match(text, lo, hi)
        if m:
            space = text.find(" ", lo, hi)
            spans.append((lo, space if space >= 0 else hi))
    if text.find("://", lo, hi) >= 0 or text.find("www.", lo, hi) >= 0:
        spans += [(m.start(), m.end()) for m in _URL.finditer(text, lo, hi)]
    spans.reverse()
    return spans


def _read_at(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    """Read the figure anchored at `pos`. Returns it (or None) and how far the text is consumed."""
    ch = text[pos]
    if ch.isdigit():
        return numerals.read_digits(text, lo, pos, hi, floor)
    if ch in "'\u2019":
        end = dates.read_apostrophe_year(text, pos, hi)
        if end:
            return Quantity(pos, end, None, kind="date", num_start=pos), end
        return None, pos + 1
    if ch in numbers.VULGAR_CHARS:
        n = numbers.read_vulgar(text, pos, hi)
        assert n is not None
        return grow.finish(text, lo, pos, hi, n, floor), n.end
    return spelled.read_words(text, lo, pos, hi, floor)
