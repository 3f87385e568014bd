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
from citekit.extract import extract_figures
from citekit.library.annotations import source_note_text

if TYPE_CHECKING:
    from citekit.library.folder import Library

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset(
    """a an the of and or for in on at to from by with as is are was were be been it its this
    that these those what where who how which did does do number figure figures""".split()
)
_PLAIN_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[,\u00a0 ]\d{3})*(?:\.\d+)?(?![\w])")


@dataclass
class Query:
    text: str
    values: list[float] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def tokens(text: str) -> set[str]:
    return {_stem(t) for t in _TOKEN.findall(text or "")}


def parse_query(text: str) -> Query:
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
    """Ranked figures matching a query, each with its source and attribution chain."""
    if not text.strip():
        raise CitekitError("empty query: give a number (2846, 2,846) or words (nurses Wales)")
    query = parse_query(text)
    records_ = library.figures()
    context: dict[str, str] = {}
    bib = library.bib()
    for key in bib.keys():
        f = bib.fields(key)
        context[key] = " ".join(
            f.get(name, "") for name in ("title", "author", "institution", "publisher")
        )
    # A note on a whole source makes its figures findable by the reader's own words.
    for key in library.annotated_keys():
        context[key] = f"{context.get(key, '')} {source_note_text(library.annotations(key))}"
    hits = []
    for score, record in rank(query, records_, context)[:limit]:
        hits.append({**record, "score": round(score, 3), **chain(library, record)})
    if not hits:
        raise NothingFound(f"nothing recorded matches {text!r}")
    return hits


def chain(library: Library, record: dict[str, Any]) -> dict[str, Any]:
    """figure -> source (entry) -> cited work or party."""
    key = record["source"]
    source = library.source_info(key) if key in library.bib() else {"key": key}
    attributed = record.get("attributed_to")
    work = (
        library.work_info(attributed) if attributed and not record.get("attributed_party") else None
    )
    return {
        "source_entry": source,
        "cited_work": work,
        "party": record.get("attributed_party"),
    }
