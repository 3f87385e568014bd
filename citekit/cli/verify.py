"""`citekit verify`: check snapshots, hashes, anchors and refs.bib; --fix re-anchors moved figures."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.library.folder import Library
from citekit.review.verify import ERROR, INFO, Problem, run
from citekit.views.problems import ProblemGroup, group_problems
from citekit.views.progress import ProgressBar

_STYLE = {ERROR: "bold red", "warning": "yellow", INFO: "green"}


@main.command()
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite the anchors of figures re-found exactly elsewhere (moved). Drifted figures "
    "are never accepted.",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="One line per problem (else many alike are grouped)."
)
@json_option
@pass_library
def verify(library: Library, fix: bool, verbose: bool, as_json: bool) -> None:
    """Check every snapshot, hash and figure anchor, and refs.bib; exit 1 on any problem.

    A figure whose quote stands elsewhere, exactly (or after whitespace/quote normalisation), has
    moved: --fix rewrites its anchor. One found only approximately has drifted and stays a problem
    until the source is re-recorded.

    \b
    citekit verify              # every problem; many alike on one source said once
    citekit verify --verbose    # one line per problem
    citekit verify --fix        # re-anchor moved figures, then report what is left
    """
    with ProgressBar("verifying", unit="entries", enabled=sys.stderr.isatty()) as progress:
        report = run(library, fix=fix, progress=progress)
    if as_json:
        emit_json(report.to_dict())
    else:
        out = console()
        for item in group_problems(report.problems, verbose):
            if isinstance(item, ProblemGroup):
                out.print(_group_line(item))
                continue
            out.print(_line(item))
            if item.counts:
                out.print(f"    [dim]hint:[/dim] {escape(item.hint)}")
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


def _group_line(group: ProblemGroup) -> str:
    p = group.first
    label = "fixed" if p.fixed else p.severity
    style = _STYLE[INFO] if p.fixed else _STYLE.get(p.severity, "")
    head = f"[{style}]{label:7}[/{style}]" if style else f"{label:7}"
    line = f"{head}  {escape(group.summary())}"
    if not p.fixed and p.severity != INFO:
        line += f" — {escape(group.hint())}"
    return line + " [dim](--verbose lists each)[/dim]"


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
