"""Reading the number itself: numerals, written numbers, fractions and magnitude words.

Every reader here is an anchored `match` at a known position that returns the value and the end of
what it consumed, so the scanner can grow a figure's span outward without ever re-scanning text.
Patterns are bounded (group counts are capped, so a megabyte of "1,2,1,2" is never re-read from every
comma) and the scan stays linear in the input.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Longest digit run we treat as a quantity; longer runs are identifiers (account numbers, hashes).
MAX_DIGITS = 18

# Thousands separators (2,100 / 12,34,567 / 10, 000 as tokenised corpora write it) and decimals.
_NUMERAL = re.compile(
    r"""
    (?:
        \d{1,3}(?:,\d{3}){1,6}(?!\d|,\d)          # 2,100  6,100,000
      | \d{1,2}(?:,\d{2}){1,4},\d{3}(?!\d|,\d)  # 12,34,567 (Indian grouping)
      | \d{1,3}(?:,\x20000){1,4}(?!\d)           # 10, 000 (tokenised text)
      | \d{1,3}(?:[\u00a0\u2009\u202f]\d{3}){1,6}(?![\d,]|[\u00a0\u2009\u202f]\d)  # 1 234 (thin/nbsp)
      | \d{1,3}(?:\x20\d{3}){2,6}(?![\d,]|[\x20\u00a0]\d)  # 1 234 567 (spaces, 2+ groups)
      | \d{1,3}\x20000(?![\d,]|[\x20\u00a0]\d)  # 52 000 ("000" stands alone as no number)
      | \d+                                 # 3000
    )
    (?:\.\d++(?!\.\d))?                    # decimals, but not 1.2.3
    """,
    re.VERBOSE,
)
_LEADING_DECIMAL = re.compile(r"\.\d++(?!\.\d)")
# Most numerals have no thousands separator: a digit run not followed by a comma reads the same as
# with `_NUMERAL`, whose separator branches all need a comma after the first three digits.
_PLAIN_NUMERAL = re.compile(r"\d++(?!,|[\x20\u00a0\u2009\u202f]\d{3}(?!\d))(?:\.\d++(?!\.\d))?")
_GROUP_SPACES = str.maketrans("", "", ",\x20\u00a0\u2009\u202f")

# "10 1/2", "1/4", "7 3/4", "1⁄32" (FRACTION SLASH); a slash fraction must not continue into a
# date (1/4/2020).
_SLASHES = "/\u2044\u2215"
_MIXED_FRACTION = re.compile(
    r"(\d{1,4})[\x20\u00a0-](\d{1,3})([/\u2044\u2215])(\d{1,3})(?![/\u2044\u2215\d])"
)
# Fractions as news writes them; "9/11" and "24/7" are names, not ninths or sevenths. A fraction
# slash (U+2044) or division slash (U+2215) says "fraction" by itself, whatever the denominator.
_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100})
_SLASH_FRACTION = re.compile(r"(\d{1,3})([/\u2044\u2215])(\d{1,3})(?![/\u2044\u2215\d])")
# Scientific notation: "3.00×10⁸", "1.67 × 10^-27", "6.02x10^23", "2.5e-3".
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_TIMES_TEN = re.compile(
    r"[\x20\u00a0]?[×xX*][\x20\u00a0]?10(?:\^(?P<caret>[-\u2212]?\d{1,3})|(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
    r"(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
_E_NOTATION = re.compile(r"[eE](?P<exp>[-+]?\d{1,3})(?![\dA-Za-z])")
# Exponents beyond this are not quantities of news or reports (and would leave float's range).
_MAX_EXPONENT = 99
_VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
VULGAR_CHARS = "".join(_VULGAR)

SMALL = {
    "zero": 0,
    "nil": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Denominators of written fractions: "two thirds", "three-quarters", "a fifth".
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

# Magnitude after a numeral: "2.3 million", "$1.2bn", "£3.5m", "5k", "3 mln", "5 hundred",
# "4 hundred million", "S$2mil", "8 B people".
_MAGNITUDE = re.compile(
    r"""
    (?P<sp>[\x20\u00a0]?-?)
    (?P<word>
        (?i:hundred(?:[\x20\u00a0](?:thousand|million|billion|trillion))?
           |thousand|million|billion|trillion|lakhs?|crores?|mln|mn|bln|bn|tn|trn|mil)
      | (?-i:[kKmMbB]|B(?=\W)|m(?=\W))
    )
    (?![a-zA-Z])
    """,
    re.VERBOSE,
)
_MAGNITUDE_VALUES = {
    "hundred": 1e2,
    "hundred thousand": 1e5,
    "hundred million": 1e8,
    "hundred billion": 1e11,
    "hundred trillion": 1e14,
    "mil": 1e6,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Single letters are magnitudes only where a currency already made the figure money ($5m, £3bn).
SHORT_MAGNITUDES = frozenset({"k", "m", "b", "K", "M", "B"})
# Written apart from the number, only capitals: "8 B people", "$4 M" (a spaced "5 m" is metres).
_SPACED_LETTERS = frozenset({"B", "M"})
# Words that scale like "million" (a full word, no evidence needed) as opposed to "m", "bn", "mil".
_FULL_WORDS = frozenset(
    {"hundred", "hundred thousand", "hundred million", "hundred billion", "hundred trillion"}
) | frozenset(SCALES)

_WORD = re.compile(r"[A-Za-z]+")
_JOIN = re.compile(r"(?:\x20+and\x20+|[\x20\u00a0]*-[\x20\u00a0]*|[\x20\u00a0]+)")


@dataclass(slots=True)
class Number:
    """A parsed number: its value, where its characters end, and how it was written."""

    value: float
    end: int
    written: bool = False  # spelled out in words
    integer: bool = True
    magnitude: float = 1.0
    magnitude_short: bool = False  # "m", "k", "bn" after a numeral
    digits: str = ""  # the numeral as written (digits only forms)
    scaled: bool = False  # a scale word was part of it: "two million"


def scaled(value: float, factor: float) -> float:
    """`value * factor` in decimal arithmetic, so 8.2 million is 8200000.0 (not 8199999.999999999)
    whatever the size of either; a product beyond float's range is infinite, never an error."""
    if factor == 1.0:
        return value
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


