"""Attribution of figures to cited works and parties, on articles written for the purpose.

Figures are built here from numeral strings (not by the extractor) so that these tests measure attribution
alone. Each article asserts the attribution of every figure it holds: a work by its title, a party by its
name, or None.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.cites.attribution import attribute
from citekit.cites.works import find_works, work_identity
from citekit.models import Attribution, CitedWork, Figure, Party
from citekit.read.segment import segment_at, sentences

DATE = dt.date(2024, 5, 17)


def figures_in(text: str, *numerals: str) -> list[Figure]:
    """Figures for the given numeral strings, found in text order ("year:2019" makes a year)."""
    segs = sentences(text)
    out: list[Figure] = []
    pos = 0
    for spec in numerals:
        kind, _, numeral = (
            spec.rpartition(":") if spec.startswith(("year:", "date:")) else ("", "", spec)
        )
        start = text.index(numeral, pos)
        end = start + len(numeral)
        pos = end
        seg = segment_at(segs, start)
        assert seg is not None, numeral
        out.append(
            Figure(
                numeral,
                start,
                end,
                value=None,
                kind=kind or "count",
                sentence_start=seg.start,
                sentence_end=seg.end,
                paragraph=seg.paragraph,
            )
        )
    return out


def labels(
    text: str, figs: list[Figure], works: list[CitedWork], parties: list[Party]
) -> list[str | None]:
    """'work:<title>', 'party:<name>' or None for each figure, checking each cue stands in the text."""
    out: list[str | None] = []
    for i, a in enumerate(attribute(text, figs, works, parties)):
        if a is None:
            out.append(None)
            continue
        assert isinstance(a, Attribution) and a.figure_index == i
        assert text[a.cue_start : a.cue_end] == a.cue
        out.append(
            f"work:{works[a.work_index].title}" if a.work_index is not None else f"party:{a.party}"
        )
    return out


def run(text: str, *numerals: str) -> tuple[list[str | None], list[CitedWork], list[Party]]:
    works, parties = find_works(text, DATE)
    figs = figures_in(text, *numerals)
    return labels(text, figs, works, parties), works, parties


# 1. Two reports in one article, each figure to its own report.
TWO_REPORTS = """A report titled "Dry Taps: Rural Water in Crisis" by the Meridian Water Trust says 4.2 million \
people in the region lack safe water. It found that 38 of the 212 planned boreholes were completed.

A separate study, called Pipes and Promises, published in March 2019 by the Lakeside Institute, estimates \
that 1,200 villages rely on trucked water. The study says 60% of those villages pay more than $5 a day.

According to the Meridian report, 17 districts have no working water point."""


def test_two_reports_in_one_article() -> None:
    got, works, _ = run(TWO_REPORTS, "4.2 million", "38", "212", "1,200", "60%", "$5", "17")
    dry, pipes = "work:Dry Taps: Rural Water in Crisis", "work:Pipes and Promises"
    assert got == [dry, dry, dry, pipes, pipes, pipes, dry]
    assert [(w.organisation, w.year, w.year_inferred) for w in works] == [
        ("Meridian Water Trust", 2024, True),
        ("Lakeside Institute", 2019, False),
    ]
    assert [w.work_type for w in works] == ["report", "study"]


# 2. A party that disputes the report: its figures (including the report's 38 it rejects) are its own.
DISPUTE = """Only 38 boreholes were drilled in Kasama district last year, a report published on Wednesday by \
the Meridian Water Trust, a Geneva-based research group, says. The report, titled Dry Season, found that \
41% of households walk more than 2 km for water.

The water ministry says 212 boreholes were completed, not 38. It added that 95% of them are working.

Villagers interviewed by this newspaper counted 3 broken pumps."""


def test_party_disputes_report() -> None:
    got, works, parties = run(DISPUTE, "38", "41%", "2 km", "212", "38", "95%", "3 broken")
    report = "work:Dry Season"
    assert got == [
        report,
        report,
        report,
        "party:water ministry",
        "party:water ministry",
        "party:water ministry",
        None,
    ]
    assert works[0].organisation == "Meridian Water Trust"
    assert [p.name for p in parties] == ["water ministry"]


# 3. Reported speech across sentences and into a paragraph that continues it; it stops at one that doesn't.
ACROSS = """The Lakeside Institute's annual survey, titled "Counting the Cost", says 2,300 households lost \
their homes to floods in 2022. Another 870 were damaged. Insurance covered only 12% of the losses.

Of these, 640 households are still in temporary shelter.

