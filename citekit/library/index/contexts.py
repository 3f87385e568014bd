"""The words around a figure, weighed as matching weighs them: by closeness to the number, with
the names said near it (where, when) and what it counts.

In "700 people from Cardiff, 700 people from Swansea" each 700 owns its city: distance counts
the content words in between, plus a penalty for each clause boundary or number crossed.

They are computed when a source is indexed, once for each figure's match key (`group_context`),
and stored (`encode`, `decode`), so that `check` reads them instead of walking every sentence
near a draft's values. What they are is decided by `check.matching`, which reads them from here.
Change how they are weighed, and the index's schema version must change with it.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from citekit.library.index.vocabulary import (
    BOUNDARY,
    DIRECTION,
    NUMBER,
    PLACE_BEFORE,
    STOPWORDS,
    WHEN,
    WORD,
    canonical,
)


@dataclass(frozen=True, slots=True)
class Context:
    """The words around a number: weights by closeness, which of them name a place, body or
    year (the "where" and "when"), and what the number counts."""

    weights: dict[str, float]
    names: dict[str, float]
    unit: frozenset[str] = frozenset()
    places: dict[str, float] = field(default_factory=dict)  # names said after "in", "across"


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
            if gap != " ":  # (a lone space, the common gap, crosses nothing)
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
            skip, may, word, name, place = _READINGS.get(raw) or _reading(raw)
            if skip or (may and m.start() == 0):
                continue  # (a capitalised "May" inside a sentence is the month, not the verb)
            weight = 1.0 / (1.0 + 0.5 * distance)
            if weight < 0.08:
                break
            if weight > weights.get(word, 0.0):
                weights[word] = weight
                if name:
                    names[word] = weight
                    if (
                        places is not None
                        and place
                        and PLACE_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
                    ):
                        places[word] = weight
            distance += 1.0


# How each word as written is read: (skipped, a "May" skipped only opening its sentence, the
# word it counts as, whether it is a name, whether it may be a place), kept as met.
_READINGS: dict[str, tuple[bool, bool, str, bool, bool]] = {}


def _reading(raw: str) -> tuple[bool, bool, str, bool, bool]:
    word = raw.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    stop = word in STOPWORDS
    skip = len(word) < 2 or (stop and raw != "May")
    may = stop and raw == "May"
    word = DIRECTION.get(word) or canonical(word)
    name = raw[0].isdigit() or raw[0].isupper()
    place = raw[0].isupper() and word not in WHEN
    if len(_READINGS) > 200_000:
        _READINGS.clear()
    found = _READINGS[raw] = (skip, may, word, name, place)
    return found


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


_OWNED_ELSEWHERE = 0.3


def own_names(context: Context, siblings: Sequence[Context]) -> Context:
    """`context` with each name that a sibling figure holds more closely weighed down.

    A name between two figures belongs to the closer one: in "jumped 3.4% in January after
    a fall of 3.3% in December", January is the 3.4%'s month, not the 3.3%'s.
    """
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


def sentence_contexts(
    figures: Sequence[dict[str, Any]], raw: dict[int, Context] | None = None
) -> list[Context]:
    """The context of each figure of one sentence, its names shared with the others'
    (`raw`: their own contexts where known, by place in `figures`)."""
    own = [raw[k] if raw and k in raw else figure_context(f) for k, f in enumerate(figures)]
    if len(own) == 1:
        return own
    return [own_names(c, own[:k] + own[k + 1 :]) for k, c in enumerate(own)]


def encode(context: Context) -> str:
    """A context as the index stores it (JSON; floats and the order of words kept exactly)."""
    return _ENCODE([context.weights, context.names, sorted(context.unit), context.places])


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def decode(text: str) -> Context:
    return decode_all([text])[0]


class _Floats(dict[str, float]):
    """One float object for each weight written alike: contexts repeat a few dozen weights."""

    def __missing__(self, text: str) -> float:
        value = self[text] = float(text)
        return value


_FLOATS = _Floats()


def decode_all(texts: Sequence[str]) -> list[Context]:
    """`decode` of each text, read in one go (the words they share are then one string each)."""
    if not texts:
        return []
    if len(_FLOATS) > 100_000:
        _FLOATS.clear()
    found = json.loads("[" + ",".join(texts) + "]", parse_float=_FLOATS.__getitem__)
    return [
        Context(weights, names, frozenset(unit), places) for weights, names, unit, places in found
    ]
