"""Running a pattern only where it can match: the windows around a rare literal word every match
holds, searched so that what comes out is what `pattern.finditer(text)` gives over the whole text.

"a report titled X" needs "titled", "entitled", "called" or "dubbed"; most of a text holds none of
them, and a pattern that opens with a work noun would otherwise be tried at every work noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citekit.cites.pertext import PerText

# Characters the regular expression engine matches, case-insensitively, to an ASCII letter although
# their `lower()` is not that letter (for every other character the two agree).
_ODD_CASES = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def folded(text: str) -> str:
    """`text` lower-cased character for character: an ASCII word stands in it wherever an IGNORECASE
    pattern finds that word in `text`, at the same place ("İ", the one character whose `lower()` is
    two, is folded to "i" first, as the engine matches it)."""
    for odd, letter in _ODD_CASES:
        if odd in text:
            text = text.replace(odd, letter)
    return text.lower()


class Folded(PerText):
    """`folded(text)` of the text being analysed, made once for the readers that search it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.low = folded(text)


def word_positions(low: str, words: Iterable[str]) -> list[int]:
    """Every start of any of `words` (lower case) in `low`, overlapping ones included, in order."""
    found: list[int] = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.append(at)
            at = low.find(word, at + 1)
    found.sort()
    return found


def _back(text: str, pos: int, need: int) -> int:
    """A start before `pos` with at least `need` characters other than white space up to `pos`
    (0 when the text has fewer)."""
    lo = pos
    while need > 0 and lo > 0:
        new = max(0, lo - need - 8)
        chunk = text[new:lo]
        need -= sum(len(w) for w in chunk.split())
        lo = new
    return lo


def windows(text: str, anchors: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """Merged (start, end) windows: from `reach` characters other than white space before each
    anchor's start to one character past its end."""
    out: list[tuple[int, int]] = []
    for start, end in anchors:
        lo, hi = _back(text, start, reach), end + 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def finditer_within(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, searching only `spans` (merged, in order).

    The caller guarantees that `pattern` never matches the empty string and that every match of `pattern` at a start s holds an anchor whose span
    contains s and whose end is before the span's end. Within a span the search is cut at its end,
    which may let through a start the whole text does not match (then the next start is tried) but
    never drops one that does: its path up to the anchor lies inside. A start the cut search finds
    is matched again on the whole text, so a match and its end are exactly those of `finditer`, and
    as spans are taken in order and searched from the last match's end, so is their order.
    """
    out: list[re.Match[str]] = []
    pos = 0
    for lo, hi in spans:
        at = max(lo, pos)
        while at < hi:
            cut = pattern.search(text, at, hi)
            if cut is None:
                break
            whole = pattern.match(text, cut.start())
            if whole is None:
                at = cut.start() + 1
                continue
            out.append(whole)
            pos = at = whole.end()
    return out
