"""`extract --json` written straight from an analysis gives exactly the text of encoding its records."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from citekit.cites.analysis import Analysis, analyse
from citekit.library.records import PASSAGE_MAX, extracted_records
from citekit.library.records_json import extracted_json, extracted_json_pieces
from citekit.models import Attribution, CitedWork, Figure
from citekit.read.ingest import Document, parse_bytes

NEWS = (
    'In its report "Dry Taps: Water in Three Cities", the Harbour Institute says 41% of homes '
    "lost water in 2019. Ana Ruiz, a council engineer, said repairs cost $3.2 million, and "
    "the report adds that 1,200 to 1,500 pipes burst.\n\n"
    'A tab\there, a quote " and a backslash \\ stand beside 7 km of road; the \u00e9t\u00e9 '
    "\u201cseason\u201d ran 12\u201315 days.\n"
)


def _standard(analysis: Analysis, all_kinds: bool = False) -> str:
    records = extracted_records(analysis, all_kinds=all_kinds)
    return json.dumps(records, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("all_kinds", [False, True])
def test_real_analysis_matches_the_encoded_records(all_kinds):
    analysis = analyse(parse_bytes(NEWS.encode(), ".txt", "news.txt"))
    assert any(a is not None and a.work_index is not None for a in analysis.attributions)
    assert any(a is not None and a.work_index is None for a in analysis.attributions)
    assert extracted_json(analysis, all_kinds) == _standard(analysis, all_kinds)


def test_no_figures_is_an_empty_array():
    analysis = analyse(parse_bytes(b"Nothing to count here.\n", ".txt", "plain.txt"))
    assert extracted_json(analysis) == "[]" == _standard(analysis)


def _hand_made(values: list[float | None], text: str = "x" * 40) -> Analysis:
    figures = [
        Figure("x", i, i + 1, value, low=value, high=None, unit=None, kind="count",
               sentence_start=0, sentence_end=len(text))  # fmt: skip
        for i, value in enumerate(values)
    ]
    work = CitedWork("T \"q\" \x00 \u2028", "t", 0, 1, organisation=None, year=None)
    attributions: list[Attribution | None] = [
        Attribution(i, 0 if i % 3 == 0 else None, None if i % 3 == 0 else "P\\n", "says", 1, 5)
        if i % 3 != 2
        else None
        for i in range(len(values))
    ]
    return Analysis(Document(text), figures, [work], [], attributions)


def test_edge_numbers_and_strings_match_the_standard_library():
    values = [0.0, -0.0, 1.5, 2846.0, 2.0**53, -(2.0**60), 1e300, 5e-324, math.nan, math.inf,
              -math.inf, None, 0.1 + 0.2]  # fmt: skip
    analysis = _hand_made(values)
    assert extracted_json(analysis) == _standard(analysis)
    assert '"value": 2846,' in extracted_json(analysis)
    assert '"value": NaN,' in extracted_json(analysis)


def test_a_long_sentence_is_cut_to_the_passage_around_the_figure():
    text = "word " * (PASSAGE_MAX // 2) + "7 cats " + "word " * (PASSAGE_MAX // 2)
    analysis = analyse(parse_bytes(text.encode(), ".txt", "long.txt"))
    assert extracted_json(analysis) == _standard(analysis)
    record = json.loads(extracted_json(analysis))[0]
    assert record["sentence_end"] - record["sentence_start"] < len(text)


def test_values_of_other_types_print_as_json_prints_them():
    class Ratio(float):
        pass

    analysis = _hand_made([Ratio(0.5), Ratio(3.0), 2, None])
    analysis.figures[0].paragraph = True  # a bool where a count stands: json prints "true"
    analysis.figures[1].unit = ["km", 2]  # a container is indented at its depth
    analysis.works[0].year = {"from": 2019, "to": [2020]}
    assert extracted_json(analysis) == _standard(analysis)
    assert '"paragraph": true,' in extracted_json(analysis)


def test_pieces_join_to_the_whole_text():
    analysis = _hand_made([float(i) for i in range(2_345)])
    pieces = list(extracted_json_pieces(analysis))
    assert len(pieces) == 4  # three of at most a thousand records, then the closing bracket
    assert "".join(pieces) == _standard(analysis)
    assert json.loads("".join(pieces))[2_344]["id"] == "f2345"


def test_extract_json_process_prints_the_encoded_records(tmp_path: Path):
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "citekit", "extract", str(path), "--json"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    analysis = analyse(parse_bytes(NEWS.encode(), ".txt", str(path)))
    assert done.stdout == _standard(analysis) + "\n"
    assert done.stderr == ""
