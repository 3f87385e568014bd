"""`show --html`: a source's text with every figure highlighted, a side list, details on click.

Colour says two things: the background whom the figure is credited to (a cited work, a quoted
party, nobody), the underline its kind. A figure whose recorded offsets no longer hold its text
is listed, never highlighted at a wrong place; so is one overlapping a figure already marked.
"""

from __future__ import annotations

from typing import Any

from citekit.views.html import esc, figure_passage, page, safe_url
from citekit.views.show import SourceView, credit_of
from citekit.views.terminal import value_text

KIND_COLOURS = {
    "count": "#1570ef",
    "percent": "#7a5af8",
    "money": "#039855",
    "measure": "#dc6803",
    "duration": "#c11574",
    "date": "#667085",
    "year": "#667085",
    "time": "#667085",
    "ordinal": "#98a2b3",
    "other": "#344054",
}
STYLE = "".join(
    f"mark.k-{k} {{ border-bottom: 3px solid {c}; }}\n" for k, c in KIND_COLOURS.items()
)
STYLE += """
mark.a-work { background: #cff9fe; }
mark.a-party { background: #ebe9fe; }
mark.a-none { background: #fef0c7; }
mark.manual { box-shadow: inset 0 0 0 1px #c11574; }
mark.corrected { text-decoration: underline dashed #b42318; }
aside li.unplaced { color: #b42318; }
"""
SKIP_ENTRY_FIELDS = ("ENTRYTYPE", "ID")


def attribution_class(record: dict[str, Any]) -> str:
    credit = credit_of(record)
    if credit is None:
        return "a-none"
    return "a-party" if credit[1] else "a-work"


def mark_class(record: dict[str, Any]) -> str:
    classes = ["fig", f"k-{record.get('kind') or 'other'}", attribution_class(record)]
    if record.get("manual"):
        classes.append("manual")
    if record.get("corrected"):
        classes.append("corrected")
    return " ".join(classes)


def _short(figure_id: str) -> str:
    return figure_id.split(":", 1)[-1]


def placed_figures(view: SourceView) -> list[dict[str, Any]]:
    """Figures highlighted in the text: in place, in order, none overlapping one before it."""
    out: list[dict[str, Any]] = []
    end = -1
    for r in sorted(
        (r for r in view.figures if r["placed"]), key=lambda r: (r["start"], -r["end"])
    ):
        if r["start"] >= end:
            out.append(r)
            end = r["end"]
    return out


def _credit_rows(record: dict[str, Any], works: dict[str, dict[str, Any]]) -> list[list[str]]:
    rows: list[list[str]] = []
    if record.get("attributed_party"):
        rows.append(["credited to", f"{record['attributed_party']} (quoted; no titled work)"])
    key = record.get("attributed_to")
    if key:
        entry = works.get(key) or {}
        title = entry.get("title") or ""
        rows.append(["credited to", f"{key}" + (f" — {title}" if title else "")])
        for name, value in entry.items():
            if (
                name not in (*SKIP_ENTRY_FIELDS, "title")
                and not name.startswith("citekit-")
                and value
            ):
                rows.append([f"  {name}", str(value)])
    cue = record.get("cue") or {}
    if cue.get("text"):
        rows.append(["cue", f"“{cue['text']}”"])
    return rows


def figure_item(record: dict[str, Any], works: dict[str, dict[str, Any]], notes: list) -> dict:
    """What the panel shows about one figure."""
    rows = [["id", record["id"]]]
    value = value_text(record)
    if value:
        rows.append(["value", value])
    for name in ("unit", "kind", "qualifier"):
        if record.get(name):
            rows.append([name if name != "unit" else "unit / counts", str(record[name])])
    rows += _credit_rows(record, works)
    where = f"paragraph {(record.get('paragraph') or 0) + 1}, characters {record['start']}–{record['end']}"
    if record.get("page"):
        where += f", page {record['page'].get('label')}"
    rows.append(["where", where])
    if not record["placed"]:
        rows.append(["warning", "no longer at its recorded place: the snapshot changed"])
    if record.get("manual"):
        rows.append(["recorded", "linked by hand"])
    if record.get("corrected"):
        was = ", ".join(f"{k} was {v}" for k, v in (record.get("original") or {}).items())
        rows.append(["corrected", f"by hand{': ' + was if was else ''}"])
    for note in notes:
        tags = "".join(f" #{t}" for t in note.tags)
        rows.append(["note", f"{note.text}{tags}" + (f" ({note.created})" if note.created else "")])
    quote = figure_passage(record, "passage")
    return {"title": record["text"], "rows": rows, "passages": [quote] if quote else []}


