"""Queries over the derived index, in plain SQL: entries, figures, notes, words, values."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from citekit.errors import UnknownKeyError
from citekit.library import entryinfo
from citekit.library.annotations import AnnotationFileError
from citekit.library.index import schema
from citekit.library.index.bibsync import context_of
from citekit.library.index.candidates import FigureQueries
from citekit.library.index.sync import sync

if TYPE_CHECKING:
    from citekit.library.layout import Layout


def open_index(layout: Layout) -> LibraryIndex:
    """The library's index, brought up to date with its files.

    Where .citekit/ cannot be written (a read-only library), an index in memory is built for
    this one command. A killed command's commit is finished first (or its leftovers removed),
    so the index never reads half a recording."""
    if not getattr(layout, "_tidied", True):
        layout.tidy()
    index = getattr(layout, "_citekit_index", None)
    if index is None:
        try:
            index = LibraryIndex(layout, schema.connect(layout.ensure_state_dir() / "index.sqlite"))
            index.refresh()
        except (OSError, sqlite3.OperationalError):
            index = LibraryIndex(layout, schema.connect(None))
            index.refresh()
        layout._citekit_index = index  # one connection per library object
        return index
    index.refresh()
    return index


class LibraryIndex:
    def __init__(self, layout: Layout, db: sqlite3.Connection) -> None:
        self.layout = layout
        self.db = db

    def refresh(self) -> None:
        sync(self.db, self.layout)

    # -- entries ---------------------------------------------------------------------------

    def keys(self) -> list[str]:
        return [k for (k,) in self.db.execute("SELECT key FROM entries ORDER BY pos")]

    def all_entries(self) -> list[dict[str, str]]:
        return [
            json.loads(f) for (f,) in self.db.execute("SELECT fields FROM entries ORDER BY pos")
        ]

    def get(self, key: str) -> dict[str, str] | None:
        row = self.db.execute("SELECT fields FROM entries WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def __contains__(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None

    def entry(self, key: str) -> dict[str, str]:
        fields = self.get(key)
        if fields is None:
            raise UnknownKeyError(f"no entry with key {key!r} in {self.layout.bib_path}")
        return fields

    def source_info(self, key: str) -> dict[str, Any]:
        return entryinfo.source_info(key, self.entry(key))

    def work_info(self, key: str) -> dict[str, Any] | None:
        f = self.get(key)
        if f is None:
            return None
        return entryinfo.work_info(key, f)

    # -- sources, figures, notes -----------------------------------------------------------

    def annotated_keys(self) -> list[str]:
        rows = self.db.execute("SELECT path FROM files WHERE path LIKE 'annotations/%'")
        return sorted(p.removeprefix("annotations/").removesuffix(".jsonl") for (p,) in rows)

    def raise_unreadable(self, keys: Iterable[str] | None = None) -> None:
        """The first annotation file that cannot be read (of `keys`, or of all), as an error."""
        rows = self.db.execute(
            "SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path"
        ).fetchall()
        wanted = None if keys is None else {f"annotations/{k}.jsonl" for k in keys}
        for path, error in rows:
            if wanted is None or path in wanted:
                raise AnnotationFileError(error)

    def figures(
        self, keys: Iterable[str] | None = None, all_kinds: bool = False
    ) -> list[dict[str, Any]]:
        """Figure records as `Library.figures` gives them (sources in key order)."""
        listed = "" if all_kinds else " AND listed = 1"
        if keys is None:
            self.raise_unreadable()
            sql = f"SELECT record FROM figures WHERE 1{listed} ORDER BY source, pos"
            return [json.loads(r) for (r,) in self.db.execute(sql)]
        wanted = list(keys)
        for key in wanted:
            self.entry(key)
        self.raise_unreadable(wanted)
        out: list[dict[str, Any]] = []
        sql = f"SELECT record FROM figures WHERE source = ?{listed} ORDER BY pos"
        for key in wanted:
            out.extend(json.loads(r) for (r,) in self.db.execute(sql, (key,)))
        return out

    def figure_queries(self) -> FigureQueries:
        """The lookups `check` makes (by value, by citing key, by sentence; word rarities)."""
        return FigureQueries(self.db)

    def figures_of_value(self, value: float) -> list[dict[str, Any]]:
        """Listed figures whose value is `value` (or a range with an end at it)."""
        self.raise_unreadable()
        reach = 1e-9 * max(1.0, abs(value))
        rows = self.db.execute(
            "SELECT record FROM figures WHERE listed = 1 AND (value BETWEEN ? AND ?"
            " OR (value IS NULL AND low IS NOT NULL AND high IS NOT NULL"
            " AND (low = ? OR high = ?))) ORDER BY source, pos",
            (value - reach, value + reach, value, value),
        )
        return [json.loads(r) for (r,) in rows]

    def contexts(self, keys: Iterable[str]) -> dict[str, str]:
        """What trace searches besides a figure's own words: its entry's title, author,
        institution and publisher, and the notes on the whole source."""
        out: dict[str, str] = {}
        for key in {k for k in keys if k}:
            fields = self.get(key)
            text = context_of(fields) if fields is not None else ""
            row = self.db.execute("SELECT note_text FROM sources WHERE key = ?", (key,)).fetchone()
            if row is not None:
                text = f"{text} {row[0]}"
            if fields is not None or row is not None:
                out[key] = text
        return out

    def notes(self, key: str | None = None) -> list[dict[str, Any]]:
        """Notes (as `Note.to_dict`) of one source, or of every source in key order."""
        if key is None:
            self.raise_unreadable()
            rows = self.db.execute("SELECT record FROM notes ORDER BY source, pos")
        else:
            self.raise_unreadable([key])
            rows = self.db.execute("SELECT record FROM notes WHERE source = ? ORDER BY pos", (key,))
        return [json.loads(r) for (r,) in rows]

    def ranked_by_words(self, words: list[str], limit: int) -> list[tuple[float, dict[str, Any]]]:
        """Listed figures scored as `trace.rank` scores a words-only query, best `limit`.

        A word counts 1.0 where the figure's sentence holds it, 0.6 where only its unit, its
        notes, its source's entry or notes, or the entry it is attributed to hold it."""
        self.raise_unreadable()
        wanted = sorted(set(words))
        if not wanted:
            return []
        best = self._all_in_sentence(wanted, limit)
        if len(best) == limit:
            return best
        parts, params = [], []
        for n, word in enumerate(wanted):
            term = '"' + word.replace('"', '""') + '"'
            parts.append(
                f"SELECT rowid AS fid, {n} AS w, 1.0 AS weight FROM figure_words"
                " WHERE figure_words MATCH ?"
                f" UNION ALL SELECT rowid, {n}, 0.6 FROM figure_words WHERE figure_words MATCH ?"
                f" UNION ALL SELECT f.id, {n}, 0.6 FROM figures f WHERE f.source IN"
                " (SELECT key FROM entry_words WHERE entry_words MATCH ?"
                " UNION SELECT s.key FROM sources s WHERE s.id IN"
                " (SELECT rowid FROM source_words WHERE source_words MATCH ?))"
                f" UNION ALL SELECT f.id, {n}, 0.6 FROM figures f WHERE f.attributed_to IN"
                " (SELECT key FROM entry_words WHERE entry_words MATCH ?"
                " UNION SELECT s.key FROM sources s WHERE s.id IN"
                " (SELECT rowid FROM source_words WHERE source_words MATCH ?))"
            )
            params += [
                f"sentence : {term}",
                f"other : {term}",
                f"words : {term}",
                f"words : {term}",
                f"words : {term}",
                f"words : {term}",
            ]
        sql = (
            "SELECT f.record, 5.0 * s.hits / ? AS score FROM"
            " (SELECT fid, SUM(best) AS hits FROM"
            f"  (SELECT fid, w, MAX(weight) AS best FROM ({' UNION ALL '.join(parts)})"
            "   GROUP BY fid, w) GROUP BY fid) s"
            " JOIN figures f ON f.id = s.fid WHERE f.listed = 1"
            " ORDER BY score DESC, f.source, f.start, f.pos LIMIT ?"
        )
        rows = self.db.execute(sql, [len(wanted), *params, limit])
        return [(score, json.loads(record)) for record, score in rows]

    def _all_in_sentence(self, wanted: list[str], limit: int) -> list[tuple[float, dict[str, Any]]]:
        """The best `limit` when at least that many figures' sentences hold every word: they
        score the most a figure can (5.0), so the full ranking's first `limit` are these, in
        the same tie order. Fewer than `limit` such figures: the caller ranks them all."""
        match = " AND ".join('sentence : "' + word.replace('"', '""') + '"' for word in wanted)
        rows = self.db.execute(
            "SELECT f.record FROM figure_words w JOIN figures f ON f.id = w.rowid"
            " WHERE figure_words MATCH ? AND f.listed = 1"
            " ORDER BY f.source, f.start, f.pos LIMIT ?",
            (match, limit),
        )
        return [(5.0, json.loads(record)) for (record,) in rows]
