"""`citekit verify`: hand-edited snapshots, moved and drifted figures, orphans, broken refs.bib."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import citekit.cli.verify  # noqa: F401 - registers the command on `main`
from citekit.library import annotations as ann
from citekit.library.folder import Library
from citekit.review.verify import run, verify
from tests.conftest import write

PARAGRAPHS = [
    "date 2024-03-05 The Harbour Authority says 3,417 vessels docked at Port Alder last year, "
    "up from 2,980 in 2022.",
    "Officials said the new terminal cost $48 million and created 120 jobs. About 15% of the "
    "cargo was grain.",
    'A report titled "Tides of Trade: Shipping in the North" by the Maritime Institute says '
    "container traffic rose 7.5% while passenger numbers fell to 410,000.",
    "Fishing fleets landed 12,300 tonnes of cod, the authority said.",
]
ARTICLE = "\n\n".join(PARAGRAPHS) + "\n"
KEY = "port2024"


@pytest.fixture
def lib(tmp_path: Path, cli) -> Library:
    library = Library(cli.root)
    source = write(tmp_path / "outside" / "port.txt", ARTICLE)
    [result] = library.add([source], key=KEY)
    assert result.status == "added", result.error
    return library


def snapshot(lib: Library) -> Path:
    return lib.snapshot_path(KEY)


def figure_ids(lib: Library) -> dict[str, str]:
    """Figure text -> short id."""
    return {f["text"]: f["id"] for f in lib.figures([KEY])}


def swap_paragraphs(lib: Library, i: int = 1, j: int = 2) -> str:
    paras = snapshot(lib).read_text(encoding="utf-8").split("\n\n")
    paras[i], paras[j] = paras[j], paras[i]
    text = "\n\n".join(paras)
    snapshot(lib).write_text(text, encoding="utf-8")
    return text


def codes(problems) -> list[str]:
    return sorted(p.code for p in problems)


def by_id(problems, code: str) -> dict[str, object]:
    return {p.id: p for p in problems if p.code == code}


def test_a_clean_library_has_no_problems(lib, cli):
    report = run(lib)
    assert report.problems == [] and report.clean
    assert report.checked["sources"] == 1 and report.checked["figures"] >= 8
    result = cli("verify", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["problems"] == []
    assert data["checked"]["snapshots"] == 1 and data["checked"]["entries"] == 2
    human = cli("verify")
    assert human.exit_code == 0 and "no problems" in human.stdout


def test_a_hand_edited_snapshot_is_found_with_its_moved_and_drifted_figures(lib):
    ids = figure_ids(lib)
    text = swap_paragraphs(lib)
    snapshot(lib).write_text(text.replace("12,300 tonnes", "12,800 tonnes"), encoding="utf-8")
    problems = verify(lib)
    assert "snapshot-changed" in codes(problems)
    moved = by_id(problems, "figure-moved")
    drifted = by_id(problems, "figure-drifted")
    assert set(moved) == {ids[t] for t in ("$48 million", "120", "About 15%", "7.5%", "410,000")}
    assert set(drifted) == {ids["12,300 tonnes"]}
    assert ids["3,417"] not in moved | drifted  # the first paragraph did not move
    d = drifted[ids["12,300 tonnes"]]
    assert d.detail["found"] == "12,800 tonnes" and d.severity == "error"
    assert "'12,300 tonnes' → '12,800 tonnes'" in d.message or "12,800" in d.message
    assert d.line and d.path == f"annotations/{KEY}.jsonl"
    assert all(p.hint for p in problems)


def test_a_moved_paragraph_is_reanchored_and_fix_makes_verify_clean(lib, cli):
    ids = figure_ids(lib)
    text = swap_paragraphs(lib)
    report = run(lib)
    moved = by_id(report.problems, "figure-moved")
    assert not report.clean
    price = moved[ids["$48 million"]]
    assert (price.detail["start"], price.detail["end"]) == (
        text.index("$48 million"),
        text.index("$48 million") + len("$48 million"),
    )
    assert price.detail["passage"]["status"] == "moved"

    fixed = run(lib, fix=True)
    assert fixed.clean, [p.to_dict() for p in fixed.problems if p.counts]
    assert fixed.checked["fixed"] == 6  # five figures and the link to the cited report
    assert all(p.fixed for p in fixed.problems)
    # Anchors on disk now stand exactly in the edited snapshot, passages too.
    for record in lib.figures([KEY]):
        assert text[record["start"] : record["end"]] == record["text"]
        s, e = record["sentence_start"], record["sentence_end"]
        assert text[s:e] == record["sentence"]
    for a in lib.annotations(KEY):
        quote, position = ann.selectors(a)
        if quote and position:
            assert text[position["start"] : position["end"]] == quote["exact"]
            assert text[: position["start"]].endswith(quote["prefix"])
    assert run(lib).problems == []
    assert cli("verify").exit_code == 0


def test_fix_through_the_cli(lib, cli):
    swap_paragraphs(lib)
    first = cli("verify", "--json")
    assert first.exit_code == 1
    data = json.loads(first.stdout)
    assert {p["code"] for p in data["problems"]} == {
        "snapshot-changed",
        "figure-moved",
        "link-moved",
    }
    assert data["checked"]["moved"] == 6
    fixing = cli("verify", "--fix")
    assert fixing.exit_code == 0, fixing.output
    assert "fixed" in fixing.stdout and "re-anchored 6" in fixing.stdout
    again = cli("verify", "--json")
    assert again.exit_code == 0 and json.loads(again.stdout)["problems"] == []


def test_reflowed_whitespace_and_straightened_quotes_are_moved_not_drifted(lib):
    text = snapshot(lib).read_text(encoding="utf-8")
    text = text.replace("terminal cost $48", "terminal\n   cost $48").replace(
        '"Tides', "\u201cTides"
    )
    snapshot(lib).write_text(text, encoding="utf-8")
    report = run(lib, fix=True)
    assert not [p for p in report.problems if p.code.endswith(("drifted", "missing"))]
    assert report.checked["fixed"] >= 1
    for record in lib.figures([KEY]):
        assert text[record["start"] : record["end"]] == record["text"]
    assert run(lib).clean


def test_a_changed_number_drifts_and_stays_a_problem_after_fix(lib, cli):
    ids = figure_ids(lib)
    path = snapshot(lib)
    before = lib.annotations_path(KEY).read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("3,417", "3,471"), encoding="utf-8")
    for fix in (False, True):
        report = run(lib, fix=fix)
        drifted = by_id(report.problems, "figure-drifted")
        assert ids["3,417"] in drifted and not report.clean
        assert drifted[ids["3,417"]].detail["found"] == "3,471"
        assert "'3,417' → '3,471'" in drifted[ids["3,417"]].message
        changed = [p for p in report.problems if p.code == "snapshot-changed"]
        assert changed and not changed[0].fixed
    assert lib.annotations_path(KEY).read_text(encoding="utf-8") == before
    result = cli("verify", "--fix")
    assert result.exit_code == 1
    assert "figure-drifted" in result.stdout and "3,471" in result.stdout


def test_orphaned_annotations_file(lib, cli):
    orphan = lib.annotations_dir / "ghost2019.jsonl"
    orphan.write_text(lib.annotations_path(KEY).read_text(encoding="utf-8"), encoding="utf-8")
    problems = verify(lib)
    [p] = [p for p in problems if p.code == "annotations-orphaned"]
    assert p.key == "ghost2019" and p.path == "annotations/ghost2019.jsonl"
    assert "refs.bib" in p.hint
    result = cli("verify")
    assert result.exit_code == 1 and "annotations-orphaned" in result.stdout


def test_missing_snapshot(lib, cli):
    snapshot(lib).unlink()
    problems = verify(lib)
    [p] = [p for p in problems if p.code == "snapshot-missing"]
    assert p.key == KEY and p.path == f"sources/{KEY}.txt"
    assert "citekit add" in p.hint
    result = cli("verify", "--json")
    assert result.exit_code == 1
    assert "snapshot-missing" in {q["code"] for q in json.loads(result.stdout)["problems"]}


def test_broken_refs_bib_block_and_duplicate_key_are_reported_with_their_line(lib, cli):
    text = lib.bib_path.read_text(encoding="utf-8")
    lines = text.count("\n")
    broken = "\n@misc{broken2020\n  title = {No comma after the key},\n}\n"
    duplicate = f"\n@misc{{{KEY},\n  title = {{Again}},\n}}\n"
    lib.bib_path.write_text(text + broken + duplicate, encoding="utf-8")
    problems = verify(lib)
    [failed] = [p for p in problems if p.code == "bib-failed-block"]
    [dup] = [p for p in problems if p.code == "bib-duplicate-key"]
    assert failed.path == "refs.bib" and failed.line == lines + 2
    assert dup.line == lines + 2 + 4
    assert f"refs.bib:{failed.line}" in failed.hint
    result = cli("verify")
    assert result.exit_code == 1
    assert f"refs.bib:{failed.line}" in result.stdout


def test_a_note_on_a_figure_that_no_longer_exists(lib):
    note = {
        "@context": ann.CONTEXT,
        "id": ann.urn(KEY, "n1"),
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": "check with the harbour master"},
        "target": {"source": KEY, "id": ann.urn(KEY, "f99")},
    }
    good = {**note, "id": ann.urn(KEY, "n2"), "target": {"source": KEY, "id": ann.urn(KEY, "f1")}}
    path = lib.annotations_path(KEY)
    ann.write(path, [*ann.read(path), note, good])
    problems = verify(lib)
    [p] = [p for p in problems if p.code == "target-missing"]
    assert p.id == f"{KEY}:n1" and f"{KEY}:f99" in p.message and p.line


def test_entry_with_a_file_field_but_no_annotations_and_a_bad_annotation_line(lib):
    path = lib.annotations_path(KEY)
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0], "{not json", *rows[1:]]) + "\n", encoding="utf-8")
    [bad] = [p for p in verify(lib) if p.code == "annotations-invalid"]
    assert bad.line == 2
    path.unlink()
    assert "annotations-missing" in codes(verify(lib))


def test_entries_citekit_did_not_record_are_left_alone(lib):
    jabref = "\n@article{smith2020,\n  title = {Elsewhere},\n  file = {:papers/smith.pdf:PDF},\n}\n"
    lib.bib_path.write_text(lib.bib_path.read_text(encoding="utf-8") + jabref, encoding="utf-8")
    report = run(lib)
    assert report.clean and report.checked["entries"] == 3 and report.checked["sources"] == 1


def test_fix_leaves_a_snapshot_alone_when_an_edit_adds_a_figure(lib):
    path = snapshot(lib)
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA further 64 trawlers were laid up.\n",
        encoding="utf-8",
    )
    report = run(lib, fix=True)
    [changed] = [p for p in report.problems if p.code == "snapshot-changed"]
    assert not changed.fixed and not report.clean  # re-anchoring cannot see the new figure


def test_a_source_kept_inside_the_library_is_its_own_snapshot(cli):
    inside = write(cli.root / "notes" / "port.txt", ARTICLE)
    assert cli("add", str(inside), "--key", "inside").exit_code == 0
    inside.write_text(ARTICLE.replace("$48 million", "$84 million"), encoding="utf-8")
    result = cli("verify", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    changed = [p for p in problems if p["code"] == "snapshot-changed"]
    assert changed[0]["path"] == "notes/port.txt"
    drifted = [p for p in problems if p["code"] == "figure-drifted"]
    assert [p["detail"]["found"] for p in drifted] == ["$84 million"]


def test_fix_skips_an_annotation_someone_changed_meanwhile(lib):
    from citekit.review.repair import write_updates
    from citekit.review.source_anchors import check_anchors
    from citekit.review.verify import Report, _read_annotation_files

    ids = figure_ids(lib)
    text = swap_paragraphs(lib)
    rows = _read_annotation_files(lib, Report())[KEY]
    outcome = check_anchors(KEY, text, rows, "annotations", "`citekit add`")
    price = ann.urn(*ids["$48 million"].split(":"))
    assert price in outcome.updates
    path = lib.annotations_path(KEY)
    current = ann.read(path)
    for a in current:
        if a["id"] == price:
            a["body"]["unit"] = "USD (checked)"  # a concurrent correction
    ann.write(path, current)
    written = write_updates(lib, KEY, snapshot(lib), text, outcome)
    assert ids["$48 million"] not in written and ids["120"] in written
    [kept] = [a for a in ann.read(path) if a["id"] == price]
    assert kept["body"]["unit"] == "USD (checked)"


def test_an_empty_folder_and_an_unreadable_refs_bib(cli):
    result = cli("verify", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["checked"]["entries"] == 0
    (cli.root / "refs.bib").write_bytes("@misc{caf\u00e9,\n}\n".encode("latin-1"))
    bad = cli("verify", "--json")
    assert bad.exit_code == 1
    assert [p["code"] for p in json.loads(bad.stdout)["problems"]] == ["bib-unreadable"]
