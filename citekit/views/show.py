"""`show`: a source as a reader sees it, with its figures, attributions and notes in place.

The view is built once (SourceView, also what `show --json` prints) and rendered with rich. A
figure whose recorded offsets no longer hold its text (the snapshot changed and the source was
not re-added) is listed, not highlighted at a wrong place: fact-checkers need exactness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.text import Text

from citekit.library import notes as notes_lib
from citekit.library.folder import Library
from citekit.read.segment import paragraphs
from citekit.views.terminal import figures_table

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
STYLE_FIGURE = "bold yellow"
STYLE_ATTRIBUTED = "bold cyan"
STYLE_MANUAL = "bold magenta"
STYLE_NOTE = "green"


@dataclass
class SourceView:
    key: str
    entry: dict[str, Any]
    text: str
    body_start: int
    paragraphs: list[tuple[int, int]]
    figures: list[dict[str, Any]]
    notes: list[notes_lib.Note]
    # Cited works and parties the figures are credited to, numbered as their text markers.
    works: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "entry": self.entry,
            "text": self.text,
            "body_start": self.body_start,
            "paragraphs": [{"start": s, "end": e} for s, e in self.paragraphs],
            "figures": self.figures,
            "notes": [n.to_dict() for n in self.notes],
            "works": self.works,
        }

    def marker_of(self, record: dict[str, Any]) -> int | None:
        wanted = credit_of(record)
        for work in self.works:
            if wanted is not None and (work.get("key"), work.get("party")) == wanted:
                return work.get("marker")
        return None


def credit_of(record: dict[str, Any]) -> tuple[str | None, str | None] | None:
    """(work key, party) a figure is credited to, or None."""
    if record.get("attributed_party"):
        return None, record["attributed_party"]
    if record.get("attributed_to"):
        return record["attributed_to"], None
    return None


def source_view(library: Library, key: str) -> SourceView:
    """Everything `show` prints about one source, read from the files."""
    from citekit.read.ingest import parse_text

    entry = library.source_info(key)
    text = library.snapshot_text(key)
    suffix = library.snapshot_path(key).suffix.lower()
    body_start = parse_text(text, markdown=suffix in {".md", ".markdown"}).body_start
    records = library.figures([key])
    for r in records:
        r["placed"] = text[r["start"] : r["end"]] == r["text"]
    works: list[dict[str, Any]] = []
    seen: set[tuple[str | None, str | None]] = set()
    for r in records:
        credit = credit_of(r)
        if credit is None or credit in seen:
            continue
        seen.add(credit)
        work_key, party = credit
        info = (library.work_info(work_key) if work_key else None) or {"key": work_key}
        works.append({**info, "party": party, "marker": len(works) + 1})
    related = library.entry(key).get("related", "")
    for other in (k.strip() for k in related.split(",")):
        if other and (other, None) not in seen:
            seen.add((other, None))
            works.append(
                {**(library.work_info(other) or {"key": other}), "party": None, "marker": None}
            )
    return SourceView(
        key=key,
        entry=entry,
        text=text,
        body_start=body_start,
        paragraphs=paragraphs(text),
        figures=records,
        notes=notes_lib.notes_of(key, library.annotations(key)),
        works=works,
    )


def _style(record: dict[str, Any]) -> str:
    if record.get("manual"):
        style = STYLE_MANUAL
    elif credit_of(record):
        style = STYLE_ATTRIBUTED
    else:
        style = STYLE_FIGURE
    return style + (" underline" if record.get("corrected") else "")


def paragraph_text(view: SourceView, start: int, end: int, ids: bool = False) -> Text:
    """One paragraph with its figures styled and a marker after each credited figure."""
    line = Text(view.text[start:end])
    if start < view.body_start:
        line.stylize("dim", 0, min(end, view.body_start) - start)
    inserts: dict[int, Text] = {}
    for r in view.figures:
        if not r["placed"] or r["end"] <= start or r["start"] >= end:
            continue
        line.stylize(_style(r), max(r["start"], start) - start, min(r["end"], end) - start)
        if r["end"] > end:
            continue
        mark = Text()
        marker = view.marker_of(r)
        if marker is not None:
            mark.append(str(marker).translate(_SUPERSCRIPT), style=STYLE_ATTRIBUTED)
        if ids:
            mark.append(f"[{r['id'].split(':')[-1]}]", style="dim")
        if mark:
            inserts.setdefault(r["end"] - start, Text()).append_text(mark)
    if not inserts:
        return line
    out = Text()
    pos = 0
    for offset in sorted(inserts):
        out.append_text(line[pos:offset])
        out.append_text(inserts[offset])
        pos = offset
    out.append_text(line[pos:])
    return out


def note_line(note: notes_lib.Note, indent: str = "  ", with_id: bool = False) -> Text:
    """One note on one line: greppable, and readable at any terminal width."""
    line = Text(indent + "✎ ", style=STYLE_NOTE)
    if with_id:
        line.append(note.id.split(":")[-1] + " ", style="dim")
    if note.figure:
        line.append(note.figure.split(":")[-1], style="dim")
        if note.figure_text:
            line.append(" “")
            line.append(note.figure_text, style="bold")
            line.append("”")
        if not note.figure_found:
            line.append(" (figure gone or marked not a figure)", style="red")
        line.append(": ")
    line.append(note.text, style=STYLE_NOTE)
    for tag in note.tags:
        line.append(f" #{tag}", style="magenta")
    if note.created:
        line.append(f"  ({note.created})", style="dim")
    return line


def _paragraph_of(view: SourceView, offset: int) -> int | None:
    for index, (start, end) in enumerate(view.paragraphs):
        if start <= offset < end:
            return index
    return None


def _print_head(console: Console, entry: dict[str, Any], key: str) -> None:
    head = Text(key, style="bold")
    if entry.get("title"):
        head.append(f"  {entry['title']}")
    extra = "  ".join(str(entry[k]) for k in ("author", "date", "publisher", "url") if entry.get(k))
    if extra:
        head.append(f"\n{extra}", style="dim")
    console.print(head)
    console.print()


def _notes_by_paragraph(
    view: SourceView,
) -> tuple[dict[int, list[notes_lib.Note]], list[notes_lib.Note]]:
    """Figure notes by the paragraph of their figure, and those whose figure is not in place."""
    by_figure = {r["id"]: r for r in view.figures}
    below: dict[int, list[notes_lib.Note]] = {}
    stray: list[notes_lib.Note] = []
    for n in view.notes:
        if not n.figure:
            continue
        record = by_figure.get(n.figure)
        index = _paragraph_of(view, record["start"]) if record and record["placed"] else None
        if index is None:
            stray.append(n)
        else:
            below.setdefault(index, []).append(n)
    return below, stray


def _print_notes(console: Console, title: str, notes: list[notes_lib.Note]) -> None:
    if not notes:
        return
    console.print(Text(title, style="bold"))
    for n in notes:
        console.print(note_line(n))
    console.print()


def _work_line(work: dict[str, Any]) -> Text:
    line = Text(str(work["marker"]).translate(_SUPERSCRIPT) + " ", style=STYLE_ATTRIBUTED)
    if work.get("party"):
        line.append(f"{work['party']} (quoted, no titled work)")
        return line
    line.append(str(work.get("key")), style="bold cyan")
    if work.get("title"):
        line.append(f"  {work['title']}")
    more = ", ".join(str(x) for x in (work.get("organisation"), work.get("year")) if x)
    if more:
        line.append(f" ({more})", style="dim")
    return line


def _print_legend(console: Console, view: SourceView) -> None:
    legend = Text("figure", style=STYLE_FIGURE)
    legend.append("  ")
    legend.append("credited¹", style=STYLE_ATTRIBUTED)
    legend.append("  ")
    legend.append("linked by hand", style=STYLE_MANUAL)
    legend.append("  ")
    legend.append("corrected", style="underline")
    console.print(legend)
    for work in view.works:
        if work.get("marker") is not None:
            console.print(_work_line(work))
    console.print()


def print_view(console: Console, view: SourceView, ids: bool = False) -> None:
    _print_head(console, view.entry, view.key)
    below, stray = _notes_by_paragraph(view)
    _print_notes(console, "Notes on the source", [n for n in view.notes if not n.figure])
    for index, (start, end) in enumerate(view.paragraphs):
        console.print(paragraph_text(view, start, end, ids))
        for n in below.get(index, []):
            console.print(note_line(n))
        console.print()
    _print_notes(console, "Notes on figures no longer in place", stray)

    unplaced = [r for r in view.figures if not r["placed"]]
    if unplaced:
        names = ", ".join(r["id"].split(":")[-1] for r in unplaced)
        console.print(
            Text(
                f"{len(unplaced)} figure(s) no longer at their recorded place ({names}): "
                "the snapshot changed; re-add the source",
                style="red",
            )
        )
    _print_legend(console, view)
    if view.figures:
        table = figures_table(view.figures, title=f"figures of {view.key}")
        table.plain_title = True
        console.print(table)
    else:
        console.print(Text("no figures recorded", style="dim"))
