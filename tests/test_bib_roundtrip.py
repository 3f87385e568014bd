"""refs.bib writes every value so that it parses back to itself: no value is markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.library.bib import BibFile, decode_text, encode_text

HOSTILE = [
    r"Flood costs \input{/etc/passwd} rise",
    r"\write18{rm -rf /} and \textbf{bold}",
    "a trailing backslash \\",
    r"an escaped \{ brace",
    "} closes first {",
    "& % $ # _ { } ~ ^ \\",
    "Рост цен в Москве",
    "ارتفاع الأسعار",
    " spaces around ",
    "@misc{inner, title={x}}",
]


def _round_trip(values: dict[str, str], base: str = "") -> dict[str, str]:
    bib = BibFile.parse(base)
    bib.set_entry("k", "misc", values)
    text = bib.render()
    again = BibFile.parse(text)
    assert not again.failed and not again.duplicates, text
    assert again.keys()[-1] == "k"
    fields = again.fields("k")
    return {name: fields.get(name) for name in values}


def test_hostile_values_parse_back_to_themselves_and_keep_the_fields_after_them():
    for title in HOSTILE:
        values = {"title": title, "note": title, "file": "sources/k.txt"}
        assert _round_trip(values) == values, title


def test_a_trailing_backslash_leaves_refs_bib_writable():
    bib = BibFile.parse("")
    bib.set_entry("a", "misc", {"title": "ends in \\"})
    bib.set_entry("b", "misc", {"title": "second"})
    again = BibFile.parse(bib.render())
    assert again.keys() == ["a", "b"]
    assert again.fields("a")["title"] == "ends in \\"


def test_written_text_holds_no_command_of_the_source():
    written = encode_text(r"\input{/etc/passwd}")
    assert written == r"\textbackslash{}input\textbraceleft{}/etc/passwd\textbraceright{}"
    assert "\\input" not in written
    assert decode_text(written) == r"\input{/etc/passwd}"


def test_name_lists_keep_braces_that_group_a_corporate_name():
    assert encode_text("{The Soufan Center}", "author") == "{The Soufan Center}"
    assert encode_text("{Unbalanced", "author") == r"\textbraceleft{}Unbalanced"
    assert encode_text("Smith & Jones", "author") == r"Smith \& Jones"


def test_hand_written_escapes_still_read_as_before():
    bib = BibFile.parse("@misc{h, title = {{Rock} \\& {Roll} \\{x\\}}}\n")
    assert bib.fields("h")["title"] == "Rock & Roll {x}"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_any_text_value_parses_back_to_itself(title, note):
    values = {"title": title, "note": note, "year": "2020"}
    assert _round_trip(values, "@misc{first, title = {Kept}}\n") == values


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="{}")))
def test_any_name_without_braces_parses_back_to_itself(author):
    assert _round_trip({"author": author, "title": "t"}) == {"author": author, "title": "t"}


def test_a_url_with_a_line_break_before_an_at_sign_keeps_the_file_whole():
    url = "https://example.org/a\r\n@misc{b, title = {x}}"
    got = _round_trip({"url": url, "title": "t", "note": "kept"})
    assert got == {
        "url": "https://example.org/a%0D%0A@misc%7Bb, title = %7Bx%7D%7D",
        "title": "t",
        "note": "kept",
    }
