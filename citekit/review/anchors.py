"""Re-anchoring: does a recorded quote still stand where it was, and if not, where is it now?

A figure's anchor is a W3C TextQuoteSelector (exact, prefix, suffix) plus a TextPositionSelector
(start, end) into the snapshot text. When the snapshot changes (an outlet corrects an article, a
user reflows a paragraph) the position goes stale. This module answers, for one selector pair:

- ``ok``: the exact quote stands at its recorded position, with its context;
- ``moved``: the exact quote is found elsewhere — byte for byte, or after whitespace and
  quote-character normalisation — and the context (prefix/suffix) picks the occurrence;
- ``drifted``: only a fuzzy re-find exists (the text around it matches, the quote does not).
  Fact-checkers need exactness, so a drifted anchor is reported with its best candidate and
  score and never accepted;
- ``missing``: nothing close enough.

Everything here is pure: text and selectors in, an :class:`Anchor` out. Offsets are code points
of the real snapshot text, even when the match was made on the normalised text (a shift map
translates them back).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

OK, MOVED, DRIFTED, MISSING = "ok", "moved", "drifted", "missing"
CONTEXT_CHARS = 32
# How many context characters must agree, on both sides, before an exact occurrence elsewhere
# counts as the same quote moved. Fewer and "2,846" in another sentence would be taken for the
# corrected "2,846 -> 2,864" one.
MIN_CONTEXT = 8
# A quote standing once in the text counts as moved when one side of its context agrees for
# this many characters (an edit right beside it changed the other side).
STRONG_CONTEXT = 20
# A quote at least this long that stands exactly once needs no context to count as moved.
MIN_UNIQUE = 24
# Score (0-100) of the aligned prefix+quote+suffix below which nothing counts as a re-find.
MIN_FUZZY = 75.0

# Typographic quotes and primes fold to their ASCII forms; all are one code point, so only
# whitespace folding changes lengths.
_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
    }
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector plus the TextPositionSelector recorded with it."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands in a snapshot now.

    `start`/`end` are real offsets (``text[start:end]`` is `found`) for ok, moved and drifted;
    None when missing. `score` is 100 for exact finds and the fuzzy similarity (0-100) of the
    quote and its best candidate otherwise. `normalised` says the quote only matched after
    folding whitespace or quote characters.
    """

    status: str
    start: int | None = None
    end: int | None = None
    found: str | None = None
    score: float = 0.0
    normalised: bool = False

    @property
    def is_exact(self) -> bool:
        """The quote was re-found exactly (ok or moved): safe to re-anchor to."""
        return self.status in (OK, MOVED)


@dataclass(frozen=True)
class Folded:
    """A text with whitespace runs folded to one space and quotes folded to ASCII.

    `offsets[i]` is the real offset of folded character i; one extra element holds the length of
    the real text, so a folded span [s, e) maps back to ``[offsets[s], offsets[e - 1] + 1)``.
    """

    text: str
    offsets: tuple[int, ...]

    def real_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            real = self.offsets[start]
            return real, real
        return self.offsets[start], self.offsets[end - 1] + 1

    def folded_offset(self, real: int) -> int:
        """The folded position of a real offset (the first folded char at or after it)."""
        return bisect.bisect_left(self.offsets, real, 0, len(self.offsets) - 1)


def fold(text: str) -> Folded:
    """Fold whitespace and quote characters, keeping a shift map back to real offsets."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    translated = text.translate(_QUOTES)
    for m in _WHITESPACE.finditer(translated):
        out.append(translated[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        out.append(" ")
        offsets.append(m.start())
        pos = m.end()
    out.append(translated[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return Folded("".join(out), tuple(offsets))


def fold_string(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_QUOTES))


class Snapshot:
    """A snapshot text with its folded form computed once, for anchoring many quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)


def locate(snapshot: Snapshot | str, quote: Quote) -> Anchor:
    """Where `quote` stands in `snapshot` now: ok, moved, drifted or missing."""
    snap = snapshot if isinstance(snapshot, Snapshot) else Snapshot(snapshot)
    text = snap.text
    if not quote.exact:
        return Anchor(MISSING)
    start, end = quote.start, quote.end
    if (
        start is not None
        and end is not None
        and 0 <= start <= end <= len(text)
        and text[start:end] == quote.exact
        and text[:start].endswith(quote.prefix)
        and text[end:].startswith(quote.suffix)
    ):
        return Anchor(OK, start, end, quote.exact, 100.0)
    found = _exact_refind(snap, quote)
    if found is not None:
        return found
    return _fuzzy_refind(snap, quote)


