"""The cheap tests that let cited-work detection skip most of a text give what reading all of it gives.

Each fast reading is compared with the plain one on texts drawn from the pieces that sit at the
edge of each test: work nouns and the verbs that introduce titles, long white space, characters
whose case folds oddly, words in capitals, glue words and possessives.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.cites import mentions, nametable, titles, titlescan
from citekit.cites.lexer import tokens
from citekit.cites.nametable import capitalised_names
from citekit.cites.nounscan import WorkNouns
from citekit.cites.phrases import noun_phrase_ending
from citekit.cites.titles import _capital_runs, _named_genre_titles, _runs_in
from citekit.cites.titlescan import _INTRO, _INTRO_WIDE, introductions
from citekit.cites.vocabulary import WINDOW, WORK_NOUN_ALTERNATION
from citekit.cites.windows import finditer_within, folded, windows, word_positions
from citekit.read.segment import paragraphs, sentences

PIECES = [
    "report", "Report", "REPORT", "study", "survey", "assessment", "books", "index", " ", "  ",
    " " * 120, "\n", "\n\n", ",", ".", ":", '"', "\u201c", "\u201d", "titled", "TITLED",
    "entitled", "enTitled", "called", "CALLED", "dubbed", "calledubbed", "t\u0130tled",
    "t\u0131tled", "by", "from", "which", "is", "was", " the ", "The", "of", "for", "and", "on",
    "&", "'s", "\u2019s", "-", "x", "Dry", "DRY", "TAPS", "US", "U.S.", "NATO", "\u00c9TAT",
    "\u00e9", "3.5", "2024", "(", ")", "Bank", "New", "York", "said", "a", "\u2013", "\u00d7",
]  # fmt: skip

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="aAtT dI\u0130\u0131.,-", max_size=3)),
    max_size=60,
).map("".join)
CHECK = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _as_tuples(matches: list[re.Match[str]]) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@CHECK
@given(texts)
def test_introductions_are_those_of_the_whole_text(text: str) -> None:
    whole = [*_INTRO.finditer(text), *_INTRO_WIDE.finditer(text)]
    assert _as_tuples(introductions(text)) == _as_tuples(whole)


def test_introductions_past_long_white_space_and_odd_cases() -> None:
    text = (
        "The report" + " " * 300 + "titled Dry Taps. A study, published by the Meridian Trust"
        " in its yearbook and titled \u201cLow Water\u201d. The \u0130NDEX called DRY SEASON."
    )
    found = [(m.group("noun"), m.group("verb")) for m in introductions(text)]
    assert found == [("report", "titled"), ("\u0130NDEX", "called"), ("study", "titled")]
    assert _as_tuples(introductions(text)) == _as_tuples(
        [*_INTRO.finditer(text), *_INTRO_WIDE.finditer(text)]
    )


def test_folded_keeps_every_place() -> None:
    assert folded("\u0130stanbul \u017fTUDY Kelvin\u212a") == "istanbul study kelvink"
    assert word_positions("called recalled", ["called"]) == [0, 9]
    assert windows("ab  cd titled", [(7, 13)], 3) == [(0, 14)]


def test_finditer_within_is_finditer_where_anchors_are() -> None:
    pattern = re.compile(r"\bab+c\b")
    text = "abbc xx abc abcd abbbc"
    spans = windows(text, [(m.start(), m.end()) for m in re.finditer("c", text)], 5)
    assert _as_tuples(finditer_within(pattern, text, spans)) == _as_tuples(
        list(pattern.finditer(text))
    )


@CHECK
@given(texts)
def test_capital_runs_skip_only_paragraphs_without_them(text: str) -> None:
    paras = paragraphs(text)
    assert _capital_runs(text, paras) == _runs_in(text, paras)


def test_capital_runs_need_two_words_one_long() -> None:
    text = "The US and UK met.\n\nNATO said so.\n\n(DRY TAPS) AHEAD came.\n\nU.S. GDP rose."
    runs = [text[a:b] for a, b in _capital_runs(text, paragraphs(text))]
    assert runs == ["DRY TAPS"]  # "U.S" ends at its full stop: one word


@CHECK
@given(texts)
def test_capitalised_names_skip_only_what_opens_no_run(text: str) -> None:
    fast = capitalised_names(text)
    skip = nametable._NOT_CAPITALISED
    nametable._NOT_CAPITALISED = re.compile("")  # read every token one by one
    try:
        assert fast == capitalised_names(text)
    finally:
        nametable._NOT_CAPITALISED = skip


def test_capitalised_names_past_lone_capitals() -> None:
    text = "He said the Bank of the North and The Fund's report. It rose; Smith & co left."
    assert capitalised_names(text) == [(12, "Bank of the North"), (text.index("Smith"), "Smith &")]


GENRE_PIECES = [
    "the", "The", "its", "Global", "GLOBAL", "Peace", "Index", "INDEX", "index", "Report",
    "report", "Outlook", "survey", "Findex", "Roll", "Xeport", "\u00c9tat", "2024", "of", "for",
    "World Bank", "Okoro and Lindqvist", " ", "  ", "\n", ". ", "\n\n", ",", "'s", "\u2019s",
    "Trust", "Price", "rose", "by", "\u212aelvin", "\u017ftudy", "\u0130ndex", "_x", "9Z",
]  # fmt: skip

genre_texts = st.lists(
    st.one_of(st.sampled_from(GENRE_PIECES), st.sampled_from(PIECES)), max_size=50
).map(" ".join)


@CHECK
@given(genre_texts)
def test_genre_titles_skip_only_sentences_without_them(text: str) -> None:
    segs = sentences(text)
    found = [(c.start, c.end, c.work_type) for c in _named_genre_titles(text, segs)]
    kept = titlescan.genre_sentences(text, segs)
    asked = [s for s in segs if titlescan._GENRE_OR_WORK.search(text, s.start, s.end)]
    assert kept == asked
    titles.genre_sentences = lambda _text, _segs: asked
    try:
        assert found == [(c.start, c.end, c.work_type) for c in _named_genre_titles(text, segs)]
    finally:
        titles.genre_sentences = titlescan.genre_sentences


def test_genre_titles_found_in_the_sentences_kept() -> None:
    text = "Rain fell. It topped the Global Peace Index. See the World Bank Global Findex survey."
    segs = sentences(text)
    assert [text[s.start : s.end] for s in titlescan.genre_sentences(text, segs)] == [
        "It topped the Global Peace Index.",
        "See the World Bank Global Findex survey.",
    ]
    found = [text[c.start : c.end] for c in _named_genre_titles(text, segs)]
    assert found == ["Global Peace Index", "World Bank Global Findex"]


PHRASE_PIECES = [
    "the", "The", "a", "an", "its", "Its", "their", "of", "for", "on", "and", "&", "la", "report",
    "reports", "study", "survey", "Meridian", "Trust's", "Trust\u2019s", "Bank", "annual", "new",
    "2024", ",", "(", "-", "self-report", "Besides", "said", "in", "UN", "water", "group",
]  # fmt: skip

phrase_texts = st.lists(st.sampled_from(PHRASE_PIECES), max_size=40).map(" ".join)


@CHECK
@given(phrase_texts)
def test_mention_phrases_read_from_the_near_tokens(text: str) -> None:
    for _, end in WorkNouns.of(text).whole_words():
        near = mentions.phrase_tokens(text, 0, end)
        whole = tokens(text, max(0, end - WINDOW), end)
        assert noun_phrase_ending(text, near, len(near) - 1, 0) == noun_phrase_ending(
            text, whole, len(whole) - 1, 0
        )


@CHECK
@given(
    st.lists(
        st.sampled_from([*PHRASE_PIECES, "briefing", "briefings", "_", "x", "9"]), max_size=30
    ).map("".join)
)
def test_work_nouns_as_whole_words(text: str) -> None:
    plain = re.compile(rf"\b(?:{WORK_NOUN_ALTERNATION})\b")
    assert WorkNouns.of(text).whole_words() == [m.span() for m in plain.finditer(text)]


NAME_PIECES = [
    "Central", "Bank", "of", "Norland", "the", "Authority", "Transit", "Union", "General",
    "Workers", "for", "BANK", "\u0130stanbul", "\u0391\u03a3", "Trust", "and", ",", ". ", "said",
    "Ministry", "Interior", "Fund", "UNION", "bank",
]  # fmt: skip


@CHECK
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=40).map(" ".join))
def test_names_by_head_are_those_of_the_whole_index(text: str) -> None:
    table = nametable.NameTable(text)
    every: dict[str, list[tuple[int, str]]] = {}
    for at, name in table.names:
        every.setdefault(nametable.name_head(name), []).append((at, name))
    for head in [*every, "bank", "union", "σ", ""]:
        ats, names, ordered = table._by_head(head)
        assert list(zip(ats, names, strict=True)) == every.get(head, [])
        assert ordered.values == names


holding_texts = st.lists(
    st.one_of(
        st.sampled_from(NAME_PIECES), st.sampled_from(PIECES), st.sampled_from(["'s", "THE", "Of"])
    ),
    max_size=80,
).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))


@CHECK
@given(holding_texts, st.sampled_from(["bank", "union", "of", "the", "i", "s", "authority", "k"]))
def test_names_holding_a_word_are_read_around_it(text: str, word: str) -> None:
    every = [(at, name) for at, name in capitalised_names(text) if word in name.lower()]
    assert nametable.names_holding(text, word) == every


def test_names_holding_far_from_any_break() -> None:
    text = "x" + " Grand" * 60 + " Bank said. The bank"
    names = capitalised_names(text)
    assert nametable.names_holding(text, "bank") == names == [(2, text[2 : text.index(" said")])]
