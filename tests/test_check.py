"""`citekit check` end to end: a library recorded from sources written here, drafts with
deliberate errors in Markdown and LaTeX, every verdict, line, exit code and JSON field asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.check.report import check_draft
from citekit.cli import main
from citekit.library.folder import Library

WATER = """date 2021-05-10 A new report by the Northern Water Institute says that 2,417 wells in \
the Aral basin have run dry since 2010.

The study found that 38% of farms in Karakalpakstan now rely on trucked water. In all, 1,200 \
villages in Uzbekistan were affected, 640 villages in Kazakhstan, and 85 villages in \
Turkmenistan have been abandoned.

The cost of emergency deliveries reached $3.2 million last year, according to the institute. \
More than 5,000 families have left the region since 2015.
"""

RAIN = """date 2022-01-03 Rainfall in the Aral basin fell by 14% over the decade, the national \
meteorological service said on Monday.

About 900 herders lost part of their livestock during the winter. Officials counted 3,150 \
hectares of abandoned cotton fields near Nukus.
"""

FLOOD = """date 2020-09-02 The Caspian Monitoring Group says 4,312 homes were flooded along the \
coast of Dagestan, a new report says.

The report titled RISING WATER: Coastal Risk on the Caspian says that 27 schools were closed. \
According to the report, 1,150 families were moved to shelters.
"""

DRAFT_MD = """---
title: "Dry wells: a briefing with 99 problems"
date: 2023-02-01
---

# 1. The basin

The institute counted 2,471 wells that have run dry [@water2021].
In Kazakhstan, 700 villages were affected [@water2021, p. 2].
Trucked water now supplies 38% of farms in Karakalpakstan [@rain2022].
About 2,400 wells have run dry [@water2021].
Some eighty-five villages in Turkmenistan have been abandoned [see @rain2022; @water2021, ch. 2].
Rainfall in the basin fell by 14% over the decade [@rain2022; @water2021].

About 900 herders lost livestock over the winter.

The basin holds 3,500 wells in all.

Emergency water is expensive.[^cost] @nobody2020 says 41% of wells are shallow.

[^cost]: Deliveries cost $3.2 million last year [@water2021].

```python
wells = 9999  # [@water2021]
```

On the Caspian coast, 27 schools were closed [@rising2020water]. `4,312 homes`
"""

# line -> (text, verdict, cited)
EXPECTED_MD = {
    8: ("2,471", "mismatch", ["water2021"]),
    9: ("700", "mismatch", ["water2021"]),
    10: ("38%", "elsewhere", ["rain2022"]),
    11: ("About 2,400", "traced", ["water2021"]),
    12: ("Some eighty-five", "traced", ["rain2022", "water2021"]),
    13: ("14%", "traced", ["rain2022", "water2021"]),
    15: ("About 900", "elsewhere", []),
    17: ("3,500", "unsourced", []),
    19: ("41%", "unsourced", ["nobody2020"]),
    21: ("$3.2 million", "traced", ["water2021"]),
    27: ("27", "traced", ["rising2020water"]),
}

DRAFT_TEX = r"""\documentclass{article}
\usepackage{biblatex}
\newcommand{\wells}{9{,}999}
\begin{document}
\section{The basin}
The institute counted 2{,}471 wells that have run dry \cite{water2021}.
In Kazakhstan, 700~villages were affected \parencite[p.~2]{water2021}.
Trucked water now supplies 38\% of farms in Karakalpakstan \citep{rain2022}.
About 2{,}400 wells have run dry \autocite{water2021}.
Some eighty-five villages in Turkmenistan have been abandoned \cites[see][]{rain2022}[ch.~2]{water2021}.
% A comment: 9,999 wells in Kazakhstan \cite{water2021}
\textcite{rain2022} reports that rainfall in the basin fell by 14\% over the decade.
Emergency water is expensive.\footnote{Deliveries cost \$3.2~million last year \cite{water2021}.}
The equation $n = 640$ is not a claim \label{eq:640}.

About 900 herders lost livestock over the winter.

