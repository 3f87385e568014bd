"""`citekit check`: every number of a draft traced to its source, or flagged."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from citekit.check.drafts.reader import FORMATS
from citekit.check.matching.verdicts import VERDICTS
from citekit.check.report import DEFAULT_FAIL_ON, CheckReport, NumberResult, check_draft
from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.library.folder import Library
from citekit.views.terminal import highlighted_passage, window

_LINE_WIDTH = 100
# Worst first: what an editor must look at before what is fine.
_ORDER = ("mismatch", "elsewhere", "unsourced", "traced")
_STYLE = {
    "mismatch": "bold red",
    "elsewhere": "bold magenta",
    "unsourced": "bold yellow",
    "traced": "bold green",
}
_TITLE = {
    "mismatch": "the cited source gives another value",
    "elsewhere": "not in the cited source; another source holds it",
    "unsourced": "no source holds it",
    "traced": "the cited source holds it",
}


def _fail_on(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if names == ["none"]:
        return ()
    bad = [n for n in names if n not in VERDICTS]
    if bad:
        raise click.BadParameter(
            f"unknown verdict {bad[0]!r} (choose from {', '.join(VERDICTS)}, or none)"
        )
    return tuple(names)


@main.command()
@click.argument("draft", metavar="DRAFT|-")
@json_option
@click.option(
    "--fail-on",
    default=",".join(DEFAULT_FAIL_ON),
    metavar="VERDICTS",
    show_default=True,
    callback=_fail_on,
    help="Comma-separated verdicts that make the exit code 1 (or 'none').",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Draft format (default: from the suffix; Markdown for stdin).",
)
@click.option("--explain", is_flag=True, help="Print each verdict's reason (because) and score.")
@pass_library
def check(
    library: Library,
    draft: str,
    as_json: bool,
    fail_on: tuple[str, ...],
    fmt: str | None,
    explain: bool,
) -> None:
    """Check every number of a draft against its cited sources.

    DRAFT is a Markdown (pandoc citations), LaTeX or plain-text file, or - for stdin. Each number
    is traced (the cited source holds it), mismatch (the cited source gives another value),
    elsewhere (another source holds it) or unsourced. Exit code 1 when a number's verdict is in
    --fail-on.
    """
    if draft == "-":
        report = check_draft(library, sys.stdin.read(), fmt or "md")
    else:
        report = check_draft(library, Path(draft), fmt)
    if as_json:
        emit_json(report.to_json())
    else:
        print_report(console(), report, explain)
    if report.failed(fail_on):
        click.get_current_context().exit(1)


def print_report(out: Console, report: CheckReport, explain: bool = False) -> None:
    """Grouped by verdict, worst first: draft line, source passage, attribution chain."""
    name = report.draft if report.draft != "-" else "<stdin>"
    for verdict in _ORDER:
        rows = sorted(report.by_verdict(verdict), key=lambda r: (r.number.line, r.number.column))
        if not rows:
            continue
        header = Text(f"{verdict.upper()} ({len(rows)})", style=_STYLE[verdict])
        header.append(f"  {_TITLE[verdict]}", style="dim")
        out.print(header)
        for row in rows:
            _print_number(out, report, name, row)
            if explain:
                v = row.verdict
                out.print(Text(f"      because: {v.because} (score {v.score:.2f})", style="dim"))
        out.print()
    for unknown in report.unknown_keys:
        lines = ", ".join(str(n) for n in unknown.lines)
        out.print(
            Text(f"Warning: Citation '{unknown.key}' on line {lines} undefined.", style="yellow")
        )
    counts = report.counts()
    summary = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    out.print(f"{name}: {len(report.results)} numbers: {summary}")


def _draft_window(line: str, start: int, end: int, width: int = _LINE_WIDTH) -> Text:
    """The draft's line with the number in reverse video (one paragraph per line is common)."""
    return window(line, start, end, width, style="bold reverse")


def _print_number(out: Console, report: CheckReport, name: str, row: NumberResult) -> None:
    n, v = row.number, row.verdict
    draft_line = report.parsed.line_text(n.line) if report.parsed else ""
    line = Text(f"  {name}:{n.line}:{n.column}  ", style="cyan")
    line.append_text(_draft_window(draft_line, n.column - 1, n.column - 1 + (n.end - n.start)))
    out.print(line, soft_wrap=True)
    cited = ", ".join(n.cited) if n.cited else "no citation"
    out.print(
        Text(
            f"      cited: {cited}"
            + (f" (by its {n.cited_by})" if n.cited_by and n.cited_by != "sentence" else ""),
            style="dim",
        )
    )
    figure = row.figure
    if figure is not None:
        passage = Text(f"      {figure.get('id')}: ")
        passage.append_text(highlighted_passage(figure))
        out.print(passage, soft_wrap=True)
        chain = " → ".join(row.chain())
        if figure.get("attributed_party"):
            chain += " (as its source says)"
        out.print(Text(f"      source: {chain}", style="dim"))
    if v.note:
        out.print(Text(f"      note: {v.note}", style="italic"))
    if v.also:
        held = ", ".join(f"{a.get('id')} ({a.get('text')})" for a in v.also)
        label = "the draft's value is held by" if v.verdict == "mismatch" else "also in"
        out.print(Text(f"      {label}: {held}", style="dim"))
    if v.unknown_keys:
        out.print(Text(f"      unknown keys: {', '.join(v.unknown_keys)}", style="yellow"))
