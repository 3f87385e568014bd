"""Same output on real documents: `extract --all --json` of two builds compared, document by document.

A change made only for speed must not change what is recorded. This script gathers the real
documents of the shared development data at run time (FRANK articles, WiCE pages' text, the saved
web pages, the seed), runs one build's `citekit extract FILE --all --json` on each as a process and
saves the outputs; run again with another build and `--against` the first folder, it prints how many
documents came out byte-identical and names the ones that did not, with their first differing line.

    python benchmarks/same_output.py .venv/bin/citekit /tmp/before
    python benchmarks/same_output.py /path/to/other/.venv/bin/citekit /tmp/after --against /tmp/before

The documents are written under OUT/docs/ (never into the project); `--limit N` takes the first N.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITEKIT_SHARED", REPO.parent / "shared"))
if not (SHARED / "benchmarks").is_dir():
    SHARED = Path("/work/shared")


def gather(out: Path) -> list[Path]:
    """Write every real document once under OUT/docs and return their paths, in a fixed order."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []

    def put(name: str, data: bytes) -> None:
        path = docs / name
        if not path.exists():
            path.write_bytes(data)
        paths.append(path)

    claims = SHARED / "benchmarks" / "claims"
    frank = claims / "frank-valid" / "articles.jsonl"
    if frank.exists():
        for line in frank.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            put(f"frank-{row['hash'][:16]}.txt", row["article"].encode("utf-8"))
    wice = claims / "wice-dev" / "dev.jsonl"
    if wice.exists():
        seen: set[str] = set()
        for line in wice.read_text(encoding="utf-8").splitlines():
            text = "\n\n".join(json.loads(line)["evidence"])
            key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
            if text in seen:
                continue
            seen.add(text)
            put(f"wice-{key}.txt", text.encode("utf-8"))
    pages = SHARED / "benchmarks" / "pages" / "cases"
    for case in sorted(pages.glob("*/page.html.gz")) if pages.exists() else []:
        put(f"page-{case.parent.name}.html", gzip.decompress(case.read_bytes()))
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        put(f"seed-{seed.name}", seed.read_bytes())
    return paths


def run_one(cmd: list[str], doc: Path) -> bytes:
    done = subprocess.run(
        [*cmd, "extract", str(doc), "--all", "--json"], capture_output=True, timeout=600
    )
    return done.stdout + f"\n[exit {done.returncode}]\n".encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", help="the citekit command to run (e.g. .venv/bin/citekit)")
    parser.add_argument("out", type=Path, help="folder for this build's outputs")
    parser.add_argument("--against", type=Path, help="folder of another build's outputs")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    cmd = shlex.split(args.command)
    docs = gather(args.out)
    if args.limit:
        docs = docs[: args.limit]
    outputs = args.out / "outputs"
    outputs.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        for doc, data in zip(docs, pool.map(lambda d: run_one(cmd, d), docs), strict=True):
            (outputs / f"{doc.name}.json").write_bytes(data)
    print(f"{len(docs)} documents written to {outputs}")
    if not args.against:
        return 0
    differ = []
    for doc in docs:
        mine = (outputs / f"{doc.name}.json").read_bytes().splitlines()
        other_path = args.against / "outputs" / f"{doc.name}.json"
        theirs = other_path.read_bytes().splitlines() if other_path.exists() else []
        if mine != theirs:
            line = next(
                (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                min(len(mine), len(theirs)),
            )
            differ.append((doc.name, line + 1))
    print(f"identical: {len(docs) - len(differ)}/{len(docs)}")
    for name, line in differ:
        print(f"  differs: {name} (first at line {line})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
