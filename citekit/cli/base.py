"""Shared CLI plumbing: the group, the library option, --json output, error reporting."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from citekit.errors import CitekitError
from citekit.library import Library


class CitekitGroup(click.Group):
    """Turns domain errors into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitekitError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


@click.group(cls=CitekitGroup)
@click.option(
    "--library",
    "library_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="CITEKIT_LIBRARY",
    help="Library folder (default: the current directory; env CITEKIT_LIBRARY).",
)
@click.version_option(package_name="citekit-provenance", prog_name="citekit")
@click.pass_context
def main(ctx: click.Context, library_path: Path | None) -> None:
    """Keep the provenance of every figure you cite.

    Record sources and the works they cite, link every figure to its passage, trace a number
    back to where it came from, and check a draft against its sources.
    """
    ctx.obj = Library(library_path or Path(os.getcwd()))


pass_library = click.make_pass_decorator(Library)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The --json flag every read command shares."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(func)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


@functools.lru_cache(maxsize=1)
def console() -> Console:
    """Terminal output (rich); plain text when not a terminal."""
    return Console(highlight=False, soft_wrap=True)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)
