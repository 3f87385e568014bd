"""CSL-JSON, as pandoc's citeproc and Zotero read and write it."""

from __future__ import annotations

import json
import re
from typing import Any

from citekit.library.formats.record import Reference

_TYPES = {
    "page": "webpage",
    "report": "report",
    "article": "article-journal",
    "book": "book",
    "misc": "document",
}
_KINDS = {v: k for k, v in _TYPES.items()} | {
    "article-newspaper": "article",
    "article-magazine": "article",
    "post-weblog": "page",
    "post": "page",
}


def _person(name: str) -> dict[str, str]:
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
    else:
        parts = name.split()
        family, given = parts[-1], " ".join(parts[:-1])
    return {"family": family, "given": given} if given else {"family": family}


def _date(value: str) -> dict[str, Any] | None:
    parts = [int(p) for p in re.findall(r"\d+", value)[:3]]
    return {"date-parts": [parts]} if parts else None


def to_csl(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.key, "type": _TYPES.get(ref.kind, "document")}
    if ref.title:
        item["title"] = ref.title
    if ref.authors:
        item["author"] = [_person(n) for n in ref.authors]
    site = ref.journal or (ref.publisher if ref.kind == "page" else "")
    if site:
        item["container-title"] = site
    publisher = ref.organisation or (ref.publisher if ref.kind != "page" else "")
    if publisher:
        item["publisher"] = publisher
    if ref.report_type:
        item["genre"] = ref.report_type
    for name, value in (("issued", ref.date), ("accessed", ref.urldate)):
        date = _date(value)
        if date:
            item[name] = date
    for name, value in (
        ("number", ref.number),
        ("URL", ref.url),
        ("DOI", ref.doi),
        ("language", ref.language),
        ("note", ref.note),
    ):
        if value:
            item[name] = value
    return item


def dumps(refs: list[Reference]) -> str:
    return json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


def _iso(date: Any) -> str:
    if not isinstance(date, dict):
        return ""
    parts = (date.get("date-parts") or [[]])[0]
    if not parts and date.get("raw"):
        return str(date["raw"])[:10]
    return "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts[:3]))


def _name(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return "{" + str(person["literal"]) + "}"
    family, given = person.get("family", ""), person.get("given", "")
    return f"{family}, {given}" if given else str(family)


def from_csl(item: dict[str, Any], fallback_key: str) -> Reference:
    kind = _KINDS.get(str(item.get("type", "")), "misc")
    ref = Reference(key=str(item.get("id") or fallback_key), kind=kind)
    ref.title = str(item.get("title", ""))
    names = [_name(p) for p in item.get("author") or [] if isinstance(p, dict)]
    ref.authors = [n for n in names if not n.startswith("{")]
    corporate = [n[1:-1] for n in names if n.startswith("{")]
    container = str(item.get("container-title", ""))
    publisher = str(item.get("publisher", ""))
    if kind == "page":
        ref.publisher = container or publisher
        ref.organisation = publisher if container else ""
    else:
        ref.journal = container if kind == "article" else ""
        ref.organisation = publisher if kind in ("report", "misc") else ""
        ref.publisher = publisher if kind == "book" else ""
    ref.organisation = ref.organisation or (corporate[0] if corporate else "")
    ref.report_type = str(item.get("genre", ""))
    ref.date = _iso(item.get("issued"))
    ref.urldate = _iso(item.get("accessed"))
    ref.number = str(item.get("number", ""))
    ref.url = str(item.get("URL", ""))
    ref.doi = str(item.get("DOI", ""))
    ref.language = str(item.get("language", ""))
    ref.note = str(item.get("note", ""))
    return ref


def loads(text: str) -> list[dict[str, Any]]:
    """The items of a CSL-JSON file (a list, or one item); ValueError when it is none."""
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise ValueError("not a CSL-JSON list of items")
    return data
