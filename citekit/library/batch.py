"""Analysing a batch of sources in worker processes, streamed back in order.

At most a small window of files is in flight, so memory does not grow with the batch. Workers
die with their parent: each asks the kernel for SIGKILL when the parent goes (Linux), and
watches its parent besides; they ignore Ctrl-C, which the parent handles (it keeps what was
recorded and stops them).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from citekit.cites.analysis import Analysis, analyse
from citekit.errors import SourceError
from citekit.library.workers import stop_pool, worker_start
from citekit.read.fetch import fetch_url, is_url
from citekit.read.ingest import read_document

PARALLEL_THRESHOLD = 8


def analyse_path(path: str, encoding: str | None = None) -> Analysis | SourceError:
    try:
        doc = fetch_url(path) if is_url(path) else read_document(Path(path), encoding=encoding)
        return analyse(doc)
    except SourceError as exc:
        return exc


def analyse_stream(
    files: list[Any], jobs: int | None, encoding: str | None = None
) -> Iterator[tuple[Any, Analysis | SourceError]]:
    """(file, its analysis or the reason it cannot be read), in the order given."""
    analyse_one = partial(analyse_path, encoding=encoding)
    workers = min(jobs or os.cpu_count() or 1, max(1, len(files)))
    if len(files) < PARALLEL_THRESHOLD or workers == 1:
        for path in files:
            yield path, analyse_one(str(path))
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=worker_start, initargs=(os.getpid(),)
    )
    pending: deque[tuple[Any, Future[Analysis | SourceError]]] = deque()
    todo = iter(files)
    window = workers * 4
    finished = False
    try:
        for path in todo:
            pending.append((path, pool.submit(analyse_one, str(path))))
            if len(pending) >= window:
                break
        while pending:
            path, future = pending.popleft()
            result = future.result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(analyse_one, str(nxt))))
            yield path, result
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            stop_pool(pool)


class Interrupts:
    """Ctrl-C and `kill` (SIGTERM) during a batch, deferred while a source is being recorded
    or committed, so that an interrupt never leaves half a source: it arrives as
    KeyboardInterrupt between sources."""

    def __init__(self) -> None:
        self.pending = False
        self.depth = 0

    def _handle(self, signum: int, frame: Any) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[Interrupts]:
        try:
            old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        except ValueError:  # not the main thread: signals stay as they are
            yield self
            return
        try:
            yield self
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.pending:
            self.pending = False
            raise KeyboardInterrupt
