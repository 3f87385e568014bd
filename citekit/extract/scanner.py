"""The scanner: finds every figure of a paragraph and assembles it from the readers.

Two compiled anchor regexes jump from number to number (digit runs; number words and vague words,
looked up in the lower-cased paragraph); text without numbers is skipped at regex speed. At each
anchor, small anchored readers grow the figure outward -- currency and qualifier to the left,
magnitude, unit and counted noun to the right -- within a bounded window, so the work per figure is
constant and the whole scan is linear in the text. Cheap character tests guard the readers that
rarely apply (currency, rate, right qualifier), so a plain count costs few calls.
"""

from __future__ import annotations

import re

from citekit.extract import dates, identifiers, nouns, numbers, passes, qualifiers, ranges, units
from citekit.extract.context import bare, token_before
from citekit.extract.context import words as context_words
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
# How far before a number `token_before` looks (its 16 characters and a space).
_TOKEN_REACH = 17
_CURRENCY_LAST = units.PREFIX_LAST_CHARS
# a rate opens with " a", " an", " per", " each", "-a-", "/": its first two characters
_RATE_FIRST = frozenset(" \u00a0-/")
_RATE_SECOND = frozenset("aApPeE/ \u00a0-dDhHmMsSyYwWkKtTlLgGuUnNbBcC")
_QUALIFIER_LAST = qualifiers.LAST_WORDS
_RIGHT_STARTS = frozenset({"or", "pl", "an", "od"})
_ANCHOR_WORDS = [
    *numbers.SMALL,
    *numbers.TENS,
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "quarter",
    "quarters",
    "thirds",
    *qualifiers.VAGUE_BASE,
    *dates.ORDINAL_WORDS,
    "twice",
    "thrice",
    *(
        w + "fold"
        for w in (
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "hundred",
            "thousand",
        )
    ),
]
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

