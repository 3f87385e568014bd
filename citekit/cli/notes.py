"""Commands for the reader's side of the record: note, notes, link, fix, show."""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.errors import CitekitError, NothingFound
from citekit.library import annotations as ann
from citekit.library import notes as notes_lib
from citekit.library.folder import Library
from citekit.library.fsutil import atomic_write
from citekit.models import KINDS, QUALIFIERS


def _number(text: str) -> float:
    """A value as people type it: 2846, 2,846, 1_000, 4.2e6."""
    cleaned = re.sub(r"[,_\s\u00a0]", "", text)
    try:
        value = float(cleaned)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a number", param_hint="--value") from None
    if not math.isfinite(value):
        raise click.BadParameter(
            f"{text!r} is not a finite number (NaN and infinities are not figures)",
            param_hint="--value",
        )
    return value


class NumberType(click.ParamType):
    name = "number"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        return _number(str(value))


NUMBER = NumberType()

_FIGURE_ID = re.compile(r"(?:urn:citekit:)?[^:\s]+:f\d+")


class FigureIdType(click.ParamType):
    """A figure id, spelled the same everywhere: KEY:fN (or its urn:citekit: form); a bare fN
    only where the source is given too (`note KEY --figure fN`). Anything else is a usage error
    (exit 2)."""

    name = "figure id"

    def __init__(self, short_ok: bool = False) -> None:
        self.short_ok = short_ok

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if _FIGURE_ID.fullmatch(text) or (self.short_ok and re.fullmatch(r"f\d+", text)):
            return text
        if re.fullmatch(r"f\d+", text):
            self.fail(
                f"{text!r} lacks its source: give KEY:{text} (e.g. smith2020:{text})", param, ctx
            )
        self.fail(f"{text!r} is not a figure id (expected KEY:fN, e.g. smith2020:f3)", param, ctx)


FIGURE_ID = FigureIdType()
SHORT_FIGURE_ID = FigureIdType(short_ok=True)


@contextlib.contextmanager
def empty_json_on_error(as_json: bool) -> Iterator[None]:
    """With --json, an unknown key or an empty result still prints a JSON document (`[]`) for
    `jq`, before the error line and its exit code."""
    try:
        yield
    except CitekitError:
        if as_json:
            emit_json([])
        raise


@main.command()
@click.argument("key")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--figure",
    "figure",
    type=SHORT_FIGURE_ID,
    metavar="ID",
    help="The figure the note is about (KEY:fN, or fN of KEY).",
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag (repeat for more).")
@json_option
@pass_library
def note(
    library: Library,
    key: str,
    text: tuple[str, ...],
    figure: str | None,
    tags: tuple[str, ...],
    as_json: bool,
) -> None:
    """Write a note on a source, or on one of its figures.

    KEY is the source's citation key (or a figure id such as smith2020:f3, which is the same as
    KEY --figure ID). TEXT is the note; quoting it is optional.

    \b
    citekit note smith2020 Read the methods section --tag todo
    citekit note smith2020:f3 the report rounds this up
    citekit note smith2020 --figure f3 the report rounds this up   # the same
    """
    parsed = ann.parse_id(key)
    if parsed is not None and parsed[1] == "f" and figure is None:
        figure, key = key, parsed[0]
    body = " ".join(text).strip()
    if not body:
        raise click.BadParameter("the note is empty", param_hint="TEXT")
    created = notes_lib.add_note(library, key, body, figure=figure, tags=tags)
    if as_json:
        emit_json(created)
        return
    on = f" on {ann.short_id(created['target']['id'])}" if created["target"].get("id") else ""
    console().print(f"noted {ann.short_id(created['id'])}{on}")


@main.command()
@click.argument("key", required=False)
@click.option("--tag", metavar="T", help="Only notes with this tag.")
@json_option
@pass_library
def notes(library: Library, key: str | None, tag: str | None, as_json: bool) -> None:
    """List notes on sources and figures: all of them, one source's (KEY), or by --tag.

    \b
    citekit notes
    citekit notes smith2020 --tag todo --json   # [] when there are none
    """
    with empty_json_on_error(as_json):
        found = notes_lib.list_notes(library, key, tag)
    if as_json:
        emit_json([n.to_dict() for n in found])
        return
    if not found:
        where = f" on {key}" if key else ""
        raise NothingFound(f"no notes{where}" + (f" tagged {tag!r}" if tag else ""))
    from rich.text import Text

    from citekit.views.show import note_line

    out = console()
    current = None
    for n in found:
        if n.source != current:
            if current is not None:
                out.print()
            out.print(Text(n.source, style="bold"))
            current = n.source
        out.print(note_line(n, with_id=True))


