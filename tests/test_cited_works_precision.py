"""Cited works are recorded only where the text names a work (precision first): emphasis alone, an
outlet's name, a body introduced by "by", or a person's surname never make a cited work or its issuer."""

from __future__ import annotations

import datetime as dt

import pytest

from citekit.cites.works import find_works

DATE = dt.date(2024, 5, 17)


def _emphasised(text: str, *spans: str) -> list[tuple[int, int]]:
    return [(text.index(s), text.index(s) + len(s)) for s in spans]


def works_of(text: str, *emphasised: str) -> list[tuple[str, str | None, str]]:
    works, _ = find_works(text, DATE, _emphasised(text, *emphasised) or None)
    return [(w.title, w.organisation, w.work_type) for w in works]


def test_report_by_a_think_tank_named_in_quotes_is_recorded() -> None:
    text = (
        'A report by the Harbourside Policy Institute titled "Empty Quays" says 4,200 dock jobs '
        "have gone since 2015."
    )
    assert works_of(text) == [("Empty Quays", "Harbourside Policy Institute", "report")]


@pytest.mark.parametrize(
    ("text", "emphasised"),
    [
        # Page chrome and headings set in bold or italics.
        ("Header Image: Fishing boats at dawn in the bay of Corvale.", "Header Image"),
        ("Winter 3 brings the first frost to the valley farms.", "Winter 3"),
        ("Written by: Maren Otieno for the coastal desk.", "Written by: Maren Otieno"),
        # Outlets named in italics are not works the text cites.
        (
            "The mayor told The Harrowgate Courier that 300 homes were flooded.",
            "The Harrowgate Courier",
        ),
        ("Her essays have appeared in The Lowland Review and elsewhere.", "The Lowland Review"),
        ("His columns ran in The Northfield Monitor for a decade.", "The Northfield Monitor"),
    ],
)
def test_emphasis_alone_is_no_title(text: str, emphasised: str) -> None:
    assert works_of(text, emphasised) == []


def test_emphasised_title_after_author_of_is_a_work() -> None:
    text = "Lina Brookes is the author of Salt Roads: Trade Across the Steppe, out this spring."
    assert works_of(text, "Salt Roads: Trade Across the Steppe") == [
        ("Salt Roads: Trade Across the Steppe", None, "misc")
    ]


def test_body_after_by_is_not_a_titled_survey() -> None:
    text = "The readings were taken by the Northern Hydrological Survey after 14 tremors in May."
    assert works_of(text) == []


def test_named_survey_is_still_a_work() -> None:
    text = (
        "According to the Coastal Housing Survey, 38% of tenants pay more than half their income."
    )
    assert [t for t, _, _ in works_of(text)] == ["Coastal Housing Survey"]


def test_a_persons_surname_is_not_a_corporate_author() -> None:
    text = (
        "“Wetlands hold far more carbon than we thought,” said Tomas Vey, a senior scientist at the "
        'lake station. A paper titled "Peat Under Pressure" by Vey and his colleagues says 40% of '
        "the bogs have been drained."
    )
    assert works_of(text) == [("Peat Under Pressure", None, "paper")]


def test_a_one_word_body_is_still_an_issuer() -> None:
    text = 'A report by Oxlam titled "Thin Harvests" says 2,000 farms closed in 2023.'
    assert works_of(text) == [("Thin Harvests", "Oxlam", "report")]


def test_authors_names_before_a_work_noun_are_no_title() -> None:
    text = (
        "According to the Okoro and Lindqvist survey, 61% of the town's residents rent their homes."
    )
    assert works_of(text) == []


def test_an_organisation_before_a_work_noun_is_no_title() -> None:
    text = "Local officials said the United Nations report found 300 schools were damaged."
    assert works_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Corvale Club said the Consumer Price Index rose 3.1% in March.",
        "The Harbour Freight Index fell 4% last week as orders slowed.",
    ],
)
def test_a_statistic_series_is_not_a_work(text: str) -> None:
    assert works_of(text) == []


def test_a_named_index_cited_as_a_work_is_kept() -> None:
    text = "The Coastal Resilience Index ranks Norland 14th of 40 countries."
    assert [t for t, _, _ in works_of(text)] == ["Coastal Resilience Index"]
