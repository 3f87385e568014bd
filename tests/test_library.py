"""Library-level guarantees: concurrent writers lose nothing, a crash tears nothing."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import pytest

from citekit.library import fsutil
from citekit.library.bib import BibFile
from citekit.library.folder import Library
from tests.conftest import write


def _add_many(root: str, paths: list[str]) -> None:
    lib = Library(Path(root))
    for p in paths:
        lib.add([Path(p)])


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    batches = []
    for proc in range(2):
        paths = []
        for i in range(6):
            text = f"date 2020-01-0{i + 1} Agency {proc}{i} says {100 + i} people left town {proc}.\n"
            paths.append(str(write(tmp_path / f"p{proc}" / f"s{i}.txt", text)))
        batches.append(paths)
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_add_many, args=(str(root), b)) for b in batches]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    bib = BibFile.parse((root / "refs.bib").read_text(encoding="utf-8"))
    assert not bib.failed
    origins = {bib.fields(k)["citekit-origin"] for k in bib.keys()}
    assert origins == {str(Path(p).resolve()) for b in batches for p in b}
    assert len(list((root / "annotations").glob("*.jsonl"))) == 12


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "refs.bib"
    target.write_text("old content\n")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        fsutil.atomic_write(target, "new content\n")
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_a_failure_while_recording_leaves_refs_bib_as_it_was(tmp_path, monkeypatch):
    root = tmp_path / "lib"
    root.mkdir()
    lib = Library(root)
    first = write(tmp_path / "a.txt", "date 2020-01-01 The ministry says 12 schools opened.\n")
    lib.add([first])
    before = (root / "refs.bib").read_bytes()
    second = write(tmp_path / "b.txt", "date 2020-02-01 Police said 40 people were hurt.\n")

    def fail(*args, **kwargs):
        raise OSError("no space left")

    annotations_before = sorted(p.name for p in (root / "annotations").iterdir())
    monkeypatch.setattr("citekit.library.journal.atomic_write", fail)  # the commit fails
    with pytest.raises(OSError):
        lib.add([second])
    assert (root / "refs.bib").read_bytes() == before
    # Nothing of the failed source stays: no annotations, no temporary file anywhere.
    assert sorted(p.name for p in (root / "annotations").iterdir()) == annotations_before
    assert [p for p in root.rglob("*.tmp")] == []
