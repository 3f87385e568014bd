"""Hostile keys and files, as real `citekit` processes: one Error line, the documented exit code,
nothing written outside the library and the library unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from citekit.library.keys import KEY_MAX, InvalidKeyError, make_key, validate_key
from tests.conftest import citekit_process, write

STORY = "date 2021-03-04 The Water Board of Kessel says 4,200 households lost power.\n"


citekit = citekit_process


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the .citekit cache aside) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".citekit" not in p.relative_to(folder).parts
    }


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """One library with one source, recorded once; each test works on its own copy."""
    base = tmp_path_factory.mktemp("recorded")
    root = base / "lib"
    first = write(base / "in" / "first.txt", STORY)
    done = citekit(root, "add", str(first))
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def library(tmp_path: Path, recorded: Path) -> Path:
    root = tmp_path / "work" / "lib"
    shutil.copytree(recorded, root)
    return root


HOSTILE = {
    "parent": ("../outside/x", "'/'"),
    "grandparent": ("../../etc/x", "'/'"),
    "absolute": ("/tmp/citekit-hostile-key", "an absolute path"),
    "comma": ("smith,2020", "','"),
    "open-brace": ("smith{2020", "'{'"),
    "close-brace": ("smith}2020", "'}'"),
    "quote": ('smith"2020', "'\"'"),
    "equals": ("smith=2020", "'='"),
    "space": ("smith 2020", "a space"),
    "newline": ("smith\n2020", "a newline"),
    "dot-first": (".hidden", "starts with '.'"),
    "300": ("k" * 300, "300 characters long"),
    "10000": ("k" * 10_000, "10,000 characters long"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_key_is_refused_with_one_line_and_exit_2(library, tmp_path, name):
    key, problem = HOSTILE[name]
    source = write(tmp_path / "in" / "second.txt", STORY.replace("4,200", "5,300"))
    outside_before = snapshot(tmp_path)
    result = citekit(library, "add", "--key", key, str(source))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and problem in lines[0], lines
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(tmp_path) == outside_before  # nothing anywhere, inside or out
    assert not Path("/tmp/citekit-hostile-key.jsonl").exists()


def test_validate_key_accepts_the_keys_citekit_makes_and_common_hand_made_ones():
    for key in ("smith2019water", "source2020-703", "Doe_2020", "ipcc.ar6", "x+y", "a" * KEY_MAX):
        assert validate_key(key) == key
    with pytest.raises(InvalidKeyError):
        validate_key("a" * (KEY_MAX + 1))
    with pytest.raises(InvalidKeyError):
        validate_key("")


def test_key_suffixes_never_run_out():
    taken = {"source2020"} | {make_key(title=None, year=2020, taken=set())}
    made = []
    for _ in range(800):
        key = make_key(title=None, year=2020, taken=taken)
        taken.add(key)
        made.append(key)
    assert made[:3] == ["source2020a", "source2020b", "source2020c"]
    assert made[701] == "source2020zz"
    assert made[702:704] == ["source2020-703", "source2020-704"]
    assert len(set(made)) == 800 and all(validate_key(k) for k in made)


def test_a_key_left_in_annotations_is_not_reused_so_old_notes_stay_theirs(library, tmp_path):
    # A source recorded, noted, then its entry deleted from refs.bib by hand.
    gone = write(tmp_path / "in" / "gone.txt", STORY.replace("Kessel", "Oldcastle"))
    added = citekit(library, "add", "--key", "oldkey", str(gone))
    assert added.returncode == 0, added.stderr
    assert citekit(library, "note", "oldkey", "checked by phone").returncode == 0
    bib = (library / "refs.bib").read_text(encoding="utf-8")
    start = bib.index("@misc{oldkey,")
    end = bib.index("\n}\n", start) + 3
    (library / "refs.bib").write_text(bib[:start] + bib[end:], encoding="utf-8")
    old_notes = (library / "annotations" / "oldkey.jsonl").read_bytes()

    # Pinning that key is refused; a new key is made around it.
    again = citekit(library, "add", "--key", "oldkey", str(gone))
    assert again.returncode == 1 and "taken by files in annotations/" in again.stderr
    made = citekit(library, "add", str(gone), "--json")
    assert made.returncode == 0, made.stderr
    assert '"key": "oldkey"' not in made.stdout
    assert (library / "annotations" / "oldkey.jsonl").read_bytes() == old_notes


def test_a_symlinked_annotations_folder_pointing_outside_is_never_written(library, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (library / "annotations").rename(tmp_path / "moved")
    os.symlink(outside, library / "annotations")
    source = write(tmp_path / "in" / "third.txt", STORY.replace("Kessel", "Sunfield"))
    result = citekit(library, "add", str(source))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "outside the library folder" in result.stderr
    assert list(outside.iterdir()) == []
