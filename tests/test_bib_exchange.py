"""import of BibTeX, CSL-JSON and RIS: new keys for taken ones, the same work merged, and
exports that come back with nothing lost the format can carry."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from citekit.library.bib import BibFile
from citekit.library.exchange import references
from tests.bibtools import make_sources
from tests.conftest import SEED, Cli, write


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Cli:
    base = tmp_path_factory.mktemp("exchange")
    root = base / "lib"
    root.mkdir()
    cli = Cli(root)
    sources = make_sources(base / "src")
    assert cli("add", str(SEED)).exit_code == 0
    assert cli("add", *(str(p) for p in sources.values())).exit_code == 0
    return cli


def _last_first(name: str) -> str:
    """'Jane Smith' and 'Smith, Jane' are one name."""
    if "," in name:
        return name
    *given, family = name.split()
    return f"{family}, {' '.join(given)}" if given else family


def _refs(root) -> dict:
    bib = BibFile.parse((root / "refs.bib").read_text(encoding="utf-8"))
    out = {}
    for key in bib.keys():
        ref = references(bib, key)
        ref.authors = [_last_first(n) for n in ref.authors]
        out[key] = ref
    return out


@pytest.mark.parametrize("fmt,suffix", [("csl-json", ".json"), ("ris", ".ris")])
def test_an_export_re_imports_with_nothing_lost(full, tmp_path, fmt, suffix):
    out = tmp_path / f"library{suffix}"
    assert full("export", "--format", fmt, "-o", str(out)).exit_code == 0
    fresh = Cli(tmp_path / "fresh")
    fresh.root.mkdir()
    report = fresh.json("import", str(out))
    before, after = _refs(full.root), _refs(fresh.root)
    assert [r["status"] for r in report] == ["imported"] * len(before)
    assert set(after) == set(before)
    for key, ref in before.items():
        kept = {**asdict(ref), "related": [], "note": ""}  # links and notes are citekit's
        assert asdict(after[key]) == kept, key
    # and again: every entry is the same work, so nothing is added
    again = fresh.json("import", str(out))
    assert {r["status"] for r in again} == {"duplicate"}
    assert _refs(fresh.root) == after


def test_a_taken_key_for_another_work_gets_a_new_key_and_the_same_work_is_merged(cli, tmp_path):
    write(cli.root / "refs.bib", "@online{gaz, title = {Harbour rates rise}, "
          "url = {https://gazette.example.org/rates}, date = {2024-01-02}}\n")  # fmt: skip
    items = [
        {"id": "gaz", "type": "report", "title": "Tide Survey", "issued": {"date-parts": [[2020]]},
         "publisher": "Port Office"},
        {"id": "other", "type": "webpage", "title": "Harbour rates rise (updated)",
         "URL": "http://www.gazette.example.org/rates/", "language": "en",
         "author": [{"family": "Okafor", "given": "Ada"}]},
        {"id": "again", "type": "webpage", "title": "Harbour Rates Rise",
         "issued": {"date-parts": [[2024, 1, 2]]}},
    ]  # fmt: skip
    path = write(tmp_path / "zotero.json", json.dumps(items))
    report = cli.json("import", str(path))
    assert report[0] == {"key": "port2020tide", "status": "imported", "from": "gaz",
                         "reason": "key 'gaz' is taken by another work"}  # fmt: skip
    assert report[1] == {"key": "gaz", "status": "merged", "from": "other",
                         "fields": "author,language"}  # fmt: skip
    assert report[2] == {"key": "gaz", "status": "duplicate", "from": "again"}
    entries = {e["ID"]: e for e in cli.json("entries")}
    assert set(entries) == {"gaz", "port2020tide"}
    assert entries["gaz"]["title"] == "Harbour rates rise"  # what was there is kept
    assert entries["gaz"]["author"] == "Okafor, Ada"
    assert entries["port2020tide"]["institution"] == "Port Office"


def test_bibtex_import_renames_a_clash_in_its_own_text_and_finds_a_doi(cli, tmp_path):
    write(cli.root / "refs.bib", "@article{k, title = {Mine}, doi = {10.1/ABC}}\n")
    path = write(tmp_path / "in.bib", "@article{k,\n  title = {Theirs},\n  year = 2019,\n}\n"
                 "@misc{dup, title = {Same DOI}, doi = {10.1/abc}, year = 2018}\n")  # fmt: skip
    report = cli.json("import", str(path))
    assert [(r["key"], r["status"]) for r in report] == [("theirs2019", "imported"),
                                                         ("k", "merged")]  # fmt: skip
    text = (cli.root / "refs.bib").read_text(encoding="utf-8")
    assert "@article{theirs2019,\n  title = {Theirs}," in text
    assert report[1]["fields"] == "year"
    assert cli.json("entries")[0]["title"] == "Mine"


def test_unreadable_files_import_nothing(cli, tmp_path):
    write(cli.root / "refs.bib", "@misc{a, title = {A}}\n")
    before = (cli.root / "refs.bib").read_bytes()
    for name, text in (("bad.json", "{not json"), ("list.json", "[1, 2]"), ("empty.ris", "")):
        result = cli("import", str(write(tmp_path / name, text)))
        assert result.exit_code == 1, (name, result.output)
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
        assert (cli.root / "refs.bib").read_bytes() == before
