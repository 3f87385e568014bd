"""Ranges: "between X and Y", "X-Y", "X to Y", "from X to Y" become one figure with low and high.

A fact-checker must not read a change as a range: "up 19 cents to $58.24" and "rose from $4 to $5"
are two figures, while "rise by 5 to 10 per cent" is one range. The decision rests on the words just
before the first number and on whether the two ends are of one kind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from citekit.extract import nouns, numbers, units
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
# "10-15", "10 to 15", "a 5-to-10-year jail term", "from 200 sq m up to 800 sq m".
_CONNECTOR = re.compile(
    r"(?P<c>[-\u2010\u2011](?P<glued>to)[-\u2010\u2011](?=\d)|"
    + _SP
    + r"*(?:-|[\u2010-\u2014])"
    + _SP
    + r"*|"
    + _SP
    + r"+(?:to|and|through|thru|up"
    + _SP
    + r"+to)"
    + _SP
    + r"+)",
    re.IGNORECASE,
)
# The last letters of the words `_BETWEEN` ends with (between, from, of), in the cases `re` folds.
_BETWEEN_LAST = frozenset("nNmMfF")


def _word_before_ends_in(text: str, lo: int, pos: int, letters: frozenset[str]) -> bool:
    """Do one or more spaces end right before `pos`, after a character of `letters`? (Or a
    newline: a pattern's "$" also matches before a last newline, so the pattern decides.)"""
    if pos > lo and text[pos - 1] == "\n":
        return True
    k = pos - 1
    while k > lo and text[k] in " \u00a0":
        k -= 1
    return k < pos - 1 and text[k] in letters


_BETWEEN = re.compile(
    r"(?<![A-Za-z])(?P<w>between|from|range of|ranging from|ranges from)" + _SP + r"+$",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"(?<![A-Za-z])(?:up|down|rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|"
    r"increased?|increases|increasing|decreased?|decreases|grew|grow|grown|growing|climbed?|"
    r"climbs|jumped?|jumps|dropped|drop|drops|declined?|declines|slid|slipped|gained?|gains|"
    r"lost|cut|cuts|raised?|raises|lowered|lower|higher|soared|surged|plunged|plummeted|"
    r"tumbled|sank|added|edged|moved|changed?|shifted|went|revised|boosted|reduced|slashed|"
    r"advanced|eased|rallied|widened|narrowed|shrank|swelled|doubled|tripled|halved)"
    r"(?:"
    + _SP
    + r"+(?:(?P<by>by)|from|some|about|nearly|almost|around|more"
    + _SP
    + r"+than|over))?"
    + _SP
    + r"+$",
    re.IGNORECASE,
)

# A result before "3-1", "0-1", "52-48": a score or a tally (two figures), not a range.
_SCORE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:beat|beats|beating|beaten|won|win|wins|winning|lost|lose|loses|losing|drew|"
    r"draw|drawn|defeated|defeat|defeats|victory|victories|thrashed|routed|edged|tied|tie|"
    r"scored|scoreline|score|led|lead|leads|trailed|trailing|trail|voted|vote|votes|ruled|"
    r"downed|crushed|stunned|upset|overcame|hammered|swept|rout|loss|losses|win-loss)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\d{1,3}[-\u2013]\d{1,3}(?![\d.,]\d|[-\u2013]|[A-Za-z%])")


def is_score(text: str, lo: int, pos: int, hi: int) -> bool:
    """ "beat Arsenal 3-1", "lost 0-1", "a 10-2 record", "voted 52-48": a score or tally."""
    m = _SCORE.match(text, pos, hi)
    if not m:
        return False
    if _RECORD_AFTER.match(text, pos, hi):
        return True
    if units.unit_after(text, m.end(), hi, glued_ok=False) or nouns.counted_noun(text, m.end(), hi):
        return False  # "the win came after 3-4 days", "won 20-30 seats": a range of something
    return _SCORE_BEFORE.search(text, max(lo, pos - 32), pos) is not None


_RECORD_AFTER = re.compile(
    r"\d{1,3}[-\u2013]\d{1,3}[\x20\u00a0]+(?:record|win|victory|defeat|loss|"
    r"draw|vote|verdict|decision|ruling|majority|scoreline)\b",
    re.IGNORECASE,
)


