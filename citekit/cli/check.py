"""`citekit check`: every number of a draft traced to its source, or flagged."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from citekit.check.drafts.reader import FORMATS
from citekit.check.matching.verdicts import VERDICTS, WORST_FIRST
from citekit.check.report import DEFAULT_FAIL_ON, CheckReport, NumberResult, check_draft
from citekit.cli.base import console, json_option, main, pass_library
from citekit.cli.notes import write_or_echo
from citekit.library.folder import Library
from citekit.views import editors
from citekit.views.terminal import highlighted_passage, window

OUTPUT_FORMATS = ("gcc", "sarif")
_LINE_WIDTH = 100
_ORDER = WORST_FIRST
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
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT...|-")
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
    type=click.Choice((*FORMATS, *OUTPUT_FORMATS)),
    default=None,
    help="Draft format (default: from the suffix; Markdown for stdin), or the output format: "
    "gcc (FILE:LINE:COL: error|warning: … lines for editors) or sarif (SARIF 2.1.0).",
)
@click.option("--html", "as_html", is_flag=True, help="Write a self-contained HTML page.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page, JSON, gcc lines or SARIF to this file instead of stdout.",
)
@click.option("--explain", is_flag=True, help="Print each verdict's reason (because) and score.")
@pass_library
def check(
    library: Library,
    drafts: tuple[str, ...],
    as_json: bool,
    fail_on: tuple[str, ...],
    fmt: str | None,
    as_html: bool,
    output: Path | None,
    explain: bool,
) -> None:
    """Check every number of a draft against its cited sources.

    DRAFT is a Markdown (pandoc citations), LaTeX or plain-text file, or - for stdin. Each number
    is traced (the cited source holds it), mismatch (the cited source gives another value),
    elsewhere (another source holds it) or unsourced. Exit code 1 when a number's verdict is in
    --fail-on. Several drafts (as a git hook passes them) are checked in turn, in the terminal,
    gcc or SARIF output.

    \b
    citekit check paper.md                      # grouped by verdict, worst first
    citekit check paper.tex --format gcc        # FILE:LINE:COL: lines for vim, Emacs, VS Code
    citekit check paper.md --format sarif -o citekit.sarif
    citekit check paper.md --html -o check.html # the draft coloured by verdict
    """
    out_fmt = fmt if fmt in OUTPUT_FORMATS else None
    draft_fmt = None if out_fmt else fmt
    chosen = [
        name
        for name, on in (
            ("--json", as_json),
            ("--html", as_html),
            ("--format " + str(out_fmt), out_fmt),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"give one of {', '.join(chosen)}")
    if output is not None and not chosen:
        raise click.UsageError("--output needs --html, --json or --format gcc|sarif")
    if len(drafts) > 1 and (as_json or as_html or "-" in drafts):
        raise click.UsageError("--json, --html and - (stdin) take one draft")
    reports = [
        check_draft(library, sys.stdin.read(), draft_fmt or "md")
        if draft == "-"
        else check_draft(library, Path(draft), draft_fmt)
        for draft in drafts
    ]
    if chosen:
        write_or_echo(_document(reports, as_json, as_html, out_fmt, fail_on), output)
    else:
        for index, report in enumerate(reports):
            if index:
                console().print()
            print_report(console(), report, explain)
    if any(report.failed(fail_on) for report in reports):
        click.get_current_context().exit(1)


def _document(
    reports: list[CheckReport],
    as_json: bool,
    as_html: bool,
    out_fmt: str | None,
    fail_on: tuple[str, ...],
) -> str:
    if as_json:
        return json.dumps(reports[0].to_json(), ensure_ascii=False, indent=2) + "\n"
    if as_html:
        from citekit.views import html_check

        return html_check.render(reports[0])
    if out_fmt == "sarif":
        return editors.sarif_text(reports, fail_on)
    lines = [line for report in reports for line in editors.gcc_lines(report, fail_on)]
    return "".join(line + "\n" for line in lines)


# Lines printed in one call: enough to spare rich's cost per call, few enough to hold.
_LINES_AT_ONCE = 200


class _Lines:
    """A console that, when not a terminal, gathers lines of plain Text and prints them a few
    hundred at a time: what rich writes is the same, without its cost per call for every line."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self.is_terminal = out.is_terminal
        self._texts: list[Text] = []

    def print(self, *objects: object) -> None:
        if not self.is_terminal and len(objects) <= 1 and all(isinstance(o, Text) for o in objects):
            self._texts.append(objects[0] if objects else Text(""))  # type: ignore[arg-type]
            if len(self._texts) >= _LINES_AT_ONCE:
                self.flush()
            return
        self.flush()
        self.out.print(*objects)

    def flush(self) -> None:
        if self._texts:
            self.out.print(Text("\n").join(self._texts))
            self._texts = []


def print_report(out: Console, report: CheckReport, explain: bool = False) -> None:
    """Grouped by verdict, worst first: draft line, source passage, attribution chain."""
    lines = _Lines(out)
    _print_report(lines, report, explain)
    lines.flush()


def _print_report(out: _Lines, report: CheckReport, explain: bool) -> None:
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
                _say(out, Text(f"because: {v.because} (score {v.score:.2f})", style="dim"))
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


def _say(out: _Lines, text: Text, indent: int = 6) -> None:
    """A detail line under a number; on a terminal its wrapped lines keep the indent."""
    if out.is_terminal:
        out.print(Padding(text, (0, 0, 0, indent)))
    else:
        out.print(Text(" " * indent).append_text(text))


def _print_number(out: _Lines, report: CheckReport, name: str, row: NumberResult) -> None:
    n, v = row.number, row.verdict
    draft_line = report.parsed.line_text(n.line) if report.parsed else ""
    where = Text(f"{name}:{n.line}:{n.column}", style="cyan")
    said = _draft_window(draft_line, n.column - 1, n.column - 1 + (n.end - n.start))
    if out.is_terminal:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(where, said)
        out.print(Padding(grid, (0, 0, 0, 2)))
    else:
        out.print(Text("  ").append_text(where).append("  ").append_text(said))
    cited = ", ".join(n.cited) if n.cited else "no citation"
    by = f" (by its {n.cited_by})" if n.cited_by and n.cited_by != "sentence" else ""
    _say(out, Text(f"cited: {cited}{by}", style="dim"))
    figure = row.figure
    if figure is not None:
        passage = Text(f"{figure.get('id')}: ")
        passage.append_text(highlighted_passage(figure))
        _say(out, passage)
        chain = " → ".join(row.chain())
        if figure.get("attributed_party"):
            chain += " (as its source says)"
        _say(out, Text(f"source: {chain}", style="dim"))
    if v.note:
        _say(out, Text(f"note: {v.note}", style="italic"))
    if v.also:
        held = ", ".join(f"{a.get('id')} ({a.get('text')})" for a in v.also)
        label = "the draft's value is held by" if v.verdict == "mismatch" else "also in"
        _say(out, Text(f"{label}: {held}", style="dim"))
    if v.unknown_keys:
        _say(out, Text(f"unknown keys: {', '.join(v.unknown_keys)}", style="yellow"))
