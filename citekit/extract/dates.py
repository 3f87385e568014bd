"""Dates, years, times of day and ordinals: numbers that are kept but are not figures to check.

They are recognised before anything else so that "27 October 2017" is one date and not a count of
27 and a year, and "10:30" is a time and not two numbers.
"""

from __future__ import annotations

import re

from citekit.extract.context import BARE_MARKS, token_before, words

# Full month names, or abbreviations with an optional period ("Oct. 31"); a sentence's final period
# after "3 April." is not part of the date.
_MONTH = (
    r"(?:(?:January|February|March|April|(?-i:May)|June|July|August|September|October|November"
    r"|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
_SP = r"[\x20\u00a0]"

_ISO = re.compile(r"(?:1[0-9]|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC_DATE = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])([/.])(?:0?[1-9]|[12]\d|3[01])\1(?:\d{4}|\d{2})(?![\d/.]\d)"
)
_MONTH_YEAR_NUMERIC = re.compile(r"(?:0?[1-9]|1[0-2])/(?:1[0-9]|20)\d\d(?!\d)")
_TIME = re.compile(
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?"
    r"(?:" + _SP + r"?(?i:[ap]\.m\.|[ap]m(?![A-Za-z])|[ap]\.m(?![A-Za-z])))?"
    r"(?:" + _SP + r"?(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|PST|PDT|IST)(?![A-Za-z]))?"
)
_HOUR_AMPM = re.compile(
    r"(?:1[0-2]|0?[1-9])" + _SP + r"?(?i:[ap]\.m\.|[ap]m(?![A-Za-z])|[ap]\.m(?![A-Za-z]))"
)
_DAY_MONTH = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:"
    + _SP
    + r"+of)?"
    + _SP
    + r"+"
    + _MONTH
    + r"(?:,?"
    + _SP
    + r"+(?:1[0-9]|20)\d\d(?!\d))?",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)(?![A-Za-z0-9])")
_DECADE = re.compile(r"(?:1[0-9]|20)\d0s(?![A-Za-z])|\d0s(?![A-Za-z])")
_MONTH_BEFORE = re.compile(r"(?<![A-Za-z])" + _MONTH + r",?" + _SP + r"+$", re.IGNORECASE)
_DAY_AFTER_MONTH = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)(?:,?" + _SP + r"+(?:1[0-9]|20)\d\d(?!\d))?"
)
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d(?![\d,.]\d)")
_YEAR_RANGE = re.compile(r"(?:1[0-9]|20)\d\d[-\u2013/](?:(?:1[0-9]|20)\d\d|\d\d)(?![\d])")
# Words before a year that make it a period: "late 2015", "mid-2014", "the summer of 2016".
_PERIOD_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?:late|early|mid|end|start|beginning|spring|summer|autumn|fall|winter|"
    r"first half|second half|end of|start of|beginning of|middle of|spring of|summer of|"
    r"autumn of|fall of|winter of|Q[1-4]|H[12])" + _SP + r"?-?" + _SP + r"?)$",
    re.IGNORECASE,
)
_MONTH_TOKENS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sept sep oct nov dec"
)
_PERIOD_TOKENS = words(
    "late early mid end start beginning spring summer autumn fall winter half of"
)
_FISCAL_BEFORE = re.compile(r"(?<![A-Za-z])(?:fiscal|FY|financial year)" + _SP + r"?$", re.I)
_APOSTROPHE_YEAR = re.compile(r"['\u2019]\d\d(?:s)?(?![\d%])")

_ORDINAL_WORDS_TEXT = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth "
    "millionth billionth"
)
ORDINAL_WORDS = _ORDINAL_WORDS_TEXT.split()
_ORDINAL_WORD = re.compile(
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)


