"""Shared CLI plumbing: the group, the library option, --json output, error reporting."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from json.encoder import encode_basestring as _encode_str  # the C encoder of a str
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

from citekit.errors import CitekitError
from citekit.library.folder import Library

_INF = float("inf")
# The version written here, not read from the installed metadata: importlib.metadata alone costs
# more than the rest of `citekit --version`. A test keeps it equal to citekit.__version__.
VERSION = "0.1.0"


class CitekitGroup(click.Group):
    """Turns domain errors into one line on stderr and their exit code.

    Usage errors are one line too (exit 2), with a pointer to the command's --help.
    """

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        if extra.get("standalone_mode", True) is False:
            return super().main(args, prog_name, **extra)
        extra["standalone_mode"] = False
        try:
            code = super().main(args, prog_name or "citekit", **extra)
        except click.exceptions.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "citekit"
            where = "citekit" + where[len(where.split(" ", 1)[0]) :]
            click.echo(f"Error: {exc.format_message()} (see '{where} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    # Command name -> module that registers it, imported only when the command runs (start-up).
    lazy: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            importlib.import_module(self.lazy[cmd_name])
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitekitError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # the last resort: one line, never a traceback
            report_unexpected(exc, debug=bool(ctx.meta.get("citekit.debug")))
            ctx.exit(1)


def report_unexpected(exc: BaseException, debug: bool) -> None:
    """An error citekit did not foresee, as one `Error:` line (the traceback with --debug).

    Every write citekit makes is atomic, so what the user had is unchanged."""
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    message = " ".join(str(exc).split())[:300] or "no message"
    hint = "" if debug else "; run with --debug for the traceback"
    click.echo(
        f"Error: unexpected {type(exc).__name__}: {message} (nothing was changed{hint})",
        err=True,
    )


@click.group(cls=CitekitGroup)
@click.option(
    "--library",
    "library_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="CITEKIT_LIBRARY",
    help="Library folder (default: the current directory; env CITEKIT_LIBRARY).",
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="CITEKIT_DEBUG",
    help="Print the traceback of an unexpected error (for a bug report).",
)
@click.version_option(version=VERSION, prog_name="citekit")
@click.pass_context
def main(ctx: click.Context, library_path: Path | None, debug: bool) -> None:
    """Keep the provenance of every figure you cite.

    Record sources and the works they cite, link every figure to its passage, trace a number
    back to where it came from, and check a draft against its sources.
    """
    ctx.meta["citekit.debug"] = debug
    try:
        cwd = Path(os.getcwd())
    except OSError:
        if library_path is None or not library_path.is_absolute():
            raise CitekitError(
                "the current folder no longer exists: cd to a folder, or give --library PATH"
            ) from None
        cwd = library_path
    ctx.obj = Library(library_path or cwd)
    ctx.obj.tidy()  # what a killed command left: its commit finished, its temporary files gone


pass_library = click.make_pass_decorator(Library)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The --json flag every read command shares."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(func)


def emit_json(data: Any) -> None:
    click.echo(indented_json(data))


class _NotPlainJson(Exception):
    """A value the fast encoder leaves to json.dumps (a subclass, a non-string key, ...)."""


def indented_json(data: Any) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2), byte for byte, several times faster: with an
    indent the standard library encodes in pure Python through generators; here every piece is
    appended to one list, joined once, and a key's line opening is built once per depth. Anything
    but plain str/int/float/bool/None/list/tuple/dict goes to json.dumps."""
    out: list[str] = []
    try:
        _write(data, "", out)
    except _NotPlainJson:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return "".join(out)


# Per depth, each key's line opening (",\n" + indent + "key": ), bounded so odd data cannot grow it.
_KEY_OPENINGS: dict[str, dict[str, str]] = {}
_MAX_KEYS_PER_DEPTH = 2048


def _write(v: Any, indent: str, out: list[str]) -> None:
    kind = type(v)
    if kind is str:
        out.append(_encode_str(v))
    elif v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(v))
    elif kind is float:
        out.append(json.dumps(v) if v != v or v in (_INF, -_INF) else float.__repr__(v))
    elif kind is dict:
        if not v:
            out.append("{}")
            return
        inner = indent + "  "
        openings = _KEY_OPENINGS.get(inner)
        if openings is None:
            openings = _KEY_OPENINGS[inner] = {}
        append = out.append
        first = len(out)
        for key, value in v.items():
            opening = openings.get(key)
            if opening is None:
                if type(key) is not str:
                    raise _NotPlainJson
                opening = ",\n" + inner + _encode_str(key) + ": "
                if len(openings) < _MAX_KEYS_PER_DEPTH:
                    openings[key] = opening
            append(opening)
            # Strings, nulls and integers inline: most values of a figure's record are these.
            vkind = type(value)
            if vkind is str:
                append(_encode_str(value))
            elif value is None:
                append("null")
            elif vkind is int:
                append(int.__repr__(value))
            else:
                _write(value, inner, out)
        out[first] = "{" + out[first][1:]
        append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not v:
            out.append("[]")
            return
        inner = indent + "  "
        separator = ",\n" + inner
        out.append("[\n" + inner)
        after_first = False
        for value in v:
            if after_first:
                out.append(separator)
            after_first = True
            # an item's pieces joined at once: memory holds one item's pieces, not the document's
            item: list[str] = []
            _write(value, inner, item)
            out.append("".join(item))
        out.append("\n" + indent + "]")
    else:
        raise _NotPlainJson


def console() -> Console:
    """Terminal output (rich): on a terminal as wide as it (or COLUMNS), wrapped at words;
    piped, lines are never wrapped and tables are tab-separated rows."""
    from rich.console import Console

    out = Console(highlight=False)
    if out.is_terminal:
        return out
    return Console(highlight=False, soft_wrap=True)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)