_NEGATIVE = re.compile(
    r"(?:(?<![\w.,%)])[-\u2212]|(?<![A-Za-z])minus" + _SP + r"+)$", re.IGNORECASE
)
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
_LIST_MARKER = re.compile(_SP + r"?\)")
_DIGIT_CHAIN = re.compile(r"\d+(?:-\d+){2,}")
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
_AGE_BOUND_WORDS = frozenset({"over", "under"})
_AGE_BOUND = re.compile(
    r"(?<![A-Za-z])(?P<w>over|under)(?:[\x20\u00a0]+|-)\d{1,2}s(?![A-Za-z\d])", re.IGNORECASE
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
# A maturity that names a benchmark bond: "10-year Treasury", "two-year gilt", "30-year yield".
_BENCHMARK_DEBT = re.compile(
    r"-(?:year|month)[\x20\u00a0]+(?:U\.?S\.?[\x20\u00a0]+|German[\x20\u00a0]+|"
    r"government[\x20\u00a0]+|benchmark[\x20\u00a0]+)?(?:Treasury|Treasuries|T-notes?|T-bills?|"
    r"gilts?|Bunds?|bunds?|JGBs?|OATs?|BTPs?|(?:bond|note|debt)[\x20\u00a0]+yields?|yields?|"
    r"swap[\x20\u00a0]+rates?)(?![A-Za-z])"
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


# The scan proper uses two simpler patterns than `_ANCHOR`, because Python's regex engine is
# fastest on a pattern that opens with a single character set: digit runs (and apostrophes, for
# "'90s") come from one charset scan, number words from a scan of the lower-cased paragraph with
# a trie a third the size. Together they cost about half of the combined `_ANCHOR` scan.
_DIGIT_ANCHOR = re.compile(r"[\d" + numbers.VULGAR_CHARS + r"'\u2019]\d*")
# ASCII word boundaries are a third faster than Unicode ones; a match next to a non-ASCII letter
# ("déten") is dropped afterwards in Python, which keeps the Unicode meaning at no real cost.
_WORD_ANCHOR = re.compile(r"(?a)\b" + _trie_pattern(sorted(set(_ANCHOR_WORDS))) + r"\b")
_APOSTROPHE_DECADE = re.compile(r"\d0s")
_DIGIT_RUN = re.compile(r"\d+")


def _anchor_positions(text: str, lo: int, hi: int) -> list[int]:
    """Where figures may start in text[lo:hi], in order: a digit run, a vulgar fraction, an
    apostrophe, or a number word (any letter case)."""
    positions = [m.start() for m in _DIGIT_ANCHOR.finditer(text, lo, hi)]
    low = text[lo:hi].lower()
    if len(low) != hi - lo:  # a character whose lower case is longer shifts offsets: rare
        return [m.start() for m in _ANCHOR.finditer(text, lo, hi)]
    words = [
        m.start() + lo
        for m in _WORD_ANCHOR.finditer(low)
        if not (
            m.start()
            and low[m.start() - 1].isalpha()
            or m.end() < len(low)
            and low[m.end()].isalpha()
        )
    ]
    if words:
        positions += words
        positions.sort()  # two sorted runs: a linear merge for Timsort
    return positions


def scan_paragraph(text: str, lo: int, hi: int) -> list[Quantity]:
    """Every figure in text[lo:hi], in order, without overlaps."""
    found: list[Quantity] = []
    consumed = lo
    for pos in _anchor_positions(text, lo, hi):
        if pos < consumed or pos > lo and text[pos - 1].isdigit():
            continue
        if text[pos] in "'\u2019" and not _APOSTROPHE_DECADE.match(text, pos + 1, hi):
            if pos + 1 < hi and text[pos + 1].isdigit():
                pos += 1  # "'15", "rock'n'roll 2": the digits, as if the apostrophe were not there
            else:
                continue
        q, stop = _read_at(text, lo, pos, hi, consumed)
        if stop > consumed:
            consumed = stop
        if q is None:
            continue
        if q.end < hi and (
            text[q.end] in _RANGE_HYPHENS
            or text[q.end] in " \u00a0"
            and (
                text[q.end + 1 : q.end + 3].lower() in _RANGE_WORDS
                or text[q.end + 1 : q.end + 2] in _RANGE_HYPHENS
            )
        ):
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
    while run_end < hi and text[run_end].isdigit():
        run_end += 1  # on past digits that \d does not take ("5²"), as str.isdigit reads them
    if (
        run_end + 1 < hi
        and text[run_end] in " -.)\u00a0"
        and text[run_end + 1].isdigit()
        or pos > lo
        and text[pos - 1] in "+("
    ):
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
    if (
        n.end < hi
        and text[n.end] == "s"
        and n.integer
        and n.value in _ROUND_PLURALS
        and (n.end + 1 >= hi or not text[n.end + 1].isalnum())
    ):
        return _read_round_plural(text, pos, n, hi)
    if identifiers.is_identifier(
        text, lo, pos, n.end, hi, n.integer and "," not in n.digits, token
    ):
        return None, _skip_run(text, pos, hi)
    q = _finish(text, lo, pos, hi, n, floor, token)
    if q is None:
        return None, _skip_run(text, pos, hi)
    return q, q.end


# "100s", "1,000s", "10,000s" of people: a vague quantity of that order of magnitude.
_ROUND_PLURALS = frozenset({100.0, 1e3, 1e4, 1e5, 1e6})


def _read_round_plural(text: str, pos: int, n: numbers.Number, hi: int) -> tuple[Quantity, int]:
    end = n.end + 1
    q = Quantity(
        pos, end, None, n.value, n.value * 10, kind="count", qualifier="vague", num_start=pos
    )
    q.unit = nouns.noun_after_of(text, end, hi) or nouns.counted_noun(text, end, hi)
    return q, end


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
    if (
        text[pos].isupper()
        and pos > lo
        and n.value < 100
        and identifiers.after_name(text, lo, pos, token_before(text, lo, pos))
    ):
        return None, n.end  # "Air Force One", "Formula One", "BBC Two"
    return _finish(text, lo, pos, hi, n, floor), n.end


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


def _finish(
    text: str, lo: int, pos: int, hi: int, n: numbers.Number, floor: int, token: str | None = None
) -> Quantity | None:
    """Grow a parsed number into a figure: currency, sign, qualifier, magnitude, unit, noun."""
    q = Quantity(
        pos,
        n.end,
        n.value,
        num_start=pos,
        written=n.written,
        plain_integer=n.integer and not n.written,
        raw=n.value,
    )
    end = n.end
    # a currency marker ends in a symbol, a capital or a few lower-case letters ("$5", "US$ 5",
    # "EUR 5", "Rs. 5", "usd 5"): most numbers are let through without a call
    before = text[pos - 1] if pos > lo else ""
    if before in " \u00a0" and pos - 1 > lo:
        before = text[pos - 2]
    currency = (
        units.currency_before(text, lo if lo > floor else floor, pos)
        if before and (before in _CURRENCY_LAST or before.isupper() or before in "sdrpby.")
        else None
    )
    if currency:
        q.unit, q.kind = currency[0], "money"
        q.start = currency[1]
    # magnitude: "2.3 million", "$1.2bn", "5k"
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
                _accept_magnitude(text, mag_end, hi, short, text[end:mag_end].strip(), q.kind)
                or text[end] == "m"
                and q.kind == "count"
                and ("." in n.digits or _counted_subject(text, lo, pos))
                and not _metres_context(text, lo, pos, mag_end, hi)
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
    if (
        q.kind == "money"
        and q.magnitude == 1.0
        and q.unit not in ("cents", "pence")
        and q.end < hi
        and text[q.end] in ", "
    ):
        _add_minor_units(text, q, hi)
    if (
        q.kind in ("money", "measure", "duration")
        and q.end + 1 < hi
        and text[q.end] in _RATE_FIRST
        and text[q.end + 1] in _RATE_SECOND
    ):
        rate = units.rate_after(text, q.end, hi)
        if rate and q.unit:
            q.unit += rate[0]
            q.end = rate[1]
    # a glued tail after the figure makes it an identifier: "5G", "24703m212", "11a"
    if (
        q.end < hi
        and text[q.end].isascii()
        and text[q.end].isalnum()
        and text[q.end - 1].isalnum()
        and (q.kind != "count" or not n.written and q.end == n.end)
    ):
        return None
    if q.end + 1 < hi and text[q.end] == "/" and text[q.end + 1].isdigit():
        return None  # "24/7", "9/11"
    if (
        q.kind == "duration"
        and text[n.end : n.end + 1] == "-"
        and q.start == pos
        and _BENCHMARK_DEBT.match(text, n.end, hi)
    ):
        return None  # "the 10-year Treasury", "two-year gilt yields": the name of a bond
    # sign, or a margin: "plus or minus three points", "+/-3", "±2.5%" are positive and exact
    neg = None
    if q.start > lo and (
        text[q.start - 1] in "-\u2212\u00b1"
        or text[q.start - 1] in " \u00a0"
        and (text[q.start - 6 : q.start - 1].lower() == "minus" or text[q.start - 2] == "\u00b1")
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
    # qualifier before / after
    # The token read at `pos` is the one the qualifier needs unless the figure grew leftward or the
    # previous figure ends within a token's reach of it (then the window is cut at `floor`).
    reuse = token is not None and q.start == pos and (floor <= lo or floor < pos - _TOKEN_REACH)
    if reuse and token not in _QUALIFIER_LAST and bare(token) not in _QUALIFIER_LAST:
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
            and _is_age_group(text, lo, qual[1], q, hi)
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
            text[q.end + 1 : q.end + 3].lower() in _RIGHT_STARTS
            or text[q.end + 1 : q.end + 2] in " \u00a0"
        )
        else None
    )
    if qual_after:
        q.qualifier, q.end = qual_after[0], qual_after[1]
    if (
        q.kind == "count"
        and q.unit is None
        and q.end + 5 < hi
        and text[q.end] in " \u00a0"
        and text[q.end + 1 : q.end + 4].lower() == "per"
    ):
        _read_rate_per_number(text, q, hi)
    if q.kind == "count":
        if q.end - q.num_start == 4 and _is_year(text, lo, q, hi):
            return Quantity(pos, n.end, None, kind="year", num_start=pos)
        if (
            q.start == pos
            and pos - lo >= 10
            and text[pos - 1] in " -\u00a0"
            and text[pos - 10 : pos - 1].lower() == "magnitude"
        ):
            q.unit, q.kind = "magnitude", "measure"  # "a magnitude 7.8 earthquake"
            return q
        if (
            n.written is False
            and not n.integer
            and q.magnitude == 1.0
            and n.value < 1
            and "/" in text[pos : n.end]
        ):
            q.kind = "other"
        q.noun_end = q.end
        if q.unit is None and token in _AGE_WORDS and q.start == pos:
            q.unit, q.kind = "years of age", "duration"  # "aged 15", "aged 12 and over pay ..."
            return q
        if q.unit is None:
            q.unit = nouns.counted_noun(text, q.end, hi)
        if (
            q.plain_integer
            and q.qualifier == "exact"
            and q.start == pos
            and (
                (
                    q.unit is None
                    or not nouns.is_plural_head(q.unit.split()[-1].lower())
                    or identifiers.name_goes_on(text, lo, pos, q.unit)
                    or identifiers.product_number(text, lo, pos)
                )
                and identifiers.after_name(text, lo, pos, token)
                and not ranges.is_score(text, lo, pos, hi)
                or q.unit
                and identifiers.is_address(q.unit)
            )
        ):
            return None
        if (
            q.plain_integer
            and q.unit is None
            and _LIST_MARKER.match(text, q.end, hi)
            and "(" not in text[max(lo, pos - 3) : pos]
        ):
            return None  # "1 ) explains ...": an enumerator
        if q.unit is None:
            q.unit = nouns.noun_after_of(text, q.end, hi)
            if 0 < n.value < 1:
                q.kind = "other"  # "two-thirds of the members": a share, not a count
    return q


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
# People right before "under five", "over 65": an age group, not a count of people.
_AGE_GROUP_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:children|kids|babies|infants|toddlers|boys|girls|men|women|people|adults|"
    r"those|anyone|everyone|persons|patients|pupils|youngsters|teenagers|teens|residents|"
    r"individuals|citizens|drivers|smokers|users|workers|employees|voters|pensioners|"
    r"participants|respondents|aged|ages|age|(?:under|over|below|above)"
    + _SP
    + r"+[\w-]+"
    + _SP
    + r"+(?:and|or))"
    + _SP
    + r"+$",  # "... under 18 and over 65"
    re.IGNORECASE,
)


