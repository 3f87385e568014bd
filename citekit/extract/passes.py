"""Passes over a paragraph's figures that look across them: shared counted nouns, units written
once for two numbers, and the paragraph's way of writing millions."""

from __future__ import annotations

import math
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


# Between two numbers that share the unit written after the second: "three or four days", "6- or
# 7-inch", "two-, three- or four-seat", "5 and 6 percent".
_SHARED_GAP = re.compile(
    r"(?P<hy>[-\u2010\u2011])?(?:,?" + _SP + r"+(?:or|and)" + _SP + r"+|," + _SP + r"+)",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"(?<![A-Za-z])from" + _SP + r"+$", re.IGNORECASE)
_TO_GAP = re.compile(_SP + r"+to" + _SP + r"+", re.IGNORECASE)


def _to_gap(text: str, start: int, end: int) -> bool:
    """Is text[start:end] " to " (spaces, "to", spaces)? Spaces at both ends first, without a match."""
    return (
        end - start >= 4
        and text[start] in " \u00a0"
        and text[end - 1] in " \u00a0"
        and _TO_GAP.fullmatch(text, start, end) is not None
    )


def share_written_once(text: str, lo: int, found: list[Quantity]) -> None:
    """A unit written once serves two numbers: "three or four days" (3 days, 4 days), "ten or
    eleven euros", "13- or 15-inch laptops" (the suspended hyphen joins the span), "one or two
    million people" (1 million); and in a change, "from 3.1 to 2.4 percent" and "from 90 kilograms
    to 78" (each end in the other's unit). Read from the right, so a list passes the unit along."""
    for i in range(len(found) - 2, -1, -1):
        a, b = found[i], found[i + 1]
        if a.value is None or b.value is None or b.start - a.end > 8 or b.unit is None:
            continue
        gap = _SHARED_GAP.fullmatch(text, a.end, b.start)
        if gap and a.kind == "count" and (a.unit is None or a.unit == b.unit):
            if "," in gap.group() and not gap.group("hy") and not _in_a_list(text, found, i):
                continue  # "1.35 million, or 4%" restates; "5, 6 or 7 weeks" is a list
            if a.magnitude != 1.0 and b.magnitude == 1.0:
                continue
            _take_unit(a, b)
            if gap.group("hy"):
                a.end += 1  # "13-" of "13- or 15-inch"
            continue
        if (
            a.kind == "count"
            and a.unit is None
            and _to_gap(text, a.end, b.start)
            and _FROM_BEFORE.search(text, max(lo, a.start - 8), a.start)
        ):
            _take_unit(a, b)  # "from 3.1 to 2.4 percent"
        elif (
            a.unit is not None
            and a.kind == b.kind
            and b.unit.startswith(a.unit + " per ")
            and _to_gap(text, a.end, b.start)
            and _FROM_BEFORE.search(text, max(lo, a.start - 8), a.start)
        ):
            a.unit = b.unit  # "fell from $40 to $35 a share": both per share
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if (
            b.kind == "count"
            and b.unit is None
            and a.unit is not None
            and b.value is not None
            and _to_gap(text, a.end, b.start)
            and _FROM_BEFORE.search(text, max(lo, a.start - 8), a.start)
        ):
            b.unit, b.kind = a.unit, a.kind  # "from 90 kilograms to 78"


def _in_a_list(text: str, found: list[Quantity], i: int) -> bool:
    """Is the pair (i, i+1) part of a list of three or more ("three, four, or five weeks")?"""
    gap = text[found[i].end : found[i + 1].start]
    if gap.strip(" ,\u00a0-") == "":  # "5, 6 ...": a list if the next pair closes it
        if i + 2 >= len(found):
            return False
        nxt = _SHARED_GAP.fullmatch(text, found[i + 1].end, found[i + 2].start)
        return nxt is not None and nxt.group().strip(" ,\u00a0-") != ""
    if i == 0:  # ", or 5": a list only if a comma list comes before
        return False
    before = _SHARED_GAP.fullmatch(text, found[i - 1].end, found[i].start)
    return before is not None and before.group().strip(" ,\u00a0-") == ""


def _take_unit(a: Quantity, b: Quantity) -> None:
    """`a` in the unit (and the magnitude) written after `b`."""
    a.unit, a.kind = b.unit, b.kind
    if a.value is None or b.value is None or a.magnitude != 1.0:
        return
    if b.magnitude != 1.0:
        a.value = numbers.scaled(a.value, b.magnitude)  # "2 or 3 million people"
        a.magnitude = b.magnitude
    elif a.written and b.written and b.value >= 1000 > a.value:
        scale = 1000.0 ** int(math.log10(b.value) // 3)
        if a.value * scale <= b.value:
            a.value = a.value * scale  # "one or two million people": 1 million
