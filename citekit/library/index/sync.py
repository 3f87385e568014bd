"""Bringing the index up to date with the files: what changed since it last looked, and only that.

A file is looked at again when its size or mtime moved, and read again only when its hash did
too. A file written in the last two seconds is stamped as unsure, so an edit within the same
clock tick is still seen by the next command.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekit.errors import BibError
from citekit.library.index.bibsync import sync_entries
from citekit.library.index.candidates import add_sentences, drop_sentences, figure_keys
from citekit.library.index.words import words_of

if TYPE_CHECKING:
    from citekit.library.layout import Layout

BIB = "refs.bib"
_UNSURE_NS = 2_000_000_000
# A terminal is told about an update that reads more files than this.
_PROGRESS_AFTER = 200


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


def _parse_lines(path: Path, raw: bytes) -> list[dict[str, Any]]:
    from citekit.library.annotations import AnnotationFileError

    out = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise AnnotationFileError(f"{path}:{number}: not a JSON object")
        out.append(record)
    return out


def _drop_source(db: sqlite3.Connection, key: str) -> None:
    drop_sentences(db, key)
    db.execute(
        "DELETE FROM figure_words WHERE rowid IN (SELECT id FROM figures WHERE source = ?)", (key,)
    )
    db.execute("DELETE FROM figures WHERE source = ?", (key,))
    db.execute("DELETE FROM notes WHERE source = ?", (key,))
    db.execute(
        "DELETE FROM source_words WHERE rowid IN (SELECT id FROM sources WHERE key = ?)", (key,)
    )
    db.execute("DELETE FROM sources WHERE key = ?", (key,))


def index_source(db: sqlite3.Connection, key: str, annotations: list[dict[str, Any]]) -> None:
    """Replace one source's rows with what its annotations say."""
    from citekit.library.annotations import source_note_text
    from citekit.library.index.listing import notes_of
    from citekit.library.records import figure_records
    from citekit.models import NON_FIGURE_KINDS

    _drop_source(db, key)
    note_text = source_note_text(annotations)
    row = db.execute("INSERT INTO sources (key, note_text) VALUES (?, ?)", (key, note_text))
    db.execute(
        "INSERT INTO source_words (rowid, words) VALUES (?, ?)",
        (row.lastrowid, words_of(note_text)),
    )
    records = figure_records(key, annotations, all_kinds=True)
    first = _next_id(db)
    keys = figure_keys(records)
    add_sentences(db, records)
    db.executemany(
        "INSERT INTO figures (id, source, pos, listed, value, low, high, attributed_to, start,"
        " record, match_key, sentence_key, quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                first + pos,
                key,
                pos,
                int(record["kind"] not in NON_FIGURE_KINDS),
                _real(record.get("value")),
                _real(record.get("low")),
                _real(record.get("high")),
                record.get("attributed_to"),
                record.get("start"),
                json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                *keys[pos],
            )
            for pos, record in enumerate(records)
        ],
    )
    db.executemany(
        "INSERT INTO figure_words (rowid, sentence, other) VALUES (?, ?, ?)",
        [
            (
                first + pos,
                words_of(record.get("sentence") or ""),
                words_of(
                    " ".join(
                        [record.get("unit") or "", *(n.get("text") or "" for n in record["notes"])]
                    )
                ),
            )
            for pos, record in enumerate(records)
        ],
    )
    db.executemany(
        "INSERT INTO notes (source, pos, record) VALUES (?, ?, ?)",
        [
            (key, pos, json.dumps(n.to_dict(), ensure_ascii=False))
            for pos, n in enumerate(notes_of(key, annotations, records))
        ],
    )


def _next_id(db: sqlite3.Connection) -> int:
    return db.execute("SELECT coalesce(max(id), 0) + 1 FROM figures").fetchone()[0]


def _real(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


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
    if not moved and not gone:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        _apply(db, layout, found, known, moved, gone)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


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
    show = _progress(len(moved))
    for done, path in enumerate(sorted(moved), 1):
        st = found[path]
        full = layout.root / path
        raw = full.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        error = None
        if path not in known or known[path][2] != digest:
            if path == BIB:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise BibError(f"{layout.bib_path}: not UTF-8 text") from None
                sync_entries(db, text)
            else:
                error = _reindex_file(db, full, raw)
        db.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256, error)"
            " VALUES (?, ?, ?, ?, ?)",
            (path, *_stamp(st), digest, error),
        )
        if show and (done % 100 == 0 or done == len(moved)):
            show(done)


def _reindex_file(db: sqlite3.Connection, full: Path, raw: bytes) -> str | None:
    """Index one annotation file; the reason it cannot be read, when it cannot."""
    from citekit.library.annotations import AnnotationFileError

    key = full.stem
    try:
        annotations = _parse_lines(full, raw)
    except (AnnotationFileError, UnicodeDecodeError) as exc:
        _drop_source(db, key)
        return str(exc) if isinstance(exc, AnnotationFileError) else f"{full}: not UTF-8 text"
    index_source(db, key, annotations)
    return None
