"""Commands that read sources: add (records) and extract (records nothing)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from citekit.cites.analysis import analyse
from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.errors import CitekitError
from citekit.library.records import extracted_records
from citekit.read.ingest import parse_bytes, read_document
from citekit.read.source_bytes import read_stream

# What only `add` (recording, its progress bar) or a table on the terminal needs is imported where
# it is used: `extract --json` then loads none of it (a start-up cost on every run).
if TYPE_CHECKING:
    from citekit.library.chunks import BatchInterrupted
    from citekit.library.folder import Library
    from citekit.library.recording import AddResult


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--key", help="Pin the citation key of the (single) source.")
@click.option("--title", help="Title of the source (else taken from it, or derived).")
@click.option("--author", help="Author(s), BibTeX style: 'Last, First and Last, First'.")
@click.option("--date", help="Date of the source, YYYY-MM-DD.")
@click.option("--publisher", help="Publisher or site name.")
@click.option("--url", help="Where the source was read.")
@click.option("--type", "entry_type", help="BibTeX entry type (misc, article, online, report...).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes for a batch.")
@click.option("--encoding", help="Read text files in this encoding (e.g. windows-1252).")
@json_option
@pass_library
def add(
    library: Library,
    paths: tuple[str, ...],
    key: str | None,
    title: str | None,
    author: str | None,
    date: str | None,
    publisher: str | None,
    url: str | None,
    entry_type: str | None,
    jobs: int | None,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Record sources: an entry in refs.bib, the works they cite, every figure and its passage.

    PATHS are files (.txt, .md, .html, .pdf), folders of them, or web addresses (when online).
    """
    from citekit.library.chunks import BatchInterrupted
    from citekit.read.fetch import is_url

    if date is not None:
        from citekit.library.formats.record import valid_date

        if not valid_date(date):
            raise click.BadParameter(f"{date!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    meta = {"title": title, "author": author, "date": date, "publisher": publisher, "url": url}
    meta["type"] = entry_type
    interrupted: BatchInterrupted | None = None
    with _progress_bar(enabled=sys.stderr.isatty() and not as_json) as progress:
        try:
            sources = [p if is_url(p) else Path(p) for p in paths]
            results = library.add(
                sources, key=key, meta=meta, jobs=jobs, progress=progress, encoding=encoding
            )
        except BatchInterrupted as exc:
            interrupted, results = exc, exc.results
    _report_added(results, as_json, interrupted)


def _report_added(
    results: list[AddResult], as_json: bool, interrupted: BatchInterrupted | None
) -> None:
    failed = [r for r in results if r.status == "failed"]
    if as_json:
        doc = {"results": [r.to_dict() for r in results], "failed": len(failed)}
        if interrupted is not None:
            doc["interrupted"] = True
            doc["total"] = interrupted.total
        emit_json(doc)
    else:
        out = console()
        for r in results:
            if r.status == "failed":
                continue
            works = f", cites {', '.join(r.works)}" if r.works else ""
            out.print(f"{r.status:9} {r.key}  ({r.figures} figures{works})  {r.path}")
            for c in r.changes:
                if c.change == "changed":
                    out.print(f"          changed {c.id}: {c.old} → {c.new}")
                elif c.change == "added":
                    out.print(f"          added   {c.id}: {c.new}")
                else:
                    out.print(f"          removed {c.id}: {c.old}")
        if len(results) > 1:
            counts = {
                s: sum(r.status == s for r in results) for s in ("added", "updated", "unchanged")
            }
            out.print(
                f"{len(results)} files: {counts['added']} added, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {len(failed)} failed"
            )
    for warning in (w for r in results for w in r.warnings):
        click.echo(f"Warning: {warning}", err=True)
    for r in failed:
        click.echo(f"Error: {r.error}", err=True)
    if interrupted is not None:
        click.echo(f"Error: {interrupted}", err=True)
    if failed or interrupted is not None:
        sys.exit(1)


def _progress_bar(enabled: bool) -> AbstractContextManager[Callable[[int, int, str], None] | None]:
    """The bar on a terminal; elsewhere no callback at all, and its drawing library unimported."""
    if not enabled:
        return nullcontext(None)
    from citekit.views.progress import ProgressBar

    return ProgressBar("recording", enabled=True)


@contextmanager
def _no_collections() -> Iterator[None]:
    """No cyclic collection while a document is analysed: its millions of short-lived tokens,
    matches and figures hold no cycles, and each pass of the collector over the survivors (every
    few tens of thousands of allocations) walked them all again. The collector is switched back
    on, as it was, afterwards; whatever cyclic garbage the analysis left is then collected."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@main.command()
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--all", "all_kinds", is_flag=True, help="Also list dates, years, times, ordinals.")
@click.option("--encoding", help="Read the text in this encoding (e.g. windows-1252).")
@json_option
def extract(path: Path, all_kinds: bool, encoding: str | None, as_json: bool) -> None:
    """Print the figures of a file (or - for stdin), recording nothing."""
    if str(path) == "-":
        doc = parse_bytes(read_stream(sys.stdin.buffer), ".txt", "<stdin>", encoding=encoding)
    else:
        doc = read_document(path, encoding=encoding)
    for warning in doc.warnings:
        click.echo(f"Warning: {warning}", err=True)
    with _no_collections():
        analysis = analyse(doc)
        if as_json:
            from citekit.library.records_json import extracted_json_pieces

            for piece in extracted_json_pieces(analysis, all_kinds=all_kinds):
                click.echo(piece, nl=False)
            click.echo()
            return
        records = extracted_records(analysis, all_kinds=all_kinds)
    if not records:
        raise CitekitError(f"{path}: no figures found")
    from citekit.views.terminal import figures_table

    console().print(figures_table(records, title=str(path)))


@main.command(name="import")
@click.argument("bibfile", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "csl-json", "ris"]),
    help="The file's format (default: from its suffix: .bib, .json, .ris).",
)
@json_option
@pass_library
def import_(library: Library, bibfile: Path, fmt: str | None, as_json: bool) -> None:
    """Merge a bibliography (BibTeX/BibLaTeX, CSL-JSON, RIS) into refs.bib.

    A taken key for another work gets a new key; the same work (DOI, URL, title and year) is
    merged into the entry already there, never duplicated.
    """
    from citekit.library.exchange import import_file

    report = import_file(library, bibfile, fmt)
    if as_json:
        emit_json(report)
        return
    for row in report:
        extra = f" from {row['from']}" if row.get("from") and row["from"] != row["key"] else ""
        reason = f" ({row['reason']})" if row.get("reason") else ""
        console().print(f"{row['status']:9} {row['key']}{extra}{reason}")
