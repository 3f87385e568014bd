"""The index's tables and how it is opened: WAL, a schema version, rebuilt when unreadable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Bump when the tables or what goes into them change: an index of another version is rebuilt.
SCHEMA_VERSION = "4"
_WORDS = 'tokenize = "unicode61 remove_diacritics 0"'

TABLES = f"""
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, error TEXT
);
CREATE TABLE entries (
    key TEXT PRIMARY KEY, pos INTEGER NOT NULL, block TEXT NOT NULL, fields TEXT NOT NULL
);
CREATE INDEX entries_by_pos ON entries (pos);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, note_text TEXT NOT NULL,
    listed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, pos INTEGER NOT NULL, listed INTEGER NOT NULL,
    value REAL, low REAL, high REAL, attributed_to TEXT, start INTEGER, record TEXT NOT NULL,
    quantity TEXT NOT NULL, match_key TEXT, sentence_key TEXT
);
CREATE INDEX figures_by_source ON figures (source, pos);
CREATE INDEX figures_by_value ON figures (value);
CREATE INDEX figures_by_low ON figures (low);
CREATE INDEX figures_by_high ON figures (high);
CREATE INDEX figures_by_attribution ON figures (attributed_to);
CREATE INDEX figures_by_match ON figures (match_key);
CREATE INDEX figures_by_sentence ON figures (source, sentence_key);
CREATE TABLE match_groups (
    match_key TEXT PRIMARY KEY, value REAL, low REAL, quantity TEXT NOT NULL, context TEXT NOT NULL
);
CREATE INDEX match_groups_by_value ON match_groups (value);
CREATE INDEX match_groups_by_low ON match_groups (low);
CREATE TABLE idf_sentences (hash TEXT PRIMARY KEY, uses INTEGER NOT NULL);
CREATE TABLE idf_words (word TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, pos INTEGER NOT NULL, record TEXT NOT NULL
);
CREATE INDEX notes_by_source ON notes (source, pos);
CREATE VIRTUAL TABLE figure_words USING fts5 (sentence, other, {_WORDS});
CREATE VIRTUAL TABLE entry_words USING fts5 (key UNINDEXED, words, {_WORDS});
CREATE VIRTUAL TABLE source_words USING fts5 (words, {_WORDS});
"""


def create(db: sqlite3.Connection) -> None:
    """The tables, in one transaction (two processes creating at once: the second waits)."""
    db.execute("BEGIN IMMEDIATE")
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        for statement in TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    db.execute("COMMIT")


def _current(db: sqlite3.Connection) -> bool:
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == SCHEMA_VERSION


def _discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def connect(path: Path | None) -> sqlite3.Connection:
    """The index at `path` (None: in memory), created or re-created when missing or stale."""
    if path is None:
        db = sqlite3.connect(":memory:", isolation_level=None)
        create(db)
        return db
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA cache_size = -32000")  # 32 MB: a rebuild's FTS merges stay in memory
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                create(db)
            if _current(db):
                return db
        except sqlite3.DatabaseError:
            if attempt:
                raise
        db.close()
        _discard(path)  # another version, or not an index at all: derived, so start again
    raise sqlite3.DatabaseError(f"{path}: cannot open the index")
