"""Deciding, for each number of a draft, whether its cited sources hold it.

Pure functions over plain records: a draft's claims and the library's figure records in, verdicts
out. Two questions are kept apart because a fact-checker needs both answers:

- *Is it the same thing?* Compared by the words around each number (what is counted, where,
  when), weighted by their distance from the number, so that in "700 people from Cardiff, 700
  people from Swansea" each 700 owns its city, and "Cardiff sent 800 people" is compared
  with the Cardiff figure rather than with the nearest value.
- *Is it the same value?* Compared as quantities: value with scale, kind and unit, qualifier, and
  the precision the draft writes. "about 2,800" is a faithful rounding of 2,846 (2,846 rounded to
  hundreds), "2,900" is not, "2,864" is a different number altogether.

Verdicts, in the order they are tried: `traced` (a cited source holds the value), `mismatch` (a
cited source gives another value for the same thing), `elsewhere` (another source holds it),
`unsourced`.

Holding the value is not enough, and likeness of words is not everything:

- A source figure whose words contradict the draft's (another month or place named closer to
  it, a change the other way, another thing counted) does not trace the draft's number, even
  with the same value: "rose 3.3% in January" is not "a fall of 3.3% in December".
- An exact, distinctive value (17,674) in the cited source is rarely a coincidence: it is traced
  unless the words clearly point at another figure, whatever figure merely shares more words.
- A misquoted figure is shown next to the figure it misquotes: transposed digits (17,647 for
  17,674) and near values (about 2,500 for 2,361) outweigh word likeness to a figure of another
  magnitude.
- The cited sources decide alone: their likeness is measured without the library's word
  rarities, so recording an unrelated source never turns traced into unsourced.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

VERDICTS = ("traced", "mismatch", "elsewhere", "unsourced")

# Same-thing and same-value thresholds (context similarity is 0..1).
SAME_THING = 0.2  # a cited figure this close in context may be "the same thing"...
STRONG_SAME = 0.4  # ... and this close, it is, even when another source holds the value
TRACE_CONTEXT = 0.08  # a common value (500) needs at least this much shared context
ELSEWHERE_CONTEXT = 0.2  # ... and this much to be credited to an uncited source
# A near value (2,500 for 2,361: within about a quarter) or transposed digits are evidence of
# the same thing given wrongly, so they need less likeness.
SAME_THING_NEAR = 0.1
NEAR_VALUE = 0.95  # _closeness of values at most ~27% apart
TRANSPOSED_BONUS = 0.3
FAR_VALUE = 0.4  # _closeness of values a thousand or more times apart

_LOWER = frozenset({"more_than", "at_least"})
_UPPER = frozenset({"less_than", "at_most"})
_POINT = frozenset({"exact", "approx", "vague"})
_UNIT_KINDS = frozenset({"money", "measure", "duration"})

_WORD = re.compile(r"[^\W\d_](?:[\w\u2019'-]*[^\W_])?|(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_BOUNDARY = re.compile(r"[,;:()\[\]\u2013\u2014]|\s-\s")
_NUMBER = re.compile(r"\d")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _names(
    """a an the of from and or but in into to at by on for with as than that this these those it
    its their they them there here is are was were be been being has have had having do does did
    will would could should may might can which who whom whose what when where while also other
    another all any each both per cent percent some about around nearly almost over under more
    most less least fewer only just approximately roughly estimated estimate an some
    such so not no nor if then out off own same very too s t says said say according report
    reports reported including include includes among between within without since after before
    during until via total overall new one"""
) | frozenset(
    # Written numbers say how many, not what: "three ministries" is about ministries, and a
    # capitalised "Five" opening a sentence is no name.
    """two three four five six seven eight nine ten eleven twelve hundred hundreds thousand
    thousands million millions billion billions""".split()
)

# Words that say the same thing measured, reduced to one word so that a draft's paraphrase
# ("joblessness", "killed", "houses", "the economy") meets the source's wording. Kept small and
# unambiguous: each group names one measure.
_SYNONYM_GROUPS = (
    "unemployment unemployed joblessness jobless",
    "deaths death dead died die dies killed killing fatalities fatality fatal toll",
    "homes home houses house dwellings",
    "people persons residents inhabitants",
    "economy economic gdp output",
)
_SYNONYMS = {word: group.split()[0] for group in _SYNONYM_GROUPS for word in group.split()}


def canonical(word: str) -> str:
    """The word that stands for `word`'s synonym group (itself when it has none)."""
    return _SYNONYMS.get(word, word)


_PREFIX_MIN = 5

# Which way a change goes. Words of one direction stand for each other ("rose" is "jumped" is
# "up"), and a change said the other way ("a fall of 3.3%" for "rose 3.3%") is another figure.
RISE = "\u2191"
FALL = "\u2193"
_DIRECTION = {
    **dict.fromkeys(
        _names(
            """rose rise rises rising risen up increase increased increases increasing grew grow
            grows growing jumped jump jumps climbed climb climbs gained gain gains soared surged
            higher doubled tripled"""
        ),
        RISE,
    ),
    **dict.fromkeys(
        _names(
            """fell fall falls falling fallen down decrease decreased decreases decreasing
            declined decline declines dropped drop drops shrank shrink shrinks slipped slip
            slumped plunged lost lower cut halved"""
        ),
        FALL,
    ),
}
_OPPOSITE = {RISE: FALL, FALL: RISE}


