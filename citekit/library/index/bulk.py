"""Rebuilding much of the index at once: rows made by worker processes, indexes made last.

An index built from nothing (deleted, or of another version) reads every annotation file. Their
rows are made by worker processes, a few files a task and a bounded number of tasks in flight,
while the main process inserts (SQLite has one writer); the secondary indexes of a table
filled from empty are created after it is filled, which is cheaper than keeping them up to date
row by row. Workers die with their parent and ignore Ctrl-C, which the parent handles.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from citekit.library.index.rows import FileRows, file_rows, many_file_rows
from citekit.library.workers import stop_pool, worker_start

if TYPE_CHECKING:  # process pools are imported by the rebuilds that use them
    from concurrent.futures import Future

# From this many annotation files to read, an index built from nothing is loaded in bulk ...
BULK_AFTER = 200
# ... and from this many, with worker processes.
PARALLEL_AFTER = 600
_TASK_FILES = 32
# Tables whose secondary indexes are dropped while a fresh index is filled.
_TABLES = ("figures", "notes")

T = TypeVar("T")
Todo = list[tuple[str, str, str | None]]  # (path in the library, full path, hash indexed)


def workers_for(files: int) -> int:
    if files < PARALLEL_AFTER:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 else 0


@contextlib.contextmanager
def rows_of(todo: Todo) -> Iterator[Iterator[FileRows]]:
    """The rows of each file of `todo`, in order: made here, or by workers when many."""
    workers = workers_for(len(todo))
    if not workers:
        yield (file_rows(*item) for item in todo)
        return
    tasks = [(todo[i : i + _TASK_FILES],) for i in range(0, len(todo), _TASK_FILES)]
    with in_workers(many_file_rows, tasks, workers) as results:
        yield (item for result in results for item in result)


@contextlib.contextmanager
def in_workers(
    function: Callable[..., T], tasks: list[tuple[Any, ...]], workers: int
) -> Iterator[Iterator[T]]:
    """`function(*task)` of every task, in order, run by `workers` forked processes with a
    bounded number of tasks in flight."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )
    pending: deque[Future[T]] = deque()
    queue = iter(tasks)

    def results() -> Iterator[T]:
        while pending:
            future = pending.popleft()
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(pool.submit(function, *nxt))
            yield future.result()

    finished = False
    try:
        for task in queue:
            pending.append(pool.submit(function, *task))
            if len(pending) >= workers * 3:
                break
        yield results()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            stop_pool(pool)


@contextlib.contextmanager
def loading(db: sqlite3.Connection, fresh: bool) -> Iterator[None]:
    """Many rows about to be inserted: the cyclic collector paused (the rows hold no cycles),
    and, into tables filled from empty, secondary indexes created after the rows."""
    dropped: list[str] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        if fresh:
            marks = ",".join("?" * len(_TABLES))
            found = db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({marks})",
                _TABLES,
            ).fetchall()
            for name, sql in found:
                db.execute(f'DROP INDEX "{name}"')
                dropped.append(sql)
        yield
        for sql in dropped:
            db.execute(sql)
    finally:
        if enabled:
            gc.enable()


def _worker_start(parent: int) -> None:
    gc.disable()  # a task's rows hold no cycles; its garbage goes by reference counting
    worker_start(parent)
