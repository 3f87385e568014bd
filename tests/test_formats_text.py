"""A text file's title is its first line when that line stands alone as one."""

from __future__ import annotations

import pytest

from citekit.read.formats.text import first_line_title
from citekit.read.ingest import parse_text

BODY = "The harbour board counted 212 boats this spring, down from 260 two years ago.\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Harbour counts fewer boats\n" + BODY, "Harbour counts fewer boats"),  # runs on
        ("Harbour counts fewer boats\n\n" + BODY, "Harbour counts fewer boats"),
        ("  Harbour counts fewer boats  \n" + BODY, "Harbour counts fewer boats"),
        ("Is the harbour emptying?\n" + BODY, "Is the harbour emptying?"),
        ("212 boats left in the harbour\n" + BODY, "212 boats left in the harbour"),
        ("Dr. Reyes on the harbour's future\n" + BODY, "Dr. Reyes on the harbour's future"),
        ("\u201cWe need the boats back\u201d\n" + BODY, "\u201cWe need the boats back\u201d"),
        # not titles: prose, a byline, a date, a list, a lone line, a lower-case start
        (BODY + BODY, None),
        ("The board met. It counted the boats\n" + BODY, None),
        ("By Ana Reyes\n" + BODY, None),
        ("March 4, 2021\n" + BODY, None),
        ("2021-03-04\n" + BODY, None),
        ("- first item\n- second item\n", None),
        ("Harbour counts fewer boats", None),
        ("harbour counts fewer boats\n" + BODY, None),
        ("Dear members of the board,\n" + BODY, None),
        ("Harbour " * 40 + "\n" + BODY, None),
    ],
)
def test_first_line_title(text, title):
    assert first_line_title(text) == title


def test_markdown_headings():
    assert first_line_title("# Harbour counts\n\n" + BODY, markdown=True) == "Harbour counts"
    assert first_line_title("Harbour counts\n===\n" + BODY, markdown=True) == "Harbour counts"
    assert first_line_title("## Harbour counts ##\n" + BODY, markdown=True) == "Harbour counts"


def test_title_line_becomes_the_documents_title_and_stays_in_its_text():
    text = "Harbour counts fewer boats\n" + BODY
    doc = parse_text(text)
    assert doc.metadata["title"] == "Harbour counts fewer boats"
    assert doc.text == text and doc.body_start == 0


def test_front_matter_title_wins():
    doc = parse_text("---\ntitle: Given title\n---\nHarbour counts fewer boats\n" + BODY)
    assert doc.metadata["title"] == "Given title"


def test_date_header_then_a_title_line():
    doc = parse_text("date 2021-03-04 Harbour counts fewer boats\n" + BODY)
    assert doc.metadata == {"date": "2021-03-04", "title": "Harbour counts fewer boats"}


def test_date_header_then_prose_gives_no_title():
    doc = parse_text("date 2021-03-04 " + BODY + "\n" + BODY)
    assert doc.metadata == {"date": "2021-03-04"}
