"""Figure extraction's shortcuts read exactly what the long way reads (own sentences)."""

import sys

import pytest

from citekit.extract import extract_figures
from citekit.extract.scanner import LONG_LOWER, _anchor_positions, scan_paragraph, text_anchors
from citekit.read.segment import paragraphs

_TEXT = (
    "Some 2,100 nurses left in 2019, up from Three hundred.\n\n"
    "No numbers in this one at all.\n\n"
    "  (Forty-two) of the 'nineties' and the '90s; rock'n'roll 2 and ½ of ten-fold tHree.\n\n"
    "Séventy déten twenty_one 5km x4 www.a1.com/9 end"
)


def test_only_one_character_lower_cases_longer():
    longer = [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1]
    assert longer == [LONG_LOWER]


def test_text_anchors_are_each_paragraphs_anchors():
    anchors = text_anchors(_TEXT)
    for lo, hi in paragraphs(_TEXT):
        assert [a for a in anchors if lo <= a < hi] == _anchor_positions(_TEXT, lo, hi)
    assert all(any(lo <= a < hi for lo, hi in paragraphs(_TEXT)) for a in anchors)


def test_a_paragraph_with_a_long_lower_case_is_read_on_its_own():
    text = "\u0130stanbul built 3 bridges and tHree towers.\n\nThe other 12 towns had five."
    figures = extract_figures(text)
    expected = [
        (q.start, q.end, q.value, q.unit)
        for lo, hi in paragraphs(text)
        for q in scan_paragraph(text, lo, hi)
    ]
    assert [(f.start, f.end, f.value, f.unit) for f in figures] == expected
    assert [f.text for f in figures] == ["3", "12", "five"]
    assert figures[0].unit == "bridges"


def test_paragraphs_without_numbers_give_nothing_and_keep_indices():
    text = "Nothing here.\n\nStill nothing.\n\nThen 40 people came."
    [figure] = extract_figures(text)
    assert (figure.text, figure.value, figure.unit, figure.paragraph) == ("40", 40.0, "people", 2)


# Sentences that reach each cheap test made before a pattern (the newline a pattern's "$" may
# stand before, the shapes of dates, times, phone numbers, addresses, model numbers, list
# markers, compounds, currencies, signs, qualifiers, counted nouns and age groups), with what
# the extractor reads in them: (text, value, low, high, unit, kind, qualifier) per figure.
_READINGS = [
    (
        "Shares ranged between \n5 and 10 per cent.",
        [("between \n5 and 10 per cent", None, 5.0, 10.0, "%", "percent", "exact")],
    ),
    (
        "He paid Rs. 5 and usd 7 for it.",
        [
            ("Rs. 5", 5.0, None, None, "INR", "money", "exact"),
            ("7", 7.0, None, None, None, "count", "exact"),
        ],
    ),
    ("She said 5 people came.", [("5", 5.0, None, None, "people", "count", "exact")]),
    (
        "It was due on 19.4.2020 at 9.45 pm.",
        [
            ("19.4.2020", None, None, None, None, "date", "exact"),
            ("9.45 pm", None, None, None, None, "time", "exact"),
        ],
    ),
    (
        "Prices rose 19.4% to 708.5 points.",
        [
            ("19.4%", 19.4, None, None, "%", "percent", "exact"),
            ("708.5", 708.5, None, None, "points", "count", "exact"),
        ],
    ),
    ("Call +44 20 7946 0958 or 123.4567 today.", []),
    ("Account 1111-2222-3333 was closed.", []),
    ("They live at 221 W 34th St now.", [("34th", None, None, None, None, "ordinal", "exact")]),
    ("It flies every 737 and A321 jet.", []),
    ("The shop at 14-16 Harbour Road closed.", []),
    ("1 ) explains the rest.", []),
    (
        "They bought a three-bedroom flat.",
        [("three-bedroom", 3.0, None, None, "bedroom", "count", "exact")],
    ),
    ("A magnitude 7.8 quake hit.", [("7.8", 7.8, None, None, "magnitude", "measure", "exact")]),
    (
        "Tom Reyes, 52, was named coach.",
        [("52", 52.0, None, None, "years of age", "duration", "exact")],
    ),
    (
        "It fell to minus 14 degrees.",
        [("minus 14 degrees", -14.0, None, None, "°", "measure", "exact")],
    ),
    ("The margin was ±2.5% either way.", [("±2.5%", 2.5, None, None, "%", "percent", "exact")]),
    ("About 50 or more came.", [("About 50 or more", 50.0, None, None, None, "count", "at_least")]),
    (
        "Some 40 crew members and 12 police officers left.",
        [
            ("Some 40", 40.0, None, None, "crew members", "count", "approx"),
            ("12", 12.0, None, None, "police officers", "count", "exact"),
        ],
    ),
    (
        "Hundreds of volunteers and 30 of the 200 staff came.",
        [
            ("Hundreds", None, 100.0, 1000.0, "volunteers", "count", "vague"),
            ("30", 30.0, None, None, "staff", "count", "exact"),
            ("200", 200.0, None, None, "staff", "count", "exact"),
        ],
    ),
    ("It rose to nearly .75 of the total.", [(".75", 0.75, None, None, None, "other", "exact")]),
    (
        "Free for children under 5 and people over 65.",
        [
            ("under 5", 5.0, None, None, "years of age", "duration", "less_than"),
            ("over 65", 65.0, None, None, "years of age", "duration", "more_than"),
        ],
    ),
    (
        "He won 3-1 and they scored 12 goals.",
        [
            ("3", 3.0, None, None, None, "count", "exact"),
            ("1", 1.0, None, None, None, "count", "exact"),
            ("12", 12.0, None, None, "goals", "count", "exact"),
        ],
    ),
    (
        "Aged 18 to 34, 4,000 people voted.",
        [
            ("18 to 34", None, 18.0, 34.0, "years of age", "duration", "exact"),
            ("4,000", 4000.0, None, None, "people", "count", "exact"),
        ],
    ),
    (
        "It cost $1.23 a share, up from 95 cents.",
        [
            ("$1.23 a share", 1.23, None, None, "USD per share", "money", "exact"),
            ("95 cents", 95.0, None, None, "cents", "money", "exact"),
        ],
    ),
    (
        "The 10-year Treasury fell 5 basis points.",
        [("5 basis points", 5.0, None, None, "basis points", "percent", "exact")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), _READINGS)
def test_cheap_tests_keep_every_reading(text, expected):
    got = [
        (f.text, f.value, f.low, f.high, f.unit, f.kind, f.qualifier) for f in extract_figures(text)
    ]
    assert got == expected


def test_text_anchors_match_the_paragraph_scan_on_mixed_words():
    import random

    rng = random.Random(7)
    pieces = [
        "one", "two", "ten", "tens", "hundred", "Three", "THREE", "x", "\u00e9", "_", "1",
        "twenty-one", "half", "a", "quarter", "twice", "tenfold", " ", ".", ",", "-", "'",
        "\u2019", "\u00a0", "\u212a", "\u017f",
    ]  # fmt: skip
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 12))
        ).strip()
        if text:
            assert text_anchors(text) == _anchor_positions(text, 0, len(text)), text
