"""YAML front matter and the `date YYYY-MM-DD` header of notes."""

from __future__ import annotations

import pytest

from citekit.read.formats.frontmatter import parse_front_matter
from citekit.read.ingest import parse_bytes, parse_text

NOTE = """---
title: "Beyond the Caliphate: Foreign Fighters"
author:
  - Richard Barrett
  - 'Soufan Center, The'
date: 2017-10-24T09:00:00Z
url: https://thesoufancenter.org/beyond
publisher: The Soufan Center  # think tank
tags: [isis, returnees]
extra:
  nested: ignored
---
The report counts 5,600 returnees.
"""


def test_front_matter_fills_metadata_and_body_start():
    doc = parse_text(NOTE)
    assert doc.metadata == {
        "title": "Beyond the Caliphate: Foreign Fighters",
        "author": ["Richard Barrett", "Soufan Center, The"],
        "date": "2017-10-24",
        "url": "https://thesoufancenter.org/beyond",
        "publisher": "The Soufan Center",
    }
    assert doc.text == NOTE  # the header stays in the snapshot
    assert doc.text[doc.body_start :] == "The report counts 5,600 returnees.\n"
    assert doc.body[: doc.body_start].strip() == ""
    assert doc.source_format == "markdown"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("author: Jane Doe", {"author": ["Jane Doe"]}),
        ("authors: [Jane Doe, 'Omar Said']", {"author": ["Jane Doe", "Omar Said"]}),
        ("author: Jane Doe and Omar Said", {"author": ["Jane Doe", "Omar Said"]}),
        ("date: '2017-10'", {"date": "2017-10"}),
        ("date: 27 October 2017", {}),  # unreadable dates are left out, not guessed
        (
            "site: The Harbour Times",
            {"site": "The Harbour Times", "publisher": "The Harbour Times"},
        ),
        (
            "lang: en-GB\nlink: https://x.example/a",
            {"language": "en-GB", "url": "https://x.example/a"},
        ),
        ("# a comment\ntitle: It's 'quoted'", {"title": "It's 'quoted'"}),
        ("title: 'It''s'", {"title": "It's"}),
        (
            "title: >\n  A long title\n  on two lines\ndate: 2020-01-02",
            {"title": "A long title on two lines", "date": "2020-01-02"},
        ),
    ],
)
def test_front_matter_forms(block, expected):
    parsed = parse_front_matter(f"---\n{block}\n---\nbody")
    assert parsed is not None
    assert parsed[0] == expected


def test_no_closing_fence_is_not_front_matter():
    text = "---\ntitle: x\n\nA note with 3 numbers.\n"
    assert parse_front_matter(text) is None
    doc = parse_text(text)
    assert doc.body_start == 0
    assert doc.metadata == {}


def test_date_header_of_the_seed_format():
    doc = parse_text("date 2017-10-27 Some 1,300 Tajik nationals went.")
    assert doc.metadata == {"date": "2017-10-27"}
    assert doc.text[doc.body_start :] == "Some 1,300 Tajik nationals went."
    assert doc.source_format == "text"


def test_date_header_after_front_matter():
    doc = parse_text("---\ntitle: T\n---\ndate 2017-10-27\nBody 12.\n")
    assert doc.metadata == {"title": "T", "date": "2017-10-27"}
    assert doc.text[doc.body_start :].lstrip() == "Body 12.\n"


def test_front_matter_date_wins_over_header():
    doc = parse_text("---\ndate: 2018-01-02\n---\ndate 2017-10-27 Body.")
    assert doc.metadata["date"] == "2018-01-02"


def test_crlf_and_bom():
    doc = parse_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody 7.\r\n", ".md", "n.md")
    assert doc.metadata == {"title": "T"}
    assert doc.text[doc.body_start :] == "Body 7.\n"


def test_markdown_emphasis_spans():
    text = "---\ntitle: T\n---\nAs *The State of Fisheries* and _Fish and Ships_ say, **not this**, snake_case_name, 2*3*4.\n"
    doc = parse_text(text)
    assert [doc.text[a:b] for a, b in doc.emphasis] == ["The State of Fisheries", "Fish and Ships"]


def test_plain_text_has_no_emphasis():
    assert parse_text("As *The State of Fisheries* says.").emphasis == []
    assert parse_bytes(b"As *The State* says.", ".md", "a.md").emphasis == [(4, 13)]
