"""Bibliographies of real saved pages printed by the real tools: warnings, errors, bookkeeping.

A scratch library is filled with the seed (seeds/*.txt), a deterministic sample of the development
pages (../shared/benchmarks/pages/cases/*/page.html.gz relative to the repository root or
../../shared for a worktree, override with
CITEKIT_PAGES_DATA; read at run time, never copied), a PDF made with fpdf2 and pages with hostile
titles written for the tests (tests/bibtools.py). Each page is recorded by the installed
`citekit add page.html --url URL`, a real process. The library is exported as bibtex, biblatex and
csl-json, and a paper that \\nocite{*}'s everything is compiled with pdflatex+bibtex (plainnat and
plain), pdflatex+biber --validate-datamodel (biblatex), and pandoc --citeproc from the biblatex and
the CSL-JSON files. The table gives, per tool: entries printed, the tool's warnings and errors,
LaTeX errors of the compiled paper, whether citekit's bookkeeping reached the printed references and
how many entries print a capitalised title word (a proper noun or acronym) in lower case.

    .venv/bin/python benchmarks/bibliography.py [--sample N] [--all] [--workdir DIR] [--details]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bibtools import biber_paper, bibtex_paper, make_sources, run  # noqa: E402

BOOKKEEPING = ("Cites:", "Cited by", "inferred as", "citekit", "sha256")
CLONE = re.compile(r"[0-9a-f]{32}")
WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")  # a trailing full stop is not part of it


def data_folder() -> Path:
    override = os.environ.get("CITEKIT_PAGES_DATA")
    if override:
        return Path(override)
    near = [up / "shared" / "benchmarks" / "pages" for up in (REPO.parent, REPO.parent.parent)]
    return next((p for p in near if p.is_dir()), near[0])  # a checkout, or a worktree of one


def sample(cases: list[Path], count: int) -> list[Path]:
    """Evenly spaced over the sorted case ids, so both collections are in it; the same every run."""
    if count >= len(cases):
        return cases
    step = len(cases) / count
    return [cases[int(i * step)] for i in range(count)]


@dataclass
class Row:
    tool: str
    entries: int = 0
    warnings: int = 0
    errors: int = 0
    latex_errors: int | str = "-"
    bookkeeping: bool = False
    lowered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def citekit(lib: Path, *args: str) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "citekit"
    return subprocess.run(
        [str(command), "--library", str(lib), *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600,
    )  # fmt: skip


def build_library(work: Path, cases: list[Path]) -> tuple[Path, list[str]]:
    """Record the seed, the pages, a PDF and the hostile sources; returns the library, failures."""
    lib, pages = work / "library", work / "pages"
    pages.mkdir(parents=True)
    failed = []
    done = citekit(lib, "add", *(str(p) for p in sorted((REPO / "seeds").glob("*.txt"))))
    if done.returncode:
        failed.append(f"seed: {done.stderr.strip()[-160:]}")
    for case in cases:
        url = json.loads((case / "expected.json").read_text(encoding="utf-8"))["url"]
        page = pages / f"{case.name}.html"
        page.write_bytes(gzip.decompress((case / "page.html.gz").read_bytes()))
        done = citekit(lib, "add", str(page), "--url", url)
        if done.returncode:
            failed.append(f"{case.name}: {done.stderr.strip()[-160:]}")
    sources = make_sources(work / "written")
    done = citekit(lib, "add", *(str(p) for p in sources.values()))
    if done.returncode:
        failed.append(f"written sources: {done.stderr.strip()[-160:]}")
    return lib, failed


def prepare(work: Path, chosen: list[Path], reuse: bool) -> tuple[Path, list[str]]:
    """The library to export: built afresh, or the one a previous run left in WORK."""
    record = work / "recorded.json"
    if reuse and record.exists():
        for old in work.iterdir():
            if old.is_dir() and old.name not in ("library", "pages", "written"):
                shutil.rmtree(old)
        return work / "library", json.loads(record.read_text(encoding="utf-8"))["failed"]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    lib, failed = build_library(work, chosen)
    names = [case.name for case in chosen]
    record.write_text(json.dumps({"cases": names, "failed": failed}), encoding="utf-8")
    return lib, failed


def title_nouns(entries: dict[str, dict]) -> dict[str, list[str]]:
    """Per key, the title's words with a capital letter after the title's first word."""
    out = {}
    for key, entry in entries.items():
        words = WORD.findall(entry.get("title", ""))[1:]
        out[key] = [w for w in words if any(c.isupper() for c in w)]
    return out


def lowered(blocks: dict[str, str], nouns: dict[str, list[str]]) -> list[str]:
    """Keys whose printed block shows a capitalised title word only in lower case."""
    hits = []
    for key, block in blocks.items():
        printed = set(WORD.findall(block))
        for noun in nouns.get(key, []):
            if noun not in printed and noun.lower() in printed and noun.lower() != noun:
                hits.append(f"{key}: {noun}")
                break
    return hits


def latex_text(source: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        return LatexNodes2Text().latex_to_text(source)
    except Exception:  # pylatexenc is lenient; a block it cannot read is judged raw
        return source


def bbl_blocks(bbl: str, marker: str) -> dict[str, str]:
    """The .bbl split into one block per key (\\bibitem[...]{key} or \\entry{key}...)."""
    blocks = {}
    parts = re.split(r"(?=\\" + marker + r")", bbl)
    for part in parts[1:]:
        found = re.match(r"\\bibitem(?:\[(?:[^\[\]]|\[[^\]]*\])*\])?\{([^}]*)\}", part)
        if marker == "entry":
            found = re.match(r"\\entry\{([^}]*)\}", part)
        if found:
            body = part[found.end() :]
            if marker == "entry":  # biblatex: the printed fields, not the sorting/label data
                body = " ".join(re.findall(r"\\field\{title\}\{(.*)\}\s*$", body, re.M))
            blocks[found.group(1)] = latex_text(body)
    return blocks


def pdf_text(folder: Path) -> str:
    import pypdf

    path = folder / "paper.pdf"
    if not path.exists():
        return ""
    return " ".join((page.extract_text() or "") for page in pypdf.PdfReader(path).pages)


def latex_errors(folder: Path) -> tuple[str, list[str]]:
    """'! ' lines of the log, with how many are characters of a script the fonts do not have."""
    log = (folder / "paper.log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    errors += [line for line in log.splitlines() if line.startswith("Missing character")]
    script = sum("Unicode character" in e or "Missing character" in e for e in errors)
    return (f"{len(errors)} ({script} script)" if script else str(len(errors))), errors[:5]


def bibtex_row(work: Path, bib: str, style: str, nouns: dict[str, list[str]],
               engine: str = "pdflatex") -> Row:  # fmt: skip
    folder = bibtex_paper(work / f"{engine}-{style}", bib, style, engine=engine)
    blg = (folder / "paper.blg").read_text(encoding="utf-8", errors="replace")
    bbl = (folder / "paper.bbl").read_text(encoding="utf-8", errors="replace")
    row = Row(f"{engine} + bibtex {style}", entries=bbl.count(r"\bibitem"))
    row.warnings = blg.count("Warning--")
    errors = re.search(r"There (?:were|was) (\d+) error", blg)
    row.errors = int(errors.group(1)) if errors else 0
    row.latex_errors, row.notes = latex_errors(folder)
    row.notes += [line for line in blg.splitlines() if line.startswith("Warning--")][:5]
    row.bookkeeping = any(word in bbl + pdf_text(folder) for word in BOOKKEEPING)
    row.lowered = lowered(bbl_blocks(bbl, "bibitem"), nouns)
    return row


def biber_row(work: Path, bib: str, nouns: dict[str, list[str]], engine: str = "pdflatex") -> Row:
    folder, log = biber_paper(work / f"{engine}-biber", bib, engine=engine)
    bbl = (folder / "paper.bbl").read_text(encoding="utf-8", errors="replace")
    keys = re.findall(r"\\entry\{([^}]*)\}", bbl)  # less biber's clones of related entries
    row = Row(f"{engine} + biber --validate-datamodel")
    row.entries = sum(not CLONE.fullmatch(k) for k in keys)
    row.warnings, row.errors = log.count("WARN -"), log.count("ERROR -")
    row.latex_errors, row.notes = latex_errors(folder)
    row.notes += [line for line in log.splitlines() if "WARN -" in line or "ERROR -" in line][:5]
    fields = re.sub(r"\\field\{relatedtype\}.*", "", bbl)  # an option, never printed
    row.bookkeeping = any(word in fields + pdf_text(folder) for word in BOOKKEEPING)
    row.lowered = lowered(bbl_blocks(bbl, "entry"), nouns)
    return row


def pandoc_row(work: Path, name: str, text: str, nouns: dict[str, list[str]]) -> Row:
    folder = work / "pandoc"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "paper.md").write_text('---\nnocite: "@*"\n---\n\nText.\n', encoding="utf-8")
    done = run(folder, "pandoc", "--citeproc", "--bibliography", name, "paper.md", "-t", "html")
    row = Row(f"pandoc --citeproc ({name})")
    row.warnings = done.stderr.count("[WARNING]")
    row.errors = done.stderr.count("[ERROR]") + (done.returncode != 0)
    row.notes = done.stderr.splitlines()[:5]
    blocks = {}
    for key, body in re.findall(r'<div id="ref-(.*?)"[^>]*>(.*?)</div>', done.stdout, re.S):
        blocks[key] = re.sub(r"<[^>]+>", "", body)
    row.entries = len(blocks)
    printed = " ".join(blocks.values())
    row.bookkeeping = any(word in printed for word in BOOKKEEPING)
    row.lowered = lowered(blocks, nouns)
    return row


def print_table(rows: list[Row], details: bool) -> None:
    head = ("tool", "entries", "warnings", "errors", "latex errors", "bookkeeping", "lowered nouns")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        low = f"y ({len(r.lowered)})" if r.lowered else "n"
        cells = (r.tool, r.entries, r.warnings, r.errors, r.latex_errors,
                 "y" if r.bookkeeping else "n", low)  # fmt: skip
        print("| " + " | ".join(str(c) for c in cells) + " |")
    if details:
        for r in rows:
            for line in r.notes + r.lowered:
                print(f"  {r.tool}: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=12, help="pages to record (default 12)")
    parser.add_argument("--all", action="store_true", help="record every development page")
    parser.add_argument("--workdir", type=Path, help="keep the library and papers here")
    parser.add_argument("--details", action="store_true", help="list warnings and lowered nouns")
    parser.add_argument("--reuse", action="store_true", help="keep --workdir's library, redo papers")
    args = parser.parse_args()
    cases_dir = data_folder() / "cases"
    if not cases_dir.is_dir():
        print(f"(no development pages found in {cases_dir.parent}; set CITEKIT_PAGES_DATA)")
        return 1
    missing = [t for t in ("pdflatex", "bibtex", "biber", "pandoc") if shutil.which(t) is None]
    if missing:
        print(f"(missing tools: {', '.join(missing)}; `make system-deps` installs them)")
        return 1
    cases = sorted(p for p in cases_dir.iterdir() if (p / "page.html.gz").exists())
    chosen = cases if args.all else sample(cases, args.sample)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="citekit-bib-"))
    lib, failed = prepare(work, chosen, args.reuse and args.workdir is not None)
    entries = {e["ID"]: e for e in json.loads(citekit(lib, "entries", "--json").stdout or "[]")}
    nouns = title_nouns(entries)
    exports = {fmt: citekit(lib, "export", "--format", fmt).stdout
               for fmt in ("bibtex", "biblatex", "csl-json")}  # fmt: skip
    rows = [
        bibtex_row(work, exports["bibtex"], "plainnat", nouns),
        bibtex_row(work, exports["bibtex"], "plain", nouns),
        biber_row(work, exports["biblatex"], nouns),
        pandoc_row(work, "refs.bib", exports["biblatex"], nouns),
        pandoc_row(work, "refs.json", exports["csl-json"], nouns),
    ]
    if shutil.which("lualatex") and run(work, "kpsewhich", "luaotfload.sty").stdout.strip():
        rows.insert(3, bibtex_row(work, exports["bibtex"], "plainnat", nouns, "lualatex"))
        rows.insert(4, biber_row(work, exports["biblatex"], nouns, "lualatex"))
    else:
        print("(no lualatex with luaotfload: Debian's texlive-luatex; its rows are left out)")
    print(f"library: {len(entries)} entries from the seed, {len(chosen)} development pages "
          f"({len(failed)} not recorded), a PDF and written pages with hostile titles")  # fmt: skip
    for line in failed:
        print(f"  not recorded: {line}")
    print_table(rows, args.details)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