# Reads the figure anchored at a position: (text, lo, pos, hi, floor) -> (figure or None, end).
Reader = Callable[[str, int, int, int, int], tuple[Quantity | None, int]]
_NON_FIGURES = ("date", "year", "time", "ordinal")


def extend_range(
    text: str, lo: int, hi: int, first: Quantity, anchor: re.Pattern[str], read: Reader
) -> Quantity:
    """Join "between X and Y", "X-Y", "X to Y", "from X to Y" into one range figure."""
    if first.kind == "date":
        return _extend_day_range(text, lo, hi, first)
    if first.kind in _NON_FIGURES or first.value is None:
        return first
    if first.end >= hi or text[first.end] not in " -\u2010\u2011\u2012\u2013\u2014\u00a0":
        return first
    c = _CONNECTOR.match(text, first.end, hi)
    if not c:
        return first
    connector = " ".join(c.group("c").lower().split())
    if c.group("glued"):
        connector = "to"  # "5-to-10-year"
    elif connector in "\u2010\u2011\u2012\u2013\u2014":
        connector = "-"
    nxt = c.end()
    if nxt >= hi or not (text[nxt].isdigit() or text[nxt].isalpha() or text[nxt] in "$£€¥₹"):
        return first
    between = (
        _BETWEEN.search(text, max(lo, first.start - 20), first.start)
        if _word_before_ends_in(text, lo, first.start, _BETWEEN_LAST)
        else None
    )
    early: Quantity | None = None
    if text[nxt].isdigit() and _could_be_a_day(first):
        early, _ = read(text, lo, nxt, hi, nxt)
        if early is not None and early.kind == "date":
            # "between 10 and 14 May", "10-14 May", "the 10 and 14 May deadlines": days of one
            # date, not a count
            start = (
                between.start()
                if between and connector == "and" and between.group("w").lower() == "between"
                else first.start
            )
            return Quantity(start, early.end, None, kind="date", num_start=first.num_start)
    if connector == "and" and not (between and between.group("w").lower() == "between"):
        return first
    if connector == "up to" and not (between and between.group("w").lower() == "from"):
        return first  # "up to" joins a range only after "from": "from 200 up to 800"
    change = None
    if connector in ("to", "through", "thru", "up to"):
        change = _CHANGE.search(text, max(lo, first.start - 30), first.start)
        if change and change.group("by") is None:
            return first  # "up 19 cents to $58.24", "rose from $4 to $5": two figures
    if connector == "-" and _hyphen_is_not_a_range(text, lo, hi, first):
        return first
    second = _second_end(text, lo, hi, nxt, early, anchor, read)
    if second is None:
        return first
    joined = _join(first, second, connector, between, change is not None)
    return first if joined is None else joined


def _could_be_a_day(first: Quantity) -> bool:
    """A bare whole number 1-31 may be the first day of a date range ("10-14 May")."""
    return (
        first.plain_integer
        and first.qualifier == "exact"
        and first.unit is None
        and 1 <= first.raw <= 31
        and first.end == first.num_start + len(str(int(first.raw)))
    )


def _hyphen_is_not_a_range(text: str, lo: int, hi: int, first: Quantity) -> bool:
    """ "twenty-one" was read whole already; "beat Arsenal 3-1" is a score."""
    if not first.plain_integer and first.written:
        return True
    return (
        first.plain_integer
        and first.start == first.num_start
        and is_score(text, lo, first.num_start, hi)
    )


def _second_end(
    text: str,
    lo: int,
    hi: int,
    nxt: int,
    early: Quantity | None,
    anchor: re.Pattern[str],
    read: Reader,
) -> Quantity | None:
    """The figure after the connector (past a currency symbol: "£20 to £45"), if it can end a
    range."""
    at = nxt
    if text[nxt].isalpha():
        if not anchor.match(text, nxt, hi):
            return None
    elif not text[nxt].isdigit():
        while at < hi and at - nxt < 4 and not text[at].isdigit():
            at += 1
        if at >= hi or not text[at].isdigit():
            return None
    second = early if early is not None and at == nxt else read(text, lo, at, hi, nxt)[0]
    if second is None or second.value is None or second.kind in _NON_FIGURES:
        return None
    return second


