"""What keeps commands fast at 10,000 sources gives the answers the slow ways give: an index
rebuilt by worker processes, refs.bib spliced through the index on `add`, verify in workers,
the entries table written row by row."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest

import citekit
from citekit.library import bibsplice
from citekit.library.folder import Library
from citekit.library.index import bulk
from citekit.review import verify as verify_mod
from citekit.views.entries import wrap
from tests.conftest import REPO, Cli, record_articles, write
from tests.test_index import RAIL, WATER, _outputs

# A third article citing the report WATER cites: recording it changes that report's entry.
DROUGHT = """date 2021-05-01

The Drought Report 2020 by the Civic Water Trust found that 12% of reservoirs in Wales were
low in April, and 230 farms had asked for help.
"""


@pytest.fixture
def lib(cli, tmp_path):
    record_articles(cli.root, tmp_path / "src", {"water2021": WATER, "rail2022": RAIL})
    cli("note", "rail2022", "checked against the timetable", "--tag", "rail")
    return cli


def test_an_index_rebuilt_by_workers_answers_as_before(lib, tmp_path, monkeypatch):
    draft = write(tmp_path / "draft.md", "About 3,400 households lost water [@water2021].\n")
    first = _outputs(lib, draft)
    shutil.rmtree(lib.root / ".citekit")
    monkeypatch.setattr(bulk, "BULK_AFTER", 1)
    monkeypatch.setattr(bulk, "_TASK_FILES", 1)
    monkeypatch.setattr(bulk, "workers_for", lambda files: 2)
    assert _outputs(lib, draft) == first
    with sqlite3.connect(lib.root / ".citekit" / "index.sqlite") as db:
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"figures_by_source", "figures_by_value", "notes_by_source"} <= names
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 2


def _spliced_used(monkeypatch) -> list[bool]:
    used: list[bool] = []
    real = bibsplice.spliced

    def spy(layout, text):
        found = real(layout, text)
        used.append(found is not None)
        return found

    monkeypatch.setattr(bibsplice, "spliced", spy)
    return used


def test_adding_one_source_splices_refs_bib_as_a_whole_parse_would(lib, tmp_path, monkeypatch):
    bib = lib.root / "refs.bib"
    bib.write_text("% my reading list\n\n" + bib.read_text(encoding="utf-8"), encoding="utf-8")
    lib("entries", "--json")
    slow = Cli(tmp_path / "slow")
    shutil.copytree(lib.root, slow.root, ignore=shutil.ignore_patterns(".citekit"))
    source = write(tmp_path / "src" / "drought.txt", DROUGHT)
    before = bib.read_text(encoding="utf-8")

    used = _spliced_used(monkeypatch)
    assert lib("add", "--key", "reservoirs2021", str(source)).exit_code == 0
    assert used == [True]
    monkeypatch.setattr(bibsplice, "spliced", lambda layout, text: None)
    assert slow("add", "--key", "reservoirs2021", str(source)).exit_code == 0
    after = bib.read_text(encoding="utf-8")
    assert after == (slow.root / "refs.bib").read_text(encoding="utf-8")

    # One block changed in place (the report now cited twice), one appended: every other byte
    # of the file is as it was.
    work = next(e for e in lib.json("entries") if "citekit-identity" in e)
    assert work["citekit-cited-by"] == "water2021,reservoirs2021"
    start = before.index(f"@techreport{{{work['ID']},")
    end = before.index("\n}\n", start) + 3
    assert after.startswith(before[:start])
    tail = before[end:]
    assert after[start:].count(tail) == 1 and after.endswith("}\n")
    assert after.index(tail, start) + len(tail) == after.index("\n@misc{reservoirs2021,")


def test_a_hand_edit_of_refs_bib_is_picked_up_by_the_next_add(lib, tmp_path, monkeypatch):
    lib("entries", "--json")
    bib = lib.root / "refs.bib"
    edited = bib.read_text(encoding="utf-8").replace("{Drought Report}", "{Drought Study}")
    assert edited != bib.read_text(encoding="utf-8")
    bib.write_text(edited, encoding="utf-8")
    used = _spliced_used(monkeypatch)
    source = write(tmp_path / "src" / "drought.txt", DROUGHT)
    assert lib("add", "--key", "reservoirs2021", str(source)).exit_code == 0
    assert used == [True]  # the index caught up with the edit first
    titles = {e["ID"]: e["title"] for e in lib.json("entries")}
    assert "Drought Study" in titles.values()
    assert "Drought Report" not in titles.values()


def test_a_failed_block_makes_add_parse_the_whole_file(lib, tmp_path, monkeypatch):
    bib = lib.root / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{broken,\n  title = {x\n", "utf-8")
    lib("entries", "--json")
    used = _spliced_used(monkeypatch)
    source = write(tmp_path / "src" / "drought.txt", DROUGHT)
    result = lib("add", str(source))
    assert used == [False]
    assert result.exit_code == 1 and "cannot parse entry" in result.stderr


def _problem_library(cli: Cli, tmp_path: Path) -> None:
    record_articles(cli.root, tmp_path / "src", {"water2021": WATER, "rail2022": RAIL})
    cli("note", "water2021", "see the trust's table")
    snap = cli.root / "sources" / "rail2022.txt"
    snap.write_text("An added first line.\n" + snap.read_text(encoding="utf-8"), "utf-8")
    notes = cli.root / "annotations" / "water2021.jsonl"
    lines = notes.read_text(encoding="utf-8").splitlines()
    note = json.loads(lines[-1])
    note["target"] = {"id": "urn:citekit:water2021:f99"}
    notes.write_text("\n".join([*lines, json.dumps(note), "{not json"]) + "\n", "utf-8")
    write(cli.root / "annotations" / "gone2020.jsonl", "[1]\n")


def test_verify_in_workers_reports_what_one_process_reports(cli, tmp_path, monkeypatch):
    _problem_library(cli, tmp_path)
    alone = verify_mod.run(Library(cli.root)).to_dict()
    monkeypatch.setattr(verify_mod, "_PARALLEL_AFTER", 1)
    monkeypatch.setattr(verify_mod, "_TASK", 1)
    monkeypatch.setattr(bulk, "workers_for", lambda files: 2)
    assert verify_mod.run(Library(cli.root)).to_dict() == alone
    codes = [p["code"] for p in alone["problems"]]
    assert codes[:2] == ["annotations-invalid", "annotations-invalid"]
    assert {"figure-moved", "target-missing", "annotations-orphaned"} <= set(codes)
    assert alone["checked"]["annotation_files"] == 3


def test_entries_wraps_at_spaces_and_cuts_only_longer_words():
    assert wrap("Water supply in Cardiff", 10) == ["Water", "supply in", "Cardiff"]
    assert wrap("short", 10) == ["short"]
    assert wrap("abcdefghijkl mn", 5) == ["abcde", "fghij", "kl mn"]


def test_the_command_states_the_packages_version():
    from citekit.cli.base import VERSION

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert VERSION == citekit.__version__ == project["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
