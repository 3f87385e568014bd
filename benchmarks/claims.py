"""`citekit check` on real claims citing real sources: one table for both development sets.

The development sets live outside the repository, in ../shared/benchmarks/claims (FRANK's
validation split and WiCE's dev split; override with CITEKIT_CLAIMS_DATA, the folder holding
frank_check.py, wice_check.py, frank-valid/ and wice-dev/). They are read at run time and never
copied. Each set is scored by that folder's own script, which records the sources into a scratch
library with this checkout's `citekit` (real processes), writes a draft citing them and reads
`check --json`. This script runs both and prints one table:

- traced: numbers that should be traced (FRANK: judged faithful; WiCE: supported) and were;
- false alarms: of those, how many came back mismatch, unsourced or elsewhere;
- not reported: of those, how many check did not report at all;
- flagged: wrong numbers (FRANK: introduced by the annotated errors; WiCE: one number changed to a
  value absent from the page) that did not come back traced.

    .venv/bin/python benchmarks/claims.py [--misses N]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLAGS = ("mismatch", "unsourced", "elsewhere")


def data_folder() -> Path:
    override = os.environ.get("CITEKIT_CLAIMS_DATA")
    if override:
        return Path(override)
    for base in (REPO.parent, REPO.parent.parent):
        folder = base / "shared" / "benchmarks" / "claims"
        if folder.is_dir():
            return folder
    return REPO.parent / "shared" / "benchmarks" / "claims"


@dataclass
class Row:
    name: str
    should: int  # numbers that should be traced
    traced: int
    alarms: int
    unreported: int
    wrong: int  # wrong numbers
    flagged: int
    seconds: float


def _pct(x: int, y: int) -> str:
    return f"{x}/{y} ({100.0 * x / y:.1f}%)" if y else "-"


def _counts(out: str, prefix: str) -> dict[tuple[str, str], int]:
    """Per-(family, verdict) counts from the scorer's lines: 'frank valid: faithful traced 158'."""
    found: dict[tuple[str, str], int] = {}
    for m in re.finditer(rf"^{prefix}\s+(\w+)\s+(.+?)\s+(\d+)$", out, re.MULTILINE):
        found[(m.group(1), m.group(2).strip())] = int(m.group(3))
    return found


def run_frank(folder: Path, citekit: Path, misses: int) -> tuple[Row, str]:
    start = time.perf_counter()
    out = _run(
        [folder / "frank_check.py", citekit, folder / "frank-valid", "--split", "valid"], misses
    )
    counts = _counts(out, "frank valid:")
    good = {v: n for (f, v), n in counts.items() if f == "faithful"}
    bad = {v: n for (f, v), n in counts.items() if f == "hallucinated"}
    return Row(
        "FRANK valid",
        sum(good.values()),
        good.get("traced", 0),
        sum(good.get(v, 0) for v in FLAGS),
        good.get("not reported", 0),
        sum(bad.values()),
        sum(bad.get(v, 0) for v in FLAGS),
        time.perf_counter() - start,
    ), out


def run_wice(folder: Path, citekit: Path, misses: int) -> tuple[Row, str]:
    start = time.perf_counter()
    out = _run(
        [folder / "wice_check.py", citekit, folder / "wice-dev" / "dev.jsonl", "--partial"], misses
    )
    pos = re.search(r"positives traced (\d+)/(\d+)", out)
    neg = re.search(r"perturbed flagged (\d+)/(\d+)", out)
    if not pos or not neg:
        raise RuntimeError("wice_check.py printed no score line:\n" + out[-2000:])
    positives = re.findall(r"^\s+positive \S+: (.+?) \[@", out, re.MULTILINE)
    unreported = sum(1 for v in positives if v == "not reported")
    return Row(
        "WiCE dev",
        int(pos.group(2)),
        int(pos.group(1)),
        sum(1 for v in positives if v in FLAGS),
        unreported,
        int(neg.group(2)),
        int(neg.group(1)),
        time.perf_counter() - start,
    ), out


def _run(args: list[Path | str], misses: int) -> str:
    # WiCE's misses are read to count false alarms and unreported numbers: ask for all of them.
    done = subprocess.run(
        [sys.executable, *map(str, args), "--misses", str(max(misses, 10**6))],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(
            f"{Path(args[0]).name} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return done.stdout


def table(rows: list[Row]) -> str:
    lines = [
        "| set | should be traced: traced | false alarms | not reported | wrong numbers flagged |"
        " time |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {_pct(r.traced, r.should)} | {_pct(r.alarms, r.should)} | "
            f"{_pct(r.unreported, r.should)} | {_pct(r.flagged, r.wrong)} | {r.seconds:.0f} s |"
        )
    return "\n".join(lines)


def _misses(out: str, limit: int) -> list[str]:
    lines = [ln for ln in out.splitlines() if ln.startswith("  ")]
    return lines[:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="misses to list per set")
    args = parser.parse_args()
    folder = data_folder()
    if not (folder / "frank_check.py").exists() or not (folder / "wice_check.py").exists():
        print(f"(no development claims found in {folder}; set CITEKIT_CLAIMS_DATA)")
        return 1
    citekit = Path(sys.executable).parent / "citekit"
    rows = []
    for run in (run_frank, run_wice):
        try:
            row, out = run(folder, citekit, args.misses)
        except RuntimeError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
        rows.append(row)
        for line in _misses(out, args.misses):
            print(f"{row.name}: {line.strip()}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
