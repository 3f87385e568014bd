"""`citekit verify`: check snapshots, hashes, anchors and refs.bib; --fix re-anchors moved figures."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.library.folder import Library
from citekit.review.verify import ERROR, INFO, Problem, run

_STYLE = {ERROR: "bold red", "warning": "yellow", INFO: "green"}


@main.command()
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite the anchors of figures re-found exactly elsewhere (moved). Drifted figures "
    "are never accepted.",
)
@json_option
@pass_library
def verify(library: Library, fix: bool, as_json: bool) -> None:
    """Check every snapshot, hash and figure anchor, and refs.bib; exit 1 on any problem.

    A figure whose quote stands elsewhere, exactly (or after whitespace/quote normalisation), has
    moved: --fix rewrites its anchor. One found only approximately has drifted and stays a problem
    until the source is re-recorded.
    """
    report = run(library, fix=fix, progress=_progress())
    if as_json:
        emit_json(report.to_dict())
    else:
        out = console()
        for problem in report.problems:
            out.print(_line(problem))
            if problem.counts:
                out.print(f"    [dim]hint:[/dim] {escape(problem.hint)}")
        checked = report.checked
        failing = sum(p.counts for p in report.problems)
        summary = (
            f"checked {checked['entries']} entries, {checked['snapshots']} snapshots, "
            f"{checked['figures']} figures, {checked['links']} links, {checked['targets']} notes"
        )
        if checked["fixed"]:
            summary += f"; re-anchored {checked['fixed']}"
        out.print(summary + (f"; {failing} problem(s)" if failing else "; no problems"))
    if not report.clean:
        sys.exit(1)


def _progress():  # noqa: ANN202 - a callback or None
    """n/total on a terminal's stderr (a long verify shows it is working), nothing elsewhere."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == 1 or done % 50 == 0 or done == total:
            end = "\n" if done == total else ""
            print(f"\rverifying: {done}/{total} entries", end=end, file=sys.stderr, flush=True)

    return show


def _line(problem: Problem) -> str:
    where = problem.path or ""
    if where and problem.line:
        where += f":{problem.line}"
    label = "fixed" if problem.fixed else problem.severity
    subject = problem.id or problem.key or ""
    style = _STYLE[INFO] if problem.fixed else _STYLE.get(problem.severity, "")
    parts = [f"[{style}]{label:7}[/{style}]" if style else f"{label:7}", problem.code]
    if subject:
        parts.append(escape(subject))
    if where:
        parts.append(f"[dim]{escape(where)}[/dim]")
    return "  ".join(parts) + f"\n    {escape(problem.message)}"
