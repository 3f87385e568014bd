"""The derived index (.citekit/index.sqlite): same answers as the files, kept up to date, disposable."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from citekit.extract import extract_figures
from citekit.library.folder import Library
from citekit.library.index import open_index
from citekit.library.trace import _plain, parse_query, rank
from tests.conftest import record_articles, write

WATER = """date 2021-03-04

About 3,400 households in Cardiff lost their water supply on Monday, the utility said.

According to the Drought Report 2020 by the Civic Water Trust, 41% of pipes in Wales are over
50 years old. Repairs cost £12m last year, the trust said.
"""

RAIL = """date 2022-06-01

Rail fares in Wales rose by 4.8% in January, and 3,400 commuters signed a petition.

Some 120 nurses in Cardiff said the trains were late most days.
"""


@pytest.fixture
def lib(cli, tmp_path):
    record_articles(cli.root, tmp_path / "src", {"water2021": WATER, "rail2022": RAIL})
    cli("note", "rail2022", "checked against the timetable", "--tag", "rail")
    return cli


def _outputs(cli, draft: Path) -> dict[str, object]:
    out = {}
    for args in (
        ("entries",),
        ("figures",),
        ("figures", "--all"),
        ("figures", "water2021"),
        ("trace", "3,400"),
        ("trace", "3400", "households"),
        ("trace", "nurses", "Cardiff"),
        ("trace", "timetable"),
        ("notes",),
        ("notes", "--tag", "rail"),
        ("check", str(draft)),
    ):
        result = cli(*args, "--json")
        out[" ".join(args)] = (result.exit_code, result.stdout)
    return out


def test_deleting_the_index_changes_no_output(lib, tmp_path):
    draft = write(tmp_path / "draft.md", "About 3,400 households lost water [@water2021].\n")
    first = _outputs(lib, draft)
    assert (lib.root / ".citekit" / "index.sqlite").exists()
    shutil.rmtree(lib.root / ".citekit")
    assert _outputs(lib, draft) == first
    assert json.loads(first["trace 3,400"][1])[0]["text"] in ("About 3,400", "3,400")


def _words_of_sources(library: Library) -> dict[str, str]:
    from citekit.library.annotations import source_note_text

    context = {}
    for key in library.keys():
        f = library.entry(key)
        context[key] = " ".join(f.get(n, "") for n in ("title", "author", "institution", "publisher"))
    for key in library.annotated_keys():
        context[key] = f"{context.get(key, '')} {source_note_text(library.annotations(key))}"
    return context


def test_trace_through_the_index_ranks_as_over_every_figure(lib):
    library = Library(lib.root)
    everything = library.figures()
    context = _words_of_sources(library)
    for query in ("3,400", "3400 households", "nurses Cardiff", "Wales", "timetable", "41%"):
        want = [(round(s, 3), r["source"], r["id"]) for s, r in rank(parse_query(query), everything, context)][:20]
        got = [(h["score"], h["source"], h["id"]) for h in lib.json("trace", query)]
        assert got == want, query


def test_a_short_list_of_figures_holding_every_word_ranks_as_the_full_ranking(lib):
    """`--limit N` where N or more sentences hold every word (read without scoring the rest)
    gives the first N of the full ranking, ties in the same order."""
    library = Library(lib.root)
    everything = library.figures()
    context = _words_of_sources(library)
    for query in ("Wales", "Cardiff", "nurses Cardiff", "pipes Wales", "households"):
        ranked = rank(parse_query(query), everything, context)
        for limit in (1, 2, 3):
            want = [(round(s, 3), r["source"], r["id"]) for s, r in ranked][:limit]
            hits = lib.json("trace", query, "--limit", str(limit))
            assert [(h["score"], h["source"], h["id"]) for h in hits] == want, (query, limit)
    assert len(lib.json("trace", "Wales", "--limit", "2")) == 2
    assert {h["score"] for h in lib.json("trace", "Wales", "--limit", "2")} == {5.0}


def test_plain_queries_read_as_extraction_reads_them():
    for text in ("3417", "2,846", " 52 ", "nurses Wales", "Civic Water Trust", "households"):
        plain = _plain(text)
        assert plain is not None, text
        values = [float(f.value) for f in extract_figures(text) if f.value is not None]
        if values:
            assert plain.values == values, text
    for text in ("three million", "41%", "half the nurses", "dozens of nurses", "2.8 million"):
        assert _plain(text) is None, text


def test_a_hand_edit_of_an_annotation_file_is_seen_by_the_next_command(lib):
    before = {f["id"]: f for f in lib.json("figures", "water2021")}
    path = lib.root / "annotations" / "water2021.jsonl"
    text = path.read_text(encoding="utf-8")
    fid = next(i for i, f in before.items() if f["text"] == "About 3,400")
    assert '"value": 3400,' in text
    # Same size, written at once: only the content tells the change.
    path.write_text(text.replace('"value": 3400,', '"value": 3401,', 1), encoding="utf-8")
    after = {f["id"]: f for f in lib.json("figures", "water2021")}
    assert after[fid]["value"] == 3401
    assert [h["id"] for h in lib.json("trace", "3401")] == [fid]


def test_a_hand_edit_of_refs_bib_is_seen_by_the_next_command(lib):
    bib = lib.root / "refs.bib"
    lib.json("entries")
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@book{hand2020,\n  title = {Written by Hand},\n  year = {2020},\n}\n")
    rows = {r["ID"]: r for r in lib.json("entries")}
    assert rows["hand2020"]["title"] == "Written by Hand"
    # @string macros make the whole file be read again, as refs.bib is parsed everywhere.
    bib.write_text(
        '@string{pub = "Macro Press"}\n' + bib.read_text(encoding="utf-8").replace(
            "year = {2020},", "year = {2020},\n  publisher = pub,"
        )
    )
    rows = {r["ID"]: r for r in lib.json("entries")}
    assert rows["hand2020"]["publisher"] == "Macro Press"
    assert list(rows) == Library(lib.root).keys()
    bib.write_text(text)
    assert "hand2020" not in {r["ID"] for r in lib.json("entries")}


def test_a_note_is_found_by_trace_and_notes_at_once(lib):
    lib("note", "water2021", "reservoir levels from the trust")
    assert {h["source"] for h in lib.json("trace", "reservoir")} == {"water2021"}
    assert [n["text"] for n in lib.json("notes", "water2021")] == ["reservoir levels from the trust"]


def test_an_unreadable_index_is_rebuilt(lib):
    want = lib.json("figures")
    path = lib.root / ".citekit" / "index.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    assert lib.json("figures") == want
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM figures").fetchone()[0] == len(
            lib.json("figures", "--all")
        )


def test_a_broken_annotation_file_fails_the_reads_that_need_it(lib):
    path = lib.root / "annotations" / "rail2022.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = lib("trace", "3400")
    assert result.exit_code == 1
    assert "rail2022.jsonl" in result.output and "not valid JSON" in result.output
    assert lib("figures", "water2021", "--json").exit_code == 0
    assert lib("entries", "--json").exit_code == 0


def test_a_read_only_library_is_answered_from_an_index_in_memory(lib):
    want = lib.json("trace", "3,400")
    shutil.rmtree(lib.root / ".citekit")
    os.chmod(lib.root, 0o555)
    try:
        if os.access(lib.root, os.W_OK):
            pytest.skip("running as a user who writes anywhere")
        assert lib.json("trace", "3,400") == want
    finally:
        os.chmod(lib.root, 0o755)


def test_the_index_is_plain_sqlite_with_words_in_fts5(lib):
    lib.json("entries")
    with sqlite3.connect(lib.root / ".citekit" / "index.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        keys = {k for (k,) in db.execute("SELECT key FROM entries")}
        assert {"water2021", "rail2022"} <= keys
        rows = db.execute(
            "SELECT f.source FROM figure_words w JOIN figures f ON f.id = w.rowid"
            " WHERE figure_words MATCH 'sentence : nurs'"
        ).fetchall()
        assert rows == [("rail2022",)]


def test_a_real_process_starts_without_heavy_modules(tmp_path):
    code = (
        "import sys; from citekit.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('trafilatura', 'pypdf', 'rich', 'bibtexparser', 'rapidfuzz', 'lxml')"
        " if m in sys.modules]\nprint('heavy:' + ','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "heavy:"


def test_help_lists_every_command_without_loading_them(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "citekit", "--help"], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 0
    for name in ("add", "extract", "figures", "trace", "check", "show", "note", "notes", "link",
                 "export", "import", "verify", "entries", "fix"):
        assert f"  {name} " in out.stdout, name


def test_open_index_counts_every_figure_once(lib):
    index = open_index(Library(lib.root))
    assert len(index.figures(all_kinds=True)) == len(Library(lib.root).figures(all_kinds=True))
    index.refresh()
    assert len(index.figures(all_kinds=True)) == len(Library(lib.root).figures(all_kinds=True))


def test_verify_tells_its_progress_entry_by_entry(lib):
    from citekit.review.verify import run

    seen: list[tuple[int, int, str]] = []
    report = run(Library(lib.root), progress=lambda done, total, key: seen.append((done, total, key)))
    keys = list(Library(lib.root).keys())
    assert [(done, total) for done, total, _ in seen] == [
        (n, len(keys)) for n in range(1, len(keys) + 1)
    ]
    assert sorted(key for _, _, key in seen) == sorted(keys)
    assert report.clean


def test_many_sources_and_a_changed_one(cli, tmp_path):
    articles = {
        f"town{n}": f"date 2020-01-{n + 1:02d}\n\nSome {100 + n} nurses in Town{n} went on strike.\n"
        for n in range(12)
    }
    record_articles(cli.root, tmp_path / "src", articles)
    assert [h["source"] for h in cli.json("trace", "107")] == ["town7"]
    # One source re-recorded with another figure: only its rows change.
    path = write(tmp_path / "src" / "town7.txt", articles["town7"].replace("107", "170"))
    assert cli("add", "--key", "town7", str(path)).exit_code == 0
    assert cli("trace", "107", "--json").exit_code == 1
    assert [h["source"] for h in cli.json("trace", "170")] == ["town7"]
    assert [h["source"] for h in cli.json("trace", "105")] == ["town5"]


def test_an_entry_edited_in_the_middle_of_refs_bib_is_read_alone(lib):
    bib = lib.root / "refs.bib"
    before = lib.json("entries")
    first = before[0]["ID"]
    text = bib.read_text(encoding="utf-8")
    title = before[0]["title"]
    bib.write_text(text.replace(title, "A Title Fixed by Hand", 1), encoding="utf-8")
    after = lib.json("entries")
    assert [r["ID"] for r in after] == [r["ID"] for r in before]
    assert after[0]["title"] == "A Title Fixed by Hand" and after[0]["ID"] == first
    assert after[1:] == before[1:]
    assert after == [Library(lib.root).entry(k) for k in Library(lib.root).keys()]


def test_the_index_folder_ignores_itself_in_git(lib):
    shutil.rmtree(lib.root / ".citekit", ignore_errors=True)
    open_index(Library(lib.root))
    ignore = (lib.root / ".citekit" / ".gitignore").read_text(encoding="utf-8")
    assert ignore.splitlines()[-1] == "*"
    assert (lib.root / ".citekit" / "index.sqlite").is_file()


def test_refs_bib_is_cut_before_every_at_sign_that_starts_a_line():
    from citekit.library.index.bibsync import blocks

    assert blocks("") == []
    assert blocks("no entries here\n") == []
    assert blocks("% header\n@book{a,\n}\n\n@misc{b, x = {a@b}}\n") == [
        "@book{a,\n}\n\n",
        "@misc{b, x = {a@b}}\n",
    ]
    assert blocks("@a\n@b") == ["@a\n", "@b"]
    assert blocks("@a\r\n @b\n@") == ["@a\r\n @b\n", "@"]
    text = "x\n@one{k,\n}\n@two{j,\n}\n"
    assert "".join(blocks(text)) == text[text.index("@"):]
