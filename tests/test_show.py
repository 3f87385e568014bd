"""`show`: the source's text with figures highlighted, credits marked, notes in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

import citekit.cli.notes  # noqa: F401  (registers show)
from citekit.library.folder import Library
from citekit.views import show

ARTICLE = """date 2024-03-05

Harbour traffic rose sharply last year. The port handled 4.2 million containers in 2023.

Officials said nearly 300 ships were delayed by the storm.

The mayor promised 40 new cranes. Dock workers called the plan a distraction.
"""

REVIEW = """date 2024-04-10

A winter review of the harbour counted 310 delayed ships.
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _figure_id(cli, key: str, contains: str) -> str:
    return next(f["id"] for f in cli.json("figures", key) if contains in f["text"])


@pytest.fixture
def annotated(cli, tmp_path):
    """The harbour article with a source note, a figure note, a hand link and a hand credit."""
    src = _write(tmp_path / "src" / "harbour.txt", ARTICLE)
    assert cli("add", str(src), "--key", "harbour").exit_code == 0
    review = _write(tmp_path / "src" / "review.txt", REVIEW)
    assert cli("add", str(review), "--key", "review2024").exit_code == 0
    ships = _figure_id(cli, "harbour", "300")
    cranes = _figure_id(cli, "harbour", "40")
    assert cli("note", "harbour", "Read on the ferry", "--tag", "print").exit_code == 0
    assert cli("note", ships, "the review says 310").exit_code == 0
    assert cli("link", "--figure", ships, "--to", "review2024").exit_code == 0
    assert cli("fix", cranes, "--qualifier", "at_least").exit_code == 0
    result = cli(
        "link",
        "harbour",
        "--quote",
        "Dock workers called the plan a distraction",
        "--note",
        "a claim, no number",
    )
    assert result.exit_code == 0, result.output
    return {"ships": ships, "cranes": cranes}


def test_show_prints_text_figures_notes_and_legend(cli, annotated):
    result = cli("show", "harbour")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Harbour traffic rose sharply last year." in out
    assert "Officials said nearly 300¹ ships" in out  # credited: marker after the figure
    assert "4.2 million containers" in out
    assert "Read on the ferry #print" in out
    assert "the review says 310" in out
    assert "a claim, no number" in out
    assert "¹ review2024" in out
    assert "figures of harbour" in out
    # The figure's note stands below its own paragraph, before the next one.
    assert out.index("nearly 300") < out.index("the review says 310") < out.index("The mayor")
    assert out.index("Dock workers called") < out.index("a claim, no number")


def test_show_with_ids_marks_every_figure(cli, annotated):
    out = cli("show", "harbour", "--ids").output
    assert f"nearly 300¹[{annotated['ships'].split(':')[1]}]" in out
    assert f"[{annotated['cranes'].split(':')[1]}]" in out


def test_show_highlights_with_styles(tmp_path):
    lib = Library(tmp_path / "lib")
    lib.add([_write(tmp_path / "a.txt", ARTICLE)], key="harbour")
    view = show.source_view(lib, "harbour")
    start, end = view.paragraphs[1]
    text = show.paragraph_text(view, start, end)
    styled = {str(text)[s.start : s.end]: str(s.style) for s in text.spans}
    assert styled["4.2 million"] == show.STYLE_FIGURE
    console = Console(record=True, width=200, color_system="truecolor", force_terminal=True)
    show.print_view(console, view)
    assert "\x1b[" in console.export_text(styles=True)


def test_show_json(cli, annotated):
    data = cli.json("show", "harbour")
    snapshot = (cli.root / "sources" / "harbour.txt").read_text(encoding="utf-8")
    assert data["key"] == "harbour"
    assert data["text"] == snapshot
    assert snapshot[: data["body_start"]].strip() == "date 2024-03-05"
    assert {f["id"] for f in data["figures"]} >= {annotated["ships"], annotated["cranes"]}
    assert all(f["placed"] for f in data["figures"])
    for f in data["figures"]:
        assert snapshot[f["start"] : f["end"]] == f["text"]
    texts = {n["text"]: n for n in data["notes"]}
    assert texts["Read on the ferry"]["figure"] is None
    assert texts["the review says 310"]["figure"] == annotated["ships"]
    credited = [w for w in data["works"] if w["marker"] is not None]
    assert "review2024" in {w["key"] for w in credited}
    cranes = next(f for f in data["figures"] if f["id"] == annotated["cranes"])
    assert cranes["qualifier"] == "at_least" and cranes["original"]["qualifier"] == "exact"
    json.dumps(data)


def test_show_a_snapshot_changed_behind_its_back(cli, tmp_path):
    lib_src = _write(
        cli.root / "harbour.txt", ARTICLE
    )  # inside the library: the file is the snapshot
    assert cli("add", str(lib_src), "--key", "harbour").exit_code == 0
    lib_src.write_text(ARTICLE.replace("Harbour traffic", "Sea traffic"), encoding="utf-8")
    result = cli("show", "harbour")
    assert result.exit_code == 0, result.output
    assert "no longer at their recorded place" in result.output
    assert "Sea traffic" in result.output


def test_show_unknown_key(cli):
    result = cli("show", "nosuchkey")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


def test_a_note_on_a_figure_no_longer_shown_stays_visible(cli, annotated):
    cranes = annotated["cranes"]
    assert cli("note", cranes, "promise made twice before").exit_code == 0
    assert cli("fix", cranes, "--not-a-figure").exit_code == 0
    listed = {n["text"]: n for n in cli.json("notes", "harbour")}
    assert listed["promise made twice before"]["figure_found"] is False
    assert listed["the review says 310"]["figure_found"] is True
    out = cli("show", "harbour").output
    assert "Notes on figures no longer in place" in out
    assert out.index("Notes on figures no longer in place") < out.index("promise made twice")
