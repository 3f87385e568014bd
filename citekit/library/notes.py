"""The reader's side of the record: notes, manual links, hand attributions and corrections.

Everything here is a W3C Web Annotation without the `citekit:extracted` generator, so re-adding a
changed source carries it over untouched. Each write appends to annotations/<key>.jsonl under the
library lock, with ids numbered above every id already there: the stable sort of the file then
puts the new line after its kind's last line, and a git diff of a note is one added line.

The pure parts (finding a quote, building an annotation) take text and return records; the
functions taking a Library are the only ones that touch the disk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from citekit.errors import AnchorError, CitekitError, UnknownKeyError
from citekit.library import annotations as ann
from citekit.library.folder import Library
from citekit.library.index.listing import Note, notes_of  # noqa: F401 - notes_lib.notes_of
from citekit.models import KINDS, QUALIFIERS

# Corrections a user may make with `fix`; `attributed_to` comes from `link --figure --to`.
CORRECTABLE = ("value", "unit", "qualifier", "kind", "not_a_figure")
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# Typographic variants a user typing a quote cannot be expected to reproduce.
_EQUIVALENT = {
    "'": "['\u2018\u2019]",
    "\u2018": "['\u2018\u2019]",
    "\u2019": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
    "\u201c": '["\u201c\u201d]',
    "\u201d": '["\u201c\u201d]',
    "-": "[-\u2010\u2011\u2012\u2013\u2014]",
    "\u2013": "[-\u2010\u2011\u2012\u2013\u2014]",
    "\u2014": "[-\u2010\u2011\u2012\u2013\u2014]",
}


# -- ids ----------------------------------------------------------------------------------


def now_iso(now: dt.datetime | None = None) -> str:
    """Creation time as ISO-8601 UTC to the second: sortable, and readable in a diff."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def next_local(annotations: Iterable[dict[str, Any]], letter: str) -> str:
    """The next free local id for `letter` (n, e, f): above every number in use, never reused."""
    used = [
        parsed[2]
        for a in annotations
        if (parsed := ann.parse_id(str(a.get("id", "")))) and parsed[1] == letter
    ]
    return f"{letter}{1 + max(used, default=0)}"


def parse_figure_id(figure_id: str, default_key: str | None = None) -> tuple[str, str]:
    """(source key, figure urn) of `KEY:fN`, `urn:citekit:KEY:fN`, or `fN` given a default key."""
    text = figure_id.strip()
    if default_key and re.fullmatch(r"f\d+", text):
        text = f"{default_key}:{text}"
    parsed = ann.parse_id(text)
    if parsed is None or parsed[1] != "f":
        raise UnknownKeyError(
            f"{figure_id!r} is not a figure id (expected KEY:fN, e.g. smith2020:f3)"
        )
    key, _, number = parsed
    return key, ann.urn(key, f"f{number}")


def find_figure(annotations: list[dict[str, Any]], figure_urn: str) -> dict[str, Any] | None:
    for a in annotations:
        if a.get("id") == figure_urn and a.get("motivation") == "identifying":
            return a
    return None


# -- reading ------------------------------------------------------------------------------


def _require_entry(library: Library, key: str) -> None:
    """Raises UnknownKeyError with the library's wording; looked up in the index (no refs.bib
    parse, whatever the library's size)."""
    from citekit.library.index import open_index

    open_index(library).entry(key)


def list_notes(library: Library, key: str | None = None, tag: str | None = None) -> list[Note]:
    """Notes of one source or of the whole library, optionally only those carrying `tag`."""
    from citekit.library.index import open_index

    index = open_index(library)
    if key is not None:
        index.entry(key)
    wanted = normalise_tag(tag) if tag else None
    out: list[Note] = []
    for record in index.notes(key):
        note = Note(**record)
        if wanted is None or wanted in {t.lower() for t in note.tags}:
            out.append(note)
    return out


# -- building annotations (pure) ----------------------------------------------------------


def normalise_tag(tag: str) -> str:
    """Tags compare case-insensitively and may be typed with a leading '#'."""
    return tag.strip().lstrip("#").strip().lower()


def note_annotation(
    key: str,
    local: str,
    text: str,
    tags: Iterable[str] = (),
    figure_urn: str | None = None,
    created: str | None = None,
) -> dict[str, Any]:
    target: dict[str, Any] = {"source": key}
    if figure_urn:
        target["id"] = figure_urn
    clean_tags = list(dict.fromkeys(t for t in (normalise_tag(t) for t in tags) if t))
    return {
        "@context": ann.CONTEXT,
        "id": ann.urn(key, local),
        "type": "Annotation",
        "motivation": "commenting",
        "created": created or now_iso(),
        "body": {"type": "TextualBody", "value": text, "format": "text/plain", "tags": clean_tags},
        "target": target,
    }


