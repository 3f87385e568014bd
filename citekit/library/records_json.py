"""`extract --json` written straight from an analysis: the text that encoding
`extracted_records(analysis)` with `json.dumps(..., ensure_ascii=False, indent=2)` gives, byte for
byte, without building a dict per figure and walking it again.

A long document has tens of thousands of figures, and each record has 23 values: built as dicts
and then encoded value by value, they cost as much as reading the cited works of the text. Here a
record is one formatted string; each value is encoded by the C encoder of the json module (strings)
or by the number's own repr, exactly as json.dumps does.

Any value of a type the records do not hold (a figure's field that is not a str, int, float or
None where the record expects one) raises `Unexpected`; the caller then encodes the records
themselves. `tests/test_records_json.py` compares both on real and hostile texts.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _encode_str  # the C encoder of a str
from typing import TYPE_CHECKING

from citekit.library.annotations import CONTEXT_CHARS
from citekit.library.records import passage_span
from citekit.models import NON_FIGURE_KINDS

if TYPE_CHECKING:
    from citekit.cites.analysis import Analysis

_INF = float("inf")
_EXACT = 2**53


class Unexpected(Exception):
    """A value this writer does not encode: the caller encodes the records instead."""


def _str(v: object) -> str:
    if type(v) is str:
        return _encode_str(v)
    if v is None:
        return "null"
    raise Unexpected


def _int(v: object) -> str:
    if type(v) is int:
        return int.__repr__(v)
    if v is None:
        return "null"
    raise Unexpected


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
    raise Unexpected


def extracted_json(analysis: Analysis, all_kinds: bool = False) -> str:
    """The indented JSON array of `extracted_records(analysis, all_kinds)`."""
    text = analysis.doc.text
    works = analysis.works
    attributions = analysis.attributions
    count = len(attributions)
    # The figures of one sentence share its passage: its encoded text and quote, made once.
    shared: dict[tuple[int, int], tuple[str, str]] = {}
    items: list[str] = []
    for index, figure in enumerate(analysis.figures):
        if not (all_kinds or figure.kind not in NON_FIGURE_KINDS):
            continue
        attribution = attributions[index] if index < count else None
        work = None
        if attribution is not None and attribution.work_index is not None:
            work = works[attribution.work_index]
        span = passage_span(text, figure)
        passage = shared.get(span)
        if passage is None:
            passage = shared[span] = _passage(text, *span)
        sentence, quote = passage
        if work is not None:
            attributed_to = _str(work.title)
            party = "null"
            cited = (
                "{\n      \"title\": " + _str(work.title)
                + ",\n      \"organisation\": " + _str(work.organisation)
                + ",\n      \"year\": " + _int(work.year) + "\n    }"
            )  # fmt: skip
        else:
            attributed_to = party = _str(attribution.party) if attribution else "null"
            cited = "null"
        cue = "null"
        if attribution is not None:
            cue = (
                "{\n      \"text\": " + _str(attribution.cue)
                + ",\n      \"start\": " + _int(attribution.cue_start)
                + ",\n      \"end\": " + _int(attribution.cue_end) + "\n    }"
            )  # fmt: skip
        items.append(
            f'{{\n    "id": "f{len(items) + 1}",\n    "text": {_str(figure.text)},\n'
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
    if not items:
        return "[]"
    return "[\n  " + ",\n  ".join(items) + "\n]"


def _passage(text: str, start: int, end: int) -> tuple[str, str]:
    """The encoded sentence and quote (exact, prefix, suffix) of a passage."""
    exact = _encode_str(text[start:end])
    quote = (
        "{\n      \"exact\": " + exact
        + ",\n      \"prefix\": " + _encode_str(text[max(0, start - CONTEXT_CHARS) : start])
        + ",\n      \"suffix\": " + _encode_str(text[end : end + CONTEXT_CHARS]) + "\n    }"
    )  # fmt: skip
    return exact, quote
