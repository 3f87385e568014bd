"""Notes, manual links, hand attributions and corrections: the reader's side of the record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import citekit.cli.notes  # noqa: F401  (registers note, notes, link, fix, show)
from citekit.errors import AnchorError, UnknownKeyError
from citekit.library import annotations as ann
from citekit.library import notes
from citekit.library.folder import Library

ARTICLE = """date 2024-03-05

Harbour traffic rose sharply last year. The port handled 4.2 million containers in 2023, up 12%
on the year before, according to the Ministry of Transport.

Officials said nearly 300 ships were delayed by the storm. Each delay cost about $15,000 a day.

The mayor promised 40 new cranes by 2026. Dock workers called the plan a distraction.
"""

REVIEW = """date 2024-04-10

A winter review of the harbour counted 310 delayed ships. Repairs will take 18 months.
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def harbour(cli, tmp_path):
    """A library holding the harbour article under the key `harbour`; returns the source path."""
    src = _write(tmp_path / "src" / "harbour.txt", ARTICLE)
    result = cli("add", str(src), "--key", "harbour")
    assert result.exit_code == 0, result.output
    return src


def _figure_id(cli, key: str, contains: str) -> str:
    for f in cli.json("figures", key):
        if contains in f["text"]:
            return f["id"]
    raise AssertionError(f"no figure with {contains!r} in {key}")


def _lines(cli, key: str) -> list[str]:
    return (cli.root / "annotations" / f"{key}.jsonl").read_text(encoding="utf-8").splitlines()


def _error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


# -- notes --------------------------------------------------------------------------------


