"""Figure extraction's shortcuts read exactly what the long way reads (own sentences)."""

import sys

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
