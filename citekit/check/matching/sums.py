"""A number the draft computed: the sum of two figures of its cited sources."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from citekit.check.matching.discord import units_differ
from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import POINT, Quantity, agree, comparable
from citekit.check.matching.words import STOPWORDS, WORD, canonical

_SUM_LIMIT = 400  # cited figures searched for two that add up (pairs by bisection)


def sum_of(
    q: Quantity, index: FigureIndex, cited: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Two figures of the cited sources whose sum the draft's number states, exactly or as a
    faithful rounding ("about 5,100 homes" for 1,240 destroyed and 3,860 damaged)."""
    if q.value is None or q.kind == "percent" or q.value <= 0 or q.qualifier not in POINT:
        return None
    step = q.step() or 1.0
    pool = []
    for i in index.held_by(cited)[:_SUM_LIMIT]:
        e = index.entries[i].quantity
        if e.value is None or e.value <= 0 or e.qualifier not in POINT or not comparable(q, e):
            continue
        pool.append((e.value, i))
    pool.sort()
    pool = [
        (v, i)
        for v, i in pool
        if not units_differ(_counted(q), _counted(index.entries[i].quantity))
    ]
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
            qa, qb = Quantity.of(fa), index.entries[j].quantity
            if (
                fa.get("id") == fb.get("id")
                or not comparable(qb, qa)
                or units_differ(_counted(qa), _counted(qb))
            ):
                continue
            total = Quantity(f"{a + v:g}", a + v, unit=q.unit, kind=q.kind)
            if agree(q, total) is not None:
                return fa, fb
    return None


def _counted(q: Quantity) -> frozenset[str]:
    """What a number counts, as words: "12 bakers" and "three towns" count different things and
    are never added up."""
    if not q.unit:
        return frozenset()
    words = (canonical(w) for w in WORD.findall(q.unit.lower()))
    return frozenset(w for w in words if w not in STOPWORDS)
