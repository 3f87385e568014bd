"""Exports printed by the real tools: bibtex (plainnat, plain), biber --validate-datamodel,
pandoc --citeproc; hostile titles print as text and run nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.bibtools import (
    SECRET,
    biber_paper,
    bibtex_paper,
    citekit,
    make_sources,
    pdf_text,
    run,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_ff2d753cc6dcba1d.txt"
TOOLS = ("pdflatex", "bibtex", "biber", "pandoc")
pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS), reason="needs pdflatex, bibtex, biber, pandoc"
)
BOOKKEEPING = ("Cites:", "Cited by", "inferred", "citekit", "sha256", ".txt}")
NOUNS = ("Islamic", "Syria", "Iraq", "NHS", "Leeds", "Ukraine", "Soufan")


@pytest.fixture(scope="module")
def lib(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("biblib")
    root = base / "library"
    sources = make_sources(base / "src")
    citekit(root, "add", str(SEED))
    citekit(root, "add", *(str(p) for p in sources.values()))
    keys = {e["ID"]: e for e in json.loads(citekit(root, "entries", "--json").stdout)}
    hostile = next(k for k, e in keys.items() if "Flood bill" in e.get("title", ""))
    return {"root": root, "base": base, "keys": keys, "hostile": hostile}


def _export(lib: dict, fmt: str, *keys: str) -> str:
    return citekit(lib["root"], "export", "--format", fmt, *keys).stdout


def test_the_library_holds_every_kind_of_source(lib):
    entries = lib["keys"]
    assert set(entries) == {
        "soufan2017beyond", "tajik2017nationals", "smith2021flood", "nhs2023clinics",
        "petrenko2022wheat", "busridership", "rosttsen", "rtflkhbz", "officeharbour",
    }  # fmt: skip  (Cyrillic and Arabic titles transliterated, not 'source', 'sourcea')
    assert entries["officeharbour"]["ENTRYTYPE"] == "techreport"  # the PDF
    page = entries[lib["hostile"]]
    assert page["url"] == "https://news.example.org/flood-bill"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page["urldate"])
    assert page["title"].endswith("\\{ tail\\")


@pytest.mark.parametrize("style", ["plainnat", "plain"])
def test_bibtex_prints_the_library_without_a_warning(lib, tmp_path, style):
    out = bibtex_paper(tmp_path, _export(lib, "bibtex"), style)
    blg = (out / "paper.blg").read_text(encoding="utf-8", errors="replace")
    assert "Warning--" not in blg and "error message" not in blg, blg
    bbl = (out / "paper.bbl").read_text(encoding="utf-8")
    assert bbl.count(r"\bibitem") == len(lib["keys"])
    for word in BOOKKEEPING:
        assert word not in bbl, word
    for noun in NOUNS:
        assert "{" + noun + "}" in bbl or noun in bbl, noun
    assert "{Tajik} nationals are fighting" in bbl  # not lowercased by the style


def test_biber_validates_the_datamodel_without_a_warning(lib, tmp_path):
    out, log = biber_paper(tmp_path, _export(lib, "biblatex"))
    assert "WARN" not in log and "ERROR" not in log, log
    bbl = (out / "paper.bbl").read_text(encoding="utf-8")
    for word in ("Cites:", "Cited by", "inferred", "sha256"):
        assert word not in bbl, word
    assert r"\field{labeltitlesource}" in bbl or r"\entry" in bbl


@pytest.mark.parametrize("fmt,name", [("biblatex", "refs.bib"), ("csl-json", "refs.json")])
def test_pandoc_citeproc_prints_the_library_without_a_warning(lib, tmp_path, fmt, name):
    (tmp_path / name).write_text(_export(lib, fmt), encoding="utf-8")
    (tmp_path / "paper.md").write_text('---\nnocite: "@*"\n---\n\nText.\n', encoding="utf-8")
    done = run(tmp_path, "pandoc", "--citeproc", "--bibliography", name, "paper.md", "-t", "plain")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    printed = " ".join(done.stdout.split())
    for word in ("Cites:", "Cited by", "inferred", "citekit"):
        assert word not in printed, word
    for noun in ("Islamic State (IS)", "Syria", "NHS", "Leeds", "Москве", "القاهرة"):
        assert noun in printed, noun
    assert "Harbour Gazette" in printed and "Fort McMurray" not in printed


@pytest.mark.parametrize("engine", ["plainnat", "biblatex"])
def test_a_hostile_title_prints_as_text_and_reads_no_file(lib, tmp_path, engine):
    keys = [lib["hostile"], "tajik2017nationals"]
    if engine == "biblatex":
        out, _ = biber_paper(tmp_path, _export(lib, "biblatex", *keys), keys)
    else:
        out = bibtex_paper(tmp_path, _export(lib, "bibtex", *keys), "plainnat", keys)
    log = (out / "paper.log").read_text(encoding="utf-8", errors="replace")
    secret = lib["base"] / "src" / "secret.txt"
    assert "(" + str(secret) not in log and SECRET not in log  # the file was never opened
    assert "\n! " not in log, log[-2000:]
    text = pdf_text(out / "paper.pdf")
    assert SECRET not in text
    assert not (lib["base"] / "src" / "pwned").exists()
    for shown in (r"\input{", r"\write18{", r"\textbf{bold}", "50%", "$3", "#1", "a_b", r"\{"):
        assert shown in text, (shown, text)
    assert "tail\\" in text
    assert "Beyond the Caliphate" not in text  # the work it cites is not printed inside it


def _has_luaotfload() -> bool:
    if shutil.which("lualatex") is None or shutil.which("kpsewhich") is None:
        return False
    return bool(run(Path.cwd(), "kpsewhich", "luaotfload.sty").stdout.strip())


@pytest.mark.skipif(not _has_luaotfload(), reason="needs lualatex with luaotfload (texlive-luatex)")
@pytest.mark.parametrize("engine", ["plainnat", "biblatex"])
def test_lualatex_prints_cyrillic_and_arabic_titles_without_an_error(lib, tmp_path, engine):
    """The same export, unchanged: only the paper's fonts differ from the pdflatex papers."""
    if engine == "biblatex":
        out, log = biber_paper(tmp_path, _export(lib, "biblatex"), engine="lualatex")
        assert "WARN" not in log and "ERROR" not in log, log
    else:
        out = bibtex_paper(tmp_path, _export(lib, "bibtex"), "plainnat", engine="lualatex")
        assert "Warning--" not in (out / "paper.blg").read_text(encoding="utf-8")
    log = (out / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "\n! " not in log and "Missing character" not in log, log[-2000:]
    text = pdf_text(out / "paper.pdf")
    assert "Рост цен на жильё в Москве" in text
    # the Arabic title is set, shaped: letters in their joined forms (presentation forms)
    assert re.search("[\ufe70-\ufeff]{4}", text), text
    assert "Fort McMurray" not in text and "Harbour Water Quality Survey" in text
