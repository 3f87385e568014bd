"""Commands for the reader's side of the record: note, notes, link, fix, show."""

from __future__ import annotations

import math
import re
from typing import Any

import click
from rich.text import Text

from citekit.cli.base import console, emit_json, json_option, main, pass_library
from citekit.errors import NothingFound
from citekit.library import annotations as ann
from citekit.library import notes as notes_lib
from citekit.library.folder import Library
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


@main.command()
@click.argument("key")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--figure", "figure", metavar="ID", help="The figure the note is about (KEY:fN or fN)."
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
    """List notes on sources and figures: all of them, one source's (KEY), or by --tag."""
    found = notes_lib.list_notes(library, key, tag)
    if as_json:
        emit_json([n.to_dict() for n in found])
        return
    if not found:
        where = f" on {key}" if key else ""
        raise NothingFound(f"no notes{where}" + (f" tagged {tag!r}" if tag else ""))
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
@click.option("--figure", "figure", metavar="ID", help="A recorded figure to credit to a work.")
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
@click.argument("figure_id", metavar="ID")
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
    and the figure keeps its original values beside the corrected ones."""
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
@json_option
@pass_library
def show(library: Library, key: str, ids: bool, as_json: bool) -> None:
    """Print a source's text with its figures highlighted, notes below their paragraph, and a
    table of figures."""
    from citekit.views import show as showing
    view = showing.source_view(library, key)
    if as_json:
        emit_json(view.to_dict())
        return
    showing.print_view(console(), view, ids=ids)
