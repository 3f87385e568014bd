"""Shared fixtures: a scratch library and a CLI runner bound to it."""

from __future__ import annotations

import json
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