# -- quantities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """What a number states: value (or range), kind, unit, qualifier, and as written."""

    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    qualifier: str = "exact"

    @classmethod
    def of(cls, record: dict[str, Any]) -> Quantity:
        return cls(
            text=str(record.get("text") or ""),
            value=_float(record.get("value")),
            low=_float(record.get("low")),
            high=_float(record.get("high")),
            unit=record.get("unit"),
            kind=record.get("kind") or "count",
            qualifier=record.get("qualifier") or "exact",
        )

    @property
    def point(self) -> float | None:
        """The value, or the low end of a range (for lookups)."""
        return self.value if self.value is not None else self.low

    def step(self, value: float | None = None) -> float | None:
        """The precision the text claims: 3,400 -> 100; 2.3 million -> 100,000; 41.5% -> 0.1."""
        value = self.value if value is None else value
        if value is None:
            return None
        return precision_step(self.text, value)


def _float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_NUMERAL = re.compile(r"\d[\d,\u2009\u202f ]*(?:\.\d+)?|\.\d+")


def precision_step(text: str, value: float) -> float:
    """The rounding step a written number claims, from its digits and its scale.

    Trailing zeros of a whole number count as rounding ("3,400" claims hundreds); decimals claim
    their last place; a written number ("five hundred") is read from its value.
    """
    if value == 0:
        return 1.0
    digits, numeral_value = _numeral_for(text, abs(value))
    scale = abs(value) / numeral_value if numeral_value else 1.0
    if digits and "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return 10.0 ** (-decimals) * scale
    whole = int(round(numeral_value))
    if whole == 0 or abs(numeral_value - whole) > 1e-9:
        return 10.0**-6 * scale if not digits else scale
    zeros = 0
    while whole and whole % 10 == 0:
        whole //= 10
        zeros += 1
    return 10.0**zeros * scale


def _numeral_for(text: str, value: float) -> tuple[str, float]:
    """The numeral of `text` that writes `value` (up to a scale word: 2.3 for 2.3 million).

    In a range ("between 120 and 150") each bound has its own numeral. A written number has none:
    the value stands for itself.
    """
    for raw in _NUMERAL.findall(text):
        digits = re.sub(r"[,\u2009\u202f ]", "", raw.strip())
        try:
            number = float(digits)
        except ValueError:
            continue
        if number <= 0:
            continue
        exponent = math.log10(value / number)
        if abs(exponent - round(exponent)) < 1e-6:
            return digits, number
    return "", value


def significant_digits(q: Quantity) -> int:
    """How many significant digits a number states (2,846 -> 4; 2,100 -> 2)."""
    value = q.point
    if value is None:
        return 0
    step = q.step(value) or 1.0
    if step <= 0 or value == 0:
        return 1
    return max(1, int(math.floor(math.log10(abs(value) / step) + 1e-9)) + 1)


def comparable(draft: Quantity, source: Quantity) -> bool:
    """Whether two numbers could measure the same thing (a count is no percentage)."""
    if draft.kind == source.kind:
        if draft.kind in _UNIT_KINDS and draft.unit and source.unit:
            return _norm_unit(draft.unit) == _norm_unit(source.unit)
        if draft.kind == "percent":
            # "to 4.5%" is a level, "by 0.25 percentage points" a change: never the same thing.
            return _points(draft.unit) == _points(source.unit)
        return True
    return {draft.kind, source.kind} <= {"count", "other"}


def _points(unit: str | None) -> bool:
    return bool(unit) and "point" in str(unit).lower()


def _norm_unit(unit: str) -> str:
    return unit.strip().lower().rstrip("s")


@dataclass(frozen=True)
class Agreement:
    """How a draft's number agrees with a source's: exactly, by faithful rounding, with a note."""

    exact: bool
    rounding: bool = False
    note: str | None = None


def _close(a: float, b: float, step: float) -> bool:
    return abs(a - b) <= max(step * 1e-6, abs(a) * 1e-9, 1e-12)


def _round_to(value: float, step: float, how: str) -> float:
    ratio = value / step
    # Absorb float noise (41.300000000000004 / 0.1) before flooring.
    nearest = round(ratio)
    if abs(ratio - nearest) < 1e-9:
        ratio = nearest
    if how == "floor":
        return math.floor(ratio) * step
    if how == "ceil":
        return math.ceil(ratio) * step
    return math.floor(ratio + 0.5) * step