@main.command()
@click.argument("key", required=False)
@click.option("--quote", help="Exact text of the passage to link (must stand once).")
@click.option("--value", type=NUMBER, help="The figure's value (else read from the quote).")
@click.option("--unit", help="Unit, or what is counted.")
@click.option("--kind", type=click.Choice(KINDS), help="Kind of figure (else guessed).")
@click.option("--qualifier", type=click.Choice(QUALIFIERS), help="exact, approx, at_least...")
@click.option("--note", "note_text", metavar="TEXT", help="A note on the new figure.")
@click.option("--tag", "tags", multiple=True, metavar="T", help="Tag of that note (repeatable).")
@click.option(
    "--figure",
    "figure",
    type=FIGURE_ID,
    metavar="ID",
    help="A figure (KEY:fN) to credit to a work.",
)
@click.option("--to", "work", metavar="KEY", help="The cited work (entry key) to credit it to.")
@json_option
@pass_library
def link(
    library: Library,
    key: str | None,
    quote: str | None,
    value: float | None,
    unit: str | None,
    kind: str | None,
    qualifier: str | None,
    note_text: str | None,
    tags: tuple[str, ...],
    figure: str | None,
    work: str | None,
    as_json: bool,
) -> None:
    """Link what the extractor missed.

    \b
    citekit link KEY --quote "exact passage text" [--value V] [--unit U] [--note TEXT]
        records a figure (or a claim without one) anchored on a quote of the snapshot;
    citekit link --figure KEY:fN --to WORK
        credits a recorded figure to a cited work by hand.
    """
    if figure or work:
        if not (figure and work):
            raise click.UsageError("give both --figure ID and --to KEY")
        if quote or key or value is not None or unit or kind or qualifier or note_text or tags:
            raise click.UsageError("--figure/--to takes no KEY, --quote or figure fields")
        edit = notes_lib.link_work(library, figure, work)
        if as_json:
            emit_json(edit)
            return
        console().print(f"linked {ann.short_id(edit['target']['id'])} to {work}")
        return
    if not key or quote is None:
        raise click.UsageError("give KEY --quote TEXT, or --figure ID --to KEY")
    if not quote.strip():
        raise click.BadParameter("the quote is empty", param_hint="--quote")
    given = notes_lib.ManualFigure(value=value, unit=unit, kind=kind, qualifier=qualifier)
    created = notes_lib.link_quote(library, key, quote, given, note=note_text, tags=tags)
    if as_json:
        emit_json(created)
        return
    figure_ann = created[0]
    body = figure_ann["body"]
    _, position = ann.selectors(figure_ann)
    what = " ".join(
        str(x) for x in (body.get("value"), body.get("unit")) if x is not None and x != ""
    )
    console().print(
        f"linked {ann.short_id(figure_ann['id'])}: “{body['text']}”"
        + (f" = {what}" if what else "")
        + (f" at {position['start']}–{position['end']}" if position else "")
        + (f", noted {ann.short_id(created[1]['id'])}" if len(created) > 1 else "")
    )


@main.command()
@click.argument("figure_id", metavar="ID", type=FIGURE_ID)
@click.option("--value", type=NUMBER, help="The right value.")
@click.option("--unit", help="The right unit, or what is counted.")
@click.option("--qualifier", type=click.Choice(QUALIFIERS), help="The right qualifier.")
@click.option("--kind", type=click.Choice(KINDS), help="The right kind.")
@click.option("--not-a-figure", is_flag=True, help="It is not a figure (a name, a code...).")
@json_option
@pass_library
def fix(
    library: Library,
    figure_id: str,
    value: float | None,
    unit: str | None,
    qualifier: str | None,
    kind: str | None,
    not_a_figure: bool,
    as_json: bool,
) -> None:
    """Correct an extracted figure (ID: KEY:fN). Re-extraction never overwrites a correction,
    and the figure keeps its original values beside the corrected ones.

    \b
    citekit fix smith2020:f3 --value 4210 --unit homes
    citekit fix smith2020:f7 --not-a-figure
    """
    changes: dict[str, Any] = {}
    if value is not None:
        changes["value"] = value
    if unit is not None:
        changes["unit"] = unit
    if qualifier is not None:
        changes["qualifier"] = qualifier
    if kind is not None:
        changes["kind"] = kind
    if not_a_figure:
        changes["not_a_figure"] = True
    if not changes:
        raise click.UsageError(
            "nothing to correct: give --value, --unit, --qualifier, --kind or --not-a-figure"
        )
    edit = notes_lib.fix_figure(library, figure_id, changes)
    if as_json:
        emit_json(edit)
        return
    said = ", ".join(f"{k} → {v}" for k, v in edit["body"]["changes"].items())
    console().print(
        f"corrected {ann.short_id(edit['target']['id'])} ({ann.short_id(edit['id'])}): {said}"
    )


@main.command()
@click.argument("key")
@click.option("--ids", is_flag=True, help="Print each figure's id after it in the text.")
@click.option("--html", "as_html", is_flag=True, help="Write a self-contained HTML page.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page (or --json) to this file instead of stdout.",
)
@json_option
@pass_library
def show(
    library: Library, key: str, ids: bool, as_html: bool, output: Path | None, as_json: bool
) -> None:
    """Print a source's text with its figures highlighted, notes below their paragraph, and a
    table of figures.

    \b
    citekit show smith2020                 # in the terminal
    citekit show smith2020 --html -o s.html   # a page to open in the browser (no network)
    """
    from citekit.views import show as showing

    if as_html and as_json:
        raise click.UsageError("give --html or --json, not both")
    if output is not None and not (as_html or as_json):
        raise click.UsageError("--output needs --html or --json")
    view = showing.source_view(library, key)
    if as_json:
        write_or_echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
        return
    if as_html:
        from citekit.views import html_show

        credited = {r.get("attributed_to") for r in view.figures} & set(library.keys())
        works = {w: library.entry(w) for w in sorted(credited)}
        write_or_echo(html_show.render(view, works), output)
        return
    showing.print_view(console(), view, ids=ids)


def write_or_echo(text: str, output: Path | None) -> None:
    """A document to stdout, or atomically to a file (and a line on stderr saying so)."""
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write(output, text)
    click.echo(f"wrote {output}", err=True)
