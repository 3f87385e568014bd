"""Fact-checker QA (round 2): drafts with deliberate errors checked against fresh articles.

Errors planted: transposed digits, a wrong value for the right thing, the right value cited to the
wrong source, missing citations, faithful rounding, a number in words, a footnote, multi-key
citations, an unknown key, and two numbers of one sentence that share a source sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import record_articles, run_check, verdicts
from tests.test_qa2_attribution import ARTICLES

MD = """\
---
title: Draft
---
# Notes

Norland's central bank put inflation at 6.1% in February and expects 3.2% by the end of 2027 [@bank].

Vestria's jobless rate fell to 4.5% in April [@jobs]. Employers added 84,000 jobs that month [@jobs].

About 2.4 million Sahel children are out of school [@ngo], and some 8,300 schools have closed [@open2025lost].

The union says 120,000 people have stopped looking for work [@poll].

The Green Alliance polls at 34% [@poll].

A new footbridge cost 1.5 million pounds.

Walking 7,000 steps a day cuts early death by 47% [see @study; @survey, p. 2].

Unemployment in Vestria was 5.4% in April.

Employers created nearly 50,000 jobs in April [@jobs].

The Danish cohort followed 12,600 adults for over a decade.[^walk]

The valley survey questioned 1,500 farmers [@survey].

Run `check 99,999` to see.

Unemployment fell to 5.4% in April, from 5.9% [@jobs; @bank].

[^walk]: See @study, p. 4.
"""

TEX = r"""\documentclass{article}
\begin{document}
The housing minister claimed 42{,}000 homes \citep{ministers}, while the finance minister counted 28{,}500 \citet{ministers}.
The programme cost 3.1~billion euros, or 700~million euros over budget \cite[p.~2]{ministers}.
% 99,999 in a comment
Some 54\% of valley farmers depend on the river \parencite{survey}, and 32\% lost crops to drought \parencite{survey}.
The bridge is 85~metres long \cite{local}.
Margin of error: 2.2 points \cite{nokey2020}.
Turnout was seventy-one per cent.\footnote{See \cite{poll}.}
\end{document}
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("qa2checklib")
    return record_articles(root, tmp_path_factory.mktemp("qa2checksrc"), ARTICLES)


check = run_check


def test_markdown_draft(library: Path) -> None:
    code, report = check(library, "qa2.md", MD)
    assert code == 1
    assert verdicts(report) == [
        (6, "6.1%", "traced", "bank", "6.1%"),
        (6, "3.2%", "traced", "bank", "3.2%"),
        (8, "4.5%", "mismatch", "jobs", "5.4%"),
        (8, "84,000", "mismatch", "jobs", "48,000"),
        (10, "About 2.4 million", "traced", "ngo", "Nearly 2.4 million"),
        (10, "some 8,300", "traced", "ngo", "8,300"),
        (12, "120,000", "elsewhere", "jobs", "120,000"),
        (14, "34%", "traced", "poll", "34%"),
        (16, "1.5 million pounds", "unsourced", None, None),
        (18, "7,000", "traced", "study", "at least 7,000"),
        (18, "47%", "traced", "study", "47%"),
        (20, "5.4%", "elsewhere", "jobs", "5.4%"),
        (22, "nearly 50,000", "traced", "jobs", "48,000"),
        (24, "12,600", "traced", "study", "12,600"),
        (26, "1,500", "mismatch", "survey", "1,150"),
        # defect: the 5.9% was reported as a wrong 5.4%, the figure its sibling traces.
        (30, "5.4%", "traced", "jobs", "5.4%"),
        (30, "5.9%", "traced", "jobs", "5.9%"),
    ]
    by = {(n["line"], n["text"]): n for n in report["numbers"]}
    assert by[(8, "4.5%")]["transposed"] is True
    assert by[(22, "nearly 50,000")]["rounding"] is True
    assert by[(18, "7,000")]["cited"] == ["study", "survey"]
    assert by[(10, "some 8,300")]["cited"] == ["ngo", "open2025lost"]
    assert report["unknown_keys"] == []
    assert report["summary"] == {
        "numbers": 17,
        "traced": 11,
        "mismatch": 3,
        "elsewhere": 2,
        "unsourced": 1,
    }


