"""Saved web pages: main text only, clean metadata, emphasis spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citekit.errors import SourceError
from citekit.read.formats.pagemeta import strip_site_suffix
from citekit.read.ingest import parse_bytes, read_document

NEWS_PAGE = Path(__file__).parent / "data" / "news_page.html"

BODY_NUMBERS = [
    "1,512",
    "2007",
    "1,208",
    "20%",
    "37",
    "nearly 3,000",
    "45,000",
    "41%",
    "2015",
    "between 120 and 150",
    "2020",
    "£12.5m",
    "more than 600",
    "2010",
]
# navigation, ticker, ads, share counts, most-read list, newsletter, footer, script data
NOISE_NUMBERS = [
    "50",
    "2016",
    "14",
    "7.77",
    "2.9%",
    "5,551",
    "65%",
    "8,888",
    "4,321",
    "1,234",
    "606",
    "97",
    "2,222,222",
    "73",
    "9.4%",
    "19,999",
    "250,000",
    "0654321",
    "42",
    "01234",
    "567890",
    "98765",
]


@pytest.fixture(scope="module")
def news():
    return read_document(NEWS_PAGE)


def test_news_page_metadata(news):
    assert news.metadata["title"] == "Fishing fleets shrink by a fifth as quotas bite"
    assert news.metadata["author"] == ["Jane Doe"]
    assert news.metadata["date"] == "2017-10-27"
    assert news.metadata["site"] == news.metadata["publisher"] == "The Harbour Times"
    assert news.metadata["url"] == (
        "https://www.harbourtimes.example/news/2017/10/27/fishing-fleets-shrink"
    )
    assert news.metadata["language"] == "en-GB"


def test_news_page_keeps_body_numbers_only(news):
    for number in BODY_NUMBERS:
        assert number in news.text, number
    numbers_in_text = set(re.findall(r"\d[\d,.]*\d|\d", news.text))
    for number in NOISE_NUMBERS:
        assert number not in numbers_in_text, number
    for word in ("Subscribe", "Share", "Tweet", "Advertisement", "Sponsored", "Most read", "©"):
        assert word not in news.text


def test_news_page_document_fields(news):
    assert news.source_format == "html"
    assert news.original == NEWS_PAGE.read_bytes()
    assert news.original_suffix == ".html"
    assert news.snapshot_suffix == ".txt"
    assert news.body_start == 0
    assert news.pages == []
    # paragraphs are blank-line separated, as citekit.read.segment expects
    assert news.text.count("\n\n") == 3


def test_news_page_emphasis_spans(news):
    emphasised = [news.text[a:b] for a, b in news.emphasis]
    assert emphasised == [
        "The State of Coastal Fisheries 2017",  # <em>
        "Fisheries Recovery Plan",  # <cite>
        "Fish and Ships: A Decade of Decline",  # <i>
    ]


def test_html_is_sniffed_whatever_the_suffix():
    doc = parse_bytes(NEWS_PAGE.read_bytes(), ".txt", "saved")
    assert doc.source_format == "html"
    assert doc.metadata["title"] == "Fishing fleets shrink by a fifth as quotas bite"
    doc = parse_bytes(NEWS_PAGE.read_bytes(), "", "download")
    assert doc.source_format == "html"


PAGE = """<html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>{head}</head>
<body><nav>Home 1 2 3</nav><article><h1>{h1}</h1>
<p>{body} The council counted 4,200 residents in the survey carried out last spring, and said
a further survey would follow next year if the money could be found in the budget.</p>
<p>Officials said the second round of interviews would take roughly 18 months to complete and
would cover every household in the district, including the outlying villages.</p></article>
<footer>Call 0800 123</footer></body></html>"""


def _page(**parts: str) -> str:
    defaults = {"lang": "fr", "charset": "utf-8", "title": "T", "head": "", "h1": "T", "body": ""}
    return PAGE.format(**(defaults | parts))


def test_declared_charset_is_honoured():
    html = _page(charset="windows-1252", body="Le café coûte 3 €.", title="Café", h1="Café")
    doc = parse_bytes(html.encode("cp1252"), ".html", "cafe.html")
    assert "Le café coûte 3 €." in doc.text
    assert doc.metadata["title"] == "Café"
    assert doc.metadata["language"] == "fr"


def test_undeclared_legacy_html_is_detected_with_a_warning():
    html = _page(charset="", body="Le café coûte trois euros à Noël.").replace(
        '<meta charset="">', ""
    )
    doc = parse_bytes(html.encode("latin-1"), ".html", "x.html")
    assert "Le café coûte trois euros à Noël." in doc.text
    assert doc.warnings == [
        "x.html: not UTF-8; read as windows-1252 (detected; --encoding to override)"
    ]


def test_several_authors_become_a_list():
    head = '<meta name="author" content="Jane Doe; Omar Said">'
    doc = parse_bytes(_page(head=head).encode(), ".html", "a.html")
    assert doc.metadata["author"] == ["Jane Doe", "Omar Said"]


def test_missing_metadata_is_left_out():
    html = "<html><body><article><p>" + "A plain paragraph with 12 words. " * 10
    html += "</p></article></body></html>"
    doc = parse_bytes(html.encode(), ".html", "bare.html")
    assert "12 words" in doc.text
    assert "date" not in doc.metadata
    assert "author" not in doc.metadata
    assert "language" not in doc.metadata


def test_page_without_main_text_or_title_is_refused():
    html = b"<html><head></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(SourceError, match=r"^empty\.html: no main text and no title found"):
        parse_bytes(html, ".html", "empty.html")


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        ("Quotas bite | The Harbour Times", "The Harbour Times", None, "Quotas bite"),
        ("Quotas bite - Harbour Times", "The Harbour Times", None, "Quotas bite"),
        ("The Harbour Times — Quotas bite", "The Harbour Times", None, "Quotas bite"),
        ("Quotas bite | News | Harbour", None, None, "Quotas bite | News"),
        ("Quotas bite | Fish", None, "Quotas bite", "Quotas bite"),
        ("Covid-19 - the long tail", "Other Site", None, "Covid-19 - the long tail"),
        ("Plain headline", "Site", None, "Plain headline"),
    ],
)
def test_strip_site_suffix(title, site, h1, expected):
    assert strip_site_suffix(title, site, h1) == expected


def test_emphasis_span_is_the_italic_occurrence_not_an_earlier_plain_one():
    body = (
        "The Fisheries Recovery Plan was mentioned first in plain type by the minister today. "
        "Later the paper cited <em>Fisheries Recovery Plan</em> in italics, with <i>two "
        "<b>nested</b> words</i> too."
    )
    doc = parse_bytes(_page(body=body).encode(), ".html", "e.html")
    first_plain = doc.text.index("Fisheries Recovery Plan")
    spans = doc.emphasis
    assert [doc.text[a:b] for a, b in spans] == ["Fisheries Recovery Plan", "two nested words"]
    assert spans[0][0] > first_plain
    assert "\u2983" not in doc.text and "\u2984" not in doc.text
