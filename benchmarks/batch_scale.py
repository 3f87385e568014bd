"""Batch recording at scale: `citekit add DIR` of 10,000 generated articles, as a process.

The bar (issue 16): under 120 s and under 300 MB peak memory on the 2-core reference machine,
no error; interrupted (SIGINT) and run again, the library is complete and `verify` is clean.
Memory is measured two ways: the main process's peak (GNU time's "Maximum resident set size")
and the peak of the whole process tree (main and workers, the sum of their resident memory
sampled every 0.2 s from /proc).

    python benchmarks/batch_scale.py [--files 10000] [--words 600] [--interrupt-at 0.4]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import make_article  # noqa: E402

BAR_SECONDS = 120.0
BAR_MB = 300.0
CITEKIT = [sys.executable, "-m", "citekit"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def generate(folder: Path, files: int, words: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        (folder / f"article_{i:05d}.txt").write_text(make_article(i, words), encoding="utf-8")


def tree_rss(pgid: int) -> int:
    """Resident bytes of every live process in a process group."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[2]) == pgid:
            total += int(stat[21]) * PAGE
    return total


def run_batch(root: Path, folder: Path, stop_after: float | None = None) -> dict:
    """`/usr/bin/time -v citekit add DIR`; its seconds, exit code, main and tree peaks."""
    cmd = ["/usr/bin/time", "-v", *CITEKIT, "--library", str(root), "add", str(folder), "--json"]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if stop_after is not None:
        time.sleep(stop_after)
        for pid in _children(proc.pid):  # the citekit process under time
            os.kill(pid, signal.SIGINT)
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    main_kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    try:
        results = json.loads(out)["results"]
    except (ValueError, KeyError):
        results = []
    errors = [line for line in err.splitlines() if line.startswith(("Error:", "Traceback"))]
    return {
        "seconds": seconds,
        "code": _exit_code(err, proc.returncode),
        "main_mb": int(main_kb.group(1)) / 1024 if main_kb else float("nan"),
        "tree_mb": peak[0] / 2**20,
        "recorded": sum(r["status"] in ("added", "updated", "unchanged") for r in results),
        "errors": errors,
    }


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _exit_code(err: str, code: int) -> int:
    found = re.search(r"Exit status: (\d+)", err)
    return int(found.group(1)) if found else code


def verify(root: Path) -> tuple[int, int, float]:
    started = time.monotonic()
    done = subprocess.run(
        [*CITEKIT, "--library", str(root), "verify", "--json"], capture_output=True, text=True
    )
    try:
        problems = len(json.loads(done.stdout).get("problems", []))
    except (ValueError, AttributeError):
        problems = -1
    return done.returncode, problems, time.monotonic() - started


def _print_only_add(files: int, full: dict) -> int:
    ok = full["seconds"] < BAR_SECONDS and max(full["main_mb"], full["tree_mb"]) < BAR_MB
    ok = ok and full["code"] == 0 and not full["errors"] and full["recorded"] == files
    print(
        f"files {files:,}: {full['seconds']:.1f} s ({files / full['seconds']:.1f} files/s), "
        f"peak MB main / whole tree {full['main_mb']:.0f} / {full['tree_mb']:.0f}, "
        f"exit {full['code']}, {len(full['errors'])} errors, {full['recorded']:,} recorded; "
        f"bar < {BAR_SECONDS:.0f} s, < {BAR_MB:.0f} MB: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--interrupt-at", type=float, default=0.4, help="share of the full time")
    parser.add_argument("--only-add", action="store_true", help="time the one add DIR only")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="citekit-scale-") as tmp:
        folder = Path(tmp) / "articles"
        generate(folder, args.files, args.words)
        full = run_batch(Path(tmp) / "lib", folder)
        if args.only_add:
            return _print_only_add(args.files, full)
        code, problems, vsec = verify(Path(tmp) / "lib")
        rows += [
            ("files", f"{args.files:,}"),
            ("one add DIR: seconds", f"{full['seconds']:.1f}"),
            ("one add DIR: files/s", f"{args.files / full['seconds']:.1f}"),
            (
                "one add DIR: peak MB main / whole tree",
                f"{full['main_mb']:.0f} / {full['tree_mb']:.0f}",
            ),
            ("one add DIR: exit code, errors", f"{full['code']}, {len(full['errors'])}"),
            ("one add DIR: recorded", f"{full['recorded']:,}"),
            ("verify: exit code, problems, seconds", f"{code}, {problems}, {vsec:.1f}"),
        ]
        part = run_batch(Path(tmp) / "lib2", folder, stop_after=full["seconds"] * args.interrupt_at)
        rest = run_batch(Path(tmp) / "lib2", folder)
        code2, problems2, _ = verify(Path(tmp) / "lib2")
        rows += [
            ("interrupted at", f"{full['seconds'] * args.interrupt_at:.1f} s"),
            ("interrupted: exit code, kept", f"{part['code']}, {part['recorded']:,}"),
            (
                "re-run: seconds, exit code, recorded",
                f"{rest['seconds']:.1f}, {rest['code']}, {rest['recorded']:,}",
            ),
            ("after re-run: verify exit code, problems", f"{code2}, {problems2}"),
        ]
    ok = (
        full["seconds"] < BAR_SECONDS
        and max(full["main_mb"], full["tree_mb"]) < BAR_MB
        and full["code"] == 0
        and not full["errors"]
        and rest["code"] == 0
        and rest["recorded"] == args.files
        and (code, problems, code2, problems2) == (0, 0, 0, 0)
    )
    rows.append(("bar", f"< {BAR_SECONDS:.0f} s, < {BAR_MB:.0f} MB: {'met' if ok else 'MISSED'}"))
    width = max(len(name) for name, _ in rows)
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  {'-' * 16}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
