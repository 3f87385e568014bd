"""How citekit's views fit where people look: line widths in a real terminal, and a screenshot.

Records the seed into a scratch library, moves every figure of it (a line added at the top of its
snapshot), then runs `figures`, `show`, `trace`, `check` and `verify` in a tmux pane of each width
(through `script`, so citekit writes to a real terminal of that size) and prints, per command and
width, the longest line and the lines over the width. `--screenshot DIR` also writes
`show --html` and `check --html` pages and PNG screenshots of them with headless Chromium.

    .venv/bin/python benchmarks/views.py [--widths 80,120] [--screenshot DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.cells import cell_len

REPO = Path(__file__).resolve().parent.parent
CITEKIT = Path(os.environ.get("CITEKIT_BIN") or Path(sys.executable).parent / "citekit")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def commands(lib: Path, draft: Path) -> dict[str, list[str]]:
    return {
        "figures": ["figures"],
        "show": ["show", "tajik2017nationals"],
        "trace": ["trace", "3417"],
        "check": ["check", str(draft)],
        "verify": ["verify"],
    }


def make_library(root: Path) -> tuple[Path, Path]:
    lib = root / "lib"
    lib.mkdir()
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    copy = lib / "seed.txt"
    shutil.copy(seed, copy)
    subprocess.run(
        [str(CITEKIT), "--library", str(lib), "add", str(copy)], check=True, capture_output=True
    )
    # One line added above the text: every figure's anchor moves.
    text = copy.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n")
    copy.write_text(f"{head}\nA line added after recording.\n{rest}", encoding="utf-8")
    draft = root / "draft.md"
    shutil.copy(REPO / "examples" / "draft.md", draft)
    return lib, draft


SOCKET = f"citekit-views-{os.getpid()}"


def tmux(*args: str, **kwargs) -> None:
    """tmux on a server of our own (its socket named for this process)."""
    subprocess.run(["tmux", "-L", SOCKET, *args], check=True, **kwargs)


def in_pane(args: list[str], width: int, lib: Path, out: Path) -> str:
    """Run citekit in a detached tmux pane `width` columns wide; what it wrote to the terminal."""
    name = f"w{width}-{out.stem}"
    inner = " ".join(
        [
            "script",
            "-q",
            "-e",
            "-c",
            repr(" ".join([str(CITEKIT), "--library", str(lib), *args])),
            str(out),
        ]
    )
    tmux(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        str(width),
        "-y",
        "50",
        f"env -u COLUMNS -u LINES {inner}; tmux -L {SOCKET} wait-for -S {name}",
    )
    tmux("wait-for", name, timeout=120)
    raw = out.read_text(encoding="utf-8", errors="replace")
    raw = raw.split("\n", 1)[1] if raw.startswith("Script started") else raw
    return ANSI.sub("", raw).replace("\r", "")


def measure(text: str, width: int) -> tuple[int, int]:
    lines = [ln for ln in text.split("\n") if not ln.startswith("Script ")]
    widths = [cell_len(ln) for ln in lines]
    return max(widths, default=0), sum(w > width for w in widths)


def screenshots(lib: Path, draft: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "show.html": ["show", "tajik2017nationals", "--html"],
        "check.html": ["check", str(draft), "--html", "--fail-on", "none"],
    }
    for name, args in pages.items():
        page = folder / name
        subprocess.run([str(CITEKIT), "--library", str(lib), *args, "-o", str(page)], check=True)
        png = page.with_suffix(".png")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--screenshot={png}",
                "--window-size=1280,1600",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        print(f"screenshot {png} ({png.stat().st_size:,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="80,120")
    parser.add_argument("--screenshot", type=Path, metavar="DIR")
    opts = parser.parse_args()
    widths = [int(w) for w in opts.widths.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib, draft = make_library(root)
        tmux("new-session", "-d", "-s", "keep", "sleep 3600")  # the server outlives each pane
        try:
            table(lib, draft, root, widths)
        finally:
            tmux("kill-server")
        if opts.screenshot:
            subprocess.run(
                [str(CITEKIT), "--library", str(lib), "verify", "--fix"], capture_output=True
            )
            screenshots(lib, draft, opts.screenshot)


def table(lib: Path, draft: Path, root: Path, widths: list[int]) -> None:
    head = "".join(f"{f'longest@{w}':>14}{f'over@{w}':>10}" for w in widths)
    print(f"{'command':10}{head}{'lines@80':>10}")
    for name, args in commands(lib, draft).items():
        row = f"{name:10}"
        count = 0
        for width in widths:
            text = in_pane(args, width, lib, root / f"{name}-{width}.out")
            longest, over = measure(text, width)
            row += f"{longest:>14}{over:>10}"
            if width == 80:
                count = text.count("\n")
        print(row + f"{count:>10}")


if __name__ == "__main__":
    main()