def decimal_value(digits: str) -> float | None:
    """The value of a numeral written in digits (any script's), read exactly in decimal and then
    rounded once to the nearest float; None where it is no number or beyond float's range."""
    try:
        value = float(Decimal(digits))
    except (InvalidOperation, ValueError):
        return None
    return value if math.isfinite(value) else None


def read_numeral(text: str, pos: int, end: int, run_end: int = 0) -> Number | None:
    """A digit numeral (with fraction, but without magnitude) starting at `pos` (`run_end`, when
    given, is where the \\d run from `pos` ends)."""
    window = text[pos : pos + 10]
    if "/" in window or "\u2044" in window or "\u2215" in window:  # _SLASHES
        fraction = _read_fraction(text, pos, end)
        if fraction is not None:
            return fraction
    if run_end > pos and (
        run_end >= end
        or text[run_end] not in ",."
        and (
            text[run_end] not in "\x20\u00a0\u2009\u202f"
            or not text[run_end + 1 : run_end + 2].isdigit()
        )
    ):
        # No comma, point or spaced group of digits after the run: `_PLAIN_NUMERAL` would match
        # the run alone, read here without the match.
        raw = text[pos:run_end]
        stop = run_end
    else:
        m = (
            _PLAIN_NUMERAL.match(text, pos, end)
            or _NUMERAL.match(text, pos, end)
            or _LEADING_DECIMAL.match(text, pos, end)
        )
        if not m:
            return None
        raw = m.group()
        stop = m.end()
    digits = raw.translate(_GROUP_SPACES) if not raw.isdigit() else raw
    if len(digits) > MAX_DIGITS + 1:
        return None
    # An ASCII numeral's float is correctly rounded, as float(Decimal(...)) is: the same value.
    value = float(digits) if digits.isascii() else decimal_value(digits)
    if value is None:
        return None
    if stop < end and (
        text[stop] in "×xX*eE"
        or text[stop] in " \u00a0"
        and stop + 1 < end
        and text[stop + 1] in "×xX*"
    ):
        power = _read_power_of_ten(text, stop, end, digits)
        if power is not None:
            value, stop = power
            return Number(value, stop, integer=False, digits=text[pos:stop])
    vulgar = _VULGAR.get(text[stop]) if stop < end else None
    if vulgar:  # 1½
        value += vulgar
        stop += 1
    # positional arguments in field order (value, end, written, integer, magnitude,
    # magnitude_short, digits): the call made for nearly every number
    return Number(value, stop, False, "." not in raw and not vulgar, 1.0, False, raw)


