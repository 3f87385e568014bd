"""The shortcuts attribution and the name table take give what the plain readings give.

Each fast reading is compared with the plain one on texts drawn from the pieces at the edge of
each shortcut: commas, the words that open a description, heads, the strings a new subject clause
needs, odd white space.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.cites import nametable
from citekit.cites.attribution import _SUBJECT_MARKS, _new_subject_at, _NewSubjects
from citekit.cites.nametable import _DESCRIBED_TAIL, NameTable, capitalised_names
from citekit.cites.spans import Spans, figures_by_sentence
from citekit.cites.windows import word_positions
from citekit.models import Figure
from citekit.read.segment import Segment

CHECK = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    ",", ", ", ",  ", ", a ", ", an ", ", the ", ", Britain's ", ", Kenya\u2019s ", "a", "the",
    "charity", "charities", "Charity", "union", "unions", "trusty", "group", " ", "\t", "\u00a0",
    "\x1c", "\n", "London-based", "largest", "big", "old", "new", "'s", ".", ";", "while",
    "While", "though", "although", "whereas", "Whereas", "The", "Bank", "of", "Norland",
    "Trust", "Union", "bank", "and", "for", "&", "x", "\u00e9", "3.5", "\u0130",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES), max_size=60).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)
)
HEADS = ["charity", "union", "group", "bank", "trust", "s", "a", "a ", ""]


@CHECK
@given(texts, st.sampled_from(HEADS))
def test_appositives_are_those_of_the_whole_text(text: str, head: str) -> None:
    pattern = re.compile(_DESCRIBED_TAIL[3:] + re.escape(head) + r"s?\b")
    every = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert NameTable(text).appositives(head) == every


def test_appositives_at_the_comma_before_the_head() -> None:
    text = "Unite, Britain's largest union, said so, and Open Doors, a small charity, agreed."
    table = NameTable(text)
    assert table.appositives("union") == [(5, 30)]
    assert table.appositives("charity") == [(55, 72)]
    assert table.appositives("bank") == []


@CHECK
@given(texts, st.sampled_from(["bank", "union", "of", "the", "trust", "s", "a"]))
def test_names_holding_a_word_after_any_white_space(text: str, word: str) -> None:
    every = [(at, name) for at, name in capitalised_names(text) if word in name.lower()]
    assert nametable.names_holding(text, word) == every


def test_names_holding_skips_places_in_lone_words() -> None:
    text = "the bank said.\tThe Bank of Norland and\u00a0bank\x1cBank Trust"
    assert nametable.names_holding(text, "bank") == [
        (19, "Bank of Norland"),
        (44, "Bank Trust"),
    ]


@CHECK
@given(texts, st.data())
def test_new_subjects_are_found_as_by_the_plain_search(text: str, data: st.DataObject) -> None:
    scope = _NewSubjects(text)
    scope.marks = word_positions(text, _SUBJECT_MARKS)  # the reading by the marks, as after many stretches
    n = len(text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    after = data.draw(st.integers(0, n))
    assert scope.at(start, end, after) == _new_subject_at(text, start, end, after)


def test_new_subject_after_a_clause() -> None:
    text = "The Treasury said it would spend 2.5bn, while the Bank held its rate; Prices rose."
    scope = _NewSubjects(text)
    assert scope.marks is None
    assert scope.at(0, len(text), 18) == 38
    scope.marks = word_positions(text, _SUBJECT_MARKS)
    assert scope.marks == [40, 68]
    assert scope.at(0, len(text), 18) == 38
    assert scope.at(0, len(text), 45) == 68
    assert scope.at(0, 38, 18) == 38


def _plain_figures_by_sentence(
    segs: list[Segment], figures: list[Figure], title_spans: Spans
) -> dict[int, list[int]]:
    starts = [seg.start for seg in segs]
    found: dict[int, list[int]] = {}
    for index, fig in enumerate(figures):
        at = bisect_right(starts, fig.start) - 1
        if at >= 0 and fig.start < segs[at].end and fig.is_figure and fig.start not in title_spans:
            found.setdefault(at, []).append(index)
    return found


@CHECK
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 6)), max_size=12),
    st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["count", "year"])), max_size=20),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5)), max_size=3),
)
def test_figures_by_sentence_as_by_lookup(
    gaps: list[tuple[int, int]], places: list[tuple[int, str]], titles: list[tuple[int, int]]
) -> None:
    segs, pos = [], 0
    for k, (gap, length) in enumerate(gaps):
        segs.append(Segment(pos + gap, pos + gap + length, k // 2))
        pos += gap + length
    figures = [Figure("1", at, at + 1, 1.0, kind=kind) for at, kind in places]
    spans = Spans((at, at + n, 0) for at, n in titles)
    assert figures_by_sentence(segs, figures, spans) == _plain_figures_by_sentence(
        segs, figures, spans
    )
