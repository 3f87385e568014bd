"""Many sources at once, and re-recording a source that changed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from citekit.library import annotations as ann
from citekit.library.folder import Library
from citekit.review.verify import run
from tests.conftest import write

TOWNS = ["Port Alder", "Northbridge", "Lakeshire", "Eastmoor", "Kessel", "Greyhaven", "Sunfield"]
BODIES = ["Water Board", "Harbour Authority", "Transport Council", "Meridian Trust"]
THINGS = [("households", "lost power"), ("nurses", "left"), ("farms", "were flooded")]


def article(i: int) -> str:
    """A short generated news article with a handful of figures and an attribution."""
    rng = random.Random(i)
    town, body = rng.choice(TOWNS), rng.choice(BODIES)
    noun, verb = rng.choice(THINGS)
    return (
        f"date 2023-{i % 12 + 1:02d}-{i % 28 + 1:02d} The {body} of {town} (bulletin {i}) says "
        f"{rng.randint(1_000, 9_999):,} {noun} {verb} last winter, up from {rng.randint(100, 999)} "
        f"the year before.\n\nAbout {rng.randint(2, 60)}% of them were in the old town, the "
        f"{body} said. Repairs cost ${rng.randint(2, 90)} million.\n"
    )


BROKEN = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "utf-16": b"\xff\xfe" + "Caf\u00e9 prices rose 12%.".encode("utf-16-le") + b"\x00\xd8",
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_batch_of_200_with_one_broken_file_records_199_and_reports_1(cli, tmp_path, kind):
    folder = tmp_path / "inbox"
    for i in range(199):
        write(folder / f"story_{i:03d}.txt", article(i))
    bad = folder / "story_150_broken.txt"
    bad.write_bytes(BROKEN[kind])

    result = cli("add", str(folder), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    results = data["results"]
    assert len(results) == 200 and data["failed"] == 1
    statuses = [r["status"] for r in results]
    assert statuses.count("added") == 199 and statuses.count("failed") == 1
    [failed] = [r for r in results if r["status"] == "failed"]
    assert failed["path"] == str(bad) and failed["key"] is None
    assert "binary" in failed["error"] or "invalid utf-16-le" in failed["error"]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"Error: {failed['error']}"]  # one line, and no progress bar off a terminal
    assert str(bad) in errors[0]

    lib = Library(cli.root)
    keys = {r["key"] for r in results if r["key"]}
    assert len(keys) == 199 and keys <= set(lib.keys())
    assert len(lib.annotated_keys()) == 199
    report = run(lib)
    assert report.clean, [p.to_dict() for p in report.problems][:3]
    assert report.checked["sources"] == 199


def test_the_human_summary_of_a_batch(cli, tmp_path):
    folder = tmp_path / "inbox"
    for i in range(9):
        write(folder / f"s{i}.txt", article(i))
    write(folder / "empty.txt", "")
    result = cli("add", str(folder))
    assert result.exit_code == 1
    assert "10 files: 9 added, 0 updated, 0 unchanged, 1 failed" in result.stdout
    assert result.stderr.strip().splitlines() == [f"Error: {folder / 'empty.txt'}: file is empty"]
    again = cli("add", str(folder / "s0.txt"), str(folder / "s1.txt"))
    assert again.exit_code == 0
    assert "2 files: 0 added, 0 updated, 2 unchanged, 0 failed" in again.stdout


def test_library_add_reports_progress_for_every_file(tmp_path):
    folder = tmp_path / "inbox"
    for i in range(12):
        write(folder / f"s{i:02d}.txt", article(i))
    seen: list[tuple[int, int]] = []
    lib = Library(tmp_path / "lib")
    results = lib.add(
        [folder], jobs=2, progress=lambda done, total, path: seen.append((done, total))
    )
    assert [r.status for r in results] == ["added"] * 12
    assert seen == [(i, 12) for i in range(1, 13)]


REPORT = """date 2017-10-27 The Kessel Institute says 3,417 fighters came from Russia and 760 from
Saudi Arabia, out of 5,600 who went home.

Officials said 44 of them were later detained.
"""


def test_re_adding_a_changed_source_prints_what_changed_and_keeps_key_and_notes(cli, tmp_path):
    source = write(tmp_path / "report.txt", REPORT)
    first = cli("add", str(source), "--key", "kessel2017", "--json")
    assert first.exit_code == 0, first.output
    lib = Library(cli.root)
    ids = {f["text"]: f["id"] for f in lib.figures(["kessel2017"])}
    note = {
        "@context": ann.CONTEXT,
        "id": ann.urn("kessel2017", "n1"),
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": "ask the institute for the table"},
        "target": {"source": "kessel2017", "id": ann.urn(*ids["3,417"].split(":"))},
    }
    path = lib.annotations_path("kessel2017")
    ann.write(path, [*ann.read(path), note])

    source.write_text(REPORT.replace("3,417", "3,471").replace("44 of them", "52 of them"))
    result = cli("add", str(source))
    assert result.exit_code == 0, result.output
    assert "updated   kessel2017" in result.stdout
    assert f"changed {ids['3,417']}: 3,417 → 3,471" in result.stdout
    assert f"changed {ids['44']}: 44 → 52" in result.stdout
    after = {f["id"]: f for f in lib.figures(["kessel2017"])}
    assert after[ids["3,417"]]["text"] == "3,471" and after[ids["3,417"]]["value"] == 3471
    assert after[ids["3,417"]]["notes"][0]["text"] == "ask the institute for the table"
    assert run(lib).clean

    data = cli.json("add", str(source))
    assert data["results"][0]["status"] == "unchanged"


def test_one_missing_path_among_many_is_reported_and_the_rest_recorded(cli, tmp_path):
    good = [write(tmp_path / f"g{i}.txt", article(i)) for i in range(3)]
    missing = tmp_path / "nowhere.txt"
    result = cli("add", *map(str, good), str(missing), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["status"] for r in data["results"]] == ["added", "added", "added", "failed"]
    assert Path(data["results"][3]["path"]) == missing
