"""What one annotation file puts into the index, as plain rows: pure, bytes in, rows out.

Kept apart from the SQL so that a rebuild can make the rows of many files in worker processes
while the main process only inserts them (`bulk`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit.library.index.candidates import figure_keys, sentence_uses
from citekit.library.index.contexts import encode, sentence_contexts
from citekit.library.index.words import words_of

# (pos, listed, value, low, high, attributed_to, start, record as JSON,
#  quantity, match_key, sentence_key: see candidates)
FigureRow = tuple[
    int, int, float | None, float | None, float | None, Any, Any, str, str, str | None, str | None
]


# What figures that read alike share: (value, low, quantity, context encoded): see candidates.
MatchGroup = tuple[float | None, float | None, str, str]


@dataclass
class SourceRows:
    """The rows of one source: its own notes' words, its figures, their words, its notes."""

    key: str
    note_text: str = ""
    note_words: str = ""
    figures: list[FigureRow] = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)  # (sentence, other) per figure
    notes: list[str] = field(default_factory=list)
    sentences: dict[str, tuple[str, int]] = field(default_factory=dict)  # sentence_uses
    groups: dict[str, MatchGroup] = field(default_factory=dict)  # by match key


@dataclass
class FileRows:
    """One annotation file read: its hash, and its rows or why it cannot be read."""

    path: str  # relative to the library
    digest: str
    rows: SourceRows | None = None
    error: str | None = None
    unchanged: bool = False  # its hash is the one the index holds: nothing to do


class AnnotationLinesError(ValueError):
    """An annotation file that is not one JSON object a line."""


def parse_lines(path: Path | str, raw: bytes) -> list[dict[str, Any]]:
    """The annotations of a file's bytes (one JSON object a line; blank lines skipped)."""
    lines = [line for line in raw.decode("utf-8").splitlines() if line.strip()]
    try:
        out = json.loads("[" + ",".join(lines) + "]")
    except json.JSONDecodeError:
        out = None
    if out is not None and len(out) == len(lines) and all(type(r) is dict for r in out):
        return out
    records = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationLinesError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise AnnotationLinesError(f"{path}:{number}: not a JSON object")
        records.append(record)
    return records


def real(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def source_rows(key: str, annotations: list[dict[str, Any]]) -> SourceRows:
    """Every row one source's annotations give the index."""
    from citekit.library.annotations import source_note_text
    from citekit.library.index.listing import notes_of
    from citekit.library.records import figure_records
    from citekit.models import NON_FIGURE_KINDS

    note_text = source_note_text(annotations)
    out = SourceRows(key, note_text, words_of(note_text))
    records = figure_records(key, annotations, all_kinds=True)
    keys = figure_keys(records)
    out.sentences = sentence_uses(records)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    said: dict[str, str] = {}  # the figures of one sentence (or unit) share its words
    for pos, record in enumerate(records):
        out.figures.append(
            (
                pos,
                int(record["kind"] not in NON_FIGURE_KINDS),
                real(record.get("value")),
                real(record.get("low")),
                real(record.get("high")),
                record.get("attributed_to"),
                record.get("start"),
                dumps(record),
                *_reordered(keys[pos]),
            )
        )
        sentence = record.get("sentence") or ""
        words = said.get(sentence)
        if words is None:
            words = said[sentence] = words_of(sentence)
        other = " ".join(
            [record.get("unit") or "", *(n.get("text") or "" for n in record["notes"])]
        )
        other_words = said.get(other)
        if other_words is None:
            other_words = said[other] = words_of(other)
        out.words.append((words, other_words))
    out.notes = [
        json.dumps(n.to_dict(), ensure_ascii=False) for n in notes_of(key, annotations, records)
    ]
    out.groups = _groups(records, keys)
    return out


def _groups(
    records: list[dict[str, Any]], keys: list[tuple[str | None, str | None, str]]
) -> dict[str, MatchGroup]:
    """Each listed figure's match group: its value and quantity, and its context read with the
    other figures of its sentence (what `check` compares a draft's number with)."""
    sentences: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for record, (match_key, sentence_key, quantity) in zip(records, keys, strict=True):
        if match_key is not None and sentence_key is not None:
            sentences.setdefault(sentence_key, []).append((match_key, quantity, record))
    out: dict[str, MatchGroup] = {}
    if len(_MET) > _MET_MOST:
        _MET.clear()
    for figures in sentences.values():
        if any(key not in _MET for key, _quantity, _record in figures):
            contexts = sentence_contexts([record for _key, _quantity, record in figures])
            for (key, _quantity, _record), context in zip(figures, contexts, strict=True):
                _MET[key] = encode(context)
        for match_key, quantity, record in figures:
            if match_key not in out:
                value, low = real(record.get("value")), real(record.get("low"))
                out[match_key] = (value, low, quantity, _MET[match_key])
    return out


# The contexts of the match keys this process met last: a key stands for everything its context
# is read from, so a story recorded from several outlets is read once (within a bound).
_MET: dict[str, str] = {}
_MET_MOST = 50_000


def _reordered(keys: tuple[str | None, str | None, str]) -> tuple[str, str | None, str | None]:
    match_key, sentence_key, quantity = keys
    return quantity, match_key, sentence_key


def file_rows(rel: str, full: str, known: str | None) -> FileRows:
    """Read one annotation file and make its rows (nothing when its hash is `known`)."""
    raw = Path(full).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest == known:
        return FileRows(rel, digest, unchanged=True)
    try:
        annotations = parse_lines(full, raw)
    except AnnotationLinesError as exc:
        return FileRows(rel, digest, error=str(exc))
    except UnicodeDecodeError:
        return FileRows(rel, digest, error=f"{full}: not UTF-8 text")
    return FileRows(rel, digest, rows=source_rows(Path(rel).stem, annotations))


def many_file_rows(todo: list[tuple[str, str, str | None]]) -> list[FileRows]:
    """`file_rows` of several files (one task of a worker process)."""
    return [file_rows(rel, full, known) for rel, full, known in todo]