def agree(draft: Quantity, source: Quantity) -> Agreement | None:
    """Whether the draft's number is the source's, exactly or as a faithful rounding.

    Faithful means: the source's value rounded to the precision the draft writes gives the draft's
    number, in the direction its qualifier claims ("more than 4,000" floors, "nearly 3,000"
    ceils, "about 3,400" rounds). A qualifier dropped or added is accepted and noted.
    """
    if draft.value is None or source.value is None:
        if draft.low is None or draft.high is None or source.low is None or source.high is None:
            return None
        low = agree(_bound(draft, draft.low), _bound(source, source.low))
        high = agree(_bound(draft, draft.high), _bound(source, source.high))
        if low is None or high is None:
            return None
        rounding = low.rounding or high.rounding
        return Agreement(low.exact and high.exact, rounding, low.note or high.note)
    x, s = draft.value, source.value
    dq, sq = draft.qualifier, source.qualifier
    if _close(x, s, max(abs(s), 1.0) * 1e-9):
        if (dq in _LOWER and sq in _UPPER) or (dq in _UPPER and sq in _LOWER):
            return None
        if dq == sq or (dq in _POINT and sq in ("exact", "approx")):
            return Agreement(exact=True)
        if dq in _LOWER and sq in _LOWER or dq in _UPPER and sq in _UPPER:
            return Agreement(exact=True)
        if dq in _POINT:
            return Agreement(exact=True, note=f"qualifier dropped: the source says {source.text!r}")
        return Agreement(exact=True, note=f"qualifier added: the source says {source.text!r}")
    step = draft.step()
    if not step or step <= 0:
        return None
    if dq in _POINT:
        how = "round"
    elif dq in _LOWER:
        how = "floor"
        if x > s and sq not in _LOWER:
            return None
    else:
        how = "ceil"
        if x < s and sq not in _UPPER:
            return None
    if not _close(_round_to(s, step, how), x, step):
        return None
    if dq == "exact" and significant_digits(draft) < 2 and _numeral_for(draft.text, x)[1] == x:
        # "50" for 47 or "2,000" for 2,346 reads as a count, not an estimate: without "about"
        # (or a scale word, "3 million") one significant digit is not a faithful rounding.
        return None
    wording = {"round": "rounds", "floor": "rounds down", "ceil": "rounds up"}[how]
    note = f"{draft.text!r} {wording} the source's {source.text!r}"
    if dq == "exact" and sq == "exact":
        note += " without a qualifier such as 'about'"
    return Agreement(exact=False, rounding=True, note=note)


def _bound(q: Quantity, value: float) -> Quantity:
    return Quantity(q.text, value, unit=q.unit, kind=q.kind, qualifier="exact")


def transposed(draft: Quantity, source: Quantity) -> bool:
    """Same digits in another order (2,864 for 2,846): the classic copying slip."""
    if draft.value is None or source.value is None or draft.value == source.value:
        return False
    a = re.sub(r"\D", "", f"{draft.value:.6f}".rstrip("0"))
    b = re.sub(r"\D", "", f"{source.value:.6f}".rstrip("0"))
    return len(a) > 1 and sorted(a) == sorted(b)


# -- context ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """The words around a number: weights by closeness, which of them name a place, body or
    year (the "where" and "when"), and what the number counts."""

    weights: dict[str, float]
    names: dict[str, float]
    unit: frozenset[str] = frozenset()
    places: dict[str, float] = field(default_factory=dict)  # names said after "in", "across"


# What is counted, said so generally that any count of people may be meant.
_GENERIC_UNITS = _names(
    "people persons individuals residents citizens men women adults inhabitants"
)


_SHARE_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|their\s+|its\s+)?([^\W\d_][\w-]*)")


def context_words(
    sentence: str,
    start: int,
    end: int,
    unit: str | None = None,
    breaks: Sequence[int] = (),
) -> Context:
    """Content words around a number, weighted by closeness to it.

    Distance counts the content words in between, plus a penalty for each clause boundary or other
    number crossed, so a list's items keep their own words. The unit (what is counted) is generic
    ("people") and weighs half. Capitalised words inside the sentence and years are names: they
    say where and when, and a different one means a different figure. `breaks` are positions
    where a draft's citation stood: each closes a claim, and the words beyond it are not read.
    """
    weights: dict[str, float] = {}
    names: dict[str, float] = {}
    places: dict[str, float] = {}
    _walk(sentence, start, end, weights, names, breaks, places)
    unit_words: set[str] = set()
    if unit in ("%", "percent", "per cent", "percentage points"):
        # A share counts what follows it: "38% of farms".
        of = _SHARE_OF.match(sentence, end)
        unit = of.group(1) if of else None
    if unit:
        for word in _WORD.findall(unit.lower()):
            word = canonical(word)
            if word not in _STOPWORDS:
                weights[word] = min(weights.get(word, 0.5), 0.5)
                unit_words.add(word)
    return Context(weights, names, frozenset(unit_words), places)


# A name said after "in" ("died in Syria", "in the Sahel") is where the number was counted.
_WHEN = _names(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"""
)
_PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)


def _walk(
    sentence: str,
    start: int,
    end: int,
    weights: dict[str, float],
    names: dict[str, float],
    breaks: Sequence[int] = (),
    places: dict[str, float] | None = None,
) -> None:
    after = list(_WORD.finditer(sentence, max(0, end)))
    before = list(_WORD.finditer(sentence, 0, max(0, start)))
    before.reverse()
    for tokens, forward in ((after, True), (before, False)):
        distance = 0.0
        edge = end if forward else start
        for m in tokens:
            gap = sentence[edge : m.start()] if forward else sentence[m.end() : edge]
            distance += 3.0 * len(_BOUNDARY.findall(gap)) + (2.0 if _NUMBER.search(gap) else 0.0)
            if breaks:
                lo, hi = (edge, m.start()) if forward else (m.end(), edge)
                if any(lo <= b <= hi for b in breaks) or m.start() in breaks:
                    # A citation closes the claim: what lies beyond is another claim. A word
                    # standing where a citation stood ("Meridian" for "@meridian2021 says") is the
                    # citation's stand-in, not a name the source must share.
                    break
            edge = m.end() if forward else m.start()
            raw = m.group()
            word = raw.lower().replace("\u2019", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if (word in _STOPWORDS and not (raw == "May" and m.start() > 0)) or len(word) < 2:
                continue  # (a capitalised "May" inside a sentence is the month, not the verb)
            word = _DIRECTION.get(word) or canonical(word)
            weight = 1.0 / (1.0 + 0.5 * distance)
            if weight < 0.08:
                break
            if weight > weights.get(word, 0.0):
                weights[word] = weight
                if raw[0].isdigit() or raw[0].isupper():
                    names[word] = weight
                    if (
                        places is not None
                        and raw[0].isupper()
                        and word not in _WHEN
                        and _PLACE_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
                    ):
                        places[word] = weight
            distance += 1.0


def _word_match(word: str, other: dict[str, float], choices: list[str]) -> float:
    """Best weight-scaled similarity of `word` to a word of `other` (stems and typos count)."""
    if word in other:
        return other[word]
    best = 0.0
    for candidate in choices:
        short, long_ = (word, candidate) if len(word) <= len(candidate) else (candidate, word)
        if len(short) >= _PREFIX_MIN and long_.startswith(
            short[: max(_PREFIX_MIN, len(short) - 2)]
        ):
            best = max(best, 0.9 * other[candidate])
    if best < 0.9 and len(word) >= 4 and not word.isdigit():
        hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=84)
        if hit is not None:
            best = max(best, hit[1] / 100.0 * other[hit[0]])
    return best


