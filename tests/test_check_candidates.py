"""`check` reads the library's figures through the index, only those a draft needs: the lookups
return exactly the figures matching asks for, and the verdicts equal those over every figure.

The library (our own sentences): a port's figures and a report it cites, one flood story recorded
from two outlets (the same sentences: read once, both reported), a clinic's figures.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from citekit.check.matching import words
from citekit.check.matching.context import inverse_frequencies
from citekit.check.matching.index import FigureIndex
from citekit.check.report import check_draft, check_text
from citekit.check.stored import StoredFigureIndex
from citekit.library.folder import Library
from citekit.library.index import candidates, open_index
from tests.conftest import record_articles

PORT = """\
date 2021-05-03

The port of Calder handled 41,250 containers in April, up 12% from March, the harbour board said.

About 300 dockers now work night shifts. The report titled Calder Port Review for 2021 by the \
Calder Harbour Board says that 1,730 vessels called in 2020.
"""

FLOOD = """\
Floods closed 46 schools in Dunmore on Monday, and 1,250 homes lost power, officials said.

Repairs will cost £3.5m, the council said.
"""

CLINIC = """\
date 2022-02-10

The Ardmore clinic saw 2,046 patients in 2021, and about 46 nurses left.

Some 12% of beds stayed empty all winter, the clinic said.
"""

DRAFT = """\
# Port and floods

Floods shut 46 schools in Dunmore [@port].
The port handled 41,250 containers in April [@port].
About 1,700 vessels called at Calder in 2020 [@port].
Some 1,250 homes lost power in the floods [@clinic].
Around 2,000 patients visited the Ardmore clinic in 2021 [@clinic].
Repairs will cost £3.5m [@wire1].
About 12% of beds were empty.
We counted 999 gulls on the pier [@port].
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("candidates") / "lib"
    root.mkdir()
    articles = {
        "port": PORT,
        "wire1": "date 2021-06-01\n\nBy our reporter.\n\n" + FLOOD,
        "wire2": "date 2021-06-02\n\nFrom the wires.\n\n" + FLOOD,
        "clinic": CLINIC,
    }
    record_articles(root, root.parent / "src", articles)
    return Library(root)


def _queries(library: Library) -> candidates.FigureQueries:
    return open_index(library).figure_queries()


def _ids(records: list[dict]) -> list[str]:
    return [str(f["id"]) for f in records]


def test_matching_words_and_the_index_words_are_the_same() -> None:
    assert candidates.WORD.pattern == words.WORD.pattern
    for group in candidates.SYNONYM_GROUPS:
        first = group.split()[0]
        assert {words.canonical(w) for w in group.split()} == {first}
    assert candidates._SYNONYMS == words._SYNONYMS


def test_figures_near_a_value_are_one_group_per_reading(library: Library) -> None:
    queries = _queries(library)
    groups = queries.groups_between(46.0, 46.0)
    quantities = sorted(json.loads(q)["text"] for _key, q in groups)
    # The flood story's 46 schools, twice recorded, is one group; the clinic's 46 nurses another.
    assert quantities == ["46", "about 46"]
    schools = next(key for key, q in groups if json.loads(q)["text"] == "46")
    members = queries.members(schools)
    assert [(r.source, r.record["text"], r.record["unit"]) for r in members] == [
        ("wire1", "46", "schools"),
        ("wire2", "46", "schools"),
    ]
    assert [r.record["value"] for r in members] == [46, 46]
    assert queries.groups_between(47.0, 299.0) == []
    assert sorted(json.loads(q)["value"] for _k, q in queries.groups_between(290.0, 310.0)) == [
        300
    ]


def test_held_by_is_the_sources_figures_and_those_credited_to_it(library: Library) -> None:
    queries = _queries(library)
    every = library.figures()
    works = {f["attributed_to"] for f in every if f.get("attributed_to") in library.keys()}
    assert len(works) == 1  # the port's report
    (work,) = works
    for keys in (["port"], ["clinic", "wire2"], [work], ["nobody"]):
        wanted = [
            f
            for f in every
            if f["source"] in keys
            or (f.get("attributed_to") in keys and not f.get("attributed_party"))
        ]
        assert _ids([r.record for r in queries.held_by(keys)]) == _ids(wanted)
    assert [r.record["text"] for r in queries.held_by([work])] == ["1,730"]


def test_the_stored_index_answers_what_the_full_index_answers(library: Library) -> None:
    every = library.figures()
    full = FigureIndex(every)
    stored = StoredFigureIndex(_queries(library), [(46.0, 1.0), (12.0, 1.0)])
    for value, step in [(46.0, 1.0), (12.0, 1.0), (1700.0, 100.0), (3.5e6, 1e5), (999.0, 1.0)]:
        want = [str(full.entries[i].figure["id"]) for i in full.near(value, step)]
        got = [str(stored.entries[i].figure["id"]) for i in stored.near(value, step)]
        assert got == want, value
    for keys in (["port"], ["wire1", "clinic"]):
        want = [str(full.entries[i].figure["id"]) for i in full.held_by(keys)]
        got = [str(stored.entries[i].figure["id"]) for i in stored.held_by(keys)]
        assert got == want
    by_id = {str(e.figure["id"]): i for i, e in enumerate(full.entries)}
    for i in stored.held_by(["port", "wire1", "wire2", "clinic"]):
        j = by_id[str(stored.entries[i].figure["id"])]
        assert stored.context(i) == full.context(j)


