"""Figures written in words: "three hundred and forty-two", "a third", "twice the average",
"a year and a half", "hundreds", "a few thousand".
"""

from __future__ import annotations

import re

from citekit.extract import dates, grow, identifiers, nouns, numbers, qualifiers, units
from citekit.extract.context import token_before
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
# A multiple: "twice the national average", "twice as many", "a fourfold rise".
_TWICE_COMPARE = re.compile(
    r"[\x20\u00a0]+(?:the|as|that|this|its|their|his|her|our|what|a|an|in)(?![A-Za-z])",
    re.IGNORECASE,
)
_FOLD_WORD = re.compile(r"([a-z]+)fold$")
# Words that "a"/"an" can lead: "a dozen", "a third", "a quarter million".
_ARTICLE_LED = frozenset(
    [
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "half",
        "third",
        "quarter",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
    ]
)


_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]n?" + _SP + r"+$")
_ONE_NOT_A_NUMBER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:no|any|every|some|the|this|that|which|each|someone|anyone|no-|last|little|"
    r"loved|young|right|wrong|other|big|new|good|bad|same|such|another)" + _SP + r"+$",
    re.IGNORECASE,
)
_ONE_NOT_A_NUMBER_AFTER = re.compile(
    r"" + _SP + r"*(?:another|or" + _SP + r"+another|by" + _SP + r"+one|can\b|could\b|must\b|"
    r"should\b|would\b|might\b|may\b|will\b|has\b|is\b|does\b|who\b|that\b|which\b|day\b|"
    r"time\b|way\b|thing\b|side\b|hand\b|point\b|[-\u2013]off\b|[-\u2013]on[-\u2013]one|"
    r"[-\u2013]time\b|[-\u2013]sided|[-\u2013]way|\.|,|;|\))",
    re.IGNORECASE,
)
_ONE_OF_SUPERLATIVE = re.compile(
    _SP
    + r"+of"
    + _SP
    + r"+(?:the|its|their|his|her|our)"
    + _SP
    + r"+(?:[A-Za-z]+(?:'s|\u2019s)"
    + _SP
    + r"+)?(?:most|least|best|worst|[a-z]{2,}est)(?![A-Za-z])",
    re.IGNORECASE,
)
_ONE_OF = re.compile(_SP + r"+of" + _SP, re.IGNORECASE)
_HALF_SKIP_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:first|second|other|the|a|one|latter|former|back|top|bottom|better|"
    r"this|that|each|either)" + _SP + r"+$",
    re.IGNORECASE,
)
_UNIT_AND_A_HALF = re.compile(
    r"(?<![A-Za-z])(?:an?|one)(?P<u>"
    + _SP
    + r"+[a-z]+)"
    + _SP
    + r"+and"
    + _SP
    + r"+a"
    + _SP
    + r"+$",
    re.IGNORECASE,
)
_HALF_SCALE = re.compile(
    r"" + _SP + r"+(?:a" + _SP + r"+)?(?P<w>dozen|hundred|thousand|million|billion|trillion)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
# Nouns and adjectives an ordinal leads and a share does not: "a third term", "a fifth straight".
_ORDINAL_NOUN_AFTER = re.compile(
    r"[\x20\u00a0]+(?:terms?|time|round|straight|consecutive|successive|year|day|week|month|"
    r"season|game|match|set|place|party|wave|attempt|stage|phase|generation|dose|shot|child|"
    r"victim|person|man|woman|suspect|death|leg|lap|title|win|victory|defeat|loss|goal|ballot|"
    r"trial|inquiry|bid|try|edition|incident|attack|strike|largest|biggest|highest|lowest|"
    r"best|worst|major|night|session|vote|referendum|lockdown|booster|interest|rate|cut|hike|"
    r"increase|rise|fall|drop)(?![A-Za-z'\u2019-])",
    re.IGNORECASE,
)
_FRACTION_SCALE = re.compile(
    r"" + _SP + r"+(?:of" + _SP + r"+a" + _SP + r"+)?(?P<w>million|billion|trillion|thousand)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def read_words(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    word_end = pos
    while word_end < hi and text[word_end].isalpha():
        word_end += 1
    word = text[pos:word_end].lower()
    if word in qualifiers.VAGUE_BASE:
        return _read_vague(text, lo, pos, hi, floor)
    few = qualifiers.read_few(text, lo, pos, hi)
    if few:
        low, high, start, end = few
        start = max(start, floor)
        q = Quantity(start, end, None, low, high, kind="count", qualifier="vague", num_start=pos)
        q.unit = nouns.counted_noun(text, end, hi) or nouns.noun_after_of(text, end, hi)
        return q, end
    if word in ("twice", "thrice") or word.endswith("fold"):
        return _read_multiple(text, lo, pos, word_end, hi, floor), word_end
    if word == "half" and pos - lo > 12 and text[pos - 2] == "a":
        q = _unit_and_a_half(text, lo, pos, hi, floor)
        if q is not None:
            return q, q.end
    if word in _ARTICLE_LED and pos - lo >= 2:
        article = _ARTICLE_BEFORE.search(text, max(lo, floor, pos - 4), pos)
        if article:
            pos = article.start()
    n = numbers.read_fraction_words(text, pos, hi)
    if (
        n is not None
        and n.value < 0.34
        and text[n.end - 1] in "hd"
        and _ORDINAL_NOUN_AFTER.match(text, n.end, hi)
    ):
        # "a third term", "a fifth straight month": an ordinal with its article, not a share
        first = pos + text[pos : n.end].rfind(" ") + 1
        return Quantity(first, n.end, None, kind="ordinal", num_start=first), n.end
    if n is not None:
        scale = _FRACTION_SCALE.match(text, n.end, hi)
        if scale:
            n = numbers.Number(
                n.value * numbers.SCALES[scale.group("w").lower()],
                scale.end(),
                written=True,
                integer=False,
            )
        return grow.finish(text, lo, pos, hi, n, floor), n.end
    ordinal_end = dates.read_ordinal_word(text, pos, hi)
    if ordinal_end:
        return Quantity(pos, ordinal_end, None, kind="ordinal", num_start=pos), ordinal_end
    if word == "half":
        return _read_half(text, lo, pos, hi, floor)
    if text[pos] in "aA":
        n = numbers.read_words(text, pos, hi)
        if n is None:
            return None, word_end
        return grow.finish(text, lo, pos, hi, n, floor), n.end
    n = numbers.read_words(text, pos, hi)
    if n is None:
        return None, word_end
    if word == "one" and n.value == 1 and not _one_is_number(text, lo, pos, n.end, hi):
        return None, n.end
    if (
        text[pos].isupper()
        and pos > lo
        and n.value < 100
        and identifiers.after_name(text, lo, pos, token_before(text, lo, pos))
    ):
        return None, n.end  # "Air Force One", "Formula One", "BBC Two"
    return grow.finish(text, lo, pos, hi, n, floor), n.end


def _one_is_number(text: str, lo: int, pos: int, end: int, hi: int) -> bool:
    """ "one" is a pronoun or an idiom more often than a figure ("no one", "one another")."""
    if _ONE_OF_SUPERLATIVE.match(text, end, hi):
        return False  # "one of the most expensive", "one of the world's biggest": an idiom
    if _ONE_OF.match(text, end, hi) or units.measure_after(text, end, hi, glued_ok=False):
        return True
    if _ONE_NOT_A_NUMBER_BEFORE.search(text, max(lo, pos - 12), pos):
        return False
    return not (end >= hi or _ONE_NOT_A_NUMBER_AFTER.match(text, end, hi))


def _read_multiple(
    text: str, lo: int, pos: int, word_end: int, hi: int, floor: int
) -> Quantity | None:
    """ "twice the average", "nearly fourfold": a multiple, value 2 or 4, unit "times". "Twice"
    alone is how often ("met twice", "twice a week" read as a rate elsewhere), not a figure."""
    word = text[pos:word_end].lower()
    if word == "twice" or word == "thrice":
        if (
            word == "twice"
            and not _TWICE_COMPARE.match(text, word_end, hi)
            or text.startswith(" a ", word_end)
            or text.startswith(" an ", word_end)
            or text.startswith(" in ", word_end)
        ):
            return None
        value = 2.0 if word == "twice" else 3.0
        if word == "thrice" and not _TWICE_COMPARE.match(text, word_end, hi):
            return None
    else:
        fold = _FOLD_WORD.match(word)
        if not fold:
            return None
        base = fold.group(1)
        value = float(
            numbers.SMALL.get(base) or numbers.SCALES.get(base) or (100 if base == "hundred" else 0)
        )
        if not value:
            return None
    q = Quantity(
        pos, word_end, value, unit="times", kind="other", num_start=pos, written=True, raw=value
    )
    qual = qualifiers.qualifier_before(text, max(lo, floor), pos, None)
    if qual:
        q.qualifier, q.start = qual
    return q


def _unit_and_a_half(text: str, lo: int, pos: int, hi: int, floor: int) -> Quantity | None:
    """ "a year and a half", "an hour and a half": 1.5 of the unit, from the article on."""
    one_and_half = _UNIT_AND_A_HALF.search(text, max(lo, floor, pos - 40), pos)
    if not one_and_half:
        return None
    unit = units.unit_after(text, one_and_half.start("u"), hi, glued_ok=False)
    if not unit or unit.kind not in ("duration", "measure") or unit.end != one_and_half.end("u"):
        return None
    q = Quantity(
        one_and_half.start(),
        pos + 4,
        1.5,
        unit=unit.unit,
        kind=unit.kind,
        num_start=one_and_half.start(),
    )
    qual = qualifiers.qualifier_before(text, max(lo, floor), q.start, None)
    if qual:
        q.qualifier, q.start = qual
    return q


def _read_half(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    end = pos + 4
    if (
        end < hi
        and text[end] in "-\u2013"
        or _HALF_SKIP_BEFORE.search(text, max(lo, pos - 12), pos)
    ):
        return None, end
    if pos > lo and text[pos - 1] in "-\u2013":
        return None, end
    scale = _HALF_SCALE.match(text, end, hi)
    value = 0.5
    if scale:
        w = scale.group("w").lower()
        value = 0.5 * (12 if w == "dozen" else 100 if w == "hundred" else numbers.SCALES[w])
        end = scale.end()
    n = numbers.Number(value, end, written=True, integer=False)
    return grow.finish(text, lo, pos, hi, n, floor), n.end


def _read_vague(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    v = qualifiers.read_vague(text, pos, hi)
    if v is None:
        return None, pos + 1
    low, high, end = v
    if pos > lo and text[pos - 1] in "-\u2013":
        return None, end
    q = Quantity(pos, end, None, low, high, kind="count", qualifier="vague", num_start=pos)
    q.unit = nouns.noun_after_of(text, end, hi)
    if q.unit is None:
        measure = units.measure_after(text, end, hi, glued_ok=False)
        if measure and measure.kind == "duration":
            q.unit, q.kind, q.end = measure.unit, "duration", measure.end
        else:
            q.unit = nouns.counted_noun(text, end, hi)
    if q.unit and q.unit.lower() in ("dollars", "pounds", "euros"):
        q.kind = "money"
        q.unit = {"dollars": "USD", "pounds": "GBP", "euros": "EUR"}[q.unit.lower()]
    return q, q.end