def _read_fraction(text: str, pos: int, end: int) -> Number | None:
    """ "7 3/4", "1/4", "1⁄32": a fraction (mixed or plain), or None."""
    m = _MIXED_FRACTION.match(text, pos, end)
    if m:
        whole, num, den = int(m.group(1)), int(m.group(2)), int(m.group(4))
        if den and num < den and (m.group(3) != "/" or den < 100):
            return Number(whole + num / den, m.end(), integer=False, digits=m.group())
    m = _SLASH_FRACTION.match(text, pos, end)
    if not m:
        return None
    num, den = int(m.group(1)), int(m.group(3))
    if not den > 0 or num >= den:
        return None
    if m.group(2) == "/" and (den not in _DENOMINATORS or m.end() - pos > 5):
        return None  # "9/11", "24/7", "365/2": names and ratios, not fractions
    return Number(num / den, m.end(), integer=False, digits=m.group())


def _read_power_of_ten(text: str, pos: int, end: int, mantissa: str) -> tuple[float, int] | None:
    """ "×10⁸", " × 10^-7", "e-3" after a mantissa: (value, end). The exponent is bounded, so the
    value stays finite; "1.25e16" is read exactly (decimal), never by float string surgery."""
    m = _TIMES_TEN.match(text, pos, end)
    if m:
        exp = (m.group("caret") or m.group("sup").translate(_SUPERSCRIPTS)).replace("\u2212", "-")
    else:
        m = _E_NOTATION.match(text, pos, end)
        if m is None or "." not in mantissa and len(mantissa) > 3:
            return None
        exp = m.group("exp")
    exponent = int(exp)
    if abs(exponent) > _MAX_EXPONENT:
        return None
    try:
        value = float(Decimal(mantissa).scaleb(exponent))
    except (InvalidOperation, ValueError):
        return None
    return value, m.end()


def read_vulgar(text: str, pos: int, end: int) -> Number | None:
    ch = text[pos] if pos < end else ""
    if ch in _VULGAR:
        return Number(_VULGAR[ch], pos + 1, integer=False)
    return None


def read_magnitude(text: str, pos: int, end: int) -> tuple[float, int, bool] | None:
    """A magnitude word or abbreviation right after a numeral: (factor, end, is_short_form)."""
    m = _MAGNITUDE.match(text, pos, end)
    if not m:
        return None
    word = m.group("word")
    key = " ".join(word.lower().split())
    if m.group("sp").endswith("-") and key not in _FULL_WORDS:
        return None
    if word in SHORT_MAGNITUDES and m.group("sp") and word not in _SPACED_LETTERS:
        return None  # "5 m" is metres, "5 k" noise; the glued forms are magnitudes
    factor = _MAGNITUDE_VALUES.get(key)
    if factor is None:
        return None
    return factor, m.end(), key not in _FULL_WORDS


def _word_at(text: str, pos: int, end: int) -> tuple[str, int] | None:
    m = _WORD.match(text, pos, end)
    if not m:
        return None
    return m.group().lower(), m.end()