def _is_age_group(text: str, lo: int, qual_start: int, q: Quantity, hi: int) -> bool:
    """ "children under five", "people over 65": the number is an age bound (at most 120, whole,
    with no unit but years and no counted noun of its own)."""
    if not 0 < q.value <= 120 or not float(q.value).is_integer():
        return False
    if not _AGE_GROUP_BEFORE.search(text, max(lo, qual_start - 24), qual_start):
        return False
    if q.kind == "count":
        return q.unit is None and nouns.counted_noun(text, q.end, hi) is None
    return q.kind == "duration" and q.unit in ("years", "years of age")


# "0.8 per 1,000", "14.5 per 100,000 people", "3 per thousand": a rate per a base number.
_PER_NUMBER = re.compile(
    _SP
    + r"+per"
    + _SP
    + r"+(?P<base>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?(?:"
    + _SP
    + r"?(?:thousand|million|billion|k)(?![A-Za-z]))?(?![\d.,]\d)|(?:a"
    + _SP
    + r"+|one"
    + _SP
    + r"+)?(?:hundred|thousand|million|billion)(?![A-Za-z]))",
    re.IGNORECASE,
)


def _read_rate_per_number(text: str, q: Quantity, hi: int) -> None:
    """Extend a bare number by "per <base> [noun]": one figure, kind "other", unit "per 1,000"."""
    m = _PER_NUMBER.match(text, q.end, hi)
    if not m:
        return
    base = m.group("base")
    q.end = m.end()
    noun = nouns.counted_noun(text, q.end, hi)
    q.unit = "per " + " ".join(base.split()) + (" " + noun if noun else "")
    q.kind = "other"


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
    if noun.split()[0].lower() in _RACE_WORDS:
        return False  # "the 400m hurdles", "100m freestyle heats": a race distance in metres
    return head.endswith("s") or head in ("people", "children", "men", "women")