On the Caspian coast, 27 schools were closed \cite[p.~3]{rising2020water,nobody2020}.
\end{document}
"""

EXPECTED_TEX = {
    6: ("2{,}471", "mismatch", ["water2021"]),
    7: ("700", "mismatch", ["water2021"]),
    8: ("38\\%", "elsewhere", ["rain2022"]),
    9: ("About 2{,}400", "traced", ["water2021"]),
    10: ("Some eighty-five", "traced", ["rain2022", "water2021"]),
    12: ("14\\%", "traced", ["rain2022"]),
    13: ("\\$3.2~million", "traced", ["water2021"]),
    16: ("About 900", "elsewhere", []),
    18: ("27", "traced", ["rising2020water", "nobody2020"]),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("library")
    sources = tmp_path_factory.mktemp("sources")
    lib = Library(root)
    for key, text in (("water2021", WATER), ("rain2022", RAIN), ("flood2020", FLOOD)):
        path = sources / f"{key}.txt"
        path.write_text(text, encoding="utf-8")
        lib.add([path], key=key)
    assert "rising2020water" in set(lib.keys())
    return lib


def _by_line(numbers: list[dict]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for n in numbers:
        assert n["line"] not in out, f"two numbers on line {n['line']}: {numbers}"
        out[n["line"]] = n
    return out


@pytest.mark.parametrize(
    ("suffix", "text", "expected"),
    [(".md", DRAFT_MD, EXPECTED_MD), (".tex", DRAFT_TEX, EXPECTED_TEX)],
)
def test_every_verdict(
    library: Library, tmp_path: Path, suffix: str, text: str, expected: dict
) -> None:
    draft = tmp_path / f"draft{suffix}"
    draft.write_text(text, encoding="utf-8")
    report = check_draft(library, draft)
    got = _by_line(report.to_json()["numbers"])
    assert {line: (n["text"], n["verdict"], n["cited"]) for line, n in got.items()} == expected


def test_verdict_details(library: Library) -> None:
    report = check_draft(library, DRAFT_MD, "md")
    got = _by_line(report.to_json()["numbers"])
    transposed = got[8]
    assert transposed["transposed"] is True
    assert (transposed["source"], transposed["source_value"]) == ("water2021", 2417)
    assert transposed["figure"]["text"] == "2,417"
    assert "2,417 wells" in transposed["figure"]["sentence"]
    assert got[9]["source_value"] == 640 and got[9]["transposed"] is False
    assert got[10]["source"] == "water2021" and got[10]["source_value"] == 38
    rounded = got[11]
    assert rounded["rounding"] is True and rounded["exact"] is False
    assert rounded["qualifier"] == "approx" and "2,417" in rounded["note"]
    assert got[13]["source"] == "rain2022"  # of the two cited keys, the one holding it
    assert got[15]["source"] == "rain2022" and got[15]["cited"] == []
    assert got[19]["unknown_keys"] == ["nobody2020"]
    assert got[21]["footnote"] == "cost"
    assert got[27]["attribution"] == ["flood2020", "rising2020water"]
    assert report.to_json()["unknown_keys"] == ["nobody2020"]
    assert report.to_json()["undefined_citations"] == [{"key": "nobody2020", "lines": [19]}]
    assert report.to_json()["summary"] == {
        "numbers": 11,
        "traced": 5,
        "mismatch": 2,
        "elsewhere": 2,
        "unsourced": 2,
    }


def _run(library: Library, args: list[str], stdin: str | None = None):
    runner = CliRunner()
    return runner.invoke(main, ["--library", str(library.root), "check", *args], input=stdin)


def test_cli_json_and_exit_code(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT_MD, encoding="utf-8")
    result = _run(library, [str(draft), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    numbers = _by_line(doc["numbers"])
    assert {line: (n["text"], n["verdict"], n["cited"]) for line, n in numbers.items()} == (
        EXPECTED_MD
    )
    for n in doc["numbers"]:
        assert {"text", "line", "cited", "verdict", "figure", "source", "source_value"} <= set(n)


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ("mismatch", 1),
        ("unsourced", 0),  # the LaTeX draft has no unsourced number
        ("traced", 1),
        ("none", 0),
        ("elsewhere,unsourced", 1),
    ],
)
def test_cli_fail_on(library: Library, tmp_path: Path, fail_on: str, code: int) -> None:
    draft = tmp_path / "draft.tex"
    draft.write_text(DRAFT_TEX, encoding="utf-8")
    assert _run(library, [str(draft), "--fail-on", fail_on, "--json"]).exit_code == code


def test_cli_clean_draft_exits_zero(library: Library) -> None:
    text = (
        "About 2,400 wells have run dry [@water2021]. Some 27 schools were closed [@flood2020].\n"
    )
    result = _run(library, ["-"], stdin=text)
    assert result.exit_code == 0, result.output
    assert "TRACED (2)" in result.stdout
    assert "2 numbers: 2 traced, 0 mismatch, 0 elsewhere, 0 unsourced" in result.stdout


def test_cli_terminal_report(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT_MD, encoding="utf-8")
    out = _run(library, [str(draft)]).stdout
    order = [out.index(h) for h in ("MISMATCH (2)", "ELSEWHERE (2)", "UNSOURCED (2)", "TRACED (5)")]
    assert order == sorted(order)
    assert f"{draft}:8:23" in out
    assert "2,417 wells in the Aral basin" in out
    assert "flood2020 → rising2020water" in out
    assert "Warning: Citation 'nobody2020' on line 19 undefined." in out


def test_cli_stdin_with_format(library: Library) -> None:
    text = "Rainfall fell by 14\\% over the decade \\cite{rain2022}.\n"
    result = _run(library, ["-", "--format", "tex", "--json"], stdin=text)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["format"] == "tex"
    assert [(n["text"], n["verdict"]) for n in doc["numbers"]] == [("14\\%", "traced")]


def test_cli_missing_draft(library: Library, tmp_path: Path) -> None:
    result = _run(library, [str(tmp_path / "nope.md")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "nope.md: no such file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["draft.md", "--fail-on", "wrong"], ["draft.md", "--format", "docx"], []],
)
def test_cli_usage_errors(library: Library, args: list[str]) -> None:
    assert _run(library, args).exit_code == 2


def test_empty_library_leaves_everything_unsourced(tmp_path: Path) -> None:
    report = check_draft(Library(tmp_path), "Some 2,417 wells ran dry [@water2021].")
    assert [r.verdict.verdict for r in report.results] == ["unsourced"]
    assert [u.key for u in report.unknown_keys] == ["water2021"]


SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_ff2d753cc6dcba1d.txt"

SEED_DRAFT = """Kazakhstan sent 600 people to fight in Syria [@tajik2017].
Kyrgyzstan sent 500 people [@tajik2017].
Russia supplied about 3,400 of the foreign fighters [@soufan2017beyond], while France \
supplied 1,910 [@soufan2017beyond].
Russia supplied 3,500 fighters [@tajik2017] and 3,471 is a transposed figure for Russia \
[@tajik2017].
More than 4,000 people from Central Asia travelled to Syria and Iraq [@tajik2017].
Nearly 3,000 people were detained in Turkey [@tajik2017].
"""


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not in this checkout")
def test_the_seed_example(tmp_path: Path) -> None:
    """DESIGN's example: figures compared with the item they describe, through the report."""
    lib = Library(tmp_path / "library")
    lib.add([SEED], key="tajik2017")
    report = check_draft(lib, SEED_DRAFT)
    got = [
        (r.number.line, r.number.text, r.verdict.verdict, r.figure and r.figure["text"])
        for r in report.results
    ]
    assert got == [
        (1, "600", "mismatch", "500"),
        (2, "500", "traced", "500"),
        (3, "about 3,400", "traced", "3,417"),
        (3, "1,910", "traced", "1,910"),
        (4, "3,500", "mismatch", "3,417"),
        (4, "3,471", "mismatch", "3,417"),
        (5, "More than 4,000", "traced", "more than 4,200"),
        (6, "Nearly 3,000", "traced", "nearly 3000"),
    ]
    kazakhstan, kyrgyzstan = report.results[0].figure, report.results[1].figure
    assert kazakhstan and kyrgyzstan and kazakhstan["id"] != kyrgyzstan["id"]
    assert "Kazakhstan" in kazakhstan["sentence"]
    assert report.results[5].verdict.transposed
    assert report.results[2].chain() == ["tajik2017", "soufan2017beyond"]


def test_plain_text_draft(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "notes.txt"
    draft.write_text(
        "Some 2,417 wells in the Aral basin have run dry [@water2021].\nThe basin holds 3,500 wells.\n",
        encoding="utf-8",
    )
    report = check_draft(library, draft)
    assert report.format == "txt"
    # Plain text has no citation syntax: the first number is found in a source, uncited.
    assert [(r.number.line, r.verdict.verdict, r.number.cited) for r in report.results] == [
        (1, "elsewhere", ()),
        (2, "unsourced", ()),
    ]


def test_unreadable_drafts(library: Library, tmp_path: Path) -> None:
    latin = tmp_path / "latin.md"
    latin.write_bytes("caf\xe9 500 people".encode("latin-1"))
    for path, message in ((tmp_path, "is a directory"), (latin, "not UTF-8")):
        result = _run(library, [str(path)])
        assert result.exit_code == 1 and message in result.stderr


def test_a_string_is_text_never_a_file_name(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "draft.tex"
    draft.write_text(DRAFT_TEX, encoding="utf-8")
    report = check_draft(library, str(draft))
    assert report.draft == "-" and report.results == []