def test_latex_draft(library: Path) -> None:
    code, report = check(library, "qa2.tex", TEX)
    assert code == 1
    assert verdicts(report) == [
        (3, "42{,}000", "traced", "ministers", "42,000"),
        (3, "28{,}500", "traced", "ministers", "28,500"),
        (4, "3.1~billion euros", "traced", "ministers", "3.1 billion euros"),
        # defect: compared with the 3.1 billion its sibling traces, not the 600 million overrun.
        (4, "700~million euros", "mismatch", "ministers", "600 million euros"),
        (6, "Some 54\\%", "traced", "survey", "54%"),
        (6, "32\\%", "mismatch", "survey", "23%"),
        (7, "85~metres", "traced", "local", "85 metres"),
        (8, "2.2", "unsourced", None, None),
        (9, "seventy-one per cent", "traced", "poll", "71%"),
    ]
    assert report["unknown_keys"] == ["nokey2020"]
    assert report["undefined_citations"] == [{"key": "nokey2020", "lines": [8]}]


def test_fail_on_and_clean_draft(library: Path) -> None:
    clean = "Inflation reached 6.1% in February [@bank].\n"
    code, report = check(library, "clean.md", clean)
    assert code == 0
    assert verdicts(report) == [(1, "6.1%", "traced", "bank", "6.1%")]
    code, _ = check(
        library, "unsourced.md", "A bridge cost 1.5 million pounds.\n", "--fail-on", "mismatch"
    )
    assert code == 0
    code, _ = check(library, "unsourced2.md", "A bridge cost 1.5 million pounds.\n")
    assert code == 1


def test_wrong_speaker_same_source(library: Path) -> None:
    """The finance minister's figure is 28,500: a draft giving her the housing minister's 42,000
    is flagged against hers, and says where the 42,000 comes from."""
    code, report = check(
        library,
        "speaker.md",
        "The finance minister said 42,000 homes had been completed [@ministers].\n",
    )
    assert code == 1
    (n,) = report["numbers"]
    assert n["verdict"] == "mismatch"
    assert n["source_text"] == "28,500"
    assert "42,000" in n["note"]


MD_FORMS = """\
@jobs says unemployment fell to 5.4%. The union puts real joblessness at 8% [-@jobs].

```
Employers added 99,999 jobs.
```

The bank raised rates to 4.5%[^1] and the committee split 7 to 2.

Household credit grew 9 per cent, according to the governor [@bank, p. 3].

Roughly 6,000 Burkina schools are shut [@ngo].

Some 3,400 schools remain shut in Burkina Faso [@ngo].

[^1]: As reported by @bank.
"""

TEX_FORMS = r"""\documentclass{article}
\usepackage{biblatex}
\begin{document}
\section{Results}
Girls are 57\,\% of out-of-school children \footcite{ngo}. The charity wants \$410~million a year \cites[p.~1]{ngo}[p.~2]{survey}.
Inflation hit $6.1$\% \autocite{bank}. Credit grew by nine percent \textcite{bank}.
Some 23\% of farmers lost crops \cite{ngo}.
\end{document}
"""


def test_markdown_citation_forms(library: Path) -> None:
    code, report = check(library, "forms.md", MD_FORMS)
    assert code == 1
    assert verdicts(report) == [
        (1, "5.4%", "traced", "jobs", "5.4%"),
        (1, "8%", "traced", "jobs", "8%"),
        # defect: the level "to 4.5%" was reported as a wrong "by 0.25 percentage points".
        (7, "4.5%", "traced", "bank", "4.5%"),
        (7, "7", "traced", "bank", "7"),
        (7, "2", "traced", "bank", "2"),
        (9, "9 per cent", "traced", "bank", "9%"),
        (11, "Roughly 6,000", "traced", "ngo", "about 6,100"),
        (13, "Some 3,400", "mismatch", "ngo", "about 6,100"),
    ]


def test_latex_citation_forms(library: Path) -> None:
    code, report = check(library, "forms.tex", TEX_FORMS)
    assert code == 1
    assert verdicts(report) == [
        (5, "57\\,\\%", "traced", "ngo", "57%"),
        (5, "\\$410~million a year", "traced", "ngo", "$410 million a year"),
        (6, "nine percent", "traced", "bank", "9%"),
        (7, "Some 23\\%", "elsewhere", "survey", "23%"),
    ]
    code, _ = check(library, "forms2.tex", TEX_FORMS, "--fail-on", "mismatch")
    assert code == 0
