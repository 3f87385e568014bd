"""Numbers that label rather than state: section, table and page numbers, `COVID-19`, `G20`."""

from __future__ import annotations

import re

from citekit.models import Figure

_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:tables?|tab|figures?|figs?|sections?|sec|chapters?|chs?|appendix|appendices|"
    r"equations?|eqs?|pages?|pp?|nos?|numbers?|vols?|volumes?|issues?|footnotes?|notes?|"
    r"items?|steps?|phases?|versions?|v|lines?|articles?|arts?|rules?|paragraphs?|paras?|"
    r"verses?|isbn|issn|doi|arxiv|id|ref|box|exhibit|annex|part|clause|resolution)\.?|§|#|"
    r"\b(?:[A-Za-z]+-))[\s\u00a0]*$",
    re.I,
)


# The later members of a list of references: "Tables 2 and 3", "sections 3, 4 and 6", "Figures 2-4".
_IDENTIFIER_LIST_BEFORE = re.compile(
    r"\b(?:tables?|tabs?|figures?|figs?|sections?|secs?|chapters?|chs?|appendix|appendices|"
    r"equations?|eqs?|pages?|pp?|§§?)\.?[\s\u00a0]*"
    r"(?:[A-Z]?\d+[a-z]?(?:\.\d+)*[\s\u00a0]*(?:,|and|or|&|to|through|[-\u2010-\u2013])[\s\u00a0]*)+$",
    re.I,
)


def is_identifier(clean: str, figure: Figure) -> bool:
    """Section, table and page numbers, `COVID-19`, `G20`: numbers that name, not count."""
    before = clean[max(0, figure.start - 24) : figure.start]
    if before and (before[-1].isalpha() or before[-1] in "_/"):
        return True
    if figure.kind in ("percent", "money"):
        return False
    return bool(
        _IDENTIFIER_BEFORE.search(before)
        or _IDENTIFIER_LIST_BEFORE.search(clean, max(0, figure.start - 60), figure.start)
    )
