"""Shortcuts taken for speed read exactly what the long way reads (own sentences)."""

import json

from citekit.cites.nametable import capitalised_names
from citekit.cites.titlecase import is_capitals
from citekit.cites.titles import _capital_runs
from citekit.cli.base import indented_json


def test_is_capitals_ascii_and_beyond():
    assert is_capitals("UN")
    assert is_capitals("U.N.")
    assert is_capitals("COVID-19")
    assert not is_capitals("G7")  # one letter is not enough to tell
    assert not is_capitals("Ab")
    assert not is_capitals("12")
    assert not is_capitals("")
    assert is_capitals("ÉTAT")
    assert not is_capitals("État")


def test_capital_runs_only_where_capitals_stand():
    text = "Nothing shouts here.\n\nThe group released DRY TAPS AHEAD last week."
    paras = [(0, 20), (22, len(text))]
    runs = _capital_runs(text, paras)
    assert [text[a:b] for a, b in runs] == ["DRY TAPS AHEAD"]


def test_capitalised_names_glue_possessives_and_leads():
    text = (
        "The Office for the Coordination of Relief met. Rowan Bank's chief spoke to the "
        "Harbour Authority and the Western Gas Authority in March."
    )
    assert capitalised_names(text) == [
        (4, "Office for the Coordination of Relief"),
        (79, "Harbour Authority"),
        (105, "Western Gas Authority"),
    ]


def test_indented_json_matches_the_standard_library():
    data = [
        {"a": 'x\u00e9"', "b": None, "c": 3, "d": 2.5, "e": True, "f": [], "g": {"h": [1, "2"]}}
    ]
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_genre_titles_found_only_where_a_genre_word_stands():
    from citekit.cites.titles import _named_genre_titles
    from citekit.read.segment import sentences

    text = (
        "The Lakeside Trust met in June. Its Coastal Housing Survey found rents rose. "
        "The Northgate Water Atlas was cited. Nobody read the Harbour Ledger."
    )
    found = _named_genre_titles(text, sentences(text))
    assert [(text[c.start : c.end], c.work_type) for c in found] == [
        ("Coastal Housing Survey", "survey"),
        ("Northgate Water Atlas", "report"),
    ]


def _attributed(text: str) -> list[tuple[str, str | None]]:
    from citekit.cites.analysis import analyse
    from citekit.read.ingest import Document

    result = analyse(Document(text=text, metadata={}))
    return [
        (f.text, a.party if a else None)
        for f, a in zip(result.figures, result.attributions, strict=True)
        if f.is_figure
    ]


def test_speech_after_a_closing_speaker_runs_on_or_stops():
    # read lazily now: the subject of the next sentence decides only where it can
    went_on = (
        '"We ringed 4,500 swifts," said Mara Quist, a warden at the reserve. '
        "She said another 2,000 had flown south."
    )
    stopped = (
        '"We ringed 4,500 swifts," said Mara Quist, a warden at the reserve. '
        "The council plans 30 new hides."
    )
    assert _attributed(went_on) == [("4,500", "Mara Quist"), ("2,000", "Mara Quist")]
    assert _attributed(stopped) == [("4,500", "Mara Quist"), ("30", None)]


def test_indented_json_edge_values_match_the_standard_library():
    data = {
        "empty": [{}, [], ""],
        "numbers": [0, -0.0, 1e300, 2**70, float("nan"), float("inf"), -float("inf")],
        "nested": {"a": {"b": [{"c": None}]}, "d": (1, 2)},
        "text": 'line\nbreak \u2028 \x00 \\ "quoted"',
    }
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)
    assert indented_json({1: "int key"}) == json.dumps({1: "int key"}, indent=2)


