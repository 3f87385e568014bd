"""Cited works on real text, for review: record a sample of real pages and articles into a scratch library
and list every cited-work entry that `add` created, with the passage that produced it.

Run: `.venv/bin/python benchmarks/cited_works.py [--pages N] [--wice N] [--frank N] [--judged FILE]`

The sample is drawn, at run time and never copied, from the development sets in ../shared/benchmarks
(relative to the repository root): the saved web pages (pages/cases/*/page.html.gz, the first N),
WiCE dev pages (claims/wice-dev/dev.jsonl: the first N distinct cited pages, their text lines
joined) and FRANK validation articles (claims/frank-valid/articles.jsonl, the first N). Each is
written to a scratch folder, recorded with one `citekit add FOLDER` into a scratch library, and
every refs.bib entry with `citekit-cited-by` is printed: its type, title, author/institution, the
source that cites it and the sentence of that source where its title stands.

`--judged FILE` reads a review: lines `right|wrong <tab> title`, and prints precision over the
entries judged (an entry not in the file counts as unjudged).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import bibtexparser  # noqa: E402

from citekit.read.ingest import read_document  # noqa: E402

SHARED = REPO.parent / "shared" / "benchmarks"
if not SHARED.exists():
    SHARED = REPO.parents[1] / "shared" / "benchmarks"


def _arg(name: str, default: int) -> int:
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return default


def write_sample(folder: Path, pages: int, wice: int, frank: int) -> int:
    """Write the sample's documents into `folder`; the number written."""
    count = 0
    for case in sorted((SHARED / "pages" / "cases").glob("*/page.html.gz"))[:pages]:
        html = gzip.decompress(case.read_bytes())
        (folder / f"page-{case.parent.name}.html").write_bytes(html)
        count += 1
    seen: set[str] = set()
    with open(SHARED / "claims" / "wice-dev" / "dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if len(seen) >= wice:
                break
            row = json.loads(line)
            text = "\n\n".join(row["evidence"])
            if text[:200] in seen:
                continue
            seen.add(text[:200])
            (folder / f"wice-{len(seen):03d}.txt").write_text(text, encoding="utf-8")
            count += 1
    with open(SHARED / "claims" / "frank-valid" / "articles.jsonl", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= frank:
                break
            row = json.loads(line)
            (folder / f"frank-{row['hash'][:12]}.txt").write_text(row["article"], encoding="utf-8")
            count += 1
    return count


def _passage(body: str, title: str) -> str:
    at = body.lower().find(title.lower()[:40])
    if at < 0:
        return "(title not found verbatim in the source)"
    start = max(body.rfind(". ", 0, at) + 2, body.rfind("\n", 0, at) + 1, at - 250)
    end = min(x for x in (body.find(". ", at + len(title)), at + len(title) + 250) if x >= 0)
    return " ".join(body[start : end + 1].split())


def cited_entries(library: Path) -> list[dict[str, str]]:
    bib = bibtexparser.parse_string((library / "refs.bib").read_text(encoding="utf-8"))
    by_key = {e.key: e for e in bib.entries}
    out = []
    for entry in bib.entries:
        fields = {f.key: str(f.value) for f in entry.fields}
        if "citekit-cited-by" not in fields:
            continue
        citing = by_key.get(fields["citekit-cited-by"].split(",")[0].strip())
        origin = dict((f.key, str(f.value)) for f in citing.fields) if citing else {}
        passage = ""
        if origin.get("file"):
            body = read_document(library / origin["file"]).body
            passage = _passage(body, fields.get("title", ""))
        out.append(
            {
                "type": entry.entry_type,
                "title": fields.get("title", ""),
                "author": fields.get("author", ""),
                "institution": fields.get("institution", fields.get("publisher", "")),
                "cited_by": origin.get("file", ""),
                "passage": passage,
            }
        )
    return out


def precision(entries: list[dict[str, str]], judged: Path) -> tuple[int, int]:
    verdicts = {}
    for line in judged.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            verdict, title = line.split("\t", 1)
            verdicts[title.strip()] = verdict.strip()
    right = sum(1 for e in entries if verdicts.get(e["title"]) == "right")
    wrong = sum(1 for e in entries if verdicts.get(e["title"]) == "wrong")
    return right, right + wrong


def main() -> int:
    pages, wice, frank = _arg("--pages", 60), _arg("--wice", 20), _arg("--frank", 40)
    citekit = str(Path(sys.executable).with_name("citekit"))
    with tempfile.TemporaryDirectory() as tmp:
        sample, library = Path(tmp) / "sample", Path(tmp) / "library"
        sample.mkdir()
        library.mkdir()
        written = write_sample(sample, pages, wice, frank)
        done = subprocess.run(
            [citekit, "--library", str(library), "add", str(sample)],
            capture_output=True,
            text=True,
        )
        recorded = len(re.findall(r"^@\w+\{", (library / "refs.bib").read_text(), re.M))
        entries = cited_entries(library)
        print(f"documents written: {written}; refs.bib entries: {recorded}; exit {done.returncode}")
        print(f"cited-work entries: {len(entries)}")
        for e in entries:
            print(f"\n[{e['type']}] {e['title']}")
            print(f"  author: {e['author']}  institution: {e['institution']}")
            print(f"  cited by: {e['cited_by']}")
            print(f"  passage: {e['passage'][:400]}")
        if "--judged" in sys.argv:
            right, judged = precision(entries, Path(sys.argv[sys.argv.index("--judged") + 1]))
            share = 100 * right / judged if judged else 0.0
            print(f"\nprecision: {right}/{judged} judged right ({share:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
