"""Growing a parsed number into a figure: currency and sign to the left, magnitude, unit and rate
to the right, then the qualifiers on both sides; a bare count is finished by `counts`.

Cheap character tests guard the readers that rarely apply (currency, rate, right qualifier), so a
plain count costs few calls.
"""

from __future__ import annotations

import re

from citekit.extract import counts, currencies, magnitudes, numbers, qualifiers, units
from citekit.extract.context import BARE_MARKS
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
# How far before a number `token_before` looks (its 16 characters and a space).
_TOKEN_REACH = 17
_CURRENCY_LAST = currencies.PREFIX_LAST_CHARS
# a rate opens with " a", " an", " per", " each", "-a-", "/": its first two characters
_RATE_FIRST = frozenset(" \u00a0-/")
_RATE_SECOND = frozenset("aApPeE/ \u00a0-dDhHmMsSyYwWkKtTlLgGuUnNbBcC")
_QUALIFIER_LAST = qualifiers.LAST_WORDS
_RIGHT_STARTS = frozenset({"or", "pl", "an", "od"})
_RIGHT_FIRST = frozenset("oOpPaA")
# "-5", "−5", "minus 5", "minus-14 degrees" (news style writes the hyphen).
_NEGATIVE = re.compile(
    r"(?:(?<![\w.,%)])[-\u2212]|(?<![A-Za-z])minus(?:" + _SP + r"+|[-\u2010\u2011]))$",
    re.IGNORECASE,
)
# A maturity that names a benchmark bond: "10-year Treasury", "two-year gilt", "30-year yield".
_BENCHMARK_DEBT = re.compile(
    r"-(?:year|month)[\x20\u00a0]+(?:U\.?S\.?[\x20\u00a0]+|German[\x20\u00a0]+|"
    r"government[\x20\u00a0]+|benchmark[\x20\u00a0]+)?(?:Treasury|Treasuries|T-notes?|T-bills?|"
    r"gilts?|Bunds?|bunds?|JGBs?|OATs?|BTPs?|(?:bond|note|debt)[\x20\u00a0]+yields?|yields?|"
    r"swap[\x20\u00a0]+rates?)(?![A-Za-z])"
)
_DOZEN_AFTER = re.compile(r"" + _SP + r"+dozen(?![A-Za-z])", re.IGNORECASE)
_MAGNITUDE_STARTS = (
    "th", "mi", "bi", "tr", "la", "cr", "ml", "mn", "bl", "bn", "tn", "hu", "b ", "m ", "b.", "m.",
    "b,", "m,",
)  # fmt: skip
_MAGNITUDE_INITIALS = frozenset("tmbklchTMBKLCH")
_DOZEN_FIRST = frozenset("dD")


def finish(
    text: str, lo: int, pos: int, hi: int, n: numbers.Number, floor: int, token: str | None = None
) -> Quantity | None:
    """Grow a parsed number into a figure: currency, sign, qualifier, magnitude, unit, noun."""
    written = n.written
    # positional arguments in field order (start, end, value, low, high, unit, kind, qualifier,
    # num_start, magnitude, raw, written, plain_integer): a little faster for every figure
    q = Quantity(
        pos, n.end, n.value, None, None, None, "count", "exact", pos, 1.0, n.value, written,
        n.integer and not written,
    )  # fmt: skip
    # Each step's opening test is made here, so that most numbers skip most calls.
    if pos > lo:
        before = text[pos - 1]
        if before in " \u00a0" and pos - 1 > lo:
            before = text[pos - 2]
        if (
            before in _CURRENCY_LAST
            or before.isupper()
            or before == "."
            or before in "sdrpby"
            # a lower-case letter ends a currency only as the end of one of these words
            and text[max(lo, floor, pos - 4) : pos].strip().lower() in _LOWER_PREFIX_TAILS
        ):
            _currency_before(text, lo, pos, floor, q)
    end = n.end
    # a magnitude is glued ("5bn") or follows a space or hyphen with one of its initials; "dozen"
    # follows a space
    if end < hi and (
        not written
        and (
            text[end].isalpha()
            or text[end] in " \u00a0-"
            and text[end + 1 : end + 2] in _MAGNITUDE_INITIALS
        )
        or text[end] == " "
        and text[end + 1 : end + 2] in _DOZEN_FIRST
    ):
        _magnitude_after(text, lo, pos, hi, n, q)
    _unit_after_number(text, hi, n, q)
    if q.kind in _RATED_KINDS:
        _money_details_and_rate(text, hi, q)
    end = q.end
    if (
        end < hi and (text[end].isalnum() or text[end] == "/") or q.kind == "duration"
    ) and _is_name(text, pos, hi, n, q):
        return None
    start = q.start
    if (
        start > lo
        and (
            text[start - 1] in _SIGN_LAST
            or text[start - 1] in " \u00a0"
            and (
                text[start - 2] in "sS"  # the opening test of `_sign_or_margin`, made here
                and text[start - 6 : start - 1].lower() == "minus"
                or text[start - 2] == "\u00b1"
            )
        )
    ):
        _sign_or_margin(text, lo, floor, q)
    _qualifiers(text, lo, pos, hi, floor, token, q)
    if (
        q.kind == "count"
        and q.unit is None
        and q.end + 5 < hi
        and text[q.end] in " \u00a0"
        and text[q.end + 1 : q.end + 4].lower() == "per"
    ):
        counts.read_rate_per_number(text, q, hi)
    if q.kind == "count":
        return counts.finish_count(text, lo, pos, hi, n, q, token)
    return q


