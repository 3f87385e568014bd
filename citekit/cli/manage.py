"""Managing entries: `rm`, `rename`, `set`."""

from __future__ import annotations

import click

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.library import manage
from citekit.library.folder import Library


def _report(row: dict, as_json: bool, line: str) -> None:
    if as_json:
        emit_json(row)
    else:
        console().print(line)


@main.command(name="rm")
@click.argument("key")
@json_option
@pass_library
def rm(library: Library, key: str, as_json: bool) -> None:
    """Remove an entry, its annotations and snapshot, and every link to it."""
    row = manage.remove(library, key)
    files = f" ({', '.join(row['files'])})" if row["files"] else ""
    _report(row, as_json, f"removed   {key}{files}")


@main.command()
@click.argument("old")
@click.argument("new")
@json_option
@pass_library
def rename(library: Library, old: str, new: str, as_json: bool) -> None:
    """Give entry OLD the key NEW; annotations, snapshots, links and notes follow."""
    row = manage.rename(library, old, new)
    _report(row, as_json, f"renamed   {old} → {new}")


@main.command(name="set")
@click.argument("key")
@click.argument("assignments", nargs=-1, required=True)
@json_option
@pass_library
def set_(library: Library, key: str, assignments: tuple[str, ...], as_json: bool) -> None:
    """Set fields of an entry: FIELD=VALUE ... (an empty VALUE removes the field)."""
    row = manage.set_fields(library, key, list(assignments))
    _report(row, as_json, f"{row['status']:9} {key}")
