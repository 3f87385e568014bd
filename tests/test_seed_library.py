"""The repository's own refs.bib and annotations/ are exactly what `citekit add seeds/*.txt` gives."""

from __future__ import annotations

import shutil

from citekit.library.folder import Library
from tests.conftest import REPO


def test_top_level_library_is_up_to_date(tmp_path, monkeypatch):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    Library(tmp_path).add(sorted((tmp_path / "seeds").glob("*.txt")))
    expected_bib = (tmp_path / "refs.bib").read_text(encoding="utf-8")
    assert (REPO / "refs.bib").read_text(encoding="utf-8") == expected_bib, (
        "refs.bib is out of date: run `make library`"
    )
    produced = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "annotations").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "annotations").iterdir()}
    assert committed == produced, "annotations/ are out of date: run `make library`"
