"""The library's figures, by citing key and by value, with their contexts built on demand."""

from __future__ import annotations

import bisect
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from citekit.check.matching.context import Context, inverse_frequencies
from citekit.check.matching.quantity import Quantity
from citekit.library.index.contexts import figure_context, own_names

__all__ = ["FigureIndex", "NearGroup", "figure_context", "own_names", "sentence_key"]


@dataclass(frozen=True)
class NearGroup:
    """Figures near a value that read alike (their quantity, sentence and place in it): judged
    once, each reported. `key` names the group within its index."""

    key: Any
    quantity: Quantity
    point: float


class _Entry:
    """A figure record and its quantity; the record may be given as its JSON text, read when
    first asked for (a check holds many figures it never reports)."""

    __slots__ = ("_figure", "_text", "context", "quantity")

    def __init__(
        self, figure: dict[str, Any] | None, quantity: Quantity, text: str | None = None
    ) -> None:
        self._figure = figure
        self._text = text
        self.quantity = quantity
        self.context: Context | None = None

    @property
    def figure(self) -> dict[str, Any]:
        if self._figure is None:
            self._figure = json.loads(self._text or "{}")
            self._text = None
        return self._figure


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

    def contexts_of(self, ids: Sequence[int]) -> list[Context]:
        return [self.context(i) for i in ids]

    def _raw(self, i: int) -> Context:
        raw = self.raw.get(i)
        if raw is None:
            raw = self.raw[i] = figure_context(self.entries[i].figure)
        return raw

    def _siblings(self, i: int) -> list[int]:
        if self.by_sentence is None:
            self.by_sentence = {}
            for j, entry in enumerate(self.entries):
                self.by_sentence.setdefault(sentence_key(entry.figure), []).append(j)
        return self.by_sentence.get(sentence_key(self.entries[i].figure), [])

    def held_by(self, keys: Iterable[str]) -> list[int]:
        seen: dict[int, None] = {}
        for key in keys:
            for i in self.by_key.get(key, ()):
                seen.setdefault(i, None)
        return list(seen)

    def near_groups(
        self, value: float, step: float, skip: Collection[int] = frozenset()
    ) -> list[NearGroup]:
        """`near`, as groups of figures that read alike, leaving out the figures in `skip`
        (a group of one figure each, here)."""
        return [
            NearGroup(i, self.entries[i].quantity, self._point(i))
            for i in self.near(value, step)
            if i not in skip
        ]

    def group_context(self, group: NearGroup) -> Context:
        return self.context(group.key)

    def group_contexts(self, groups: Sequence[NearGroup]) -> list[Context]:
        return [self.context(g.key) for g in groups]

    def group_members(self, group: NearGroup, skip: Collection[int] = frozenset()) -> list[int]:
        """The figures of a group outside `skip`, in the library's order."""
        return [] if group.key in skip else [group.key]

    def may_reach(self, draft: Context, source: Context, threshold: float) -> bool:
        """Whether `similarity(draft, source)` may reach `threshold` (here: always measured)."""
        return True

    def reaching(self, draft: Context, sources: Sequence[Context], threshold: float) -> list[bool]:
        """`may_reach` of each source."""
        return [True] * len(sources)

    def alike(self, draft: Context, source: Context) -> dict[str, list[str]] | None:
        """The source's words each draft word may match (`Reach.alike`; here: all of them)."""
        return None

    def position(self, i: int) -> tuple[Any, ...]:
        """Where a figure stands in `near`'s order (by value, then the library's order)."""
        return (self._point(i), i)

    def _point(self, i: int) -> float:
        point = self.entries[i].quantity.point
        return 0.0 if point is None else point

    def near(self, value: float, step: float) -> list[int]:
        """Figures whose value lies within one step of `value` (rounding reaches no farther)."""
        reach = max(step, abs(value) * 1e-9)
        lo = bisect.bisect_left(self.values, value - reach)
        hi = bisect.bisect_right(self.values, value + reach)
        return [self.order[k] for k in range(lo, hi)]


def sentence_key(figure: dict[str, Any]) -> tuple[str, str, Any]:
    return (
        str(figure.get("source")),
        str(figure.get("sentence") or ""),
        figure.get("sentence_start"),
    )