# A draft name (place, body, year) near the number that the source's figure does not share,
# where the source names something else close to its own number: most likely another figure.
# (A name far from the source's number, such as a report's title earlier in its sentence, says
# what the whole sentence is about, not which figure is which.)
_NAME_NEAR = 0.25
_SOURCE_NAME_NEAR = 0.35
_OTHER_NAME = 0.35
_OTHER_UNIT = 0.5
_DIRECTION_NEAR = 0.3
_SAME_DIRECTION = 0.1


def similarity(draft: Context, source: Context, idf: dict[str, float] | None = None) -> float:
    """Share of the draft's context (by weight, rarer words weighing more) the source shares,
    discounted when the two name different places or years, count different things, or say
    that the change went the other way.

    A change the same way ("rose" and "up from") adds a little, and only to some shared
    content: that two things rose makes them no more the same thing than that they are numbers.
    """
    if not draft.weights or not source.weights:
        return 0.0
    choices = [w for w in source.weights if w not in _OPPOSITE]
    num = den = 0.0
    for word, weight in draft.weights.items():
        if word in _OPPOSITE:
            continue
        w = weight * (idf.get(word, 1.0) if idf else 1.0)
        den += w
        num += w * _word_match(word, source.weights, choices)
    score = num / den if den else 0.0
    said = direction(draft)
    if score > 0 and said is not None and said == direction(source):
        score = min(1.0, score + _SAME_DIRECTION)
    if other_name(draft, source) or other_place(draft, source) or other_direction(draft, source):
        score *= _OTHER_NAME
    if _units_differ(draft.unit, source.unit):
        score *= _OTHER_UNIT
    return score


def _holds(word: str, context: Context) -> float:
    """How closely `context` holds `word` (a name or a unit): exactly or by its stem only.

    Names are compared by stem, not by spelling likeness: "Austria" and "Australia" share
    most letters and are different places.
    """
    if word in context.weights:
        return context.weights[word]
    best = 0.0
    if len(word) >= _PREFIX_MIN:
        for candidate, weight in context.weights.items():
            short, long_ = (word, candidate) if len(word) <= len(candidate) else (candidate, word)
            if len(short) >= _PREFIX_MIN and long_.startswith(
                short[: max(_PREFIX_MIN, len(short) - 2)]
            ):
                best = max(best, 0.9 * weight)
    return best


def strongest_name(context: Context) -> str | None:
    """The name (place, body, year) said closest to the number, if one is close at all."""
    near = [(w, n) for n, w in context.names.items() if w >= _NAME_NEAR]
    return max(near)[1] if near else None


def other_name(draft: Context, source: Context) -> bool:
    """Each side names, close to its number, something the other does not ("Cardiff sent
    800" against "700 people from Swansea"). One-sided names prove nothing: a source's
    "AFAD said 17,674" is not contradicted by a draft that leaves AFAD out, nor a draft's
    "pledged for East Africa" by a source sentence that names no place at all. The draft's
    closest name is the one that must be missing: "Cardiff sent 800 nurses to Leeds" is
    about Cardiff."""
    name = strongest_name(draft)
    if name is None or _holds(name, source) >= _NAME_NEAR:
        return False
    if same_place(draft, source):
        return False  # "AFAD said 3,400 died in Syria" and "3,400 were killed in Syria" agree
    return any(
        w >= _SOURCE_NAME_NEAR and _holds(n, draft) < _NAME_NEAR for n, w in source.names.items()
    )


def _near_places(context: Context) -> list[str]:
    return [p for p, w in context.places.items() if w >= _NAME_NEAR]


def same_place(draft: Context, source: Context) -> bool:
    """Every place the draft names near its number is a place the source names near its figure."""
    places = _near_places(draft)
    return bool(places) and all(source.places.get(p, 0.0) >= _NAME_NEAR for p in places)


def other_place(draft: Context, source: Context) -> bool:
    """The draft says where ("died in Syria") and the source's figure is said of another place
    ("died in Turkey") without naming the draft's: the figure of another place, whatever the
    other names (the agency that said it) have in common."""
    if all(_holds(p, source) >= _NAME_NEAR for p in _near_places(draft)):
        return False
    return any(
        w >= _SOURCE_NAME_NEAR and _holds(p, draft) < _NAME_NEAR for p, w in source.places.items()
    )


