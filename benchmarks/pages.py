"""Saved web pages recorded as entries: title, author, URL and date accuracy on real pages.

The development pages live outside the repository, in ../shared/benchmarks/pages relative to the
repository root (override with CITEKIT_PAGES_DATA, the folder holding pages_check.py and cases/).
They are read at run time and never copied. The scoring is that folder's own script: each page is
recorded alone by the installed `citekit add page.html --url URL` (a real process), the entry read
back with bibtexparser and compared with the reviewed values. This script runs it with this
checkout's command and prints its table, plus the time per page as whole processes.

    .venv/bin/python benchmarks/pages.py [--misses N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_folder() -> Path:
    override = os.environ.get("CITEKIT_PAGES_DATA")
    return Path(override) if override else REPO.parent / "shared" / "benchmarks" / "pages"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=40, help="misses to list (default 40)")
    args = parser.parse_args()
    folder = data_folder()
    script, cases = folder / "pages_check.py", folder / "cases"
    if not script.exists() or not cases.is_dir():
        print(f"(no development pages found in {folder}; set CITEKIT_PAGES_DATA)")
        return 1
    citekit = Path(sys.executable).parent / "citekit"
    count = sum(1 for _ in cases.iterdir())
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(script), str(citekit), str(cases), "--misses", str(args.misses)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    sys.stdout.write(done.stdout)
    if done.returncode:
        sys.stderr.write(done.stderr)
        return done.returncode
    print(f"{count} pages in {elapsed:.1f} s ({elapsed / count:.2f} s a page, 2 at a time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
