"""Page metadata decided from every signal a page gives: dates as the page states them, titles
by precedence and agreement, bylines that are names. Every page here is written for the test."""

from __future__ import annotations

import pytest

from citekit.read.formats.pagedates import DateSignal, Stamp, choose_date, parse_stamp, url_stamp
from citekit.read.ingest import parse_bytes

BODY = (
    "<p>The county opened its third recycling depot on the edge of town this week, and the "
    "council expects it to take about 2,400 tonnes of garden waste in its first full year.</p>"
    "<p>Residents had asked for a closer depot for years; the nearest one until now was 14 km "
    "away, across the river, and open only on weekday mornings.</p>"
)


def page(head: str = "", body_top: str = "", title: str = "Depot opens | Valley Post") -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body>"
        f"<article>{body_top}{BODY}</article></body></html>"
    ).encode()


def meta(head: str = "", body_top: str = "", **kw: str) -> dict:
    return dict(parse_bytes(page(head, body_top, **kw), ".html", "p.html").metadata)


def og(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


# -- dates --------------------------------------------------------------------------------


def test_utc_stamp_of_the_next_day_gives_way_to_the_local_time_element():
    head = og("article:published_time", "2022-02-15T03:40:00+00:00")
    top = '<time datetime="2022-02-14T22:40:00-05:00">February 14, 2022</time>'
    assert meta(head, top)["date"] == "2022-02-14"


def test_utc_stamp_is_read_in_the_zone_the_page_reveals_elsewhere():
    head = og("article:published_time", "2021-07-01T01:15:00Z") + og(
        "article:modified_time", "2021-07-01T09:00:00-07:00"
    )
    assert meta(head)["date"] == "2021-06-30"


def test_utc_stamp_gives_way_to_a_dateline_of_the_day_before():
    head = og("article:published_time", "2020-05-09T04:05:00Z")
    assert meta(head, "<p class='meta'>Posted on May 8, 2020</p>")["date"] == "2020-05-08"


def test_a_dateline_no_time_zone_could_reach_does_not_override():
    # 15:00 UTC on the 9th is the 9th or the 10th everywhere: the 8th is another date
    head = og("article:published_time", "2020-05-09T15:00:00Z")
    assert meta(head, "<p>Posted on May 8, 2020</p>")["date"] == "2020-05-09"


def test_offsets_are_never_converted_to_utc():
    head = og("article:published_time", "2019-12-31T23:30:00+09:00")
    assert meta(head)["date"] == "2019-12-31"


def test_declared_date_beats_the_dateline_and_the_address():
    head = og("article:published_time", "2018-03-02") + og(
        "og:url", "https://valleypost.example/2018/02/27/depot-opens"
    )
    assert meta(head, "<p>Published: 1 March 2018</p>")["date"] == "2018-03-02"


def test_labelled_dateline_beats_a_list_of_other_articles_dates():
    top = (
        "<p class='date'>Written: 2023-04-11 09:12</p>"
        "<ul class='more'><li><span class='date'>2023-04-02</span> Older story</li></ul>"
    )
    assert meta(body_top=top)["date"] == "2023-04-11"


def test_date_in_the_address_when_the_page_states_none():
    head = '<link rel="canonical" href="https://valleypost.example/news/2017/09/05/depot/">'
    assert meta(head)["date"] == "2017-09-05"


def test_no_date_at_all_gives_none():
    assert "date" not in meta()


def test_wiki_page_is_dated_by_its_revision():
    head = '<meta name="generator" content="MediaWiki 1.39.1">'
    ld = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Depot",'
        ' "datePublished": "2009-04-01T10:00:00Z", "dateModified": "2022-10-12T08:00:00Z"}'
        "</script>"
    )
    assert meta(head + ld, "<div id='footer'>Last edited on 12 October 2022</div>")["date"] == (
        "2022-10-12"
    )


def test_agreement_within_a_tier():
    head = (
        og("article:published_time", "2016-01-20")
        + '<meta name="pubdate" content="2016-01-21">'
        + '<meta name="dc.date" content="2016-01-21">'
    )
    assert meta(head)["date"] == "2016-01-21"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-11-08T21:11:03-05:00", Stamp(__import__("datetime").date(2023, 11, 8), 1271, -300)),
        ("20201119", Stamp(__import__("datetime").date(2020, 11, 19))),
        ("Thu, 19 Nov 2020 10:00:09 GMT", Stamp(__import__("datetime").date(2020, 11, 19), 600, 0)),
        ("19th November 2020", Stamp(__import__("datetime").date(2020, 11, 19))),
        ("Nov. 19, 2020", Stamp(__import__("datetime").date(2020, 11, 19))),
        ("1985-04-01", None),  # before the web
        ("2999-01-01", None),  # the future
        ("P24M,37S", None),  # a duration
    ],
)
def test_parse_stamp(raw, expected):
    assert parse_stamp(raw) == expected


