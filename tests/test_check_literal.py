"""A number the cited source writes but did not record as a figure (an era year, a label)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekit.check.matching.literal import _pattern
from tests.conftest import record_articles, run_check

DIG = """\
The survey dated the first farming villages of the delta to 4400-4300 BC, centuries earlier \
than thought, and counted 120 graves.

The council elected Ana Ruiz to Position 8 in 2019, and she won 61 percent of the vote.
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("literal")
    return record_articles(base / "lib", base / "src", {"dig": DIG})


def _rows(lib: Path, text: str) -> list[tuple]:
    _, report = run_check(lib, "draft.md", text, "--fail-on", "none")
    return [(n["text"], n["verdict"], n["source_text"], n["weak"]) for n in report["numbers"]]


def test_era_years_the_source_writes_are_traced_as_text(lib: Path) -> None:
    rows = _rows(lib, "The delta's first farming villages date from 4,400-4,300 BC [@dig].\n")
    assert rows == [("4,400", "traced", "4400", True), ("4,300", "traced", "4300", True)]


def test_a_label_the_source_writes_is_traced_as_text(lib: Path) -> None:
    _, report = run_check(lib, "d.md", "Ruiz was elected to position 8 on the council [@dig].\n")
    [n] = report["numbers"]
    assert (n["verdict"], n["source_text"]) == ("traced", "8")
    assert n["because"].startswith("dig writes '8' but did not record it as a figure;")


def test_a_numeral_the_source_does_not_write_stays_unsourced(lib: Path) -> None:
    rows = _rows(lib, "Farming villages in the delta date from 4,500 BC [@dig].\n")
    assert [r[1] for r in rows] == ["unsourced"]


def test_the_numeral_with_and_without_separators() -> None:
    p = _pattern("3,800")
    assert p is not None
    assert p.search("in 3800 BC") and p.search("in 3,800 BC")
    assert not p.search("in 13800 BC") and not p.search("3800.5") and not p.search("38000")
    assert _pattern("about 5") is None


def test_a_pair_the_source_writes_whole_needs_fewer_words_in_common(lib: Path) -> None:
    # Both halves of "4,400-4,300" stand in the source as "4400-4300"; with one half changed,
    # the other half is no longer the source's pair and its few shared words do not suffice.
    same = _rows(lib, "Farming there may have begun sometime between 4,400-4,300 BC [@dig].\n")
    assert [r[1] for r in same] == ["traced", "traced"]
    changed = _rows(lib, "Farming there may have begun sometime between 4,400-4,200 BC [@dig].\n")
    assert [r[1] for r in changed] == ["unsourced", "unsourced"]
