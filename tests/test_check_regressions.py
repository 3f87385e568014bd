"""Regressions of `citekit check` found by QA, each in texts of our own.

1. The same value said of another month (or the other way) does not trace a number: "rose 2.6%
   in March" against "climbed 2.7% in March after a drop of 2.6% in February" is a mismatch
   with 2.7%.
2. An exact, distinctive value of the cited source (2,318) is traced, even when a figure with
   more words in common (the magnitude 6.4 of the same earthquake) is near.
3. A verdict against the cited source does not change when unrelated sources are recorded.
4. A mismatch shows the figure the draft misquotes: transposed digits (2,381 for 2,318; £974 for
   £947) or a near value (about 1,900 for 1,744), not a word-alike figure of another magnitude.
5. A wrong value is a mismatch (82% for 28 per cent), and a right value cited to the wrong
   source is elsewhere, not unsourced.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import Quantity
from citekit.check.matching.records import Claim
from citekit.check.matching.verdicts import judge
from citekit.check.report import check_text
from citekit.library.folder import Library

# -- through the library (our own articles, extracted as citekit extracts) ---------------------

TRADE = """\
date 2024-06-05 Car exports climbed 2.7% in March after a drop of 2.6% in February, the trade \
office said.

Median monthly rent rose by £25 to £947, the housing survey found.
"""

TREMOR = """\
date 2023-04-11 At least 3,100 people have been killed after a magnitude 6.4 earthquake struck \
northern Chile and southern Peru on Sunday, officials said.

Chile's civil protection agency said 2,318 people had died in Chile alone, and more than 9,000 \
had been injured.
"""

CRANES = """\
date 2022-09-01 The census, published by the Wetland Bird Trust, estimates that 8,412 cranes now \
nest in the marshes, up from around 5,100.

Volunteers ringed 312 chicks, the Trust says.
"""

CLINIC = """\
date 2023-03-02 Mumps cases in Chile rose sharply last year, the national health agency said. \
The agency's bulletin, titled "Mumps Surveillance: Annual Report for 2022", counted 1,744 cases \
across 12 regions, up from 590 the year before.

The bulletin says children under five accounted for 41% of infections.
"""

SURVEY = """\
date 2024-02-11 Support for the ballot measure stood at 46% overall, according to the poll.

