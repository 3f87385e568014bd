"""The date a PDF report gives itself, read from its first pages.

A report states its date on its title page ("March 2020", "12 March 2020") or in its imprint
("Published 4 May 2021", "Publication date: 2019-11-30"). That is its date. The file's creation
date is only when this copy was made: a report printed to PDF, converted or re-saved today would
otherwise be dated today and get a wrong year in its permanent key. So the document's own words
come first, the file's creation date only when they state none, and a creation date of today or
later is never taken: the entry is left undated, with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from citekit.read.formats.pagedates import MONTH_NAME, MONTHS

_MONTH = rf"(?P<month>{MONTH_NAME})\.?"
_DATE = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d{{2}})"
    rf"|(?P<month2>[A-Za-z]{{3,9}})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year2>(?:19|20)\d{{2}})"
    rf"|(?P<month3>[A-Za-z]{{3,9}})\s+(?P<year3>(?:19|20)\d{{2}})"
    r"|(?P<year4>(?:19|20)\d{2})-(?P<month4>\d{2})-(?P<day4>\d{2}))"
)
_LABELLED = re.compile(
    r"\b(?:first\s+)?(?:published|publication\s+date|date\s+of\s+publication|released|issued)"
    rf"(?:\s+(?:on|in))?\s*:?\s*{_DATE}(?![\w-])",
    re.IGNORECASE,
)
_ALONE = re.compile(rf"^[\W_]*{_DATE}[\W_]*$", re.IGNORECASE)
_AT_END = re.compile(rf"[|,\u2013\u2014-]\s*{_DATE}[\W_]*$", re.IGNORECASE)
_SHORT_LINE = 10  # words: a title-page line, not a sentence that mentions a date


def document_date(pages: list[str]) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` as the report states its own date, or None."""
    head = pages[:3]
    for text in head:
        found = _LABELLED.search(" ".join(text.split()))
        if found and (value := _value(found)):
            return value
    for text in head[:2]:
        for line in text.split("\n"):
            line = " ".join(line.split())
            if not line or len(line.split()) > _SHORT_LINE:
                continue
            found = _ALONE.match(line) or _AT_END.search(line)
            if found and (value := _value(found)):
                return value
    return None


def _value(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = groups.get("year") or groups.get("year2") or groups.get("year3") or groups.get("year4")
    month_name = groups.get("month") or groups.get("month2") or groups.get("month3")
    day = groups.get("day") or groups.get("day2") or groups.get("day4")
    if groups.get("month4"):
        month = int(groups["month4"])
    else:
        month = MONTHS.get((month_name or "").lower().rstrip("."), 0)
    if not year or not 1 <= month <= 12:
        return None
    try:
        if day:
            found = dt.date(int(year), month, int(day))
            return found.isoformat() if found <= dt.date.today() else None
        if (int(year), month) > (dt.date.today().year, dt.date.today().month):
            return None
        return f"{int(year):04d}-{month:02d}"
    except ValueError:
        return None


def file_date(created: dt.datetime | None, name: str) -> tuple[str | None, str | None]:
    """(date, warning) from the file's creation date: never today's or a later one."""
    if created is None:
        return None, None
    day = created.date()
    if day >= dt.date.today():
        return None, (
            f"{name}: no date in the document, and its file was created today, which is not "
            "its date; left undated (give --date)"
        )
    return day.isoformat(), None
