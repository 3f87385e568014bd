"""refs.bib survives every write: hand edits, comments, @string, unknown fields, failed blocks."""

from __future__ import annotations

import bibtexparser

from citekit.library.bib import BibFile

HAND = """% My bibliography -- hand-kept, do not reorder
@string{ft = "Financial Times"}

@article{smith2019water,
    author    = {Smith, Jane},
    title     = {Water in the {Sahel}},
    journal   = ft,
    year      = 2019,
    x-my-rating = {5 stars},
}

@comment{keep me}

@book{doe2001,  title = "Old Book",  year = {2001} }
"""


def test_untouched_file_renders_byte_for_byte():
    bib = BibFile.parse(HAND)
    assert bib.render() == HAND


def test_plain_fields_resolve_macros_and_strip_braces():
    bib = BibFile.parse(HAND)
    fields = bib.fields("smith2019water")
    assert fields["journal"] == "Financial Times"
    assert fields["title"] == "Water in the Sahel"
    assert fields["year"] == "2019"
    assert fields["x-my-rating"] == "5 stars"
    assert fields["ENTRYTYPE"] == "article"


def test_new_entry_is_appended_and_the_rest_is_kept_verbatim():
    bib = BibFile.parse(HAND)
    assert bib.set_entry("new2020", "misc", {"title": "Costs & Benefits: 41% of 100_000"})
    out = bib.render()
    assert out.startswith(HAND)
    assert "@misc{new2020,\n  title = {Costs \\& Benefits: 41\\% of 100\\_000},\n}" in out
    again = BibFile.parse(out)
    assert again.fields("new2020")["title"] == "Costs & Benefits: 41% of 100_000"
    assert not again.failed


def test_updating_an_entry_keeps_its_unknown_fields_and_neighbours():
    bib = BibFile.parse(HAND)
    assert bib.set_entry("doe2001", "book", {"note": "Cited by x."})
    out = bib.render()
    assert "@string{ft = \"Financial Times\"}" in out
    assert "x-my-rating = {5 stars}" in out
    assert "@comment{keep me}" in out
    assert out.index("smith2019water") < out.index("@comment") < out.index("doe2001")
    fields = BibFile.parse(out).fields("doe2001")
    assert fields["title"] == "Old Book"
    assert fields["note"] == "Cited by x."


def test_setting_the_same_value_changes_nothing():
    bib = BibFile.parse(HAND)
    assert not bib.set_entry("doe2001", "book", {"title": "Old Book"})
    assert not bib.dirty
    assert bib.render() == HAND


def test_none_removes_a_field():
    bib = BibFile.parse(HAND)
    bib.set_entry("doe2001", "book", {"year": None})
    assert "year" not in BibFile.parse(bib.render()).fields("doe2001")


def test_failed_blocks_are_reported_with_their_line_and_kept_verbatim():
    text = "@misc{ok1, title={A}}\n\n@misc{broken, title = {unclosed\n\n@misc{ok2, title={B}}\n"
    bib = BibFile.parse(text)
    assert [f.line for f in bib.failed] == [3]
    assert bib.failed[0].raw.startswith("@misc{broken")
    bib.set_entry("ok2", "misc", {"note": "n"})
    out = bib.render()
    assert "@misc{broken, title = {unclosed" in out


def test_duplicate_keys_are_reported_not_dropped():
    text = "@misc{a, title={x}}\n@misc{a, title={y}}\n"
    bib = BibFile.parse(text)
    assert [d.line for d in bib.duplicates] == [2]
    assert bib.render() == text


def test_output_parses_with_bibtexparser_defaults():
    bib = BibFile.parse(HAND)
    bib.set_entry("r2017", "techreport", {"title": "Beyond: X", "institution": "The Centre"})
    library = bibtexparser.parse_string(bib.render())
    assert not library.failed_blocks
    assert {e.key for e in library.entries} == {"smith2019water", "doe2001", "r2017"}
