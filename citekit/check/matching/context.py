"""The words around a number: weighted by closeness, names (where, when) and what is counted.

In "700 people from Cardiff, 700 people from Swansea" each 700 owns its city: distance counts
the content words in between, plus a penalty for each clause boundary or number crossed. The
words are weighed by `library.index.contexts` (the index stores a figure's when its source is
indexed); how two contexts compare is decided here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from citekit.check.matching.words import PREFIX_MIN, WORD, canonical, word_set
from citekit.library.index.contexts import Context, context_words

__all__ = [
    "GENERIC_UNITS",
    "Context",
    "context_words",
    "holds",
    "inverse_frequencies",
    "word_match",
]

# What is counted, said so generally that any count of people may be meant.
GENERIC_UNITS = word_set(
    "people persons individuals residents citizens men women adults inhabitants"
)


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
