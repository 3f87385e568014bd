"""The faster readings of reporting clauses give what the plain readings give."""

from __future__ import annotations

import random

import pytest

from citekit.cites.cues import _CUE, _cues, find_clauses, forget_clauses
from citekit.cites.lexer import TOKEN, tokens
from citekit.read.segment import sentences
from tests.test_attribution import run

CUE_TEXTS = [
    "said the minister",
    "Officials said 40 people died, saying 12 more were missing.",
    "According to the UN, 3% fell; according to its report, 4%.",
    "Citing estimates from the bank, the Trust says 5,000 homes; citing data, it added that 7 left.",
    "The ssaid and re-said figures,saying nothing: she-said, 'said' (said) \u201csaid\u201d.",
    "Insurance claims rose. The report claims 30%, he added.\nShe noted 4 cases",
    "\u00e9said X\u00e9 says\u00a0said\tsaid",
]


@pytest.mark.parametrize("text", CUE_TEXTS)
def test_cues_are_the_cue_pattern_matches(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1, 3):
            want = [(m.span(), m.group()) for m in _CUE.finditer(text, start, end)]
            got = [(m.span(), m.group()) for m in _cues(text, start, end)]
            assert got == want


def test_cues_on_random_strings() -> None:
    pieces = [
        "said",
        "says",
        " ",
        ",",
        ", adding",
        "according to",
        "Citing",
        " estimates",
        "x",
        "\n",
    ]
    rnd = random.Random(16)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 9)))
        start = rnd.randrange(len(text) + 1)
        end = rnd.randrange(start, len(text) + 1)
        want = [(m.span(), m.group()) for m in _CUE.finditer(text, start, end)]
        assert [(m.span(), m.group()) for m in _cues(text, start, end)] == want


def test_tokens_stand_where_the_token_pattern_finds_them() -> None:
    text = " The\tUN\u00a0said,\n\n3.5% of  co-op members' \u2019s x\u00d7y \u2003end "
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            want = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
            assert [(t.text, t.start, t.end) for t in tokens(text, start, end)] == want


def test_clauses_read_again_with_more_titles_known() -> None:
    text = (
        'The ministry said 40 schools closed. "Dry Taps" says 12 wells failed. '
        "According to Dry Taps, 7 villages moved."
    )
    segs = sentences(text)
    title = text.index("Dry Taps", text.index("According"))
    anchors = {title + len("Dry Taps"): title}
    forget_clauses()
    plain = find_clauses(text, segs)
    titled = find_clauses(text, segs, anchors)
    again = find_clauses(text, segs)
    forget_clauses()
    assert again == plain == find_clauses(text, segs)
    assert titled == find_clauses(text, segs, anchors)
    assert [c.cue for c in plain] == ["said", "says", "According to"]
    last = titled[-1].speaker
    assert last is not None and (last.kind, last.name) == ("work", "Dry Taps")


def test_a_body_described_once_speaks_again_by_its_noun() -> None:
    # The second appositive ("Its rival, a smaller union") follows no known name.
    text = (
        "Unite, Britain's largest union, said 4,000 members voted to strike. Its rival, a smaller "
        "union, stayed out.\n\nThe mayor said 300 people attended the rally. The union said 2,000 "
        "more joined."
    )
    got, _, parties = run(text, "4,000", "300", "2,000")
    assert got == ["party:Unite", "party:mayor", "party:Unite"]
    assert [p.name for p in parties] == ["Unite", "mayor", "union"]
