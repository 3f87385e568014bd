"""Everything citekit reads out of one document: figures, cited works, parties, attributions.

Pure: a Document in, an Analysis out. Safe to run in worker processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from citekit.attribution import attribute
from citekit.extract import extract_figures
from citekit.ingest import Document
from citekit.models import Attribution, CitedWork, Figure, Party
from citekit.works import find_works


@dataclass
class Analysis:
    doc: Document
    figures: list[Figure] = field(default_factory=list)
    works: list[CitedWork] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    attributions: list[Attribution | None] = field(default_factory=list)


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for size in (10, 7, 4):
        chunk = value.strip()[:size]
        try:
            if size == 10:
                return dt.date.fromisoformat(chunk)
            if size == 7:
                return dt.date(int(chunk[:4]), int(chunk[5:7]), 1)
            return dt.date(int(chunk), 1, 1)
        except ValueError:
            continue
    return None


def analyse(doc: Document) -> Analysis:
    body = doc.body
    figures = extract_figures(body)
    date = parse_date(str(doc.metadata.get("date") or ""))
    works, parties = find_works(body, date, doc.emphasis or None)
    attributions = attribute(body, figures, works, parties) if figures else []
    return Analysis(doc, figures, works, parties, attributions)
