"""Benchmark `citekit check`: a 10,000-word draft against a library of 1,000 generated sources.

The sources and the draft are generated here (seeded, so runs compare), recorded once into a
library folder (reused with --library DIR), then checked; the table gives the time of each stage.
Target: the check itself (everything after recording) under 2 seconds.

    .venv/bin/python benchmarks/check.py [--sources 1000] [--words 10000] [--library DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from citekit.check.report import check_draft
from citekit.library.folder import Library


def _words(text: str) -> list[str]:
    return text.split()


PLACES = _words(
    """Kazakhstan Kyrgyzstan Uzbekistan Tajikistan Turkmenistan Georgia Armenia Azerbaijan
Mongolia Bashkortostan Dagestan Chechnya Karakalpakstan Khorezm Fergana Osh Naryn Almaty
Bukhara Samarkand Nukus Aktobe Atyrau Mangystau Batken Jalal-Abad Khatlon Sughd Balkan Lebap
Mary Ahal Tbilisi Kutaisi Batumi Gyumri Vanadzor Ganja Sumqayit Lankaran"""
)
THINGS = _words(
    """wells villages engineers pumps schools families homes clinics farms herders teachers
bridges roads reservoirs canals tractors nurses students workers refugees"""
)
VERBS = _words(
    """affected closed repaired built abandoned counted registered moved inspected
flooded"""
)
ORGS = _words("""institute ministry agency commission bureau council observatory centre""")
FILLER = _words(
    """the basin region authorities reported survey during year officials local
government programme water supply networks conditions districts across several after
before increase decline analysis data shows"""
)


@dataclass
class Fact:
    key: str
    place: str
    thing: str
    verb: str
    value: int
    percent: bool = False


def _number(value: int) -> str:
    return f"{value:,}"


def make_source(rng: random.Random, key: str, year: int) -> tuple[str, list[Fact]]:
    """A plain-text news item with about 20 figures, each about a thing in a place."""
    facts: list[Fact] = []
    paragraphs: list[str] = []
    org = rng.choice(ORGS)
    for _ in range(6):
        sentences = []
        for _ in range(3):
            place, thing, verb = rng.choice(PLACES), rng.choice(THINGS), rng.choice(VERBS)
            value = rng.choice(
                [rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 90) * 100]
            )
            facts.append(Fact(key, place, thing, verb, value))
            form = rng.randint(0, 3)
            if form == 0:
                sentences.append(f"In {place}, {_number(value)} {thing} were {verb} last year.")
            elif form == 1:
                sentences.append(
                    f"The {org} says that {_number(value)} {thing} in {place} have been {verb}."
                )
            elif form == 2:
                share = rng.randint(2, 97)
                sentences.append(
                    f"About {share}% of {thing} in {place} were {verb}, according to the {org}."
                )
                facts[-1] = Fact(key, place, thing, verb, share, percent=True)
            else:
                sentences.append(
                    f"Officials counted {_number(value)} {thing} {verb} near {place} since {year - 3}."
                )
        paragraphs.append(" ".join(sentences))
    return f"date {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} " + "\n\n".join(
        paragraphs
    ), facts


def make_draft(rng: random.Random, facts: list[Fact], words: int) -> tuple[str, list[str]]:
    """Markdown: claims drawn from the sources (right, misquoted, miscited, uncited) and filler,
    with the verdict each claim should get."""
    out: list[str] = ["---", "title: Benchmark draft", "---", "", "# Findings", ""]
    expected: list[str] = []
    count = 0
    paragraph: list[str] = []
    while count < words:
        fact = rng.choice(facts)
        roll = rng.random()
        value, key, verdict = fact.value, fact.key, "traced"
        if roll < 0.1:
            value = value + rng.randint(1, 9) * (10 if value > 100 else 1)
            verdict = "mismatch"
        elif roll < 0.15:
            key = rng.choice(facts).key
            verdict = "elsewhere"
        cite = f" [@{key}]"
        if roll > 0.95:
            cite, verdict = "", "elsewhere"
        filler = " ".join(rng.choice(FILLER) for _ in range(rng.randint(8, 20)))
        number = f"about {value}% of" if fact.percent else _number(value)
        sentence = (
            f"In {fact.place}, {number} {fact.thing} were {fact.verb}{cite}. "
            f"The {filler.capitalize()}."
        )
        paragraph.append(sentence)
        expected.append(verdict)
        count += len(sentence.split())
        if len(paragraph) == 5:
            out.append(" ".join(paragraph))
            out.append("")
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n".join(out) + "\n", expected


def build_library(root: Path, n_sources: int, rng: random.Random) -> list[Fact]:
    facts: list[Fact] = []
    texts = root.parent / f"{root.name}-texts"
    texts.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n_sources):
        key = f"src{i:04d}"
        text, source_facts = make_source(rng, key, 2000 + i % 24)
        facts.extend(source_facts)
        path = texts / f"{key}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    library = Library(root)
    if not library.bib_path.exists():
        # One key per file: the generated key is the file's stem.
        for path in paths:
            library.add([path], key=path.stem)
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--library", type=Path, default=None, help="reuse/keep this folder")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    root = args.library or Path(tempfile.mkdtemp(prefix="citekit-bench-check-")) / "library"
    t0 = time.perf_counter()
    facts = build_library(root, args.sources, rng)
    setup = time.perf_counter() - t0
    draft_path = root.parent / "draft.md"
    draft_text, expected = make_draft(rng, facts, args.words)
    draft_path.write_text(draft_text, encoding="utf-8")

    library = Library(root)
    t1 = time.perf_counter()
    report = check_draft(library, draft_path)
    total = time.perf_counter() - t1

    words = len(draft_path.read_text(encoding="utf-8").split())
    console = Console()
    table = Table(title="citekit check benchmark")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    for stage, seconds in report.timings.items():
        table.add_row(stage, f"{seconds:.3f}")
    table.add_row("[bold]check total[/bold]", f"[bold]{total:.3f}[/bold]")
    table.add_row("(recording the library, not timed)", f"{setup:.1f}")
    console.print(
        f"library: {report.library_sources} sources, {report.library_figures} figures, "
        f"{len(library.keys())} entries ({root})"
    )
    counts = report.counts()
    console.print(
        f"draft: {words} words, {len(report.results)} numbers "
        f"({', '.join(f'{v} {k}' for k, v in counts.items())})"
    )
    console.print(table)
    got = [r.verdict.verdict for r in report.results]
    if len(got) == len(expected):
        right = sum(g == e for g, e in zip(got, expected, strict=True))
        console.print(f"verdicts as generated: {right}/{len(expected)}")
        confusion: dict[tuple[str, str], int] = {}
        for g, e in zip(got, expected, strict=True):
            if g != e:
                confusion[(e, g)] = confusion.get((e, g), 0) + 1
        for (e, g), n in sorted(confusion.items()):
            console.print(f"  expected {e}, got {g}: {n}")
    else:
        console.print(f"numbers read: {len(got)}, claims generated: {len(expected)}")
    verdict = "OK" if total < 2.0 else "SLOW"
    console.print(f"{verdict}: {total:.2f} s (target < 2 s)")
    return 0 if total < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
