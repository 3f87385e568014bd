"""Spans indexed for overlap queries, so that checking every clause or figure against every title and
mention stays near-linear on long texts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from citekit.models import Figure
from citekit.read.segment import Segment, sentences

_last_sentences: tuple[str, list[Segment]] | None = None


def sentences_of(text: str) -> list[Segment]:
    """The sentences of this very text object, split once: finding works and attributing figures
    read the same document (the list is shared: read it, do not change it)."""
    global _last_sentences
    if _last_sentences is None or _last_sentences[0] is not text:
        _last_sentences = (text, sentences(text))
    return _last_sentences[1]


def forget_sentences() -> None:
    """Drop the sentences kept for the last text."""
    global _last_sentences, _last_starts
    _last_sentences = _last_starts = None


_last_starts: tuple[list[Segment], list[int]] | None = None


def sentence_at(segs: list[Segment], pos: int) -> Segment | None:
    """The sentence of `segs` (in text order, not overlapping) that holds `pos`, or None: what
    `segment_at` answers, by a bisection over the starts (listed once per list of sentences)."""
    global _last_starts
    if _last_starts is None or _last_starts[0] is not segs:
        _last_starts = (segs, [seg.start for seg in segs])
    i = bisect_right(_last_starts[1], pos) - 1
    return segs[i] if i >= 0 and pos < segs[i].end else None


class Spans:
    """Spans indexed for overlap queries by bisection, so that checking every clause or figure against
    every title and mention stays near-linear on long texts. Spans may nest."""

    def __init__(self, spans: Iterable[tuple[int, int, int]] = ()) -> None:
        items = sorted(spans)
        self._starts = [s for s, _, _ in items]
        self._ends = [e for _, e, _ in items]
        self._values = [v for _, _, v in items]
        self._max_end: list[int] = []
        best = -1
        for end in self._ends:
            best = max(best, end)
            self._max_end.append(best)

    def overlapping(self, lo: int, hi: int) -> int | None:
        """The value of the last-starting span that overlaps [lo, hi), or None."""
        i = bisect_left(self._starts, hi) - 1
        while i >= 0 and self._max_end[i] > lo:
            if self._ends[i] > lo:
                return self._values[i]
            i -= 1
        return None

    def __contains__(self, pos: int) -> bool:
        return self.overlapping(pos, pos + 1) is not None


def figures_by_sentence(
    segs: list[Segment], figures: list[Figure], title_spans: Spans
) -> dict[int, list[int]]:
    """The indexes of the figures each sentence holds, in order: only those that may be credited
    (a figure, not part of a title)."""
    starts = [seg.start for seg in segs]
    ends = [seg.end for seg in segs]
    figures_at: dict[int, list[int]] = {}
    at, last = -1, len(starts) - 1
    for index, fig in enumerate(figures):
        pos = fig.start
        if at >= 0 and pos < starts[at]:
            at = bisect_right(starts, pos) - 1  # out of text order: look it up
        else:
            # The last sentence starting at or before `pos`, walking on from the last one.
            while at < last and starts[at + 1] <= pos:
                at += 1
        if (
            at >= 0
            and pos < ends[at]
            and fig.is_figure
            and title_spans.overlapping(pos, pos + 1) is None
        ):
            found = figures_at.get(at)
            if found is None:
                figures_at[at] = [index]
            else:
                found.append(index)
    return figures_at
