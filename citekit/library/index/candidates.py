"""What `check` asks of the index: figures by value, by citing key and by sentence, and the
library's word rarities, in plain SQL, so a check costs what its draft needs, not the library.

Each figure row carries three keys, written when its source is indexed:

- `quantity`: the figure's value, range, unit, kind, qualifier and text (JSON), which is all a
  value comparison reads;
- `sentence_key`: its sentence (text and place): figures of one source with the same key are
  the figures of one sentence (their words are shared out between them);
- `match_key`: a digest of everything matching reads of the figure (its quantity, its sentence
  and place in it, and the same of the other figures of its sentence). Two figures with the same
  match key (one story recorded from two outlets) read alike: compared once, reported both.

Word rarities count, like matching's, the distinct sentences of listed figures that hold each
word (`idf_sentences`, `idf_words`), kept up to date as sources are indexed and dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from citekit.models import NON_FIGURE_KINDS

# The words of a sentence as matching reads them (check.matching.words: WORD and canonical; a
# test keeps the two the same, the index lying below check in the layers).
WORD = re.compile(r"[^\W\d_](?:[\w\u2019'-]*[^\W_])?|(?<!\d)(?:1[89]|20)\d\d(?!\d)")
SYNONYM_GROUPS = (
    "unemployment unemployed joblessness jobless",
    "deaths death dead died die dies killed killing fatalities fatality fatal toll",
    "homes home houses house dwellings",
    "people persons residents inhabitants",
    "economy economic gdp output",
)
_SYNONYMS = {word: group.split()[0] for group in SYNONYM_GROUPS for word in group.split()}

_QUANTITY = ("text", "value", "low", "high", "unit", "kind", "qualifier")
_FIELDS = "id, source, pos, record, match_key, sentence_key"
# A range is looked up by its low end where it has no value (as matching's Quantity.point).
_NO_VALUE = "(value IS NULL OR value > 1.7e308 OR value < -1.7e308)"
_CHUNK = 500  # keys per IN (...) list
_CHECK_CACHE = -2000  # KiB: SQLite's default


def sentence_words(text: str) -> set[str]:
    return {_SYNONYMS.get(w.lower(), w.lower()) for w in WORD.findall(text)}


def _digest(*parts: str) -> str:
    """A digest of strings none of which holds a NUL (JSON texts), or the last of them."""
    raw = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def listed(record: dict[str, Any]) -> bool:
    return record.get("kind") not in NON_FIGURE_KINDS


def quantity_of(record: dict[str, Any]) -> str:
    return _json({k: record.get(k) for k in _QUANTITY})


def _sentence_key(record: dict[str, Any]) -> str:
    return _digest(_json(record.get("sentence_start")), str(record.get("sentence") or ""))


def _reading(record: dict[str, Any]) -> str:
    """What a figure's words are read from: its sentence (or quote), its place, text and unit."""
    sentence = record.get("sentence") or (record.get("quote") or {}).get("exact") or ""
    start, s_start = record.get("start"), record.get("sentence_start")
    place: Any = None
    if start is not None and s_start is not None:
        try:
            place = int(start) - int(s_start)  # where in its sentence, wherever that stands
        except (TypeError, ValueError):
            place = [start, s_start]
    return _json([str(sentence), place, record.get("text"), record.get("unit")])


def figure_keys(records: Sequence[dict[str, Any]]) -> list[tuple[str | None, str | None, str]]:
    """(match_key, sentence_key, quantity) of each record of one source; the keys are None for
    a record that is not listed (dates, years: matching never sees them)."""
    sentences: dict[str, list[str]] = {}
    read: list[tuple[str, str] | None] = []
    for record in records:
        if not listed(record):
            read.append(None)
            continue
        key, reading = _sentence_key(record), _reading(record)
        read.append((key, reading))
        sentences.setdefault(key, []).append(reading)
    out: list[tuple[str | None, str | None, str]] = []
    for record, keyed in zip(records, read, strict=True):
        quantity = quantity_of(record)
        if keyed is None:
            out.append((None, None, quantity))
            continue
        key, reading = keyed
        match = _digest(quantity, reading, *sorted(sentences[key]))
        out.append((match, key, quantity))
    return out


# -- word rarities -------------------------------------------------------------------------


def sentence_uses(records: Iterable[dict[str, Any]]) -> dict[str, tuple[str, int]]:
    """{digest: (sentence, how many listed figures of these records stand in it)}."""
    uses: dict[str, tuple[str, int]] = {}
    for record in records:
        if listed(record):
            text = str(record.get("sentence") or "")
            digest = _digest(text)
            uses[digest] = (text, uses.get(digest, (text, 0))[1] + 1)
    return uses


def add_sentences(db: sqlite3.Connection, records: Sequence[dict[str, Any]]) -> None:
    """Count a source's listed sentences in; a sentence new to the library counts its words."""
    add_sentence_uses(db, sentence_uses(records))


def add_sentence_uses(db: sqlite3.Connection, uses: dict[str, tuple[str, int]]) -> None:
    """`add_sentences` of uses counted beforehand (`sentence_uses`, e.g. in a worker)."""
    known = _existing(db, list(uses))
    words: Counter[str] = Counter()
    for digest, (text, _n) in uses.items():
        if digest not in known:
            words.update(sentence_words(text))
    db.executemany(
        "INSERT INTO idf_sentences (hash, uses) VALUES (?, ?)"
        " ON CONFLICT (hash) DO UPDATE SET uses = uses + excluded.uses",
        [(digest, n) for digest, (_text, n) in uses.items()],
    )
    db.executemany(
        "INSERT INTO idf_words (word, df) VALUES (?, ?)"
        " ON CONFLICT (word) DO UPDATE SET df = df + excluded.df",
        sorted(words.items()),
    )