_RACE_WORDS = context_words(
    "hurdles hurdle freestyle butterfly backstroke breaststroke medley relay relays sprint sprints "
    "dash steeplechase heats heat semifinals semi-finals finals race races individual"
)


# A glued "m" after a decimal ("1.35m") is a million unless the words around it speak of length:
# news writes "Unemployment stood at 1.35m" and "Between 1.2m and 1.5m people", but "sea levels
# rose 1.5m", "1.35m tall", "a depth of 3.5m", "a 2.5m wall".
_LENGTH_AFTER = re.compile(
    _SP + r"*(?:[-\u2010\u2011]" + _SP + r"*)?(?:tall|high|long|wide|deep|thick|away|across|"
    r"above|below|underground|under"
    + _SP
    + r"+water|up|down|in"
    + _SP
    + r"+(?:diameter|length|height|depth|width|circumference)|of"
    + _SP
    + r"+(?:water|snow|rain|rainfall|sea|mud|ice)|per|an?"
    + _SP
    + r"+(?:second|minute|hour|year)"
    r"|from" + _SP + r"+the" + _SP + r"+(?:ground|floor|surface|shore|coast|edge)|short|"
    r"sea" + _SP + r"+level)(?![A-Za-z])|[/\u00b2\u00b3]",
    re.IGNORECASE,
)
_LENGTH_BEFORE = context_words(
    "rose rise rises risen rising fell fall falls fallen falling dropped drop drops jumped jump "
    "jumps leapt leaped cleared clear clears threw throw throws thrown swam measuring measures "
    "measured measure depth depths height heights length lengths distance width altitude "
    "elevation diameter radius tall high deep long wide thick waves wave surge surges metres "
    "meters"
)
_LENGTH_BEFORE_OF = re.compile(
    r"(?<![A-Za-z])(?:depth|height|length|distance|width|altitude|elevation|diameter|radius|"
    r"span|reach|range|wingspan|circumference|wave|swell|surge|drop|leap|jump|throw)s?"
    + _SP
    + r"+of"
    + _SP
    + r"+(?:[a-z]+"
    + _SP
    + r"+){0,2}$",
    re.IGNORECASE,
)
# A singular noun after "a 2.5m ..." is a thing measured ("a 2.5m wall") unless it is money's or a
# number's ("a 1.5m deal", "the 1.5m mark").
_NOT_LENGTH_NOUNS = context_words(
    "deal contract fund package loan budget bonus salary fee investment payout settlement project "
    "scheme programme program bid offer grant sale purchase takeover fine bill debt shortfall "
    "deficit surplus increase rise fall cut profit loss revenue turnover pay raise donation gift "
    "windfall overhaul refurbishment redevelopment makeover upgrade expansion renovation "
    "compensation award prize jackpot transfer signing fortune home house mansion property "
    "figure target mark threshold milestone total level cap limit estimate number tally"
)
# Things measured in metres, a few words before: "the river rose to over 4.5m".
_LENGTH_SUBJECT = re.compile(
    r"(?<![A-Za-z])(?:river|water|floodwater|sea|seas|flood|floods|tide|tides|waves?|snow|"
    r"walls?|towers?|fences?|barriers?|heights?|depths?|lengths?|jump|jumped|vault|throw|threw|"
    r"glaciers?|ice|dunes?|drifts?)(?![A-Za-z])",
    re.IGNORECASE,
)
_ARTICLE_RIGHT_BEFORE = re.compile(r"(?<![A-Za-z])(?:a|an|the)" + _SP + r"+$", re.IGNORECASE)