def _join(
    first: Quantity, second: Quantity, connector: str, between: re.Match[str] | None, change: bool
) -> Quantity | None:
    """The range from `first` to `second`, or None where the two ends do not make one."""
    if (
        first.unit == "years of age"
        and second.unit in (None, "years")
        and second.kind in ("count", "duration")
        and second.magnitude == 1.0
    ):
        second.kind, second.unit = first.kind, first.unit  # "aged 18 to 34", "aged 18-34"
    if second.qualifier not in ("exact",):
        return None
    low, high = first.value, second.value
    if first.magnitude == 1.0 and second.magnitude != 1.0 and first.raw <= second.raw:
        low = numbers.scaled(first.raw, second.magnitude)
    # "$40 to $45 per share": the rate is said once, for both ends
    rate_shared = (
        first.unit is not None
        and second.unit is not None
        and first.kind == second.kind
        and second.unit.startswith(first.unit + " per ")
    )
    if (
        first.unit
        and second.unit
        and first.unit != second.unit
        and first.kind != "count"
        and not rate_shared
    ):
        return None
    if first.kind == "money" and second.kind not in ("money", "count"):
        return None
    if first.kind not in ("count", second.kind) and first.kind != "money":
        return None
    if (
        second.written
        and first.written
        and second.value >= 1000 > first.value
        and first.magnitude == 1.0
    ):
        scale = 1000.0 ** int(math.log10(second.value) // 3)
        if first.value * scale <= second.value:
            low = first.value * scale  # "two to three thousand"
    if low is None or high is None or not low < high:
        return None
    if change and high > 4 * low:
        return None  # "rose by 1,000 to 5,400" is a change and a level; "by 5 to 10%" a range
    start = first.start
    if (
        between
        and first.qualifier == "exact"
        and (
            connector == "and"
            or connector in ("to", "through", "thru", "up to")
            and between.group("w").lower() != "between"
        )
    ):
        start = between.start()  # "between 120 and 150", "from £20 to £45"
    kind = second.kind if second.kind != "count" or first.kind == "count" else first.kind
    unit = second.unit if second.kind != "count" or first.kind == "count" else first.unit
    if first.kind == "money" and second.kind == "count":
        kind, unit = "money", first.unit
    if kind == "count" and first.unit and not second.unit:
        unit = first.unit
    return Quantity(
        start,
        second.end,
        None,
        low,
        high,
        unit=unit,
        kind=kind,
        qualifier=first.qualifier,
        num_start=first.num_start,
        magnitude=second.magnitude,
        raw=first.raw,
        noun_end=second.noun_end,
    )


# "May 10 to 14", "Oct. 3-5, 2023": a date whose last word is a day, continued by a later day.
_MONTH_DAY_END = re.compile(r"[A-Za-z]\.?" + _SP + r"+\d{1,2}$")
_DAY_CONNECTOR = re.compile(
    _SP + r"*[-\u2013\u2014]" + _SP + r"*|" + _SP + r"+(?:to|through|thru|until|till)" + _SP + r"+",
    re.IGNORECASE,
)
_LATER_DAY = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])(?!\d)(?:,?" + _SP + r"+(?:1[0-9]|20)\d\d(?!\d))?"
    r"(?=$|[,.;:)!?]|" + _SP + r"+(?:in|at|and|this|next|last|when|while|but|with|for|on|the|"
    r"inclusive|before|after)(?![A-Za-z]))",
    re.IGNORECASE,
)


def _extend_day_range(text: str, lo: int, hi: int, first: Quantity) -> Quantity:
    """ "May 10 to 14": the second day belongs to the date rather than being a count of 14. Only
    where the day is followed by the end of a clause, so "May 10 to 14 people" is left alone."""
    if not _MONTH_DAY_END.search(text, max(lo, first.end - 12), first.end):
        return first
    c = _DAY_CONNECTOR.match(text, first.end, hi)
    if not c:
        return first
    day = _LATER_DAY.match(text, c.end(), hi)
    if not day:
        return first
    return Quantity(first.start, day.end(), None, kind="date", num_start=first.num_start)
