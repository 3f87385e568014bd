"""Text for BibTeX and BibLaTeX: every character printed as itself, nothing read as markup.

Escaping goes through pylatexenc's Unicode-to-LaTeX encoder. Braces become \\textbraceleft and
\\textbraceright rather than \\{ and \\}, because bibtex and biber count a brace after a backslash
too; every replacement is braced, so bibtex changes no case inside it. Titles keep their proper
nouns and acronyms as written: every word with a capital after the title's first letter is
braced (as Better BibTeX does), so a sentence-case style cannot lowercase 'Syria' or 'IS'.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

_SPECIALS = {
    ord("{"): r"\textbraceleft",
    ord("}"): r"\textbraceright",
    ord("\\"): r"\textbackslash",
    ord("~"): r"\textasciitilde",
    ord("^"): r"\textasciicircum",
    **{ord(c): "\\" + c for c in "&%$#_"},
}


@lru_cache(maxsize=2)
def _encoder(ascii_latin: bool) -> UnicodeToLatexEncoder:
    rules: list = [UnicodeToLatexConversionRule(RULE_DICT, _SPECIALS)]
    if ascii_latin:
        rules.append("defaults")
    return UnicodeToLatexEncoder(
        conversion_rules=rules,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
        non_ascii_only=False,
    )


def _other_script(ch: str) -> bool:
    """Letters of non-Latin scripts (Cyrillic, Arabic, Greek...): kept as UTF-8, since
    pylatexenc's commands for them need font encodings few documents load."""
    return ord(ch) > 0x24F and unicodedata.category(ch)[0] in "LM"


def latex_text(value: str, ascii_latin: bool = False) -> str:
    """`value` as LaTeX text. `ascii_latin` (for 8-bit bibtex) also writes accented Latin
    letters and typographic signs as commands: 'é' as {\\'e}."""
    value = " ".join(value.split())
    encoder = _encoder(ascii_latin)
    out: list[str] = []
    run = ""
    for ch in value:
        if ascii_latin and _other_script(ch):
            if run:
                out.append(encoder.unicode_to_latex(run))
                run = ""
            out.append(ch)
        else:
            run += ch
    if run:
        out.append(encoder.unicode_to_latex(run))
    return "".join(out)


_TOKENS = re.compile(r"(\s+)")
# A word with the punctuation around it: '(IS)' protects 'IS', 'Iraq,' protects 'Iraq'.
_EDGES = re.compile(r"^([^\w\\]*)(.*?)([.,:;!?)\]]*)$", re.DOTALL)


def latex_title(value: str, ascii_latin: bool = False) -> str:
    """A title with every proper noun and acronym brace-protected."""
    out: list[str] = []
    first = True
    for token in _TOKENS.split(" ".join(value.split())):
        if not token or token.isspace():
            out.append(token)
            continue
        lead, word, trail = _EDGES.match(token).groups()
        capitals = [i for i, ch in enumerate(word) if ch.isupper()]
        if first:  # the title's first letter keeps its capital in every style
            capitals = [i for i in capitals if i != 0 or lead]
            first = False
        text = latex_text(word, ascii_latin)
        out.append(
            latex_text(lead, ascii_latin)
            + ("{" + text + "}" if capitals else text)
            + latex_text(trail, ascii_latin)
        )
    return "".join(out)


_URL_UNSAFE = re.compile(r"[{}\\\s]")


def url_text(url: str) -> str:
    """A URL for a verbatim field or \\url{}: braces, backslashes and spaces percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)
