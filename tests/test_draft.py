"""Reading drafts: citations, footnotes, skipped markup, and offsets that point at the draft."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.draft import Draft, clean_draft, format_for, read_draft


def _numbers(draft: Draft) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(n.text, n.line, n.cited) for n in draft.numbers]


def _assert_offsets(draft: Draft) -> None:
    """Every number points at exactly its characters, line and column of the draft."""
    lines = draft.text.split("\n")
    for n in draft.numbers:
        assert draft.text[n.start : n.end] == n.text
        assert lines[n.line - 1][n.column - 1 :].startswith(n.text)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("paper.md", "md"),
        ("paper.markdown", "md"),
        ("paper.tex", "tex"),
        ("notes.txt", "txt"),
        ("-", "md"),
        ("paper.docx", "md"),
    ],
)
def test_format_from_suffix(name: str, fmt: str) -> None:
    assert format_for(name) == fmt


# -- Markdown --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "keys", "locators"),
    [
        ("Text [@smith2017].", ("smith2017",), ("",)),
        ("Text [@smith2017, p. 3].", ("smith2017",), ("p. 3",)),
        ("Text [see @a; @b, ch. 2].", ("a", "b"), ("", "ch. 2")),
        ("Text [-@smith2017].", ("smith2017",), ("",)),
        ("Text [@{odd:key 1}].", ("odd:key 1",), ("",)),
        ("@smith2017 says so.", ("smith2017",), ("",)),
        ("@smith2017 [p. 33] says so.", ("smith2017",), ("p. 33",)),
    ],
)
def test_pandoc_citations(source: str, keys: tuple[str, ...], locators: tuple[str, ...]) -> None:
    _, citations, _ = clean_draft(source, "md")
    assert [(c.keys, c.locators) for c in citations] == [(keys, locators)]


def test_not_citations() -> None:
    clean, citations, _ = clean_draft(
        "Mail me at ann@example.org or [see here](http://x.org).", "md"
    )
    assert citations == []
    assert "ann@example.org" in clean.text
    assert "see here" in clean.text and "http" not in clean.text


def test_citation_wrapped_over_lines() -> None:
    _, citations, _ = clean_draft("It rose [see @a;\n@b, p. 4] again.", "md")
    assert [(c.keys, c.line) for c in citations] == [(("a", "b"), 1)]


def test_markdown_skips_front_matter_code_math_and_markers() -> None:
    text = """---
title: 55 ways
year: 2021
---

# 3. Results in 12 places

1. First, 300 people came [@a].
2. Then `x = 44` and $y = 66$ but $5 and $7 prices [@a].

```
z = 77
```

<!-- 88 hidden -->
Visit https://example.org/page/99 today.
"""
    draft = read_draft(text, "md")
    texts = [n.text for n in draft.numbers]
    assert "300" in texts and "$5" in texts and "$7" in texts
    for hidden in ("55", "2021", "3", "44", "66", "77", "88", "99"):
        assert hidden not in texts
    assert "12" in texts  # the heading's own number is prose; its section number is not
    _assert_offsets(draft)


def test_footnote_numbers_are_covered_by_the_footnote() -> None:
    text = """Deliveries are costly.[^1] Nothing else.

Another paragraph cites [@b].

[^1]: They cost $3.2 million [@a].
    A second line says 41% were late.