def test_word_rarities_are_those_over_every_sentence(library: Library, tmp_path: Path) -> None:
    def check(lib: Library) -> None:
        every = lib.figures()
        want = inverse_frequencies({str(f.get("sentence") or ""): None for f in every})
        rarities = StoredFigureIndex(_queries(lib)).idf
        assert rarities.total == len({str(f.get("sentence") or "") for f in every})
        assert {w: rarities.get(w) for w in want} == want
        assert rarities.get("zeppelin", 1.0) == 1.0

    check(library)
    # A source dropped (its annotation file gone) takes its sentences' words with it; the flood
    # story's other outlet keeps them.
    root = tmp_path / "copy"
    record_articles(root, tmp_path / "src", {"wire1": "By our reporter.\n\n" + FLOOD})
    record_articles(root, tmp_path / "src", {"wire2": "From the wires.\n\n" + FLOOD})
    copy = Library(root)
    check(copy)
    (root / "annotations" / "wire1.jsonl").unlink()
    check(copy)
    assert StoredFigureIndex(_queries(copy)).idf.get("dunmore") is not None
    (root / "annotations" / "wire2.jsonl").unlink()
    check(copy)
    assert StoredFigureIndex(_queries(copy)).idf.get("dunmore") is None


def test_verdicts_through_the_index_equal_those_over_every_figure(library: Library) -> None:
    stored = check_draft(library, DRAFT, "md").to_json()
    full = check_text(DRAFT, "md", library.figures(), library.keys()).to_json()
    assert stored == full
    got = [(n["text"], n["verdict"], n["source"]) for n in stored["numbers"]]
    assert got == [
        ("46", "elsewhere", "wire1"),
        ("41,250", "traced", "port"),
        ("About 1,700", "traced", "port"),
        ("Some 1,250", "elsewhere", "wire1"),
        ("Around 2,000", "traced", "clinic"),
        ("£3.5m", "traced", "wire1"),
        ("About 12%", "traced", "clinic"),
        ("999", "unsourced", None),
    ]
    # The story's other outlet is named beside the first.
    assert [a["source"] for a in stored["numbers"][0]["also"]] == ["wire2"]
    assert stored["library"] == {"sources": 4, "figures": len(library.figures())}


def _groups(library: Library) -> dict[str, str]:
    db = open_index(library).figure_queries().db
    return dict(db.execute("SELECT match_key, context FROM match_groups"))


def test_each_alike_group_is_stored_once_with_its_figures_context(library: Library) -> None:
    every = library.figures()
    full = FigureIndex(every)
    stored = StoredFigureIndex(_queries(library))
    by_id = {str(e.figure["id"]): i for i, e in enumerate(full.entries)}
    groups = stored.near_groups(0.0, 1e12)
    assert len(groups) == len(_groups(library)) == len({f["id"] for f in every}) - 3
    for group in groups:
        for i in stored.group_members(group):
            j = by_id[str(stored.entries[i].figure["id"])]
            assert stored.group_context(group) == full.context(j)
            assert stored.entries[i].quantity == full.entries[j].quantity
    # The flood story, recorded from two outlets: one group for each of its three figures.
    assert sorted(len(stored.group_members(g)) for g in groups).count(2) == 3
    sources = len({f["source"] for f in every})
    assert _queries(library).counts() == (sources, len(every))


def test_a_dropped_source_takes_the_groups_no_other_source_holds(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    record_articles(root, tmp_path / "src", {"wire1": "By our reporter.\n\n" + FLOOD})
    record_articles(root, tmp_path / "src", {"wire2": "From the wires.\n\n" + FLOOD})
    record_articles(root, tmp_path / "src", {"clinic": CLINIC})
    copy = Library(root)
    both = _groups(copy)
    assert _queries(copy).counts() == (3, len(copy.figures()))
    (root / "annotations" / "wire1.jsonl").unlink()
    assert _groups(copy) == both  # wire2 still holds the story's figures
    assert _queries(copy).counts() == (2, len(copy.figures()))
    (root / "annotations" / "wire2.jsonl").unlink()
    left = _groups(copy)
    assert len(left) == len(both) - 3 and set(left) < set(both)
    assert _queries(copy).counts() == (1, len(copy.figures()))


def test_an_index_of_the_schema_before_is_rebuilt_with_its_groups(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    record_articles(root, tmp_path / "src", {"clinic": CLINIC})
    want = _groups(Library(root))
    db = sqlite3.connect(root / ".citekit" / "index.sqlite", isolation_level=None)
    db.execute("DELETE FROM match_groups")
    db.execute("UPDATE meta SET value = '3' WHERE name = 'schema'")
    db.close()
    assert _groups(Library(root)) == want
