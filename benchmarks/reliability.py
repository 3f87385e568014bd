"""Reliability campaign: kill -9 at random moments of a batch, and concurrent writers.

Two campaigns, both with real `citekit` processes:

- kill: `citekit add DIR` of 300 generated articles is killed with SIGKILL at a random moment
  (into an empty library, and into one that already holds 40 sources). After each kill the
  script looks for worker processes that outlived their parent, runs the next command
  (`citekit verify --json`), counts temporary files left behind and checks the library's
  consistency itself (every source entry has its annotations and its snapshot, every annotation
  file and every file in sources/ belongs to an entry, every annotation line is JSON, verify
  finds nothing). Then it runs the same `add` again and checks that all 300 are recorded and
  verify is clean.
- writers: rounds of 4 processes at once, each running add, note, fix, link and import in turn
  against one library; in some rounds a fifth process deletes `.citekit/` over and over. Every
  operation that reported success must be found in the files afterwards; one that is not is a
  lost write.

    python benchmarks/reliability.py [--trials 30] [--rounds 20] [--files 300] [--seed 15]

Prints one table per campaign; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import make_article  # noqa: E402

from citekit.library.bib import BibFile  # noqa: E402
from citekit.library.fsutil import TEMP_NAME  # noqa: E402

CITEKIT = [sys.executable, "-m", "citekit"]


def citekit(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CITEKIT, "--library", str(root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def generate(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + count):
        path = folder / f"article_{i:04d}.txt"
        path.write_text(make_article(i, 600), encoding="utf-8")
        out.append(path)
    return out


# -- what a library must be ---------------------------------------------------------------


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if TEMP_NAME.match(p.name)]


def inconsistencies(root: Path) -> list[str]:
    """What is wrong with the library as files (checked without citekit's own verify)."""
    problems: list[str] = []
    bib_path = root / "refs.bib"
    bib = BibFile.parse(bib_path.read_text(encoding="utf-8") if bib_path.exists() else "")
    if bib.failed or bib.duplicates:
        problems.append(f"refs.bib: {len(bib.failed)} failed, {len(bib.duplicates)} duplicate")
    sources = {k for k in bib.keys() if bib.fields(k).get("citekit-sha256")}
    named: set[str] = set()
    for key in sources:
        fields = bib.fields(key)
        for name in ("file", "citekit-original"):
            if fields.get(name):
                named.add(os.path.normpath(root / fields[name]))
                if not (root / fields[name]).is_file():
                    problems.append(f"{key}: {fields[name]} missing")
        if not (root / "annotations" / f"{key}.jsonl").is_file():
            problems.append(f"{key}: annotations missing")
    ann_dir = root / "annotations"
    for path in sorted(ann_dir.glob("*.jsonl")) if ann_dir.is_dir() else []:
        if path.stem not in sources:
            problems.append(f"{path.name}: no entry")
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                json.loads(line, parse_constant=_refuse)
            except ValueError:
                problems.append(f"{path.name}: a line is not JSON")
                break
    src_dir = root / "sources"
    for path in sorted(src_dir.iterdir()) if src_dir.is_dir() else []:
        is_snapshot = path.is_file() and not TEMP_NAME.match(path.name)
        if is_snapshot and os.path.normpath(path) not in named:
            problems.append(f"sources/{path.name}: no entry")
    return problems


def _refuse(name: str) -> None:
    raise ValueError(name)


def verify_problems(root: Path) -> tuple[int, list[str]]:
    done = citekit(root, "verify", "--json")
    if "Traceback" in done.stderr:
        return done.returncode, ["verify: traceback"]
    try:
        data = json.loads(done.stdout)
    except ValueError:
        return done.returncode, [f"verify: {done.stderr.strip()[:200]}"]
    problems = data.get("problems", []) if isinstance(data, dict) else data
    return done.returncode, [f"{p.get('code')}: {p.get('key') or p.get('path')}" for p in problems]


def process_group(pgid: int) -> list[int]:
    """Live processes (not zombies) of a process group."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            alive.append(int(entry))
    return alive


# -- campaign 1: kill -9 ------------------------------------------------------------------


@dataclass
class KillTrial:
    existing: bool
    after: float
    recorded_before: int = 0
    orphans: int = 0
    temps: int = 0
    problems: list[str] = field(default_factory=list)
    completed: bool = False
    clean_after_rerun: bool = False
    tracebacks: int = 0


def kill_trial(work: Path, articles: Path, base: Path | None, after: float) -> KillTrial:
    root = work / "lib"
    shutil.rmtree(root, ignore_errors=True)
    if base is not None:
        shutil.copytree(base, root)
    else:
        root.mkdir()
    trial = KillTrial(existing=base is not None, after=after)
    proc = subprocess.Popen(
        [*CITEKIT, "--library", str(root), "add", str(articles), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 3.0
    while process_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    stragglers = process_group(proc.pid)
    trial.orphans = len(stragglers)
    for pid in stragglers:  # ours: stop them so the next trial is not disturbed
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    code, problems = verify_problems(root)  # the next command
    trial.problems = problems + inconsistencies(root)
    trial.temps = len(temp_files(root))
    trial.recorded_before = _recorded(root, articles)
    rerun = citekit(root, "add", str(articles), "--json")
    trial.tracebacks += "Traceback" in rerun.stderr
    trial.completed = rerun.returncode == 0 and _recorded(root, articles) == _count(articles)
    code, problems = verify_problems(root)
    trial.clean_after_rerun = code == 0 and not problems and not inconsistencies(root)
    return trial


def _count(folder: Path) -> int:
    return sum(1 for _ in folder.glob("*.txt"))


def _recorded(root: Path, articles: Path) -> int:
    bib_path = root / "refs.bib"
    if not bib_path.exists():
        return 0
    bib = BibFile.parse(bib_path.read_text(encoding="utf-8"))
    origins = {bib.fields(k).get("citekit-origin") for k in bib.keys()}
    return sum(1 for p in articles.glob("*.txt") if str(p.resolve()) in origins)


def kill_campaign(work: Path, trials: int, files: int, rng: random.Random) -> list[KillTrial]:
    articles = work / "articles"
    generate(articles, files)
    base = work / "base"
    base.mkdir()
    generate(work / "older", 40, start=5000)
    started = time.monotonic()
    assert citekit(base, "add", str(work / "older")).returncode == 0
    probe = work / "probe"
    probe.mkdir()
    started = time.monotonic()
    citekit(probe, "add", str(articles))
    full = time.monotonic() - started
    shutil.rmtree(probe)
    out = []
    for i in range(trials):
        after = rng.uniform(0.3, full * 0.95)
        out.append(kill_trial(work, articles, base if i % 2 else None, after))
        t = out[-1]
        print(
            f"  trial {i + 1:2d}: kill at {after:5.1f} s of {full:.1f}, "
            f"{'existing' if t.existing else 'empty':8} library, {t.recorded_before:3d} kept, "
            f"{len(t.problems)} problems, {t.orphans} orphans, {t.temps} temps, "
            f"re-run {'complete' if t.completed else 'INCOMPLETE'}",
            file=sys.stderr,
        )
    return out


# -- campaign 2: concurrent writers --------------------------------------------------------


def quote_article(i: int) -> str:
    lines = [f"date 2022-05-{i % 28 + 1:02d} Council bulletin {i} of Eastmoor."]
    for j in range(12):
        lines.append(f"In ward {j + 1} of bulletin {i}, {100 + 37 * j + i} residents voted.")
    return "\n\n".join(lines) + "\n"


@dataclass
class Op:
    kind: str
    args: list[str]
    expect: tuple[str, str]  # (file relative to the library, text it must hold)
    code: int | None = None
    traceback: bool = False
    error: str = ""


def plan_ops(round_no: int, writer: int, keys: list[str], work: Path) -> list[Op]:
    tag = f"r{round_no}w{writer}"
    key = keys[(round_no * 4 + writer) % len(keys)]
    other = keys[(round_no * 4 + writer + 1) % len(keys)]
    fresh = work / "fresh" / f"{tag}.txt"
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_text(make_article(9000 + round_no * 4 + writer, 200), encoding="utf-8")
    bib = work / "bibs" / f"{tag}.bib"
    bib.parent.mkdir(parents=True, exist_ok=True)
    bib.write_text(f"@misc{{imp{tag},\n  title = {{Imported {tag}}},\n}}\n", encoding="utf-8")
    ward = round_no % 12
    number = 100 + 37 * ward + int(other.removeprefix("w"))
    quote = f"{number} residents"
    value = str(1000 + round_no * 10 + writer)
    return [
        Op("add", ["add", "--key", f"add{tag}", str(fresh)], ("refs.bib", f"@misc{{add{tag},")),
        Op("note", ["note", key, f"note {tag}"], (f"annotations/{key}.jsonl", f"note {tag}")),
        Op(
            "fix",
            ["fix", f"{key}:f1", "--value", value, "--unit", f"voters {tag}"],
            (f"annotations/{key}.jsonl", f"voters {tag}"),
        ),
        Op(
            "link",
            ["link", other, "--quote", quote, "--note", f"link {tag}"],
            (f"annotations/{other}.jsonl", f"link {tag}"),
        ),
        Op("import", ["import", str(bib)], ("refs.bib", f"@misc{{imp{tag},")),
    ]


def run_writer(root: Path, ops: list[Op]) -> None:
    for op in ops:
        done = citekit(root, *op.args)
        op.code = done.returncode
        op.traceback = "Traceback" in done.stderr
        op.error = done.stderr.strip()[:160]


def writers_campaign(work: Path, rounds: int, rng: random.Random) -> dict[str, int]:
    root = work / "wlib"
    keys = []
    for i in range(8):
        path = work / "wsrc" / f"w{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(quote_article(i), encoding="utf-8")
        assert citekit(root, "add", "--key", f"w{i}", str(path)).returncode == 0
        keys.append(f"w{i}")
    totals = dict.fromkeys(("rounds", "deleting", "ops", "succeeded", "lost", "tracebacks"), 0)
    for r in range(rounds):
        plans = [plan_ops(r, w, keys, work) for w in range(4)]
        for plan in plans:
            rng.shuffle(plan)
        stop = threading.Event()
        deleting = r % 4 == 0
        deleter = threading.Thread(target=_keep_deleting, args=(root / ".citekit", stop))
        if deleting:
            deleter.start()
        threads = [threading.Thread(target=run_writer, args=(root, plan)) for plan in plans]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        stop.set()
        if deleting:
            deleter.join()
        totals["rounds"] += 1
        totals["deleting"] += deleting
        for op in (op for plan in plans for op in plan):
            totals["ops"] += 1
            totals["tracebacks"] += op.traceback
            if op.code != 0:
                print(f"  refused: round {r} {op.kind}: {op.error}", file=sys.stderr)
            if op.code == 0:
                totals["succeeded"] += 1
                path, text = op.expect
                if text not in (root / path).read_text(encoding="utf-8"):
                    totals["lost"] += 1
                    print(f"  LOST: round {r} {op.kind} {op.args}", file=sys.stderr)
    code, problems = verify_problems(root)
    totals["verify problems"] = len(problems) + len(inconsistencies(root))
    totals["temp files"] = len(temp_files(root))
    return totals


def _keep_deleting(folder: Path, stop: threading.Event) -> None:
    while not stop.is_set():
        shutil.rmtree(folder, ignore_errors=True)
        time.sleep(0.005)


# -- the tables ----------------------------------------------------------------------------


def print_kill_table(trials: list[KillTrial]) -> bool:
    rows = []
    for label, group in (
        ("empty library", [t for t in trials if not t.existing]),
        ("existing library", [t for t in trials if t.existing]),
        ("all", trials),
    ):
        rows.append(
            (
                label,
                len(group),
                sum(bool(t.problems) for t in group),
                sum(t.orphans for t in group),
                sum(t.temps for t in group),
                sum(not t.completed for t in group),
                sum(not t.clean_after_rerun for t in group),
                sum(t.tracebacks for t in group),
            )
        )
    head = (
        "kill -9 trials",
        "trials",
        "inconsistent",
        "orphan procs",
        "temp files",
        "incomplete re-run",
        "unclean after re-run",
        "tracebacks",
    )
    _table(head, rows)
    return all(not any(r[2:]) for r in rows)


def print_writer_table(totals: dict[str, int]) -> bool:
    head = ("4 concurrent writers", *totals.keys())
    _table(head, [("all rounds", *totals.values())])
    return not (
        totals["lost"] or totals["tracebacks"] or totals["verify problems"] or totals["temp files"]
    )


def _table(head: tuple, rows: list[tuple]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    print("  ".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(f"{x!s:>{w}}" for x, w in zip(row, widths, strict=True)))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ok = True
    with tempfile.TemporaryDirectory(prefix="citekit-reliability-") as tmp:
        work = Path(tmp)
        if args.trials:
            trials = kill_campaign(work, args.trials, args.files, rng)
            ok &= print_kill_table(trials)
        if args.rounds:
            totals = writers_campaign(work, args.rounds, rng)
            ok &= print_writer_table(totals)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
