"""A Markdown and a LaTeX draft citing the seed article and a second article written for this test:
every verdict, its `because` and its `score`, and `check --explain`.

The drafts word their numbers differently from the sources ("Central Asians went to fight" for
"people from Central Asia have traveled ... to fight"), state a part of a whole ("800 of its 2,926",
no sum), misquote a figure (about 160 for 147; 19 wells for 14), cite the seed for a number only
the second article holds (elsewhere, naming it), and state numbers no source holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEED, record_articles, run_check, write

ARAL = """\
date 2019-03-14 The Amu Darya delivered 8.2 cubic kilometres of water to the Aral Sea in 2018, \
down from 11.6 the year before, the basin authority said.

About 2,400 fishermen have lost their work since 2010, according to the authority. In \
Karakalpakstan, 37 villages now rely on trucked water, and 14 wells were drilled last summer.
"""

MARKDOWN = """\
# Water and fighters

More than 4,200 Central Asians went to fight in Syria and Iraq [@tajik].
Tunisia saw 800 of its 2,926 fighters come home [@tajik].
Some 1,500 fighters from Uzbekistan joined the militants [@tajik].
About 160 Tajiks went home of their own accord [@tajik].

In Karakalpakstan, 37 villages rely on trucked water [@tajik].
The river brought 8.2 cubic kilometres of water to the sea in 2018 [@aral].
Wells drilled last summer numbered 19 [@aral].
Officials plan 60 new reservoirs [@aral].
"""

LATEX = r"""\documentclass{article}
\usepackage{siunitx}
\begin{document}
\section{Water and fighters}
More than \num{4200} Central Asians went to fight in Syria and Iraq~\cite{tajik}.
Tunisia saw 800 of its \num{2926} fighters come home~\cite{tajik}.
About 160 Tajiks went home of their own accord~\cite{tajik}.

In Karakalpakstan, 37 villages rely on trucked water~\cite{tajik}.
The river brought \num{8.2} cubic kilometres of water to the sea in 2018~\cite{aral}.
Wells drilled last summer numbered 19~\cite{aral}.
Officials plan 60 new reservoirs~\cite[p.~2]{aral}.
\end{document}
"""

# (value, verdict, source, source figure) in draft order.
EXPECTED = [
    (4200, "traced", "tajik", "more than 4,200"),
    (800, "traced", "tajik", "800"),
    (2926, "traced", "tajik", "2,926"),
    (1500, "traced", "tajik", "1,500"),
    (160, "mismatch", "tajik", "147"),
    (37, "elsewhere", "aral", "37"),
    (8.2, "traced", "aral", "8.2"),
    (19, "mismatch", "aral", "14"),
    (60, "unsourced", None, None),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("two")
    articles = {"tajik": SEED.read_text(encoding="utf-8"), "aral": ARAL}
    return record_articles(base / "lib", base / "src", articles)


def _rows(report: dict) -> list[tuple]:
    return [(n["value"], n["verdict"], n["source"], n["source_text"]) for n in report["numbers"]]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("draft.md", MARKDOWN, EXPECTED),
        ("draft.tex", LATEX, [row for row in EXPECTED if row[0] != 1500]),
    ],
)
def test_every_verdict(lib: Path, name: str, text: str, expected: list[tuple]) -> None:
    code, report = run_check(lib, name, text)
    assert code == 1  # a mismatch, an elsewhere and an unsourced number
    assert _rows(report) == expected


def test_because_names_the_figure_the_rounding_and_the_words(lib: Path) -> None:
    _, report = run_check(lib, "draft.md", MARKDOWN)
    by_value = {n["value"]: n for n in report["numbers"]}
    assert by_value[4200]["because"] == (
        "tajik states 'more than 4,200': the same value; shared words: central, fight, syria, iraq"
    )
    assert by_value[160]["because"].startswith(
        "tajik gives '147' for what the draft calls 'About 160'"
    )
    elsewhere = by_value[37]["because"]
    assert elsewhere.startswith("not in tajik; aral states '37': the same value;")
    assert "karakalpakstan" in elsewhere
    assert by_value[60]["because"] == "no figure of aral or any other recorded source holds '60'"
    # Shared words weigh: the distinctive figure with its words scores higher than the part
    # traced on its value alone ("800 of its 2,926"), which is marked weaker.
    assert by_value[800]["weak"] and "weaker match" in by_value[800]["because"]
    assert not by_value[4200]["weak"]
    assert 0 < by_value[800]["score"] < 0.5 < by_value[4200]["score"] <= 1
    assert all(0 <= n["score"] <= 1 for n in report["numbers"])


def test_a_part_of_a_whole_is_no_sum(lib: Path) -> None:
    _, report = run_check(
        lib, "draft.md", "Tunisia saw 800 of its 2,926 fighters return [@tajik].\n"
    )
    assert [(n["verdict"], n["sum_of"]) for n in report["numbers"]] == [("traced", [])] * 2


def test_explain_prints_because_and_score(lib: Path) -> None:
    from citekit.cli import main

    draft = write(lib.parent / "explain.md", "Wells drilled last summer numbered 19 [@aral].\n")
    result = CliRunner().invoke(main, ["--library", str(lib), "check", str(draft), "--explain"])
    assert result.exit_code == 1
    assert (
        "because: aral gives '14' for what the draft calls '19'; shared words: summer, last,"
        " drilled, wells (score 0.91)"
    ) in " ".join(result.output.split())
    plain = CliRunner().invoke(main, ["--library", str(lib), "check", str(draft)])
    assert "because:" not in plain.output