def direction(context: Context) -> str | None:
    """Which way the change near the number went (rise or fall), by the closer direction word."""
    rise, fall = context.weights.get(RISE, 0.0), context.weights.get(FALL, 0.0)
    if max(rise, fall) < _DIRECTION_NEAR or rise == fall:
        return None
    return RISE if rise > fall else FALL


def other_direction(draft: Context, source: Context) -> bool:
    """The draft says the number rose where the source's figure fell, or the reverse."""
    said = direction(draft)
    return said is not None and direction(source) == _OPPOSITE[said]


def discord(draft: Context, source: Context) -> bool:
    """Whether the words around a source's figure say it is not the draft's figure: another
    name close to it, a change the other way, or another thing counted. A shared value does not
    outweigh this: "rose 3.3% in January" is not "a fall of 3.3% in December"."""
    return (
        other_name(draft, source)
        or other_place(draft, source)
        or other_direction(draft, source)
        or other_unit(draft, source)
    )


def other_unit(draft: Context, source: Context) -> bool:
    """The two count different things, and neither mentions the other's near its number.

    Units are read loosely ("about 2,500 measles cases" counts "measles"), so a unit that the
    other side's words mention anyway ("2,361 cases" in a sentence about measles) is no proof.
    """
    if not _units_differ(draft.unit, source.unit):
        return False
    return not any(_holds(w, source) for w in draft.unit) and not any(
        _holds(w, draft) for w in source.unit
    )


def _units_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & _GENERIC_UNITS or b & _GENERIC_UNITS:
        return False
    choices = {w: 1.0 for w in b}
    return not any(_word_match(w, choices, list(choices)) for w in a)


def inverse_frequencies(texts: Iterable[str]) -> dict[str, float]:
    """Rarer words tell more: 'Cardiff' says more than 'people' about what is counted."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        df.update({canonical(w.lower()) for w in _WORD.findall(text)})
    return {w: 1.0 + math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


# -- verdicts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A number of the draft as matching needs it (no draft offsets)."""

    quantity: Quantity
    sentence: str
    start: int  # of the number within `sentence`
    end: int
    cited: tuple[str, ...]
    breaks: tuple[int, ...] = ()  # where citations stood in `sentence`


@dataclass
class Match:
    """A source figure considered for a claim, with how well it fits."""

    figure: dict[str, Any]
    similarity: float
    agreement: Agreement | None = None
    discord: bool = False  # its words say it is another figure (name, direction, thing)
    transposed: bool = False


@dataclass
class Verdict:
    verdict: str
    match: Match | None = None
    note: str | None = None
    also: list[dict[str, Any]] = field(default_factory=list)  # other figures holding the value
    unknown_keys: tuple[str, ...] = ()
    transposed: bool = False
    sum_of: list[dict[str, Any]] = field(default_factory=list)  # two cited figures adding up


@dataclass
class _Entry:
    figure: dict[str, Any]
    quantity: Quantity
    context: Context | None = None


class FigureIndex:
    """The library's figures, by citing key and by value, with their contexts built on demand.

    A figure is held by its source and, through attribution, by the work its source credits it
    to: citing a think tank's report reaches the figures a news article attributes to it.
    """

    def __init__(self, figures: Sequence[dict[str, Any]], use_idf: bool = True) -> None:
        self.entries = [_Entry(f, Quantity.of(f)) for f in figures]
        self.by_key: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            f = entry.figure
            self.by_key.setdefault(str(f.get("source")), []).append(i)
            work = f.get("attributed_to")
            if work and not f.get("attributed_party") and work != f.get("source"):
                self.by_key.setdefault(str(work), []).append(i)
        pairs = sorted(
            (e.quantity.point, i)
            for i, e in enumerate(self.entries)
            if e.quantity.point is not None
        )
        self.values = [p[0] for p in pairs]
        self.order = [p[1] for p in pairs]
        self.raw: dict[int, Context] = {}
        self.by_sentence: dict[tuple[str, str, Any], list[int]] | None = None
        self.idf: dict[str, float] | None = None
        if use_idf:
            self.idf = inverse_frequencies(
                {str(e.figure.get("sentence") or ""): None for e in self.entries}
            )

    def context(self, i: int) -> Context:
        """A figure's context, its names shared with the other figures of its sentence.

        A name between two figures belongs to the closer one: in "jumped 3.4% in January after
        a fall of 3.3% in December", January is the 3.4%'s month, not the 3.3%'s.
        """
        entry = self.entries[i]
        if entry.context is None:
            own = self._raw(i)
            siblings = [self._raw(j) for j in self._siblings(i) if j != i]
            entry.context = own_names(own, siblings) if siblings else own
        return entry.context

    def _raw(self, i: int) -> Context:
        raw = self.raw.get(i)
        if raw is None:
            raw = self.raw[i] = figure_context(self.entries[i].figure)
        return raw

    def _siblings(self, i: int) -> list[int]:
        if self.by_sentence is None:
            self.by_sentence = {}
            for j, entry in enumerate(self.entries):
                self.by_sentence.setdefault(_sentence_key(entry.figure), []).append(j)
        return self.by_sentence.get(_sentence_key(self.entries[i].figure), [])

    def held_by(self, keys: Iterable[str]) -> list[int]:
        seen: dict[int, None] = {}
        for key in keys:
            for i in self.by_key.get(key, ()):
                seen.setdefault(i, None)
        return list(seen)

    def near(self, value: float, step: float) -> list[int]:
        """Figures whose value lies within one step of `value` (rounding reaches no farther)."""
        reach = max(step, abs(value) * 1e-9)
        lo = bisect.bisect_left(self.values, value - reach)
        hi = bisect.bisect_right(self.values, value + reach)
        return [self.order[k] for k in range(lo, hi)]


