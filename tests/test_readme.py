"""The README's "Using it" block runs as written in a fresh copy of the repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def using_it_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the Using it section has no sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """The tracked files of the repository, copied, with the project's venv beside them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    root = tmp_path / "clone"
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").exists() or not (venv / "bin" / "citekit").exists():
        pytest.skip("tests are not running inside the project's venv")
    (root / ".venv").symlink_to(venv)
    return root


def test_the_block_is_the_tour_a_newcomer_takes():
    commands = using_it_commands()
    assert commands[0].startswith(". .venv/bin/activate")
    assert any(c.startswith("citekit check ") for c in commands)
    assert any(c.startswith("citekit add ") for c in commands)


def test_every_using_it_command_succeeds_in_a_fresh_copy(scratch_repo: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITEKIT_")}
    script = "set -e\n" + "\n".join(
        f"{command}\necho '::done::' $?" for command in using_it_commands()
    )
    run = subprocess.run(
        ["bash", "-c", script], cwd=scratch_repo, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, f"stopped at a failing command:\n{run.stderr[-2000:]}"
    assert run.stdout.count("::done:: 0") == len(using_it_commands())
    # What the tour promises: the figures of the seed, and a BibTeX file for the paper.
    outputs = run.stdout.split("::done:: 0")
    at = next(i for i, c in enumerate(using_it_commands()) if c.startswith("citekit figures"))
    figures = json.loads(outputs[at].strip())
    assert any(f["text"] == "1,300" and f["unit"] == "Tajik nationals" for f in figures)
    assert (scratch_repo / "paper.bib").read_text(encoding="utf-8").count("@") == 2
