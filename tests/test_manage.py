"""rm, rename and set: atomic, under the lock, refs.bib spliced, `verify` clean afterwards."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bibtools import page
from tests.conftest import SEED, Cli


def _verify_clean(cli: Cli) -> dict:
    result = cli("verify", "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, report
    assert [p for p in report["problems"] if p.get("counts", True)] == [], report
    return report


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".citekit" not in p.parts}  # fmt: skip


def _annotations(cli: Cli, key: str) -> list[dict]:
    path = cli.root / "annotations" / f"{key}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _seeded(cli: Cli) -> str:
    work = cli.json("add", str(SEED), "--key", "tajik2017")["results"][0]["works"][0]
    return work


def test_rename_a_source_moves_its_annotations_and_every_link(cli):
    work = _seeded(cli)
    figures = [f["id"] for f in cli.json("figures", "tajik2017")]
    assert cli.json("rename", "tajik2017", "tajik") == {
        "key": "tajik", "status": "renamed", "from": "tajik2017"}  # fmt: skip
    text = (cli.root / "refs.bib").read_text(encoding="utf-8")
    assert "tajik2017" not in text
    entries = {e["ID"]: e for e in cli.json("entries")}
    assert entries[work]["related"] == "tajik"
    assert entries[work]["citekit-cited-by"] == "tajik"
    assert entries[work]["note"].startswith("Cited by tajik;")
    assert not (cli.root / "annotations" / "tajik2017.jsonl").exists()
    assert [f["id"] for f in cli.json("figures", "tajik")] == [
        f.replace("tajik2017:", "tajik:") for f in figures]  # fmt: skip
    assert all(a["id"].startswith("urn:citekit:tajik:") for a in _annotations(cli, "tajik"))
    assert cli.json("trace", "3417")[0]["source_entry"]["key"] == "tajik"
    _verify_clean(cli)


def test_rename_a_cited_work_follows_into_the_citing_source(cli):
    work = _seeded(cli)
    cli.json("rename", work, "soufan")
    entry = {e["ID"]: e for e in cli.json("entries")}["tajik2017"]
    assert entry["related"] == "soufan"
    assert entry["note"].endswith("[soufan].")
    links = [a for a in _annotations(cli, "tajik2017") if a["motivation"] == "linking"]
    assert {a["body"]["id"] for a in links} == {"soufan"}
    attributed = {f["attributed_to"] for f in cli.json("figures", "tajik2017")}
    assert work not in attributed
    _verify_clean(cli)


def test_rename_moves_the_snapshot_and_original_citekit_wrote(cli, tmp_path):
    html = page(tmp_path, "p.html", "Ferry fares rise in Oslo", "https://x.example.org/ferry",
                "Fjord Post", "2024-02-01", "Ferry fares in Oslo rose 9% in January, the "
                "operator said.")  # fmt: skip
    key = cli.json("add", str(html))["results"][0]["key"]
    assert (cli.root / "sources" / f"{key}.txt").exists()
    cli.json("rename", key, "ferry")
    entry = {e["ID"]: e for e in cli.json("entries")}["ferry"]
    assert entry["file"] == "sources/ferry.txt"
    assert entry["citekit-original"] == "sources/ferry.html"
    assert not (cli.root / "sources" / f"{key}.txt").exists()
    _verify_clean(cli)
    assert cli.json("rm", "ferry")["files"] == [
        "annotations/ferry.jsonl", "sources/ferry.txt", "sources/ferry.html"]  # fmt: skip
    assert not (cli.root / "sources" / "ferry.txt").exists()
    assert html.exists()  # the user's own file is never removed
    _verify_clean(cli)


def test_rm_a_work_leaves_no_link_behind(cli):
    work = _seeded(cli)
    assert cli.json("rm", work)["status"] == "removed"
    entries = {e["ID"]: e for e in cli.json("entries")}
    assert set(entries) == {"tajik2017"}
    assert "related" not in entries["tajik2017"] and "note" not in entries["tajik2017"]
    assert not [a for a in _annotations(cli, "tajik2017") if a["motivation"] == "linking"]
    assert work not in {f["attributed_to"] for f in cli.json("figures", "tajik2017")}
    _verify_clean(cli)
    cli.json("rm", "tajik2017")
    assert cli.json("entries") == []
    assert SEED.exists()
    _verify_clean(cli)


def test_set_writes_fields_that_parse_back_and_refuses_bad_values(cli):
    _seeded(cli)
    row = cli.json("set", "tajik2017", r"title=Tajik fighters \& {IS}", "date=2017-10-28",
                   "publisher=Asia-Plus")  # fmt: skip
    assert row["status"] == "updated"
    entry = {e["ID"]: e for e in cli.json("entries")}["tajik2017"]
    assert (entry["title"], entry["date"], entry["year"]) == (
        r"Tajik fighters \& {IS}", "2017-10-28", "2017")  # fmt: skip
    assert cli.json("set", "tajik2017", "publisher=Asia-Plus")["status"] == "unchanged"
    cli.json("set", "tajik2017", "publisher=")
    assert "publisher" not in {e["ID"]: e for e in cli.json("entries")}["tajik2017"]
    _verify_clean(cli)
    before = _files(cli.root)
    for args, code in (
        (("set", "tajik2017", "date=2020-13-45"), 2),
        (("set", "tajik2017", "date=2021-02-29"), 2),
        (("set", "tajik2017", "citekit-sha256=0"), 2),
        (("set", "tajik2017", "no equals sign"), 2),
        (("set", "nosuchkey", "title=x"), 1),
        (("rename", "tajik2017", "bad key"), 2),
        (("rename", "nosuchkey", "x"), 1),
        (("rm", "nosuchkey"), 1),
        (("add", str(SEED), "--date", "2020-13-45"), 2),
    ):
        result = cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
        assert _files(cli.root) == before, args


def test_rename_to_a_taken_key_is_refused(cli):
    work = _seeded(cli)
    before = _files(cli.root)
    result = cli("rename", "tajik2017", work)
    assert result.exit_code == 2 and "taken" in result.stderr
    assert _files(cli.root) == before