def edit_annotation(
    key: str, local: str, figure_urn: str, changes: dict[str, Any], created: str | None = None
) -> dict[str, Any]:
    return {
        "@context": ann.CONTEXT,
        "id": ann.urn(key, local),
        "type": "Annotation",
        "motivation": "editing",
        "created": created or now_iso(),
        "body": {"type": "Correction", "changes": changes},
        "target": {"source": key, "id": figure_urn},
    }


def quote_pattern(quote: str) -> re.Pattern[str]:
    """A quote as typed, matching the snapshot whatever its line breaks and typographic quotes."""
    words = quote.split()
    if not words:
        raise AnchorError("the quote is empty")
    parts = []
    for word in words:
        parts.append("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word))
    return re.compile(r"\s+".join(parts))


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place (start, end) the quote stands in `text`, overlapping places included."""
    pattern = quote_pattern(quote)
    spans = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        spans.append(m.span())
        pos = m.start() + 1
    return spans


def line_column(text: str, offset: int) -> str:
    """'line:column' (both 1-based) of a code-point offset: what editors jump to."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def anchor_quote(text: str, quote: str, where: str) -> tuple[int, int]:
    """The one place a quote stands in the snapshot; AnchorError naming the places otherwise."""
    spans = find_quote(text, quote)
    if len(spans) == 1:
        return spans[0]
    if spans:
        places = ", ".join(line_column(text, s) for s, _ in spans)
        raise AnchorError(
            f"the quote stands {len(spans)} times in {where} (at {places}); "
            "quote more of the passage so it stands once"
        )
    hint = ""
    if len(quote) >= 8:
        from rapidfuzz import fuzz

        best = fuzz.partial_ratio_alignment(" ".join(quote.split()), text)
        if best is not None and best.score >= 75:
            start, end = _word_bounds(text, best.dest_start, best.dest_end)
            near = " ".join(text[start:end].split())
            hint = f"; closest passage at {line_column(text, start)}: {near!r}"
    raise AnchorError(f"the quote does not stand in {where}{hint}")


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole words, so a hint never shows half a word."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _sentence_span(body: str, start: int, end: int) -> tuple[int, int, int]:
    """(start, end, paragraph) of the sentences covering [start, end), as extraction counts them."""
    from citekit.read.segment import sentences

    covering = [s for s in sentences(body) if s.start < end and start < s.end]
    if not covering:
        return start, end, 0
    return min(start, covering[0].start), max(end, covering[-1].end), covering[0].paragraph


def _number(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _guess_kind(unit: str | None) -> str:
    if not unit:
        return "count"
    if unit.strip() in {"%", "percent", "per cent"}:
        return "percent"
    if unit.strip().upper() in {"USD", "EUR", "GBP", "JPY"} or unit.strip() in _CURRENCY:
        return "money"
    return "count"


@dataclass
class ManualFigure:
    """What a user says about a quoted passage; missing fields are read from the quote."""

    value: float | None = None
    unit: str | None = None
    kind: str | None = None
    qualifier: str | None = None


def read_quote_figure(quote: str) -> ManualFigure:
    """The figure the quote itself states, when it states exactly one; else an empty record."""
    from citekit.extract import extract_figures

    found = [f for f in extract_figures(quote) if f.is_figure]
    if len(found) != 1:
        return ManualFigure()
    f = found[0]
    return ManualFigure(f.value, f.unit, f.kind, f.qualifier)


def manual_figure_annotation(
    key: str,
    local: str,
    text: str,
    body_text: str,
    start: int,
    end: int,
    given: ManualFigure,
    created: str | None = None,
) -> dict[str, Any]:
    """An `identifying` annotation shaped like an extracted figure's, but the user's own.

    `body_text` is the snapshot with any header blanked (as extraction sees it), so the
    paragraph number matches the extracted figures'. A quote without a number is recorded with
    kind `other`: a claim the reader wants to keep and find again.
    """
    read = read_quote_figure(text[start:end]) if given.value is None else ManualFigure()
    value = given.value if given.value is not None else read.value
    unit = given.unit if given.unit is not None else read.unit
    if given.kind:
        kind = given.kind
    elif given.value is not None:
        kind = _guess_kind(unit)
    else:
        kind = read.kind or ("other" if value is None else _guess_kind(unit))
    qualifier = given.qualifier or read.qualifier or "exact"
    s_start, s_end, paragraph = _sentence_span(body_text, start, end)
    passage = ann.quote_selector(text, s_start, s_end)
    return {
        "@context": ann.CONTEXT,
        "id": ann.urn(key, local),
        "type": "Annotation",
        "motivation": "identifying",
        "created": created or now_iso(),
        "body": {
            "type": "Figure",
            "text": text[start:end],
            "value": _number(value),
            "low": None,
            "high": None,
            "unit": unit,
            "kind": kind,
            "qualifier": qualifier,
            "paragraph": paragraph,
            "attributed_to": None,
            "attributed_party": None,
            "cue": None,
            "passage": {
                "start": s_start,
                "end": s_end,
                "exact": passage["exact"],
                "prefix": passage["prefix"],
                "suffix": passage["suffix"],
            },
        },
        "target": ann.target(key, text, start, end),
    }


# -- writing ------------------------------------------------------------------------------


def _append(
    library: Library, key: str, build: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Under the lock: re-read the source's annotations, append what `build` makes of them."""
    with library.lock():
        path = library.annotations_path(key)
        current = ann.read(path)
        new = build(current)
        ann.write(path, current + new)
    return new


def add_note(
    library: Library,
    key: str,
    text: str,
    *,
    figure: str | None = None,
    tags: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Attach a note to a source, or to one of its figures (`figure`: KEY:fN, urn, or fN)."""
    if not text.strip():
        raise CitekitError("the note is empty")
    _require_entry(library, key)
    figure_urn = None
    if figure is not None:
        figure_key, figure_urn = parse_figure_id(figure, default_key=key)
        if figure_key != key:
            raise UnknownKeyError(f"figure {figure} belongs to {figure_key!r}, not to {key!r}")
    tags = list(tags)

    def build(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if figure_urn is not None and find_figure(current, figure_urn) is None:
            raise UnknownKeyError(f"no figure {ann.short_id(figure_urn)} in {key!r}")
        local = next_local(current, "n")
        return [note_annotation(key, local, text.strip(), tags, figure_urn, now_iso(now))]

    return _append(library, key, build)[0]


def fix_figure(
    library: Library, figure: str, changes: dict[str, Any], *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Record a correction of a figure; extraction never overwrites it, and the record keeps
    the extracted values under `original`."""
    unknown = set(changes) - set(CORRECTABLE) - {"attributed_to", "attributed_party"}
    if unknown:
        raise CitekitError(f"cannot correct {', '.join(sorted(unknown))}")
    if not changes:
        raise CitekitError(
            "nothing to correct: give --value, --unit, --qualifier or --not-a-figure"
        )
    if "qualifier" in changes and changes["qualifier"] not in QUALIFIERS:
        raise CitekitError(
            f"unknown qualifier {changes['qualifier']!r} (known: {', '.join(QUALIFIERS)})"
        )
    if "kind" in changes and changes["kind"] not in KINDS:
        raise CitekitError(f"unknown kind {changes['kind']!r} (known: {', '.join(KINDS)})")
    if "value" in changes:
        changes = {**changes, "value": _number(changes["value"])}
    key, figure_urn = parse_figure_id(figure)
    _require_entry(library, key)

    def build(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if find_figure(current, figure_urn) is None:
            raise UnknownKeyError(f"no figure {ann.short_id(figure_urn)} in {key!r}")
        local = next_local(current, "e")
        return [edit_annotation(key, local, figure_urn, dict(changes), now_iso(now))]

    return _append(library, key, build)[0]


def link_work(
    library: Library, figure: str, work_key: str, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Credit a figure to a cited work by hand (the extractor missed or misread the cue)."""
    key, _ = parse_figure_id(figure)
    _require_entry(library, work_key)
    if work_key == key:
        raise CitekitError(f"{figure} is in {key!r} itself: link it to the work {key!r} cites")
    return fix_figure(
        library, figure, {"attributed_to": work_key, "attributed_party": None}, now=now
    )


def link_quote(
    library: Library,
    key: str,
    quote: str,
    given: ManualFigure | None = None,
    *,
    note: str | None = None,
    tags: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Record a figure (or a claim) the extractor missed, anchored on a quote of its passage.

    Returns the new figure annotation, and the note on it when one is given.
    """
    from citekit.read.ingest import parse_text

    given = given or ManualFigure()
    if given.qualifier and given.qualifier not in QUALIFIERS:
        raise CitekitError(
            f"unknown qualifier {given.qualifier!r} (known: {', '.join(QUALIFIERS)})"
        )
    if given.kind and given.kind not in KINDS:
        raise CitekitError(f"unknown kind {given.kind!r} (known: {', '.join(KINDS)})")
    _require_entry(library, key)
    path = library.snapshot_path(key)
    shown = path.relative_to(library.root) if path.is_relative_to(library.root) else path
    where = f"the snapshot of {key!r} ({shown})"
    markdown = path.suffix.lower() in {".md", ".markdown"}
    created = now_iso(now)
    tags = list(tags)

    def build(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Read the snapshot under the lock too: a concurrent `add` may be replacing it.
        text = library.snapshot_text(key)
        start, end = anchor_quote(text, quote, where)
        body_text = parse_text(text, markdown=markdown).body
        for a in current:
            _, position = ann.selectors(a)
            if (
                a.get("motivation") == "identifying"
                and position
                and (position["start"], position["end"]) == (start, end)
                and not a.get("generator")
            ):
                raise AnchorError(f"that quote is already linked as {ann.short_id(a['id'])}")
        local = next_local(current, "f")
        figure = manual_figure_annotation(key, local, text, body_text, start, end, given, created)
        out = [figure]
        if note and note.strip():
            n_local = next_local(current, "n")
            out.append(note_annotation(key, n_local, note.strip(), tags, figure["id"], created))
        return out

    return _append(library, key, build)
