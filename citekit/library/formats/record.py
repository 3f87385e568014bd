"""A reference as every format sees it: what a printed bibliography needs, no bookkeeping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What a refs.bib entry is, whatever type it was given: page, report, article, book, misc.
_KINDS = {
    "online": "page",
    "webpage": "page",
    "techreport": "report",
    "report": "report",
    "article": "article",
    "book": "book",
}
# citekit's own notes (the works a source cites, who cites a work): never printed.
_BOOKKEEPING_NOTE = re.compile(r"^(Cites: |Cited by )")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Reference:
    key: str
    kind: str  # page, report, article, book, misc
    title: str = ""
    authors: list[str] = field(default_factory=list)  # people, BibTeX style "Last, First"
    organisation: str = ""  # a corporate author, or the institution behind a report
    publisher: str = ""  # the site or publisher
    journal: str = ""
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    urldate: str = ""
    url: str = ""
    doi: str = ""
    language: str = ""
    number: str = ""
    report_type: str = ""
    note: str = ""  # a note the user wrote
    related: list[str] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4]

    def date_parts(self) -> list[int]:
        m = _DATE.match(self.date)
        return [int(p) for p in m.groups() if p] if m else []


def split_names(value: str) -> list[str]:
    """A BibTeX name list: names split on ' and ' outside braces."""
    names, depth, start, i = [], 0, 0, 0
    while i < len(value):
        ch = value[i]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and value[i : i + 5].lower() == " and ":
            names.append(value[start:i].strip())
            start = i = i + 5
            continue
        i += 1
    names.append(value[start:].strip())
    return [n for n in names if n]


def _corporate(name: str) -> str | None:
    """'{Meridian Water Trust}' is a corporate name; 'Smith, Jane' is a person."""
    if len(name) > 2 and name[0] == "{" and name[-1] == "}" and "{" not in name[1:-1]:
        return name[1:-1].strip()
    return None


def from_fields(key: str, fields: dict[str, str], raw_authors: str | None = None) -> Reference:
    """A reference from a refs.bib entry's plain fields (`raw_authors`: the author value with its
    grouping braces, which tell a corporate name from a person)."""
    entry_type = fields.get("ENTRYTYPE", "misc").lower()
    kind = _KINDS.get(entry_type, "misc")
    if kind == "misc" and fields.get("url"):
        kind = "page"
    ref = Reference(key=key, kind=kind, title=fields.get("title", ""))
    for name in split_names(raw_authors if raw_authors is not None else fields.get("author", "")):
        corporate = _corporate(name)
        if corporate:
            ref.organisation = ref.organisation or corporate
        else:
            ref.authors.append(name.replace("{", "").replace("}", ""))
    ref.organisation = (
        fields.get("institution") or fields.get("organization") or ref.organisation
    )
    ref.publisher = fields.get("publisher") or fields.get("howpublished", "")
    ref.journal = fields.get("journaltitle") or fields.get("journal", "")
    ref.date = _date_of(fields)
    ref.urldate = fields.get("urldate", "")
    ref.url = fields.get("url", "")
    ref.doi = fields.get("doi", "")
    ref.language = fields.get("language") or fields.get("langid", "")
    ref.number = fields.get("number", "")
    kind_word = fields.get("type", "")
    if kind_word.lower() not in ("", "misc", "online", entry_type):
        ref.report_type = kind_word
    note = fields.get("note", "")
    if note and not _BOOKKEEPING_NOTE.match(note):
        ref.note = note
    ref.related = [k.strip() for k in fields.get("related", "").split(",") if k.strip()]
    return ref


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _date_of(fields: dict[str, str]) -> str:
    date = fields.get("date", "")
    if _DATE.match(date):
        return _DATE.match(date).group(0)
    year = fields.get("year", "")
    if not re.fullmatch(r"\d{4}", year):
        return ""
    month = fields.get("month", "").strip().lower()[:3]
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{year}-{int(month):02d}"
    if month in _MONTHS:
        return f"{year}-{_MONTHS.index(month) + 1:02d}"
    return year


def to_fields(ref: Reference) -> tuple[str, dict[str, str]]:
    """refs.bib's entry type and fields for an imported reference."""
    entry_type = {"page": "online", "report": "techreport"}.get(ref.kind, ref.kind)
    authors = list(ref.authors)
    if not authors and ref.organisation and ref.kind == "report":
        authors = ["{" + ref.organisation + "}"]
    values = {
        "title": ref.title,
        "author": " and ".join(authors),
        "institution": ref.organisation if ref.kind == "report" else "",
        "organization": ref.organisation if ref.kind != "report" else "",
        "journal": ref.journal,
        "publisher": ref.publisher,
        "type": ref.report_type,
        "number": ref.number,
        "date": ref.date,
        "year": ref.year,
        "language": ref.language,
        "url": ref.url,
        "urldate": ref.urldate,
        "doi": ref.doi,
        "note": ref.note,
    }
    return entry_type, {k: v for k, v in values.items() if v}


def valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists (2020-02-29, not 2021-02-29)."""
    import datetime as dt

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
