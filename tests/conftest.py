"""Shared fixtures: a scratch library and a CLI runner bound to it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


class Cli:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):  # noqa: A002
        from citekit.cli import main

        return self.runner.invoke(main, ["--library", str(self.root), *args], input=input)

    def json(self, *args: str, input: str | None = None):  # noqa: A002
        result = self(*args, "--json", input=input)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    root = tmp_path / "lib"
    root.mkdir()
    return Cli(root)


@pytest.fixture
def seed_path() -> Path:
    return SEED


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def record_articles(root: Path, src: Path, articles: dict[str, str]) -> Path:
    """Record each article under its key (through the CLI) into the library at `root`."""
    from citekit.cli import main

    for key, text in articles.items():
        path = write(src / f"{key}.txt", text)
        result = CliRunner().invoke(main, ["--library", str(root), "add", "--key", key, str(path)])
        assert result.exit_code == 0, result.output
    return root


def run_check(root: Path, name: str, text: str, *extra: str) -> tuple[int, dict]:
    """`citekit check --json` on a draft written next to the library: (exit code, report)."""
    from citekit.cli import main

    draft = write(root.parent / name, text)
    result = CliRunner().invoke(main, ["--library", str(root), "check", str(draft), "--json", *extra])
    return result.exit_code, json.loads(result.output)


def verdicts(report: dict) -> list[tuple]:
    """(line, text, verdict, source, source figure) of every number of a check report."""
    return [
        (n["line"], n["text"], n["verdict"], n.get("source"), n.get("source_text"))
        for n in report["numbers"]
    ]


def citekit_process(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`citekit --library ROOT ARGS...` as a real process (a traceback, a signal, an exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "citekit", "--library", str(root), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
