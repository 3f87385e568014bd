"""The word just before a position, found by a short backward walk.

Left-context patterns ("more than", "June", "Section") are anchored at the end of a window; running
them for every number costs more than everything else together. Looking at the last word first and
running a pattern only when that word could end one keeps the scan fast, and the walk is bounded.
"""

from __future__ import annotations

_MAX_TOKEN = 16
_LEADING_MARKS = "([{\"'\u201c\u2018*/"


def token_before(text: str, lo: int, pos: int) -> str:
    """The lower-cased token ending right before `pos` (one space skipped), without leading
    brackets or quotes. Bounded to a short window; built from C-level string calls for speed."""
    i = pos
    if i > lo and text[i - 1] in " \u00a0":
        i -= 1
    start = i - _MAX_TOKEN if i - _MAX_TOKEN > lo else lo
    j = text.rfind(" ", start, i)
    if j < 0:
        if start > lo:
            return ""  # a word longer than any we look for
        j = lo - 1
    token = text[j + 1 : i]
    if token.isalpha():
        return token.lower()  # no break, no mark: most tokens
    if "\n" in token or "\u00a0" in token or "\t" in token:
        token = token.replace("\u00a0", "\n").replace("\t", "\n").rpartition("\n")[2]
    return token.lstrip(_LEADING_MARKS).lower()


# The marks `bare` strips (callers on a hot path strip them without the call).
BARE_MARKS = ".~<>=\u2265\u2264\u00b1#'\u2019"


def bare(token: str) -> str:
    """The token without surrounding marks: "approx." -> "approx", "(about" -> "about"."""
    return token.strip(BARE_MARKS)


def words(text: str) -> frozenset[str]:
    """A word set written as one string, the way word lists read best."""
    return frozenset(text.split())