def test_url_stamp_forms():
    assert str(url_stamp("https://x.example/2020/12/23/949764249/slug").date) == "2020-12-23"
    assert str(url_stamp("https://x.example/news/story-20190704-1234.html").date) == "2019-07-04"
    assert url_stamp("https://x.example/products/2020/list") is None


def test_choose_date_without_signals():
    assert choose_date([]) is None
    one = DateSignal(Stamp(__import__("datetime").date(2020, 1, 2)), "guess", "x")
    assert choose_date([one]) == one


# -- titles -------------------------------------------------------------------------------


def test_open_graph_title_is_kept_verbatim_even_with_a_section_label():
    head = og("og:title", "Opinion | Why depots matter") + og("og:type", "article")
    top = "<h1>Why depots matter</h1>"
    assert meta(head, top, title="Opinion | Why depots matter - Valley Post")["title"] == (
        "Opinion | Why depots matter"
    )


def test_site_name_as_the_article_title_gives_way_to_the_headline():
    head = og("og:title", "VALLEYPOST.EXAMPLE") + og("og:type", "article")
    top = "<h1>Third recycling depot opens on the edge of town</h1>"
    got = meta(
        head + '<link rel="canonical" href="https://www.valleypost.example/news/depot">',
        top,
        title="Third recycling depot opens on the edge of town - VALLEYPOST.EXAMPLE",
    )
    assert got["title"] == "Third recycling depot opens on the edge of town"


def test_a_home_page_is_titled_by_its_site_name():
    head = (
        og("og:title", "Valley Post") + og("og:site_name", "Valley Post") + og("og:type", "website")
    )
    assert meta(head, title="Valley Post - news for the valley")["title"] == "Valley Post"


def test_generic_open_graph_title_loses_to_two_agreeing_signals():
    head = og("og:title", "Official website") + og("og:type", "article")
    top = "<h1>Depot opening hours extended</h1>"
    assert meta(head, top, title="Depot opening hours extended | Council")["title"] == (
        "Depot opening hours extended"
    )


def test_site_suffix_dropped_from_the_open_graph_title():
    head = og("og:title", "Depot opens on Monday - Valley Post") + og("og:site_name", "Valley Post")
    assert meta(head, title="x")["title"] == "Depot opens on Monday"


def test_number_only_title_is_not_a_title():
    assert (
        meta(body_top="<h1>Depot opens</h1>", title="880139124791029763")["title"] == "Depot opens"
    )


def test_entities_in_json_ld_headline_are_unescaped():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Depot &#8216;a relief&#8217; say residents"}</script>'
    )
    assert meta(ld, title="")["title"] == "Depot \u2018a relief\u2019 say residents"


# -- bylines ------------------------------------------------------------------------------


def test_addresses_and_handles_are_not_authors_but_rel_author_is():
    head = (
        og("article:author", "www.facebook.com/someone")
        + '<meta name="twitter:creator" content="@ana">'
    )
    top = '<p class="byline">By <a rel="author" href="/author/ana-lopez">Ana Lopez</a></p>'
    assert meta(head, top)["author"] == ["Ana Lopez"]


def test_json_ld_creator_when_no_author():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "creator": ["Ana Lopez"]}</script>'
    assert meta(ld)["author"] == ["Ana Lopez"]


def test_produced_by_is_not_a_name():
    assert "author" not in meta('<meta name="author" content="Produced by">')


def test_two_people_joined_by_and_are_two_authors_but_an_office_is_one():
    assert meta('<meta name="author" content="Ana Lopez and Tom Reid">')["author"] == [
        "Ana Lopez",
        "Tom Reid",
    ]
    office = "Department of Roads and Waste"
    assert meta(f'<meta name="author" content="{office}">')["author"] == [office]


# -- pages without main text --------------------------------------------------------------


def test_page_without_main_text_is_recorded_from_its_metadata_with_a_warning():
    html = (
        "<html><head><meta charset='utf-8'><title>123456789</title>"
        + og("og:title", "Ana Lopez on the new depot")
        + og("og:description", "The new depot takes 2,400 tonnes a year.")
        + og("article:published_time", "2021-08-03T10:00:00+01:00")
        + "</head><body><div id='app'></div><noscript>Enable JavaScript.</noscript></body></html>"
    ).encode()
    doc = parse_bytes(html, ".html", "post.html")
    assert doc.metadata["title"] == "Ana Lopez on the new depot"
    assert doc.metadata["date"] == "2021-08-03"
    assert doc.text == "The new depot takes 2,400 tonnes a year."
    assert doc.warnings == [
        "post.html: little or no main text found; recorded from the page's metadata "
        "(its description as the text)"
    ]
