"""Qualifiers ("nearly", "more than", "at least") and vague quantities ("hundreds", "tens of thousands").

A fact-checker must not turn "more than 6,100" into "6,100": the qualifier is part of the claim, so it
is kept in the figure's span and in its `qualifier` field. Left qualifiers are matched against a short
window that ends at the number, so the cost per figure is bounded whatever the input.

Two words that look like qualifiers are not: "an average of 4.5 days" states a mean, not an
approximation, so it stays exact; and "over" means "more than" only when it modifies the quantity
("over 4,000 people were evacuated", "rose to over 4,000", "for over five years"). Before a period
it means "during" ("spend £2.5bn on the scheme over five years") and after a verb of spreading it
means "across" ("spread over 18.5 million hectares"): the figure is then exact and "over" is left
out of its span (see `over_is_not_a_qualifier`).
"""

from __future__ import annotations

import re

from citekit.extract.context import bare, token_before, words

_SP = r"[\x20\u00a0]+"

_LEFT_PHRASES: dict[str, tuple[str, ...]] = {
    "approx": (
        "nearly",
        "almost",
        "about",
        "around",
        "some",
        "roughly",
        "approximately",
        "approx.",
        "approx",
        "an estimated",
        "estimated",
        "circa",
        "c.",
        "ca.",
        "close to",
        "just about",
        "more or less",
        "in the region of",
        "on the order of",
        "of the order of",
        "in the order of",
        "something like",
        "getting on for",
        "the best part of",
        "upwards of",
        "~",
        "an approximate",
        "a roughly",
    ),
    "more_than": (
        "more than",
        "over",
        "above",
        "in excess of",
        "well over",
        "just over",
        "well above",
        "just above",
        "exceeding",
        "greater than",
        "higher than",
        "larger than",
        "north of",
        "beyond",
        ">",
        "more then",
        "a little over",
        "slightly more than",
        "slightly over",
        "far more than",
        "many more than",
        "much more than",
        "well in excess of",
    ),
    "at_least": (
        "at least",
        "no fewer than",
        "no less than",
        "a minimum of",
        "not less than",
        "not fewer than",
        "≥",
        ">=",
        "minimum of",
        "as little as",
    ),
    "at_most": (
        "up to",
        "at most",
        "no more than",
        "a maximum of",
        "not more than",
        "as many as",
        "as much as",
        "maximum of",
        "≤",
        "<=",
        "not exceeding",
        "a high of",
    ),
    "less_than": (
        "fewer than",
        "less than",
        "under",
        "below",
        "just under",
        "just below",
        "well under",
        "well below",
        "lower than",
        "<",
        "short of",
        "just short of",
        "a little under",
        "slightly less than",
        "slightly under",
        "less then",
    ),
}
_PHRASE_TO_QUALIFIER = {
    phrase: qualifier for qualifier, phrases in _LEFT_PHRASES.items() for phrase in phrases
}


_RIGHT_RE = re.compile(
    r"(?P<q>" + _SP + r"or" + _SP + r"(?:more|greater|higher|above|over)"
    r"|" + _SP + r"or" + _SP + r"(?:fewer|less|lower|under|below)"
    r"|"
    + _SP
    + r"or"
    + _SP
    + r"so|"
    + _SP
    + r"plus|\+|-plus|"
    + _SP
    + r"and"
    + _SP
    + r"(?:more|over|up|above)(?![A-Za-z])(?!"
    + _SP
    + r"(?:\d|(?:from|to|by|on|in|at|against|"
    r"since|the|a|an|his|her|its|their|again)(?![A-Za-z])))"  # not "2015 and up from", "18 and over 65"
    r"|-odd|" + _SP + r"odd(?=" + _SP + r"[a-z]))(?![A-Za-z])",
    re.IGNORECASE,
)


# Phrases by their last word, longest first.
_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _phrase, _qualifier in sorted(_PHRASE_TO_QUALIFIER.items(), key=lambda p: -len(p[0])):
    _BY_LAST.setdefault(_phrase.split()[-1], []).append((_phrase, _qualifier))
_WINDOW = 4 + max(len(p) for p in _PHRASE_TO_QUALIFIER)
LAST_WORDS = frozenset(_BY_LAST)  # a token outside this set ends no qualifier phrase


def qualifier_before(
    text: str,
    lo: int,
    pos: int,
    token: str | None = None,
) -> tuple[str, int] | None:
    """The qualifier phrase ending right before `pos`: (qualifier, start of the phrase).

    The last word picks the few phrases that could end there; each is then compared with the end
    of a short window, so the cost per number is a handful of string comparisons.
    """
    if token is None:
        token = token_before(text, lo, pos)
    if not token:
        return None
    candidates = _BY_LAST.get(bare(token)) or _BY_LAST.get(token)
    if not candidates:
        return None
    w_start = max(lo, pos - _WINDOW)
    window = text[w_start:pos].replace("\u00a0", " ").lower().rstrip(" ")
    for phrase, qualifier in candidates:
        if window.endswith(phrase):
            start = len(window) - len(phrase)
            if start > 0 and window[start - 1].isalpha() and phrase[0].isalpha():
                continue  # "moreover 5" is not "over 5"
            return qualifier, w_start + start
    return None


