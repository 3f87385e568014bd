"""Time bombs: hostile drafts and sources at 1x and 4x their size, each run as a whole process.

Run: `.venv/bin/python benchmarks/timebombs.py` (`--only NAME` for one row, `--scale F` to shrink
or grow every input). Each input is written to a file in a fresh library and run as the user
would run it (`citekit check`, `citekit extract`, or `citekit add` of a changed source already
recorded), once at 1x and once at 4x. The table gives the wall time and the peak resident memory
of each process, their ratios (linear = 4), and whether both stay at most 5x; a process that
prints a traceback, dies or exceeds the time limit fails its row.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CITEKIT = [sys.executable, "-m", "citekit"]
LIMIT_S = 600
BAR = 5.0

SOURCE = "Officials said 4,200 homes were damaged and 12 people were hurt in the storm.\n"


def _table(n: int, changed: bool) -> str:
    """A flattened table: one sentence of n figures (a few changed in the second version)."""
    cells = [f"{(i * 37) % 9000 + 100}" for i in range(n)]
    if changed:
        for i in range(0, n, 50):
            cells[i] = str(int(cells[i]) + 1)
    return "Regional totals " + " ".join(f"{c} tonnes," for c in cells) + " in all.\n"


@dataclass
class Bomb:
    name: str
    command: str  # check, extract or re-add
    suffix: str
    make: Callable[[int], str]
    size: int  # the 1x count of the repeated piece


BOMBS = [
    Bomb("md nested brackets", "check", ".md", lambda n: "[" * n + "12 people" + "]" * n, 12_000),
    Bomb("md citation-like brackets", "check", ".md", lambda n: "[@a 12 " * n, 8_000),
    Bomb("md many citations, one sentence", "check", ".md", lambda n: "12 [@a] " * n, 8_000),
    Bomb("md unclosed code, math, tags", "check", ".md", lambda n: "``a $1 <sup>b " * n, 4_000),
    Bomb(
        "md footnotes",
        "check",
        ".md",
        lambda n: "".join(f"About {i} homes.[^n{i}]\n\n[^n{i}]: See @a.\n\n" for i in range(n)),
        2_000,
    ),
    Bomb(
        "tex nested footnotes",
        "check",
        ".tex",
        lambda n: "\\footnote{12 " * n + "x" + "}" * n,
        5_000,
    ),
    Bomb(
        "tex footnote per paragraph",
        "check",
        ".tex",
        lambda n: "".join(f"It rose {i} per cent.\\footnote{{See \\cite{{a}}.}}\n\n" for i in range(n)),
        2_000,
    ),
    Bomb("cited-work cues repeated", "extract", ".txt", lambda n: "report titled " * n, 5_000),
    Bomb("appositions repeated", "extract", ".txt", lambda n: "The Meridian Water Trust, a " * n, 2_500),
    Bomb("17 digits + magnitude", "extract", ".txt", lambda n: "12345678901234567 thousand " * n, 2_000),
    Bomb("flattened table, re-recorded", "re-add", ".txt", lambda n: _table(n, False), 500),
]  # fmt: skip


def _run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak resident MB, a failure or '') of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    assert proc.stderr is not None
    deadline = started + LIMIT_S
    err = b""
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - started, usage.ru_maxrss / 1024, f"over {LIMIT_S} s"
        time.sleep(0.05)
    spent = time.perf_counter() - started
    err = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    failure = ""
    if b"Traceback" in err or proc.returncode not in (0, 1):
        failure = f"exit {proc.returncode}: {err.decode(errors='replace').strip()[-120:]}"
    return spent, usage.ru_maxrss / 1024, failure


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def measure(bomb: Bomb, count: int) -> tuple[float, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp)
        lib_args = [*CITEKIT, "--library", str(lib)]
        if bomb.command == "check":
            (lib / "source.txt").write_text(SOURCE, encoding="utf-8")
            subprocess.run([*lib_args, "add", "source.txt", "--key", "a"], cwd=lib, env=_env(),
                           check=True, capture_output=True)  # fmt: skip
            draft = lib / f"draft{bomb.suffix}"
            draft.write_text(bomb.make(count), encoding="utf-8")
            return _run([*lib_args, "check", draft.name], lib)
        path = lib / f"input{bomb.suffix}"
        if bomb.command == "extract":
            path.write_text(bomb.make(count), encoding="utf-8")
            return _run([*CITEKIT, "extract", path.name], lib)
        path.write_text(_table(count, False), encoding="utf-8")
        subprocess.run([*lib_args, "add", path.name, "--key", "t"], cwd=lib, env=_env(),
                       check=True, capture_output=True)  # fmt: skip
        path.write_text(_table(count, True), encoding="utf-8")
        return _run([*lib_args, "add", path.name, "--key", "t"], lib)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one row, by name")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every 1x size")
    args = parser.parse_args()
    bombs = [b for b in BOMBS if not args.only or b.name == args.only]
    header = f"{'input':34} {'cmd':8} {'1x KB':>7} {'1x s':>7} {'4x s':>7} {'t 4x/1x':>8} "
    header += f"{'1x MB':>7} {'4x MB':>7} {'m 4x/1x':>8}  <=5x"
    print(header)
    print("-" * len(header))
    failed = 0
    for bomb in bombs:
        count = max(1, int(bomb.size * args.scale))
        small = measure(bomb, count)
        big = measure(bomb, 4 * count)
        time_ratio = big[0] / small[0]
        mem_ratio = big[1] / small[1]
        problem = small[2] or big[2]
        ok = not problem and time_ratio <= BAR and mem_ratio <= BAR
        failed += not ok
        kb = len(bomb.make(count).encode()) / 1e3
        print(
            f"{bomb.name:34} {bomb.command:8} {kb:7.0f} {small[0]:7.2f} {big[0]:7.2f} "
            f"{time_ratio:8.2f} {small[1]:7.0f} {big[1]:7.0f} {mem_ratio:8.2f}  "
            f"{'yes' if ok else 'NO'}{'  ' + problem if problem else ''}",
            flush=True,
        )
    print(f"{len(bombs) - failed} of {len(bombs)} inputs at most {BAR:g}x in time and memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
