"""A terminal that fits: at 80 and 120 columns no line is longer than the terminal and no word or
number is split; piped output is tab-separated rows; empty JSON results are `[]`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import SEED

CITEKIT = str(Path(sys.executable).parent / "citekit")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BOX = re.compile(r"[\s│┃─━╭╮╰╯┏┓┗┛┡┩╇┳┻╋┃]+")
DRAFT = """# Returnees

About 1,300 Tajik nationals fought for IS [@tajik2017nationals]. Some 147 came home, and
nearly 3000 were held in Turkey [@tajik2017nationals]. A made-up 58 per cent agree.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The seed recorded, then a line added above its text so every figure moved."""
    lib = tmp_path_factory.mktemp("fit") / "lib"
    lib.mkdir()
    copy = lib / "seed.txt"
    shutil.copy(SEED, copy)
    subprocess.run(
        [CITEKIT, "--library", str(lib), "add", str(copy)], check=True, capture_output=True
    )
    head, _, rest = copy.read_text(encoding="utf-8").partition("\n")
    copy.write_text(f"{head}\nA line added after recording.\n{rest}", encoding="utf-8")
    (lib / "draft.md").write_text(DRAFT, encoding="utf-8")
    return lib


COMMANDS = {
    "figures": ["figures"],
    "show": ["show", "tajik2017nationals"],
    "trace": ["trace", "3417"],
    "check": ["check", "draft.md"],
    "verify": ["verify", "--verbose"],
    "entries": ["entries"],
}


def run(lib: Path, args: list[str], columns: int | None, terminal: bool = True):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    env["TTY_COMPATIBLE"] = "1" if terminal else "0"
    return subprocess.run(
        [CITEKIT, "--library", str(lib), *args], capture_output=True, text=True, env=env, cwd=lib
    )


def tokens(text: str) -> set[str]:
    return {t for t in BOX.split(ANSI.sub("", text)) if t and "…" not in t}


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("width", [80, 120])
def test_lines_fit_and_nothing_is_split(library, name, width):
    result = run(library, COMMANDS[name], width)
    assert result.returncode in (0, 1), result.stderr
    out = ANSI.sub("", result.stdout)
    longest = max(cell_len(line) for line in out.splitlines())
    assert longest <= width, (name, width, longest)
    # Every word and number printed at this width is printed whole at a width that never
    # wraps: a wrap inside a word ("$18⏎5,000") would leave fragments that are not.
    wide = run(library, COMMANDS[name], 1000)
    fragments = tokens(result.stdout) - tokens(wide.stdout)
    assert not fragments, (name, width, sorted(fragments)[:10])
    assert len(out.splitlines()) > 5


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_real_tmux_pane_of_80_columns(library, tmp_path, name):
    """The same in a terminal tmux opens 80 columns wide (citekit reads the size itself)."""
    if not (shutil.which("tmux") and shutil.which("script")):
        pytest.skip("tmux or script not installed")
    socket = f"citekit-test-{os.getpid()}-{name}"
    out = tmp_path / "pane.out"
    command = " ".join([CITEKIT, "--library", str(library), *COMMANDS[name]])
    inner = f"cd {library} && script -q -e -c '{command}' {out}"
    base = ["tmux", "-L", socket]
    subprocess.run([*base, "new-session", "-d", "-s", "keep", "sleep 120"], check=True)
    try:
        subprocess.run(
            [
                *base,
                "new-session",
                "-d",
                "-s",
                "pane",
                "-x",
                "80",
                "-y",
                "40",
                f'env -u COLUMNS -u LINES sh -c "{inner}"; tmux -L {socket} wait-for -S done',
            ],
            check=True,
        )
        subprocess.run([*base, "wait-for", "done"], check=True, timeout=120)
    finally:
        subprocess.run([*base, "kill-server"], check=False)
    text = ANSI.sub("", out.read_text(encoding="utf-8")).replace("\r", "")
    lines = [line for line in text.splitlines() if not line.startswith("Script ")]
    assert len(lines) > 5
    assert max(cell_len(line) for line in lines) <= 80
    # verify draws its progress on the terminal (stderr), erased when it is done.
    bar = [line for line in lines if line.startswith("verifying ")]
    assert bool(bar) == (name == "verify")
    if bar:
        assert re.search(r"\d+/\d+ entries", " ".join(bar))
    wide = run(library, COMMANDS[name], 1000)
    printed = "\n".join(line for line in lines if line not in bar)
    assert not tokens(printed) - tokens(wide.stdout)


def test_piped_figures_of_several_sources_have_one_header(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    for name, n in (("a", 120), ("b", 340)):
        src = tmp_path / f"{name}.txt"
        src.write_text(f"date 2024-02-0{len(name)}\n\nThe office counted {n} boats.\n")
        run(lib, ["add", str(src), "--key", f"{name}2024"], None, False)
    lines = run(lib, ["figures"], None, False).stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["source", "id", "figure"],
        ["a2024", "f1", "120"],
        ["b2024", "f1", "340"],
    ]


def test_piped_tables_are_tab_separated_whatever_columns_says(library):
    result = run(library, ["figures"], 40, terminal=False)
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:4] == ["source", "id", "figure", "value"]
    figures = json.loads(run(library, ["figures", "--json"], None, False).stdout)
    assert len(lines) == 1 + len(figures)
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == len(header) for row in rows)
    first = dict(zip(header, rows[0], strict=True))
    assert first["figure"] == figures[0]["text"]
    assert first["start"] == str(figures[0]["start"])
    assert first["sentence"] == " ".join(figures[0]["sentence"].split())
    # Prose is never wrapped when piped: one paragraph, one line.
    shown = run(library, ["show", "tajik2017nationals"], 40, terminal=False).stdout
    assert max(len(line) for line in shown.splitlines()) > 200


@pytest.mark.parametrize(
    "args",
    [
        ["trace", "zzyzx", "--json"],
        ["figures", "nosuchkey", "--json"],
        ["notes", "nosuchkey", "--json"],
    ],
)
def test_empty_json_results_are_an_empty_list(library, args):
    result = run(library, args, None, False)
    assert json.loads(result.stdout) == []
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1


def test_verify_groups_many_alike_and_verbose_lists_each(library):
    grouped = run(library, ["verify"], 120).stdout
    verbose = run(library, ["verify", "--verbose"], 120).stdout
    moved = json.loads(run(library, ["verify", "--json"], None, False).stdout)["problems"]
    n = sum(p["code"] == "figure-moved" for p in moved)
    assert n >= 10
    assert f"tajik2017nationals: {n} figures moved — run `citekit verify --fix`" in ANSI.sub(
        "", grouped
    )
    assert ANSI.sub("", verbose).count("figure-moved") == n
    assert len(grouped.splitlines()) < len(verbose.splitlines()) / 3


def test_a_deleted_working_directory_is_one_error_line(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time; os.rmdir(sys.argv[1]); "
            "from citekit.cli import main; main(['entries'])",
            str(gone),
        ],
        cwd=gone,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.startswith("Error: the current folder no longer exists")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
