"""Realigning a re-recorded source's figures with its old ones, in time near linear in their number.

A figure still there keeps its id: first by exact signature (its text and sentence), then by the
same sentence shape with a new value (the sentence with the figure cut out, compared by
similarity, at least 90). Compared pair by pair over whole sentences this is cubic in the
figures of a sentence (a flattened table is one sentence of hundreds of figures), so:

- the sentence shapes equal outright (a value changed, nothing else) are found by dictionary;
- a sentence longer than `WINDOW * 2` characters is compared by the `WINDOW` characters either
  side of the figure, not whole, so each comparison costs a bounded time;
- when the pairs left to compare are more than `PAIR_BUDGET`, each new figure is compared with
  the `NEIGHBOURS` old figures of its kind either side of where it stands in the old order,
  rather than with all of them.

Normal re-recordings (sentences of news length, a few changed figures) take the whole search,
exactly as a pair-by-pair comparison would.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz

from citekit.library import annotations as ann

WINDOW = 300
PAIR_BUDGET = 20_000
NEIGHBOURS = 8
THRESHOLD = 90


def shape(annotation: dict[str, Any]) -> str:
    """The sentence of a figure with the figure cut out (its first occurrence, as `#`); a long
    sentence only around the figure's own place."""
    body = annotation["body"]
    passage = body["passage"]
    exact, text = passage["exact"], body["text"]
    if len(exact) <= 2 * WINDOW:
        return exact.replace(text, "#", 1)
    position = ann.selectors(annotation)[1] or {}
    start, passage_start = position.get("start"), passage.get("start")
    at = start - passage_start if isinstance(start, int) and isinstance(passage_start, int) else -1
    if not 0 <= at <= len(exact) or exact[at : at + len(text)] != text:
        at = max(exact.find(text), 0)
    return exact[max(0, at - WINDOW) : at] + "#" + exact[at + len(text) : at + len(text) + WINDOW]


def realign(
    drafts: list[dict[str, Any]],
    unmatched_old: dict[str, dict[str, Any]],
    assigned: dict[int, str],
    on_match: Callable[[int, str, dict[str, Any]], None],
) -> None:
    """Match each draft not yet `assigned` to the best unmatched old figure of its kind by shape
    (score at least THRESHOLD; ties to the earliest old figure), in draft order. Each match is
    removed from `unmatched_old`, entered in `assigned`, and passed to `on_match`."""
    pending = [i for i in range(len(drafts)) if i not in assigned]
    if not pending or not unmatched_old:
        return
    order = {old_id: n for n, old_id in enumerate(unmatched_old)}
    shapes = {old_id: shape(a) for old_id, a in unmatched_old.items()}
    by_shape: dict[tuple[str, str], deque[str]] = {}
    by_kind: dict[str, list[int]] = {}
    for old_id, a in unmatched_old.items():
        kind = a["body"].get("kind")
        by_shape.setdefault((kind, shapes[old_id]), deque()).append(old_id)
        by_kind.setdefault(kind, []).append(order[old_id])
    ids = list(unmatched_old)
    whole = len(pending) * len(unmatched_old) <= PAIR_BUDGET
    new_rank: dict[int, int] = {}  # a draft's place among the pending drafts of its kind
    counts: dict[str, int] = {}
    for i in pending:
        kind = drafts[i]["body"]["kind"]
        new_rank[i] = counts.get(kind, 0)
        counts[kind] = new_rank[i] + 1
    olds_total = {kind: len(ranks) for kind, ranks in by_kind.items()}
    for i in pending:
        draft = drafts[i]
        kind = draft["body"]["kind"]
        remaining = by_kind.get(kind)
        if not remaining:
            continue
        new_shape = shape(draft)
        best_id = None
        same = by_shape.get((kind, new_shape))
        while same and same[0] not in unmatched_old:
            same.popleft()
        if same:  # score 100: nothing can beat it, and the earliest wins ties
            best_id = same[0]
        else:
            if whole:
                candidates = remaining
            else:
                target = new_rank[i] * olds_total[kind] // counts[kind]
                at = bisect.bisect_left(remaining, target)
                candidates = remaining[max(0, at - NEIGHBOURS) : at + NEIGHBOURS]
            best_score = 0.0
            for n in candidates:
                score = fuzz.ratio(shapes[ids[n]], new_shape, score_cutoff=THRESHOLD)
                if score > best_score:
                    best_id, best_score = ids[n], score
            if best_score < THRESHOLD:
                best_id = None
        if best_id is None:
            continue
        del remaining[bisect.bisect_left(remaining, order[best_id])]
        assigned[i] = best_id
        on_match(i, best_id, unmatched_old.pop(best_id))