def _sentence_key(figure: dict[str, Any]) -> tuple[str, str, Any]:
    return (
        str(figure.get("source")),
        str(figure.get("sentence") or ""),
        figure.get("sentence_start"),
    )


_OWNED_ELSEWHERE = 0.3


def own_names(context: Context, siblings: Sequence[Context]) -> Context:
    """`context` with each name that a sibling figure holds more closely weighed down."""
    weights = dict(context.weights)
    names = dict(context.names)
    for name, weight in context.names.items():
        if any(other.names.get(name, 0.0) > weight for other in siblings):
            weights[name] = names[name] = weight * _OWNED_ELSEWHERE
    places = {n: names.get(n, w) for n, w in context.places.items()}
    return Context(weights, names, context.unit, places)


def figure_context(figure: dict[str, Any]) -> Context:
    """Context words of a library figure, from its sentence and its place in it."""
    sentence = str(figure.get("sentence") or (figure.get("quote") or {}).get("exact") or "")
    text = str(figure.get("text") or "")
    local = None
    s_start = figure.get("sentence_start")
    if s_start is not None and figure.get("start") is not None:
        local = int(figure["start"]) - int(s_start)
        if sentence[local : local + len(text)] != text:
            local = None
    if local is None:
        found = sentence.find(text) if text else -1
        local = found if found >= 0 else 0
    return context_words(sentence, local, local + len(text), figure.get("unit"))


def claim_context(claim: Claim) -> Context:
    return context_words(claim.sentence, claim.start, claim.end, claim.quantity.unit, claim.breaks)


def _rank(match: Match) -> float:
    """Likeness first; an exact, unqualified agreement breaks near-ties."""
    bonus = 0.0
    if match.agreement is not None:
        bonus = 0.15 if match.agreement.exact and not match.agreement.note else 0.05
    return match.similarity + bonus


def _closeness(a: Quantity, b: Quantity) -> float:
    """1 for the same magnitude, falling with each power of ten apart: a wrong figure is
    usually near the right one (2,500 for 2,361), rarely a thousand times off (2,500 for 5)."""
    if a.point is None or b.point is None or a.point == 0 or b.point == 0:
        return 0.5
    return 1.0 / (1.0 + 0.5 * abs(math.log10(abs(a.point) / abs(b.point))))


def _as_other(match: Match, q: Quantity) -> float:
    """How surely a non-agreeing figure is the draft's figure given wrongly: its words, its
    magnitude, and transposed digits (the classic copying slip) as strong evidence."""
    score = match.similarity * _closeness(q, Quantity.of(match.figure))
    if match.transposed:
        score += TRANSPOSED_BONUS
    return score


def _names_only_in(draft: Context, this: Context, other: Context) -> bool:
    """`this` holds a name the draft gives near its number that `other` does not: "The Trust
    reported 212" points at the Trust's figure, not at the ministry's 212."""
    return any(
        w >= _NAME_NEAR and _holds(n, this) >= _NAME_NEAR and _holds(n, other) < _NAME_NEAR
        for n, w in draft.names.items()
    )


def judge(
    claim: Claim,
    index: FigureIndex,
    known: frozenset[str] | set[str],
    taken: frozenset[str] | set[str] = frozenset(),
) -> Verdict:
    """The verdict for one number of the draft (see `_judge`), and, when the cited sources do
    not hold it, whether it is the sum of two of their figures: "21,074 deaths in both countries"
    for 17,674 in Turkey and 3,400 in Syria is a figure the draft computed, not one the source
    states. Its verdict stays (the source does not hold it) and the note says which two figures
    add up to it, so a derived number is never passed as traced nor left unexplained."""
    verdict = _judge(claim, index, known, taken)
    if verdict.verdict in ("mismatch", "unsourced"):
        parts = sum_of(claim.quantity, index, [k for k in claim.cited if k in known])
        if parts:
            a, b = parts
            what = f"{a.get('text')!r} + {b.get('text')!r} in {a.get('source')}"
            if a.get("source") != b.get("source"):
                what = (
                    f"{a.get('text')!r} in {a.get('source')} + {b.get('text')!r} in "
                    f"{b.get('source')}"
                )
            note = f"the sum of {what}: a derived figure the source does not state"
            verdict.note = note + ("; " + verdict.note if verdict.note else "")
            verdict.sum_of = [a, b]
    return verdict


_SUM_LIMIT = 400  # cited figures searched for two that add up (pairs by bisection)


