"""Saved web pages whose byline, masthead and date are only in their JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from citekit.read.formats.jsonld import json_ld_metadata
from citekit.read.ingest import parse_bytes, read_document

JSONLD_PAGE = Path(__file__).parent / "data" / "jsonld_page.html"

BODY = (
    "<main><article><h1>Floods displace 250,000</h1>"
    "<p>Monsoon floods have displaced about 250,000 people in Sindh province, the disaster "
    "authority said on Tuesday. At least 1,136 people have died since mid-June.</p>"
    "</article></main>"
)


def _page(ld: object, head: str = "", raw: str | None = None) -> bytes:
    """A small news page with one JSON-LD block (`raw` is pasted as is when given)."""
    block = raw if raw is not None else json.dumps(ld)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Floods displace 250,000 - Daily Ledger</title>{head}"
        f'<script type="application/ld+json">{block}</script>'
        f"</head><body>{BODY}</body></html>"
    ).encode()


def _meta(ld: object, head: str = "", raw: str | None = None) -> dict[str, object]:
    return dict(parse_bytes(_page(ld, head, raw), ".html", "page.html").metadata)


def test_fixture_page_graph_with_references() -> None:
    # @graph, author and publisher as @id references, a list of authors with a "By" byline and
    # an organisation among them, a date-time, mainEntityOfPage, and a broken second block.
    doc = read_document(JSONLD_PAGE)
    assert doc.metadata["title"] == "Reservoirs fall to a third of capacity"
    assert doc.metadata["author"] == ["Amara Kone", "Tomás Ruiz"]
    assert doc.metadata["publisher"] == "Valley Courier Media Ltd"
    assert doc.metadata["date"] == "2023-08-14"
    assert doc.metadata["url"] == "https://valleycourier.example/news/reservoirs-third"
    assert doc.metadata["language"] == "en-GB"
    assert "24 comments" not in doc.text and "Mill Lane" not in doc.text


def test_qa_floods_page_author_and_publisher() -> None:
    # The QA page: no @context, so trafilatura ignores the block entirely.
    meta = _meta(
        {
            "@type": "NewsArticle",
            "headline": "Floods displace 250,000",
            "datePublished": "2022-08-30",
            "author": {"@type": "Person", "name": "Sana Iqbal"},
            "publisher": {"@type": "Organization", "name": "Daily Ledger"},
        }
    )
    assert meta["author"] == ["Sana Iqbal"]
    assert meta["publisher"] == "Daily Ledger"
    assert meta["date"] == "2022-08-30"
    assert meta["title"] == "Floods displace 250,000"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Sana Iqbal", ["Sana Iqbal"]),
        ("By Sana Iqbal", ["Sana Iqbal"]),
        (["Sana Iqbal", "Omar Shah"], ["Sana Iqbal", "Omar Shah"]),
        ([{"name": "Sana Iqbal"}, {"name": "sana  iqbal"}], ["Sana Iqbal"]),
        ({"@type": "Person", "givenName": "Sana", "familyName": "Iqbal"}, ["Sana Iqbal"]),
        ({"@type": "Organization", "name": "Daily Ledger"}, None),
        ("https://dailyledger.example/staff/sana", None),
    ],
)
def test_author_shapes(author: object, expected: list[str] | None) -> None:
    meta = _meta({"@type": "NewsArticle", "headline": "Floods", "author": author})
    assert meta.get("author") == expected


def test_list_at_top_level_and_publisher_as_string() -> None:
    meta = _meta(
        [
            {"@type": "BreadcrumbList", "name": "Home"},
            {
                "@type": "Article",
                "author": "Sana Iqbal",
                "publisher": "Daily Ledger",
                "url": "https://dailyledger.example/floods",
                "datePublished": "2022-08-30T08:15:00Z",
            },
        ]
    )
    assert meta["publisher"] == "Daily Ledger"
    assert meta["url"] == "https://dailyledger.example/floods"
    assert meta["date"] == "2022-08-30"


def test_news_article_wins_over_web_page() -> None:
    graph = {
        "@graph": [
            {"@type": "WebPage", "name": "Floods - Daily Ledger", "datePublished": "2022-08-01"},
            {"@type": "NewsArticle", "headline": "Floods", "datePublished": "2022-08-30"},
        ]
    }
    tree = lxml.html.document_fromstring(_page(graph).decode())
    assert json_ld_metadata(tree) == {"title": "Floods", "date": "2022-08-30"}


def test_meta_tags_and_json_ld_agree_without_duplicates() -> None:
    head = (
        '<meta name="author" content="Sana Iqbal">'
        '<meta property="og:site_name" content="Daily Ledger">'
        '<meta property="article:published_time" content="2022-08-30T09:00:00Z">'
        '<link rel="canonical" href="https://dailyledger.example/floods">'
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Floods displace 250,000",
        "datePublished": "2022-08-30",
        "author": [{"@type": "Person", "name": "Sana Iqbal"}],
        "publisher": {"@type": "Organization", "name": "Daily Ledger"},
        "url": "https://dailyledger.example/floods",
    }
    meta = _meta(ld, head)
    assert meta["author"] == ["Sana Iqbal"]
    assert meta["publisher"] == meta["site"] == "Daily Ledger"
    assert meta["date"] == "2022-08-30"
    assert meta["url"] == "https://dailyledger.example/floods"
    assert meta["title"] == "Floods displace 250,000"


def test_json_ld_byline_wins_over_the_meta_author() -> None:
    # the meta author tag is often a site-wide default; the typed byline names the writer
    head = '<meta name="author" content="Ledger Desk">'
    meta = _meta({"@type": "NewsArticle", "author": "Sana Iqbal"}, head)
    assert meta["author"] == ["Sana Iqbal"]
    assert _meta({"@type": "NewsArticle"}, head)["author"] == ["Ledger Desk"]


@pytest.mark.parametrize(
    "raw",
    [
        '{"@type": "NewsArticle", "author": ',  # truncated
        "not json at all",
        '"just a string"',
        "[1, 2, 3]",
        '{"@type": "Recipe", "author": "Chef"}',
    ],
)
def test_unusable_json_ld_is_ignored(raw: str) -> None:
    meta = _meta(None, raw=raw)
    assert "author" not in meta and "publisher" not in meta
    assert meta["title"] == "Floods displace 250,000"


def test_entities_and_raw_newlines_in_json_ld() -> None:
    raw = '{"@type": "NewsArticle", "author": "Sana Iqbal &amp; Co", "publisher": "Ledger\nNews"}'
    meta = _meta(None, raw=raw)
    assert meta["author"] == ["Sana Iqbal & Co"]
    assert meta["publisher"] == "Ledger News"
