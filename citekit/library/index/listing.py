"""What the notes of a source are, as `notes` lists them: pure, annotations in, Note records out.

Kept apart from `citekit.library.notes` (which writes notes) so that the index can list notes
without importing the library's writing side.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from citekit.library import annotations as ann
from citekit.library.annotations import NOTE_MOTIVATIONS
from citekit.library.records import figure_records


@dataclass
class Note:
    """A note as `notes` lists it: on a source (figure is None) or on one of its figures."""

    id: str
    source: str
    text: str
    tags: list[str] = field(default_factory=list)
    created: str | None = None
    figure: str | None = None
    figure_text: str | None = None
    # False when the figure the note is about is no longer recorded (removed on re-add).
    figure_found: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def notes_of(
    key: str,
    annotations: list[dict[str, Any]],
    records: list[dict[str, Any]] | None = None,
) -> list[Note]:
    """The notes among a source's annotations, in file order (which is creation order).

    `records`: the source's figure records (all kinds), when the caller has them already."""
    figures = {
        a["id"]: a
        for a in annotations
        if a.get("motivation") == "identifying" and isinstance(a.get("body"), dict)
    }
    if records is None:
        records = figure_records(key, annotations, all_kinds=True)
    shown = {"urn:citekit:" + r["id"] for r in records}
    out: list[Note] = []
    for a in annotations:
        if a.get("motivation") not in NOTE_MOTIVATIONS:
            continue
        body = a.get("body") if isinstance(a.get("body"), dict) else {}
        target = a.get("target") if isinstance(a.get("target"), dict) else {}
        figure_urn = target.get("id")
        figure = figures.get(figure_urn) if figure_urn else None
        out.append(
            Note(
                id=ann.short_id(str(a.get("id", ""))),
                source=key,
                text=str(body.get("value") or ""),
                tags=list(body.get("tags") or []),
                created=a.get("created"),
                figure=ann.short_id(figure_urn) if figure_urn else None,
                figure_text=figure["body"].get("text") if figure else None,
                figure_found=figure_urn is None or figure_urn in shown,
            )
        )
    return out