Separately, 15 new schools opened in the district this year."""


def test_reported_speech_across_sentences_and_paragraphs() -> None:
    got, works, _ = run(ACROSS, "2,300", "year:2022", "870", "12%", "640", "15")
    cost = "work:Counting the Cost"
    assert got == [cost, None, cost, cost, cost, None]
    assert works[0].organisation == "Lakeside Institute"
    assert works[0].work_type == "survey"


def test_carried_attributions_are_marked() -> None:
    works, parties = find_works(ACROSS, DATE)
    figs = figures_in(ACROSS, "2,300", "870", "640")
    first, second, third = attribute(ACROSS, figs, works, parties)
    assert first is not None and not first.carried and first.cue == "says"
    assert second is not None and second.carried and second.cue == "says"
    assert third is not None and third.carried


# 4. Figures the text gives on no one's authority.
NO_SOURCE = """The city council approved a budget of $45 million on Tuesday. The new bridge will be 1.2 km \
long and carry 30,000 vehicles a day.

Construction is expected to take 18 months."""


def test_figures_with_no_source() -> None:
    got, works, parties = run(NO_SOURCE, "$45 million", "1.2 km", "30,000", "18 months")
    assert got == [None, None, None, None]
    assert works == [] and parties == []


# 5. The same report cited by two articles: one identity.
FIRST_ARTICLE = TWO_REPORTS
SECOND_ARTICLE = """The Meridian Water Trust's report DRY TAPS: RURAL WATER IN CRISIS has been cited by the \
ministry. The report says 4.2 million people lack safe water."""


def test_same_report_in_two_articles() -> None:
    got, works, _ = run(SECOND_ARTICLE, "4.2 million")
    assert got == ["work:Dry Taps: Rural Water in Crisis"]
    first, _ = find_works(FIRST_ARTICLE, DATE)
    assert works[0].organisation == "Meridian Water Trust"
    assert work_identity(works[0]) == work_identity(first[0])
    assert work_identity(works[0]) != work_identity(first[1])


# 6. A quoted title; the organisation is the subject of the sentence that says "its report".
QUOTED = """In its report "Silent Streets", the Urban Noise Observatory found that 62% of residents sleep \
with their windows closed. Night traffic rose by 14% in five years, the report says."""


def test_quoted_title() -> None:
    got, works, parties = run(QUOTED, "62%", "14%", "five years")
    silent = "work:Silent Streets"
    assert got == [silent, silent, silent]
    assert works[0].organisation == "Urban Noise Observatory"
    assert parties == []


# 7. A title in capitals, given before the word "study".
CAPITALS = """NO SAFE HARBOUR, a study by the Aegean Rescue Network, says 3,100 migrants drowned in 2023, \
up from 2,400 a year earlier. Coast guards rescued 41,000 people, the study adds."""


def test_title_in_capitals() -> None:
    got, works, _ = run(CAPITALS, "3,100", "year:2023", "2,400", "41,000")
    harbour = "work:No Safe Harbour"
    assert got == [harbour, None, harbour, harbour]
    assert works[0].title_text == "NO SAFE HARBOUR"
    assert works[0].organisation == "Aegean Rescue Network"
    assert works[0].work_type == "study"


# 8. A title the HTML set in <em>; a relative clause ("which estimates") reports it.
EMPHASIS = """Researchers at Northfield University describe the decline in their book Empty Nets, which \
estimates that cod stocks fell by 70% between 1990 and 2020. Trawlers landed 9,000 tonnes in 2021."""


def test_title_in_html_emphasis() -> None:
    start = EMPHASIS.index("Empty Nets")
    works, parties = find_works(EMPHASIS, DATE, emphasis=[(start, start + len("Empty Nets"))])
    figs = figures_in(EMPHASIS, "70%", "year:1990", "year:2020", "9,000 tonnes", "year:2021")
    got = labels(EMPHASIS, figs, works, parties)
    assert got == ["work:Empty Nets", None, None, "work:Empty Nets", None]
    assert works[0].work_type == "book"
    without, _ = find_works(EMPHASIS, DATE)
    assert without == []


# 9. Organisations quoted without a titled work.
PARTIES = """Some 1,400 people have been displaced by the fighting, according to the UN. Aid agencies say \
300,000 need food aid.

The interior ministry said 57 soldiers had been killed. Police said 12 people were arrested."""


def test_organisations_without_a_titled_work() -> None:
    got, works, parties = run(PARTIES, "1,400", "300,000", "57", "12")
    assert got == ["party:UN", "party:aid agencies", "party:interior ministry", "party:police"]
    assert works == []
    assert [p.name for p in parties] == ["UN", "aid agencies", "interior ministry", "police"]


# 10. Two speakers in one sentence split it between them.
SPLIT = """A report titled Broken Classrooms says 500 schools were damaged, but the education ministry \
says only 200 were. Repairs will cost $30 million, the ministry added."""


