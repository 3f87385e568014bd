"""Matching draft numbers to source figures: quantities, faithful rounding, context, verdicts.

Pure: the figure records are built here by hand, in the shape `Library.figures()` returns.
"""

from __future__ import annotations

from typing import Any

import pytest

from citekit.check.matching.context import context_words
from citekit.check.matching.discord import similarity
from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import (
    Quantity,
    agree,
    comparable,
    precision_step,
    significant_digits,
    transposed,
)
from citekit.check.matching.records import Claim
from citekit.check.matching.verdicts import judge, judge_all

UZBEK = "According to the study, 1,500 Uzbek nationals worked on the canal."
LIST = (
    "Besides, 500 engineers from Kazakhstan, 500 engineers from Kyrgyzstan (44 of them women) "
    "and 400 engineers from Turkmenistan."
)
TOTALS = "They include 400 of the 3,417 pumps from Russia; 760 of the 3,244 from Iran."
ALL = "In all, more than 4,200 engineers from Central Asia travelled to the site."
SHARE = "The survey found that 38.4% of farms rely on trucked water."


def fig(
    source: str,
    sentence: str,
    text: str,
    value: float | None,
    unit: str | None = None,
    qualifier: str = "exact",
    kind: str = "count",
    nth: int = 0,
    attributed_to: str | None = None,
) -> dict[str, Any]:
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.index(text, pos + 1)
    base = 1000
    return {
        "id": f"{source}:{text}#{nth}",
        "source": source,
        "text": text,
        "value": value,
        "low": None,
        "high": None,
        "unit": unit,
        "kind": kind,
        "qualifier": qualifier,
        "start": base + pos,
        "end": base + pos + len(text),
        "sentence": sentence,
        "sentence_start": base,
        "attributed_to": attributed_to,
        "attributed_party": None,
    }


FIGURES = [
    fig("canal", UZBEK, "1,500", 1500, "Uzbek nationals"),
    fig("canal", LIST, "500", 500, "engineers", nth=0),
    fig("canal", LIST, "500", 500, "engineers", nth=1),
    fig("canal", LIST, "44", 44),
    fig("canal", LIST, "400", 400, "engineers"),
    fig("canal", TOTALS, "400", 400),
    fig("canal", TOTALS, "3,417", 3417, "pumps", attributed_to="study2020"),
    fig("canal", TOTALS, "760", 760),
    fig("canal", TOTALS, "3,244", 3244),
    fig("canal", ALL, "more than 4,200", 4200, "engineers", qualifier="more_than"),
    fig("survey", SHARE, "38.4%", 38.4, "%", kind="percent"),
]
KNOWN = frozenset({"canal", "survey", "study2020", "empty"})


def claim(
    sentence: str,
    text: str,
    value: float,
    unit: str | None = None,
    qualifier: str = "exact",
    cited: tuple[str, ...] = ("canal",),
    kind: str = "count",
) -> Claim:
    start = sentence.index(text)
    q = Quantity(text, value, unit=unit, kind=kind, qualifier=qualifier)
    return Claim(q, sentence, start, start + len(text), cited)


@pytest.fixture(scope="module")
def index() -> FigureIndex:
    return FigureIndex(FIGURES)


# -- quantities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("3,417", 3417, 1),
        ("3,400", 3400, 100),
        ("about 3,000", 3000, 1000),
        ("2.3 million", 2_300_000, 100_000),
        ("$1.2bn", 1.2e9, 1e8),
        ("41.5%", 41.5, 0.1),
        ("five hundred", 500, 100),
        ("between 120 and 150", 150, 10),
    ],
)
def test_precision_step(text: str, value: float, step: float) -> None:
    assert precision_step(text, value) == pytest.approx(step)


def q(text: str, value: float, qualifier: str = "exact", kind: str = "count") -> Quantity:
    return Quantity(text, value, kind=kind, qualifier=qualifier)


@pytest.mark.parametrize(
    ("draft", "source", "exact", "rounding"),
    [
        (q("3,417", 3417), q("3,417", 3417), True, False),
        (q("about 3,400", 3400, "approx"), q("3,417", 3417), False, True),
        (q("3,400", 3400), q("3,417", 3417), False, True),
        (q("about 3,000", 3000, "approx"), q("3,417", 3417), False, True),
        (
            q("more than 4,000", 4000, "more_than"),
            q("more than 4,200", 4200, "more_than"),
            False,
            True,
        ),
        (q("nearly 3,000", 3000, "at_most"), q("2,926", 2926), False, True),
        (q("2.3 million", 2.3e6), q("2,312,000", 2_312_000), False, True),
        (q("38%", 38, kind="percent"), q("38.4%", 38.4, kind="percent"), False, True),
        (q("five hundred", 500), q("500", 500), True, False),
    ],
)
def test_faithful(draft: Quantity, source: Quantity, exact: bool, rounding: bool) -> None:
    agreement = agree(draft, source)
    assert agreement is not None
    assert (agreement.exact, agreement.rounding) == (exact, rounding)


