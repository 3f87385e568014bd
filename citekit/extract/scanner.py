"""The scanner: finds every figure of a paragraph and assembles it from the readers.

One compiled anchor regex jumps from number to number (digits, number words, vague words); text
without numbers is skipped at regex speed. At each anchor, small anchored readers grow the figure
outward -- currency and qualifier to the left, magnitude, unit and counted noun to the right -- within
a bounded window, so the work per figure is constant and the whole scan is linear in the text.
"""

from __future__ import annotations

import re

from citekit.extract import dates, identifiers, nouns, numbers, passes, qualifiers, ranges, units
from citekit.extract.context import token_before
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
_ANCHOR_WORDS = [
    *numbers.SMALL, *numbers.TENS, "hundred", "thousand", "million", "billion", "trillion",
    "dozen", "half", "quarter", "quarters", "thirds", *qualifiers.VAGUE_BASE, *dates.ORDINAL_WORDS,
]
# Words that "a"/"an" can lead: "a dozen", "a third", "a quarter million".
_ARTICLE_LED = frozenset(
    ["hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "third",
     "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
)


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation shaped as a trie: the engine then tests each letter once per position,
    which makes the anchor scan several times faster than a flat alternation."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


_CASED_WORDS = sorted({v for w in _ANCHOR_WORDS for v in (w, w.capitalize(), w.upper())})
# Branches start with a character class so the engine can skip quickly; digits inside a number
# already read are dropped by the scanner's `consumed` check rather than by a lookbehind here.
_ANCHOR = re.compile(
    r"[\d" + numbers.VULGAR_CHARS + r"]"
    r"|['\u2019](?=\d0s)"
    r"|\b" + _trie_pattern(_CASED_WORDS) + r"\b"
)
_RANGE_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014")
# First letters of the words that join a range: "to", "and", "through", "thru".
_RANGE_WORDS = frozenset(["to", "an", "th"])
_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]n?" + _SP + r"+$")

_NEGATIVE = re.compile(r"(?:(?<![\w.,%)])[-\u2212]|(?<![A-Za-z])minus" + _SP + r"+)$", re.IGNORECASE)
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
_ONE_OF = re.compile(_SP + r"+of" + _SP, re.IGNORECASE)
_LIST_MARKER = re.compile(_SP + r"?\)")
_DIGIT_CHAIN = re.compile(r"\d+(?:-\d+){2,}")
_HALF_SKIP_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:first|second|other|the|a|one|latter|former|back|top|bottom|better|"
    r"this|that|each|either)" + _SP + r"+$",
    re.IGNORECASE,
)
_HALF_SCALE = re.compile(
    r"" + _SP + r"+(?:a" + _SP + r"+)?(?P<w>dozen|hundred|thousand|million|billion|trillion)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_FRACTION_SCALE = re.compile(
    r"" + _SP + r"+(?:of" + _SP + r"+a" + _SP + r"+)?(?P<w>million|billion|trillion|thousand)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_DOZEN_AFTER = re.compile(r"" + _SP + r"+dozen(?![A-Za-z])", re.IGNORECASE)
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_MAGNITUDE_STARTS = ("th", "mi", "bi", "tr", "la", "cr", "ml", "mn", "bl", "bn", "tn")
_MAGNITUDE_INITIALS = frozenset("tmbklcTMBKLC")
_COUNT_NOUNS_AFTER_YEAR_TEXT = """people persons men women children kids adults students workers employees jobs soldiers
    troops fighters civilians refugees migrants residents patients cases deaths homes houses
    households families members voters visitors tourists passengers cars vehicles units
    troops police officers staff teachers doctors nurses babies victims prisoners inmates
    protesters demonstrators species schools hospitals companies firms stores shops
    villages towns cities votes signatures tons tonnes barrels miles km calls complaints"""
_COUNT_NOUNS_AFTER_YEAR = frozenset(_COUNT_NOUNS_AFTER_YEAR_TEXT.split())
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:in|since|from|until|till|by|of|during|before|after|year|early|late|"
    r"circa|c\.|ca\.|around|throughout|spring|summer|autumn|fall|winter|and|to|between|the|"
    r"'s|whose|fiscal|season|class|vintage|through)" + _SP + r"+$",
    re.IGNORECASE,
)


