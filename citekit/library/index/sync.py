"""Bringing the index up to date with the files: what changed since it last looked, and only that.

A file is looked at again when its size or mtime moved, and read again only when its hash did
too. A file written in the last two seconds is stamped as unsure, so an edit within the same
clock tick is still seen by the next command.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekit.errors import BibError
from citekit.library.index import bulk
from citekit.library.index.bibsync import sync_entries
from citekit.library.index.candidates import add_sentence_uses, drop_sentences
from citekit.library.index.rows import FileRows, SourceRows, source_rows

if TYPE_CHECKING:
    from citekit.library.layout import Layout

BIB = "refs.bib"
_UNSURE_NS = 2_000_000_000
# A terminal is told about an update that reads more files than this.
_PROGRESS_AFTER = 200
# Figure rows gathered before one insert: few statements, bounded memory.
_INSERT_ROWS = 5_000


def _stamp(st: os.stat_result) -> tuple[int, int]:
    unsure = time.time_ns() - st.st_mtime_ns < _UNSURE_NS
    return st.st_size, -1 if unsure else st.st_mtime_ns


def _scan(layout: Layout) -> dict[str, os.stat_result]:
    """Every file the index is made from, by its path relative to the library."""
    found: dict[str, os.stat_result] = {}
    with contextlib.suppress(FileNotFoundError):
        found[BIB] = layout.bib_path.stat()
    try:
        with os.scandir(layout.annotations_dir) as it:
            for item in it:
                name = item.name
                if name.endswith(".jsonl") and not name.startswith(".") and item.is_file():
                    found[f"annotations/{name}"] = item.stat()
    except (FileNotFoundError, NotADirectoryError):
        pass
    return found


def _drop_source(db: sqlite3.Connection, key: str) -> None:
    drop_sentences(db, key)
    db.execute(
        "DELETE FROM figure_words WHERE rowid IN (SELECT id FROM figures WHERE source = ?)", (key,)
    )
    keys = db.execute(
        "SELECT DISTINCT match_key FROM figures WHERE source = ? AND match_key IS NOT NULL", (key,)
    ).fetchall()
    db.execute("DELETE FROM figures WHERE source = ?", (key,))
    db.executemany(  # a group stays while another source's figure reads alike
        "DELETE FROM match_groups WHERE match_key = ?1"
        " AND NOT EXISTS (SELECT 1 FROM figures WHERE match_key = ?1)",
        keys,
    )
    db.execute("DELETE FROM notes WHERE source = ?", (key,))
    db.execute(
        "DELETE FROM source_words WHERE rowid IN (SELECT id FROM sources WHERE key = ?)", (key,)
    )
    db.execute("DELETE FROM sources WHERE key = ?", (key,))


def index_source(db: sqlite3.Connection, key: str, annotations: list[dict[str, Any]]) -> None:
    """Replace one source's rows with what its annotations say."""
    _drop_source(db, key)
    insert_sources(db, [source_rows(key, annotations)])


def insert_sources(db: sqlite3.Connection, batch: list[SourceRows]) -> None:
    """Insert the rows of sources the index does not hold (dropped first where it did)."""
    sid = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0]
    fid = db.execute("SELECT coalesce(max(id), 0) + 1 FROM figures").fetchone()[0]
    sources, source_words, figures, figure_words, notes = [], [], [], [], []
    for n, rows in enumerate(batch):
        listed = sum(row[1] for row in rows.figures)
        sources.append((sid + n, rows.key, rows.note_text, listed))
        source_words.append((sid + n, rows.note_words))
        for row, (sentence, other) in zip(rows.figures, rows.words, strict=True):
            figures.append((fid, rows.key, *row))
            figure_words.append((fid, sentence, other))
            fid += 1
        notes.extend((rows.key, pos, note) for pos, note in enumerate(rows.notes))
    db.executemany(
        "INSERT INTO sources (id, key, note_text, listed) VALUES (?, ?, ?, ?)", sources
    )
    db.executemany("INSERT INTO source_words (rowid, words) VALUES (?, ?)", source_words)
    db.executemany(
        "INSERT INTO figures (id, source, pos, listed, value, low, high, attributed_to, start,"
        " record, quantity, match_key, sentence_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        figures,
    )
    db.executemany(
        "INSERT INTO figure_words (rowid, sentence, other) VALUES (?, ?, ?)", figure_words
    )
    db.executemany("INSERT INTO notes (source, pos, record) VALUES (?, ?, ?)", notes)
    db.executemany(
        "INSERT OR IGNORE INTO match_groups (match_key, value, low, quantity, context)"
        " VALUES (?, ?, ?, ?, ?)",
        [(key, *group) for rows in batch for key, group in rows.groups.items()],
    )
    for rows in batch:  # one source after another: a sentence two of them share counts once
        add_sentence_uses(db, rows.sentences)


