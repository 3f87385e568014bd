"""Figure extraction: the seed article, data-driven cases (tests/data/figures*.json), the API."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from citekit.extract import extract_figures
from citekit.models import Figure

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[1] / "seeds" / "000_ff2d753cc6dcba1d.txt"


def _cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(DATA.glob("figures*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            out.append((f"{path.stem}[{i}]", case))
    return out


def _check_field(figure: Figure, name: str, expected: object) -> None:
    actual = getattr(figure, name)
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and actual is not None:
        assert math.isclose(actual, expected, rel_tol=1e-6), f"{name}: {actual!r} != {expected!r}"
    else:
        assert actual == expected, f"{figure.text!r} {name}: {actual!r} != {expected!r}"


@pytest.mark.parametrize(("case_id", "case"), _cases(), ids=[c[0] for c in _cases()])
def test_data_driven_case(case_id: str, case: dict) -> None:
    text = case["text"]
    figures = extract_figures(text)
    assert [f.text for f in figures] == [e["text"] for e in case["figures"]]
    for figure, expected in zip(figures, case["figures"], strict=True):
        assert text[figure.start : figure.end] == figure.text
        for name, value in expected.items():
            if name != "text":
                _check_field(figure, name, value)


def _masked_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    head = text.index("date")
    header_end = head + len("date 2017-10-27")
    return text[:head] + " " * (header_end - head) + text[header_end:]


def test_seed_article_figures() -> None:
    text = _masked_seed()
    figures = extract_figures(text)
    got = [(f.text, f.value, f.unit, f.kind, f.qualifier) for f in figures]
    assert got == [
        ("1,300", 1300, "Tajik nationals", "count", "exact"),
        ("nearly 3000", 3000, "people", "count", "approx"),
        ("147", 147, "Tajik nationals", "count", "exact"),
        ("more than 4,200", 4200, "people", "count", "more_than"),
        ("Hundreds", None, None, "count", "vague"),
        ("1,500", 1500, "Uzbek nationals", "count", "exact"),
        ("500", 500, "people", "count", "exact"),
        ("500", 500, "people", "count", "exact"),
        ("44", 44, "people", "count", "exact"),
        ("400", 400, "people", "count", "exact"),
        ("33", 33, "countries", "count", "exact"),
        ("at least 5,600", 5600, "foreign fighters", "count", "at_least"),
        ("400", 400, "fighters", "count", "exact"),
        ("3,417", 3417, "fighters", "count", "exact"),
        ("760", 760, "fighters", "count", "exact"),
        ("3,244", 3244, "fighters", "count", "exact"),
        ("800", 800, "fighters", "count", "exact"),
        ("2,926", 2926, "fighters", "count", "exact"),
        ("271", 271, "fighters", "count", "exact"),
        ("1,910", 1910, "fighters", "count", "exact"),
        ("June 2014", None, None, "date", "exact"),
        ("thousands", None, "jihadists", "count", "vague"),
        ("late 2015", None, None, "date", "exact"),
    ]
    hundreds = figures[4]
    assert (hundreds.low, hundreds.high) == (100, 1000)
    for f in figures:
        assert text[f.start : f.end] == f.text
        sentence = text[f.sentence_start : f.sentence_end]
        assert f.text in sentence
    paragraphs = [f.paragraph for f in figures]
    assert paragraphs == sorted(paragraphs)
    assert figures[0].paragraph == 0 and figures[-1].paragraph == 8


def test_sorted_by_start_and_sentence_holds_figure() -> None:
    text = ("Prices rose 4% in May. Nearly 300 people protested!\n\n"
            "The firm, founded in 1990, now has 12,000 staff and $3bn in revenue.")
    figures = extract_figures(text)
    starts = [f.start for f in figures]
    assert starts == sorted(starts)
    for f in figures:
        assert f.sentence_start <= f.start < f.end <= f.sentence_end
    assert [f.paragraph for f in figures] == [0, 0, 1, 1, 1]


def test_non_figures_are_classified() -> None:
    figures = extract_figures("On 3 May 2021 at 9:15 the 5th report said 40% of 2,000 firms grew.")
    kinds = [(f.text, f.kind, f.is_figure) for f in figures]
    assert kinds == [
        ("3 May 2021", "date", False),
        ("9:15", "time", False),
        ("5th", "ordinal", False),
        ("40%", "percent", True),
        ("2,000", "count", True),
    ]


def test_pure_and_repeatable() -> None:
    text = "About 70 of the 1,200 delegates left early; turnout was 61.5%."
    assert extract_figures(text) == extract_figures(text)


def test_empty_and_numberless_text() -> None:
    assert extract_figures("") == []
    assert extract_figures("No numbers here, only words.") == []


def test_offsets_survive_unicode_and_non_breaking_spaces() -> None:
    text = "Café owners — “about 1\u00a0200” of them — paid €4\u00a0000 in fines."
    for f in extract_figures(text):
        assert text[f.start : f.end] == f.text


def test_magnitudes_scale_in_decimal_arithmetic() -> None:
    from citekit.extract.numbers import scaled

    assert scaled(8.2, 1e6) == 8_200_000.0
    assert scaled(1.25e16, 1e3) == 1.25e19  # once a ValueError: float("1.25e+16e3")
    assert scaled(0.1, 12.0) == 1.2
    assert scaled(3.0, 1e2) == 300.0


def test_a_seventeen_digit_number_before_a_magnitude_word() -> None:
    text = "The ledger shows 12500000000000000 million and 99999999999999999 billion."
    figures = extract_figures(text)
    assert [(f.text, f.value) for f in figures] == [
        ("12500000000000000 million", 1.25e22),
        ("99999999999999999 billion", 1e26),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A reading of 2e400 was logged, then 1.5 × 10^999 and 7×10⁹⁹⁹ units.",
        "The value was 9" * 3 + "e308 and " + "9" * 18 + " trillion trillion.",
        "Nearly " + "9" * 400 + " people and " + "1" * 19 + ".5 million more.",
    ],
)
def test_values_are_always_finite_json(text: str) -> None:
    figures = extract_figures(text)
    for f in figures:
        for v in (f.value, f.low, f.high):
            assert v is None or math.isfinite(v)
    json.dumps([f.to_dict() for f in figures], allow_nan=False)


def test_numbers_in_other_scripts_read_by_value() -> None:
    figures = extract_figures("They counted ٣٤ families and １２ schools.")
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("٣٤", 34.0, "families"),
        ("１２", 12.0, "schools"),
    ]
