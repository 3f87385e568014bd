"""A PDF report's date is the one it states (title page, imprint) before its file's creation
date, and never today's date silently."""

from __future__ import annotations

import datetime as dt

import pytest
from fpdf import FPDF

from citekit.read.formats.pdfdate import document_date, file_date
from citekit.read.ingest import parse_bytes


def _pdf(first_page: list[str], created: dt.datetime | None, later: str = "") -> bytes:
    pdf = FPDF()
    pdf.set_title("Coastal Erosion Outlook")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font("Helvetica", size=20)
    pdf.multi_cell(w=0, text="Coastal Erosion Outlook", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in first_page:
        pdf.multi_cell(w=0, text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(
        w=0,
        text=later
        or "The shoreline retreated by 1.4 metres a year on average between the two surveys.",
    )
    return bytes(pdf.output())


TODAY = dt.datetime.now().replace(microsecond=0)
OLD = dt.datetime(2019, 6, 2, 9, 30)


def test_month_and_year_on_the_title_page_beat_the_file_date():
    doc = parse_bytes(_pdf(["Regional Planning Office", "March 2020"], TODAY), ".pdf", "r.pdf")
    assert doc.metadata["date"] == "2020-03"
    assert doc.warnings == []


def test_imprint_date_on_a_later_page_is_found():
    later = "Published 4 May 2021 by the Regional Planning Office. All rights reserved."
    doc = parse_bytes(_pdf(["Regional Planning Office"], TODAY, later), ".pdf", "r.pdf")
    assert doc.metadata["date"] == "2021-05-04"


def test_file_creation_date_only_when_the_document_states_none():
    doc = parse_bytes(_pdf(["Regional Planning Office"], OLD), ".pdf", "r.pdf")
    assert doc.metadata["date"] == "2019-06-02"
    assert doc.warnings == []


def test_todays_creation_date_is_never_taken_silently():
    doc = parse_bytes(_pdf(["Regional Planning Office"], TODAY), ".pdf", "r.pdf")
    assert "date" not in doc.metadata
    assert doc.warnings == [
        "r.pdf: no date in the document, and its file was created today, which is not its "
        "date; left undated (give --date)"
    ]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (["Annual review\nNovember 2018\n"], "2018-11"),
        (["Annual review\n12 March 2020"], "2020-03-12"),
        (["Annual review\nMarch 12, 2020"], "2020-03-12"),
        (["Working Paper No. 7 | September 2017"], "2017-09"),
        (["Publication date: 2019-11-30\nAnnual review"], "2019-11-30"),
        (["First published in June 2015 by the Office"], "2015-06"),
        # a sentence that mentions a date is not the report's date
        (["In March 2020 the council voted to fund the sea wall for another ten years."], None),
        (["Annual review", "no dates here"], None),
        (["Forecast to December 2099"], None),  # a future month is not a publication date
    ],
)
def test_document_date(pages, expected):
    assert document_date(pages) == expected


def test_file_date_rejects_today_and_later():
    assert file_date(OLD, "x.pdf") == ("2019-06-02", None)
    assert file_date(None, "x.pdf") == (None, None)
    day, warning = file_date(TODAY + dt.timedelta(days=3), "x.pdf")
    assert day is None and warning.startswith("x.pdf: no date in the document")
