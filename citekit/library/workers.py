"""Worker processes that die with the command that started them: shared by batch recording and
the index rebuild."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # process pools are imported by the commands that use them
    from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def worker_start(parent: int) -> None:
    """A worker's first step: Ctrl-C is the parent's to handle; the worker ends with it."""
    import ctypes

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (an interrupted command): nothing they still do is wanted."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