def scan_paragraph(text: str, lo: int, hi: int) -> list[Quantity]:
    """Every figure in text[lo:hi], in order, without overlaps."""
    found: list[Quantity] = []
    consumed = lo
    for m in _ANCHOR.finditer(text, lo, hi):
        pos = m.start()
        if pos < consumed or pos > lo and text[pos - 1].isdigit():
            continue
        q, stop = _read_at(text, lo, pos, hi, consumed)
        if stop > consumed:
            consumed = stop
        if q is None:
            continue
        if q.end < hi and (text[q.end] in _RANGE_HYPHENS or text[q.end] in " \u00a0" and (
                text[q.end + 1 : q.end + 3].lower() in _RANGE_WORDS
                or text[q.end + 1 : q.end + 2] in _RANGE_HYPHENS)):
            q = ranges.extend_range(text, lo, hi, q, _ANCHOR, _read_at)
        if q.end > consumed:
            consumed = q.end
        found.append(q)
    if len(found) > 1:
        passes.share_counted_nouns(text, lo, found)
        passes.millions_in_style(text, found)
    return found


def _read_at(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    """Read the figure anchored at `pos`. Returns it (or None) and how far the text is consumed."""
    ch = text[pos]
    if ch.isdigit():
        return _read_digits(text, lo, pos, hi, floor)
    if ch in "'\u2019":
        end = dates.read_apostrophe_year(text, pos, hi)
        if end:
            return Quantity(pos, end, None, kind="date", num_start=pos), end
        return None, pos + 1
    if ch in numbers.VULGAR_CHARS:
        n = numbers.read_vulgar(text, pos, hi)
        assert n is not None
        return _finish(text, lo, pos, hi, n, floor), n.end
    return _read_words(text, lo, pos, hi, floor)


def _skip_run(text: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi and (text[i].isalnum() or text[i] in ",.-/:") and i - pos < 64:
        i += 1
    while i > pos + 1 and not text[i - 1].isalnum():
        i -= 1
    return i


def _read_digits(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    token = token_before(text, lo, pos)
    d = dates.read_date(text, lo, pos, hi, token)
    if d:
        kind, start, end = d
        start = max(start, floor)
        if kind == "age":
            low = float(text[pos:pos + 2])
            return Quantity(start, end, None, low, low + 9, unit="years of age", kind="duration",
                            num_start=pos), end
        if kind == "year":
            return Quantity(start, end, None, kind="year", num_start=pos), end
        return Quantity(start, end, None, kind=kind, num_start=pos), end
    run_end = pos
    while run_end < hi and text[run_end].isdigit():
        run_end += 1
    if run_end + 1 < hi and text[run_end] in " -.)\u00a0" and text[run_end + 1].isdigit() \
            or pos > lo and text[pos - 1] in "+(":
        phone_end = identifiers.phone_number_end(text, pos, hi)
        if phone_end:
            return None, phone_end
        chain = _DIGIT_CHAIN.match(text, pos, hi)
        if chain:
            return None, chain.end()  # account and reference numbers: 1111-2222-3333
    if text[pos] == "0" and run_end - pos >= 2 and not text.startswith(".", run_end):
        return None, _skip_run(text, pos, hi)  # "01234", "007": codes, not quantities
    if pos > lo and text[pos - 1] == "." and (pos - 1 == lo or text[pos - 2] in " \u00a0($£€"):
        pos -= 1  # ".75"
    n = numbers.read_numeral(text, pos, hi)
    if n is None:
        return None, _skip_run(text, pos, hi)
    if identifiers.is_identifier(text, lo, pos, n.end, hi, n.integer and "," not in n.digits,
                                 token):
        return None, _skip_run(text, pos, hi)
    q = _finish(text, lo, pos, hi, n, floor, token)
    if q is None:
        return None, _skip_run(text, pos, hi)
    return q, q.end


def _read_words(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
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
    if word in _ARTICLE_LED and pos - lo >= 2:
        article = _ARTICLE_BEFORE.search(text, max(lo, floor, pos - 4), pos)
        if article:
            pos = article.start()
    n = numbers.read_fraction_words(text, pos, hi)
    if n is not None:
        scale = _FRACTION_SCALE.match(text, n.end, hi)
        if scale:
            n = numbers.Number(n.value * numbers.SCALES[scale.group("w").lower()], scale.end(),
                               written=True, integer=False)
        return _finish(text, lo, pos, hi, n, floor), n.end
    ordinal_end = dates.read_ordinal_word(text, pos, hi)
    if ordinal_end:
        return Quantity(pos, ordinal_end, None, kind="ordinal", num_start=pos), ordinal_end
    if word == "half":
        return _read_half(text, lo, pos, hi, floor)
    if text[pos] in "aA":
        n = numbers.read_words(text, pos, hi)
        if n is None:
            return None, word_end
        return _finish(text, lo, pos, hi, n, floor), n.end
    n = numbers.read_words(text, pos, hi)
    if n is None:
        return None, word_end
    if word == "one" and n.value == 1 and not _one_is_number(text, lo, pos, n.end, hi):
        return None, n.end
    if text[pos].isupper() and pos > lo and n.value < 100 \
            and identifiers.after_name(text, lo, pos, token_before(text, lo, pos)):
        return None, n.end  # "Air Force One", "Formula One", "BBC Two"
    return _finish(text, lo, pos, hi, n, floor), n.end


def _one_is_number(text: str, lo: int, pos: int, end: int, hi: int) -> bool:
    """ "one" is a pronoun or an idiom more often than a figure ("no one", "one another")."""
    if _ONE_OF.match(text, end, hi) or units.measure_after(text, end, hi, glued_ok=False):
        return True
    if _ONE_NOT_A_NUMBER_BEFORE.search(text, max(lo, pos - 12), pos):
        return False
    return not (end >= hi or _ONE_NOT_A_NUMBER_AFTER.match(text, end, hi))


def _read_half(text: str, lo: int, pos: int, hi: int, floor: int) -> tuple[Quantity | None, int]:
    end = pos + 4
    if end < hi and text[end] in "-\u2013" or _HALF_SKIP_BEFORE.search(text, max(lo, pos - 12), pos):
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
    return _finish(text, lo, pos, hi, n, floor), n.end


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


def _finish(text: str, lo: int, pos: int, hi: int, n: numbers.Number, floor: int,
            token: str | None = None) -> Quantity | None:
    """Grow a parsed number into a figure: currency, sign, qualifier, magnitude, unit, noun."""
    q = Quantity(pos, n.end, n.value, num_start=pos, written=n.written,
                 plain_integer=n.integer and not n.written, raw=n.value)
    end = n.end
    currency = units.currency_before(text, max(lo, floor), pos) if pos > lo else None
    if currency:
        q.unit, q.kind = currency[0], "money"
        q.start = currency[1]
    # magnitude: "2.3 million", "$1.2bn", "5k"
    c = text[end] if end < hi else ""
    c1 = text[end + 1] if end + 1 < hi else ""
    if not n.written and (c.isalpha() or c in " \u00a0-" and c1 in _MAGNITUDE_INITIALS
                          and text[end + 1 : end + 4].lower().startswith(_MAGNITUDE_STARTS)):
        mag = numbers.read_magnitude(text, end, hi)
        if mag:
            factor, mag_end, short = mag
            if _accept_magnitude(text, mag_end, hi, short, text[end:mag_end].strip(), q.kind):
                q.magnitude = factor
                q.short_million = short and factor == 1e6
                end = mag_end
                q.plain_integer = False
    if q.magnitude == 1.0 and c == " " and c1 in "dD":
        dozen = _DOZEN_AFTER.match(text, end, hi)
        if dozen:
            q.magnitude, end = 12.0, dozen.end()
    q.value = numbers.scaled(n.value, q.magnitude)
    q.end = end
    # unit after the number
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
            q.end = end = mag[1]
    else:
        unit = _unit_after(text, end, hi, q.magnitude != 1.0 or n.scaled)
        if unit:
            q.unit, q.kind = unit.unit, unit.kind
            q.end = end = unit.end
            if unit.kind == "money" and q.magnitude == 1.0:
                mag = numbers.read_magnitude(text, end, hi)
                if mag and not mag[2]:  # "75 USD million"
                    q.magnitude = mag[0]
                    q.value = numbers.scaled(n.value, q.magnitude)
                    q.end = end = mag[1]
    if q.kind == "money" and q.magnitude == 1.0 and q.unit not in ("cents", "pence") \
            and q.end < hi and text[q.end] in ", ":
        _add_minor_units(text, q, hi)
    if q.kind in ("money", "measure", "duration"):
        rate = units.rate_after(text, q.end, hi)
        if rate and q.unit:
            q.unit += rate[0]
            q.end = rate[1]
    # a glued tail after the figure makes it an identifier: "5G", "24703m212", "11a"
    if q.end < hi and text[q.end].isascii() and text[q.end].isalnum() \
            and text[q.end - 1].isalnum() and (q.kind != "count" or not n.written and q.end == n.end):
        return None
    if q.end + 1 < hi and text[q.end] == "/" and text[q.end + 1].isdigit():
        return None  # "24/7", "9/11"
    # sign
    neg = _NEGATIVE.search(text, max(lo, floor, q.start - 7), q.start) \
        if q.start > lo and (text[q.start - 1] in "-\u2212" or text[q.start - 1] in " \u00a0"
                             and text[q.start - 6 : q.start - 1].lower() == "minus") else None
    if neg and q.value is not None:
        q.value = -q.value
        q.raw = -q.raw
        q.start = neg.start()
    # qualifier before / after
    qual = qualifiers.qualifier_before(text, max(lo, floor), q.start,
                                       token if q.start == pos and floor <= lo else None)
    if qual:
        q.qualifier, q.start = qual[0], qual[1]
    qual_after = qualifiers.qualifier_after(text, q.end, hi) \
        if q.end < hi and text[q.end] in " +-\u00a0" else None
    if qual_after:
        q.qualifier, q.end = qual_after[0], qual_after[1]
    if q.kind == "count":
        if _is_year(text, lo, q, hi):
            return Quantity(pos, n.end, None, kind="year", num_start=pos)
        if n.written is False and not n.integer and q.magnitude == 1.0 and n.value < 1 \
                and "/" in text[pos:n.end]:
            q.kind = "other"
        q.noun_end = q.end
        if q.unit is None:
            q.unit = nouns.counted_noun(text, q.end, hi)
        if q.plain_integer and q.qualifier == "exact" and q.start == pos and (
                (q.unit is None or not nouns.is_plural_head(q.unit.split()[-1].lower()))
                and identifiers.after_name(text, lo, pos, token)
                or q.unit and identifiers.is_address(q.unit)):
            return None
        if q.plain_integer and q.unit is None and _LIST_MARKER.match(text, q.end, hi) \
                and "(" not in text[max(lo, pos - 3):pos]:
            return None  # "1 ) explains ...": an enumerator
        if q.unit is None and token in _AGE_WORDS and q.start == pos:
            q.unit, q.kind = "years of age", "duration"  # "aged 15"
        if q.unit is None:
            q.unit = nouns.noun_after_of(text, q.end, hi)
            if 0 < n.value < 1:
                q.kind = "other"  # "two-thirds of the members": a share, not a count
    return q


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


def _accept_magnitude(text: str, end: int, hi: int, short: bool, word: str, kind: str) -> bool:
    """Single-letter magnitudes need evidence: money ("$5m"), or a counted noun ("5m people")."""
    if not short or kind == "money":
        return True
    if word in ("bn", "mn", "tn", "mln", "bln", "trn", "k", "K"):
        return True
    if units.currency_after(text, end, hi):
        return True
    noun = nouns.counted_noun(text, end, hi)
    if not noun:
        return False
    head = noun.split()[-1].lower()
    return head.endswith("s") or head in ("people", "children", "men", "women")


def _unit_after(text: str, end: int, hi: int, has_magnitude: bool) -> units.UnitMatch | None:
    unit = units.unit_after(text, end, hi, glued_ok=not has_magnitude)
    if unit and unit.ambiguous_money and not has_magnitude:
        # "lost 25 pounds" is mass; "2 million pounds" is money
        return units.UnitMatch("lb", "measure", unit.end) if unit.unit == "GBP" else None
    return unit


def _is_year(text: str, lo: int, q: Quantity, hi: int) -> bool:
    """A bare four-digit number is a year unless its context makes it a count."""
    if not q.plain_integer or q.qualifier != "exact" or q.magnitude != 1.0 or q.unit:
        return False
    digits = text[q.num_start:q.end]
    if len(digits) != 4 or not digits.isdigit() or not 1000 <= q.raw <= 2100:
        return False
    noun = nouns.counted_noun(text, q.end, hi)
    if noun and noun.split()[-1].lower() in _COUNT_NOUNS_AFTER_YEAR:
        return False
    if q.raw >= 1800:
        return True
    return bool(_YEAR_CONTEXT_BEFORE.search(text, max(lo, q.start - 12), q.start))


