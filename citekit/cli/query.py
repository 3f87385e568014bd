"""Read commands over the library: entries, figures, trace, export."""

from __future__ import annotations

from pathlib import Path

import click

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.cli.notes import empty_json_on_error
from citekit.errors import NothingFound
from citekit.library.folder import Library
from citekit.library.index import open_index

# Rendering (rich) and BibTeX export are imported by the commands that print or export.
EXPORT_FORMATS = ("bibtex", "biblatex", "csl-json", "ris")  # citekit.library.exchange.FORMATS


@main.command()
@json_option
@pass_library
def entries(library: Library, as_json: bool) -> None:
    """List the entries of refs.bib."""
    rows = open_index(library).all_entries()
    if as_json:
        emit_json(rows)
        return
    if not rows:
        raise NothingFound(f"{library.bib_path}: no entries yet (record a source with `add`)")
    from citekit.views.entries import print_entries

    print_entries(console(), rows)


@main.command()
@click.argument("keys", nargs=-1)
@click.option("--all", "all_kinds", is_flag=True, help="Also list dates, years, times, ordinals.")
@json_option
@pass_library
def figures(library: Library, keys: tuple[str, ...], all_kinds: bool, as_json: bool) -> None:
    """List recorded figures: value, what it counts, qualifier, passage, offsets.

    \b
    citekit figures                       # every source's figures, a table per source
    citekit figures smith2020 --json      # one source's, as JSON ([] when none)
    citekit figures | cut -f2,3,5         # piped: tab-separated rows with a header
    """
    with empty_json_on_error(as_json):
        index = open_index(library)
        records = index.figures(list(keys) or None, all_kinds=all_kinds)
    if as_json:
        emit_json(records)
        return
    if not records:
        raise NothingFound("no figures recorded" + (f" for {', '.join(keys)}" if keys else ""))
    from citekit.views.terminal import figures_table

    out = console()
    if not out.is_terminal:  # piped: one header, then every figure, for cut/sort/awk
        out.print(figures_table(records))
        return
    by_source: dict[str, list[dict]] = {}
    for r in records:
        by_source.setdefault(r["source"], []).append(r)
    for key, rows in by_source.items():
        info = index.source_info(key) if key in index else {"title": ""}
        out.print(figures_table(rows, title=f"{key} — {info.get('title') or ''}"))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@json_option
@pass_library
def trace(library: Library, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Where did a number come from? QUERY: a number (2846, 2,846), words, or both.

    \b
    citekit trace 4210
    citekit trace 2.3 million
    citekit trace nurses Wales --json      # [] and exit 1 when nothing matches
    """
    from citekit.library.trace import trace as trace_figures

    with empty_json_on_error(as_json):
        hits = trace_figures(library, " ".join(query), limit=limit)
    if as_json:
        emit_json(hits)
        return
    from citekit.views.terminal import print_trace

    print_trace(console(), hits)


@main.command()
@click.argument("keys", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="bibtex", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-related", is_flag=True, help="Leave out the works the entries cite.")
@click.option(
    "--keep-internal", is_flag=True, help="Keep citekit's own fields (citekit-*: hashes, paths)."
)
@pass_library
def export(
    library: Library,
    keys: tuple[str, ...],
    fmt: str,
    output: Path | None,
    no_related: bool,
    keep_internal: bool,
) -> None:
    """A bibliography for your paper: the given entries (and the works they cite), or all.

    bibtex (natbib, plain), biblatex (biber), csl-json (pandoc, Zotero) or ris (Zotero, EndNote).
    """
    from citekit.library.exchange import export as export_bib
    from citekit.library.fsutil import atomic_write

    text = export_bib(
        library,
        list(keys) or None,
        fmt,
        include_related=not no_related,
        keep_internal=keep_internal,
    )
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(f"wrote {output}", err=True)
