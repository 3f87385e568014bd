"""Terminal rendering (rich) of figures, entries and traces. No logic beyond layout."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

PASSAGE_WIDTH = 90


def highlighted_passage(record: dict[str, Any], width: int | None = PASSAGE_WIDTH) -> Text:
    """The figure's sentence with the figure in bold yellow, trimmed around it when long."""
    sentence = record.get("sentence") or ""
    s_start = record.get("sentence_start")
    offset = (record["start"] - s_start) if s_start is not None else sentence.find(record["text"])
    if offset < 0 or sentence[offset : offset + len(record["text"])] != record["text"]:
        offset = sentence.find(record["text"] or "")
    if offset < 0:
        return window(sentence, 0, 0, width)
    return window(sentence, offset, offset + len(record["text"]), width)


def window(
    line: str, start: int, end: int, width: int | None = PASSAGE_WIDTH, style: str = "bold yellow"
) -> Text:
    """`line` with [start, end) highlighted, trimmed around it when longer than `width`."""
    end = min(len(line), max(end, start))
    before, figure, after = line[:start], line[start:end], line[end:]
    if width and len(line) > width:
        room = max(10, (width - len(figure)) // 2)
        if len(before) > room:
            before = "…" + before[-room:]
        if len(after) > room:
            after = after[:room] + "…"
    text = Text(before)
    text.append(figure, style=style)
    text.append(after)
    return text


def value_text(record: dict[str, Any]) -> str:
    if record.get("value") is not None:
        v = record["value"]
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"
    if record.get("low") is not None or record.get("high") is not None:
        return f"{_num(record.get('low'))}–{_num(record.get('high'))}"
    return ""


def _num(v: Any) -> str:
    if v is None:
        return "?"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def attribution_text(record: dict[str, Any]) -> str:
    if record.get("attributed_party"):
        return f"party: {record['attributed_party']}"
    return record.get("attributed_to") or ""


def figures_table(records: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("figure", style="bold", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("counts / unit", max_width=22)
    table.add_column("kind · qualifier", no_wrap=True)
    table.add_column("¶ · offsets", no_wrap=True, style="dim")
    table.add_column("attributed to", style="cyan", max_width=24)
    table.add_column("passage", ratio=1, min_width=30)
    for r in records:
        kind = r.get("kind") or ""
        qualifier = r.get("qualifier") or ""
        table.add_row(
            r["id"].split(":", 1)[-1],
            r["text"],
            value_text(r),
            r.get("unit") or "",
            kind if qualifier == "exact" else f"{kind} · {qualifier}",
            f"{(r.get('paragraph') or 0) + 1} · {r['start']}–{r['end']}",
            attribution_text(r),
            highlighted_passage(r, 90),
        )
    return table


def entries_table(entries: list[dict[str, str]]) -> Table:
    table = Table(title="refs.bib", title_justify="left")
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("type")
    table.add_column("title", ratio=1)
    table.add_column("author / institution")
    table.add_column("date")
    table.add_column("related", style="cyan")
    for f in entries:
        date = f.get("date") or f.get("year") or ""
        if f.get("citekit-year-inferred") == "true":
            date += " (inferred)"
        title = f.get("title", "")
        if f.get("citekit-title") == "derived":
            title += " [derived]"
        table.add_row(
            f["ID"],
            f["ENTRYTYPE"],
            title,
            f.get("author") or f.get("institution") or "",
            date,
            f.get("related", ""),
        )
    return table


def trace_hit(hit: dict[str, Any], rank: int) -> Panel:
    src = hit.get("source_entry") or {}
    lines: list[Any] = []
    head = Text()
    head.append(f"{hit['text']}", style="bold yellow")
    value = value_text(hit)
    if value:
        head.append(f"  = {value}")
    if hit.get("unit"):
        head.append(f" {hit['unit']}")
    head.append(f"  ({hit.get('kind')}, {hit.get('qualifier')})", style="dim")
    lines.append(head)
    source = Text("source: ", style="dim")
    source.append(src.get("key", ""), style="bold")
    source.append(f"  {src.get('title') or ''}")
    if src.get("date"):
        source.append(f"  ({src['date']})", style="dim")
    lines.append(source)
    where = f"paragraph {(hit.get('paragraph') or 0) + 1}, characters {hit['start']}–{hit['end']}"
    if hit.get("page"):
        where += f", page {hit['page'].get('label')}"
    lines.append(Text(where, style="dim"))
    lines.append(highlighted_passage(hit, None))
    work = hit.get("cited_work")
    if work:
        chain = Text("on the authority of: ", style="dim")
        chain.append(work["key"], style="bold cyan")
        chain.append(f"  {work.get('title') or ''}")
        extra = ", ".join(str(x) for x in (work.get("organisation"), work.get("year")) if x)
        if extra:
            chain.append(f" ({extra}{', year inferred' if work.get('year_inferred') else ''})")
        cue = hit.get("cue") or {}
        if cue.get("text"):
            chain.append(f"  — cue: “{cue['text']}”", style="dim")
        lines.append(chain)
    elif hit.get("party"):
        lines.append(Text(f"on the authority of: {hit['party']} (no titled work)", style="cyan"))
    for note in hit.get("notes") or []:
        lines.append(Text(f"note: {note.get('text')}", style="green"))
    if hit.get("corrected"):
        was = ", ".join(f"{k} was {v}" for k, v in (hit.get("original") or {}).items())
        lines.append(Text(f"corrected by hand{': ' + was if was else ''}", style="magenta"))
    return Panel(Group(*lines), title=f"#{rank}  {hit['id']}", title_align="left")


def print_trace(console: Console, hits: list[dict[str, Any]]) -> None:
    for rank, hit in enumerate(hits, 1):
        console.print(trace_hit(hit, rank), soft_wrap=False)
