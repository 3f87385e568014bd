"""Terminal rendering (rich) of figures, entries and traces. No logic beyond layout."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from citekit.views.fit import Cell, Column, FitTable, shorten

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
    """`line` with [start, end) highlighted, trimmed at word boundaries around it when longer
    than `width`."""
    end = min(len(line), max(end, start))
    before, figure, after = line[:start], line[start:end], line[end:]
    if width and len(line) > width:
        room = max(10, (width - len(figure)) // 2)
        if len(before) > room:
            cut = before[-room:]
            before = "…" + (cut[cut.index(" ") + 1 :] if " " in cut[:-1] else cut)
        if len(after) > room:
            cut = after[:room]
            after = (cut[: cut.rindex(" ")] if " " in cut[1:] else cut) + "…"
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


def _short_id(record: dict[str, Any]) -> str:
    return record["id"].split(":", 1)[-1] if record.get("id") else ""


def _kind_text(record: dict[str, Any]) -> str:
    kind, qualifier = record.get("kind") or "", record.get("qualifier") or ""
    return kind if qualifier in ("", "exact") else f"{kind} · {qualifier}"


def _figure_cell(record: dict[str, Any]) -> Text:
    cell = Text(record["text"], style="bold")
    value = value_text(record)
    if value and value.replace(",", "") not in record["text"].replace(",", ""):
        cell.append(f"\n= {value}", style="")
    cell.append(f"\n{_kind_text(record)}", style="dim")
    return cell


def _what_cell(record: dict[str, Any]) -> Text:
    cell = Text(shorten(record.get("unit") or "", 40))
    credit = attribution_text(record)
    if credit:
        cell.append(("\n" if cell else "") + shorten(credit, 20), style="cyan")
    return cell


def figures_table(records: list[dict[str, Any]], title: str | None = None) -> FitTable:
    """Figures as a table that fits the terminal: the passage column takes what the short,
    stacked columns leave; piped, one tab-separated line per figure."""
    longest = max((len(w) for r in records for w in r["text"].split()), default=6)
    columns = [
        Column("id", {"no_wrap": True, "style": "dim"}),
        Column("figure", {"min_width": min(longest, 24), "max_width": max(18, min(longest, 24))}),
        Column("counts · credited to", {"max_width": 20}),
        Column("passage", {"ratio": 1, "min_width": 20}),
    ]
    rows: list[list[Cell]] = []
    plain: list[list[Any]] = []
    for r in records:
        para = (r.get("paragraph") or 0) + 1
        rows.append(
            [
                f"{_short_id(r)}\n¶{para}\n{r['start']}–{r['end']}",
                _figure_cell(r),
                _what_cell(r),
                highlighted_passage(r, PASSAGE_WIDTH),
            ]
        )
        plain.append(
            [
                r.get("source") or "",
                _short_id(r),
                r["text"],
                value_text(r).replace(",", ""),
                r.get("unit"),
                r.get("kind"),
                r.get("qualifier"),
                para,
                r["start"],
                r["end"],
                attribution_text(r),
                r.get("sentence"),
            ]
        )
    header = ["source", "id", "figure", "value", "unit", "kind", "qualifier", "paragraph"]
    header += ["start", "end", "attributed_to", "sentence"]
    return FitTable(columns, rows, title=title, plain_header=header, plain_rows=plain)


def entries_table(entries: list[dict[str, str]]) -> FitTable:
    columns = [
        Column("key · type", {"no_wrap": True}),
        Column("title · author", {"ratio": 1, "min_width": 20}),
        Column("date", {"no_wrap": True}),
        Column("related", {"max_width": 20, "style": "cyan"}),
    ]
    rows: list[list[Cell]] = []
    plain: list[list[Any]] = []
    for f in entries:
        date = f.get("date") or f.get("year") or ""
        inferred = f.get("citekit-year-inferred") == "true"
        title = f.get("title", "")
        if f.get("citekit-title") == "derived":
            title += " [derived]"
        author = f.get("author") or f.get("institution") or ""
        head = Text(f["ID"], style="bold")
        head.append(f"\n{f['ENTRYTYPE']}", style="dim")
        body = Text(title)
        if author:
            body.append(f"\n{author}", style="dim")
        related = ", ".join(k.strip() for k in f.get("related", "").split(",") if k.strip())
        rows.append([head, body, date + ("\n(inferred)" if inferred else ""), related])
        plain.append([f["ID"], f["ENTRYTYPE"], title, author, date, inferred, related])
    header = ["key", "type", "title", "author", "date", "year_inferred", "related"]
    return FitTable(columns, rows, title="refs.bib", plain_header=header, plain_rows=plain)


def trace_hit(hit: dict[str, Any], rank: int) -> Panel:
    return Panel(Group(*trace_lines(hit)), title=f"#{rank}  {hit['id']}", title_align="left")


def trace_lines(hit: dict[str, Any]) -> list[Text]:
    """What a trace hit says, one Text per line: its figure, source, place, passage, chain."""
    src = hit.get("source_entry") or {}
    lines: list[Text] = []
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
    return lines


def print_trace(console: Console, hits: list[dict[str, Any]]) -> None:
    """Panels on a terminal (as wide as it, text wrapped at words); plain lines when piped."""
    for rank, hit in enumerate(hits, 1):
        if console.is_terminal:
            console.print(trace_hit(hit, rank))
            continue
        console.print(f"#{rank}  {hit['id']}")
        for line in trace_lines(hit):
            console.print(Text("  ").append_text(line))