def test_note_on_source_and_on_figure_listed_and_filtered_by_tag(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    r1 = cli("note", "harbour", "Ask the ministry for its bulletin", "--tag", "todo")
    assert r1.exit_code == 0, r1.output
    r2 = cli(
        "note",
        "harbour",
        "storm delays look overstated",
        "--figure",
        ships,
        "--tag",
        "doubt",
        "--tag",
        "#Todo",
    )
    assert r2.exit_code == 0, r2.output

    listed = cli.json("notes")
    assert [(n["source"], n["figure"], n["text"]) for n in listed] == [
        ("harbour", None, "Ask the ministry for its bulletin"),
        ("harbour", ships, "storm delays look overstated"),
    ]
    assert listed[1]["tags"] == ["doubt", "todo"]
    assert listed[1]["figure_text"] and "300" in listed[1]["figure_text"]
    for n in listed:
        created = dt.datetime.fromisoformat(n["created"].replace("Z", "+00:00"))
        assert created.tzinfo is not None and created.utcoffset() == dt.timedelta(0)

    assert [n["text"] for n in cli.json("notes", "--tag", "doubt")] == [
        "storm delays look overstated"
    ]
    assert len(cli.json("notes", "harbour", "--tag", "TODO")) == 2
    assert cli.json("notes", "--tag", "nothing") == []

    human = cli("notes", "--tag", "doubt")
    assert human.exit_code == 0
    assert "storm delays" in human.output and "Ask the ministry" not in human.output
    none = cli("notes", "--tag", "nothing")
    assert none.exit_code == 1
    _error_line(none)


def test_note_is_a_w3c_commenting_annotation(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    cli("note", ships, "seen", "in", "two", "papers", "--tag", "press")
    record = json.loads(_lines(cli, "harbour")[-1])
    assert record["motivation"] == "commenting"
    assert record["type"] == "Annotation"
    assert record["@context"] == ann.CONTEXT
    assert "generator" not in record
    assert record["body"] == {
        "type": "TextualBody",
        "value": "seen in two papers",
        "format": "text/plain",
        "tags": ["press"],
    }
    assert record["target"] == {"source": "harbour", "id": ann.urn("harbour", ships.split(":")[1])}
    figure = next(f for f in cli.json("figures", "harbour") if f["id"] == ships)
    assert [n["text"] for n in figure["notes"]] == ["seen in two papers"]


def test_a_note_is_one_added_line_and_the_file_stays_sorted(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    cli("note", "harbour", "first")
    before = _lines(cli, "harbour")
    result = cli("note", "harbour", "second thought", "--figure", ships)
    assert result.exit_code == 0, result.output
    after = _lines(cli, "harbour")
    added = [line for line in after if line not in before]
    assert len(after) == len(before) + 1 and len(added) == 1
    assert [line for line in after if line != added[0]] == before
    assert json.loads(added[0])["id"] == "urn:citekit:harbour:n2"
    path = cli.root / "annotations" / "harbour.jsonl"
    assert all(isinstance(json.loads(line), dict) for line in after)
    assert ann.dumps(ann.read(path)) == path.read_text(encoding="utf-8")


def test_figure_ids_in_both_spellings_and_unknown_ones(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    local = ships.split(":")[1]
    for spelling in (ships, f"urn:citekit:{ships}", local):
        result = cli("note", "harbour", "x", "--figure", spelling)
        assert result.exit_code == 0, (spelling, result.output)
    assert len(cli.json("notes", "harbour")) == 3

    for args in (
        ("note", "harbour", "x", "--figure", "harbour:f999"),
        ("note", "nosuchkey", "x"),
        ("note", "harbour", "x", "--figure", "other:f1"),
        ("notes", "nosuchkey"),
        ("fix", "harbour:f999", "--value", "3"),
        ("fix", "nosuchkey:f1", "--value", "3"),
    ):
        result = cli(*args)
        assert result.exit_code == 1, args
        _error_line(result)
    assert len(cli.json("notes", "harbour")) == 3


def test_usage_errors_exit_2(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    for args in (
        ("note", "harbour"),
        ("note", "harbour", "   "),
        ("fix", ships),
        ("fix", ships, "--qualifier", "roughly"),
        ("fix", ships, "--value", "many"),
        ("link", "harbour"),
        ("link", "--figure", ships),
        ("link", "harbour", "--quote", "x", "--figure", ships, "--to", "harbour"),
        # One figure-id syntax everywhere: a malformed id, or fN without its source, is usage.
        ("note", "harbour", "x", "--figure", "not-an-id"),
        ("fix", "f4", "--value", "3"),
        ("link", "--figure", "f4", "--to", "harbour"),
    ):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1


def _note_in_process(args: tuple[str, int]) -> str:
    root, i = args
    return notes.add_note(Library(Path(root)), "harbour", f"note {i}")["id"]


def test_concurrent_notes_get_distinct_ids_and_none_is_lost(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    lib = Library(tmp_path / "lib")
    lib.add([_write(tmp_path / "a.txt", ARTICLE)], key="harbour")
    with ProcessPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(_note_in_process, [(str(lib.root), i) for i in range(12)]))
    assert len(set(ids)) == 12
    assert sorted(n.text for n in notes.list_notes(lib, "harbour")) == sorted(
        f"note {i}" for i in range(12)
    )


# -- manual links -------------------------------------------------------------------------


def test_link_by_quote_found_once(cli, harbour):
    numbers_before = [int(f["id"].split(":f")[1]) for f in cli.json("figures", "harbour", "--all")]
    result = cli(
        "link",
        "harbour",
        "--quote",
        "Dock workers called the plan a distraction",
        "--note",
        "a claim worth keeping",
        "--tag",
        "labour",
        "--json",
    )
    assert result.exit_code == 0, result.output
    figure, note = json.loads(result.stdout)
    assert "generator" not in figure
    assert figure["motivation"] == "identifying"
    number = int(figure["id"].rsplit(":f", 1)[1])
    assert number > max(numbers_before)

    snapshot = (cli.root / "sources" / "harbour.txt").read_text(encoding="utf-8")
    quote, position = ann.selectors(figure)
    assert (
        snapshot[position["start"] : position["end"]]
        == "Dock workers called the plan a distraction"
    )
    assert quote["exact"] == "Dock workers called the plan a distraction"
    assert snapshot[position["start"] - len(quote["prefix"]) : position["start"]] == quote["prefix"]
    assert figure["body"]["kind"] == "other" and figure["body"]["value"] is None
    assert note["target"]["id"] == figure["id"] and note["body"]["tags"] == ["labour"]

    short = ann.short_id(figure["id"])
    record = next(f for f in cli.json("figures", "harbour") if f["id"] == short)
    assert record["manual"] is True
    assert record["sentence"].startswith("Dock workers")
    assert [n["text"] for n in record["notes"]] == ["a claim worth keeping"]
    same = cli("link", "harbour", "--quote", "Dock workers called the plan a distraction")
    assert same.exit_code == 1
    assert "already linked" in _error_line(same)


def test_link_by_quote_with_value_and_unit(cli, harbour):
    result = cli(
        "link",
        "harbour",
        "--quote",
        "rose sharply",
        "--value",
        "1,250",
        "--unit",
        "containers a day",
        "--qualifier",
        "approx",
        "--json",
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)[0]["body"]
    assert (body["value"], body["unit"], body["qualifier"], body["kind"]) == (
        1250,
        "containers a day",
        "approx",
        "count",
    )
    assert body["paragraph"] == _paragraph_of(cli, "4.2 million")


def _paragraph_of(cli, text: str) -> int:
    return next(f["paragraph"] for f in cli.json("figures", "harbour") if text in f["text"])


def test_link_quote_across_a_line_break(cli, harbour):
    # In the file "12%" ends a line; the user types the passage on one line.
    result = cli("link", "harbour", "--quote", "up 12% on the year before", "--json")
    assert result.exit_code == 0, result.output
    figure = json.loads(result.stdout)[0]
    assert figure["body"]["text"] == "up 12%\non the year before"
    assert figure["body"]["value"] == 12  # read from the quote itself


def test_link_quote_not_found_and_found_twice(cli, harbour):
    missing = cli("link", "harbour", "--quote", "The port handled 5 million containers")
    assert missing.exit_code == 1
    line = _error_line(missing)
    assert "does not stand" in line
    assert "closest passage at 3:" in line and "port handled" in line

    before = _lines(cli, "harbour")
    twice = cli("link", "harbour", "--quote", "year")
    assert twice.exit_code == 1
    line = _error_line(twice)
    # "last year" (line 3) and "the year before" (line 4).
    assert "stands 2 times" in line and "(at 3:35, 4:8)" in line
    assert _lines(cli, "harbour") == before


def test_link_quote_errors_from_the_library(tmp_path):
    lib = Library(tmp_path / "lib")
    src = _write(tmp_path / "a.txt", ARTICLE)
    lib.add([src], key="harbour")
    with pytest.raises(AnchorError, match=r"stands 2 times .*\(at \d+:\d+, \d+:\d+\)"):
        notes.link_quote(lib, "harbour", "year")
    with pytest.raises(AnchorError, match="does not stand"):
        notes.link_quote(lib, "harbour", "a sentence that is not there at all")
    with pytest.raises(UnknownKeyError):
        notes.link_quote(lib, "nope", "the port")


def test_link_a_figure_to_a_cited_work_by_hand(cli, harbour, tmp_path):
    review = _write(tmp_path / "src" / "review.txt", REVIEW)
    assert cli("add", str(review), "--key", "review2024").exit_code == 0
    ships = _figure_id(cli, "harbour", "300")
    result = cli("link", "--figure", ships, "--to", "review2024")
    assert result.exit_code == 0, result.output
    edit = json.loads(_lines(cli, "harbour")[-1])
    assert edit["motivation"] == "editing"
    assert edit["body"]["changes"] == {"attributed_to": "review2024", "attributed_party": None}

    record = next(f for f in cli.json("figures", "harbour") if f["id"] == ships)
    assert record["attributed_to"] == "review2024" and record["attributed_party"] is None
    hits = cli.json("trace", "300", "ships")
    hit = next(h for h in hits if h["id"] == ships)
    assert hit["cited_work"]["key"] == "review2024"

    unknown = cli("link", "--figure", ships, "--to", "nosuchwork")
    assert unknown.exit_code == 1
    _error_line(unknown)
    itself = cli("link", "--figure", ships, "--to", "harbour")
    assert itself.exit_code == 1


# -- corrections --------------------------------------------------------------------------


def test_fix_keeps_the_original_and_applies_in_order(cli, harbour):
    port = _figure_id(cli, "harbour", "4.2 million")
    assert cli("fix", port, "--value", "4100000", "--qualifier", "approx").exit_code == 0
    assert cli("fix", f"urn:citekit:{port}", "--value", "4,150,000", "--unit", "TEU").exit_code == 0
    record = next(f for f in cli.json("figures", "harbour") if f["id"] == port)
    assert record["value"] == 4150000
    assert record["qualifier"] == "approx" and record["unit"] == "TEU"
    assert record["corrected"] is True
    assert record["original"]["value"] == 4200000
    assert record["original"]["qualifier"] == "exact"
    ids = [json.loads(line)["id"] for line in _lines(cli, "harbour")]
    assert ids[-2:] == ["urn:citekit:harbour:e1", "urn:citekit:harbour:e2"]


def test_fix_not_a_figure_hides_it(cli, harbour):
    cranes = _figure_id(cli, "harbour", "40")
    assert cli("fix", cranes, "--not-a-figure").exit_code == 0
    assert cranes not in {f["id"] for f in cli.json("figures", "harbour")}


def test_notes_and_corrections_survive_re_adding_a_changed_source(tmp_path):
    lib = Library(tmp_path / "lib")
    src = _write(tmp_path / "src" / "harbour.txt", ARTICLE)
    lib.add([src], key="harbour")
    port = next(f["id"] for f in lib.figures(["harbour"]) if "4.2 million" in f["text"])
    moment = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)
    notes.add_note(lib, "harbour", "read in print", tags=["print"], now=moment)
    notes.add_note(lib, "harbour", "check the annual report", figure=port, now=moment)
    notes.fix_figure(lib, port, {"value": 4_100_000}, now=moment)
    manual = notes.link_quote(lib, "harbour", "Dock workers called the plan a distraction")[0]

    changed = ARTICLE.replace(
        "The mayor promised", "A further 25 berths opened in March. The mayor promised"
    )
    _write(src, changed)
    (result,) = lib.add([src], key="harbour")
    assert result.status == "updated"

    figures = {f["id"]: f for f in lib.figures(["harbour"])}
    assert figures[port]["value"] == 4_100_000
    assert figures[port]["original"]["value"] == 4_200_000
    assert [n["text"] for n in figures[port]["notes"]] == ["check the annual report"]
    assert [n.text for n in notes.list_notes(lib, "harbour", tag="print")] == ["read in print"]
    assert ann.short_id(manual["id"]) in figures
    # New figures are numbered above the hand-made one, never on top of it.
    ids = [a["id"] for a in lib.annotations("harbour")]
    assert len(ids) == len(set(ids))
    berths = [f for f in figures.values() if "25" in f["text"]]
    assert berths and all(f["id"] != ann.short_id(manual["id"]) for f in berths)
    assert figures[ann.short_id(manual["id"])]["manual"] is True


# -- trace ----------------------------------------------------------------------------------


def test_trace_finds_a_figure_by_a_word_only_its_note_holds(cli, harbour):
    ships = _figure_id(cli, "harbour", "300")
    assert "smuggling" not in ARTICLE
    assert cli("note", ships, "smuggling inquiry mentions this").exit_code == 0
    hits = cli.json("trace", "smuggling")
    assert [h["id"] for h in hits] == [ships]
    assert hits[0]["notes"][0]["text"] == "smuggling inquiry mentions this"
    human = cli("trace", "smuggling")
    assert human.exit_code == 0 and "smuggling inquiry" in human.output


def test_trace_finds_figures_by_a_source_note(cli, harbour):
    assert "longshore" not in ARTICLE
    cli("note", "harbour", "longshore union dispute")
    hits = cli.json("trace", "300", "longshore")
    assert hits and hits[0]["id"] == _figure_id(cli, "harbour", "300")
    assert {h["source"] for h in cli.json("trace", "longshore")} == {"harbour"}


def test_trace_shows_corrections(cli, harbour):
    port = _figure_id(cli, "harbour", "4.2 million")
    cli("fix", port, "--value", "4100000")
    human = cli("trace", "4100000")
    assert human.exit_code == 0, human.output
    assert "corrected by hand" in human.output and "4200000" in human.output


# -- pure helpers ---------------------------------------------------------------------------


def test_find_quote_and_line_column():
    text = "One “quoted” line\nand two\nlines with two"
    assert notes.find_quote(text, '"quoted" line and') == [(4, 21)]
    assert [notes.line_column(text, s) for s, _ in notes.find_quote(text, "two")] == ["2:5", "3:12"]
    assert notes.find_quote("aaa", "aa") == [(0, 2), (1, 3)]
    with pytest.raises(AnchorError, match="empty"):
        notes.find_quote(text, "  ")


def test_ids_and_numbering():
    assert notes.parse_figure_id("tajik2017:f3") == ("tajik2017", "urn:citekit:tajik2017:f3")
    assert notes.parse_figure_id("urn:citekit:tajik2017:f3")[1] == "urn:citekit:tajik2017:f3"
    assert notes.parse_figure_id("f3", default_key="k") == ("k", "urn:citekit:k:f3")
    for bad in ("tajik2017:n3", "f3", "tajik2017"):
        with pytest.raises(UnknownKeyError):
            notes.parse_figure_id(bad)
    existing = [{"id": "urn:citekit:k:n2"}, {"id": "urn:citekit:k:n7"}, {"id": "urn:citekit:k:f9"}]
    assert notes.next_local(existing, "n") == "n8"
    assert notes.next_local(existing, "e") == "e1"
    assert (
        notes.now_iso(dt.datetime(2024, 1, 2, 3, 4, 5, 678, tzinfo=dt.UTC))
        == "2024-01-02T03:04:05Z"
    )
