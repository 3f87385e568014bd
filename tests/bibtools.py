"""A library holding every kind of source and hostile titles, and the real tools that print
its bibliography: pdflatex, bibtex (plainnat, plain), biber, pandoc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SECRET = "SECRET-FILE-CONTENT-4471"

PAGE = """<html><head><title>{title}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{site}">{author}
<meta property="article:published_time" content="{date}"></head>
<body><article><p>{body}</p><p>{more}</p></article></body></html>
"""

MORE = (
    "The figures were set out in a briefing for reporters, and officials said a fuller account "
    "would follow later in the year once every district had reported its numbers."
)


def page(root: Path, name: str, title: str, url: str, site: str, date: str, body: str,
         author: str | None = None) -> Path:  # fmt: skip
    meta = f'\n<meta name="author" content="{author}">' if author else ""
    path = root / name
    path.write_text(
        PAGE.format(title=title, url=url, site=site, author=meta, date=date, body=body, more=MORE),
        encoding="utf-8",
    )
    return path


def make_sources(root: Path) -> dict[str, Path]:
    """Pages, texts, a PDF and hostile titles, written for these tests."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    hostile = (
        rf"Flood bill \input{{{root / 'secret.txt'}}} and \write18{{touch {root / 'pwned'}}} "
        r"with \textbf{bold} 50% & $3 #1 a_b ~ ^ \{ tail\ "
    )
    out = {
        "hostile": page(root, "hostile.html", hostile.replace("&", "&amp;").strip(),
                        "https://news.example.org/flood-bill", "Harbour Gazette", "2021-03-04",
                        "The flood bill in Fort McMurray reached $4.2 billion in 2020, the "
                        "Insurance Bureau of Canada said on Tuesday.", "Jane Smith"),
        "clinic": page(root, "clinic.html", "NHS clinics in Leeds cut waiting times by a third",
                       "https://health.example.org/leeds-clinics", "Northern Health Times",
                       "2023-06-12", "Clinics run by the NHS in Leeds cut average waits to 14 "
                       "days from 21 days, according to figures released on Monday."),
        "grain": page(root, "grain.html", "Wheat exports from Ukraine rise 12% in May",
                      "https://markets.example.org/wheat-may", "Field & Market", "2022-06-02",
                      "Wheat exports from Ukraine rose 12% in May to 3.1 million tonnes, the "
                      "ministry said, citing port data.", "Petrenko, Olena"),
    }
    texts = {
        "transit": "Bus ridership in Lyon climbs\n\nBus ridership in Lyon climbed 8% in 2019 "
        "to 412 million trips, the transit authority said.\n",
        "russian": "Рост цен на жильё в Москве\n\nЦены на жильё в Москве выросли на 12% в "
        "2022 году, сообщает городская статистика.\n",
        "arabic": "ارتفاع أسعار الخبز في القاهرة\n\nارتفعت أسعار الخبز في القاهرة بنسبة 30% "
        "في عام 2023 وفقا للتقرير.\n",
    }
    for name, text in texts.items():
        out[name] = root / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    out["pdf"] = make_pdf(root / "survey.pdf")
    return out


def make_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Harbour Water Quality Survey 2021")
    pdf.set_author("Coastal Monitoring Office")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Harbour Water Quality Survey 2021\n\nSamples from 48 sites were "
                   "tested in March 2021; 9 sites exceeded the nitrate limit.")  # fmt: skip
    pdf.output(str(path))
    return path


def citekit(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citekit", "--library", str(root), *args],
        capture_output=True, text=True, check=check, timeout=300,
    )  # fmt: skip


def run(cwd: Path, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300
    )


NATBIB_PAPER = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{url}
\usepackage{STYLEPKG}
\begin{document}
CITES
\bibliographystyle{STYLE}
\bibliography{refs}
\end{document}
"""

BIBLATEX_PAPER = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[style=authoryear,backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
CITES
\printbibliography
\end{document}
"""


PDFLATEX_FONTS = "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"

# lualatex with babel (texlive-luatex): Latin, Cyrillic and Georgian from DejaVu Sans
# (fonts-dejavu-core); Arabic chosen by character and set right to left, upright where the paper
# asks for italic (DejaVu Sans Oblique has no Arabic glyphs).
LUALATEX_FONTS = r"""\usepackage[bidi=basic]{babel}
\babelprovide[import, main]{english}
\babelprovide[import, onchar=ids fonts]{arabic}
\babelfont{rm}{DejaVu Sans}
\babelfont[arabic]{rm}[ItalicFont=DejaVu Sans,BoldItalicFont=DejaVu Sans Bold]{DejaVu Sans}
"""


def latex(cwd: Path, engine: str = "pdflatex") -> subprocess.CompletedProcess:
    return run(cwd, engine, "-interaction=nonstopmode", "-no-shell-escape", "paper.tex")


def _paper(template: str, keys: list[str] | None, engine: str) -> str:
    cites = r"\nocite{*}" if keys is None else r"\cite{" + ",".join(keys) + "}"
    fonts = LUALATEX_FONTS if engine == "lualatex" else PDFLATEX_FONTS
    return template.replace(PDFLATEX_FONTS, fonts).replace("CITES", cites)


def bibtex_paper(cwd: Path, bib: str, style: str, keys: list[str] | None = None,
                 engine: str = "pdflatex") -> Path:  # fmt: skip
    """Compile a paper with bibtex; returns the folder (paper.blg, paper.bbl, paper.pdf)."""
    cwd.mkdir(parents=True, exist_ok=True)
    (cwd / "refs.bib").write_text(bib, encoding="utf-8")
    package = "natbib" if style == "plainnat" else "cite"
    tex = NATBIB_PAPER.replace("STYLEPKG", package).replace("STYLE", style)
    (cwd / "paper.tex").write_text(_paper(tex, keys, engine), encoding="utf-8")
    latex(cwd, engine)
    run(cwd, "bibtex", "paper")
    latex(cwd, engine)
    latex(cwd, engine)
    return cwd


def biber_paper(cwd: Path, bib: str, keys: list[str] | None = None,
                engine: str = "pdflatex") -> tuple[Path, str]:  # fmt: skip
    cwd.mkdir(parents=True, exist_ok=True)
    (cwd / "refs.bib").write_text(bib, encoding="utf-8")
    (cwd / "paper.tex").write_text(_paper(BIBLATEX_PAPER, keys, engine), encoding="utf-8")
    latex(cwd, engine)
    biber = run(cwd, "biber", "--validate-datamodel", "paper")
    latex(cwd, engine)
    latex(cwd, engine)
    return cwd, biber.stdout + biber.stderr


def pdf_text(path: Path) -> str:
    import pypdf

    return " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages)
