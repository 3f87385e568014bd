"""Figure extraction: every number of a text, read the way a careful fact-checker reads it.

`extract_figures(text)` is pure (no I/O, no global mutable state) and returns figures sorted by start,
one paragraph at a time (memory stays flat, time is linear). Each figure's `text` is exactly
`source[start:end]`: readers work on the original string with offsets, so no shift map is needed.

What the span covers -- the whole claim as written:
- the qualifier: "nearly 3000", "more than 4,200", "at least 5,600", "100-odd", "50 or more";
- the currency and magnitude: "$1.2bn", "US$58.24", "£3.5m", "2.3 million", "USD 4.5 billion";
- percent, units of measure and time, and a rate: "41%", "5 per cent", "5km", "40 mph", "three
  years", "29 years old", "$1.23 a share", "1.2 million barrels a day";
- a range with its opening word: "between 120 and 150", "from £20 to £45", "10-15cm".
A counted noun is not part of the span: "1,300 Tajik nationals" gives text "1,300" and unit "Tajik
nationals", so that "400 of the 3,417 fighters" yields two figures, both counting "fighters".

How values read: `value` is the number (1.2e9 for "$1.2bn", 41 for "41%", 0.5 for "half"); a range
has `value` None and `low`/`high`; a vague quantity ("hundreds", "tens of thousands", "dozens") has
`value` None, qualifier "vague" and `low`/`high` spanning its order of magnitude (hundreds 100-1,000,
tens of thousands 10,000-100,000, dozens 12-144). Shares written as fractions ("a third of
voters") have kind "other". Dates, years, times of day and ordinals are returned with kinds
date/year/time/ordinal; numbers inside names and identifiers (Section 427, Big 12, 5G, COVID-19,
F-150, ID.3, phone numbers, page references) are not returned at all.
"""

from __future__ import annotations

from bisect import bisect_right

from citekit.extract.quantity import Quantity
from citekit.extract.scanner import scan_paragraph
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
