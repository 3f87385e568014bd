"""PDF reports: page texts and labels, reflow that never splits a figure, metadata."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from citekit.errors import SourceError
from citekit.read.formats.pdf import _Vocabulary, reflow_page
from citekit.read.ingest import page_of, parse_bytes, read_document

BODY = (
    "Some of the 3,417\nfighters came from Russia, the report says.\n"
    "The well-\nknown COVID-\n19 pandemic hit the thou-\nsand boats still at sea."
)


class _Report(FPDF):
    """A report with a running head and a page number in the footer, as real reports have."""

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, "Marine Policy Institute - Annual Report 2017", align="R")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, self.pages[self.page].get_label(), align="C")


def _report(*, info: bool = True, labels: bool = True) -> bytes:
    pdf = _Report() if labels else FPDF()
    if info:
        pdf.set_title("Beyond the Harbour")
        pdf.set_author("Marine Policy Institute")
        pdf.set_creation_date(__import__("datetime").datetime(2017, 10, 3, 12, 0))
    pdf.add_page(**({"label_style": "r"} if labels else {}))
    pdf.set_font("Helvetica", size=22)
    pdf.cell(text="Beyond the Harbour: Fleets in Decline")
    pdf.ln(14)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(w=0, text="Foreword. This report counts the vessels of thirty-seven ports.")
    pdf.add_page(**({"label_style": "D", "label_start": 1} if labels else {}))
    pdf.multi_cell(w=0, text=BODY)
    pdf.ln(6)
    pdf.multi_cell(w=0, text="A second paragraph counts 45,000 tonnes landed.")
    pdf.add_page()
    pdf.multi_cell(w=0, text="Annex: 1,208 vessels were registered in 2016.")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def report():
    return parse_bytes(_report(), ".pdf", "report.pdf")


def test_pages_have_labels_and_spans(report):
    assert [(p.index, p.label) for p in report.pages] == [(0, "i"), (1, "1"), (2, "2")]
    texts = [report.text[p.start : p.end] for p in report.pages]
    assert texts[0].startswith("Beyond the Harbour")
    assert "thirty-seven ports" in texts[0]
    assert "3,417 fighters" in texts[1]
    assert "45,000 tonnes" in texts[1]
    assert texts[2] == "Annex: 1,208 vessels were registered in 2016."
    # pages are joined with a blank line, in order
    assert report.text == "\n\n".join(texts)


def test_figure_split_across_a_line_is_joined(report):
    page = report.pages[1]
    text = report.text[page.start : page.end]
    assert "Some of the 3,417 fighters came from Russia" in text
    assert "The well-known COVID-19 pandemic hit the thousand boats" in text
    assert "\n" not in text.split("\n\n")[0]


def test_running_heads_and_page_numbers_are_dropped(report):
    assert "Annual Report" not in report.text
    for page in report.pages:
        lines = report.text[page.start : page.end].split("\n")
        assert page.label not in (lines[0].strip(), lines[-1].strip())


def test_page_of(report):
    offset = report.text.index("3,417")
    page = page_of(report, offset)
    assert page is not None
    assert (page.index, page.label) == (1, "1")
    assert page_of(report, report.text.index("1,208")).label == "2"
    assert page_of(report, report.pages[0].end) is None  # the blank line between pages
    assert page_of(report, len(report.text)) is None
    assert page_of(report, -1) is None


def test_metadata_from_document_info(report):
    assert report.metadata["title"] == "Beyond the Harbour"
    assert report.metadata["author"] == ["Marine Policy Institute"]
    assert report.metadata["date"] == "2017-10-03"
    assert report.source_format == "pdf"
    assert report.original_suffix == ".pdf"
    assert report.original is not None and report.original.startswith(b"%PDF-")


def test_title_from_first_page_and_default_labels():
    doc = parse_bytes(_report(info=False, labels=False), ".pdf", "bare.pdf")
    assert doc.metadata["title"] == "Beyond the Harbour: Fleets in Decline"
    assert "author" not in doc.metadata
    assert [p.label for p in doc.pages] == ["1", "2", "3"]


def test_pdf_is_sniffed_whatever_the_suffix(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(_report())
    doc = read_document(path)
    assert doc.source_format == "pdf"
    assert len(doc.pages) == 3


def test_pdf_without_text_is_refused():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    with pytest.raises(SourceError, match="no extractable text"):
        parse_bytes(bytes(pdf.output()), ".pdf", "scan.pdf")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("thou-\nsand", "thousand"),
        ("COVID-\n19", "COVID-19"),
        ("1990-\n2000", "1990-2000"),
        ("Anglo-\nSaxon", "Anglo-Saxon"),
        ("well-\nknown", "well-known"),
        ("thirty-\nseven", "thirty-seven"),
        ("a cost-\nbenefit test", "a cost-benefit test"),  # cost-benefit seen unbroken below
        ("rising to 3,417\nfighters", "rising to 3,417 fighters"),
        ("the rate was 4.5\n% in May", "the rate was 4.5 % in May"),
        ("an en dash –\nthen more", "an en dash – then more"),
    ],
)
def test_reflow_lines(raw, expected):
    vocabulary = _Vocabulary([raw, "we ran a cost-benefit analysis"])
    assert reflow_page(raw, vocabulary, {"1"}) == expected


def test_reflow_paragraphs():
    raw = (
        "The first paragraph runs over a long line of text and then\n"
        "ends here.\n"
        "Second paragraph starts with a long line of text as well so\n"
        "it wraps.\n"
        "Findings\n"
        "The next section starts after a heading line that is short.\n"
        "\u2022 a bullet item\n"
        "12"
    )
    out = reflow_page(raw, _Vocabulary([raw]), {"12"})
    assert out.split("\n\n") == [
        "The first paragraph runs over a long line of text and then ends here.",
        "Second paragraph starts with a long line of text as well so it wraps.",
        "Findings",
        "The next section starts after a heading line that is short.",
        "\u2022 a bullet item",
    ]


def _encrypted(user_password: str) -> bytes:
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(
        owner_password="owner", user_password=user_password, encryption_method=EncryptionMethod.RC4
    )
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.cell(text="Restricted: 42 copies.")
    return bytes(pdf.output())


def test_encrypted_pdf_needs_no_password_to_be_read_when_it_has_none():
    assert parse_bytes(_encrypted(""), ".pdf", "open.pdf").text == "Restricted: 42 copies."


def test_password_protected_pdf_is_refused():
    with pytest.raises(SourceError, match=r"^locked\.pdf: PDF is encrypted with a password$"):
        parse_bytes(_encrypted("secret"), ".pdf", "locked.pdf")
