"""Cited works (titles, issuers, years, mentions) and quoted parties found in a text."""

from __future__ import annotations

import datetime as dt

import pytest

from citekit.cites.titlecase import restore_title_case
from citekit.cites.works import find_works, same_work, work_identity
from citekit.models import CitedWork

DATE = dt.date(2024, 5, 17)


def titles(text: str, **kwargs: object) -> list[str]:
    works, _ = find_works(text, DATE, **kwargs)  # type: ignore[arg-type]
    return [w.title for w in works]


@pytest.mark.parametrize(
    ("capitals", "expected"),
    [
        (
            "BEYOND THE CALIPHATE: Foreign Fighters and the Threat of Returnees",
            "Beyond the Caliphate: Foreign Fighters and the Threat of Returnees",
        ),
        ("DRY TAPS: THE STATE OF RURAL WATER", "Dry Taps: The State of Rural Water"),
        ("A TALE OF POST-CONFLICT CITIES", "A Tale of Post-Conflict Cities"),
        ("THE UN AT 75 - A REVIEW", "The UN at 75 - A Review"),
        ("Already Cased Title", "Already Cased Title"),
    ],
)
def test_restore_title_case(capitals: str, expected: str) -> None:
    assert restore_title_case(capitals) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('A study titled "Pipes and Promises" says 40% of pipes leak.', ["Pipes and Promises"]),
        ("A survey called Voices of the Valley found 30% support.", ["Voices of the Valley"]),
        (
            "The paper, entitled \u201cCold Water, Hot Money,\u201d was published.",
            ["Cold Water, Hot Money"],
        ),
        ("A report titled Water for All on Monday said 5 towns are dry.", ["Water for All"]),
        ('Its report "Silent Streets" says 62% sleep badly.', ["Silent Streets"]),
        ('"Silent Streets", a new report by the Observatory, says 62%.', ["Silent Streets"]),
        ("THE LAST DROP, a study by the Basin Trust, says 9 rivers dried.", ["The Last Drop"]),
        ("The 2023 Global Peace Index says 92 countries slipped.", ["Global Peace Index"]),
        ("The World Drug Report says use rose 5%.", ["World Drug Report"]),
        ("The Global Findex survey found 76% have an account.", ["Global Findex"]),
    ],
)
def test_titles_by_pattern(text: str, expected: list[str]) -> None:
    assert titles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'The minister said the plan would "keep the brand alive" for 10 years.',
        "The group called for 500 more wells.",
        "Islamic State (IS) militants and UN staff were seen; the report says nothing.",
        "The Soufan Center report says 300 returned.",  # an organisation's report, not a title
        'He told reporters: "We Will Win." Nothing more.',
    ],
)
def test_not_titles(text: str) -> None:
    assert titles(text) == []


def test_emphasis_span_is_a_title() -> None:
    text = "In their book Empty Nets, the authors count 70 fleets."
    start = text.index("Empty")
    works, _ = find_works(text, DATE, emphasis=[(start, start + len("Empty Nets"))])
    assert [(w.title, w.work_type, w.start, w.end) for w in works] == [
        ("Empty Nets", "book", start, start + 10)
    ]
    # Emphasis on a word that cannot be a title is ignored.
    stress = text.index("count")
    assert find_works(text, DATE, emphasis=[(stress, stress + 5)])[0] == []


def test_emphasis_without_a_work_noun_is_misc() -> None:
    text = "The figures come from The Long Drought, published last year."
    start = text.index("The Long")
    works, _ = find_works(text, DATE, emphasis=[(start, start + len("The Long Drought"))])
    assert [(w.title, w.work_type) for w in works] == [("The Long Drought", "misc")]


def test_title_span_and_text_are_exact() -> None:
    text = "The report titled BEYOND THE CALIPHATE: Foreign Fighters and the Threat of Returnees says that."
    (work,), _ = find_works(text, DATE)
    assert text[work.start : work.end] == work.title_text
    assert work.title_text == "BEYOND THE CALIPHATE: Foreign Fighters and the Threat of Returnees"


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "A report titled Dry Taps by the Meridian Water Trust says 4 wells work.",
            "Meridian Water Trust",
        ),
        (
            "A study from Northfield University, titled Cold Streams, found 3 species.",
            "Northfield University",
        ),
        ("The Basin Trust released a report titled Dry Taps on Monday.", "Basin Trust"),
        (
            "The Lakeside Institute's survey, titled Counting the Cost, says 2,300.",
            "Lakeside Institute",
        ),
        (
            'In its report "Silent Streets", the Urban Noise Observatory found 62%.',
            "Urban Noise Observatory",
        ),
        (
            "The Soufan Center, a US-based think tank, says 3000 were detained.\n\n"
            "The report titled Beyond the Caliphate says 4,200 left.",
            "Soufan Center",
        ),
        (
            "A report titled Dry Taps says 4 wells work. The Meridian Trust's report was written in Geneva.",
            "Meridian Trust",
        ),
        (
            "Only 38 wells were dug, a report published on Wednesday by the Meridian Water Trust says. "
            "The report, titled Dry Season, found 41%.",
            "Meridian Water Trust",
        ),
    ],
)
def test_organisation(text: str, organisation: str) -> None:
    works, _ = find_works(text, DATE)
    assert [w.organisation for w in works] == [organisation]


