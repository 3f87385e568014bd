"""The year of a cited work: as the text says it ("its 2016 survey", "published in March 2019"), else
inferred from the citing source's date.
"""

from __future__ import annotations

import datetime as dt
import re

from citekit.cites.spans import sentence_at
from citekit.cites.titles import YEAR
from citekit.cites.vocabulary import MONTHS, WINDOW, WORK_NOUN_ALTERNATION
from citekit.models import CitedWork
from citekit.read.segment import Segment

_YEAR_PUBLISHED = re.compile(
    r"\b(?:published|released|issued|launched|dated|produced|conducted|carried out|compiled)\s+"
    rf"(?:(?:on|in|last)\s+)?(?:(?:{MONTHS})\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
)
_YEAR_BEFORE_NOUN = re.compile(
    rf"\b(?:its|their|the|a|an|his|her)\s+(?P<year>(?:19|20)\d{{2}})\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUN_ALTERNATION})\b",
    re.IGNORECASE,
)
_YEAR_IN_PARENS = re.compile(r"[\"'\u201d\u2019]?\s*\((?P<year>(?:19|20)\d{2})\)")
# "a report published on Tuesday", "released this week", "a new report": the work came out when the
# source did, so a year inside its title ("... Report for 2022") is the period it covers.
_PUBLISHED_LATELY = re.compile(
    r"\b(?:published|released|issued|launched|unveiled|presented|out)\s+(?:on\s+|late\s+|early\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|this\s+week"
    r"|this\s+month|last\s+week|earlier\s+this\s+(?:week|month))\b"
    rf"|\b(?:a|the|its|their)\s+new\s+(?:[\w-]+\s+)?(?:{WORK_NOUN_ALTERNATION})\b",
    re.IGNORECASE,
)


_A_YEAR = re.compile(r"(?:19|20)\d{2}")


# --- years ------------------------------------------------------------------------------------------


def set_year(
    text: str,
    segs: list[Segment],
    work: CitedWork,
    intro: tuple[int, int],
    source_date: dt.date | None,
) -> None:
    """Year from the text when it says so ('its 2016 survey', 'published in March 2019'), else inferred.

    A year later than the source's own date cannot be the year of a work the source cites.
    """
    limit = source_date.year if source_date else None
    spans = [(min(intro[0], work.start), work.end)] + [(s.start, s.end) for s in work.mentions]
    found: int | None = None
    for start, end in spans:
        seg = sentence_at(segs, start)
        if seg is None:
            continue
        after = _YEAR_IN_PARENS.match(text, end)
        candidates = [int(after.group("year"))] if after else []
        low, high = max(seg.start, start - WINDOW), min(seg.end, end + WINDOW)
        # Both patterns below hold a year, inside the wider of their windows.
        if _A_YEAR.search(text, low, high) is not None:
            for m in _YEAR_BEFORE_NOUN.finditer(
                text, max(seg.start, start - 10), min(seg.end, end + 30)
            ):
                candidates.append(int(m.group("year")))
            for m in _YEAR_PUBLISHED.finditer(text, low, high):
                candidates.append(int(m.group("year")))
        for year in candidates:
            if limit is None or year <= limit:
                found = year
                break
        if found is not None:
            break
    last_word = work.title.split()[-1] if work.title.split() else ""
    if found is None and YEAR.match(last_word) and not _published_lately(text, segs, spans):
        # "Moving Forward 2023": a year closing the title, unless the text says the work is new.
        year = int(last_word)
        found = year if limit is None or year <= limit else None
    if found is not None:
        work.year, work.year_inferred = found, False
    elif source_date is not None:
        work.year, work.year_inferred = source_date.year, True


def _published_lately(text: str, segs: list[Segment], spans: list[tuple[int, int]]) -> bool:
    """Whether the text says, near any of the work's places, that the work is new."""
    for start, end in spans:
        seg = sentence_at(segs, start)
        if seg is not None and _PUBLISHED_LATELY.search(
            text, max(seg.start, start - WINDOW), min(seg.end, end + WINDOW)
        ):
            return True
    return False
