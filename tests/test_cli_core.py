"""The core commands end to end through the CLI: exit codes, JSON, files on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bibtexparser

from tests.conftest import write

ARTICLE = """date 2021-03-04 The Meridian Water Trust says 212 boreholes were dug in 2020.

A report titled "Dry Wells: Water Access in the Sahel" found that 41% of households walk more
than 5 km for water. About 3,400 villages were surveyed.
"""


def _lib_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".citekit" not in p.parts
    }


# -- the seed ------------------------------------------------------------------------------


def test_seed_add_figures_trace_export(cli, seed_path):
    result = cli("add", str(seed_path), "--key", "tajik2017")
    assert result.exit_code == 0, result.output
    figures = cli.json("figures", "tajik2017")
    snapshot = (cli.root / "sources" / "tajik2017.txt").read_text(encoding="utf-8")
    numerals = [f for f in figures if f["text"][:1].isdigit() or f["text"][:1] in "nma"]
    texts = {f["text"] for f in figures}
    for expected in ("1,300", "147", "1,500", "44", "33", "3,417", "1,910", "271"):
        assert expected in texts, expected
    assert len([f for f in figures if f["qualifier"] != "vague"]) == 19
    assert len(numerals) >= 19
    for f in figures:
        assert snapshot[f["start"] : f["end"]] == f["text"]
        assert f["quote"]["exact"] in snapshot
        assert snapshot.index(f["quote"]["exact"]) <= f["start"] < f["end"] <= snapshot.index(
            f["quote"]["exact"]
        ) + len(f["quote"]["exact"])
        assert f["source"] == "tajik2017"
        assert set(f) >= {
            "id", "source", "text", "value", "low", "high", "unit", "kind", "qualifier",
            "start", "end", "quote", "sentence", "attributed_to",
        }
    by_text = {f["text"]: f for f in figures}
    assert by_text["3,417"]["value"] == 3417
    assert by_text["3,417"]["start"] == snapshot.index("3,417")
    qualifiers = {f["qualifier"] for f in figures if "3000" in f["text"]}
    assert qualifiers == {"approx"}

    bib = bibtexparser.parse_string((cli.root / "refs.bib").read_text(encoding="utf-8"))
    assert not bib.failed_blocks
    entries = {e.key: e for e in bib.entries}
    assert entries["tajik2017"]["date"] == "2017-10-27"
    report_keys = [k for k in entries if k != "tajik2017"]
    assert len(report_keys) == 1
    report = entries[report_keys[0]]
    assert report["title"] == "Beyond the Caliphate: Foreign Fighters and the Threat of Returnees"
    assert report["institution"] == "The Soufan Center"
    assert report["year"] == "2017"
    assert report_keys[0] in entries["tajik2017"]["related"]
    assert "tajik2017" in report["related"]

    hits = cli.json("trace", "3417")
    assert hits[0]["text"] == "3,417"
    assert "fighters from Russia" in hits[0]["sentence"]
    assert hits[0]["source_entry"]["key"] == "tajik2017"
    assert hits[0]["source_entry"]["date"] == "2017-10-27"
    assert cli.json("trace", "3,417")[0]["id"] == hits[0]["id"]

    exported = cli("export", "--format", "bibtex")
    assert exported.exit_code == 0
    parsed = bibtexparser.parse_string(exported.stdout)
    assert not parsed.failed_blocks
    assert {e.key for e in parsed.entries} == {"tajik2017", report_keys[0]}


def test_dates_are_classified_not_listed_as_figures(cli, seed_path):
    cli("add", str(seed_path), "--key", "tajik2017")
    figures = cli.json("figures", "tajik2017")
    assert not any(f["kind"] in ("date", "year") for f in figures)
    everything = cli.json("figures", "tajik2017", "--all")
    dates = {f["text"]: f["kind"] for f in everything if f["kind"] == "date"}
    assert "June 2014" in dates
    assert any("2015" in t for t in dates)
    assert not any("2017-10-27" in f["text"] for f in everything)


# -- add -----------------------------------------------------------------------------------


def test_add_generates_a_key_and_a_derived_title(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    result = cli.json("add", str(src))
    key = result["results"][0]["key"]
    assert result["results"][0]["status"] == "added"
    entry = cli.json("entries")
    source = next(e for e in entry if e["ID"] == key)
    assert source["title"] == "The Meridian Water Trust says 212 boreholes were dug in 2020"
    assert source["citekit-title"] == "derived"
    assert source["date"] == "2021-03-04"
    assert key == "meridian2021water"
    assert (cli.root / "sources" / f"{key}.txt").read_text(encoding="utf-8") == ARTICLE


def test_metadata_options_win(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    cli(
        "add", str(src), "--key", "w1", "--title", "Dry wells", "--author", "Doe, Jane",
        "--publisher", "The Courier", "--url", "https://example.org/a", "--type", "article",
    )
    entry = cli.json("entries")
    source = next(e for e in entry if e["ID"] == "w1")
    assert source["ENTRYTYPE"] == "article"
    assert source["title"] == "Dry wells"
    assert source["author"] == "Doe, Jane"
    assert source["url"] == "https://example.org/a"
    assert "citekit-title" not in source


def test_recording_the_same_content_twice_changes_nothing(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    cli("add", str(src))
    before = _lib_files(cli.root)
    again = cli.json("add", str(src))
    assert again["results"][0]["status"] == "unchanged"
    assert _lib_files(cli.root) == before
    copy = write(tmp_path / "other" / "copy.txt", ARTICLE)
    assert cli.json("add", str(copy))["results"][0]["status"] == "unchanged"
    assert _lib_files(cli.root) == before


def test_a_changed_file_keeps_its_key_and_reports_changes(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    key = cli.json("add", str(src))["results"][0]["key"]
    ids = {f["text"]: f["id"] for f in cli.json("figures", key)}
    write(src, ARTICLE.replace("About 3,400", "About 3,470").replace(" 41%", " 44%"))
    result = cli.json("add", str(src))["results"][0]
    assert result["key"] == key
    assert result["status"] == "updated"
    changes = {(c["change"], c["old"], c["new"]) for c in result["changes"]}
    assert ("changed", "About 3,400", "About 3,470") in changes
    assert ("changed", "41%", "44%") in changes
    after = {f["text"]: f["id"] for f in cli.json("figures", key)}
    assert after["About 3,470"] == ids["About 3,400"]
    assert after["212"] == ids["212"]
    assert len([e for e in cli.json("entries") if e["ID"] == key]) == 1


def test_hand_edits_in_refs_bib_survive_recording(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    key = cli.json("add", str(src))["results"][0]["key"]
    bib_path = cli.root / "refs.bib"
    text = bib_path.read_text(encoding="utf-8")
    text = "% kept comment\n@string{cr = {The Courier}}\n" + text.replace(
        "@misc{" + key + ",", "@misc{" + key + ",\n  keywords = {water, sahel},\n  journal = cr,"
    )
    text = text.replace("The Meridian Water Trust says 212 boreholes were dug in 2020", "My Title")
    bib_path.write_text(text, encoding="utf-8")
    write(src, ARTICLE.replace("212", "213"))
    assert cli("add", str(src)).exit_code == 0
    out = bib_path.read_text(encoding="utf-8")
    assert out.startswith("% kept comment\n@string{cr = {The Courier}}\n")
    assert "keywords = {water, sahel}" in out
    assert "journal = cr," in out
    fields = next(e for e in cli.json("entries") if e["ID"] == key)
    assert fields["title"] == "My Title"
    assert fields["journal"] == "The Courier"


def test_same_report_cited_by_two_sources_is_one_entry(cli, tmp_path):
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(
        tmp_path / "b.txt",
        "date 2021-05-01 A report titled \"Dry Wells: Water Access in the Sahel\" by the "
        "Meridian Water Trust found 41% of households walk far.\n",
    )
    ka = cli.json("add", str(a))["results"][0]
    kb = cli.json("add", str(b))["results"][0]
    assert ka["works"] and ka["works"] == kb["works"]
    work = next(e for e in cli.json("entries") if e["ID"] == ka["works"][0])
    assert work["citekit-cited-by"] == f"{ka['key']},{kb['key']}"


def test_extract_reads_stdin_and_records_nothing(cli):
    result = cli("extract", "-", "--json", input="Prices rose 41% to $1.2bn in 2020.\n")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert [(f["text"], f["kind"]) for f in figures] == [("41%", "percent"), ("$1.2bn", "money")]
    assert figures[1]["value"] == 1.2e9
    assert not (cli.root / "refs.bib").exists()


# -- trace ---------------------------------------------------------------------------------


def test_trace_by_words_and_number(cli, seed_path):
    cli("add", str(seed_path), "--key", "tajik2017")
    hits = cli.json("trace", "fighters", "Russia")
    assert hits[0]["text"] in ("400", "3,417")
    both = cli.json("trace", "400", "Turkmenistan")
    assert both[0]["sentence"].count("Turkmenistan") == 1
    assert both[0]["text"] == "400"
    assert "Turkmenistan" in both[0]["sentence"]


def test_trace_nothing_found_exits_1(cli, seed_path):
    cli("add", str(seed_path), "--key", "tajik2017")
    result = cli("trace", "987654")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing recorded matches")


# -- export --------------------------------------------------------------------------------


def test_export_keys_brings_the_cited_works_and_writes_a_file(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    res = cli.json("add", str(src), "--key", "w1")["results"][0]
    out = tmp_path / "paper.bib"
    assert cli("export", "w1", "--output", str(out)).exit_code == 0
    keys = {e.key for e in bibtexparser.parse_string(out.read_text()).entries}
    assert keys == {"w1", *res["works"]}
    only = cli("export", "w1", "--no-related")
    assert {e.key for e in bibtexparser.parse_string(only.stdout).entries} == {"w1"}


# -- bad input -----------------------------------------------------------------------------


def _assert_failed_cleanly(cli, result, before, code=1, message=None):
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    if message:
        assert message in lines[0]
    assert _lib_files(cli.root) == before


def test_bad_inputs_leave_the_library_unchanged(cli, tmp_path, seed_path):
    cli("add", str(seed_path), "--key", "tajik2017")
    before = _lib_files(cli.root)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfeC\x00\x00\xd8a\x00")  # a lone surrogate
    (tmp_path / "folder").mkdir()
    cases = [
        (str(tmp_path / "missing.txt"), "no such file"),
        (str(tmp_path / "empty.txt"), "empty"),
        (str(tmp_path / "binary.txt"), "binary"),
        (str(tmp_path / "utf16.txt"), "invalid utf-16-le text"),
        (str(tmp_path / "folder"), "folder"),
    ]
    for path, message in cases:
        _assert_failed_cleanly(cli, cli("add", path), before, message=message)
    _assert_failed_cleanly(cli, cli("figures", "nosuchkey"), before, message="nosuchkey")
    _assert_failed_cleanly(cli, cli("export", "nosuchkey"), before, message="nosuchkey")
    _assert_failed_cleanly(cli, cli("add", "--date", "yesterday", str(seed_path)), before, code=2)
    _assert_failed_cleanly(cli, cli("add"), before, code=2)


def test_broken_refs_bib_is_reported_with_its_line_and_not_touched(cli, tmp_path, seed_path):
    bib = cli.root / "refs.bib"
    bib.write_text("@misc{ok, title={A}}\n\n@misc{broken, title = {unclosed\n", encoding="utf-8")
    before = _lib_files(cli.root)
    result = cli("add", str(seed_path))
    _assert_failed_cleanly(cli, result, before, message="refs.bib:3")


def test_a_bad_file_in_a_batch_does_not_stop_the_others(cli, tmp_path):
    good = write(tmp_path / "in" / "a.txt", ARTICLE)
    (tmp_path / "in" / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00bad")
    result = cli("add", str(tmp_path / "in"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["status"] for r in data["results"]] == ["added", "failed"]
    assert data["results"][0]["path"] == str(good)
    assert "b.txt" in result.stderr


def test_key_with_many_paths_is_refused(cli, tmp_path, seed_path):
    a = write(tmp_path / "a.txt", ARTICLE)
    result = cli("add", str(a), str(seed_path), "--key", "k")
    assert result.exit_code == 1
    assert "--key" in result.stderr


def test_library_is_copyable_elsewhere(cli, tmp_path, seed_path):
    """Snapshots live inside the library: a moved library still reads."""
    cli("add", str(seed_path), "--key", "tajik2017")
    moved = tmp_path / "moved"
    shutil.copytree(cli.root, moved)
    cli.root = moved
    assert cli.json("trace", "3417")[0]["text"] == "3,417"


def test_import_merges_without_overwriting(cli, tmp_path):
    (cli.root / "refs.bib").write_text("@misc{a, title={Mine}}\n", encoding="utf-8")
    other = write(
        tmp_path / "zotero.bib",
        "@string{ft = {Financial Times}}\n@misc{a, title={Theirs}}\n"
        "@article{b, title={B}, journal = ft}\n",
    )
    report = cli.json("import", str(other))
    assert report == [
        {"key": "theirs", "status": "imported", "from": "a",
         "reason": "key 'a' is taken by another work"},
        {"key": "b", "status": "imported"},
    ]  # fmt: skip
    entries = {e["ID"]: e for e in cli.json("entries")}
    assert entries["a"]["title"] == "Mine"
    assert entries["theirs"]["title"] == "Theirs"
    assert entries["b"]["journal"] == "Financial Times"
    broken = write(tmp_path / "broken.bib", "@misc{c, title={x}\n@misc{d, title={y}}\n")
    before = (cli.root / "refs.bib").read_bytes()
    result = cli("import", str(broken))
    assert result.exit_code == 1
    assert "broken.bib:1" in result.stderr
    assert (cli.root / "refs.bib").read_bytes() == before


def test_organisation_keeps_its_article_only_when_the_text_always_writes_it():
    from citekit.cites.works import display_organisation

    text = "The Soufan Center says ... the Soufan Center warns ... The Soufan Center's report"
    assert display_organisation(text, "Soufan Center") == "The Soufan Center"
    mixed = "The World Bank says ... World Bank economists ... the World Bank"
    assert display_organisation(mixed, "World Bank") == "World Bank"
    assert display_organisation("nothing here", "Meridian Trust") == "Meridian Trust"


def test_export_is_clean_for_a_paper(cli, tmp_path):
    src = write(tmp_path / "water.txt", ARTICLE)
    work = cli.json("add", str(src), "--key", "w1")["results"][0]["works"][0]
    alone = bibtexparser.parse_string(cli("export", "w1", "--no-related").stdout)
    entry = alone.entries[0]
    assert "related" not in entry.fields_dict
    assert not [f for f in entry.fields_dict if f.startswith("citekit-")]
    both = bibtexparser.parse_string(cli("export").stdout)
    assert "related" not in both.entries_dict["w1"].fields_dict  # no biblatex field for bibtex
    linked = bibtexparser.parse_string(cli("export", "--format", "biblatex").stdout)
    assert linked.entries_dict["w1"]["related"] == work
    assert linked.entries_dict["w1"]["options"] == "related=false"
    internal = bibtexparser.parse_string(cli("export", "--keep-internal").stdout)
    assert internal.entries_dict["w1"]["citekit-origin"] == str(src.resolve())


def test_extract_names_the_party_or_work_behind_each_figure(cli):
    text = (
        "The water ministry says 212 boreholes were dug. A report titled \"Dry Wells\" by the "
        "Meridian Trust found 41% of wells failed.\n"
    )
    figures = cli.json("extract", "-", input=text)
    assert [(f["text"], f["attributed_to"]) for f in figures] == [
        ("212", "water ministry"),
        ("41%", "Dry Wells"),
    ]
    assert figures[0]["attributed_party"] == "water ministry"
    assert figures[1]["cited_work"]["organisation"] == "Meridian Trust"
    assert figures[1]["cue"]["text"] == "found"


def test_a_broken_refs_bib_is_one_line_on_stderr_in_a_real_process(tmp_path, seed_path):
    """Outside pytest's logging capture: bibtexparser's own warnings must not leak."""
    import subprocess
    import sys

    root = tmp_path / "lib"
    root.mkdir()
    (root / "refs.bib").write_text("@misc{ok, title={A}}\n\n@misc{broken, title = {x\n")
    done = subprocess.run(
        [sys.executable, "-m", "citekit", "--library", str(root), "add", str(seed_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: {root / 'refs.bib'}:3: cannot parse entry (Unexpectedly reached end of file); "
        "fix it before recording (nothing was changed)"
    ]


def test_a_refs_bib_that_is_not_utf8_is_one_error_line(cli, seed_path):
    (cli.root / "refs.bib").write_bytes(b"\xff\xfe@misc{a, title={x}}\n")
    for args in (("entries",), ("add", str(seed_path)), ("export",)):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert result.stderr.strip().splitlines() == [f"Error: {cli.root / 'refs.bib'}: not UTF-8 text"]
