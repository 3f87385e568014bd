"""How the library keeps its files: refs.bib's line endings and symlinks, strict JSON, the
journal that makes a source's files land together, unreferenced snapshots, the last-resort
error line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from citekit.library import annotations as ann
from citekit.library.folder import Library
from citekit.library.layout import Layout
from citekit.review.verify import run
from tests.conftest import citekit_process, write

STORY = "date 2021-03-04 The Water Board of Kessel says 4,200 households lost power.\n"
HAND = (
    "% my own bibliography\r\n"
    "@book{knuth1984,\r\n  author = {Knuth, Donald},\r\n  title = {The {TeX}book},\r\n"
    "  year = {1984},\r\n}\r\n\r\n"
    "@article{doe2001,\r\n  author = {Doe, Jane},\r\n  title = {On Water},\r\n"
    "  journal = {Hydrology},\r\n  year = {2001},\r\n}\r\n"
)


citekit = citekit_process


def test_a_crlf_refs_bib_keeps_its_hand_written_blocks_byte_for_byte(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "refs.bib").write_bytes(HAND.encode())
    Library(root).add([write(tmp_path / "a.txt", STORY)])
    data = (root / "refs.bib").read_bytes()
    assert data.startswith(HAND.encode())  # every hand-written byte where it was
    assert b"\n" not in data.replace(b"\r\n", b"")  # and the new entry in CRLF too
    assert len(Library(root).keys()) == 3


def test_a_symlinked_refs_bib_is_written_through_and_stays_a_link(tmp_path):
    synced = tmp_path / "sync" / "library.bib"
    write(synced, "@misc{kept2000,\n  title = {Kept},\n}\n")
    root = tmp_path / "lib"
    root.mkdir()
    os.symlink(synced, root / "refs.bib")
    Library(root).add([write(tmp_path / "a.txt", STORY)])
    assert (root / "refs.bib").is_symlink() and os.readlink(root / "refs.bib") == str(synced)
    text = synced.read_text(encoding="utf-8")
    assert text.startswith("@misc{kept2000,") and text.count("@") == 2
    assert [p.name for p in synced.parent.iterdir()] == ["library.bib"]  # no temporary left


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999999", "NaN"])
def test_fix_refuses_a_value_that_is_not_a_finite_number(tmp_path, value):
    root = tmp_path / "lib"
    assert citekit(root, "add", "--key", "k", str(write(tmp_path / "a.txt", STORY))).returncode == 0
    before = (root / "annotations" / "k.jsonl").read_bytes()
    result = citekit(root, "fix", "k:f1", "--value", value)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "not a finite number" in lines[0], lines
    assert (root / "annotations" / "k.jsonl").read_bytes() == before


def test_annotations_are_strict_json(tmp_path):
    with pytest.raises(ValueError):
        ann.dumps([{"id": "urn:citekit:k:f1", "value": float("nan")}])
    path = write(tmp_path / "k.jsonl", '{"id": "urn:citekit:k:f1", "value": Infinity}\n')
    with pytest.raises(ann.AnnotationFileError, match="k.jsonl:1: not valid JSON"):
        ann.read(path)


@pytest.mark.parametrize("kind", ["device", "fifo", "folder-of-nothing"])
def test_only_regular_files_are_read_as_sources(tmp_path, kind):
    root = tmp_path / "lib"
    assert citekit(root, "add", str(write(tmp_path / "a.txt", STORY))).returncode == 0
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".citekit" not in str(p)}
    if kind == "device":
        target = "/dev/zero"
    elif kind == "fifo":
        target = str(tmp_path / "pipe.txt")
        os.mkfifo(target)
    else:
        target = str(tmp_path / "empty")
        os.mkdir(target)
    result = citekit(root, "add", target)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".citekit" not in str(p)}
    assert after == before


def test_a_committed_journal_is_rolled_forward_and_stray_temporaries_removed(tmp_path):
    layout = Layout(tmp_path / "lib")
    txn = layout.transaction()
    txn.stage(layout.annotations_dir / "a.jsonl", "{}\n")
    txn.stage(layout.bib_path, "@misc{a,\n}\n")
    # A kill after the journal was written and before the renames: the journal says it all.
    moves = [[str(tmp), str(target)] for target, tmp in txn._moves.items()]
    layout.journal_path.write_text(json.dumps({"moves": moves}), encoding="utf-8")
    write(layout.sources_dir / ".x.txt.citekit-abc123.tmp", "left by a kill")
    assert Library(layout.root).keys() == ["a"]  # a reader finishes the commit first
    assert (layout.annotations_dir / "a.jsonl").read_text() == "{}\n"
    assert not layout.journal_path.exists()
    assert [p for p in layout.root.rglob("*.tmp")] == []


def test_staged_files_without_a_journal_are_dropped_by_the_next_writer(tmp_path):
    layout = Layout(tmp_path / "lib")
    txn = layout.transaction()
    txn.stage(layout.annotations_dir / "a.jsonl", "{}\n")  # killed before commit
    with layout.lock():
        pass
    assert list(layout.annotations_dir.iterdir()) == []


def test_a_journal_pointing_outside_the_library_is_not_followed(tmp_path):
    layout = Layout(tmp_path / "lib")
    victim = write(tmp_path / "victim.txt", "mine")
    evil = write(tmp_path / ".victim.txt.citekit-zz.tmp", "overwritten")
    layout.state_dir.mkdir(parents=True)
    layout.journal_path.write_text(json.dumps({"moves": [[str(evil), str(victim)]]}))
    with layout.lock():
        pass
    assert victim.read_text() == "mine" and not layout.journal_path.exists()


def test_verify_reports_a_snapshot_no_entry_names(tmp_path):
    root = tmp_path / "lib"
    lib = Library(root)
    lib.add([write(tmp_path / "a.txt", STORY)])
    assert run(lib).problems == []
    write(root / "sources" / "ghost2020.txt", "left behind")
    [problem] = run(lib).problems
    assert problem.code == "snapshot-unreferenced" and problem.path == "sources/ghost2020.txt"


def test_an_unexpected_error_is_one_line_and_exit_1_with_debug_for_the_traceback(tmp_path):
    root = tmp_path / "lib"
    (root / "refs.bib").mkdir(parents=True)  # nothing citekit foresees
    result = citekit(root, "entries")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: unexpected IsADirectoryError:") and "--debug" in line
    debug = citekit(root, "--debug", "entries")
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1].startswith("Error: unexpected IsADirectoryError")


def test_a_deleted_working_folder_is_one_error_line(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]);"
        "from citekit.cli import main; main(['entries'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(gone)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: the current folder no longer exists: cd to a folder, or give --library PATH"
    ]