@pytest.mark.parametrize(
    ("draft", "source"),
    [
        (q("3,500", 3500), q("3,417", 3417)),  # rounds the wrong way
        (q("3,471", 3471), q("3,417", 3417)),  # transposed digits
        (q("3,418", 3418), q("3,417", 3417)),  # off by one is not rounding
        (q("more than 3,500", 3500, "more_than"), q("3,417", 3417)),
        (q("more than 1,000", 1000, "more_than"), q("3,417", 3417)),  # true, but not faithful
        (q("nearly 3,000", 3000, "at_most"), q("3,100", 3100)),
        (q("39%", 39, kind="percent"), q("38.4%", 38.4, kind="percent")),
        (q("more than 500", 500, "more_than"), q("fewer than 500", 500, "less_than")),
    ],
)
def test_not_faithful(draft: Quantity, source: Quantity) -> None:
    assert agree(draft, source) is None


def test_qualifier_dropped_is_noted() -> None:
    agreement = agree(q("4,200", 4200), q("more than 4,200", 4200, "more_than"))
    assert agreement is not None and agreement.exact
    assert agreement.note and "more than 4,200" in agreement.note


def test_ranges_compare_bound_by_bound() -> None:
    draft = Quantity("between 120 and 150", None, 120, 150, "km", "measure")
    assert agree(draft, Quantity("120 to 150 km", None, 120, 150, "km", "measure"))
    assert agree(draft, Quantity("120 to 160 km", None, 120, 160, "km", "measure")) is None


def test_transposed_and_significant_digits() -> None:
    assert transposed(q("3,471", 3471), q("3,417", 3417))
    assert not transposed(q("3,500", 3500), q("3,417", 3417))
    assert significant_digits(q("3,417", 3417)) == 4
    assert significant_digits(q("1,300", 1300)) == 2


def test_comparable_kinds_and_units() -> None:
    assert comparable(q("41%", 41, kind="percent"), q("41%", 41, kind="percent"))
    assert not comparable(q("41%", 41, kind="percent"), q("41", 41))
    usd = Quantity("$5m", 5e6, unit="USD", kind="money")
    eur = Quantity("€5m", 5e6, unit="EUR", kind="money")
    assert comparable(usd, usd) and not comparable(usd, eur)


# -- context ---------------------------------------------------------------------------------


def test_each_list_item_keeps_its_own_words() -> None:
    first = context_words(LIST, LIST.index("500"), LIST.index("500") + 3).weights
    second_at = LIST.index("500", LIST.index("500") + 1)
    second = context_words(LIST, second_at, second_at + 3).weights
    assert first["kazakhstan"] > second["kazakhstan"]
    assert second["kyrgyzstan"] > first.get("kyrgyzstan", 0.0)


def test_similarity_tolerates_inflection() -> None:
    a = context_words("Uzbeks worked on 1,500 canals", 16, 21)
    b = context_words("1,500 Uzbek nationals worked on the canal", 0, 5)
    assert similarity(a, b) > 0.5


# -- verdicts --------------------------------------------------------------------------------


def test_compared_with_the_right_item_not_the_nearest_value(index: FigureIndex) -> None:
    v = judge(claim("Kazakhstan sent 600 engineers.", "600", 600, "engineers"), index, KNOWN)
    assert v.verdict == "mismatch"
    assert v.match is not None and v.match.figure["id"] == "canal:500#0"


@pytest.mark.parametrize(("country", "nth"), [("Kazakhstan", 0), ("Kyrgyzstan", 1)])
def test_same_value_traced_to_its_own_item(index: FigureIndex, country: str, nth: int) -> None:
    v = judge(claim(f"{country} sent 500 engineers.", "500", 500, "engineers"), index, KNOWN)
    assert v.verdict == "traced"
    assert v.match is not None and v.match.figure["id"] == f"canal:500#{nth}"


def test_transposed_digits_are_a_mismatch(index: FigureIndex) -> None:
    v = judge(claim("Russia supplied 3,471 pumps.", "3,471", 3471, "pumps"), index, KNOWN)
    assert v.verdict == "mismatch" and v.transposed
    assert v.match is not None and v.match.figure["value"] == 3417


def test_unfaithful_rounding_is_a_mismatch(index: FigureIndex) -> None:
    v = judge(claim("Russia supplied 3,500 pumps.", "3,500", 3500, "pumps"), index, KNOWN)
    assert v.verdict == "mismatch" and not v.transposed


