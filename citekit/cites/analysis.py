"""Everything citekit reads out of one document: figures, cited works, parties, attributions.

Pure: a Document in, an Analysis out. Safe to run in worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citekit.cites.attribution import attribute
from citekit.cites.cues import forget_clauses
from citekit.cites.spans import forget_sentences
from citekit.cites.works import find_works
from citekit.extract import extract_figures
from citekit.models import Attribution, CitedWork, Figure, Party
from citekit.read.ingest import Document, parse_date


@dataclass
class Analysis:
    doc: Document
    figures: list[Figure] = field(default_factory=list)
    works: list[CitedWork] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    attributions: list[Attribution | None] = field(default_factory=list)


def analyse(doc: Document) -> Analysis:
    body = doc.body
    figures = extract_figures(body)
    date = parse_date(str(doc.metadata.get("date") or ""))
    works, parties = find_works(body, date, doc.emphasis or None)
    attributions = attribute(body, figures, works, parties) if figures else []
    # What the stages shared about this text is not kept once it is analysed.
    forget_clauses()
    forget_sentences()
    return Analysis(doc, figures, works, parties, attributions)