_RATED_KINDS = frozenset({"money", "measure", "duration"})
_LOWER_PREFIX_TAILS = currencies.LOWER_PREFIX_TAILS
_SIGN_LAST = frozenset("-\u2212\u00b1\u2010\u2011")


def _currency_before(text: str, lo: int, pos: int, floor: int, q: Quantity) -> None:
    """A currency marker ends in a symbol, a capital or a few lower-case letters ("$5", "US$ 5",
    "EUR 5", "Rs. 5", "usd 5"): most numbers are let through without a call."""
    before = text[pos - 1] if pos > lo else ""
    if before in " \u00a0" and pos - 1 > lo:
        before = text[pos - 2]
    currency = (
        currencies.currency_before(text, lo if lo > floor else floor, pos)
        if before and (before in _CURRENCY_LAST or before.isupper() or before in "sdrpby.")
        else None
    )
    if currency:
        q.unit, q.kind = currency[0], "money"
        q.start = currency[1]


def _magnitude_after(text: str, lo: int, pos: int, hi: int, n: numbers.Number, q: Quantity) -> None:
    """ "2.3 million", "$1.2bn", "5k", "3 dozen": scale the value and extend the span."""
    end = n.end
    c = text[end] if end < hi else ""
    c1 = text[end + 1] if end + 1 < hi else ""
    if not n.written and (
        c.isalpha()
        or c in " \u00a0-"
        and c1 in _MAGNITUDE_INITIALS
        and text[end + 1 : end + 4].lower().startswith(_MAGNITUDE_STARTS)
    ):
        mag = numbers.read_magnitude(text, end, hi)
        if mag:
            factor, mag_end, short = mag
            if (
                magnitudes.accept_magnitude(
                    text, mag_end, hi, short, text[end:mag_end].strip(), q.kind, "." in n.digits
                )
                or text[end] == "m"
                and q.kind == "count"
                and ("." in n.digits or magnitudes.counted_subject(text, lo, pos))
                and not magnitudes.metres_context(text, lo, pos, mag_end, hi)
            ):
                q.magnitude = factor
                q.short_million = short and factor == 1e6
                end = mag_end
                q.plain_integer = False
    if q.magnitude == 1.0 and c == " " and c1 in "dD":
        dozen = _DOZEN_AFTER.match(text, end, hi)
        if dozen:
            q.magnitude, end = 12.0, dozen.end()
    if q.magnitude != 1.0:
        q.value = numbers.scaled(n.value, q.magnitude)
    q.end = end


