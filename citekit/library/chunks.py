"""A batch's recording, committed in chunks under the library lock.

Each source is recorded whole into an open transaction (its snapshot, its annotations, its
entry and its cited works' entries in the parsed refs.bib); every few seconds the chunk is
committed with one refs.bib write and the lock is let go, so other writers get their turn and a
kill loses at most the open chunk, never a committed source. Nothing but refs.bib's parse and
the names of staged files stays in memory, however long the batch.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any, cast

from citekit.cites.analysis import Analysis
from citekit.errors import CitekitError, SourceError
from citekit.library import bibsplice, recording
from citekit.library.bib import BibFile
from citekit.library.fsutil import real_target
from citekit.library.journal import Transaction
from citekit.library.layout import Layout
from citekit.library.recording import AddResult

MIN_INTERVAL = 1.0  # seconds a chunk stays open at least


class BatchInterrupted(CitekitError):
    """Ctrl-C or SIGTERM stopped a batch; `results` holds every source kept."""

    exit_code = 1

    def __init__(self, results: list[AddResult], total: int) -> None:
        self.results = results
        self.total = total
        super().__init__(
            f"interrupted: {len(results)} of {total} files recorded and kept; "
            "run the same add again to record the rest"
        )


class ChunkWriter:
    def __init__(self, layout: Layout, key: str | None, meta: dict[str, str | None]) -> None:
        self.layout = layout
        self.key = key
        self.meta = meta
        self.results: list[AddResult] = []  # committed
        self._open: list[AddResult] = []
        self._bib: BibFile | None = None
        self._lookup: recording.Lookup | None = None
        self._stamp: tuple[int, ...] | None = None
        self._txn: Transaction | None = None
        self._lock: Any = None
        self._opened = 0.0
        self._interval = MIN_INTERVAL

    def record(self, path: Any, analysis: Analysis | SourceError) -> None:
        if isinstance(analysis, SourceError):
            self._open.append(AddResult(str(path), status="failed", error=str(analysis)))
            return
        if self._txn is None:
            self._begin()
        bib, lookup = cast(BibFile, self._bib), cast(recording.Lookup, self._lookup)
        result = recording.record_source(
            self.layout, bib, lookup, path, analysis, self.key, self.meta, self._txn
        )
        self._open.append(result)
        if time.monotonic() - self._opened >= self._interval:
            self.commit()

    def commit(self) -> None:
        """Make the open chunk durable and visible; let the lock go."""
        if self._txn is None:
            self.results.extend(self._open)
            self._open = []
            return
        started = time.monotonic()
        try:
            if self._bib is not None and self._bib.dirty:
                text = self._bib.render()
                self._txn.stage(self.layout.bib_path, self.layout.bib_bytes(text))
            self._txn.commit()
            self._stamp = _stamp(self.layout)
        except BaseException:
            self.abort()
            raise
        self._release()
        self.results.extend(self._open)
        self._open = []
        # Each commit renders refs.bib whole: keep that a small share of the batch's time.
        self._interval = max(MIN_INTERVAL, 10 * (time.monotonic() - started))

    def abort(self) -> None:
        """Drop the open chunk: its staged files go, refs.bib will be read again."""
        if self._txn is not None:
            self._txn.abort()
        self._open = [r for r in self._open if r.status == "failed"]
        self._bib = self._lookup = None
        self._release()

    def preload(self) -> BibFile:
        """refs.bib as it is now, read before the lock (the first chunk reads it again only
        when another writer changed it meanwhile)."""
        stamp = _stamp(self.layout)
        self._bib = bibsplice.for_writing(self.layout)
        self._lookup, self._stamp = recording.Lookup.of(self._bib, self.layout), stamp
        return self._bib

    def lookup(self) -> recording.Lookup:
        """What `preload` found in refs.bib: sources by hash and origin, works by identity."""
        return cast(recording.Lookup, self._lookup)

    def _begin(self) -> None:
        self._lock = self.layout.lock()
        self._lock.__enter__()
        try:
            stamp = _stamp(self.layout)
            if self._bib is None or stamp != self._stamp:  # first chunk, or another writer's
                self._bib = bibsplice.for_writing(self.layout)
                self._lookup = None
                self._stamp = stamp
            if self._lookup is None:
                self._lookup = recording.Lookup.of(self._bib, self.layout)
            # One sync of the disk per commit, not one per file: see Transaction.commit.
            self._txn = self.layout.transaction(sync=False)
        except BaseException:
            self._release()
            raise
        self._opened = time.monotonic()

    def _release(self) -> None:
        self._txn = None
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.__exit__(None, None, None)


def _stamp(layout: Layout) -> tuple[int, ...] | None:
    with contextlib.suppress(FileNotFoundError):
        st = os.stat(real_target(layout.bib_path))
        return (st.st_ino, st.st_mtime_ns, st.st_size)
    return None
