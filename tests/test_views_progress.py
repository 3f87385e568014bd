"""Progress on long operations: n/total, rate and time left, drawn from a plain callback."""

from __future__ import annotations

import io
import re
import time

from rich.console import Console

from citekit.library.folder import Library
from citekit.views.progress import ProgressBar
from tests.conftest import write


def _terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=100)


def test_the_bar_tells_n_of_total_rate_and_time_left():
    with ProgressBar("recording", console=_terminal(), enabled=True) as bar:
        bar(0, 40, "start")
        time.sleep(0.3)
        bar(10, 40, "/tmp/src/harbour-report.txt")
        time.sleep(0.3)
        bar(20, 40, "/tmp/src/harbour-review.txt")
        line = bar.snapshot()
    assert "recording" in line
    assert "20/40 files" in line
    rate = re.search(r"([\d.]+)/s", line)
    assert rate and 0 < float(rate.group(1)) < 200, line  # 10 files per ~0.3 s sleep
    assert re.search(r"left\s+\d+:\d\d:\d\d", line), line
    assert "harbour-review.txt" in line
    assert bar.snapshot() == ""  # gone once the operation ends


def test_disabled_bar_is_a_callback_that_draws_nothing():
    console = _terminal()
    with ProgressBar("verifying", console=console, enabled=False) as bar:
        bar(3, 9, "x")
        assert bar.snapshot() == ""
    assert console.file.getvalue() == ""


def test_the_library_calls_it_for_a_batch_and_verify(tmp_path):
    files = [
        write(
            tmp_path / "src" / f"a{i}.txt",
            f"date 2024-01-0{i + 1}\n\nThe port moved {i + 2},000 boxes.\n",
        )
        for i in range(3)
    ]
    calls: list[tuple[int, int]] = []
    lib = Library(tmp_path / "lib")
    lib.add(files, jobs=1, progress=lambda done, total, label: calls.append((done, total)))
    assert calls[-1] == (3, 3) and all(total == 3 for _, total in calls)
    from citekit.review.verify import run

    seen: list[tuple[int, int, str]] = []
    run(lib, progress=lambda done, total, key: seen.append((done, total, key)))
    assert [(d, t) for d, t, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert {k for _, _, k in seen} == set(lib.keys())