def test_two_speakers_in_one_sentence() -> None:
    got, _, _ = run(SPLIT, "500", "200", "$30 million")
    assert got == ["work:Broken Classrooms", "party:education ministry", "party:education ministry"]


# 11. Direct speech with an inverted cue; a new paragraph without a continuation is not carried.
INVERTED = """"We have cleared 80% of the backlog," said Jane Okafor, the ministry's spokeswoman. She said \
another 2,000 cases would be closed by June.

The backlog stood at 12,000 cases in January."""


def test_inverted_cue_and_pronoun() -> None:
    got, _, parties = run(INVERTED, "80%", "2,000", "12,000")
    assert got == ["party:Jane Okafor", "party:Jane Okafor", None]
    assert [p.name for p in parties] == ["Jane Okafor"]


# 12. A named index with its publisher and year; "It found" continues it.
INDEX = """The 2023 Global Peace Index, released by the Institute for Economics and Peace, says conflict \
deaths rose 96% last year. It found that 92 countries became less peaceful.

The index ranks 163 countries."""


def test_named_index() -> None:
    got, works, _ = run(INDEX, "96%", "92", "163")
    gpi = "work:Global Peace Index"
    assert got == [gpi, gpi, None]
    assert works[0].year == 2023 and not works[0].year_inferred
    assert works[0].organisation == "Institute for Economics and Peace"
    assert works[0].work_type == "index"
    assert [INDEX[m.start : m.end] for m in works[0].mentions] == ["The index"]


# 13. A speaker that cannot be a report ("he") ends the report's run rather than inheriting it.
UNKNOWN = """The report titled Lost Harvests says 5,000 farms failed last year. He said 20 more were \
abandoned. Another 300 were sold."""


def test_unknown_speaker_stops_carry() -> None:
    got, _, _ = run(UNKNOWN, "5,000", "20", "300")
    assert got == ["work:Lost Harvests", None, None]


# 14. "the report" with two reports in play goes to the one most recently named; a new party interrupts.
RECENT = """A report titled Heat Maps says 44 cities broke records. Another report, titled Cool Roofs, \
says 9% of roofs are reflective. The report also says 3 cities have a plan.

Officials said 7 cities had plans."""


def test_definite_mention_goes_to_most_recent() -> None:
    got, works, _ = run(RECENT, "44", "9%", "3 cities", "7 cities")
    assert got == ["work:Heat Maps", "work:Cool Roofs", "work:Cool Roofs", "party:officials"]
    assert len(works) == 2


# 15. An untitled poll credited to the firm that ran it; "added" used for jobs is not reporting.
POLL = """A poll conducted by Ipsos for the newspaper found 61% of voters back the measure, while 29% \
oppose it. The survey of 1,500 adults has a margin of error of 2.5 points.

The unemployment rate fell to 3.9% in April, the Bureau of Labor Statistics said. Employers added \
175,000 jobs."""


def test_untitled_poll_and_non_reporting_verb() -> None:
    got, works, parties = run(POLL, "61%", "29%", "1,500", "2.5 points", "3.9%", "175,000")
    ipsos, bls = "party:Ipsos", "party:Bureau of Labor Statistics"
    assert got == [ipsos, ipsos, ipsos, ipsos, bls, bls]
    assert works == []
    assert [p.name for p in parties] == ["Ipsos", "Bureau of Labor Statistics"]


# 16. "the group" and "the trust" refer back to a body already named; "the trust's previous report" is
# another work than the one just named, so its figure is not credited to it.
ANAPHORA = """Nearly 2.2 billion people lack safe water, a report published on Wednesday by the Meridian \
Water Trust, a Geneva-based research group, says.

The report, "Thirst for Change", found that 703 million people have no service at all. Rural areas \
account for 80% of them, the trust said.

Amnesty International said 1,153 executions were recorded. Iran accounted for 74% of them, the group \
said in its annual report on the death penalty.

The trust's previous report had put the number at 2 billion."""


def test_anaphoric_bodies_and_previous_reports() -> None:
    got, works, parties = run(
        ANAPHORA, "2.2 billion", "703 million", "80%", "1,153", "74%", "2 billion"
    )
    thirst = "work:Thirst for Change"
    assert got == [
        thirst,
        thirst,
        thirst,
        "party:Amnesty International",
        "party:Amnesty International",
        None,
    ]
    assert works[0].organisation == "Meridian Water Trust"
    assert [ANAPHORA[m.start : m.end] for m in works[0].mentions] == ["a report"]
    assert [p.name for p in parties] == ["Amnesty International"]


# 17. A sentence-final clause without a comma does not reach back over the sentence.
NOT_SET_OFF = """Factories shed 40,000 jobs, the statistics office said. That was worse than the 25,000 \
economists had expected."""


