"""Where did a number come from: parse a query, rank recorded figures against it.

A query is a number in any common spelling (2846, 2,846, 2.8 million, 41%), words
(nurses Wales), or both. A number must match a figure's value; words rank the matches by how
many of them the figure's passage, unit, notes, source and cited work contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from citekit.errors import CitekitError, NothingFound
from citekit.library.index.words import STOP as _STOP
from citekit.library.index.words import TOKEN as _TOKEN
from citekit.library.index.words import stem as _stem
from citekit.library.index.words import tokens

__all__ = ["Query", "chain", "parse_query", "rank", "tokens", "trace"]

if TYPE_CHECKING:
    from citekit.library.folder import Library
    from citekit.library.index import LibraryIndex

_PLAIN_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[,\u00a0 ]\d{3})*(?:\.\d+)?(?![\w])")


@dataclass
class Query:
    text: str
    values: list[float] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


# Words that may be (part of) a figure: a query holding one is read by figure extraction.
_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions trillion
    trillions dozen dozens score half halves quarter quarters third thirds twice double triple
    percent per cent pc bn mn tn k m b""".split()
)
_PLAIN_QUERY = re.compile(r"\s*(?:\d{1,3}(?:,\d{3})+|\d+)\s*")


def _plain(text: str) -> Query | None:
    """The query without figure extraction, where it cannot hold more than it shows: one
    plain whole number alone, or words without any digit or number word."""
    if _PLAIN_QUERY.fullmatch(text):
        return Query(text, values=[float(text.strip().replace(",", ""))])
    if any(ch.isdigit() for ch in text):
        return None
    found = _TOKEN.findall(text)
    if any(t.lower() in _NUMBER_WORDS or not t.isascii() for t in found):
        return None
    return Query(text, words=[_stem(t) for t in found if t.lower() not in _STOP])


def parse_query(text: str) -> Query:
    plain = _plain(text)
    if plain is not None:
        return plain
    from citekit.extract import extract_figures

    query = Query(text)
    spans: list[tuple[int, int]] = []
    for figure in extract_figures(text):
        if figure.value is not None:
            query.values.append(float(figure.value))
            spans.append((figure.start, figure.end))
    if not query.values:
        for m in _PLAIN_NUMBER.finditer(text):
            digits = re.sub(r"[,\u00a0 ]", "", m.group())
            try:
                query.values.append(float(digits))
            except ValueError:
                continue
            spans.append(m.span())
    rest = list(text)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    for token in _TOKEN.findall("".join(rest)):
        if token.lower() not in _STOP and not token.isdigit():
            query.words.append(_stem(token))
    return query


def _value_matches(record: dict[str, Any], value: float) -> bool:
    got = record.get("value")
    if got is not None:
        return abs(float(got) - value) <= 1e-9 * max(1.0, abs(value))
    low, high = record.get("low"), record.get("high")
    return low is not None and high is not None and value in (low, high)


def rank(
    query: Query,
    records: list[dict[str, Any]],
    context: dict[str, str] | None = None,
) -> list[tuple[float, dict[str, Any]]]:
    """Scored matches, best first. `context` maps a source key to extra searchable text."""
    context = context or {}
    wanted = set(query.words)
    scored: list[tuple[float, dict[str, Any]]] = []
    for record in records:
        score = 0.0
        if query.values:
            if not any(_value_matches(record, v) for v in query.values):
                continue
            score += 10.0
        if wanted:
            hay = tokens(
                " ".join(
                    [
                        record.get("sentence") or "",
                        record.get("unit") or "",
                        " ".join(n.get("text") or "" for n in record.get("notes") or []),
                        context.get(record.get("source", ""), ""),
                        context.get(record.get("attributed_to") or "", ""),
                    ]
                )
            )
            # Words in the sentence itself weigh more than words elsewhere.
            sentence_tokens = tokens(record.get("sentence") or "")
            hits = sum(1.0 if w in sentence_tokens else 0.6 for w in wanted if w in hay)
            if not query.values and hits == 0:
                continue
            score += 5.0 * hits / len(wanted)
        if not query.values and not wanted:
            continue
        scored.append((score, record))
    scored.sort(key=lambda item: (-item[0], item[1].get("source", ""), item[1].get("start", 0)))
    return scored


# -- queries over the whole library -------------------------------------------------------


def trace(library: Library, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Ranked figures matching a query, each with its source and attribution chain.

    Read through the library's index: a number finds its figures by value, words by the
    index's words; the same scores and order as `rank` over every figure of the library."""
    from citekit.library.index import open_index

    if not text.strip():
        raise CitekitError("empty query: give a number (2846, 2,846) or words (nurses Wales)")
    query = parse_query(text)
    index = open_index(library)
    if query.values:
        candidates: dict[int, dict[str, Any]] = {}
        for value in query.values:
            for record in index.figures_of_value(value):
                candidates.setdefault(id(record), record)
        records_ = _in_library_order(list(candidates.values()))
        context = index.contexts(
            [r.get("source", "") for r in records_]
            + [r.get("attributed_to") or "" for r in records_]
        )
        scored = rank(query, records_, context)[:limit]
    else:
        scored = index.ranked_by_words(query.words, limit)
    hits = [
        {**record, "score": round(score, 3), **chain(index, record)} for score, record in scored
    ]
    if not hits:
        raise NothingFound(f"nothing recorded matches {text!r}")
    return hits


def _in_library_order(records_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One copy of each figure, in `Library.figures` order (by source, then offsets)."""
    unique = {(r["source"], r["id"]): r for r in records_}
    return sorted(unique.values(), key=lambda r: (r["source"], r["start"], r["end"], r["id"]))


def chain(index: LibraryIndex, record: dict[str, Any]) -> dict[str, Any]:
    """figure -> source (entry) -> cited work or party."""
    key = record["source"]
    source = index.source_info(key) if key in index else {"key": key}
    attributed = record.get("attributed_to")
    work = (
        index.work_info(attributed) if attributed and not record.get("attributed_party") else None
    )
    return {
        "source_entry": source,
        "cited_work": work,
        "party": record.get("attributed_party"),
    }