Among those aged over 65, support for the measure reached 28 per cent. Just 7% named it their \
main issue.
"""

RELIEF = """\
date 2023-08-20 Donors have pledged $3.7bn for the region, against an appeal of $5.1bn.
"""

SOURCES = {
    "trade": TRADE,
    "tremor": TREMOR,
    "cranes": CRANES,
    "clinic": CLINIC,
    "survey": SURVEY,
    "relief": RELIEF,
}

# draft line, number's text, verdict, source key, source figure's text, transposed
CASES = [
    ("Car exports rose 2.6% in March [@trade].", "2.6%", "mismatch", "trade", "2.7%", False),
    ("Car exports rose 2.7% in March [@trade].", "2.7%", "traced", "trade", "2.7%", False),
    ("Car exports fell 2.6% in February [@trade].", "2.6%", "traced", "trade", "2.6%", False),
    (
        "The quake killed 2,318 people in Chile [@tremor].",
        "2,318",
        "traced",
        "tremor",
        "2,318",
        False,
    ),
    (
        "The earthquake in northern Chile killed 2,381 people in Chile alone, according to the "
        "agency [@tremor].",
        "2,381",
        "mismatch",
        "tremor",
        "2,318",
        True,
    ),
    ("Median monthly rent rose to £974 [@trade].", "£974", "mismatch", "trade", "£947", True),
    (
        "The number of cranes rose from around 5,100 [@cranes].",
        "around 5,100",
        "traced",
        "cranes",
        "around 5,100",
        False,
    ),
    (
        "Chile counted about 1,900 mumps cases last year [@clinic].",
        "about 1,900",
        "mismatch",
        "clinic",
        "1,744",
        False,
    ),
    (
        "The poll found support for the measure among older voters at 82% [@survey].",
        "82%",
        "mismatch",
        "survey",
        "28 per cent",
        True,
    ),
    (
        "Donors pledged $3.7bn for West Africa [@tremor].",
        "$3.7bn",
        "elsewhere",
        "relief",
        "$3.7bn",
        False,
    ),
    ("Donors pledged $3.7bn for West Africa.", "$3.7bn", "elsewhere", "relief", "$3.7bn", False),
]


def _library(root: Path, keys: list[str]) -> Library:
    lib = Library(root / "lib")
    for key in keys:
        path = root / f"{key}.txt"
        path.write_text(SOURCES[key], encoding="utf-8")
        lib.add([path], key=key)
    return lib


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return _library(tmp_path_factory.mktemp("full"), list(SOURCES))


def _result(lib: Library, line: str, text: str) -> Any:
    report = check_text(line, "md", lib.figures(), lib.keys())
    hits = [r for r in report.results if r.number.text == text]
    assert len(hits) == 1, [r.number.text for r in report.results]
    return hits[0]


@pytest.mark.parametrize(
    ("line", "text", "verdict", "source", "source_text", "swapped"),
    CASES,
    ids=[c[0][:40] for c in CASES],
)
def test_verdict_and_the_figure_shown(
    full: Library,
    line: str,
    text: str,
    verdict: str,
    source: str,
    source_text: str,
    swapped: bool,
) -> None:
    r = _result(full, line, text)
    assert r.verdict.verdict == verdict, (r.verdict, r.figure)
    assert r.figure is not None
    assert (r.figure["source"], r.figure["text"]) == (source, source_text)
    assert r.verdict.transposed is swapped


def test_same_value_of_another_month_names_the_figure_it_was_said_of(full: Library) -> None:
    r = _result(full, "Car exports rose 2.6% in March [@trade].", "2.6%")
    assert "said of something else" in (r.verdict.note or "")
    assert [a["text"] for a in r.verdict.also][:1] == ["2.6%"]


@pytest.mark.parametrize(
    ("line", "text", "key"),
    [(c[0], c[1], c[3]) for c in CASES if c[2] in ("traced", "mismatch")],
    ids=[c[0][:40] for c in CASES if c[2] in ("traced", "mismatch")],
)
def test_verdict_does_not_depend_on_unrelated_sources(
    full: Library, tmp_path: Path, line: str, text: str, key: str
) -> None:
    alone = _library(tmp_path, [key])
    a, b = _result(alone, line, text), _result(full, line, text)
    assert a.verdict.verdict == b.verdict.verdict
    assert a.figure is not None and b.figure is not None
    assert a.figure["text"] == b.figure["text"]


# -- pure: hand-built records, so extraction changes cannot move these ------------------------


def fig(source: str, sentence: str, text: str, value: float, **kw: Any) -> dict[str, Any]:
    pos = sentence.index(text)
    return {
        "id": f"{source}:{text}",
        "source": source,
        "text": text,
        "value": value,
        "low": None,
        "high": None,
        "unit": kw.get("unit"),
        "kind": kw.get("kind", "count"),
        "qualifier": kw.get("qualifier", "exact"),
        "start": 500 + pos,
        "end": 500 + pos + len(text),
        "sentence": sentence,
        "sentence_start": 500,
        "attributed_to": None,
        "attributed_party": None,
    }


SALES = "Book sales jumped 5.2% in May after a fall of 5.1% in April, the publishers said."
QUAKE = (
    "At least 3,100 people were killed after a magnitude 6.4 quake struck Chile, officials said."
)
AGENCY = "The agency said 2,318 people had died in Chile alone."
BIRDS = "The census estimates that 8,412 cranes now nest in the marshes, up from around 5,100."
WAGES = "Average hourly pay rose by £2 to £13.72."

FIGURES = [
    fig("sales", SALES, "5.2%", 5.2, unit="%", kind="percent"),
    fig("sales", SALES, "5.1%", 5.1, unit="%", kind="percent"),
    fig("tremor", QUAKE, "At least 3,100", 3100, unit="people", qualifier="at_least"),
    # read as a count of tremors, as extraction once did
    fig("tremor", QUAKE, "6.4", 6.4, unit="quake"),
    fig("tremor", AGENCY, "2,318", 2318, unit="people"),
    fig("birds", BIRDS, "8,412", 8412, unit="cranes"),
    fig("birds", BIRDS, "around 5,100", 5100, qualifier="approx"),
    fig("wages", WAGES, "£2", 2, unit="GBP", kind="money"),
    fig("wages", WAGES, "£13.72", 13.72, unit="GBP", kind="money"),
]
KNOWN = frozenset({"sales", "tremor", "birds", "wages", "other"})


def claim(sentence: str, text: str, value: float, cited: str, **kw: Any) -> Claim:
    start = sentence.index(text)
    q = Quantity(
        text,
        value,
        unit=kw.get("unit"),
        kind=kw.get("kind", "count"),
        qualifier=kw.get("qualifier", "exact"),
    )
    return Claim(q, sentence, start, start + len(text), (cited,) if cited else ())


def test_pure_same_value_said_the_other_way_is_a_mismatch() -> None:
    c = claim("Book sales rose 5.1% in May.", "5.1%", 5.1, "sales", unit="%", kind="percent")
    v = judge(c, FigureIndex(FIGURES), KNOWN)
    assert v.verdict == "mismatch"
    assert v.match is not None and v.match.figure["text"] == "5.2%"


def test_pure_exact_distinctive_value_beats_a_word_alike_figure() -> None:
    c = claim("The quake killed 2,318 people in Chile.", "2,318", 2318, "tremor")
    v = judge(c, FigureIndex(FIGURES), KNOWN)
    assert v.verdict == "traced"
    assert v.match is not None and v.match.figure["text"] == "2,318"


def test_pure_transposed_value_is_compared_with_its_own_figure() -> None:
    c = claim("The quake killed 2,381 people in Chile alone.", "2,381", 2381, "tremor")
    v = judge(c, FigureIndex(FIGURES), KNOWN)
    assert v.verdict == "mismatch" and v.transposed
    assert v.match is not None and v.match.figure["text"] == "2,318"
    c = claim(
        "Average hourly pay rose to £13.27.", "£13.27", 13.27, "wages", unit="GBP", kind="money"
    )
    v = judge(c, FigureIndex(FIGURES), KNOWN)
    assert v.verdict == "mismatch" and v.transposed
    assert v.match is not None and v.match.figure["text"] == "£13.72"


def _noise(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Unrelated sources whose sentences share the draft's common words, not its figures."""
    rng = random.Random(seed)
    words = "number rose from around cranes marshes census nest estimates wild".split()
    out = []
    for i in range(n):
        sentence = (
            f"The {rng.choice(words)} of {rng.choice(words)} was {100 + i} in {rng.choice(words)}."
        )
        out.append(fig(f"noise{i}", sentence, str(100 + i), 100 + i))
    return out


def test_pure_verdict_does_not_depend_on_unrelated_sources() -> None:
    c = claim(
        "The number of cranes rose from around 5,100.",
        "around 5,100",
        5100,
        "birds",
        qualifier="approx",
    )
    noise = _noise(400)
    alone = judge(c, FigureIndex(FIGURES), KNOWN)
    crowded = judge(c, FigureIndex(FIGURES + noise), KNOWN | {f["source"] for f in noise})
    assert alone.verdict == crowded.verdict == "traced"
    assert alone.match is not None and crowded.match is not None
    assert alone.match.figure["id"] == crowded.match.figure["id"] == "birds:around 5,100"


def test_pure_a_change_the_same_way_alone_makes_no_figure_the_same_thing() -> None:
    """'Earnings rose by 45%' is no mismatch with book sales that jumped 5.2%."""
    c = claim("Earnings rose by 45% this year.", "45%", 45, "sales", unit="%", kind="percent")
    assert judge(c, FigureIndex(FIGURES), KNOWN).verdict == "unsourced"
