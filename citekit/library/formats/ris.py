"""RIS, as Zotero and EndNote read and write it (through rispy)."""

from __future__ import annotations

from typing import Any

import rispy

from citekit.library.formats.record import Reference

_TYPES = {"page": "ELEC", "report": "RPRT", "article": "JOUR", "book": "BOOK", "misc": "GEN"}
_KINDS = {v: k for k, v in _TYPES.items()} | {"WEB": "page", "NEWS": "article", "MGZN": "article"}


def _ris_date(value: str) -> str:
    parts = value.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _iso(value: str) -> str:
    parts = [p for p in str(value or "").split("/") if p.strip()][:3]
    return "-".join(parts)


def to_ris(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"type_of_reference": _TYPES.get(ref.kind, "GEN"), "id": ref.key}
    values = {
        "title": ref.title,
        "authors": ref.authors,
        "secondary_title": ref.journal or (ref.publisher if ref.kind == "page" else ""),
        "publisher": ref.organisation or (ref.publisher if ref.kind != "page" else ""),
        "type_of_work": ref.report_type,
        "number": ref.number,
        "year": ref.year,
        "date": _ris_date(ref.date) if ref.date else "",
        "access_date": _ris_date(ref.urldate) if ref.urldate else "",
        "urls": [ref.url] if ref.url else [],
        "doi": ref.doi,
        "language": ref.language,
        "notes": [ref.note] if ref.note else [],
    }
    item.update({k: v for k, v in values.items() if v})
    return item


class _Writer(rispy.RisWriter):
    """Records start at their TY line, with no numbered header line between them."""

    def set_header(self, count: int) -> str:
        return ""


def dumps(refs: list[Reference]) -> str:
    return rispy.dumps([to_ris(r) for r in refs], implementation=_Writer)


def loads(text: str) -> list[dict[str, Any]]:
    return rispy.loads(text)


def from_ris(item: dict[str, Any], fallback_key: str) -> Reference:
    kind = _KINDS.get(str(item.get("type_of_reference", "")), "misc")
    ref = Reference(key=str(item.get("id") or fallback_key), kind=kind)
    ref.title = str(item.get("title") or item.get("primary_title") or "")
    ref.authors = list(item.get("authors") or item.get("first_authors") or [])
    second = str(item.get("secondary_title") or item.get("journal_name") or "")
    publisher = str(item.get("publisher", ""))
    if kind == "page":
        ref.publisher = second or publisher
        ref.organisation = publisher if second else ""
    else:
        ref.journal = second if kind == "article" else ""
        ref.organisation = publisher if kind in ("report", "misc") else ""
        ref.publisher = publisher if kind == "book" else ""
    ref.report_type = str(item.get("type_of_work", ""))
    ref.number = str(item.get("number", ""))
    ref.date = _iso(item.get("date", "")) or str(item.get("year", ""))[:4]
    ref.urldate = _iso(item.get("access_date", ""))
    urls = item.get("urls") or []
    ref.url = str(urls[0]) if urls else ""
    ref.doi = str(item.get("doi", ""))
    ref.language = str(item.get("language", ""))
    ref.note = "; ".join(item.get("notes") or [])
    return ref
