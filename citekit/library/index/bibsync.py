"""The entries of refs.bib in the index, re-reading only the blocks that changed.

refs.bib is cut into blocks at every line that starts with `@`; a block whose text the index
already holds keeps its parsed fields, new blocks are parsed on their own. Whatever a block alone
cannot say for certain (@string macros, a block that does not parse alone as one entry, a key
twice, many new blocks) makes the whole file be parsed instead, as `Library.bib()` parses it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from typing import Any

from citekit.library.index.words import words_of

_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,")
_STRING = re.compile(r"@\s*string\b", re.I)
# Above this many new blocks one parse of the whole file is quicker than parses block by block.
_PIECEWISE_LIMIT = 200
_CLEAN = "bib_clean"


def blocks(text: str) -> list[str]:
    """The file cut before every `@` that starts a line; text before the first is dropped."""
    parts = text.split("\n@")
    out = ["@" + part + "\n" for part in parts[1:]]
    if text.startswith("@"):
        out.insert(0, parts[0] + "\n")
    if out:
        out[-1] = out[-1][:-1]
    return out


def block_hash(block: str) -> str:
    return hashlib.sha1(block.strip().encode("utf-8")).hexdigest()


def _parse_whole(
    text: str, pieces: list[str]
) -> tuple[list[tuple[str, str, dict[str, Any]]], bool]:
    """Every entry, and whether the file parsed cleanly (no failed block, no key twice)."""
    from citekit.library.bib import BibFile

    bib = BibFile.parse(text)
    by_key: dict[str, str] = {}
    for piece in pieces:
        head = _HEAD.match(piece)
        if head and head.group(2) not in by_key:
            by_key[head.group(2)] = block_hash(piece)
    rows = [(key, by_key.get(key, ""), bib.fields(key)) for key in bib.keys()]
    return rows, not bib.failed and not bib.duplicates


def _parse_piecewise(
    pieces: list[str], digests: list[str], known: dict[str, str]
) -> list[tuple[str, str, dict[str, Any] | None]] | None:
    """Entries block by block, or None when a block cannot be read alone. A block the index
    holds (by hash) is not parsed: its fields stay None, the index has them."""
    from citekit.library.bib import BibFile

    out: list[tuple[str, str, dict[str, Any] | None]] = []
    seen: set[str] = set()
    for piece, digest in zip(pieces, digests, strict=True):
        fields: dict[str, Any] | None = None
        if digest in known:
            key = known[digest]
        else:
            bib = BibFile.parse(piece)
            keys = bib.keys()
            if bib.failed or bib.duplicates or len(keys) > 1:
                return None
            if not keys:
                head = _HEAD.match(piece)
                if head and head.group(1).lower() not in ("comment", "preamble"):
                    return None
                continue
            key, fields = keys[0], bib.fields(keys[0])
        if key in seen:
            return None
        seen.add(key)
        out.append((key, digest, fields))
    return out


def sync_entries(db: sqlite3.Connection, text: str) -> None:
    """Replace the entries table with what `text` (refs.bib) holds. Inside a transaction.

    Blocks the index already holds keep their rows untouched (moved where their place in the
    file changed); only new or changed blocks are parsed and written."""
    pieces = blocks(text)
    digests = [block_hash(p) for p in pieces]
    old: dict[str, str] = {}
    known: dict[str, str] = {}
    for key, digest in db.execute("SELECT key, block FROM entries"):
        old[key] = digest
        if digest:
            known[digest] = key
    new = sum(1 for d in digests if d not in known)
    rows: list[tuple[str, str, dict[str, Any] | None]] | None = None
    # A file known to have failed blocks is parsed whole again: only that says when it is clean.
    macros = any(_STRING.match(p) for p in pieces)
    if not macros and new <= _PIECEWISE_LIMIT and is_clean(db):
        rows = _parse_piecewise(pieces, digests, known)
    clean = rows is not None
    if rows is None:
        rows, clean = _parse_whole(text, pieces)  # type: ignore[assignment]
    db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (_CLEAN, str(int(clean))))
    _write_entries(db, rows)
    changed = [
        (key, fields) for key, digest, fields in rows if not digest or old.get(key) != digest
    ]
    gone = set(old) - {key for key, _, _ in rows}
    if len(gone) + len(changed) > _PIECEWISE_LIMIT:  # one scan, not one per entry
        db.execute("DELETE FROM entry_words")
        changed = [(key, _fields_of(db, key, fields)) for key, _, fields in rows]
    else:
        stale = [(k,) for k in gone] + [(k,) for k, _ in changed]
        db.executemany("DELETE FROM entry_words WHERE key = ?", stale)
    db.executemany(
        "INSERT INTO entry_words (key, words) VALUES (?, ?)",
        [(key, words_of(context_of(_fields_of(db, key, fields)))) for key, fields in changed],
    )


def _fields_of(db: sqlite3.Connection, key: str, fields: dict[str, Any] | None) -> dict[str, Any]:
    """A row's fields: parsed now, or (None) the ones the index holds for the key."""
    if fields is not None:
        return fields
    return json.loads(db.execute("SELECT fields FROM entries WHERE key = ?", (key,)).fetchone()[0])


def is_clean(db: sqlite3.Connection) -> bool:
    """Whether refs.bib as the index holds it parsed cleanly: no failed block, no key twice
    (unknown, for an index written before it said so: the file is then parsed whole)."""
    row = db.execute("SELECT value FROM meta WHERE name = ?", (_CLEAN,)).fetchone()
    return row is not None and row[0] == "1"


def _write_entries(
    db: sqlite3.Connection, rows: list[tuple[str, str, dict[str, Any] | None]]
) -> None:
    """The entries table made to hold `rows`, writing only the rows that changed; a row
    without fields (a block the index holds) is only moved to its new place."""
    where = {key: (pos, digest) for key, pos, digest in db.execute(
        "SELECT key, pos, block FROM entries")}  # fmt: skip
    keys = {key for key, _, _ in rows}
    db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in where if k not in keys])
    moved, written = [], []
    for pos, (key, digest, fields) in enumerate(rows):
        if digest and where.get(key) == (pos, digest):
            continue
        if fields is None:
            moved.append((pos, key))
        else:
            written.append((key, pos, digest, json.dumps(fields, ensure_ascii=False)))
    db.executemany("UPDATE entries SET pos = ? WHERE key = ?", moved)
    db.executemany(
        "INSERT OR REPLACE INTO entries (key, pos, block, fields) VALUES (?, ?, ?, ?)", written
    )


def context_of(fields: dict[str, Any]) -> str:
    """The words of an entry a query may name: title, author, institution, publisher."""
    return " ".join(
        fields.get(name, "") for name in ("title", "author", "institution", "publisher")
    )
