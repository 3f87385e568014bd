"""What views and chains show of an entry: a source's or a cited work's few fields, from its
refs.bib fields (parsed by the library or read from the index alike)."""

from __future__ import annotations

from typing import Any


def source_info(key: str, f: dict[str, Any]) -> dict[str, Any]:
    """Title, date, author, publisher and URL of a recorded source."""
    return {
        "key": key,
        "title": f.get("title"),
        "date": f.get("date") or f.get("year"),
        "author": f.get("author"),
        "publisher": f.get("journal") or f.get("publisher") or f.get("howpublished"),
        "url": f.get("url"),
    }


def work_info(key: str, f: dict[str, Any]) -> dict[str, Any]:
    """Title, organisation and year of a cited work, for attribution chains."""
    return {
        "key": key,
        "title": f.get("title"),
        "organisation": f.get("institution") or f.get("organization") or f.get("publisher"),
        "year": f.get("year"),
        "year_inferred": f.get("citekit-year-inferred") == "true",
        "type": f.get("ENTRYTYPE"),
    }