def test_appositive_organisation_needs_a_single_candidate() -> None:
    text = (
        "The Blue Institute, a think tank, and the Green Forum, a research group, disagree.\n\n"
        "A report titled Dry Taps says 4 wells work."
    )
    works, _ = find_works(text, DATE)
    assert works[0].organisation is None


@pytest.mark.parametrize(
    ("text", "year", "inferred"),
    [
        ("Its 2016 survey, titled Voices of the Valley, found 30%.", 2016, False),
        ("A study titled Cold Streams, published in March 2019, found 3 species.", 2019, False),
        ('The report "Dry Taps" (2021) says 4 wells work.', 2021, False),
        ("A report titled Dry Taps says 4 wells work.", 2024, True),
        (
            "A report titled Dry Taps, published in 2031, says 4 wells work.",
            2024,
            True,
        ),  # not after the source
    ],
)
def test_year(text: str, year: int, inferred: bool) -> None:
    (work,), _ = find_works(text, DATE)
    assert (work.year, work.year_inferred) == (year, inferred)


def test_year_unknown_without_a_source_date() -> None:
    (work,), _ = find_works("A report titled Dry Taps says 4 wells work.")
    assert (work.year, work.year_inferred) == (None, False)


def test_mentions_and_duplicates() -> None:
    text = (
        "Some 1,300 fighters are abroad, a new report says.\n\n"
        "The report titled Beyond the Caliphate says 4,200 left. According to the report, 1,500 are Uzbek.\n\n"
        "The Soufan Center's report says flows stopped. Beyond the Caliphate was widely read."
    )
    works, parties = find_works(text, DATE)
    assert len(works) == 1
    mentions = [text[m.start : m.end] for m in works[0].mentions]
    assert mentions == [
        "a new report",
        "the report",
        "The Soufan Center's report",
        "Beyond the Caliphate",
    ]
    assert works[0].organisation == "Soufan Center"
    assert parties == []


def test_mentions_with_two_works() -> None:
    text = (
        "A report titled Heat Maps says 44 cities broke records. A study titled Cool Roofs says 9%. "
        "The report also says 3 cities have a plan. A report says other things."
    )
    works, _ = find_works(text, DATE)
    heat, cool = works
    assert [text[m.start : m.end] for m in heat.mentions] == ["The report"]
    assert cool.mentions == []  # "A report" after both are named is someone else's report


def test_parties() -> None:
    text = (
        "Some 1,400 people fled, according to the UN. The water ministry says 212 boreholes were dug. "
        "Police said 12 were arrested. According to a World Bank report, 30% are poor. "
        "The data shows 4 more. He said 5."
    )
    _, parties = find_works(text, DATE)
    assert [p.name for p in parties] == ["UN", "water ministry", "police", "World Bank"]
    assert [text[p.start : p.end] for p in parties] == [
        "the UN",
        "The water ministry",
        "Police",
        "World Bank",
    ]


def test_a_works_issuer_is_not_a_party() -> None:
    text = "The Meridian Trust says 4 wells work. Its report, titled Dry Taps, was published by the Meridian Trust."
    works, parties = find_works(text, DATE)
    assert works[0].organisation == "Meridian Trust"
    assert parties == []


def _work(title: str, organisation: str | None) -> CitedWork:
    return CitedWork(
        title=title, title_text=title, start=0, end=len(title), organisation=organisation
    )


def test_work_identity() -> None:
    a = _work(
        "Beyond the Caliphate: Foreign Fighters and the Threat of Returnees", "The Soufan Center"
    )
    b = _work(
        "BEYOND THE CALIPHATE \u2013 foreign fighters and the threat of returnees", "Soufan Center"
    )
    c = _work("Beyond the Caliphate", "Soufan Center")
    d = _work("Beyond the Caliphate: Foreign Fighters and the Threat of Returnees", None)
    assert (
        work_identity(a)
        == work_identity(b)
        == "beyond the caliphate foreign fighters and the threat of returnees|soufan center"
    )
    assert work_identity(a) != work_identity(c)
    assert work_identity(d).endswith("|")
    assert same_work(a, b) and same_work(a, d) and not same_work(a, c)
    assert same_work(a, _work(a.title, "Soufan")) and not same_work(
        a, _work(a.title, "Meridian Trust")
    )


@pytest.mark.parametrize(
    "text",
    [
        "The report named Russia as a threat and said 40 agents were expelled.",
        "The report called Russia a threat.",
        "The study named 12 countries.",
    ],
)
def test_verbs_that_only_look_like_titling(text: str) -> None:
    assert titles(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A " * 100_000,
        "REPORT " * 50_000,
        '"' * 100_000,
        "report titled " * 20_000,
        "The Meridian Water Trust, a " * 10_000,
        ("x, " * 30_000) + "says",
        "According to the " * 20_000,
    ],
)
def test_long_hostile_inputs_are_read_without_error(text: str) -> None:
    # How the time grows on such inputs is measured by benchmarks/timebombs.py (whole processes,
    # 1x and 4x); here: no exception, and no work invented from repetition alone.
    works, parties = find_works(text, DATE)
    assert len(works) <= 1
    assert len(parties) <= 1