def _exact_refind(snap: Snapshot, quote: Quote) -> Anchor | None:
    """The occurrence of the folded quote its context vouches for, if any.

    Context counts within the quote's paragraph only (a moved paragraph has new neighbours).
    An occurrence is vouched for when both sides agree for MIN_CONTEXT characters (or all the
    in-paragraph context there is), or when it is the only occurrence and one side agrees for
    STRONG_CONTEXT characters (an edit right beside the quote). One side is not enough when the
    quote occurs more than once: "500 people from Kazakhstan, 500 people from Kyrgyzstan" with
    the first number changed must not hand its anchor to the second.
    """
    folded = snap.folded
    needle = fold_string(quote.exact)
    prefix = fold_string(_after_last_break(quote.prefix))
    suffix = fold_string(_before_first_break(quote.suffix))
    want_prefix = min(len(prefix), MIN_CONTEXT)
    want_suffix = min(len(suffix), MIN_CONTEXT)
    old = folded.folded_offset(quote.start) if quote.start is not None else None
    occurrences: list[tuple[int, int, int]] = []  # (left agreement, right agreement, position)
    pos = folded.text.find(needle)
    while pos >= 0:
        left = _common_suffix(prefix, folded.text[max(0, pos - len(prefix)) : pos])
        after = pos + len(needle)
        right = _common_prefix(suffix, folded.text[after : after + len(suffix)])
        occurrences.append((left, right, pos))
        pos = folded.text.find(needle, pos + 1)
    candidates = [
        (left + right, -abs(pos - old) if old is not None else 0, pos)
        for left, right, pos in occurrences
        if left >= want_prefix and right >= want_suffix
    ]
    if not candidates and len(occurrences) == 1:
        left, right, pos = occurrences[0]
        strong = max(left, right) >= min(STRONG_CONTEXT, max(len(prefix), len(suffix)))
        # A long quote standing once in the text is its own evidence (a one-sentence paragraph
        # that moved has new context on both sides).
        if (strong and max(left, right) > 0) or len(needle) >= MIN_UNIQUE:
            candidates.append((left + right, 0, pos))
    if not candidates:
        return None
    f_start = max(candidates)[2]
    start, end = folded.real_span(f_start, f_start + len(needle))
    found = snap.text[start:end]
    status = OK if (start, end) == (quote.start, quote.end) and found == quote.exact else MOVED
    return Anchor(status, start, end, found, 100.0, normalised=found != quote.exact)


_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _after_last_break(prefix: str) -> str:
    """The part of a prefix inside the quote's own paragraph."""
    breaks = list(_BREAK.finditer(prefix))
    return prefix[breaks[-1].end() :] if breaks else prefix


def _before_first_break(suffix: str) -> str:
    m = _BREAK.search(suffix)
    return suffix[: m.start()] if m else suffix


def _fuzzy_refind(snap: Snapshot, quote: Quote) -> Anchor:
    """Align prefix+quote+suffix fuzzily; the quote's part of the alignment is the candidate."""
    folded = snap.folded
    exact = fold_string(quote.exact)
    prefix = fold_string(quote.prefix)
    suffix = fold_string(quote.suffix)
    needle = prefix + exact + suffix
    if not folded.text or not needle:
        return Anchor(MISSING)
    aligned = fuzz.partial_ratio_alignment(needle, folded.text)
    if aligned is None or aligned.score < MIN_FUZZY:
        return Anchor(MISSING, score=aligned.score if aligned else 0.0)
    region_start, region_end = aligned.dest_start, aligned.dest_end
    region = folded.text[region_start:region_end]
    mapping = _position_map(needle, region)
    f_start = region_start + mapping(len(prefix))
    f_end = region_start + mapping(len(prefix) + len(exact))
    f_start, f_end = _trim(folded.text, f_start, f_end)
    if f_end <= f_start:
        return Anchor(MISSING, score=0.0)
    start, end = folded.real_span(f_start, f_end)
    found = snap.text[start:end]
    score = round(fuzz.ratio(exact, folded.text[f_start:f_end]), 1)
    return Anchor(DRIFTED, start, end, found, score, normalised=False)


def _position_map(source: str, dest: str):  # noqa: ANN202 - a small closure
    """A function mapping offsets of `source` to offsets of `dest` along their edit script."""
    ops = Levenshtein.opcodes(source, dest)

    def mapping(pos: int) -> int:
        for op in ops:
            if op.src_start <= pos < op.src_end or (op.src_start == op.src_end == pos):
                if op.tag in ("equal", "replace"):
                    return min(op.dest_start + (pos - op.src_start), op.dest_end)
                return op.dest_start
        return len(dest)

    return mapping


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def requote(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Quote:
    """The selectors a quote found at [start, end) of `text` should now carry."""
    return Quote(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )
