"""The project installs into a fresh virtual environment with the pip `python3 -m venv` gives
(no upgrade), and the installed command records a saved web page.

Older pips leave out packages that dependencies only name through extras, so every package
citekit imports must be declared; this test is how that stays true. It builds and installs the
package from a copy of the sources (about a minute, less with a warm pip cache).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry timetable cut to four sailings a day | Island Gazette</title>
<meta property="og:title" content="Ferry timetable cut to four sailings a day">
<meta property="og:site_name" content="Island Gazette">
<meta property="article:published_time" content="2021-03-04T22:30:00-05:00">
</head><body><article><h1>Ferry timetable cut to four sailings a day</h1>
<p>The operator will run four sailings a day from May, down from seven, after a fall in
passengers of about 30% over two winters, the harbour board said on Thursday evening.</p>
<p>Islanders said the change would leave the last crossing at 17:40, too early for people who
work on the mainland, and asked the council to fund at least one late sailing.</p>
</article></body></html>"""


def _copy_project(dest: Path) -> Path:
    project = dest / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "citekit", project / "citekit", ignore=shutil.ignore_patterns("__pycache__")
    )
    return project


def test_fresh_venv_install_records_an_html_page(tmp_path: Path) -> None:
    python = shutil.which("python3.11") or shutil.which("python3") or sys.executable
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = venv / "bin" / "pip"
    version = subprocess.run([str(pip), "--version"], capture_output=True, text=True, check=True)
    project = _copy_project(tmp_path)
    install = subprocess.run(
        [str(pip), "install", "--quiet", "--disable-pip-version-check", str(project)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, f"{version.stdout}{install.stdout}{install.stderr}"
    library = tmp_path / "library"
    library.mkdir()
    (library / "ferry.html").write_text(PAGE, encoding="utf-8")
    result = subprocess.run(
        [str(venv / "bin" / "citekit"), "add", "ferry.html"],
        cwd=library,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    bib = (library / "refs.bib").read_text(encoding="utf-8")
    assert "title = {Ferry timetable cut to four sailings a day}" in bib
    assert "date = {2021-03-04}" in bib  # as the page states it, not the UTC day after
    assert "publisher = {Island Gazette}" in bib


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