def read_date(
    text: str, lo: int, pos: int, end: int, token: str | None = None, run_end: int | None = None
) -> tuple[str, int, int] | None:
    """A date, time, period or numeric ordinal at digit position `pos`: (kind, start, end).

    `start` may lie before `pos` when a month name or a period word ("late") leads the date. The
    character after the digit run decides which patterns can apply, so a plain number costs one or
    two cheap checks.
    """
    window = pos - 16 if pos - 16 > lo else lo
    if token is None:
        token = token_before(text, lo, pos)
    token = token.rstrip(",").strip(BARE_MARKS)  # bare(), without the call
    if token in _MONTH_TOKENS:
        left = _MONTH_BEFORE.search(text, window, pos)
        if left:
            m = _DAY_AFTER_MONTH.match(text, pos, end) or _YEAR.match(text, pos, end)
            if m:
                return "date", left.start(), m.end()
    if run_end is None:
        run = _DIGITS.match(text, pos, end)
        run_end = run.end() if run else pos
    after = run_end
    nxt = text[after] if after < end else ""
    patterns = _BY_NEXT_CHAR.get(nxt, ())
    if nxt == "." and not (
        after - pos <= 2
        and (
            text[after + 2 : after + 3] == "."
            or text[after + 3 : after + 4] == "."
            or text[after + 1 : after + 2] in _MINUTE_TENS
            and text[after + 2 : after + 3].isdigit()
        )
    ):
        # A day of "19.4.2020" (one or two digits, the same "." after the month's one or two)
        # or an hour of "9.45 pm" (one or two digits, then minutes): "19.4%" and "708.5" are
        # neither, and try no pattern.
        patterns = ()
    if nxt in " \u00a0":
        patterns = _BY_SPACE_FOLLOWER.get(text[after + 1], ()) if after + 1 < end else ()
    for pattern, kind in patterns:
        m = pattern.match(text, pos, end)
        if m:
            if (
                pattern is _TIME
                and "." in m.group()
                and ":" not in m.group()
                and not m.group()[-1:].isalpha()
                and not m.group().endswith(".")
            ):
                continue  # "3.45" is a decimal unless a.m./p.m. or a zone follows
            if kind == "year-range":
                if not _plausible_year_range(m.group()):
                    continue
                period = _period_before(text, lo, window, pos, token)
                return "year", period if period is not None else pos, m.end()
            if pattern is _DECADE:
                age = (
                    _AGE_DECADE_BEFORE.search(text, max(lo, pos - 24), pos)
                    if m.end() - pos == 3
                    else None
                )
                if age:
                    return "age", age.start("mod") if age.group("mod") else pos, m.end()
                period = _period_before(text, lo, window, pos, token)
                return "date", period if period is not None else pos, m.end()
            return kind, pos, m.end()
    if after - pos == 4:
        m = _YEAR.match(text, pos, end)
        if m:
            period = _period_before(text, lo, window, pos, token)
            if period is not None:
                return "date", period, m.end()
            if token in ("fiscal", "fy", "year"):
                fiscal = _FISCAL_BEFORE.search(text, window, pos)
                if fiscal:
                    return "year", fiscal.start(), m.end()
    return None


def _period_before(text: str, lo: int, window: int, pos: int, token: str) -> int | None:
    if token in _PERIOD_TOKENS or (pos > lo and text[pos - 1] in "-\u2013"):
        period = _PERIOD_BEFORE.search(text, window, pos)
        if period:
            return period.start()
    return None


_DIGITS = re.compile(r"\d+")
_MINUTE_TENS = frozenset("012345")
# After a digit run and a space only a month ("5 May", "5 of May") or "am"/"pm" can follow; the
# letter after the space picks the patterns worth trying (a time of day needs ":" or "." glued).
_BY_SPACE_FOLLOWER: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    **{c: ((_DAY_MONTH, "date"),) for c in "JFMSONDjfmsond"},
    **{c: ((_DAY_MONTH, "date"), (_HOUR_AMPM, "time")) for c in "aA"},
    **{c: ((_HOUR_AMPM, "time"),) for c in "pP"},
}
_WITH_LETTER = (
    (_DECADE, "date"),
    (_DAY_MONTH, "date"),
    (_ORDINAL, "ordinal"),
    (_HOUR_AMPM, "time"),
)
_BY_NEXT_CHAR: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "-": ((_ISO, "date"), (_YEAR_RANGE, "year-range")),
    "\u2013": ((_YEAR_RANGE, "year-range"),),
    "/": ((_NUMERIC_DATE, "date"), (_MONTH_YEAR_NUMERIC, "date"), (_YEAR_RANGE, "year-range")),
    ".": ((_NUMERIC_DATE, "date"), (_TIME, "time")),
    ":": ((_TIME, "time"),),
    **{c: _WITH_LETTER for c in "sSnNrRtTaApPjJfFmMoOdD"},
}
# "in his 60s", "her late 30s": an age bracket, not a decade of the calendar.
_AGE_DECADE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:his|her|their|my|your|our|its)"
    + _SP
    + r"+(?P<mod>(?:early|mid|late)"
    + _SP
    + r"*-?"
    + _SP
    + r"*)?$",
    re.IGNORECASE,
)
_YEAR_SPLIT = re.compile(r"[-\u2013/]")


def _plausible_year_range(surface: str) -> bool:
    first, second = _YEAR_SPLIT.split(surface)
    if len(second) == 2:
        return int(second) == (int(first[2:]) + 1) % 100 or int(second) > int(first[2:])
    return int(first) < int(second) <= int(first) + 200


def read_apostrophe_year(text: str, pos: int, end: int) -> int | None:
    """ "'90s", "'15": a year written with an apostrophe. Returns the end."""
    m = _APOSTROPHE_YEAR.match(text, pos, end)
    return m.end() if m else None


def read_ordinal_word(text: str, pos: int, end: int) -> int | None:
    m = _ORDINAL_WORD.match(text, pos, end)
    return m.end() if m else None