# People or things counted, a few words before a whole number with a glued "m": "a population of
# 8m", "viewers peaked at 12m", "visitor numbers rose to 40m" are millions, not metres.
_COUNTED_SUBJECT = re.compile(
    r"(?<![A-Za-z])(?:population|populations|audience|audiences|viewers|viewing|visitors?|"
    r"subscribers?|users|passengers?|customers|members|membership|downloads|tourists?|followers|"
    r"households|residents|inhabitants|voters|listeners|readers|readership|copies|shoppers|"
    r"travellers|travelers|spectators|attendance|enrolment|enrollment)(?![A-Za-z])",
    re.IGNORECASE,
)


_COUNT_LINKS = context_words(
    "of at to reached reach reaches hit hits topped tops than about around nearly almost some "
    "over past exceeded exceeds surpassed passed roughly approximately by totalled totaled"
)
_AWAY_AFTER = re.compile(
    r"\d+m"
    + _SP
    + r"+(?:from|away|off|to|into|along|across|behind|ahead|short|above|below|up|down)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def _counted_subject(text: str, lo: int, pos: int) -> bool:
    """A whole number with a glued "m" after a counted subject in its clause ("a population of
    8m"): a million. Only asked when the letter after the number is an "m"."""
    if token_before(text, lo, pos) not in _COUNT_LINKS:
        return False  # "tourists walked 400m", "spectators stood 5m from the track"
    if _AWAY_AFTER.match(text, pos):
        return False  # "evacuated to 500m from the site"
    w_start = max(lo, pos - 48)
    clause = max(
        text.rfind(".", w_start, pos - 1),
        text.rfind(";", w_start, pos),
        text.rfind(",", w_start, pos),
    )
    return _COUNTED_SUBJECT.search(text, max(w_start, clause + 1), pos) is not None


def _metres_context(text: str, lo: int, pos: int, end: int, hi: int) -> bool:
    """Is the "m" glued to the decimal at `pos` metres? (See `_LENGTH_AFTER`.)"""
    if _LENGTH_AFTER.match(text, end, hi):
        return True
    token = token_before(text, lo, pos)
    if token in _LENGTH_BEFORE:
        return True
    if _LENGTH_BEFORE_OF.search(text, max(lo, pos - 40), pos):
        return True
    w_start = max(lo, pos - 48)
    clause = max(text.rfind(".", w_start, pos - 1), text.rfind(";", w_start, pos))
    if _LENGTH_SUBJECT.search(text, max(w_start, clause + 1), pos):
        return True
    if _ARTICLE_RIGHT_BEFORE.search(text, max(lo, pos - 5), pos):
        noun = nouns.counted_noun(text, end, hi)
        if noun is not None:
            head = noun.split()[-1].lower()
            return not nouns.is_plural_head(head) and head not in _NOT_LENGTH_NOUNS
    return False


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
    digits = text[q.num_start : q.end]
    if len(digits) != 4 or not digits.isdigit() or not 1000 <= q.raw <= 2100:
        return False
    noun = nouns.counted_noun(text, q.end, hi)
    if noun and noun.split()[-1].lower() in _COUNT_NOUNS_AFTER_YEAR:
        return False
    if q.raw >= 1800:
        return True
    return bool(_YEAR_CONTEXT_BEFORE.search(text, max(lo, q.start - 12), q.start))