def _progress(total: int) -> Callable[[int], None] | None:
    if total <= _PROGRESS_AFTER or not sys.stderr.isatty():
        return None

    def show(done: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rindexing the library: {done}/{total} files", end=end, file=sys.stderr)

    return show


def sync(db: sqlite3.Connection, layout: Layout) -> None:
    """Bring the index up to date with refs.bib and annotations/ (one transaction)."""
    found = _scan(layout)
    known, moved, gone = _changes(db, found)
    if not moved and not gone:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Looked at again inside the transaction: another process may have indexed meanwhile.
        known, moved, gone = _changes(db, found)
        if moved or gone:
            _apply(db, layout, found, known, moved, gone)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _changes(
    db: sqlite3.Connection, found: dict[str, os.stat_result]
) -> tuple[dict[str, tuple[int, int, str]], list[str], list[str]]:
    """(what the index holds, files moved since, files gone since)."""
    known = {
        path: (size, mtime, sha)
        for path, size, mtime, sha in db.execute("SELECT path, size, mtime_ns, sha256 FROM files")
    }
    # An unsure stamp (-1) never equals a file's mtime: such a file is hashed again.
    moved = [
        p
        for p, st in found.items()
        if known.get(p, (None, None))[:2] != (st.st_size, st.st_mtime_ns)
    ]
    gone = [p for p in known if p not in found]
    return known, moved, gone


def _apply(
    db: sqlite3.Connection,
    layout: Layout,
    found: dict[str, os.stat_result],
    known: dict[str, tuple[int, int, str]],
    moved: list[str],
    gone: list[str],
) -> None:
    for path in gone:
        db.execute("DELETE FROM files WHERE path = ?", (path,))
        if path == BIB:
            sync_entries(db, "")
        else:
            _drop_source(db, Path(path).stem)
    notes = [p for p in sorted(moved) if p != BIB]
    todo = [(p, str(layout.root / p), known[p][2] if p in known else None) for p in notes]
    fresh = not known
    show = _progress(len(moved))
    with bulk.rows_of(todo) as stream:
        if BIB in moved:  # while workers read the annotation files
            _sync_bib(db, layout, found[BIB], known.get(BIB))
        with bulk.loading(db, fresh and len(todo) >= bulk.BULK_AFTER):
            _load(db, found, known, stream, show)
    if show:
        show(len(moved))


def _sync_bib(
    db: sqlite3.Connection, layout: Layout, st: os.stat_result, known: tuple[int, int, str] | None
) -> None:
    raw = layout.bib_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if known is None or known[2] != digest:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BibError(f"{layout.bib_path}: not UTF-8 text") from None
        sync_entries(db, text)
    _file_row(db, BIB, st, digest, None)


def _file_row(
    db: sqlite3.Connection, path: str, st: os.stat_result, digest: str, error: str | None
) -> None:
    db.execute(
        "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256, error) VALUES (?, ?, ?, ?, ?)",
        (path, *_stamp(st), digest, error),
    )


def _load(
    db: sqlite3.Connection,
    found: dict[str, os.stat_result],
    known: dict[str, tuple[int, int, str]],
    stream: Iterable[FileRows],
    show: Callable[[int], None] | None,
) -> None:
    """Each annotation file's rows into the index, many sources to one insert."""
    batch: list[SourceRows] = []
    total = 0
    for done, item in enumerate(stream, 1):
        if not item.unchanged:
            if item.path in known:
                _drop_source(db, Path(item.path).stem)
            if item.rows is not None:
                batch.append(item.rows)
                total += len(item.rows.figures)
        _file_row(db, item.path, found[item.path], item.digest, item.error)
        if total >= _INSERT_ROWS:
            insert_sources(db, batch)
            batch, total = [], 0
        if show and done % 100 == 0:
            show(done)
    if batch:
        insert_sources(db, batch)
