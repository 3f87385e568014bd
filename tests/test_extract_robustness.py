"""Extraction never breaks: arbitrary text (property test) and pathological input.

The pathological cases are sized so that a linear scan finishes in well under a second while a
quadratic one (catastrophic backtracking, re-scanning a run at every anchor) would take minutes;
they assert on behaviour, not on time.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.extract import extract_figures
from citekit.read.segment import sentences

_NUMBERISH = st.sampled_from(
    ["1,300", "3.5", "-12", "$1.2bn", "41%", "½", "1/3", "2017-10-27", "10:30", "22nd",
     "nearly", "more than", "between", "and", "to", "-", "of the", "hundreds", "a dozen",
     "three hundred and forty-two", "km", "mph", "°C", "per cent", "US$", "£", "€", " ",
     "\n\n", ".", ",", "(", ")", "June", "late", "Section", "COVID-19", "5G", "one", "half",
     "million", "bn", "m", "k", "people", "Tajik nationals", "years old", "\u00a0", "'90s"]
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_NUMBERISH, max_size=40).map(" ".join),
    st.lists(st.one_of(_NUMBERISH, st.text(max_size=5)), max_size=40).map("".join),
)


def _check(text: str) -> list:
    figures = extract_figures(text)
    json.dumps([f.to_dict() for f in figures], allow_nan=False)  # strict JSON: no NaN, no inf
    previous = -1
    for f in figures:
        assert text[f.start : f.end] == f.text
        assert f.start < f.end
        assert f.start >= previous
        previous = f.start
        assert f.sentence_start <= f.start and f.end <= len(text)
        assert f.kind in ("count", "percent", "money", "measure", "duration", "date", "year",
                          "time", "ordinal", "other")
        assert f.qualifier in ("exact", "approx", "at_least", "at_most", "more_than",
                               "less_than", "vague")
        for v in (f.value, f.low, f.high):
            assert v is None or math.isfinite(v)
    return figures


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_any_text_gives_exact_offsets(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sentences_are_ordered_spans(text: str) -> None:
    last_end = 0
    for s in sentences(text):
        assert last_end <= s.start < s.end <= len(text)
        last_end = s.end


def test_megabyte_of_digits_and_commas() -> None:
    figures = _check("9" * 1_000_000)
    assert figures == []  # far too long to be a quantity
    _check(("9" * 999 + ",") * 1_000)
    # Every comma group here is a figure, so these are smaller: what they guard against is
    # re-reading the whole chain from each comma (quadratic), which even 100 KB would expose.
    _check("1,2" * 40_000)
    _check("123,456," * 15_000)


def test_megabyte_line_without_spaces() -> None:
    _check("a" * 1_000_000)
    _check("a.b." * 250_000)
    _check("x1y2." * 200_000)
    _check("1-" * 500_000)
    _check("." * 1_000_000 + " end")


def test_deeply_repeated_qualifiers_and_connectors() -> None:
    figures = _check("more than " * 50_000 + "5 people")
    assert figures[-1].text == "more than 5" and figures[-1].qualifier == "more_than"
    _check("about " * 50_000)
    _check("between 1 and " * 20_000)
    _check("1 to " * 20_000)
    _check("hundreds of thousands of " * 20_000)
    _check("one million " * 30_000)
    _check("- " * 100_000 + "5")
    _check("$" * 100_000 + "5")
    _check(" " * 200_000 + "5" + " " * 200_000 + "km")
    _check("\n" * 100_000 + "7" + "\n \n" * 50_000)


def test_unicode_digits_and_symbols_do_not_break() -> None:
    _check("٣٤ and １２ and ² and ³⁄₄ and 5²")
    _check("\u2212" * 10 + "7 \u2013 9 \u2014 11")


# Pieces that reach every reader: huge digit runs before magnitude words, exponents, fractions,
# currencies glued and spaced, signs, ranges, suspended hyphens, years and shared units.
_HOSTILE = st.sampled_from(
    ["12345678901234567", "99999999999999999999", "1.25e16", "2e400", "×10^", "×10⁹⁹⁹", "10^-7",
     "e3", "thousand", "million", "billion", "trillion", "hundred", "mil", "bn", "M", "B", "m",
     "⁄", "1⁄32", "3/4", ".001", "1 234 567", "52 000", "RM", "$A", "$US", "S$", "$-", "minus-",
     "-to-", "up to", "or", "and", "from", "between", "per share", "a day", "km2", "m2", "Ghz",
     "μm", "m.p.h.", "second", "-year-old", "then-", "twice as", "a third-", "more", "(", ")",
     ",", ", ", "-", " ", "Highway", "Page", "of", "https://x.org/", "1950", "2150", "A.D.",
     "charging", "stations", "people", "Pro", "St", "0", "7", "42", "1,300", "4.5", "½"]
)
_HOSTILE_TEXTS = st.one_of(
    st.lists(_HOSTILE, max_size=30).map(" ".join),
    st.lists(_HOSTILE, max_size=30).map("".join),
    st.lists(st.one_of(_HOSTILE, st.text(max_size=4)), max_size=30).map("".join),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_HOSTILE_TEXTS)
def test_fuzzed_numbers_never_break_the_extractor(text: str) -> None:
    _check(text)


def test_adversarial_numbers_at_size() -> None:
    """Each input is sized so a linear scan takes well under a second (benchmarks/extraction.py
    times 4x the input against 1x); a quadratic one would take minutes."""
    _check("12345678901234567 thousand " * 4_000)
    _check("1×10^9" * 8_000)
    _check("1⁄" * 20_000 + "2")
    _check("1 234 " * 8_000)
    _check("two million and one half " * 2_500)
    _check("three-, " * 5_000 + "four-door")
    _check("RM" * 100_000 + "5")
    _check("from 1 to " * 4_000 + "2 percent")
    _check("https://x.org/" + "1/" * 100_000)