def _paragraph_html(view: SourceView, start: int, end: int, marks: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    pos = start
    for r in marks:
        if r["start"] < start or r["end"] > end:
            continue
        parts.append(esc(view.text[pos : r["start"]]))
        short = _short(r["id"])
        parts.append(
            f'<mark class="{mark_class(r)}" id="fig-{esc(short)}" data-ref="{esc(short)}" '
            f'data-kind="{esc(r.get("kind"))}" tabindex="0">{esc(r["text"])}</mark>'
        )
        marker = view.marker_of(r)
        if marker is not None:
            parts.append(f'<sup class="marker">{marker}</sup>')
        pos = r["end"]
    parts.append(esc(view.text[pos:end]))
    front = ' class="front"' if end <= view.body_start else ""
    return f"<p{front}>{''.join(parts)}</p>"


def _work_line(work: dict[str, Any]) -> str:
    """A cited work under the title, with the marker its figures carry in the text."""
    if work.get("party"):
        said = f"{work['party']} (quoted, no titled work)"
    else:
        parts = (work.get("key"), work.get("title"), work.get("organisation"), work.get("year"))
        said = " — ".join(str(x) for x in parts if x)
    return f'<p class="meta"><sup class="marker">{work["marker"]}</sup> {esc(said)}</p>'


def _legend(kinds: set[str | None]) -> str:
    shown = ", ".join(
        f'<span style="color:{c}">{k}</span>' for k, c in KIND_COLOURS.items() if k in kinds
    )
    return (
        '<p class="legend"><mark class="a-work">credited to a cited work</mark>'
        '<mark class="a-party">to a quoted party</mark><mark class="a-none">not credited</mark>'
        '<mark class="a-none manual">linked by hand</mark>'
        f'<mark class="a-none corrected">corrected</mark> underline: kind ({shown})</p>'
    )


def _header(view: SourceView) -> str:
    entry = view.entry
    meta = [f"<span>{esc(view.key)}</span>"]
    for name in ("author", "date", "publisher"):
        if entry.get(name):
            meta.append(f'<span class="{name}">{esc(entry[name])}</span>')
    url = entry.get("url")
    if url:
        link = safe_url(url)
        meta.append(
            f'<span><a href="{esc(link)}">{esc(url)}</a></span>'
            if link
            else f"<span>{esc(url)}</span>"
        )
    works = [w for w in view.works if w.get("marker") is not None]
    cited = "".join(_work_line(w) for w in works)
    legend = _legend({r.get("kind") for r in view.figures})
    return (
        f"<header><h1>{esc(entry.get('title') or view.key)}</h1>"
        f'<p class="meta">{"".join(meta)}</p>{cited}{legend}</header>'
    )


def _side_list(view: SourceView, marked: set[str]) -> str:
    items = []
    for r in view.figures:
        short = _short(r["id"])
        what = " ".join(x for x in (value_text(r), r.get("unit") or "") if x)
        cls = "" if r["id"] in marked else ' class="unplaced"'
        items.append(
            f'<li{cls}><a href="#fig-{esc(short)}" data-ref="{esc(short)}" data-mark="fig-{esc(short)}">'
            f'<span class="id">{esc(short)}</span><b>{esc(r["text"])}</b> '
            f'<span class="what">{esc(what)}</span></a></li>'
        )
    return f"<aside><h2>Figures ({len(view.figures)})</h2><ol>{''.join(items)}</ol></aside>"


def render(view: SourceView, works: dict[str, dict[str, Any]]) -> str:
    """The page. `works`: the bibliography entries of the works figures are credited to."""
    marks = placed_figures(view)
    by_figure: dict[str, list] = {}
    for note in view.notes:
        if note.figure:
            by_figure.setdefault(note.figure, []).append(note)
    paragraphs = []
    for start, end in view.paragraphs:
        paragraphs.append(_paragraph_html(view, start, end, marks))
        for r in marks:
            if start <= r["start"] < end:
                for note in by_figure.get(r["id"], []):
                    paragraphs.append(
                        f'<p class="note">✎ {esc(_short(r["id"]))}: {esc(note.text)}</p>'
                    )
    source_notes = "".join(
        f'<p class="note">✎ {esc(n.text)}{esc("".join(" #" + t for t in n.tags))}</p>'
        for n in view.notes
        if not n.figure
    )
    unplaced = [r for r in view.figures if not r["placed"]]
    warning = (
        f'<p class="warn">{len(unplaced)} figure(s) no longer at their recorded place: '
        "the snapshot changed; re-add the source</p>"
        if unplaced
        else ""
    )
    items = {
        _short(r["id"]): figure_item(r, works, by_figure.get(r["id"], [])) for r in view.figures
    }
    body = (
        _header(view)
        + f'<div class="layout"><main>{source_notes}{warning}<article id="text">'
        + "\n".join(paragraphs)
        + "</article></main>"
        + _side_list(view, {r["id"] for r in marks})
        + "</div>"
    )
    title = f"{view.key} — {view.entry.get('title') or ''}".strip(" —")
    return page(title, STYLE, body, {"kind": "source", "key": view.key, "items": items})
