"""The derived index: .citekit/index.sqlite, a disposable SQLite copy of what the files say.

refs.bib and annotations/*.jsonl are the truth. The index holds their entries, figure records
(as `figures --json` prints them, corrections applied), notes and the words to find them by
(FTS5), so that reads at any library size cost what they return, not what the library holds.
Before every read it is brought up to date from what changed: each file's size and mtime, and
its hash when those moved (`sync`). Deleting it loses nothing; the next command rebuilds it.

`schema` owns the tables, `bibsync` the entries of refs.bib (re-reading only the blocks that
changed), `sync` the annotation files, `store` the queries (plain SQL).
"""

from __future__ import annotations

from citekit.library.index.store import LibraryIndex, open_index

__all__ = ["LibraryIndex", "open_index"]
