"""Text files and pages in any encoding: given, byte-order mark, declared, UTF-8, detected."""

from __future__ import annotations

import pytest

from citekit.errors import SourceError
from citekit.read.formats.charset import declared_charset, decode_html, decode_text
from citekit.read.ingest import parse_bytes

FRENCH = "Le café coûte 3 € à Noël ; « voilà » dit l’élève.\nLa suite du texte.\n"
GERMAN = "Die Straße ist schön, über Größe und Maß wird geprüft.\n"
RUSSIAN = "Президент заявил, что бюджет вырастет на 12 процентов в следующем году.\n"
GREEK = "Η κυβέρνηση ανακοίνωσε ότι ο προϋπολογισμός θα αυξηθεί κατά 12%.\n"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (FRENCH, "cp1252", "cp1252"),
        (GERMAN, "latin-1", "cp1252"),  # Latin-1 letters read the same in windows-1252
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8_r"),
        (GREEK, "cp1253", "cp1253"),
        ("Año nuevo en Zürich\n", "cp1252", "cp1252"),  # short: the commonest clean reading
    ],
)
def test_legacy_8bit_text_is_detected(text, codec, expected):
    data = text.encode(codec)
    decoded = decode_text(data, "n.txt")
    assert decoded.text == text
    assert decoded.encoding == expected
    assert decoded.how == "detected"
    assert "read as" in decoded.warning and "--encoding to override" in decoded.warning


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks_decide(codec):
    data = (
        FRENCH.encode(codec)
        if codec in ("utf-16", "utf-32", "utf-8-sig")
        else (b"\xfe\xff" + FRENCH.encode(codec))
    )
    decoded = decode_text(data, "n.txt")
    assert (decoded.text, decoded.how, decoded.warning) == (FRENCH, "bom", None)


def test_utf16_with_a_bom_is_text_not_binary():
    doc = parse_bytes("\ufeffRainfall rose 12% in May.\n".encode("utf-16-le"), ".txt", "r.txt")
    assert doc.text == "Rainfall rose 12% in May.\n"
    assert doc.source_format == "text"
    assert doc.original_suffix == ".utf-16-le.txt"  # the file as given is kept beside the snapshot


def test_utf16_without_a_bom_is_read_with_a_warning():
    decoded = decode_text("Rainfall rose 12% in May.".encode("utf-16-le"), "r.txt")
    assert decoded.text == "Rainfall rose 12% in May."
    assert (
        decoded.warning == "r.txt: no byte-order mark; read as utf-16-le (--encoding to override)"
    )


def test_plain_utf8_needs_nothing():
    decoded = decode_text(FRENCH.encode(), "n.txt")
    assert (decoded.encoding, decoded.how, decoded.warning) == ("utf_8", "utf-8", None)
    assert parse_bytes(FRENCH.encode(), ".txt", "n.txt").original is None


def test_given_encoding_overrides_detection():
    data = "Hükümet bütçeyi açıkladı.\n".encode("cp1254")
    assert decode_text(data, "t.txt", "windows-1254").text == "Hükümet bütçeyi açıkladı.\n"
    with pytest.raises(SourceError, match=r"^t\.txt: not utf-8 text \(byte 1\)$"):
        decode_text(data, "t.txt", "utf-8")


def test_binary_is_still_refused():
    with pytest.raises(SourceError, match="binary file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "i.txt")


# -- pages --------------------------------------------------------------------------------


def _page(charset_tag: str, text: str, filler: int = 0) -> str:
    scripts = "<script>var x = 1;</script>" * filler  # pushes the declaration far down the head
    return (
        f"<html><head>{scripts}{charset_tag}<title>{text[:20]}</title></head>"
        f"<body><article><p>{text}</p></article></body></html>"
    )


def test_declaration_far_down_the_head_is_honoured():
    html = _page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', RUSSIAN, 400
    )
    decoded = decode_html(html.encode("cp1251"), "ru.html")
    assert decoded.how == "declared" and RUSSIAN.strip() in decoded.text


def test_xml_declaration_is_a_declaration():
    html = '<?xml version="1.0" encoding="ISO-8859-1"?>' + _page("", GERMAN)
    assert declared_charset(html.encode("latin-1")) == "cp1252"


def test_stale_legacy_declaration_on_utf8_bytes():
    html = _page('<meta charset="windows-1251">', RUSSIAN)
    decoded = decode_html(html.encode("utf-8"), "ru.html")
    assert decoded.encoding == "utf_8" and RUSSIAN.strip() in decoded.text


def test_page_title_in_a_declared_legacy_charset_is_not_mojibake():
    html = _page('<meta charset="koi8-r">', RUSSIAN)
    doc = parse_bytes(html.encode("koi8-r"), ".html", "ru.html")
    assert doc.metadata["title"] == RUSSIAN[:20]


def test_given_encoding_wins_for_pages_too():
    html = _page('<meta charset="utf-8">', FRENCH)
    decoded = decode_html(html.encode("cp1252"), "fr.html", "windows-1252")
    assert FRENCH.splitlines()[0] in decoded.text
