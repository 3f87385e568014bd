"""Reading drafts: citations, footnotes, skipped markup, and offsets that point at the draft."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.check.drafts.reader import clean_draft, format_for, read_draft
from citekit.check.drafts.records import Draft


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


# -- numbers that are not figures: list markers, headings, references, code -------------------


def _texts(draft: Draft) -> list[str]:
    return [n.text for n in draft.numbers]


@pytest.mark.parametrize(
    "text",
    [
        # a tight list: "2." and "3." go on the list "1." opened
        "Steps:\n\n1. Rescuers searched 6,000 buildings [@a].\n2. Aid reached 500 families [@a].\n"
        "3. The WHO counted 23 million people [@a].\n",
        # "2)" markers
        "Steps:\n\n1) Rescuers searched 6,000 buildings [@a].\n2) Aid reached 500 families [@a].\n"
        "3) The WHO counted 23 million people [@a].\n",
        # a loose list, and a list started right after a line ending in a colon
        "Steps:\n\n1. Rescuers searched 6,000 buildings [@a].\n\n2. Aid reached 500 families [@a]."
        "\n\n3. The WHO counted 23 million people [@a].\n",
        "Steps:\n1. Rescuers searched 6,000 buildings [@a].\n2. Aid reached 500 families [@a].\n"
        "3. The WHO counted 23 million people [@a].\n",
        # a list that starts at 2, and items with a wrapped continuation line
        "Steps:\n\n2. Rescuers searched 6,000 buildings\n   in the city [@a].\n"
        "3. Aid reached 500 families [@a].\n4. The WHO counted 23 million people [@a].\n",
    ],
)
def test_ordered_list_markers_are_never_checked(text: str) -> None:
    draft = read_draft(text, "md")
    assert [n.figure.value for n in draft.numbers] == [6000, 500, 23e6]
    assert all(n.cited == ("a",) for n in draft.numbers)
    _assert_offsets(draft)


def test_heading_numbers_and_references_are_not_checked() -> None:
    text = (
        "## 3. Results\n\n### 3.2 Deaths\n\n# IV. Aid\n\n"
        "Tables 2 and 3, Figures 4-6, sections 3, 5 and 7, Fig. 8 and Section 9.1 show "
        "that 1,200 people died [@a].\n"
    )
    draft = read_draft(text, "md")
    assert _texts(draft) == ["1,200"]


def test_indented_code_block_is_skipped() -> None:
    text = (
        "Some 300 people came [@a].\n\n    retries = 555\n\n    timeout = 777\n"
        "Then 400 people left [@a].\n\n\tthreads = 888\n"
    )
    draft = read_draft(text, "md")
    assert _texts(draft) == ["Some 300", "400"]
    # Four spaces without a blank line before them continue the paragraph.
    draft = read_draft("Some 300 people came\n    and 400 people left [@a].\n", "md")
    assert _texts(draft) == ["Some 300", "400"]


def test_indented_paragraph_of_a_list_item_is_prose() -> None:
    text = (
        "- Rescuers searched 6,000 buildings [@a].\n\n"
        "    Aid reached 500 families [@a].\n\n"
        "        code = 999\n\n"
        "Back at the margin, 700 people left [@a].\n\n"
        "    code = 888\n"
    )
    draft = read_draft(text, "md")
    assert _texts(draft) == ["6,000", "500", "700"]
    _assert_offsets(draft)


def test_footnote_continuation_is_not_code() -> None:
    text = "Deliveries are costly.[^1]\n\n[^1]: It cost $300 [@a].\n\n    Then 41% rose [@b].\n"
    draft = read_draft(text, "md")
    assert [(n.text, n.cited) for n in draft.numbers] == [("$300", ("a",)), ("41%", ("b",))]


# -- LaTeX: percent signs and siunitx -------------------------------------------------------


@pytest.mark.parametrize("source", [r"45\,\%", r"45~\%", r"45\%", r"45\ \%", r"45\,\percent"])
def test_latex_percent_after_a_space(source: str) -> None:
    draft = read_draft(f"Incomes fell by {source} \\cite{{water}}.\n", "tex")
    assert [(n.text, n.figure.value, n.figure.kind) for n in draft.numbers] == [
        (source, 45.0, "percent")
    ]
    _assert_offsets(draft)


def test_latex_thin_space_still_groups_digits() -> None:
    draft = read_draft(r"Some 4\,200 people and 3\,km \cite{a}.", "tex")
    assert [(n.text, n.figure.value) for n in draft.numbers] == [
        (r"Some 4\,200", 4200.0),
        (r"3\,km", 3.0),
    ]


@pytest.mark.parametrize(
    ("source", "value", "kind", "unit"),
    [
        (r"\SI{21.1}{\celsius}", 21.1, "measure", "\u00b0C"),
        (r"\SI{45}{\percent}", 45.0, "percent", "%"),
        (r"\qty{45}{\percent}", 45.0, "percent", "%"),
        (r"\SI{3.5}{\kilo\metre}", 3.5, "measure", "km"),
        (r"\SI{3.5}{\km}", 3.5, "measure", "km"),
        (r"\qty[round-mode=places]{3.5}{\kilo\metre}", 3.5, "measure", "km"),
        (r"\SI{90}{\kilo\metre\per\hour}", 90.0, "measure", "km/h"),
        (r"\SI{12}{\square\kilo\metre}", 12.0, "measure", "km\u00b2"),
        (r"\SI{2.3e6}{\tonne}", 2.3e6, "measure", "tonnes"),
        (r"\SI{7}{\metre}", 7.0, "measure", "m"),
        (r"\SI{5}{\giga\watt}", 5.0, "measure", "GW"),
        (r"\SI{30}{\degree}", 30.0, "measure", "\u00b0"),
        (r"\num{4200}", 4200.0, None, None),
        (r"\num{4,200}", 4200.0, None, None),
        (r"\num{4 200}", 4200.0, None, None),
        (r"\num{1.2e6}", 1.2e6, None, None),
    ],
)
def test_siunitx_reads_as_printed(
    source: str, value: float, kind: str | None, unit: str | None
) -> None:
    draft = read_draft(f"Sea temperatures reached {source} \\cite{{climate}} today.\n", "tex")
    assert len(draft.numbers) == 1, _texts(draft)
    n = draft.numbers[0]
    # The whole command, never a fragment such as `45}{\percent`.
    assert n.text == source
    assert n.figure.value == pytest.approx(value)
    if kind is not None:
        assert (n.figure.kind, n.figure.unit) == (kind, unit)
    assert n.cited == ("climate",)
    _assert_offsets(draft)


def test_siunitx_keeps_line_and_column() -> None:
    text = (
        "\\section{Heat}\n\nIt was hot: \\SI{21.1}{\\celsius} and \\num{4,200} deaths \\cite{a}.\n"
    )
    draft = read_draft(text, "tex")
    assert [(n.text, n.line, n.column) for n in draft.numbers] == [
        (r"\SI{21.1}{\celsius}", 3, 13),
        (r"\num{4,200}", 3, 37),
    ]


def test_siunitx_ranges_and_malformed_commands() -> None:
    draft = read_draft(r"From \SIrange{10}{20}{\celsius} \cite{a}.", "tex")
    assert [(n.text, n.figure.low, n.figure.high) for n in draft.numbers] == [
        (r"From \SIrange{10}{20}{\celsius}", 10.0, 20.0)
    ]
    # A quantity without its unit argument falls back to the generic rule: its text stays.
    draft = read_draft(r"Some \SI{300} people came \cite{a}.", "tex")
    assert [n.figure.value for n in draft.numbers] == [300.0]


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("4200", "4200"),
        ("4,200", "4200"),
        ("1,234,567.5", "1234567.5"),
        ("3,5", "3.5"),
        ("12 345", "12345"),
        ("12\\,345", "12345"),
        ("1.2e6", "1200000"),
        ("1.25e-3", "0.00125"),
        ("-5", "-5"),
        (".5", "0.5"),
        ("1.2(3)", "1.2"),
        ("1.2 +- 0.3", "1.2"),
        ("1.2 \\pm 0.3", "1.2"),
        ("3x10^6", "3000000"),
        ("6.02e23", "6.02 \u00d7 10\u00b2\u00b3"),
    ],
)
def test_siunitx_number(raw: str, printed: str) -> None:
    from citekit.check.drafts.siunitx import si_number

    assert si_number(raw) == printed


def test_input_and_include_are_left_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "chapter2.tex").write_text("Hidden 9,999 widgets \\cite{a}.", encoding="utf-8")
    text = (
        f"\\input{{{tmp_path / 'chapter2'}}}\n\\include{{chapter3}}\n"
        "Some 300 people came \\cite{a}.\n\\input{appendix-2024}\n"
    )
    draft = read_draft(text, "tex")
    assert _texts(draft) == ["Some 300"]


_PIECES = [
    r"\SI{",
    r"\qty[",
    r"\num{",
    r"\SIrange{",
    r"\si{",
    r"\numlist{",
    r"\qtyrange{",
    r"\ang{",
    ";",
    "-",
    "x10^",
    "(3)",
    r"\pm",
    r"\kilo",
    r"\metre",
    r"\per",
    r"\squared",
    r"\celsius",
    r"\percent",
    r"\,",
    r"\%",
    "}",
    "{",
    "]",
    "e6",
    ",200",
    "45",
    "3.5",
    " ",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "1. ",
    "2) ",
    "Steps:",
    "Table 2 and ",
    "[@a]",
    r"\cite{a}",
    "people",
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=40), fmt=st.sampled_from(["md", "tex"]))
def test_siunitx_lists_and_code_keep_exact_offsets(pieces: list[str], fmt: str) -> None:
    """Whatever the mix, every number's text is the draft's own span at its line and column."""
    text = "".join(pieces)
    draft = read_draft(text, fmt)
    for n in draft.numbers:
        assert text[n.start : n.end] == n.text
        assert n.line == text.count("\n", 0, n.start) + 1
        assert n.column == n.start - (text.rfind("\n", 0, n.start) + 1) + 1