def _unit_after_number(text: str, hi: int, n: numbers.Number, q: Quantity) -> None:
    """The unit after the number: a currency word repeating the symbol ("$10 dollars"), a
    magnitude after a currency ("$5 million", "75 USD million"), or any unit ("5km", "41%")."""
    end = q.end
    if q.kind == "money":
        after = units.currency_after(text, end, hi)
        if after and not after.ambiguous_money and after.unit not in ("cents", "pence"):
            q.end = end = after.end  # "$10 dollars", "US$ 5 USD"
            if q.unit == "USD" and after.unit != "USD":
                q.unit = after.unit
        mag = numbers.read_magnitude(text, end, hi) if q.magnitude == 1.0 else None
        if mag and not mag[2]:
            q.magnitude = mag[0]
            q.value = numbers.scaled(n.value, q.magnitude)
            q.end = mag[1]
        return
    has_magnitude = q.magnitude != 1.0 or n.scaled
    unit = units.unit_after(text, end, hi, glued_ok=not has_magnitude)
    if unit and unit.ambiguous_money and not has_magnitude:
        # "lost 25 pounds" is mass; "2 million pounds" is money
        unit = units.UnitMatch("lb", "measure", unit.end) if unit.unit == "GBP" else None
    if unit:
        q.unit, q.kind = unit.unit, unit.kind
        q.end = end = unit.end
        if unit.kind == "money" and q.magnitude == 1.0:
            mag = numbers.read_magnitude(text, end, hi)
            if mag and not mag[2]:  # "75 USD million"
                q.magnitude = mag[0]
                q.value = numbers.scaled(n.value, q.magnitude)
                q.end = mag[1]


def _money_details_and_rate(text: str, hi: int, q: Quantity) -> None:
    """Minor units ("3 dollars 50 cents") and a rate ("$1.23 a share", "40 km an hour")."""
    if (
        q.kind == "money"
        and q.magnitude == 1.0
        and q.unit not in ("cents", "pence")
        and q.end < hi
        and text[q.end] in ", "
    ):
        _add_minor_units(text, q, hi)
    if q.end + 1 < hi and text[q.end] in _RATE_FIRST and text[q.end + 1] in _RATE_SECOND:
        rate = units.rate_after(text, q.end, hi)
        if rate and q.unit:
            q.unit = units.with_rate(q.unit, rate[0])
            q.end = rate[1]


def _is_name(text: str, pos: int, hi: int, n: numbers.Number, q: Quantity) -> bool:
    """A glued tail makes the figure an identifier ("5G", "24703m212", "11a", "24/7"), and a
    maturity before a bond names it ("the 10-year Treasury", "two-year gilt yields")."""
    if (
        q.end < hi
        and text[q.end].isascii()
        and text[q.end].isalnum()
        and text[q.end - 1].isalnum()
        and (q.kind != "count" or not n.written and q.end == n.end)
    ):
        return True
    if q.end + 1 < hi and text[q.end] == "/" and text[q.end + 1].isdigit():
        return True  # "24/7", "9/11"
    return (
        q.kind == "duration"
        and text[n.end : n.end + 1] == "-"
        and q.start == pos
        and _BENCHMARK_DEBT.match(text, n.end, hi) is not None
    )


def _sign_or_margin(text: str, lo: int, floor: int, q: Quantity) -> None:
    """A sign before the figure, or a margin: "plus or minus three points", "+/-3", "±2.5%" are
    positive and exact."""
    neg = None
    if (
        q.start > lo
        and (
            text[q.start - 1] in "-\u2212\u00b1\u2010\u2011"
            or text[q.start - 1] in " \u00a0"
            and (
                text[q.start - 2] in "sS"  # the last letter of "minus": most words need no slice
                and text[q.start - 6 : q.start - 1].lower() == "minus"
                or text[q.start - 2] == "\u00b1"
            )
        )
    ):
        margin = _MARGIN_BEFORE.search(text, max(lo, floor, q.start - 20), q.start)
        if margin:
            q.start = margin.start()
        else:
            neg = _NEGATIVE.search(text, max(lo, floor, q.start - 7), q.start)
    if neg and q.value is not None:
        q.value = -q.value
        q.raw = -q.raw
        q.start = neg.start()
        if q.kind == "count" and q.start > lo and text[q.start - 1] in _CURRENCY_LAST:
            currency = currencies.currency_before(text, max(lo, floor), q.start)
            if currency:  # "$-12.5bn": the currency before the sign
                q.unit, q.kind, q.start = currency[0], "money", currency[1]


