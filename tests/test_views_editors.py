"""`check` where editors and git look: gcc-style lines read with vim's default errorformat,
SARIF 2.1.0, several drafts at once, and the pre-commit hook run by pre-commit itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, write

BIN = Path(sys.executable).parent
CITEKIT = str(BIN / "citekit")
# vim's default errorformat entry `%f:%l:%c: %t%*[^:]: %m`, as a regular expression: %f a file
# name, %l and %c numbers, %t one character (the type), %*[^:] skipped, %m the message.
VIM_GCC = re.compile(r"^(?P<f>[^:]+):(?P<l>\d+):(?P<c>\d+): (?P<t>.)[^:]*: (?P<m>.*)$")

DRAFT = """# Returnees

About 1,300 Tajik nationals fought in Syria and Iraq [@tajik2017nationals]. Of the fighters
from Russia, 3,471 went [@tajik2017nationals]; 147 came home [@tajik2017nationals].
A made-up 58 per cent agree, says [@nosuchwork].
"""
FIXED = DRAFT.replace("3,471", "3,417").replace(
    "A made-up 58 per cent agree, says [@nosuchwork].\n", ""
)


def citekit(lib: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CITEKIT, "--library", str(lib), *args], capture_output=True, text=True, cwd=cwd
    )


def test_gcc_lines_parse_with_vims_errorformat(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    result = citekit(REPO, "check", str(draft), "--format", "gcc")
    assert result.returncode == 1
    report = json.loads(citekit(REPO, "check", str(draft), "--json").stdout)
    failing = [n for n in report["numbers"] if n["verdict"] != "traced"]
    lines = result.stdout.splitlines()
    parsed = [VIM_GCC.match(line) for line in lines]
    assert all(parsed), lines
    numbers = [m for m in parsed if "citation" not in m["m"]]
    assert len(numbers) == len(failing) >= 2
    text = draft.read_text(encoding="utf-8").split("\n")
    for match, number in zip(numbers, failing, strict=True):
        assert match["f"] == str(draft)
        assert (int(match["l"]), int(match["c"])) == (number["line"], number["column"])
        assert text[int(match["l"]) - 1][int(match["c"]) - 1 :].startswith(number["text"])
        assert match["t"] == ("e" if number["verdict"] == "mismatch" else "w")
        assert match["m"].startswith(f"{number['verdict']}: {number['text']}")
    mismatch = next(m for m in numbers if m["t"] == "e")
    assert "tajik2017nationals says 3,417" in mismatch["m"]
    cite = [m for m in parsed if "citation" in m["m"]]
    assert [(m["l"], m["t"]) for m in cite] == [("5", "w")]
    assert "nosuchwork" in cite[0]["m"]


def test_sarif_is_a_2_1_0_log_of_the_failing_numbers(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    out = tmp_path / "citekit.sarif"
    result = citekit(REPO, "check", str(draft), "--format", "sarif", "-o", str(out))
    assert result.returncode == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "citekit"
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    report = json.loads(citekit(REPO, "check", str(draft), "--json").stdout)
    failing = [n for n in report["numbers"] if n["verdict"] != "traced"]
    numbers = [r for r in run["results"] if r["ruleId"] != "undefined-citation"]
    assert [r["ruleId"] for r in numbers] == [n["verdict"] for n in failing]
    for result_, number in zip(numbers, failing, strict=True):
        assert result_["ruleId"] in rules
        assert result_["level"] == ("error" if number["verdict"] == "mismatch" else "warning")
        region = result_["locations"][0]["physicalLocation"]["region"]
        assert region == {
            "startLine": number["line"],
            "startColumn": number["column"],
            "endColumn": number["column"] + len(number["text"]),
        }
        assert result_["message"]["text"].startswith(number["verdict"])
    assert any(r["ruleId"] == "undefined-citation" for r in run["results"])


def test_several_drafts_in_one_run(tmp_path):
    bad = write(tmp_path / "bad.md", DRAFT)
    good = write(tmp_path / "good.md", FIXED)
    both = citekit(REPO, "check", str(good), str(bad), "--format", "gcc")
    assert both.returncode == 1
    assert {VIM_GCC.match(line)["f"] for line in both.stdout.splitlines()} == {str(bad)}
    alone = citekit(REPO, "check", str(good), "--format", "gcc")
    assert alone.returncode == 0 and alone.stdout == ""
    assert citekit(REPO, "check", str(good), str(bad), "--json").returncode == 2


@pytest.fixture
def sample_repo(tmp_path) -> Path:
    """A git repository that is a citekit library holding the seed, with a draft committed."""
    repo = tmp_path / "paper"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    seed = repo / "seed.txt"
    shutil.copy(SEED, seed)
    assert citekit(repo, "add", str(seed), "--key", "tajik2017nationals").returncode == 0
    write(repo / "paper.md", DRAFT)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo


def _pre_commit(repo: Path, tmp_path: Path, hook: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("CITEKIT_LIBRARY", None)
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(REPO), hook, "--files", "paper.md", "seed.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_pre_commit_runs_the_hook_on_changed_drafts(sample_repo, tmp_path):
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit not installed (pip install -e '.[test]')")
    failed = _pre_commit(sample_repo, tmp_path, "citekit-check-system")
    if "An unexpected error" in failed.stdout + failed.stderr:
        pytest.skip("pre-commit could not set the hook up here: " + failed.stderr[-300:])
    out = failed.stdout
    assert failed.returncode == 1, out + failed.stderr
    assert re.search(r"paper\.md:4:\d+: error: mismatch: 3,471", out), out
    assert "seed.txt" not in out.split("Failed", 1)[-1]  # only drafts are checked
    write(sample_repo / "paper.md", FIXED)
    subprocess.run(["git", "add", "-A"], cwd=sample_repo, check=True)
    passed = _pre_commit(sample_repo, tmp_path, "citekit-check-system")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