def qualifier_after(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """ "or more", "or so", "+", "-plus" after the figure: (qualifier, end)."""
    m = _RIGHT_RE.match(text, pos, end)
    if not m:
        return None
    q = _normal(m.group("q").lstrip("-"))
    if q.startswith("or "):
        word = q[3:]
        if word == "so":
            return "approx", m.end()
    if q.endswith("odd"):
        return "approx", m.end()
        if word in ("more", "greater", "higher", "above", "over"):
            return "at_least", m.end()
        return "at_most", m.end()
    return "at_least", m.end()


_SPACES = re.compile(r"[\x20\u00a0]+")


def _normal(phrase: str) -> str:
    return _SPACES.sub(" ", phrase.strip().lower())


# Vague quantities: the word, and the order of magnitude it spans.
VAGUE_BASE = {
    "tens": 10.0,
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
_VAGUE_RE = re.compile(
    r"(?P<first>(?:tens|scores)(?=" + _SP + r"of" + _SP + r")|dozens|hundreds|thousands|millions"
    r"|billions|trillions)"
    r"(?P<rest>(?:"
    + _SP
    + r"(?:and"
    + _SP
    + r")?of"
    + _SP
    + r"(?:thousands|millions|billions))?)(?![A-Za-z])",
    re.IGNORECASE,
)
_FEW_RE = re.compile(
    r"(?P<lead>(?:a"
    + _SP
    + r"few|several|a"
    + _SP
    + r"couple"
    + _SP
    + r"of|some|many)"
    + _SP
    + r")$",
    re.IGNORECASE,
)
_FEW_BASE_RE = re.compile(r"(?P<w>hundred|thousand|million|billion)(?![A-Za-z])", re.I)


def read_vague(text: str, pos: int, end: int) -> tuple[float, float, int] | None:
    """ "hundreds", "tens of thousands", "millions of": (low, high, end)."""
    m = _VAGUE_RE.match(text, pos, end)
    if not m:
        return None
    base = VAGUE_BASE[m.group("first").lower()]
    rest = m.group("rest")
    if rest:
        scale = VAGUE_BASE[rest.split()[-1].lower()]
        low = base * scale
    else:
        low = base
    high = low * (base if base in (12.0,) else 10.0)
    if base == 20.0:
        high = low * 5
    return low, high, m.end()


def read_few(text: str, lo: int, pos: int, end: int) -> tuple[float, float, int, int] | None:
    """ "a few hundred", "several thousand": vague, (low, high, start, end)."""
    m = _FEW_BASE_RE.match(text, pos, end)
    if not m:
        return None
    if bare(token_before(text, lo, pos)) not in ("few", "several", "of", "some", "many"):
        return None
    left = _FEW_RE.search(text, max(lo, pos - 16), pos)
    if not left:
        return None
    base = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group("w").lower()]
    return base, base * 10, left.start(), m.end()


# Words right before "over" that make it "more than" even before a period: "for over five years",
# "took over two years", "a sentence of over five years", "rose by over 3 years".
_OVER_IS_MORE_BEFORE = words(
    "for of in after than since within aged age ages is was are were be been being lasted last "
    "lasts lasting took take takes taking waited wait waits waiting spent spend spends spending "
    "served serve serves serving lived live lives worked work works to at by from jailed "
    "sentenced imprisoned held detained missing missed delayed behind old older just well "
    "slightly little far much"
)
# Verbs after which "over" means "across": "spread over 18.5 million hectares".
_SPREAD_VERBS = words(
    "spread spreads spreading stretched stretches stretching extend extends extended extending "
    "sprawled sprawling sprawls scattered distributed dispersed spanned spanning spans span "
    "covered covering covers cover"
)
_PERIOD_UNITS = words("days weeks months years decades centuries fortnights nights hours minutes")
_OF_AFTER = re.compile(r"[\x20\u00a0]+(?:of|ago|old|older)(?![A-Za-z])", re.IGNORECASE)


def over_is_not_a_qualifier(
    text: str, lo: int, over_start: int, end: int, hi: int, kind: str, unit: str | None
) -> bool:
    """True when a bare "over" at `over_start` (before a figure ending at `end`) is not "more than".

    Only lower-case "over" is considered: a sentence that opens with "Over five years" is as often
    "more than" as "during", and keeping the qualifier is the safe reading for a fact-checker.
    """
    if text[over_start] != "o":
        return False
    token = bare(token_before(text, lo, over_start).rstrip(",;:"))
    if token in _SPREAD_VERBS:
        return True  # "spread over 18.5 million hectares", "scattered over 30 countries"
    if kind != "duration" or unit not in _PERIOD_UNITS:
        return False
    # "spend £2.5bn on a new training scheme over five years" is a period; "for over five years",
    # "over five years ago", "over two years of war" are more than.
    return bool(token) and token not in _OVER_IS_MORE_BEFORE and not _OF_AFTER.match(text, end, hi)
