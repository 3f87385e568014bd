"""Figures that open with a digit: age bounds ("over-65s"), dates and times first, phone and
account numbers and codes dropped, round plurals ("1,000s"), then the number grown into a figure.
"""

from __future__ import annotations

import re

from citekit.extract import dates, grow, identifiers, nouns, numbers
from citekit.extract.context import token_before
from citekit.extract.quantity import Quantity

_DIGIT_CHAIN = re.compile(r"\d+(?:-\d+){2,}")
_AGE_BOUND_WORDS = frozenset({"over", "under"})
_AGE_BOUND = re.compile(
    r"(?<![A-Za-z])(?P<w>over|under)(?:[\x20\u00a0]+|-)\d{1,2}s(?![A-Za-z\d])", re.IGNORECASE
)
_DIGIT_RUN = re.compile(r"\d+")
# What may stand before a leading decimal point: ".75", "$.50", "(-.5".
_BEFORE_POINT = frozenset(" \u00a0($£€-\u2212")


def _skip_run(text: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi and (text[i].isalnum() or text[i] in ",.-/:") and i - pos < 64:
        i += 1
    while i > pos + 1 and not text[i - 1].isalnum():
        i -= 1
    return i


def read_digits(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    token = token_before(text, lo, pos)
    run = _DIGIT_RUN.match(text, pos, hi)  # None for a digit that \d does not take: "²"
    run_end = run.end() if run else pos
    if (
        run_end - pos <= 2
        and run_end < hi
        and text[run_end] == "s"
        and pos - lo >= 5
        and text[pos - 1] in " -\u00a0"
        and token[-6:].rstrip("-") in _AGE_BOUND_WORDS
    ):
        bound = _AGE_BOUND.search(text, max(lo, floor, pos - 8), run_end + 1)
        if bound:  # "over-65s", "Under 18s": people above or below an age, not a decade
            end = run_end + 1
            return Quantity(
                max(bound.start(), floor),
                end,
                float(text[pos:run_end]),
                unit="years of age",
                kind="duration",
                num_start=pos,
                qualifier="more_than" if bound.group("w").lower() == "over" else "less_than",
            ), end
    d = dates.read_date(text, lo, pos, hi, token, run_end)
    if d:
        kind, start, end = d
        start = max(start, floor)
        if kind == "age":
            low = float(text[pos : pos + 2])
            return Quantity(
                start, end, None, low, low + 9, unit="years of age", kind="duration", num_start=pos
            ), end
        if kind == "year":
            return Quantity(start, end, None, kind="year", num_start=pos), end
        return Quantity(start, end, None, kind=kind, num_start=pos), end
    k = run_end  # where the \d run ends
    while run_end < hi and text[run_end].isdigit():
        run_end += 1  # on past digits that \d does not take ("5²"), as str.isdigit reads them
    if (
        run_end + 1 < hi
        and text[run_end] in " -.)\u00a0"
        and text[run_end + 1].isdigit()
        or pos > lo
        and text[pos - 1] in "+("
    ):
        code_end = _code_end(text, pos, hi, k)
        if code_end:
            return None, code_end
    if pos > lo and text[pos - 1] == "." and (pos - 1 == lo or text[pos - 2] in _BEFORE_POINT):
        pos -= 1  # ".75", ".5 per cent"
        k = 0  # the run no longer starts at `pos`
    elif text[pos] == "0" and run_end - pos >= 2 and not text.startswith(".", run_end):
        return None, _skip_run(text, pos, hi)  # "01234", "007": codes, not quantities
    n = numbers.read_numeral(text, pos, hi, k)
    if n is None:
        return None, _skip_run(text, pos, hi)
    if (
        n.end < hi
        and text[n.end] == "s"
        and n.integer
        and n.value in _ROUND_PLURALS
        and (n.end + 1 >= hi or not text[n.end + 1].isalnum())
    ):
        return _read_round_plural(text, pos, n, hi)
    if identifiers.is_identifier(text, lo, pos, n.end, hi, n.integer and n.digits.isdigit(), token):
        return None, _skip_run(text, pos, hi)
    q = grow.finish(text, lo, pos, hi, n, floor, token)
    if q is None:
        return None, _skip_run(text, pos, hi)
    return q, q.end


def _code_end(text: str, pos: int, hi: int, k: int) -> int | None:
    """The end of a phone number or of a chain of digit groups (1111-2222-3333) at `pos`, or None
    (`k` is where its digit run ends). Without a "+" or "(" before it, a phone number opens with
    two to five digits (the whole run), a space, "." or "-", and two more digits; a chain opens
    with the run and a "-": "19.4" and "3-1" fail on a character or two, with no match tried."""
    if (
        pos > 0
        and text[pos - 1] in "+("
        or 2 <= k - pos <= 5
        and text[k : k + 1] in (" ", ".", "-")
        and text[k + 1 : k + 3].isdigit()
    ):
        phone_end = identifiers.phone_number_end(text, pos, hi)
        if phone_end:
            return phone_end
    if text[k : k + 1] == "-":
        chain = _DIGIT_CHAIN.match(text, pos, hi)
        if chain:
            return chain.end()  # account and reference numbers: 1111-2222-3333
    return None


# "100s", "1,000s", "10,000s" of people: a vague quantity of that order of magnitude.
_ROUND_PLURALS = frozenset({100.0, 1e3, 1e4, 1e5, 1e6})


def _read_round_plural(text: str, pos: int, n: numbers.Number, hi: int) -> tuple[Quantity, int]:
    end = n.end + 1
    q = Quantity(
        pos, end, None, n.value, n.value * 10, kind="count", qualifier="vague", num_start=pos
    )
    q.unit = nouns.noun_after_of(text, end, hi) or nouns.counted_noun(text, end, hi)
    return q, end