def test_sentences_of_a_long_text_are_split_once_and_handed_out_fresh():
    from citekit.read import segment

    text = "A first sentence. A second one follows.\n\n" * 400  # over the length that is kept
    first = segment.sentences(text)
    first.append(segment.Segment(0, 1, 0))  # a caller's own list: the next one is untouched
    again = segment.sentences(text)
    assert len(again) == 800 and again == first[:800]
    short = text[:2009]  # a short look aside (whole sentences) keeps the long text's split
    assert segment.sentences(short) == [s for s in again if s.end <= len(short)]
    assert segment._last_sentences is not None and segment._last_sentences[0] is text


def test_segment_at_finds_the_segment_holding_an_offset():
    from citekit.read.segment import Segment, segment_at

    segs = [Segment(0, 5, 0), Segment(6, 10, 0), Segment(12, 20, 1)]
    assert [segment_at(segs, i) for i in (0, 4, 5, 6, 9, 10, 11, 12, 19, 20, -1)] == [
        segs[0], segs[0], None, segs[1], segs[1], None, None, segs[2], segs[2], None, None,
    ]  # fmt: skip
    assert segment_at([], 3) is None


def test_units_of_several_words_and_of_one_are_found_alike():
    from citekit.extract import extract_figures

    text = (
        "It covers 5 sq km and 40 sq. km, rose 3 percentage points, cut 25 basis points, "
        "cost 10 Swiss francs, fell 2 per cent, weighs 5 kg, ran 40 mph and took 3 years."
    )
    assert [(f.text, f.unit) for f in extract_figures(text)] == [
        ("5 sq km", "km²"),
        ("40 sq. km", "km²"),
        ("3 percentage points", "percentage points"),
        ("25 basis points", "basis points"),
        ("10 Swiss francs", "CHF"),
        ("2 per cent", "%"),
        ("5 kg", "kg"),
        ("40 mph", "mph"),
        ("3 years", "years"),
    ]


def test_described_as_reads_what_the_whole_text_pattern_reads():
    import re

    from citekit.cites.nametable import _DESCRIBED_TAIL, NameTable

    text = (
        "Unite, Britain's largest union, said 5%. Oxfam , a charity, and Aid.Now, a small "
        "charity. charity.Next, a charity  ,  the union. (Crew), a union. GMB, a union of "
        "workers, said so."
    )
    long_way = re.compile(r"([\w\u00c0-\u024f&.\-]+)" + _DESCRIBED_TAIL + r"union" + r"s?\b")
    expected = [(m.end(), m.group(1)) for m in long_way.finditer(text)]
    found = NameTable(text).described_as("union")
    assert list(zip(found.ends, found.values, strict=True)) == expected
    assert [v for _, v in expected] == ["Unite", "charity", "GMB"]
    charity = NameTable(text).described_as("charity")
    assert charity.values == ["Oxfam", "Aid.Now", "charity.Next"]
    # A match may end inside the word before the next comma: the rest of that word is read.
    text = "Ann, a charity.Bob, a charity."
    assert NameTable(text).described_as("charity").values == ["Ann", ".Bob"]


def test_capitalised_names_past_lower_case_digits_and_punctuation():
    text = (
        'iPhone makers (Apple Inc) met "The Bank of England" and the Fund. 3.5 Crore & Co said; '
        "\u00c9cole Normale Sup\u00e9rieure, x_Y Ltd."
    )
    assert capitalised_names(text) == [
        (15, "Apple Inc"),
        (35, "Bank of England"),
        (70, "Crore & Co"),
        (87, "\u00c9cole Normale Sup\u00e9rieure"),
    ]


def test_sentence_at_answers_what_segment_at_answers():
    from citekit.cites.spans import sentence_at
    from citekit.read.segment import segment_at, sentences

    text = 'One. "Two?" Three!\n\nFour follows.   Five ends here.'
    segs = sentences(text)
    assert [sentence_at(segs, pos) for pos in range(-1, len(text) + 2)] == [
        segment_at(segs, pos) for pos in range(-1, len(text) + 2)
    ]
    assert sentence_at(segs, text.index("Four")) == segs[3]
    assert sentence_at([], 0) is None
