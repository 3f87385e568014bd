"""Paragraph and sentence spans: offsets into the original text, abbreviations kept whole."""

from __future__ import annotations

from citekit.read.segment import (
    Segment,
    iter_paragraphs,
    paragraphs,
    segment_at,
    sentences,
    split_paragraph,
)


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_paragraphs_are_blank_line_separated_and_trimmed() -> None:
    text = "  First para.\nStill first.\n\n\n  Second para. \n \n Third."
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First para.\nStill first.", "Second para.", "Third."]


def test_iter_paragraphs_streams_the_same_spans() -> None:
    text = "\n\n  One.\n\n \t\n Two. Three.\n\n\n   \n\nFour.  \n"
    spans = iter_paragraphs(text)
    assert iter(spans) is spans  # a generator: no list that grows with the text
    assert list(spans) == paragraphs(text)
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two. Three.", "Four."]
    assert list(iter_paragraphs("")) == [] and list(iter_paragraphs(" \n\n ")) == []


def test_sentence_marks_after_marks_and_at_the_start() -> None:
    # The sentence-end pattern opens with the mark and looks back after it: a run of marks is one
    # end, and a mark at the very start of the text is still found.
    assert _texts("?! Yes... No?! Maybe.") == ["?!", "Yes...", "No?!", "Maybe."]
    assert _texts("Costs rose 5. Then fell.") == ["Costs rose 5.", "Then fell."]


def test_sentences_split_on_terminal_punctuation() -> None:
    assert _texts("Prices rose. Wages fell! Why? Nobody knows\u2026 Really.") == [
        "Prices rose.", "Wages fell!", "Why?", "Nobody knows\u2026", "Really."
    ]


def test_abbreviations_initials_and_acronyms_do_not_end_sentences() -> None:
    text = ("Mr. Smith met Dr. Jones at 5 p.m. on Oct. 31 in the U.S. capital. "
            "J. K. Rowling was there, e.g. with friends. See p. 3.")
    assert _texts(text) == [
        "Mr. Smith met Dr. Jones at 5 p.m. on Oct. 31 in the U.S. capital.",
        "J. K. Rowling was there, e.g. with friends.",
        "See p. 3.",
    ]


def test_decimals_and_lowercase_continuations_stay_in_one_sentence() -> None:
    assert _texts("Growth was 2.5 per cent. it was revised. Then it fell.") == [
        "Growth was 2.5 per cent. it was revised.", "Then it fell."
    ]


def test_closing_quotes_and_brackets_belong_to_the_sentence() -> None:
    text = 'He said "it is over." (Then he left.) She stayed.'
    assert _texts(text) == ['He said "it is over."', "(Then he left.)", "She stayed."]


def test_paragraph_index_and_offsets() -> None:
    text = "One. Two.\n\nThree."
    segs = sentences(text)
    assert segs == [Segment(0, 4, 0), Segment(5, 9, 0), Segment(11, 17, 1)]


def test_segment_at_finds_the_holding_sentence() -> None:
    text = "Alpha beta. Gamma delta.\n\nEpsilon."
    segs = sentences(text)
    assert segment_at(segs, text.index("delta")) == segs[1]
    assert segment_at(segs, text.index("Epsilon")) == segs[2]
    assert segment_at(segs, text.index("\n")) is None
    assert segment_at([], 0) is None


def test_split_paragraph_matches_sentences() -> None:
    text = "A b. C d.\n\nE f."
    via_paragraphs = [
        span for start, end in paragraphs(text) for span in split_paragraph(text, start, end)
    ]
    assert via_paragraphs == [(s.start, s.end) for s in sentences(text)]


def test_empty_and_whitespace_only() -> None:
    assert sentences("") == []
    assert sentences(" \n\n \t") == []
    assert paragraphs("") == []


def test_long_runs_of_marks_and_words_stay_linear() -> None:
    # Megabyte-long runs: a quadratic splitter would take minutes here.
    assert len(sentences("5 " + "." * 1_000_000 + "x")) == 1
    assert len(sentences("a" * 1_000_000 + ". B.")) == 2
    assert len(sentences("a.b." * 250_000)) == 1
