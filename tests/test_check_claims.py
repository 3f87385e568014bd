"""Our own development set for `citekit check` (tests/data/check_claims.json): short sources and
claims we wrote, each number with the verdict a fact-checker wants. Names with numbers (an event,
an index, a glued company name, cased and lower-cased), ages, scores, ranges, rounding, units.

A `null` verdict: check must not report the number at all. A name that extraction recognises in
the draft ("the FTSE 100", "4Bridge Partners") is no quantity to check; a number it cannot tell
from a quantity (a lower-cased "the ftse 100") is traced as the name the cited source writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citekit.check.matching import FigureIndex, Verdict
from citekit.check.matching.literal import traced_as_name
from citekit.check.report import check_text, claim_of
from citekit.library.folder import Library

DATA = json.loads((Path(__file__).parent / "data" / "check_claims.json").read_text("utf-8"))
CLAIMS = DATA["claims"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("claims")
    lib = Library(root / "lib")
    for key, text in DATA["sources"].items():
        path = root / f"{key}.txt"
        path.write_text(text, encoding="utf-8")
        lib.add([path], key=key)
    return lib


def test_the_set_is_large_enough() -> None:
    numbers = [n for c in CLAIMS for n in c["numbers"]]
    assert len(CLAIMS) >= 40
    assert {v for _, v in numbers} == {"traced", "mismatch", "elsewhere", "unsourced", None}


@pytest.mark.parametrize("claim", CLAIMS, ids=[c["draft"][:48] for c in CLAIMS])
def test_exact_verdicts(library: Library, claim: dict[str, Any]) -> None:
    report = check_text(claim["draft"], "md", library.figures(), library.keys())
    got = [(r.number.text, r.verdict.verdict) for r in report.results]
    assert got == [(t, v) for t, v in claim["numbers"] if v is not None]
    texts = " ".join(r.number.text for r in report.results)
    for text, verdict in claim["numbers"]:
        if verdict is None:
            assert text not in texts.split()


def _one(library: Library, draft: str, text: str) -> Any:
    report = check_text(draft, "md", library.figures(), library.keys())
    hits = [r for r in report.results if r.number.text == text]
    assert len(hits) == 1
    return hits[0]


def test_a_lower_cased_name_is_traced_verbatim_not_weakly(library: Library) -> None:
    # Words in common trace it first, as the numeral written as text; with none in common, the
    # name written verbatim still does.
    r = _one(library, "the ftse 100 fell 1.4% on friday [@markets].", "100")
    assert r.verdict.verdict == "traced"
    claim = claim_of(r.number)
    index = FigureIndex(library.figures())
    v = traced_as_name(claim, index, Verdict("unsourced"))
    assert (v.verdict, v.weak, v.note) == (
        "traced",
        False,
        "a name, not a quantity: markets names 'FTSE 100'",
    )
    assert traced_as_name(claim, index, Verdict("mismatch")).verdict == "traced"


def test_a_short_form_of_a_name_is_a_weaker_match_saying_so(library: Library) -> None:
    r = _one(
        library, "Lenz was the first woman to win the 400, organisers said [@speedway].", "400"
    )
    assert r.verdict.weak is True
    assert r.verdict.because.startswith("speedway names 'City 400'; the draft's '400' reads as")


def test_a_bare_number_with_a_counted_noun_is_no_short_form(library: Library) -> None:
    r = _one(library, "Lenz passed the 400 cars of the field [@speedway].", "400")
    assert r.verdict.verdict == "unsourced"


def test_a_labelled_age_field_is_an_age(library: Library) -> None:
    ages = [f for f in library.figures() if f["source"] == "match" and f["text"] == "29"]
    assert [(f["unit"], f["kind"]) for f in ages] == [("years of age", "duration")]