def _qualifiers(
    text: str, lo: int, pos: int, hi: int, floor: int, token: str | None, q: Quantity
) -> None:
    """The qualifier before the figure ("nearly", "more than") and after it ("or more", "+")."""
    # The token read at `pos` is the one the qualifier needs unless the figure grew leftward or the
    # previous figure ends within a token's reach of it (then the window is cut at `floor`).
    reuse = token is not None and q.start == pos and (floor <= lo or floor < pos - _TOKEN_REACH)
    if not reuse and token is not None and q.start == pos and floor < pos and text[pos] != ".":
        # The token is the same read from `floor` when the space before it lies at or after
        # `floor` (`token_before` stops at the last space within its reach). Not for ".75",
        # whose token was read before the digits, one character on.
        i = pos - 1 if text[pos - 1] in " \u00a0" else pos
        reuse = text.rfind(" ", i - 16 if i - 16 > floor else floor, i) >= 0
    if reuse and token not in _QUALIFIER_LAST and token.strip(BARE_MARKS) not in _QUALIFIER_LAST:
        qual = None  # the common case, decided without a call
    else:
        qual = qualifiers.qualifier_before(
            text, lo if lo > floor else floor, q.start, token if reuse else None
        )
    if qual:
        if (
            qual[0] in _COMPARATIVES
            and q.magnitude == 1.0
            and q.value is not None
            and counts.is_age_group(text, lo, qual[1], q, hi)
        ):
            q.unit, q.kind = "years of age", "duration"  # "children under five", "people over 65"
        elif text[
            qual[1] : q.start
        ].rstrip().lower() == "over" and qualifiers.over_is_not_a_qualifier(
            text, lo, qual[1], q.end, hi, q.kind, q.unit
        ):
            qual = None  # "spend £2.5bn over five years", "spread over 18.5 million hectares"
    if qual:
        q.qualifier, q.start = qual[0], qual[1]
    # right qualifiers open with "+", "-" or a space and "or", "plus", "and", "odd"
    c = text[q.end] if q.end < hi else ""
    qual_after = (
        qualifiers.qualifier_after(text, q.end, hi)
        if c in "+-"
        and c
        or c in " \u00a0"
        and (
            # only "o", "p", "a" and their capitals lower-case to what `_RIGHT_STARTS` opens with
            text[q.end + 1 : q.end + 2] in _RIGHT_FIRST
            and text[q.end + 1 : q.end + 3].lower() in _RIGHT_STARTS
            or text[q.end + 1 : q.end + 2] in " \u00a0"
        )
        else None
    )
    if qual_after:
        q.qualifier, q.end = qual_after[0], qual_after[1]


# "plus or minus", "+/-", "±" before a number: a margin of error, positive and exact.
_MARGIN_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])plus"
    + _SP
    + r"+or"
    + _SP
    + r"+minus"
    + _SP
    + r"*|\+/[-\u2212]"
    + _SP
    + r"*|\u00b1"
    + _SP
    + r"*)$",
    re.IGNORECASE,
)
_COMPARATIVES = frozenset({"less_than", "more_than", "at_most", "at_least"})


_MINOR_JOIN = re.compile(r",?" + _SP + r"+(?:and" + _SP + r"+)?", re.IGNORECASE)
_MINOR_UNIT = re.compile(_SP + r"*(?:cents?|pence|p)(?![A-Za-z])", re.IGNORECASE)
_CLAUSE_END = re.compile(_SP + r"*(?:[.,;!?)]|$)")


def _add_minor_units(text: str, q: Quantity, hi: int) -> None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount, 3.50."""
    join = _MINOR_JOIN.match(text, q.end, hi)
    if not join:
        return
    at = join.end()
    if at >= hi:
        return
    if text[at].isdigit():
        minor = numbers.read_numeral(text, at, hi)
        if minor is None or not minor.integer or minor.end - at > 2:
            return
    else:
        minor = numbers.read_words(text, at, hi)
        if minor is None:
            return
    if not minor.value < 100 or q.value is None:
        return
    unit = _MINOR_UNIT.match(text, minor.end, hi)
    written_major = text[q.end - 1].isalpha()  # "15 dollars 50", not "$15, 50 people"
    if unit is None and not (written_major and _CLAUSE_END.match(text, minor.end, hi)):
        return
    q.value = round(q.value + minor.value / 100, 2)
    q.raw = q.value
    q.end = unit.end() if unit else minor.end
