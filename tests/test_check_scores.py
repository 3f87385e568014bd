"""Scores and tallies are checked whole: "won 2-1" is one thing, not a 2 and a 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekit.check.matching.quantity import Quantity
from citekit.check.matching.records import Claim
from citekit.check.matching.scores import Score, score_of
from tests.conftest import record_articles, run_check

MATCH = """\
Harlow Town beat Ely City 2-1 on Saturday, with both goals coming after the break.

A week earlier the side had lost 27-22 at rugby to the Fenland XV, its third defeat of the season.
"""

OTHER = "The Ely ground holds 1,800 people and was rebuilt in 2009.\n"


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("scores")
    return record_articles(base / "lib", base / "src", {"match": MATCH, "ground": OTHER})


def _check(lib: Path, text: str) -> list[tuple]:
    _, report = run_check(lib, "draft.md", text, "--fail-on", "none")
    return [(n["text"], n["verdict"], n["source"]) for n in report["numbers"]]


def test_a_score_written_as_the_source_writes_it_is_traced_whole(lib: Path) -> None:
    rows = _check(lib, "harlow town beat ely city 2-1 on saturday [@match].\n")
    assert rows == [("2", "traced", "match"), ("1", "traced", "match")]


def test_a_score_told_from_the_other_side_is_the_same_result(lib: Path) -> None:
    rows = _check(lib, "Ely lost 1\u20132 to Harlow [@match].\n")
    assert rows == [("1", "traced", "match"), ("2", "traced", "match")]


def test_a_tally_with_what_it_counts_after_it(lib: Path) -> None:
    rows = _check(lib, "They suffered a 27-22 defeat to the Fenland XV [@match].\n")
    assert [r[1] for r in rows] == ["traced", "traced"]


def test_a_wrong_score_flags_both_halves(lib: Path) -> None:
    # The 1 alone is in the source ("2-1"); the score 3-1 is not, so neither half is traced.
    _, report = run_check(lib, "draft.md", "Harlow beat Ely 3-1 [@match].\n", "--fail-on", "none")
    halves = report["numbers"]
    assert [n["verdict"] for n in halves] == ["mismatch", "mismatch"]
    assert halves[0]["because"] == "match writes the score '2-1' where the draft writes '3-1'"


def test_a_score_cited_to_the_wrong_source_is_elsewhere(lib: Path) -> None:
    rows = _check(lib, "Harlow won 2-1 at home [@ground].\n")
    assert rows == [("2", "elsewhere", "match"), ("1", "elsewhere", "match")]


def _claim(sentence: str, text: str, value: float, **kw: object) -> Claim:
    start = sentence.index(text)
    q = Quantity(text, value, **kw)  # type: ignore[arg-type]
    return Claim(q, sentence, start, start + len(text), ("k",))


def test_what_is_a_score() -> None:
    s = "They won 1-0 and 4\u20130 in the cup."
    assert score_of(_claim(s, "4", 4)) == Score(4, 0, "4\u20130")
    assert score_of(Claim(Quantity("0", 0), s, 11, 12, ("k",))) == Score(1, 0, "1-0")
    # Ranges, shares, money and four-digit years are no scores.
    assert score_of(_claim("It rose 3-5% last year.", "3", 3)) is None
    assert score_of(_claim("It cost $3-4 more.", "3", 3, kind="money", unit="USD")) is None
    assert score_of(_claim("from 3,800-3,700 BC", "3,800", 3800)) is None
    ranged = Quantity("10-12 ft", None, 10, 12, "ft", "measure")
    assert score_of(Claim(ranged, "It fell 10-12 ft.", 8, 16, ("k",))) is None
