"""Figure extraction: every number of a text, read the way a careful fact-checker reads it.

`extract_figures(text)` is pure (no I/O; the one thing kept is `sentences`' copy of the last long
text's sentence spans, which changes no result) and returns figures sorted by start, read one
paragraph at a time (time is linear; besides the figures, memory holds the sentence spans, which the
analysis after it shares). Each figure's `text` is exactly
`source[start:end]`: readers work on the original string with offsets, so no shift map is needed.

What the span covers -- the whole claim as written:
- the qualifier: "nearly 2000", "more than 6,100", "at least 7,900", "100-odd", "50 or more";
- the currency and magnitude: "$1.2bn", "US$58.24", "£3.5m", "2.3 million", "USD 4.5 billion";
- percent, units of measure and time, and a rate: "41%", "5 per cent", "5km", "40 mph", "three
  years", "29 years old", "$1.23 a share", "1.2 million barrels a day";
- a range with its opening word: "between 120 and 150", "from £20 to £45", "10-15cm".
A counted noun is not part of the span: "2,100 Welsh nurses" gives text "2,100" and unit "Welsh
nurses", so that "300 of the 2,846 nurses" yields two figures, both counting "nurses".

How values read: `value` is the number (1.2e9 for "$1.2bn", 41 for "41%", 0.5 for "half"); a range
has `value` None and `low`/`high`; a vague quantity ("hundreds", "tens of thousands", "dozens") has
`value` None, qualifier "vague" and `low`/`high` spanning its order of magnitude (hundreds 100-1,000,
tens of thousands 10,000-100,000, dozens 12-144). Shares written as fractions ("a third of
voters") have kind "other". Dates, years, times of day and ordinals are returned with kinds
date/year/time/ordinal; numbers inside names and identifiers (Section 427, Big 12, 5G, COVID-19,
F-150, ID.3, phone numbers, page references) are not returned at all.

Readings a careless extractor gets wrong, and why we read them so:
- A margin is not a negative: "plus or minus three percentage points", "+/-3", "±2.5%" have value
  3 (2.5), qualifier exact, and the marker in the span.
- "an average of 4.5 days" is exact: a mean is a stated value, not an approximation.
- "over" is "more than" only where it modifies the quantity ("over 4,000 people", "rose to over
  4,000", "for over five years"); "spend £2.5bn over five years" gives the period, and "spread over
  18.5 million hectares" the area, both exact and without "over" in the span.
- A rate per a base number is one figure: "0.8 per 1,000" has value 0.8, unit "per 1,000", kind
  other ("14.5 per 100,000 people": unit "per 100,000 people"); the base is not a count.
- Ages: "aged 18 to 34" is one range in years of age; "children under five" and "people over 65"
  are age bounds (kind duration, unit "years of age", qualifier kept), not counts of children.
- A glued "m" after a decimal ("Unemployment stood at 1.35m", "between 1.2m and 1.5m people") is a
  million unless the words around it speak of length ("rose 1.5m", "1.35m tall", "a depth of
  3.5m", "a 2.5m wall", "the river ... 4.5m"); after a whole number ("a 2m wall") it stays metres
  unless a plural noun or a currency says otherwise, or a counted subject comes before it ("a
  population of 8m", "viewers peaked at 12m"; but "tourists walked 400m to the falls").
- "magnitude 7.8", "7.8-magnitude", "magnitude-7.8": kind measure, unit "magnitude".
- Days of one date are a date: "between 10 and 14 May", "10-14 May", "May 10 to 14".
- "1,000s displaced", "100s of roads": vague, 1,000-10,000 and 100-1,000.
- Scores and tallies are two figures, not a range: "beat Arsenal 3-1", "lost 0-1", "a 10-12
  record", "voted 48-52" (a result word within a few words before, or record/win/vote after).
- "a third term", "a fifth straight month" are ordinals; "a third of voters", "cut by a third" shares.
- "over-65s", "Under 18s", "Over 60s": age bounds (years of age, more_than/less_than), not decades.
- "a year and a half", "an hour and a half" are 1.5 of the unit; "one and a half million" is 1.5e6.
- Multiples: "twice the average", "twice as many", "a fourfold rise" have unit "times", kind other
  ("met twice", "twice a week" are not figures).
- Names: "iPhone 15 units", "Boeing 737 Max jets", "S&P 500", "7-Eleven", "junction 10" and a
  bond's maturity ("the 10-year Treasury", "two-year gilt yields") are not figures; "R4.2bn" is rand.
  A model number stays a name before a plural noun when the name is a known numbered product line
  ("Windows 11 devices", "Fortune 500 companies") or is itself counted ("14 Falcon 9 rockets",
  "50 million PlayStation 5 consoles"); "Texas 14 counties" stays a count. Titles and charts
  ("Ocean's 11", "the Top 40") and glued "4x4 vehicles" are names too ("risen 3x" is a multiple).
- "1 in 3 households" keeps two figures (1 and 3), each with its own span and the counted noun
  (issue 3's "X in Y"); no ratio is computed, since a checker compares what the text wrote.
- Signs and forms: "minus-14 degrees" and "$-12.5bn" are negative; ".002", "1⁄32" (fraction
  slash), "3.00×10⁸", "1.67 × 10^-27", "1 234 567" (two space groups, or thin/no-break spaces) and
  "52 000" are one number each; values are scaled in decimal arithmetic and always finite.
- Magnitudes: "5 hundred", "4 hundred million", "8 B people", "4.3M" (a capital after a decimal),
  "S$2mil", "35m of its devices" (a plural counted after "of" + determiner) are scaled.
- Currency written first: "RM1,800" (ringgit), "$A3.1 billion", "$US3.40 a share".
- Units: one name per unit ("%" for per cent, ISO codes for money, "km/h" for km an hour, "m per
  second" for m/s); "28m2", "km2", "2.4Ghz", "μm", "m.p.h."; "a 30-second advert" is 30 seconds.
- Ranges: "$40 to $45 per share" is one range with the rate of both ends; "5-to-10-year",
  "0-to-60-mph", "from 200 sq m up to 800 sq m".
- A unit written once serves two numbers: "three or four days", "ten or eleven euros", "13- or
  15-inch" (the suspended hyphen in the span), "two-, three- or four-seat"; in a change, "from 3.1
  to 2.4 percent" and "from 90 kilograms to 78". "a three-bedroom flat" counts bedrooms.
- Years and counts: a four-digit number after a verb and before a lower-case plural noun counts it
  ("delivered 1650 food parcels"), as does one after "a total of"; "in 2019 researchers", "until
  2150", "A.D. 1100", "the 2020 elections" are years.
- Ages in apposition: "Tom Reyes, 52, was ..." is 52 years of age.
- Counted nouns after modifiers: "400 charging stations", "6 wind-powered pumping stations", "1.5M
  new and used cars", "police officers"; a verb is none ("About 900 commute ...").
- Not figures: "twice as <clause>" (how often), "a third-generation farmer" (an ordinal), model and house
  numbers ("five more 787 Dreamliners", "every 737 and A321", "the Nova 5 and 5 Max", "221 W 34th
  St", "12 Rue Cler", "the 90210 ZIP code", "the 520 bridge", "Leon Marsh (9)"), digits of
  web addresses, section headings ("3.2 Methodology"), dotted references ("Section 4.1"), page
  markers ("Page 4 of 12"), display resolutions ("1080p", "a 4K TV"), "No More 404".
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from citekit.extract.quantity import Quantity
from citekit.extract.scanner import LONG_LOWER, scan_paragraph, text_anchors
from citekit.models import Figure
from citekit.read.segment import Segment, sentences_and_paragraphs

__all__ = ["extract_figures"]


def extract_figures(text: str) -> list[Figure]:
    """All figures of `text` (including dates, years, times and ordinals), sorted by start."""
    figures: list[Figure] = []
    # The sentences and paragraphs of the whole text, split once: the analysis that follows asks
    # for the sentences too.
    segs, starts, ends = sentences_and_paragraphs(text)
    seg_count = len(segs)
    first = 0  # the first sentence of the paragraph at hand
    # The anchors (where figures may start) of the whole text, found once: only the paragraphs
    # holding any are read. Where `LONG_LOWER` stands, its own places join them, and a paragraph
    # holding it is read on its own, whether or not the whole text's scan found anchors in it.
    anchors = text_anchors(text)
    odd = LONG_LOWER in text
    if odd:
        anchors = sorted(anchors + [m.start() for m in _LONG_LOWER.finditer(text)])
    count = len(anchors)
    last = len(ends) - 1
    index = 0
    k = 0
    while k < count:
        # Every anchor lies in a paragraph (anchors are no white space): walk to the one holding it.
        anchor = anchors[k]
        while ends[index] <= anchor and index < last:
            index += 1
        p_start, p_end = starts[index], ends[index]
        stop = bisect_left(anchors, p_end, k)
        if odd and text.find(LONG_LOWER, p_start, p_end) >= 0:
            found = scan_paragraph(text, p_start, p_end)  # read as a paragraph on its own
        else:
            found = scan_paragraph(text, p_start, p_end, anchors[k:stop])
        k = stop
        if not found:
            continue
        while first < seg_count and segs[first].paragraph < index:
            first += 1
        _add_figures(text, found, index, p_start, p_end, segs, first, figures)
    return figures


_LONG_LOWER = re.compile(re.escape(LONG_LOWER))


def _add_figures(
    text: str,
    found: list[Quantity],
    index: int,
    p_start: int,
    p_end: int,
    segs: list[Segment],
    first: int,
    figures: list[Figure],
) -> None:
    """The figures of a paragraph's readings, each with its sentence (`first` is the paragraph's
    first sentence): figures come in order, so their sentences are found in one walk."""
    append = figures.append
    isfinite = math.isfinite
    seg_count = len(segs)
    at = first
    for q in found:
        value, low, high = q.value, q.low, q.high
        if (
            value is not None
            and not isfinite(value)
            or low is not None
            and not isfinite(low)
            or high is not None
            and not isfinite(high)
        ):
            continue  # never NaN or infinity: figures are strict JSON
        num_start = q.num_start
        while (
            at + 1 < seg_count
            and segs[at + 1].paragraph == index
            and segs[at + 1].start <= num_start
        ):
            at += 1
        if at < seg_count and segs[at].paragraph == index and segs[at].start <= num_start:
            s_start, s_end = segs[at].start, segs[at].end
        else:
            s_start, s_end = p_start, p_end
        if type(value) is int:
            value = float(value)  # values are floats whatever the reader that made them
        # positional arguments, in Figure's field order: a little faster for every figure
        append(
            Figure(
                text[q.start : q.end],
                q.start,
                q.end,
                value,
                low,
                high,
                q.unit,
                q.kind,
                q.qualifier,
                s_start,
                s_end,
                index,
            )
        )
