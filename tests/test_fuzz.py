"""Generated hostile inputs over the pure functions: extractor, draft readers, matcher, refs.bib
writer and key maker never raise, and what they return points at the input exactly.

A few hundred examples per target (a few thousand in all); benchmarks/fuzz.py runs the long
campaign. The texts are drawn from hostile pieces (digit runs before magnitude words, exponents,
brackets, citations, LaTeX commands, footnotes, backslashes) and arbitrary code points.
"""

from __future__ import annotations

import json
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.check.drafts import read_draft
from citekit.check.matching import Claim, FigureIndex, Quantity, judge
from citekit.extract import extract_figures
from citekit.library.bib import BibFile
from citekit.library.keys import make_key

PIECES = [
    "12345678901234567", "99999999999999999999", "1.25e16", "1.25e+16e3", "2e400", " thousand",
    " million", "bn", "\u00d710^", "3/4", "4,200", "4{,}200", "41\\%", "$", "$$", "[", "]",
    "[@a]", "[@a, p. 3; @b]", "@a", "@{a", "[^1]", "^[", "[^1]: ", "`", "``", "<sup>", "</sup>",
    "<!--", "![", "](u)", "{", "}", "\\footnote{", "\\cite{a}", "\\SI{21.1}{\\celsius}",
    "\\begin{equation}", "\\section{", "\\\\", "\\", "%", "~", "\u00e9", "\\\u00e9", "\n",
    "\n\n", "\r\n", " ", "# ", "> ", "1. ", "| 1 | 2 |", "people", "in 2021", "\u00bd", "nan",
]  # fmt: skip

hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=30).map(
    "".join
)
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(hostile)
def test_extractor_spans_and_finite_values(text: str) -> None:
    figures = extract_figures(text)
    json.dumps([f.to_dict() for f in figures], allow_nan=False)
    assert all(text[f.start : f.end] == f.text for f in figures)


@FUZZ
@given(hostile, st.sampled_from(["md", "tex", "txt"]))
def test_draft_readers_point_at_the_draft(text: str, fmt: str) -> None:
    draft = read_draft(text, fmt)
    for number in draft.numbers:
        assert draft.text[number.start : number.end] == number.text
        assert 1 <= number.line <= draft.text.count("\n") + 1


values = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from(["12", "NaN", "Infinity", "x"]),
)


@FUZZ
@given(
    hostile,
    st.lists(
        st.fixed_dictionaries(
            {"text": st.sampled_from(PIECES), "value": values, "low": values, "high": values,
             "source": st.sampled_from(["a", "b"]), "sentence": hostile,
             "kind": st.sampled_from(["count", "money", "percent", None])}
        ),
        max_size=5,
    ),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
def test_matcher_takes_any_values(sentence: str, figures: list[dict], value: float) -> None:
    claim = Claim(Quantity("12", value), sentence, 0, min(2, len(sentence)), ("a",), (1,))
    verdict = judge(claim, FigureIndex(figures), {"a", "b"})
    assert verdict.verdict
    for q in (claim.quantity, *(Quantity.of(f) for f in figures)):
        assert all(v is None or math.isfinite(v) for v in (q.value, q.low, q.high))


def test_nan_and_infinity_never_reach_matching() -> None:
    index = FigureIndex([{"text": "4,210", "value": float("inf"), "source": "a", "sentence": "x"},
                         {"text": "12", "value": "NaN", "low": 10**400, "source": "a"}])  # fmt: skip
    assert [e.quantity.value for e in index.entries] == [None, None]
    assert index.entries[1].quantity.low is None
    claim = Claim(Quantity("4,210", 4210.0), "It was 4,210 people.", 7, 12, ("a",))
    assert judge(claim, index, {"a"}).verdict != "traced"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_bib_writer_round_trip(value: str) -> None:
    bib = BibFile.parse("")
    bib.set_entry("k1", "misc", {"title": value, "note": value})
    again = BibFile.parse(bib.render())
    assert not again.failed
    got = again.fields("k1")
    for name in ("title", "note"):
        assert " ".join(got.get(name, "").split()) == " ".join(value.split())


_KEY = re.compile(r"[A-Za-z0-9_:.\-]+")


@FUZZ
@given(hostile, hostile, st.one_of(st.none(), st.integers(), st.text(max_size=6)))
def test_key_maker_gives_a_fresh_plain_key(title: str, author: str, year: object) -> None:
    taken = {f"source{y}" for y in range(1990, 2030)}
    key = make_key(title=title, year=year, author=author, taken=taken)
    assert key and key not in taken and _KEY.fullmatch(key)
