"""Passes over a paragraph's figures that look across them: shared counted nouns, and the
paragraph's way of writing millions."""

from __future__ import annotations

import re

from citekit.extract import nouns, numbers
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
_OF_THE = re.compile(
    r""
    + _SP
    + r"+(?:of|out"
    + _SP
    + r"+of|in|or|to)"
    + _SP
    + r"+(?:the"
    + _SP
    + r"+|a"
    + _SP
    + r"+|every"
    + _SP
    + r"+)?$",
    re.IGNORECASE,
)


def share_counted_nouns(text: str, lo: int, found: list[Quantity]) -> None:
    """ "300 of the 2,846 nurses": both numbers count nurses; later pairs in the same list
    ("520 of the 3,105 from Wales") inherit the noun the first pair named."""
    last_noun: str | None = None
    last_end = lo
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.kind != "count" or b.kind != "count" or a.unit is not None:
            continue
        gap_start = a.end
        if b.start - gap_start > 16 or not _OF_THE.search(text, gap_start, b.start):
            continue
        if b.unit is None and last_noun and _same_sentence(text, last_end, a.start):
            b.unit = last_noun
        if b.unit:
            a.unit = b.unit
            last_noun = b.unit
            last_end = b.end


_SENTENCE_BREAK = re.compile(r"[.!?][\x20\u00a0\n]")


def _same_sentence(text: str, start: int, end: int) -> bool:
    """No sentence break between two figures of a list (bounded look)."""
    return end - start < 400 and _SENTENCE_BREAK.search(text, start, end) is None


def millions_in_style(text: str, found: list[Quantity]) -> None:
    """ "Some 2.5m people came, up from 1.8m": once a sentence writes "m" for million, a bare
    "1.8m" later in it is read the same way rather than as metres ("a 100m race" keeps its noun
    and stays a length)."""
    style: Quantity | None = None
    for q in found:
        if q.short_million:
            if (
                style is not None
                and q.unit is None
                and q.kind == "count" == style.kind
                and _same_sentence(text, style.end, q.start)
            ):
                q.unit = style.unit  # "2.5m people ..., up from 1.8m": 1.8 million people
            style = q
        elif (
            style is not None
            and q.kind == "measure"
            and q.unit == "m"
            and q.value is not None
            and text[q.end - 1] == "m"
            and text[q.end - 2].isdigit()
            and _same_sentence(text, style.end, q.start)
            and nouns.counted_noun(text, q.end, min(len(text), q.end + 64)) is None
        ):
            q.value = numbers.scaled(q.value, 1e6)
            q.magnitude = 1e6
            q.kind, q.unit = style.kind, style.unit