"""
    draft = read_draft(text, "md")
    assert _numbers(draft) == [("$3.2 million", 5, ("a",)), ("41%", 6, ("a",))]
    assert [n.cited_by for n in draft.numbers] == ["sentence", "footnote"]
    assert all(n.footnote == "1" for n in draft.numbers)
    # The marker in the running text cites what the footnote cites.
    marker = [c for c in draft.citations if c.footnote == "1"]
    assert marker and marker[0].keys == ("a",) and marker[0].line == 1
    _assert_offsets(draft)


def test_inline_footnote() -> None:
    draft = read_draft("Costly.^[It cost 300 dollars, says @a.] Done.", "md")
    assert _numbers(draft) == [("300 dollars", 1, ("a",))]


def test_sentence_then_paragraph_coverage() -> None:
    text = "Some 500 people came. Later 700 people left [@b].\n\nAlone, 900 people stayed.\n"
    draft = read_draft(text, "md")
    assert _numbers(draft) == [
        ("Some 500", 1, ("b",)),
        ("700", 1, ("b",)),
        ("900", 3, ()),
    ]
    assert [n.cited_by for n in draft.numbers] == ["paragraph", "sentence", ""]


def test_citation_after_the_full_stop_covers_the_sentence_before() -> None:
    draft = read_draft("Some 500 people came. [@a] Then 900 left [@b].", "md")
    assert _numbers(draft) == [("Some 500", 1, ("a",)), ("900", 1, ("b",))]


def test_identifiers_and_locators_are_not_numbers() -> None:
    text = "See Table 3 and Section 4, p. 12, COVID-19 and G20: 250 people [@a, p. 7]."
    draft = read_draft(text, "md")
    assert [n.text for n in draft.numbers] == ["250"]


def test_narrative_citation_keeps_sentences_apart() -> None:
    draft = read_draft("It is costly. @nobody2020 says 41% are shallow.", "md")
    assert _numbers(draft) == [("41%", 1, ("nobody2020",))]
    assert draft.numbers[0].sentence.startswith("Nobody says")


# -- LaTeX -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "keys", "locators"),
    [
        (r"x \cite{a}.", ("a",), ("",)),
        (r"x \cite[p.~4]{a,b}.", ("a", "b"), ("p. 4", "p. 4")),
        (r"x \citep[see][ch.~2]{a}.", ("a",), ("ch. 2",)),
        (r"x \citet{a}.", ("a",), ("",)),
        (r"x \parencite*{a}.", ("a",), ("",)),
        (r"x \textcite{a}.", ("a",), ("",)),
        (r"x \autocite[12]{a}.", ("a",), ("12",)),
        (r"x \footcite{a}.", ("a",), ("",)),
        (r"x \cites[p.~1]{a}[see][2]{b, c}.", ("a", "b", "c"), ("p. 1", "2", "2")),
    ],
)
def test_latex_citations(source: str, keys: tuple[str, ...], locators: tuple[str, ...]) -> None:
    _, citations, _ = clean_draft(source, "tex")
    assert [(c.keys, c.locators) for c in citations] == [(keys, locators)]


def test_latex_numbers_as_printed() -> None:
    text = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\setcounter{secnumdepth}{3}
\begin{document}
\section{Results}\label{sec:5}
About 2.3~million people, 41\% of them, paid 4{,}200 or 4\,300 euros \cite{a}.
% 9,999 is a comment
Math $n = 66$ and \[ m = 77 \] and \begin{equation} k = 88 \end{equation} see \ref{fig:9}.
\end{document}
\section{Ignored 111}
"""
    draft = read_draft(text, "tex")
    assert [n.text for n in draft.numbers] == [
        "About 2.3~million",
        "41\\%",
        "4{,}200",
        "4\\,300 euros",
    ]
    assert [n.figure.value for n in draft.numbers] == [2_300_000, 41, 4200, 4300]
    assert all(n.cited == ("a",) and n.line == 6 for n in draft.numbers)
    _assert_offsets(draft)


def test_latex_footnote_is_its_own_region() -> None:
    text = r"Costly.\footnote{It cost \$300 \parencite{a}. Then 41\% rose.} Then 900 people left \cite{b}."
    draft = read_draft(text, "tex")
    assert _numbers(draft) == [("900", 1, ("b",)), ("\\$300", 1, ("a",)), ("41\\%", 1, ("a",))]
    assert [n.footnote for n in draft.numbers] == [None, "fn1", "fn1"]
    assert [n.cited_by for n in draft.numbers] == ["sentence", "sentence", "footnote"]
    _assert_offsets(draft)


def test_latex_comment_joins_lines_like_tex() -> None:
    clean, _, _ = clean_draft("Some 500% hidden\n  people.", "tex")
    assert clean.text == "Some 500people."


# -- plain text ------------------------------------------------------------------------------


def test_plain_text_has_no_citation_syntax() -> None:
    draft = read_draft("Visit [@a] and 500 people came.\nThen 41% left.\n", "txt")
    assert _numbers(draft) == [("500", 1, ()), ("41%", 2, ())]
    assert draft.citations == []


def test_crlf_line_endings() -> None:
    draft = read_draft("First line.\r\nThen 500 people came [@a].\r\n", "md")
    assert _numbers(draft) == [("500", 2, ("a",))]


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        clean_draft("x", "docx")


# -- robustness ------------------------------------------------------------------------------

MARKUP = "[]{}()@;,.%$\\^`*_|~#-\n 0123456789abcSpx"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=MARKUP, max_size=200), fmt=st.sampled_from(["md", "tex", "txt"]))
def test_any_text_reads_and_points_into_the_draft(text: str, fmt: str) -> None:
    draft = read_draft(text, fmt)
    for n in draft.numbers:
        assert 0 <= n.start <= n.end <= len(text)
        assert 1 <= n.line <= text.count("\n") + 1
    for c in draft.citations:
        assert 0 <= c.start <= c.end <= len(text)


def test_markdown_tables_quotes_and_html() -> None:
    text = """> Quoted: 300 people left [@a].

| Country | Wells |
|---------|------:|
| Kazakhstan | 640 [@b] |

<sup>1</sup> Footer with <b>41%</b> done.
"""
    draft = read_draft(text, "md")
    assert _numbers(draft) == [("300", 1, ("a",)), ("640", 5, ("b",)), ("41%", 7, ())]
    _assert_offsets(draft)


def test_superscripts_are_not_numbers() -> None:
    draft = read_draft("Wells<sup>12</sup> in km^2^: 300 people came [@a].", "md")
    assert [n.text for n in draft.numbers] == ["300"]


def test_crossref_is_not_a_citation() -> None:
    draft = read_draft("As @fig:map shows, 300 people left [@sec:intro; @a].", "md")
    assert [c.keys for c in draft.citations] == [("a",)]
    assert _numbers(draft) == [("300", 1, ("a",))]


def test_wrapped_line_starting_with_a_number_is_not_a_list() -> None:
    text = "Some 300 people left [@a] in\n2017. Later, 500 people came.\n"
    draft = read_draft(text, "md")
    assert _numbers(draft) == [("Some 300", 1, ("a",)), ("500", 2, ("a",))]
    assert draft.numbers[1].cited_by == "paragraph"
