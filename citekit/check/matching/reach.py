"""How alike two contexts can at most be: a bound on `discord.similarity`, cheap enough to
leave out, before measuring, the figures that cannot reach a threshold.

`similarity` is the share of the draft's words (by weight) the source holds, each counted at
the source's weight for it (exactly, by stem or by spelling likeness: `context.word_match`),
plus a little for a change said the same way, times discounts below one. So it is at most

    sum over draft words w of weight(w) * max(source weight of a word matching w) / sum weight

plus the direction's bonus, and nothing when no word matches. Which words match which is
memoised per pair, so a draft's words are compared with a library's vocabulary once.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from citekit.check.matching.context import Context
from citekit.check.matching.discord import _SAME_DIRECTION
from citekit.check.matching.words import OPPOSITE, PREFIX_MIN

_MARGIN = 1e-9  # sums taken in another order differ in the last places


class Reach:
    """`may_reach(draft, source, threshold)`: False only when `similarity(draft, source)` is
    surely below `threshold`; `alike(draft, source)`: for each of the draft's words, the source's
    words that `word_match` can count for it (what `similarity` need compare)."""

    def __init__(self) -> None:
        # For each source word: the draft words (of any number) it was compared with, and
        # those it matches, so that a draft's words are compared with a word once.
        self._checked: dict[str, set[str]] = {}
        self._alike: dict[str, set[str]] = {}
        self._draft: Context | None = None
        self._words: dict[str, float] = {}
        self._set: frozenset[str] = frozenset()
        self._total = 0.0
        self._matching: dict[str, frozenset[str]] = {}
        self._hits: set[str] = set()  # source words matching a draft word

    def _meet(self, draft: Context) -> None:
        if draft is not self._draft:
            self._draft = draft
            self._words = {w: x for w, x in draft.weights.items() if w not in OPPOSITE}
            self._set = frozenset(self._words)
            self._total = sum(self._words.values())
            self._matching = {}
            self._hits = set()

    def _learn(self, words: set[str]) -> None:
        """Which draft words each of `words` (not met yet for this draft) matches."""
        for word in words:
            matched: frozenset[str] = frozenset()
            if word not in OPPOSITE:
                checked = self._checked.get(word)
                if checked is None:
                    checked = self._checked[word] = set()
                    self._alike[word] = set()
                alike = self._alike[word]
                for w in self._set - checked:
                    if _alike(w, word):
                        alike.add(w)
                checked |= self._set
                matched = self._set & alike
            self._matching[word] = matched
            if matched:
                self._hits.add(word)

    def may_reach(self, draft: Context, source: Context, threshold: float) -> bool:
        return self.reaching(draft, [source], threshold)[0]

    def reaching(self, draft: Context, sources: Sequence[Context], threshold: float) -> list[bool]:
        """`may_reach` of each source (one call for the many figures near a number)."""
        self._meet(draft)
        out: list[bool] = []
        if not self._total:
            return [threshold <= 0.0] * len(sources)
        hits, matching, words = self._hits, self._matching, self._words
        for source in sources:
            weights = source.weights
            if not weights:
                out.append(threshold <= 0.0)
                continue
            new = weights.keys() - matching.keys()
            if new:
                self._learn(new)
            common = weights.keys() & hits
            if not common:
                out.append(threshold <= _MARGIN)  # (nothing shared: the bound is 0)
                continue
            best: dict[str, float] = {}
            for word in common:
                weight = weights[word]
                for w in matching[word]:
                    if weight > best.get(w, 0.0):
                        best[w] = weight
            share = sum(words[w] * v for w, v in best.items()) / self._total
            bound = min(1.0, share + _SAME_DIRECTION) if share > 0 else 0.0
            out.append(bound + _MARGIN >= threshold)
        return out

    def alike(self, draft: Context, source: Context) -> dict[str, list[str]]:
        """For each draft word, the source's words it may match, in the source's order (the
        order `word_match` reads them in: the first of equal likeness counts)."""
        self._meet(draft)
        self._learn(source.weights.keys() - self._matching.keys())
        out: dict[str, list[str]] = {}
        hits = self._hits
        for word in source.weights:
            if word in hits:
                for w in self._matching[word]:
                    out.setdefault(w, []).append(word)
        return out


def _alike(word: str, candidate: str) -> bool:
    if word == candidate:
        return True
    short, long_ = (word, candidate) if len(word) <= len(candidate) else (candidate, word)
    if len(short) >= PREFIX_MIN and long_.startswith(short[: max(PREFIX_MIN, len(short) - 2)]):
        return True
    if len(word) >= 4 and not word.isdigit():
        return process.extractOne(word, [candidate], scorer=fuzz.ratio, score_cutoff=84) is not None
    return False