def test_sentence_final_clause_needs_a_comma_to_reach_back() -> None:
    got, _, _ = run(NOT_SET_OFF, "40,000", "25,000")
    assert got == ["party:statistics office", "party:statistics office"]


def test_figure_inside_a_title_is_not_attributed() -> None:
    text = 'The report titled "Water 2030" says 40% of wells are dry.'
    got, works, _ = run(text, "2030", "40%")
    assert got == [None, "work:Water 2030"]


def test_non_figures_get_none() -> None:
    text = "The report titled Lost Harvests says 5,000 farms failed in 2019."
    got, _, _ = run(text, "5,000", "year:2019")
    assert got == ["work:Lost Harvests", None]


def test_one_element_per_figure_and_empty_inputs() -> None:
    assert attribute("", [], [], []) == []
    text = "Police said 12 people were arrested."
    figs = figures_in(text, "12")
    assert attribute(text, figs, [], []) == [None]  # the caller knows no party: no guess


SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_ff2d753cc6dcba1d.txt"


def _seed_text() -> str:
    raw = SEED.read_text(encoding="utf-8")
    header = raw[: raw.index("2017-10-27") + len("2017-10-27")]
    return " " * len(header) + raw[len(header) :]


SOUFAN = [
    "1,300",
    "3000",
    "147",
    "4,200",
    "Hundreds",
    "1,500",
    "500",
    "500",
    "44",
    "400",
    "33",
    "5,600",
    "400",
    "3,417",
    "760",
    "3,244",
    "800",
    "2,926",
    "271",
    "1,910",
]


def test_seed_with_hand_made_figures() -> None:
    text = _seed_text()
    works, parties = find_works(text, dt.date(2017, 10, 27))
    assert len(works) == 1
    work = works[0]
    assert work.title == "Beyond the Caliphate: Foreign Fighters and the Threat of Returnees"
    assert work.organisation == "Soufan Center"
    assert (work.year, work.year_inferred) == (2017, True)
    figs = figures_in(text, *SOUFAN, "thousands")
    got = labels(text, figs, works, parties)
    assert got == [f"work:{work.title}"] * len(SOUFAN) + [None]


def test_seed_end_to_end_with_extractor() -> None:
    extract = pytest.importorskip("citekit.extract")
    text = _seed_text()
    works, parties = find_works(text, dt.date(2017, 10, 27))
    figs = extract.extract_figures(text)
    attributions = attribute(text, figs, works, parties)
    assert len(attributions) == len(figs)
    credited = {}
    for fig, a in zip(figs, attributions, strict=True):
        if fig.is_figure:
            credited.setdefault(fig.text, []).append(a is not None and a.work_index == 0)
    for numeral in SOUFAN:
        hits = [ok for text_, oks in credited.items() if numeral in text_ for ok in oks]
        assert hits and all(hits), numeral
    thousands = [a for f, a in zip(figs, attributions, strict=True) if f.text == "thousands"]
    assert thousands in ([], [None])


CASES = json.loads(
    (Path(__file__).parent / "data" / "attribution_cases.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_data_driven_articles(case: dict[str, Any]) -> None:
    text = case["text"]
    got, works, parties = run(text, *case["figures"])
    assert got == case["expected"]
    assert [
        {
            "title": w.title,
            "organisation": w.organisation,
            "work_type": w.work_type,
            "year": w.year,
            "year_inferred": w.year_inferred,
        }
        for w in works
    ] == case["works"]
    assert [p.name for p in parties] == case["parties"]


WORDS = [
    "The",
    "the",
    "a",
    "report",
    "titled",
    "study",
    "called",
    '"',
    "\u201c",
    "\u201d",
    "'s",
    "says",
    "said",
    "according",
    "to",
    "Citing",
    "figures",
    "provided",
    "by",
    "UN",
    "Soufan",
    "Center",
    "BEYOND",
    "CALIPHATE",
    ":",
    ",",
    ".",
    "\n\n",
    "They",
    "include",
    "400",
    "1,500",
    "of",
    "it",
    "he",
    "ministry",
    "water",
    "Index",
    "Global",
    "(",
    ")",
    "which",
    "estimates",
    "-",
    "published",
    "in",
    "2019",
    "its",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80))
def test_never_fails_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    works, parties = find_works(text, DATE, emphasis=[(0, min(5, len(text)))])
    for work in works:
        assert text[work.start : work.end] == work.title_text
    figs = [
        Figure(m, i, i + len(m), value=None)
        for m, i in ((w, text.find(w)) for w in ("400", "1,500", "2019"))
        if i >= 0
    ]
    result = attribute(text, figs, works, parties)
    assert len(result) == len(figs)
    for a in result:
        if a is not None:
            assert text[a.cue_start : a.cue_end] == a.cue
            assert (a.work_index is None) != (a.party is None)
