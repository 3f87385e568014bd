"""Batch recording throughput: 1,000 news-sized articles recorded with `Library.add`.

The bar (issue 6): under 30 seconds on the 2-core reference machine, all cores in use. The
articles are generated here (deterministically, ~600 words each, with the figures, cited reports
and attributions a real news story has), written to a temporary folder and recorded into a fresh
library in one `add` call, exactly as `citekit add DIR/` does.

    python benchmarks/batch.py [--files 1000] [--words 600] [--jobs N] [--profile]

--profile runs the recording under cProfile and prints the 25 most expensive functions
(cumulative), main process only; worker time shows as waiting on the pool.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citekit.library.folder import Library  # noqa: E402

BAR_SECONDS = 30.0

PLACES = [
    "Port Alder",
    "Northbridge",
    "the Varn valley",
    "Lakeshire",
    "Eastmoor",
    "Kessel",
    "the Tamsin delta",
    "Greyhaven",
    "Oldcastle",
    "the Morrow coast",
    "Sunfield",
    "Brackwater",
]
SUBJECTS = [
    ("households", "lost power"),
    ("nurses", "left the service"),
    ("farms", "were flooded"),
    ("pupils", "missed exams"),
    ("vessels", "docked"),
    ("flats", "were built"),
    ("buses", "were withdrawn"),
    ("migrants", "arrived"),
    ("firms", "closed"),
    ("patients", "waited more than a year"),
    ("jobs", "were created"),
    ("homes", "were sold"),
]
ORGS = [
    "Harbour Authority",
    "Meridian Trust",
    "Institute for Fiscal Studies",
    "Water Board",
    "National Audit Office",
    "Centre for Cities",
    "Red Cross",
    "Transport Council",
]
REPORTS = [
    "Counting the Cost",
    "Tides of Trade",
    "A Fair Share",
    "Beyond the Flood",
    "The Long Wait",
    "Homes for All",
    "Running on Empty",
    "Mind the Gap",
]
FILLER = [
    "Residents interviewed on Tuesday described a mood of cautious optimism.",
    "Local councillors said they would study the findings before the next budget.",
    "Critics argue that the plans do not go far enough, and campaigners have called for a review.",
    "The government has not yet responded to requests for comment.",
    "Business leaders welcomed the announcement but warned that costs were still rising.",
    "Opposition figures described the measures as too little, too late.",
    "The figures were published alongside a consultation that closes next month.",
    "Several of those affected said they had not been told in advance.",
]


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return f"{rng.randint(1_000, 99_999):,}"
    if kind < 0.55:
        return str(rng.randint(12, 999))
    if kind < 0.7:
        return f"{rng.randint(1, 99)}%"
    if kind < 0.85:
        return f"${rng.randint(2, 950)} million"
    return f"{rng.randint(2, 40)}.{rng.randint(1, 9)} per cent"


def _sentence(rng: random.Random) -> str:
    noun, verb = rng.choice(SUBJECTS)
    place = rng.choice(PLACES)
    org = rng.choice(ORGS)
    figure = _number(rng)
    forms = [
        f"The {org} says {figure} {noun} {verb} in {place} last year.",
        f"According to the {org}, about {figure} {noun} {verb} in {place}.",
        f"In {place}, {figure} {noun} {verb}, up from {_number(rng)} a year earlier.",
        f"Officials said more than {figure} {noun} {verb} across {place} since {rng.randint(2001, 2023)}.",
        f"Nearly {figure} {noun} {verb} in {place}, the {org} said.",
    ]
    return rng.choice(forms)


def make_article(index: int, words: int = 600, seed: int = 6) -> str:
    """A deterministic news article of about `words` words, in the seed's plain-text format."""
    rng = random.Random(seed * 1_000_003 + index)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    org = rng.choice(ORGS)
    report = rng.choice(REPORTS)
    lead = (
        f"date 2024-{month:02d}-{day:02d} {_sentence(rng)} A report titled {report}: "
        f"{rng.choice(PLACES).title()} in Numbers (edition {index}) by the {org} says "
        f"{_number(rng)} {rng.choice(SUBJECTS)[0]} were affected."
    )
    paragraphs = [lead]
    count = len(lead.split())
    while count < words:
        size = rng.randint(2, 4)
        filler = iter(rng.sample(FILLER, size))
        sentences = [_sentence(rng) if rng.random() < 0.6 else next(filler) for _ in range(size)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, files: int, words: int) -> int:
    """Write `files` articles; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(files):
        data = make_article(i, words).encode("utf-8")
        (folder / f"article_{i:04d}.txt").write_bytes(data)
        total += len(data)
    return total


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest worker, in MB (Linux: KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    parser.add_argument("--profile", action="store_true", help="cProfile the main process")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="citekit-batch-") as tmp:
        src = Path(tmp) / "articles"
        size = generate(src, args.files, args.words)
        root = Path(tmp) / "library"
        root.mkdir()
        library = Library(root)
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started = time.perf_counter()
        results = library.add([src], jobs=args.jobs)
        seconds = time.perf_counter() - started
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        failed = [r for r in results if r.status == "failed"]
        figures = sum(r.figures for r in results)
        own, workers = _peak_rss_mb()

    rows = [
        ("files", f"{len(results):,}"),
        ("failed", f"{len(failed)}"),
        ("figures", f"{figures:,}"),
        ("total MB", f"{size / 1e6:.2f}"),
        ("seconds", f"{seconds:.1f}"),
        ("files/s", f"{len(results) / seconds:.1f}"),
        ("peak RSS MB (main / worker)", f"{own:.0f} / {workers:.0f}"),
        ("cores", f"{args.jobs or os.cpu_count()}"),
        ("bar", f"< {BAR_SECONDS:.0f} s: {'met' if seconds < BAR_SECONDS else 'MISSED'}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  {'-' * 12}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0 if seconds < BAR_SECONDS and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
