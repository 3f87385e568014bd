"""Time-bomb inputs read correctly (how long they take is benchmarks/timebombs.py's business):
deep nesting never recurses, citations by the thousand in one sentence, and a flattened table
re-recorded keeps the ids of its unchanged figures."""

from __future__ import annotations

from pathlib import Path

from citekit import Library
from citekit.check.drafts import read_draft


def test_latex_footnotes_nested_thousands_deep() -> None:
    text = "\\footnote{" * 3000 + "12 people" + "}" * 3000
    draft = read_draft(text, "tex")
    assert [n.text for n in draft.numbers] == ["12"]
    assert draft.numbers[0].start == text.index("12")


def test_markdown_brackets_nested_thousands_deep() -> None:
    text = "[" * 5000 + "12 people" + "]" * 5000
    draft = read_draft(text, "md")
    assert [(n.text, n.start) for n in draft.numbers] == [("12", 5000)]


def test_markdown_links_nested_deep_keep_their_text() -> None:
    text = "[" * 200 + "12 people" + "](u)" * 200 + " rose."
    draft = read_draft(text, "md")
    assert [(n.text, n.start) for n in draft.numbers] == [("12", 200)]


def test_markdown_unclosed_code_math_and_tags() -> None:
    text = "``a $1 <sup>b " * 2000 + "then 12 people [@a]."
    draft = read_draft(text, "md")
    assert draft.numbers[-1].text == "12"
    assert draft.numbers[-1].cited == ("a",)


def test_thousands_of_citations_in_one_sentence_share_their_parts() -> None:
    draft = read_draft("12 [@a] " * 3000, "md")
    assert len(draft.numbers) == 3000
    assert all(n.cited == ("a",) for n in draft.numbers)
    first, last = draft.numbers[0], draft.numbers[-1]
    assert len(first.breaks) == 2999  # the last citation stands after the sentence's end
    assert first.breaks is last.breaks and first.sentence is last.sentence


def test_footnote_per_paragraph_each_number_in_its_footnote() -> None:
    text = "".join(f"It rose {i + 10} per cent.\\footnote{{About {i + 5000} homes were hit \\cite{{a}}.}}\n\n"
                   for i in range(500))  # fmt: skip
    draft = read_draft(text, "tex")
    in_notes = [n for n in draft.numbers if n.footnote]
    assert len(in_notes) == 500
    assert [(n.text, n.footnote) for n in in_notes[:2]] == [
        ("About 5000", "fn1"),
        ("About 5001", "fn2"),
    ]
    assert all(n.cited == ("a",) for n in draft.numbers)


def _table(n: int, changed: bool) -> str:
    cells = [f"{(i * 37) % 9000 + 100}" for i in range(n)]
    if changed:
        for i in range(0, n, 50):
            cells[i] = str(int(cells[i]) + 1)
    return "Regional totals " + " ".join(f"{c} tonnes," for c in cells) + " in all.\n"


def test_flattened_table_re_recorded_keeps_unchanged_ids(tmp_path: Path) -> None:
    library = Library(tmp_path)
    source = tmp_path / "table.txt"
    source.write_text(_table(600, False), encoding="utf-8")
    library.add([source], key="t")
    before = {f["start"]: f["id"] for f in library.figures("t")}
    source.write_text(_table(600, True), encoding="utf-8")
    result = library.add([source], key="t")[0]
    assert {c.change for c in result.changes} == {"changed"}  # none added, none removed
    assert len([c for c in result.changes if c.old != c.new]) == 12
    after = {f["start"]: f["id"] for f in library.figures("t")}
    assert len(after) == len(before) and set(after.values()) == set(before.values())


def test_a_run_of_text_without_full_stops_keeps_each_passage_bounded() -> None:
    from citekit.cites.analysis import analyse
    from citekit.library.records import PASSAGE_MAX, extracted_records
    from citekit.read.ingest import parse_bytes

    text = "Regional totals " + " ".join(f"{i * 7 + 100} tonnes," for i in range(2_000)) + " in all."
    records = extracted_records(analyse(parse_bytes(text.encode(), ".txt", "table.txt")))
    assert len(records) == 2_000
    for record in records:
        start, end = record["sentence_start"], record["sentence_end"]
        assert record["sentence"] == text[start:end]
        assert end - start <= PASSAGE_MAX
        assert start <= record["start"] and record["end"] <= end
        assert record["sentence"][0] != " " and record["sentence"][-1] != " "
    short = "It rose to 4,200 homes. Then 12 more were hit."
    first = extracted_records(analyse(parse_bytes(short.encode(), ".txt", "s.txt")))[0]
    assert first["sentence"] == "It rose to 4,200 homes."
