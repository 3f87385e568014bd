"""Figure extraction: every number of a text, read the way a careful fact-checker reads it.

`extract_figures(text)` is pure (no I/O, no global mutable state) and returns figures sorted by start.
Each figure's `text` is exactly `source[start:end]`. The span covers the whole claim as written: the
qualifier ("nearly 3000", "more than 4,200"), the currency ("$1.2bn", "US$58.24"), the magnitude
("2.3 million"), the percent sign or words ("41%", "5 per cent") and a unit of measure or time
("5km", "40 mph", "three years"), and for a range its opening word ("between 120 and 150"). A counted
noun is not part of the span: in "1,300 Tajik nationals" the figure is "1,300" and its unit is
"Tajik nationals", so that "400 of the 3,417 fighters" yields two figures with their own spans.
"""

from __future__ import annotations

from bisect import bisect_right

from citekit.extract.scanner import Quantity, scan_paragraph
from citekit.models import Figure
from citekit.segment import paragraphs, split_paragraph

__all__ = ["extract_figures"]


def extract_figures(text: str) -> list[Figure]:
    """All figures of `text` (including dates, years, times and ordinals), sorted by start."""
    figures: list[Figure] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        found = scan_paragraph(text, p_start, p_end)
        if not found:
            continue
        spans = list(split_paragraph(text, p_start, p_end))
        starts = [s for s, _ in spans]
        for q in found:
            k = bisect_right(starts, q.num_start) - 1
            s_start, s_end = spans[k] if k >= 0 else (p_start, p_end)
            figures.append(_to_figure(text, q, s_start, s_end, index))
    return figures


def _to_figure(text: str, q: Quantity, s_start: int, s_end: int, paragraph: int) -> Figure:
    value = q.value
    if value is not None and float(value).is_integer():
        value = float(value)
    return Figure(
        text=text[q.start:q.end],
        start=q.start,
        end=q.end,
        value=value,
        low=q.low,
        high=q.high,
        unit=q.unit,
        kind=q.kind,
        qualifier=q.qualifier,
        sentence_start=s_start,
        sentence_end=s_end,
        paragraph=paragraph,
    )
