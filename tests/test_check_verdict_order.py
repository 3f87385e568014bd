"""The verdict order of DESIGN, on articles and drafts of our own.

1. Ages: however each text is written ("Quint, 41," / "the 41-year-old" / "quint, 41," in a
   lower-cased draft / "was 41"), an age is compared with an age or a bare number.
2. A value the cited source states about something the draft's words do not obviously share is
   traced, marked weaker, unless a figure of that source clearly about the same thing gives
   another value (then mismatch, showing that figure).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekit.check.matching.quantity import Quantity, comparable
from tests.conftest import record_articles, run_check

BAKERY = """\
Mara Quint, 41, opened the Larch Street bakery in 2015 with a loan from her brother.

Today the bakery employs 12 bakers and runs 14 ovens in three towns, she said on Tuesday.

In May 2023 the ovens turned out 300 loaves a day.
"""


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return record_articles(tmp_path / "lib", tmp_path / "src", {"bakery": BAKERY})


def numbers(root: Path, text: str) -> list[dict]:
    code, report = run_check(root, "draft.md", text, "--fail-on", "none")
    assert code == 0
    return report["numbers"]


def test_an_age_in_a_lower_cased_draft_is_traced(lib: Path) -> None:
    [n] = numbers(lib, "mara quint, 41, opened a bakery on larch street [@bakery].\n")
    assert (n["text"], n["verdict"], n["source_text"]) == ("41", "traced", "41")


def test_an_age_written_as_an_adjective_traces_an_age_in_apposition(lib: Path) -> None:
    [n] = numbers(lib, "The 41-year-old borrowed from her brother [@bakery].\n")
    assert (n["verdict"], n["source_text"], n["source_value"]) == ("traced", "41", 41)


def test_an_age_among_other_words_is_traced_as_a_weaker_match(lib: Path) -> None:
    [n] = numbers(lib, "Critics in Leeds praised the 41-year-old on friday [@bakery].\n")
    assert n["verdict"] == "traced"
    assert n["source_text"] == "41"
    assert "weaker match" in n["note"]


def test_a_value_said_of_another_thing_loses_to_the_figure_of_the_same_thing(lib: Path) -> None:
    # 14 is the ovens', 12 the bakers': the draft's 14 bakers is the bakers' figure given wrongly.
    [n] = numbers(lib, "The bakery employs 14 bakers [@bakery].\n")
    assert (n["verdict"], n["source_text"]) == ("mismatch", "12")


def test_ages_compare_with_ages_durations_in_years_and_bare_numbers() -> None:
    age = Quantity("41", 41, unit="years of age", kind="duration")
    assert comparable(age, Quantity("41", 41))
    assert comparable(Quantity("41", 41), age)
    assert not comparable(age, Quantity("41 years", 41, unit="years", kind="duration"))
    assert not comparable(age, Quantity("41 months", 41, unit="months", kind="duration"))
    assert not comparable(age, Quantity("41%", 41, unit="%", kind="percent"))
    assert not comparable(age, Quantity("$41", 41, unit="USD", kind="money"))
    assert not comparable(age, Quantity("41 ovens", 41, unit="ovens"))


def test_a_rounding_with_nothing_in_common_is_not_traced(lib: Path) -> None:
    # "more than 10" rounds down the bakers' 12, but nothing else says it is that figure; the
    # exact value with nothing in common is traced, marked weaker.
    rounded, exact = numbers(
        lib,
        "By noon more than 10 had been sold [@bakery].\n\nBy noon 12 had been sold [@bakery].\n",
    )
    assert rounded["verdict"] == "unsourced"
    assert (exact["verdict"], exact["source_text"], exact["weak"]) == ("traced", "12", True)


def test_a_span_of_years_is_no_age(lib: Path) -> None:
    [n] = numbers(lib, "The lease on the shop has run for 41 years [@bakery].\n")
    assert n["verdict"] == "unsourced"


def test_a_name_one_side_leaves_out_does_not_keep_a_weaker_match_apart(lib: Path) -> None:
    [n] = numbers(lib, "Grace Abbot of Ormsby said 12 had been sold by noon [@bakery].\n")
    assert (n["verdict"], n["source_text"], n["weak"]) == ("traced", "12", True)


def test_another_time_named_near_each_keeps_them_apart(lib: Path) -> None:
    [n] = numbers(lib, "By June 2024, visitors had left 300 reviews [@bakery].\n")
    assert n["verdict"] == "unsourced"


def test_the_same_number_in_the_same_words_gets_the_same_verdict_anywhere(lib: Path) -> None:
    claim = "The bakery employs 12 bakers [@bakery]."
    draft = (
        f"{claim}\n\n"
        "Critics in Leeds praised the 41-year-old on friday [@bakery]. "
        f"{claim} The bakery employs 14 bakers [@bakery].\n\n"
        f"- {claim}\n"
    )
    twelves = [n for n in numbers(lib, draft) if n["text"] == "12"]
    assert len(twelves) == 3
    assert {(n["verdict"], n["source_text"], n["because"]) for n in twelves} == {
        ("traced", "12", twelves[0]["because"])
    }
