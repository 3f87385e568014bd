"""The words around a number: weighted by closeness, names (where, when) and what is counted.

In "700 people from Cardiff, 700 people from Swansea" each 700 owns its city: distance counts
the content words in between, plus a penalty for each clause boundary or number crossed.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from citekit.check.matching.words import (
    BOUNDARY,
    DIRECTION,
    NUMBER,
    PLACE_BEFORE,
    PREFIX_MIN,
    STOPWORDS,
    WHEN,
    WORD,
    canonical,
    word_set,
)


@dataclass(frozen=True)
class Context:
    """The words around a number: weights by closeness, which of them name a place, body or
    year (the "where" and "when"), and what the number counts."""

    weights: dict[str, float]
    names: dict[str, float]
    unit: frozenset[str] = frozenset()
    places: dict[str, float] = field(default_factory=dict)  # names said after "in", "across"


# What is counted, said so generally that any count of people may be meant.
GENERIC_UNITS = word_set(
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
        for word in WORD.findall(unit.lower()):
            word = canonical(word)
            if word not in STOPWORDS:
                weights[word] = min(weights.get(word, 0.5), 0.5)
                unit_words.add(word)
    return Context(weights, names, frozenset(unit_words), places)


# A name said after "in" ("died in Syria", "in the Sahel") is where the number was counted.


def _walk(
    sentence: str,
    start: int,
    end: int,
    weights: dict[str, float],
    names: dict[str, float],
    breaks: Sequence[int] = (),
    places: dict[str, float] | None = None,
) -> None:
    # Words are read outward from the number and the walk stops early (a citation, or words too
    # far to weigh), so they are found lazily: a long sentence costs what is read of it.
    after = _words_after(sentence, max(0, end))
    before = _words_before(sentence, max(0, start))
    stops = _sorted_breaks(breaks)
    for tokens, forward in ((after, True), (before, False)):
        distance = 0.0
        edge = end if forward else start
        for read, m in enumerate(tokens):
            if read >= _MAX_WORDS:
                break  # words beyond so many (stopwords do not add distance) weigh nothing
            gap = sentence[edge : m.start()] if forward else sentence[m.end() : edge]
            distance += 3.0 * len(BOUNDARY.findall(gap)) + (2.0 if NUMBER.search(gap) else 0.0)
            if stops:
                lo, hi = (edge, m.start()) if forward else (m.end(), edge)
                if _any_between(stops, lo, hi) or _any_between(stops, m.start(), m.start()):
                    # A citation closes the claim: what lies beyond is another claim. A word
                    # standing where a citation stood ("Meridian" for "@meridian2021 says") is the
                    # citation's stand-in, not a name the source must share.
                    break
            edge = m.end() if forward else m.start()
            raw = m.group()
            word = raw.lower().replace("\u2019", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if (word in STOPWORDS and not (raw == "May" and m.start() > 0)) or len(word) < 2:
                continue  # (a capitalised "May" inside a sentence is the month, not the verb)
            word = DIRECTION.get(word) or canonical(word)
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
                        and word not in WHEN
                        and PLACE_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
                    ):
                        places[word] = weight
            distance += 1.0


_MAX_WORDS = 400  # words read either side of a number, at most
_last_breaks: list[tuple[Sequence[int], list[int]]] = []
_last_words: list[tuple[str, list[re.Match[str]], list[int]]] = []
_KEPT_SENTENCES = 8


def _sentence_words(sentence: str) -> tuple[list[re.Match[str]], list[int]]:
    """The words of a sentence and their starts, kept for the last few sentences asked (the
    numbers of one sentence share them, while the sentences of the figures they are judged
    against come and go), so a sentence of many numbers is read once."""
    for index, (kept, words, starts) in enumerate(_last_words):
        if kept is sentence or (len(kept) == len(sentence) and kept == sentence):
            if index:
                _last_words.insert(0, _last_words.pop(index))
            return words, starts
    words = list(WORD.finditer(sentence))
    starts = [m.start() for m in words]
    _last_words.insert(0, (sentence, words, starts))
    del _last_words[_KEPT_SENTENCES:]
    return words, starts


def _words_after(sentence: str, end: int) -> Iterator[re.Match[str]]:
    """What `WORD.finditer(sentence, end)` gives, from the sentence's words."""
    words, starts = _sentence_words(sentence)
    k = bisect.bisect_left(starts, end)
    if k and words[k - 1].end() > end:  # a word running over `end`: its part after it
        yield from WORD.finditer(sentence, end, words[k - 1].end())
    for index in range(k, len(words)):
        yield words[index]


def _words_before(sentence: str, start: int) -> Iterator[re.Match[str]]:
    """What `WORD.finditer(sentence, 0, start)` gives, nearest first, from the sentence's words:
    the same up to the last word ending before `start`, read anew from there (a word cut by
    `start` is read as the cut leaves it)."""
    words, starts = _sentence_words(sentence)
    k = bisect.bisect_left(starts, start)
    while k and words[k - 1].end() >= start:
        k -= 1
    # Nothing else can end at `start`: a word running into it, or a year's four digits.
    lowest = start - 4
    if k < len(words) and words[k].start() < lowest:
        lowest = words[k].start()
    resync = max(words[k - 1].end() if k else 0, lowest, 0)
    yield from reversed(list(WORD.finditer(sentence, resync, start)))
    for index in range(k - 1, -1, -1):
        yield words[index]


def _sorted_breaks(breaks: Sequence[int]) -> list[int]:
    """`breaks` sorted, kept for the last sequence asked (the numbers of one sentence share it)."""
    if not breaks:
        return []
    if _last_breaks and _last_breaks[0][0] is breaks:
        return _last_breaks[0][1]
    ordered = sorted(breaks)
    _last_breaks[:] = [(breaks, ordered)]
    return ordered


def _any_between(stops: list[int], lo: int, hi: int) -> bool:
    k = bisect.bisect_left(stops, lo)
    return k < len(stops) and stops[k] <= hi


def word_match(word: str, other: dict[str, float], choices: list[str]) -> float:
    """Best weight-scaled similarity of `word` to a word of `other` (stems and typos count)."""
    if word in other:
        return other[word]
    best = 0.0
    for candidate in choices:
        short, long_ = (word, candidate) if len(word) <= len(candidate) else (candidate, word)
        if len(short) >= PREFIX_MIN and long_.startswith(short[: max(PREFIX_MIN, len(short) - 2)]):
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


def holds(word: str, context: Context) -> float:
    """How closely `context` holds `word` (a name or a unit): exactly or by its stem only.

    Names are compared by stem, not by spelling likeness: "Austria" and "Australia" share
    most letters and are different places.
    """
    if word in context.weights:
        return context.weights[word]
    best = 0.0
    if len(word) >= PREFIX_MIN:
        for candidate, weight in context.weights.items():
            short, long_ = (word, candidate) if len(word) <= len(candidate) else (candidate, word)
            if len(short) >= PREFIX_MIN and long_.startswith(
                short[: max(PREFIX_MIN, len(short) - 2)]
            ):
                best = max(best, 0.9 * weight)
    return best


def inverse_frequencies(texts: Iterable[str]) -> dict[str, float]:
    """Rarer words tell more: 'Cardiff' says more than 'people' about what is counted."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        df.update({canonical(w.lower()) for w in WORD.findall(text)})
    return {w: 1.0 + math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
