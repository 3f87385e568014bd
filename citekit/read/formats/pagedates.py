"""Dates as a page states them: parsed with their time zone, and one chosen for the entry.

A page gives its publication date in several places at once: JSON-LD, meta tags, ``<time>``
elements, the visible dateline, its address. They often differ only in form, but servers
commonly convert time stamps to UTC, and "21:11 on 8 November in Boston" becomes "02:11 on
9 November" there. A date is the date as the page states it to its readers, so:

* every stamp is parsed into the calendar date *written* in it, with its offset kept, never
  converted;
* a UTC stamp is read in the page's own zone when the page reveals it (another stamp carrying a
  non-UTC offset): that undoes the server's conversion;
* otherwise, a UTC stamp with a time loses to a local statement of the neighbouring day (a
  dateline, the address's date) when the two are one day apart, for the same reason.

Which stamp is the publication date is decided by tiers of evidence, best first: what the page
declares as its publication date (structured data, meta tags, marked-up ``<time>``), then what it
shows (a labelled dateline, the article's ``<time>``), then the date in its address, then a
heuristic guess. Within a tier the date most stamps agree on wins, ties going to precedence. A
wiki page's date is the date of its revision, since that is the version being cited.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

MONTHS = {  # month names and abbreviations -> number
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# a month's name or abbreviation, as text (no groups)
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*"
    r"(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)")
_TEXT_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
_TEXT_DMY = re.compile(rf"\b{_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")
_SLASHED = re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]\d)[/-](?P<day>[0-3]\d)(?=[/_.-]|$)"
    r"|[/_-](?P<year2>(?:19|20)\d{2})(?P<month2>[01]\d)(?P<day2>[0-3]\d)(?=[/_.-]|$)"
)
EARLIEST = dt.date(1991, 1, 1)  # no web page is older

# tiers of evidence for the publication date, best first ("modified" stamps of pages that are
# not wikis are never the date, but tell the page's time zone)
TIERS = ("revision", "declared", "shown", "address", "guess")


@dataclass(frozen=True)
class Stamp:
    """One date a page states: the calendar date as written, and its time and offset if any."""

    date: dt.date
    minutes: int | None = None  # minutes after midnight, when a time is given
    offset: int | None = None  # the zone's offset from UTC in minutes, when given

    @property
    def is_utc_time(self) -> bool:
        return self.minutes is not None and self.offset == 0

    def instant(self) -> dt.datetime | None:
        if self.minutes is None or self.offset is None:
            return None
        naive = dt.datetime.combine(self.date, dt.time()) + dt.timedelta(minutes=self.minutes)
        return naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=self.offset)))

    def in_zone(self, offset: int) -> Stamp:
        """The same instant written in another zone (only for stamps with a time and offset)."""
        moment = self.instant()
        if moment is None:
            return self
        local = moment.astimezone(dt.timezone(dt.timedelta(minutes=offset)))
        return Stamp(local.date(), local.hour * 60 + local.minute, offset)


@dataclass(frozen=True)
class DateSignal:
    stamp: Stamp
    tier: str  # one of TIERS
    origin: str  # where the page states it, e.g. "jsonld:datePublished", "meta:pubdate"
    local: bool = False  # stated to readers in their own terms (dateline, address)


def parse_stamp(value: str | None, today: dt.date | None = None) -> Stamp | None:
    """The date written in a machine or human date string, or None when it holds none."""
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text or len(text) > 200:
        return None
    stamp = _iso(text) or _rfc2822(text) or _textual(text)
    if stamp is None:
        return None
    today = today or dt.date.today()
    if not EARLIEST <= stamp.date <= today + dt.timedelta(days=1):
        return None
    return stamp


def _iso(text: str) -> Stamp | None:
    m = _ISO.search(text)
    if m is None:
        m = _COMPACT.fullmatch(text.strip()) or _SLASHED.search(text)
        if m is None:
            return None
        day = _date(m.group("year"), m.group("month"), m.group("day"))
        return Stamp(day) if day else None
    day = _date(m.group("year"), m.group("month"), m.group("day"))
    if day is None:
        return None
    if m.group("hour") is None:
        return Stamp(day)
    minutes = int(m.group("hour")) * 60 + int(m.group("minute"))
    if minutes >= 24 * 60:
        return Stamp(day)
    return Stamp(day, minutes, _offset(m.group("zone")))


def _offset(zone: str | None) -> int | None:
    if zone is None:
        return None
    if zone in ("Z", "UTC", "GMT"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _rfc2822(text: str) -> Stamp | None:
    if not re.match(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    offset = moment.utcoffset()
    return Stamp(
        moment.date(),
        moment.hour * 60 + moment.minute,
        int(offset.total_seconds() // 60) if offset is not None else None,
    )


def _textual(text: str) -> Stamp | None:
    for pattern in (_TEXT_MDY, _TEXT_DMY):
        m = pattern.search(text)
        if m:
            month = MONTHS.get(m.group("month").lower())
            if month:
                day = _date(m.group("year"), str(month), m.group("day"))
                if day:
                    return Stamp(day)
    return None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def url_stamp(url: str | None) -> Stamp | None:
    """The publication date many sites put in an article's address (/2020/12/23/...)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    m = _URL_DATE.search(path)
    if not m:
        return None
    year, month, day = (
        (m.group("year"), m.group("month"), m.group("day"))
        if m.group("year")
        else (m.group("year2"), m.group("month2"), m.group("day2"))
    )
    found = _date(year, month, day)
    return Stamp(found) if found and EARLIEST <= found <= dt.date.today() else None


def page_zone(signals: list[DateSignal]) -> int | None:
    """The page's own UTC offset: the commonest non-zero offset among its stamps."""
    offsets = Counter(s.stamp.offset for s in signals if s.stamp.offset)
    return offsets.most_common(1)[0][0] if offsets else None


def choose_date(signals: list[DateSignal]) -> DateSignal | None:
    """The publication date of the page (see the module's notes), or None when it states none."""
    if not signals:
        return None
    zone = page_zone(signals)
    if zone is not None:
        signals = [
            DateSignal(s.stamp.in_zone(zone), s.tier, s.origin, s.local)
            if s.stamp.is_utc_time
            else s
            for s in signals
        ]
    for tier in TIERS:
        group = [s for s in signals if s.tier == tier]
        if group:
            return _settle_zone(_agreed(group), signals)
    return None


def _agreed(group: list[DateSignal]) -> DateSignal:
    votes = Counter(s.stamp.date for s in group)
    best = max(votes.values())
    return next(s for s in group if votes[s.stamp.date] == best)


def _settle_zone(chosen: DateSignal, signals: list[DateSignal]) -> DateSignal:
    """A UTC time stamp gives way to a local statement of the neighbouring day, when some real
    time zone (UTC-12 to UTC+14) turns that instant into that day."""
    stamp = chosen.stamp
    if not stamp.is_utc_time or stamp.minutes is None:
        return chosen
    for other in signals:
        if not (other.local or other.stamp.offset not in (None, 0)):
            continue
        days = (other.stamp.date - stamp.date).days
        if (days == -1 and stamp.minutes < 12 * 60) or (days == 1 and stamp.minutes >= 10 * 60):
            theirs, ours = other.stamp.instant(), stamp.instant()
            if theirs is None or ours is None or abs(theirs - ours) < dt.timedelta(hours=1):
                return other
    return chosen