def test_faithful_rounding_is_traced_and_marked(index: FigureIndex) -> None:
    c = claim("Russia supplied about 3,400 pumps.", "about 3,400", 3400, "pumps", "approx")
    v = judge(c, index, KNOWN)
    assert v.verdict == "traced"
    assert v.match is not None and v.match.agreement is not None
    assert v.match.agreement.rounding and not v.match.agreement.exact


def test_qualified_rounding_of_a_qualified_figure(index: FigureIndex) -> None:
    c = claim(
        "More than 4,000 engineers from Central Asia went.",
        "More than 4,000",
        4000,
        "engineers",
        "more_than",
    )
    assert judge(c, index, KNOWN).verdict == "traced"


def test_cited_work_reaches_figures_attributed_to_it(index: FigureIndex) -> None:
    c = claim("Russia supplied 3,417 pumps.", "3,417", 3417, "pumps", cited=("study2020",))
    v = judge(c, index, KNOWN)
    assert v.verdict == "traced"
    assert v.match is not None and v.match.figure["source"] == "canal"


def test_right_value_wrong_source_is_elsewhere(index: FigureIndex) -> None:
    c = claim("Farms rely on trucked water: 38.4% of them.", "38.4%", 38.4, "%", kind="percent")
    v = judge(c, index, KNOWN)
    assert v.verdict == "elsewhere"
    assert v.match is not None and v.match.figure["source"] == "survey"


def test_uncited_number_held_by_a_source_is_elsewhere(index: FigureIndex) -> None:
    c = claim("Some 1,500 Uzbeks worked on the canal.", "1,500", 1500, "Uzbeks", cited=())
    assert judge(c, index, KNOWN).verdict == "elsewhere"


def test_unsourced(index: FigureIndex) -> None:
    c = claim("The war cost 600 lives.", "600", 600, "lives", cited=())
    assert judge(c, index, KNOWN).verdict == "unsourced"
    c = claim("The war cost 600 lives.", "600", 600, "lives")
    assert judge(c, index, KNOWN).verdict == "unsourced"


def test_a_common_value_with_other_words_is_not_traced(index: FigureIndex) -> None:
    c = claim("The school hired 500 teachers.", "500", 500, "teachers")
    assert judge(c, index, KNOWN).verdict == "unsourced"


def test_unknown_keys_are_reported(index: FigureIndex) -> None:
    c = claim("Russia supplied 3,417 pumps.", "3,417", 3417, "pumps", cited=("ghost", "canal"))
    v = judge(c, index, KNOWN)
    assert v.verdict == "traced" and v.unknown_keys == ("ghost",)
    c = claim("Russia supplied 3,417 pumps.", "3,417", 3417, "pumps", cited=("ghost",))
    v = judge(c, index, KNOWN)
    assert v.verdict == "elsewhere" and v.unknown_keys == ("ghost",)


def test_judge_all_in_order() -> None:
    claims = [
        claim("Russia supplied 3,417 pumps.", "3,417", 3417, "pumps"),
        claim("The war cost 600 lives.", "600", 600, "lives", cited=()),
    ]
    assert [v.verdict for v in judge_all(claims, FIGURES, KNOWN)] == ["traced", "unsourced"]


def test_same_value_of_another_item_does_not_trace(index: FigureIndex) -> None:
    """Kazakhstan's own figure (500) outweighs Turkmenistan's 400 in the same sentence."""
    c = claim("Kazakhstan sent 400 engineers.", "400", 400, "engineers")
    v = judge(c, index, KNOWN)
    assert v.verdict == "mismatch"
    assert v.match is not None and v.match.figure["id"] == "canal:500#0"


def test_a_distinctive_value_said_of_the_wrong_item(index: FigureIndex) -> None:
    """Russia's 3,417 credited to Kazakhstan: the Kazakhstan figure says otherwise."""
    c = claim("Kazakhstan sent 3,417 engineers.", "3,417", 3417, "engineers")
    v = judge(c, index, KNOWN)
    assert v.verdict == "mismatch"
    assert v.match is not None and v.match.figure["id"] == "canal:500#0"


def test_a_quantity_sent_to_another_process_hashes_as_one_made_there() -> None:
    import pickle
    import subprocess
    import sys

    q = Quantity("about 9%", 9.0, unit="%", kind="percent", qualifier="approx")
    code = (
        "import pickle, sys\n"
        "from citekit.check.matching.quantity import Quantity\n"
        "q = pickle.loads(sys.stdin.buffer.read())\n"
        "made = Quantity('about 9%', 9.0, unit='%', kind='percent', qualifier='approx')\n"
        "print(q == made, hash(q) == hash(made), len({q, made}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(q), capture_output=True, check=True
    )
    assert out.stdout.decode().split() == ["True", "True", "1"]
