"""The library's figures as matching reads them, looked up in the index as matching asks.

`FigureIndex` holds figure records given whole; this one reads the derived index instead and
loads only what a draft needs: the figures of the sources it cites (and of the works they
cite), the figures whose value is near one of its numbers, and the sentences of those matching
reads. Figures that read alike (the same quantity in the same sentence, with the same other
figures in it: one story recorded from two outlets) form one group, judged once. Word rarities
come from the counts the index keeps. What it answers is what `FigureIndex` over every figure
of the library answers, number for number.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from citekit.check.matching.context import Context
from citekit.check.matching.index import NearGroup, _Entry
from citekit.check.matching.quantity import Quantity
from citekit.check.matching.reach import Reach
from citekit.library.index.candidates import FigureQueries, Row, loads_all
from citekit.library.index.contexts import decode_all, sentence_contexts


class LibraryRarities:
    """Word rarities as `inverse_frequencies` gives them over the library's sentences, read
    from the index one word at a time (matching asks for the draft's words only)."""

    def __init__(self, queries: FigureQueries) -> None:
        self.queries = queries
        self.total = queries.sentences()
        self.known: dict[str, float | None] = {}

    def __bool__(self) -> bool:
        return self.total > 0

    def prefetch(self, words: Iterable[str]) -> None:
        wanted = [w for w in dict.fromkeys(words) if w not in self.known]
        found = self.queries.frequencies(wanted)
        for word in wanted:
            self.known[word] = self._idf(found[word]) if word in found else None

    def _idf(self, count: int) -> float:
        return 1.0 + math.log((self.total + 1) / (count + 0.5))

    def get(self, word: str, default: float | None = None) -> float | None:
        if word not in self.known:
            self.prefetch([word])
        value = self.known[word]
        return default if value is None else value


class StoredFigureIndex:
    """`FigureIndex`'s lookups (`held_by`, `near`, `near_groups`, `context`, `idf`) over the
    derived index."""

    def __init__(self, queries: FigureQueries, wanted: Iterable[tuple[float, float]] = ()):
        self.queries = queries
        self.entries: list[_Entry] = []
        self.rows: list[Row] = []
        self.local: dict[int, int] = {}
        self.by_key: dict[str, list[int]] = {}
        self.contexts: dict[str, Context] = {}
        self.members: dict[str, list[int]] = {}
        self.points: list[float] = []
        self.groups: list[NearGroup] = []
        self.grouped: set[str] = set()
        self.by_quantity: dict[Quantity, list[NearGroup]] = {}
        self.spans: list[tuple[float, float]] = []
        self.idf: LibraryRarities = LibraryRarities(queries)
        self.reach = Reach()
        self._load_near(_merged([_span(v, s) for v, s in wanted]))

    # -- figures ---------------------------------------------------------------------------

    def _add(self, row: Row) -> int:
        i = self.local.get(row.id)
        if i is None:
            i = self.local[row.id] = len(self.entries)
            self.entries.append(_Entry(row.record, Quantity.of(row.record)))
            self.rows.append(row)
        return i

    def held_by(self, keys: Iterable[str]) -> list[int]:
        wanted = list(dict.fromkeys(keys))
        missing = [k for k in wanted if k not in self.by_key]
        if missing:
            self._load_keys(missing)
        seen: dict[int, None] = {}
        for key in wanted:
            for i in self.by_key.get(key, ()):
                seen.setdefault(i, None)
        return list(seen)

    def _load_keys(self, keys: Sequence[str]) -> None:
        asked = set(keys)
        for key in keys:
            self.by_key[key] = []
        for row in self.queries.held_by(keys):  # in the library's order
            i = self._add(row)
            f = row.record
            if str(f.get("source")) in asked:
                self.by_key[str(f.get("source"))].append(i)
            work = f.get("attributed_to")
            credited = work and not f.get("attributed_party") and work != f.get("source")
            if credited and str(work) in asked:
                self.by_key[str(work)].append(i)

    def may_reach(self, draft: Context, source: Context, threshold: float) -> bool:
        """Whether `similarity(draft, source)` may reach `threshold` (see matching.reach)."""
        return self.reach.may_reach(draft, source, threshold)

    def reaching(self, draft: Context, sources: Sequence[Context], threshold: float) -> list[bool]:
        return self.reach.reaching(draft, sources, threshold)

    def alike(self, draft: Context, source: Context) -> dict[str, list[str]]:
        return self.reach.alike(draft, source)

    def position(self, i: int) -> tuple[Any, ...]:
        point = self.entries[i].quantity.point
        row = self.rows[i]
        return (0.0 if point is None else point, row.source, row.pos)

    # -- by value --------------------------------------------------------------------------

    def _load_near(self, spans: Sequence[tuple[float, float]]) -> None:
        found: list[NearGroup] = []
        quantities: dict[str, Quantity] = {}  # one object for each quantity, however many hold it
        for low, high in spans:
            rows = [r for r in self.queries.groups_between(low, high) if r[0] not in self.grouped]
            new = [t for t in dict.fromkeys(t for _key, t in rows) if t not in quantities]
            for text, record in zip(new, loads_all(new), strict=True):
                quantities[text] = Quantity.of(record)
            for match_key, quantity in rows:
                q = quantities[quantity]
                if q.point is None or not low <= q.point <= high:
                    continue
                self.grouped.add(match_key)
                found.append(NearGroup(match_key, q, q.point))
        for group in found:
            self.by_quantity.setdefault(group.quantity, []).append(group)
        if found:
            self.groups = sorted([*self.groups, *found], key=lambda g: g.point)
            self.points = [g.point for g in self.groups]
        self.spans = _merged([*self.spans, *spans])

    def near_groups(
        self, value: float, step: float, skip: Collection[int] = frozenset()
    ) -> list[NearGroup]:
        low, high = _span(value, step)
        if not any(a <= low and high <= b for a, b in self.spans):
            self._load_near([(low, high)])
        lo = bisect.bisect_left(self.points, low)
        hi = bisect.bisect_right(self.points, high)
        groups = self.groups[lo:hi]
        if not skip:
            return groups
        skipped = {self.rows[i].match_key for i in skip}
        return [g for g in groups if g.key not in skipped or self.group_members(g, skip)]

    def group_members(self, group: NearGroup, skip: Collection[int] = frozenset()) -> list[int]:
        members = self.members.get(group.key)
        if members is None:
            members = self.members[group.key] = []
            for fid, source, pos, text, sentence_key in self.queries.member_texts(group.key):
                i = self.local.get(fid)
                if i is None:  # (its record is read when wanted: its quantity is the group's)
                    i = self.local[fid] = len(self.entries)
                    self.entries.append(_Entry(None, group.quantity, text))
                    self.rows.append(Row(fid, source, pos, {}, group.key, sentence_key))
                members.append(i)
        return [i for i in members if i not in skip]

    def near(self, value: float, step: float) -> list[int]:
        ids = [i for g in self.near_groups(value, step) for i in self.group_members(g)]
        return sorted(ids, key=self.position)

    # -- words -----------------------------------------------------------------------------

    def group_context(self, group: NearGroup) -> Context:
        context = self.contexts.get(group.key)
        if context is None:
            # Whether a figure agrees with a number depends on its quantity alone: when one
            # group of a quantity is compared, all are (they share its value), so their
            # contexts are read together.
            keys = [g.key for g in self.by_quantity[group.quantity] if g.key not in self.contexts]
            self._read_contexts(keys)
            context = self.contexts.get(group.key)
            if context is None:  # (an index without it: read from the figure's sentence)
                rows = self.queries.members(group.key)
                context = self._context_of(rows[0]) if rows else Context({}, {})
        return context

    def group_contexts(self, groups: Sequence[NearGroup]) -> list[Context]:
        """`group_context` of each group, those not read yet read together."""
        self._read_contexts(
            list(dict.fromkeys(g.key for g in groups if g.key not in self.contexts))
        )
        return [self.group_context(g) for g in groups]

    def contexts_of(self, ids: Sequence[int]) -> list[Context]:
        """`context` of each figure, those not read yet read together."""
        keys = [self.rows[i].match_key for i in ids]
        self._read_contexts(list(dict.fromkeys(k for k in keys if k not in self.contexts)))
        return [self.context(i) for i in ids]

    def context(self, i: int) -> Context:
        row = self.rows[i]
        context = self.contexts.get(row.match_key)
        if context is None:
            self._read_contexts([row.match_key])
            context = self.contexts.get(row.match_key) or self._context_of(row)
        return context

    def _read_contexts(self, keys: Sequence[str]) -> None:
        found = self.queries.contexts(keys)
        for key, context in zip(found, decode_all(list(found.values())), strict=True):
            self.contexts[key] = context

    def _context_of(self, own: Row) -> Context:
        """As `FigureIndex.context`: a figure's words, shared with its sentence's figures."""
        sentence = self.queries.siblings(own.source, own.sentence_key)
        mine = next((r.record for r in sentence if r.id == own.id), own.record)
        others = [r.record for r in sentence if r.id != own.id]
        context = sentence_contexts([mine, *others])[0]
        self.contexts[own.match_key] = context
        return context


def _span(value: float, step: float) -> tuple[float, float]:
    """What `FigureIndex.near` reaches: one step either side (rounding reaches no farther)."""
    reach = max(step, abs(value) * 1e-9)
    return value - reach, value + reach


def _merged(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out
