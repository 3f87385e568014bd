"""Commands at scale: whole-process time and peak memory at 1,000 and 10,000 sources.

Run: `.venv/bin/python benchmarks/scale.py` (both sizes) or `--sizes 1000`; `--runs N` (default 3,
the median is printed); `--rebuild-library` builds the libraries again.

Libraries: generated ~600-word news articles (fixed seed; a dateline, figures in every paragraph,
a report cited by title and organisation and figures attributed to it). 1,000 are recorded once
through `Library.add` in this process (what `add DIR` runs); the 10,000-source library is those
files replicated ten times under new keys (every key renamed where it stands), because recording
10,000 through `add` takes many minutes on a shared machine (CITEKIT_SCALE_RECORD_ALL=1 records
them all instead, in batches of 1,000). Both are cached under /tmp/citekit-scale/<size>/ so later
runs start at once. Each timed command then runs as its own process (`citekit --library LIB ...`), so start-up and
the index's freshness check count; the peak memory is that process's maximum resident set, its
worker processes included (reported by GNU time, /usr/bin/time, when installed: `make bench`
installs it; else `os.wait4`'s rusage, which also counts what the process inherited from this
script before exec). Writing commands (`add` one more source, `note`) write into the cached
library: every run adds a new article, so the library grows by a few sources per benchmark run.

CITEKIT_SCALE_TIMEOUT=S kills a command after S seconds; its row then says so (its time is a
lower bound).

Index rebuild: `.citekit/index.sqlite` is deleted, then `citekit trace 3417` runs (it rebuilds the
index from the files before answering). Where a checkout has no index, the row says so.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CACHE = Path(os.environ.get("CITEKIT_SCALE_CACHE", "/tmp/citekit-scale"))
# The command timed: this venv's `citekit`, or CITEKIT_CMD (e.g. "python -m citekit" with a
# PYTHONPATH naming another checkout, to time the code before a change).
CITEKIT = os.environ.get("CITEKIT_CMD", "").split() or [
    str(Path(sys.executable).parent / "citekit")
]
BATCH = 1000
# Larger libraries are the 1,000 recorded ones replicated under new keys, unless this is set:
# recording 10,000 sources through `add` takes many minutes on a busy machine.
RECORD_ALL = os.environ.get("CITEKIT_SCALE_RECORD_ALL") == "1"
SEED = 16

_PLACES = """Wales Scotland Ontario Bavaria Lagos Kerala Quebec Munich Leeds Cardiff Bristol Porto
Lyon Valencia Gdansk Tampere Aarhus Bergen Utrecht Ghent Nairobi Accra Lima Quito Recife""".split()
_THINGS = """nurses teachers doctors farmers drivers students tenants households pensioners firms
apprentices volunteers patients commuters anglers miners bakers rangers clerks""".split()
_TOPICS = """housing transport health schools water energy broadband farming tourism policing
libraries rail ferries hospitals pensions wages childcare fisheries""".split()
_ORGS = """Institute Foundation Council Trust Centre Observatory Commission Forum Bureau""".split()
_ADJ = """Northern Civic Open Regional Public Rural Coastal Urban National Independent""".split()
_VERBS = """rose fell climbed dropped grew shrank increased declined""".split()
_FILL = """the council said on Tuesday that the plan would be reviewed again next spring while
officials in the region argued that more staff were needed before any change could take effect and
local groups welcomed the move but warned that costs were still rising across the area""".split()


def _number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(12, 999), rng.randint(1000, 99999)])
    return f"{n:,}"


def article(i: int) -> str:
    """A ~600-word news article, the same for the same i."""
    rng = random.Random(SEED * 1_000_003 + i)
    place, topic = rng.choice(_PLACES), rng.choice(_TOPICS)
    org = f"{rng.choice(_ADJ)} {topic.title()} {rng.choice(_ORGS)} {i}"
    # Titles, organisations and years vary enough that keys stay short (a key base takes at
    # most 702 suffixes: a library of one base would run out).
    report = f"{topic.title()} Review for {place}, edition {i}"
    day = 1 + i % 28
    lines = [f"date {2000 + i % 25}-{1 + i % 12:02d}-{day:02d}", ""]
    lines.append(
        f"{_number(rng)} {rng.choice(_THINGS)} in {place} face longer waits for {topic}, "
        f"a new report says."
    )
    lines.append(
        f"The report titled {report} by the {org} says that {_number(rng)} "
        f"{rng.choice(_THINGS)} were affected last year, up from {_number(rng)} a year earlier."
    )
    if i == 0:
        lines.append("They include 400 of the 3,417 nurses from Wales, according to the report.")
    while sum(len(p.split()) for p in lines) < 600:
        thing = rng.choice(_THINGS)
        fill = " ".join(rng.sample(_FILL, 18))
        lines.append(
            f"According to the report, the number of {thing} in {rng.choice(_PLACES)} "
            f"{rng.choice(_VERBS)} by {rng.randint(2, 60)}% to {_number(rng)}, and {fill}. "
            f"Spending on {rng.choice(_TOPICS)} reached £{rng.randint(2, 900)}m, "
            f"about {rng.randint(2, 40)} per cent of the budget, the {org} said. "
            f"Some {_number(rng)} {rng.choice(_THINGS)} signed a letter in {rng.choice(_PLACES)}."
        )
    return "\n\n".join(lines) + "\n"


def draft(words: int, keys: list[str]) -> str:
    rng = random.Random(SEED + words)
    paras, count = ["# Draft", ""], 0
    while count < words:
        key = rng.choice(keys)
        para = (
            f"In {rng.choice(_PLACES)}, {_number(rng)} {rng.choice(_THINGS)} waited for "
            f"{rng.choice(_TOPICS)} services [@{key}], and spending rose by {rng.randint(2, 60)}% "
            f"to £{rng.randint(2, 900)}m. " + " ".join(rng.sample(_FILL, 30)) + "."
        )
        count += len(para.split())
        paras.append(para)
    return "\n\n".join(paras) + "\n"


def build(size: int, rebuild: bool) -> Path:
    lib = CACHE / str(size)
    done = lib / ".built"
    if done.exists() and not rebuild:
        return lib
    if size > BATCH and not RECORD_ALL:
        return replicate(build(BATCH, False), lib, size // BATCH)
    from citekit.library.folder import Library

    shutil.rmtree(lib, ignore_errors=True)
    texts = CACHE / f"texts-{size}"
    shutil.rmtree(texts, ignore_errors=True)
    texts.mkdir(parents=True)
    (lib).mkdir(parents=True)
    library = Library(lib)
    started = time.perf_counter()
    for first in range(0, size, BATCH):
        batch = []
        for i in range(first, min(size, first + BATCH)):
            path = texts / f"a{i:05d}.txt"
            path.write_text(article(i), encoding="utf-8")
            batch.append(path)
        results = library.add(batch, jobs=os.cpu_count())
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise SystemExit(f"recording failed: {failed[0].path}: {failed[0].error}")
        print(
            f"  built {first + len(batch)}/{size} ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
        )
    _finish(lib, started)
    return lib


def _finish(lib: Path, started: float) -> None:
    keys = [p.stem for p in sorted((lib / "annotations").glob("*.jsonl"))]
    (lib / "draft-1k.md").write_text(draft(1000, keys), encoding="utf-8")
    (lib / "draft-10k.md").write_text(draft(10000, keys), encoding="utf-8")
    (lib / "first-key").write_text(keys[0], encoding="utf-8")
    (lib / ".built").write_text(f"{time.perf_counter() - started:.0f}\n", encoding="utf-8")


def replicate(small: Path, lib: Path, copies: int) -> Path:
    """A library `copies` times the size of `small`: its files again under new keys (key + rN),
    every key renamed where it stands (entries, links, ids, snapshot names)."""
    started = time.perf_counter()
    shutil.rmtree(lib, ignore_errors=True)
    (lib / "annotations").mkdir(parents=True)
    (lib / "sources").mkdir()
    bib = (small / "refs.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", bib, flags=re.M))
    word = re.compile(r"[A-Za-z0-9]+")
    texts = {p.name: p.read_text(encoding="utf-8") for p in (small / "annotations").glob("*.jsonl")}
    parts = []
    for n in range(copies):

        def rename(m: re.Match[str], n: int = n) -> str:
            return m.group() + f"r{n}" if n and m.group() in keys else m.group()

        parts.append(word.sub(rename, bib))
        for name, text in texts.items():
            key = name.removesuffix(".jsonl")
            new = key + (f"r{n}" if n else "")
            (lib / "annotations" / f"{new}.jsonl").write_text(
                word.sub(rename, text), encoding="utf-8"
            )
        for snap in (small / "sources").iterdir():
            stem, dot, ext = snap.name.partition(".")
            shutil.copyfile(snap, lib / "sources" / f"{stem}{f'r{n}' if n else ''}{dot}{ext}")
    (lib / "refs.bib").write_text("\n".join(parts), encoding="utf-8")
    print(
        f"  replicated {small} x{copies} ({time.perf_counter() - started:.0f} s)", file=sys.stderr
    )
    _finish(lib, started)
    return lib


# CITEKIT_SCALE_ONLY="trace,note": only the rows whose names start so.
ONLY = [o for o in os.environ.get("CITEKIT_SCALE_ONLY", "").split(",") if o]
TIMEOUT = float(os.environ.get("CITEKIT_SCALE_TIMEOUT", "0")) or None


# The peak memory a process reports includes what it inherited before exec from the process
# that started it (this script, which grows with the library it has read); GNU time, a small
# process of its own, starts the command and reports the command's own peak, workers included.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_once(args: list[str], limit: bool = True) -> tuple[float, float, int | None, float]:
    """(seconds, peak MB, exit code, CPU seconds) of one whole process; killed after TIMEOUT
    seconds (exit code None), so a command that takes minutes does not hold the table up."""
    report = None
    if GNU_TIME:
        fd, report = tempfile.mkstemp(prefix="citekit-scale-time-")
        os.close(fd)
        args = [GNU_TIME, "-f", "%M %U %S", "-o", report, *args]
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    kill = lambda: os.killpg(proc.pid, signal.SIGKILL)  # noqa: E731
    timer = threading.Timer(TIMEOUT, kill) if TIMEOUT and limit else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if timer:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    killed = timer is not None and elapsed >= (TIMEOUT or 0)
    code = None if killed else proc.returncode
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    if report:
        lines = Path(report).read_text().split("\n")
        os.unlink(report)
        fields = [line.split() for line in lines if re.fullmatch(r"\d+ [\d.]+ [\d.]+", line)]
        if fields:
            peak = int(fields[-1][0]) / 1024
            cpu = float(fields[-1][1]) + float(fields[-1][2])
    return elapsed, peak, code, cpu


def measure(
    name: str, make_args, runs: int, before=None, ok=(0, 1), limit: bool = True
) -> tuple[str, float, float, str]:
    times, peaks, codes, cpus = [], [], set(), []
    for n in range(runs):
        if before:
            before(n)
        t, m, code, cpu = run_once(make_args(n), limit=limit)
        times.append(t)
        peaks.append(m)
        codes.add(code)
        cpus.append(cpu)
    # CPU time (user + system) beside the wall clock: on a shared machine it says what the
    # command itself costs.
    note = f"cpu {statistics.median(cpus):.2f} s"
    if None in codes:
        return name, float(TIMEOUT or 0), max(peaks), f"killed after {TIMEOUT:.0f} s"
    if not codes <= set(ok):
        note += f"; exit {sorted(codes)}"
    return name, statistics.median(times), max(peaks), note


def bench(size: int, runs: int, rebuild: bool) -> list[tuple[str, float, float, str]]:
    lib = build(size, rebuild)
    base = [*CITEKIT, "--library", str(lib)]
    key = (lib / "first-key").read_text(encoding="utf-8").strip()
    extra = CACHE / f"extra-{size}"
    extra.mkdir(exist_ok=True)
    stamp = time.time_ns()

    def new_source(n: int) -> list[str]:
        path = extra / f"more-{stamp}-{n}.txt"
        path.write_text(article(size * 10 + stamp % 100_000 + n), encoding="utf-8")
        return [*base, "add", str(path)]

    index = lib / ".citekit" / "index.sqlite"

    def drop_index(_n: int) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{index}{suffix}").unlink(missing_ok=True)

    # Warm: one read brings the index (where there is one) up to date before timing; timed, it
    # is the index built from scratch when there was none.
    fresh = not index.exists()
    warm = measure(
        "first read (entries --json)", lambda n: [*base, "entries", "--json"], 1, limit=False
    )
    plans = [
        ("citekit --version", lambda n: [*CITEKIT, "--version"], None),
        ("trace 3417", lambda n: [*base, "trace", "3417"], None),
        ("trace nurses Wales", lambda n: [*base, "trace", "nurses", "Wales"], None),
        ("check 1,000-word draft", lambda n: [*base, "check", str(lib / "draft-1k.md")], None),
        ("check 10,000-word draft", lambda n: [*base, "check", str(lib / "draft-10k.md")], None),
        ("verify", lambda n: [*base, "verify"], None),
        ("entries", lambda n: [*base, "entries"], None),
        ("entries --json", lambda n: [*base, "entries", "--json"], None),
        ("add one more source", new_source, None),
        ("note KEY text", lambda n: [*base, "note", key, f"checked {stamp} {n}"], None),
    ]
    if index.exists():
        plans.append(
            ("index rebuild (trace 3417, no index)", lambda n: [*base, "trace", "3417"], drop_index)
        )
    rows = []
    if fresh and index.exists():
        rows.append((f"{warm[0]}: index built from scratch", *warm[1:]))
    for name, make_args, before in plans:
        if ONLY and not any(name.startswith(o) for o in ONLY):
            continue
        print(f"  {size}: {name} ...", file=sys.stderr)
        rows.append(measure(name, make_args, runs, before=before))
    if index.exists() and (not ONLY or any("index".startswith(o) for o in ONLY)):
        run_once([*base, "entries", "--json"], limit=False)  # leave the index warm
    if not index.exists():
        rows.append(("index rebuild", float("nan"), float("nan"), "no index in this checkout"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild-library", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for size in sizes:
        results[size] = bench(size, args.runs, args.rebuild_library)
        print_table({size: results[size]}, args.runs, out=sys.stderr)  # as soon as it is known
    print_table(results, args.runs)


def print_table(
    results: dict[int, list[tuple[str, float, float, str]]], runs: int, out=None
) -> None:
    out = out or sys.stdout
    sizes = list(results)
    names: list[str] = []
    for rows in results.values():
        names += [row[0] for row in rows if row[0] not in names]
    by_name = {size: {row[0]: row for row in rows} for size, rows in results.items()}
    print(f"median of {runs} whole processes; peak = max resident set of the process", file=out)
    print("| operation | " + " | ".join(f"{s:,} sources" for s in sizes) + " |", file=out)
    print("|---|" + "---|" * len(sizes), file=out)
    for name in names:
        cells = []
        for size in sizes:
            _, secs, peak, note = by_name[size].get(name, (name, float("nan"), 0.0, "not run"))
            cell = "n/a" if secs != secs else f"{secs:.2f} s, {peak:.0f} MB"
            cells.append(cell + (f" ({note})" if note else ""))
        print(f"| {name} | " + " | ".join(cells) + " |", file=out)


if __name__ == "__main__":
    main()
