"""Saved web pages: the article's main text and its metadata, via trafilatura.

Only the main text is kept as the snapshot text (menus, footers, share counts, ads and related
links would otherwise yield figures the article never states). The original HTML is kept by the
caller next to it. Emphasis (``<em>``, ``<i>``, ``<cite>``) inside the article body is reported as
spans of the extracted text, because italics are how news pages mark the titles of the reports
they cite.

Metadata comes from trafilatura (meta tags, Open Graph) and, for whatever it leaves empty, from
the page's own JSON-LD (``NewsArticle``/``Article``, possibly in an ``@graph`` or a list):
trafilatura ignores JSON-LD without a schema.org ``@context`` and never reads its publisher, yet
that block is often the only place a news page states its byline and masthead.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from datetime import date

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.xml import xmltotxt

from citekit.errors import SourceError
from citekit.read.formats import Extracted
from citekit.read.formats.charset import decode_html
from citekit.read.formats.pagemeta import decide
from citekit.read.formats.pagesignals import collect

# trafilatura logs a warning for every page it cannot use; we raise SourceError instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_NEWLINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*")
# rare printable characters (private-use ones would be removed by trafilatura's sanitiser)
# main text shorter than this is a notice or a caption, not an article: the page is recorded
# from its metadata (its description as the text when longer), with a warning
LITTLE_TEXT = 100
_OPEN_MARK = "\u2983"  # ⦃
_CLOSE_MARK = "\u2984"  # ⦄


def parse_html(
    data: bytes, name: str, encoding: str | None = None, url: str | None = None
) -> Extracted:
    """Extract main text, metadata and emphasis spans from the bytes of a saved page.

    A page whose main text cannot be found (a social post, a page built by scripts) is still a
    source with a title and a date: it is recorded from its metadata, its description as the
    text, with a warning. Only a page with neither text nor title is refused.
    """
    decoded = decode_html(data, name, encoding)
    text = _XML_DECLARATION.sub("", decoded.text, count=1)  # lxml rejects an encoding declaration
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"{name}: unreadable HTML ({exc})") from None
    language = _language(tree)
    signals = collect(tree, url)  # before trafilatura, which may prune <script> elements
    chrome = _chrome_text(tree)
    # trafilatura drops <cite> tags but keeps <em>/<i> as emphasis; renaming keeps cited titles.
    for element in tree.iter("cite"):
        element.tag = "em"
    result = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        # no extensive search: a guessed date (a copyright year) is worse than none
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    extra = {
        key: _clean(_field(result, key))
        for key in ("title", "author", "sitename", "url", "date", "hostname")
    }
    metadata = decide(signals, extra)
    if language:
        metadata["language"] = language
    warnings = [decoded.warning] if decoded.warning else []
    main_text, emphasis = _render(_field(result, "body"))
    if not main_text or _only_chrome(main_text, chrome):
        main_text, emphasis = "", []
    if len(main_text) < LITTLE_TEXT:
        description = next((d for _, d in signals.descriptions if d), "")
        if not main_text and not metadata.get("title") and not description:
            raise SourceError(f"{name}: no main text and no title found in the HTML page")
        if len(description) > len(main_text):
            main_text, emphasis = description, []
            how = "its description as the text"
        else:
            how = f"{len(main_text)} characters of text" if main_text else "no text"
        warnings.append(
            f"{name}: little or no main text found; recorded from the page's metadata ({how})"
        )
    return Extracted(text=main_text, metadata=metadata, emphasis=emphasis, warnings=warnings)


def _field(result: object, name: str) -> object:
    """A field of trafilatura's result: an object in 2.x, a dict in 1.x (as_dict by default)."""
    if isinstance(result, dict):
        return result.get(name)
    return getattr(result, name, None)


def _chrome_text(tree: lxml.html.HtmlElement) -> str:
    """All text of the page's navigation, header, footer and asides, whitespace-collapsed.

    trafilatura falls back to "whatever text there is" on pages without an article, which
    would turn a menu into a source; comparing with this text catches that.
    """
    parts = [
        " ".join(el.text_content().split())
        for el in tree.xpath("//nav | //header | //footer | //aside | //menu")
    ]
    return "\n".join(parts)


def _only_chrome(main_text: str, chrome: str) -> bool:
    """True when every extracted paragraph is a piece of the page's navigation or footer."""
    if not chrome:
        return False
    paragraphs = [" ".join(p.split()) for p in main_text.split("\n\n")]
    return all(p in chrome for p in paragraphs if p)


def _language(tree: lxml.html.HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        found = tree.xpath(
            "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
            "='content-language']/@content | //meta[@property='og:locale']/@content"
        )
        lang = found[0] if found else None
    if not lang:
        return None
    lang = lang.strip().replace("_", "-").split(",")[0]
    return lang or None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _render(body: etree._Element | None) -> tuple[str, list[tuple[int, int]]]:
    """The body's plain text, and the spans of its italic runs in exactly that text.

    trafilatura renders its body tree to text itself and gives no offset map, so each italic
    run is wrapped in two rare printable marker characters before rendering; their positions in
    the result are the spans, and removing them gives the text. (Private-use characters would be
    stripped by trafilatura's sanitiser.) A page that itself contains a marker character falls
    back to searching the italic strings in order.
    """
    if body is None:
        return "", []
    runs = _italic_runs(body)
    plain = _layout(xmltotxt(body, False))
    if not runs:
        return plain, []
    if _OPEN_MARK in plain or _CLOSE_MARK in plain:
        return plain, _search_spans(runs, plain)
    marked_body = deepcopy(body)
    marked_runs = _italic_runs(marked_body)
    for element in marked_runs:
        element.text = _OPEN_MARK + (element.text or "")
        if len(element):
            element[-1].tail = (element[-1].tail or "") + _CLOSE_MARK
        else:
            element.text += _CLOSE_MARK
    text, spans = _take_marks(_layout(xmltotxt(marked_body, False)))
    if text != plain:  # the markers changed the rendering: do not trust their positions
        return plain, _search_spans(runs, plain)
    return text, spans


def _italic_runs(body: etree._Element) -> list[etree._Element]:
    """Outermost non-empty italic runs (``<hi rend="#i">``: em, i and our renamed cite)."""
    return [
        element
        for element in body.iter("hi")
        if element.get("rend") == "#i"
        and "".join(element.itertext()).strip()
        and not any(a.tag == "hi" and a.get("rend") == "#i" for a in element.iterancestors())
    ]


def _layout(raw: str) -> str:
    """Every block (paragraph, heading, list item) becomes its own blank-line separated
    paragraph, so a heading never runs into the first sentence below it."""
    return _NEWLINES.sub("\n\n", raw).strip()


def _take_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for ch in marked:
        if ch == _OPEN_MARK:
            start = length
        elif ch == _CLOSE_MARK:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    text = "".join(out)
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return text, trimmed


def _search_spans(runs: list[etree._Element], text: str) -> list[tuple[int, int]]:
    """Fallback: find each italic string in order, whitespace-insensitively.

    A string that cannot be found is skipped without moving on, so one miss cannot derail the
    rest; a string also present earlier in plain type may be matched there (hence a fallback).
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for element in runs:
        words = "".join(element.itertext()).split()
        pattern = r"\s+".join(re.escape(w) for w in words)
        m = re.compile(pattern).search(text, cursor)
        if m:
            spans.append((m.start(), m.end()))
            cursor = m.end()
    return spans
