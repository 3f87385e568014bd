"""The LaTeX commands a draft reader must know: citations, what is dropped, what prints a word."""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


CITE_COMMANDS = _names(
    """cite citep citet citealp citealt citeauthor citeyear citeyearpar citetitle parencite
    textcite autocite footcite smartcite supercite fullcite footfullcite footcitetext Cite
    Citep Citet Citealp Citealt Citeauthor Parencite Textcite Autocite Footcite Smartcite
    citenum"""
)
MULTICITE_COMMANDS = _names(
    """cites parencites textcites autocites footcites smartcites supercites Cites Parencites
    Textcites Autocites Footcites Smartcites"""
)
# Citations that stand for their author in the sentence ("\\textcite{a} says").
NARRATIVE_COMMANDS = _names(
    "citet Citet textcite Textcite citeauthor Citeauthor textcites Textcites"
)
# Commands dropped with their optional arguments and this many braced ones.
DROP_WITH_ARGS = {
    **dict.fromkeys(
        _names(
            """newpage clearpage maketitle tableofcontents printbibliography centering noindent
            medskip bigskip smallskip hline toprule midrule bottomrule footnotemark protect
            relax hfill vfill appendix"""
        ),
        0,
    ),
    **dict.fromkeys(
        _names(
            """label ref eqref pageref autoref cref Cref vref nameref url includegraphics
            bibliography bibliographystyle addbibresource input include nocite usepackage
            documentclass hspace vspace pagestyle thispagestyle doi linespread hypersetup
            graphicspath color pagenumbering cline cmidrule phantom textcolor date author thanks
            affiliation email keywords"""
        ),
        1,
    ),
    **dict.fromkeys(
        _names(
            """setlength setcounter addtocounter newcommand renewcommand providecommand fontsize
            multicolumn multirow rule"""
        ),
        2,
    ),
    **dict.fromkeys(_names("newenvironment renewenvironment"), 3),
}
SECTIONING = _names(
    "part chapter section subsection subsubsection paragraph subparagraph caption title"
)
SKIPPED_ENVIRONMENTS = _names(
    """equation equation* align align* gather gather* multline multline* eqnarray eqnarray*
    displaymath math flalign flalign* alignat alignat* verbatim verbatim* Verbatim lstlisting
    minted comment tikzpicture thebibliography filecontents filecontents* algorithmic
    algorithm"""
)
TABULAR = _names("tabular tabular* tabularx longtable array supertabular tabulary")
SYMBOLS = {
    "%": "%",
    "$": "$",
    "&": "&",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "@": "",
    "/": "",
    "-": "",
    "\n": " ",
    "\t": " ",
}
WORD_COMMANDS = {
    "ldots": "\u2026",
    "dots": "\u2026",
    "textpercent": "%",
    "percent": "%",
    "textdollar": "$",
    "euro": "\u20ac",
    "texteuro": "\u20ac",
    "pounds": "\u00a3",
    "textsterling": "\u00a3",
    "S": "\u00a7",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "quad": " ",
    "qquad": " ",
    "enspace": " ",
    "thinspace": "\u2009",
    "nobreakspace": " ",
    "textasciitilde": "~",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "ie": "i.e.",
    "eg": "e.g.",
    "etal": "et al.",
    "textyen": "\u00a5",
    "textbullet": "",
    "item": "\n\n",
    "par": "\n\n",
    "newline": "\n",
    "linebreak": "\n",
}