def drop_sentences(db: sqlite3.Connection, key: str) -> None:
    """Count a source's listed sentences out (before its figure rows go)."""
    rows = db.execute("SELECT record FROM figures WHERE source = ? AND listed = 1", (key,))
    uses = sentence_uses(json.loads(r) for (r,) in rows)
    if not uses:
        return
    db.executemany(
        "UPDATE idf_sentences SET uses = uses - ? WHERE hash = ?",
        [(n, digest) for digest, (_text, n) in uses.items()],
    )
    gone = [d for d in uses if d not in _existing(db, list(uses), live=True)]
    words: Counter[str] = Counter()
    for digest in gone:
        words.update(sentence_words(uses[digest][0]))
    db.executemany("DELETE FROM idf_sentences WHERE hash = ?", [(d,) for d in gone])
    db.executemany(
        "UPDATE idf_words SET df = df - ? WHERE word = ?", [(n, w) for w, n in words.items()]
    )
    db.execute("DELETE FROM idf_words WHERE df <= 0")


def _existing(db: sqlite3.Connection, digests: list[str], live: bool = False) -> set[str]:
    found: set[str] = set()
    alive = " AND uses > 0" if live else ""
    for chunk in _chunks(digests):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT hash FROM idf_sentences WHERE hash IN ({marks}){alive}"
        found.update(h for (h,) in db.execute(sql, chunk))
    return found


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


# -- what check reads ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One listed figure as check needs it: where it stands in the library's order and keys."""

    id: int
    source: str
    pos: int
    record: dict[str, Any]
    match_key: str
    sentence_key: str


def _rows(cursor: Iterable[tuple[Any, ...]]) -> list[Row]:
    found = list(cursor)
    return [
        Row(i, s, p, record, m, k)
        for (i, s, p, _r, m, k), record in zip(found, loads_all([r[3] for r in found]), strict=True)
    ]


def loads_all(texts: Sequence[str]) -> list[Any]:
    """`json.loads` of each text, read in one go: the key names the records share are then
    one string each, not one per record (a check holds thousands)."""
    return json.loads("[" + ",".join(texts) + "]") if texts else []


class FigureQueries:
    """Plain-SQL lookups over the index's figures for `check`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        # A check reads scattered rows, most once: SQLite's own default page cache serves it
        # (the larger one a rebuild asks for would only hold pages it never reads again).
        db.execute(f"PRAGMA cache_size = {_CHECK_CACHE}")

    def counts(self) -> tuple[int, int]:
        """(sources holding listed figures, listed figures)."""
        row = self.db.execute(  # (each source's count is kept with it: no figure is read)
            "SELECT count(*), coalesce(sum(listed), 0) FROM sources WHERE listed > 0"
        ).fetchone()
        return int(row[0]), int(row[1])

    def held_by(self, keys: Sequence[str]) -> list[Row]:
        """Listed figures whose source, or the work they are attributed to, is one of `keys`."""
        out: dict[int, Row] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT {_FIELDS} FROM figures WHERE listed = 1 AND"
                f" (source IN ({marks}) OR attributed_to IN ({marks}))"
            )
            for row in _rows(self.db.execute(sql, [*chunk, *chunk])):
                out[row.id] = row
        return sorted(out.values(), key=lambda r: (r.source, r.pos))

    def groups_between(self, low: float, high: float) -> list[tuple[str, str]]:
        """(match_key, quantity) of the listed figures whose value (or low end, for a range
        without one) lies between `low` and `high`: each alike group once."""
        rows = self.db.execute(
            "SELECT match_key, quantity FROM match_groups WHERE"
            f" value BETWEEN ? AND ? OR ({_NO_VALUE} AND low BETWEEN ? AND ?)"
            " ORDER BY match_key",
            (low, high, low, high),
        )
        return [(m, q) for m, q in rows]

    def members(self, match_key: str) -> list[Row]:
        """Every listed figure with this match key, in the library's order."""
        return [
            Row(i, source, pos, json.loads(text), match_key, sentence_key)
            for i, source, pos, text, sentence_key in self.member_texts(match_key)
        ]

    def member_texts(self, match_key: str) -> list[tuple[int, str, int, str, str]]:
        """(id, source, pos, record as JSON, sentence_key) of every listed figure with this match
        key, in the library's order: the records left to read when wanted."""
        sql = (
            "SELECT id, source, pos, record, sentence_key FROM figures"
            " WHERE match_key = ? AND listed = 1 ORDER BY source, pos"
        )
        return list(self.db.execute(sql, (match_key,)))

    def contexts(self, match_keys: Sequence[str]) -> dict[str, str]:
        """The stored context (`contexts.encode`) of each match key the index holds."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(match_keys)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT match_key, context FROM match_groups WHERE match_key IN ({marks})"
            out.update(self.db.execute(sql, chunk))
        return out

    def siblings(self, source: str, sentence_key: str) -> list[Row]:
        sql = (
            f"SELECT {_FIELDS} FROM figures WHERE source = ? AND sentence_key = ?"
            " AND listed = 1 ORDER BY pos"
        )
        return _rows(self.db.execute(sql, (source, sentence_key)))

    def sentences(self) -> int:
        """Distinct sentences of listed figures (what word rarities are counted over)."""
        return int(self.db.execute("SELECT count(*) FROM idf_sentences").fetchone()[0])

    def frequencies(self, words: Sequence[str]) -> dict[str, int]:
        """How many of those sentences hold each word (absent: none)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(words)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT word, df FROM idf_words WHERE word IN ({marks})"
            out.update((w, int(n)) for w, n in self.db.execute(sql, chunk))
        return out