def read_words(text: str, pos: int, end: int) -> Number | None:
    """A number written in words: "three hundred and forty-two", "a dozen", "two and a half".

    Reads greedily word by word and stops at the first word that cannot continue the number,
    returning to the last point where the words read so far formed a complete number.
    """
    total = 0.0
    current = 0.0
    seen = False
    last_end = pos
    last_value: float | None = None
    i = pos
    prev_kind = ""  # "small", "tens", "hundred", "scale"
    first = _word_at(text, i, end)
    if first and first[0] in ("a", "an"):
        # "a hundred", "a dozen", "a million": the article stands for one.
        nxt = _JOIN.match(text, first[1], end)
        after = _word_at(text, nxt.end(), end) if nxt and nxt.group().strip() == "" else None
        if not after or after[0] not in ("hundred", "dozen", *SCALES):
            return None
        current, seen, prev_kind, i = 1.0, True, "small", nxt.end()
    while i < end:
        w = _word_at(text, i, end)
        if not w:
            break
        word, w_end = w
        if word in SMALL and prev_kind in ("", "hundred", "scale", "tens", "and"):
            if prev_kind == "tens" and SMALL[word] >= 10 or prev_kind == "tens" and not SMALL[word]:
                break
            current += SMALL[word]
            prev_kind = "small"
        elif word in TENS and prev_kind in ("", "hundred", "scale", "and"):
            current += TENS[word]
            prev_kind = "tens"
        elif word == "hundred" and prev_kind in ("small", "tens") and current < 100:
            current *= 100
            prev_kind = "hundred"
        elif word in SCALES and prev_kind in ("small", "tens", "hundred") and seen:
            total += current * SCALES[word]
            current = 0.0
            prev_kind = "scale"
        elif word == "dozen" and prev_kind in ("small", "tens") and seen:
            current *= 12
            prev_kind = "scale"
        else:
            break
        seen = True
        last_end = w_end
        last_value = total + current
        j = _JOIN.match(text, w_end, end)
        if not j:
            break
        joiner = j.group().strip()
        if joiner == "and":
            fraction = _and_a_fraction(text, last_value, j.end(), end)
            if fraction is not None:
                return fraction
            if prev_kind not in ("hundred", "scale"):
                # "two and a half"
                half = _AND_A_HALF.match(text, w_end, end)
                if half and prev_kind in ("small", "tens"):
                    return _and_a_half(text, last_value, half.end(), end)
                break
            prev_kind = "and"
        elif joiner == "-" and prev_kind != "tens":
            break
        i = j.end()
    if last_value is None:
        return None
    half = _AND_A_HALF.match(text, last_end, end)
    if half:
        return _and_a_half(text, last_value, half.end(), end)
    return Number(last_value, last_end, written=True, scaled=last_value >= 1000)


def _and_a_fraction(text: str, whole: float, pos: int, end: int) -> Number | None:
    """ "two million and one half", "two and three quarters": a whole and a fraction. ("and a
    half" is read by `_and_a_half`, which takes a scale after it: "one and a half million".)"""
    if pos >= end or text[pos] in "aA":
        return None
    fraction = read_fraction_words(text, pos, end)
    if fraction is None or fraction.value >= 1:
        return None
    return Number(
        whole + fraction.value, fraction.end, written=True, integer=False, scaled=whole >= 1000
    )


def _and_a_half(text: str, whole: float, half_end: int, end: int) -> Number:
    """ "two and a half", and with a scale after it: "one and a half million" is 1.5e6."""
    scale = _SCALE_AFTER_HALF.match(text, half_end, end)
    if scale:
        return Number(
            (whole + 0.5) * SCALES[scale.group(1).lower()],
            scale.end(),
            written=True,
            integer=False,
            scaled=True,
        )
    return Number(whole + 0.5, half_end, written=True, integer=False)


_SCALE_AFTER_HALF = re.compile(
    r"\x20+(thousand|million|billion|trillion)(?![A-Za-z])", re.IGNORECASE
)


_AND_A_HALF = re.compile(r"\x20+and\x20+a\x20+half\b", re.IGNORECASE)
_FRACTION_WORDS = re.compile(
    r"(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten)[\x20-]+"
    r"(?P<den>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|"
    r"ninths?|tenths?)\b",
    re.IGNORECASE,
)


def read_fraction_words(text: str, pos: int, end: int) -> Number | None:
    """ "a third", "two-thirds", "three quarters", "one half" as fractions."""
    m = _FRACTION_WORDS.match(text, pos, end)
    if not m:
        return None
    num_word = m.group("num").lower()
    den_word = m.group("den").lower()
    num = 1 if num_word in ("a", "an") else SMALL[num_word]
    plural = den_word.endswith("s") and den_word != "halves"
    if num == 1 and (plural or den_word == "halves"):
        return None
    if num > 1 and not (plural or den_word == "halves"):
        return None  # "two third" is not a fraction; "the two fifth-graders"
    return Number(num / DENOMINATORS[den_word], m.end(), written=True, integer=False)
