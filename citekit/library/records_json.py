"""`extract --json` written straight from an analysis: the text that encoding
`extracted_records(analysis)` with `json.dumps(..., ensure_ascii=False, indent=2)` gives, byte for
byte, without building a dict per figure and walking it again.

A long document has tens of thousands of figures, and each record has 23 values: built as dicts
and then encoded value by value, they cost as much as reading the cited works of the text. Here a
record is one formatted string; each value is encoded by the C encoder of the json module (strings)
or by the number's own repr, exactly as json.dumps does.

A value of another type than the record's fields hold (a float subclass, a bool where a count
stands) is encoded by json.dumps itself, re-indented to its depth, so the text stays that of the
records for any value json accepts. `tests/test_records_json.py` compares both on real and hostile
texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring as _encode_str  # the C encoder of a str
from typing import TYPE_CHECKING

from citekit.library.annotations import CONTEXT_CHARS
from citekit.library.records import _number as _record_number
from citekit.library.records import passage_span
from citekit.models import NON_FIGURE_KINDS

if TYPE_CHECKING:
    from citekit.cites.analysis import Analysis

_INF = float("inf")
_EXACT = 2**53


# Records per piece handed out by extracted_json_pieces.
_PIECE = 1000


def _other(v: object, indent: str = "    ", number: bool = False) -> str:
    """A value of a type the fields do not hold, as json.dumps prints it at this indent."""
    if number:
        v = _record_number(v)  # type: ignore[arg-type]
    return json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _str(v: object) -> str:
    if type(v) is str:
        return _encode_str(v)
    if v is None:
        return "null"
    return _other(v)


def _int(v: object) -> str:
    if type(v) is int:
        return int.__repr__(v)
    if v is None:
        return "null"
    return _other(v)


def _number(v: object) -> str:
    """As records._number then json.dumps: integral values print as integers."""
    kind = type(v)
    if kind is float:
        if v.is_integer() and abs(v) < _EXACT:  # type: ignore[union-attr]
            return int.__repr__(int(v))  # type: ignore[arg-type]
        if v != v or v == _INF or v == -_INF:
            return json.dumps(v)
        return float.__repr__(v)  # type: ignore[arg-type]
    if kind is int:
        return int.__repr__(v)  # type: ignore[arg-type]
    if v is None:
        return "null"
    return _other(v, number=True)


def _inner(v: object) -> str:
    """A value of a record's nested object (cited work, cue): a str, an int or None."""
    if type(v) is str:
        return _encode_str(v)
    if type(v) is int:
        return int.__repr__(v)
    if v is None:
        return "null"
    return _other(v, "      ")


def extracted_json(analysis: Analysis, all_kinds: bool = False) -> str:
    """The indented JSON array of `extracted_records(analysis, all_kinds)`."""
    return "".join(extracted_json_pieces(analysis, all_kinds))


def extracted_json_pieces(analysis: Analysis, all_kinds: bool = False) -> Iterator[str]:
    """`extracted_json` in pieces of a thousand records, to be printed as they are made: memory
    holds one piece of the text, not all of it."""
    text = analysis.doc.text
    works = analysis.works
    attributions = analysis.attributions
    count = len(attributions)
    # The figures of one sentence share its passage: its encoded text and quote, made once.
    shared: dict[tuple[int, int], tuple[str, str]] = {}
    items: list[str] = []
    first = True  # no piece handed out yet
    number = 0
    for index, figure in enumerate(analysis.figures):
        if not (all_kinds or figure.kind not in NON_FIGURE_KINDS):
            continue
        attribution = attributions[index] if index < count else None
        work = None
        if attribution is not None and attribution.work_index is not None:
            work = works[attribution.work_index]
        number += 1
        span = passage_span(text, figure)
        passage = shared.get(span)
        if passage is None:
            passage = shared[span] = _passage(text, *span)
        sentence, quote = passage
        if work is not None:
            attributed_to = _str(work.title)
            party = "null"
            cited = (
                "{\n      \"title\": " + _inner(work.title)
                + ",\n      \"organisation\": " + _inner(work.organisation)
                + ",\n      \"year\": " + _inner(work.year) + "\n    }"
            )  # fmt: skip
        else:
            attributed_to = party = _str(attribution.party) if attribution else "null"
            cited = "null"
        cue = "null"
        if attribution is not None:
            cue = (
                "{\n      \"text\": " + _inner(attribution.cue)
                + ",\n      \"start\": " + _inner(attribution.cue_start)
                + ",\n      \"end\": " + _inner(attribution.cue_end) + "\n    }"
            )  # fmt: skip
        items.append(
            f'{{\n    "id": "f{number}",\n    "text": {_str(figure.text)},\n'
            f'    "value": {_number(figure.value)},\n    "low": {_number(figure.low)},\n'
            f'    "high": {_number(figure.high)},\n    "unit": {_str(figure.unit)},\n'
            f'    "kind": {_str(figure.kind)},\n    "qualifier": {_str(figure.qualifier)},\n'
            f'    "start": {_int(figure.start)},\n    "end": {_int(figure.end)},\n'
            f'    "quote": {quote},\n    "sentence": {sentence},\n'
            f'    "sentence_start": {_int(span[0])},\n    "sentence_end": {_int(span[1])},\n'
            f'    "paragraph": {_int(figure.paragraph)},\n    "attributed_to": {attributed_to},\n'
            f'    "attributed_party": {party},\n    "cited_work": {cited},\n'
            f'    "cue": {cue}\n  }}'
        )
        if len(items) == _PIECE:
            yield ("[\n  " if first else ",\n  ") + ",\n  ".join(items)
            first = False
            items = []
    if items:
        yield ("[\n  " if first else ",\n  ") + ",\n  ".join(items)
        first = False
    yield "[]" if first else "\n]"


def _passage(text: str, start: int, end: int) -> tuple[str, str]:
    """The encoded sentence and quote (exact, prefix, suffix) of a passage."""
    exact = _encode_str(text[start:end])
    quote = (
        "{\n      \"exact\": " + exact
        + ",\n      \"prefix\": " + _encode_str(text[max(0, start - CONTEXT_CHARS) : start])
        + ",\n      \"suffix\": " + _encode_str(text[end : end + CONTEXT_CHARS]) + "\n    }"
    )  # fmt: skip
    return exact, quote