def sum_of(
    q: Quantity, index: FigureIndex, cited: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Two figures of the cited sources whose sum the draft's number states, exactly or as a
    faithful rounding ("about 5,100 homes" for 1,240 destroyed and 3,860 damaged)."""
    if q.value is None or q.kind == "percent" or q.value <= 0 or q.qualifier not in _POINT:
        return None
    step = q.step() or 1.0
    pool = []
    for i in index.held_by(cited)[:_SUM_LIMIT]:
        e = index.entries[i].quantity
        if e.value is None or e.value <= 0 or e.qualifier not in _POINT or not comparable(q, e):
            continue
        pool.append((e.value, i))
    pool.sort()
    values = [v for v, _ in pool]
    for k, (a, i) in enumerate(pool):
        target = q.value - a
        if target < a:
            break
        if a < step:
            continue  # "3,400" is not 3,390 + 10: a part below the rounding step adds nothing
        lo = bisect.bisect_left(values, target - step, k + 1)
        hi = bisect.bisect_right(values, target + step, lo)
        for v, j in pool[lo:hi]:
            fa, fb = index.entries[i].figure, index.entries[j].figure
            if fa.get("id") == fb.get("id") or not comparable(
                index.entries[j].quantity, Quantity.of(fa)
            ):
                continue
            total = Quantity(f"{a + v:g}", a + v, unit=q.unit, kind=q.kind)
            if agree(q, total) is not None:
                return fa, fb
    return None


def _judge(
    claim: Claim,
    index: FigureIndex,
    known: frozenset[str] | set[str],
    taken: frozenset[str] | set[str] = frozenset(),
) -> Verdict:
    """The verdict for one number of the draft.

    `taken`: ids of figures that another number of the same draft sentence traces exactly; such a
    figure is that number's, so it is not offered as the one this number gets wrong.

    Only the cited sources' figures decide between traced and mismatch, and their likeness is
    measured without the library's word rarities: recording an unrelated source must not change
    whether a cited source holds a number.
    """
    q = claim.quantity
    unknown = tuple(k for k in claim.cited if k not in known)
    cited = [k for k in claim.cited if k in known]
    ctx = claim_context(claim)
    distinctive = significant_digits(q) >= 3
    cited_ids = index.held_by(cited)

    agreeing: list[tuple[Match, Context]] = []
    weak: list[Match] = []  # the value, with too little in common to trace it
    others: list[tuple[Match, Context]] = []
    for i in cited_ids:
        entry = index.entries[i]
        if not comparable(q, entry.quantity):
            continue
        source = index.context(i)
        sim = similarity(ctx, source)
        agreement = agree(q, entry.quantity)
        match = Match(entry.figure, sim, agreement, discord(ctx, source))
        if agreement is not None:
            if sim >= TRACE_CONTEXT or distinctive:
                agreeing.append((match, source))
            else:
                weak.append(match)
            continue
        if taken and entry.figure.get("id") in taken:
            continue
        match.transposed = transposed(q, entry.quantity)
        closeness = _closeness(q, entry.quantity)
        near = match.transposed or closeness >= NEAR_VALUE
        # Values a thousand times apart ("three ministries", "2.7 million people") are the same
        # thing only when the words say so strongly.
        needed = STRONG_SAME if closeness < FAR_VALUE else SAME_THING
        if sim >= needed or (near and sim >= SAME_THING_NEAR):
            others.append((match, source))

    # The cited figure with the draft's value, said of another thing (reported with a mismatch).
    said_of_other = max(weak, key=_rank) if weak else None
    if agreeing:
        best, best_ctx = max(
            agreeing,
            key=lambda pair: (not pair[0].discord, _years_held(ctx, pair[1]), _rank(pair[0])),
        )
        rivals = _rivals(ctx, best, best_ctx, others, distinctive)
        if not rivals:
            note = best.agreement.note if best.agreement else None
            if best.similarity < TRACE_CONTEXT or best.discord:
                note = (note + "; " if note else "") + "same value, but the words around it differ"
            also: list[dict[str, Any]] = []
            if best.agreement is not None and not best.agreement.exact:
                # "about 2,000" rounds both 1,912 (last year) and 2,046 (2024): say so.
                years = _years_held(ctx, best_ctx)
                # A figure of the same source sentence said of another month or place is no
                # rival when the draft names neither ("about 2,000 tonnes" of "1,960 tonnes in
                # May and 2,030 tonnes in June" is ambiguous).
                same = _sentence_key(best.figure)
                unplaced = not _near_places(ctx) and not any(
                    (n.isdigit() or n in _WHEN) and w >= _NAME_NEAR for n, w in ctx.names.items()
                )
                also = [
                    m.figure
                    for m, c in agreeing
                    if m is not best
                    and (not m.discord or (unplaced and _sentence_key(m.figure) == same))
                    and _years_held(ctx, c) >= years
                    and m.agreement is not None
                    and m.figure.get("id") != best.figure.get("id")
                ]
                if also:
                    texts = ", ".join(repr(f.get("text")) for f in also[:3])
                    note = (note + "; " if note else "") + f"ambiguous: it also rounds {texts}"
            return Verdict("traced", best, note, also=also[:3], unknown_keys=unknown)
        others, said_of_other = rivals, best

    elsewhere = _elsewhere(claim, ctx, index, set(cited_ids), distinctive)
    top = max((m.similarity for m, _ in others), default=0.0)
    # A weak likeness in the cited source loses to a better match of the value elsewhere: the
    # right number cited to the wrong source.
    if others and (
        top >= STRONG_SAME
        or not elsewhere
        or elsewhere[0].similarity <= top
        or any(m.transposed for m, _ in others)
    ):
        best_pair = max(
            others,
            key=lambda pair: (not pair[0].discord, same_place(ctx, pair[1]), _as_other(pair[0], q)),
        )
        best = best_pair[0]
        source_q = Quantity.of(best.figure)
        note = f"the source gives {source_q.text!r}"
        if best.transposed:
            note += " (digits transposed?)"
        also = [m.figure for m in elsewhere[:3]]
        if said_of_other is not None:
            text = said_of_other.figure.get("text")
            note += f"; its {text!r} is said of something else"
            also.insert(0, said_of_other.figure)
        return Verdict(
            "mismatch",
            best,
            note,
            also=also,
            unknown_keys=unknown,
            transposed=best.transposed,
        )
    if elsewhere:
        best = elsewhere[0]
        note = f"held by {best.figure.get('source')}"
        if claim.cited:
            note = f"not in {', '.join(claim.cited)}; " + note
        return Verdict(
            "elsewhere", best, note, also=[m.figure for m in elsewhere[1:3]], unknown_keys=unknown
        )
    note = None
    if unknown and not cited:
        note = "cited only by unknown keys"
    elif cited and not cited_ids:
        note = "the cited entries hold no recorded figures"
    return Verdict("unsourced", None, note, unknown_keys=unknown)


def _years_held(draft: Context, source: Context) -> int:
    """How many of the draft's "when" names near its number (years, months, days) the source
    names near its figure: "about 2,000 in June" is June's 2,030, not May's 1,960."""
    return sum(
        1
        for n, w in draft.names.items()
        if (n.isdigit() or n in _WHEN) and w >= _NAME_NEAR and _holds(n, source) >= _NAME_NEAR
    )


def _rivals(
    ctx: Context,
    best: Match,
    best_ctx: Context,
    others: list[tuple[Match, Context]],
    distinctive: bool,
) -> list[tuple[Match, Context]]:
    """The cited figures that, though their value differs, are more surely the draft's figure
    than `best`, the figure holding its value; none means the value is traced.

    - The holder's words contradict the draft (a fall in December for "rose in January"):
      any figure whose words do not wins.
    - An exact, distinctive value (17,674) is rarely a coincidence: only a figure that holds a
      name of the draft the holder lacks, and is far more alike, takes its place.
    - A common value (400, 3.3%) needs its words: a figure far more alike wins.
    """
    clean = [(m, c) for m, c in others if not m.discord]
    if best.discord:
        return [(m, c) for m, c in clean if m.similarity >= SAME_THING or m.transposed]
    strong = [
        (m, c)
        for m, c in clean
        if m.similarity >= STRONG_SAME and m.similarity >= 2 * best.similarity
    ]
    exact = best.agreement is not None and best.agreement.exact
    if distinctive and exact:
        return [(m, c) for m, c in strong if _names_only_in(ctx, c, best_ctx)]
    if strong:
        return strong
    if best.similarity < TRACE_CONTEXT:
        return [(m, c) for m, c in clean if m.similarity >= SAME_THING]
    return []


def _elsewhere(
    claim: Claim, ctx: Context, index: FigureIndex, skip: set[int], distinctive: bool
) -> list[Match]:
    """Library figures outside the cited sources that hold the draft's value, best first.

    Whether a figure qualifies is judged by plain likeness, the scale the cited sources are
    judged by; the library's word rarities only order the ones that do.
    """
    q = claim.quantity
    value = q.point
    if value is None:
        return []
    step = q.step(value) or 0.0
    threshold = TRACE_CONTEXT if distinctive else ELSEWHERE_CONTEXT
    found: list[tuple[int, Match]] = []
    for i in index.near(value, step):
        if i in skip:
            continue
        entry = index.entries[i]
        if not comparable(q, entry.quantity):
            continue
        agreement = agree(q, entry.quantity)
        if agreement is None:
            continue
        source = index.context(i)
        sim = similarity(ctx, source)
        if sim >= threshold:
            weighted = similarity(ctx, source, index.idf) if index.idf else sim
            found.append((weighted, Match(entry.figure, sim, agreement)))
    found.sort(
        key=lambda pair: _rank(Match(pair[1].figure, pair[0], pair[1].agreement)), reverse=True
    )
    return [m for _, m in found]


def judge_all(
    claims: Sequence[Claim], figures: Sequence[dict[str, Any]], known: Iterable[str]
) -> list[Verdict]:
    """Verdicts for every claim against the library's figure records."""
    index = FigureIndex(figures)
    known_set = frozenset(known)
    verdicts = [judge(claim, index, known_set) for claim in claims]
    return rejudge_taken(claims, verdicts, index, known_set)


def rejudge_taken(
    claims: Sequence[Claim],
    verdicts: list[Verdict],
    index: FigureIndex,
    known: frozenset[str] | set[str],
) -> list[Verdict]:
    """Judge again each mismatch whose source figure a sibling number of its sentence traces.

    "fell to 5.4% in April, from 5.9%": the 5.4% is the first number's, so the 5.9% is not a wrong
    5.4% but the source's own 5.9%.

    "cost 3.1 billion euros, or 700 million over budget" against "cost 3.1 billion euros, 600
    million more than planned": the 3.1 billion is the first number's; the 700 million is wrong
    about the 600 million, not about the 3.1 billion.
    """
    traced: dict[str, set[str]] = {}
    for claim, v in zip(claims, verdicts, strict=True):
        if v.verdict == "traced" and v.match is not None and v.match.agreement is not None:
            fid = v.match.figure.get("id")
            if fid is not None and v.match.agreement.exact:
                traced.setdefault(claim.sentence, set()).add(str(fid))
    out = list(verdicts)
    for i, (claim, v) in enumerate(zip(claims, verdicts, strict=True)):
        if v.verdict != "mismatch" or v.match is None:
            continue
        taken = traced.get(claim.sentence, set())
        if v.match.figure.get("id") not in taken:
            continue
        again = judge(claim, index, known, frozenset(taken))
        # Only a better reading of the cited source is taken: a value it holds (traced), or the
        # figure the number truly gets wrong (mismatch).
        if again.verdict in {"traced", "mismatch"}:
            out[i] = again
    return out
