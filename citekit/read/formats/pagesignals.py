"""Every statement a saved page makes about itself: titles, authors, site, address and dates.

A page describes itself many times over: JSON-LD, Open Graph and Twitter cards, Dublin Core and
scholarly ``citation_*`` tags, plain meta tags, microdata, ``<time>`` elements, its ``<title>``
and headline, a visible dateline, the date in its address. This module only collects them, each
with where it came from and in order of precedence; `pagemeta` decides between them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import lxml.html

from citekit.read.formats.jsonld import clean, json_ld_article
from citekit.read.formats.pagedates import MONTH_NAME, DateSignal, parse_stamp, url_stamp

# meta keys (name, property or itemprop, lower-cased) by what they state, in precedence order
TITLE_KEYS = (
    "citation_title", "og:title", "twitter:title", "dc.title", "dcterms.title",
    "parsely-title", "sailthru.title", "headline", "title",
)  # fmt: skip
AUTHOR_KEYS = (
    "citation_author", "author", "article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl",
)  # fmt: skip
SITE_KEYS = ("og:site_name", "application-name", "citation_publisher", "dc.publisher")
DESCRIPTION_KEYS = ("og:description", "twitter:description", "description", "dc.description")
PUBLISHED_KEYS = frozenset(
    """article:published_time og:published_time og:article:published_time article:published
    published_time published-date publish-date publish_date publishdate publication_date
    publicationdate pubdate date dc.date dc.date.issued dc.date.created dc.date.published
    dcterms.issued dcterms.created dcterms.date citation_publication_date citation_date
    citation_online_date prism.publicationdate parsely-pub-date sailthru.date article.published
    article_date_original original-publish-date datepublished datecreated pdate displaydate
    date_published release_date rnews:datepublished created""".split()
)
MODIFIED_KEYS = frozenset(
    """article:modified_time og:updated_time datemodified dcterms.modified dc.date.modified
    last-modified lastmod modified""".split()
)
_WIKI_ENGINES = re.compile(r"^(?:mediawiki|dokuwiki|twiki|foswiki|moinmoin|pmwiki|wiki\.js)", re.I)
_HIDDEN = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form")
_MONTHS = MONTH_NAME + r"\.?"
_DATE_TEXT = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}})"
)
_DATELINE = re.compile(
    rf"\b(?:first\s+)?(?:published|posted|written|publication\s+date|date\s+published)"
    rf"(?:\s+on)?\s*:?\s*(?:\w+day,?\s+)?({_DATE_TEXT})",
    re.IGNORECASE,
)
_REVISED = re.compile(
    rf"\blast\s+(?:edited|modified|updated)(?:\s+on)?\s*:?\s*(?:\w+day,?\s+)?({_DATE_TEXT})",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"^@\w+$")


@dataclass
class PageSignals:
    """What the page says about itself, each list in precedence order as (origin, value)."""

    titles: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, list[str]]] = field(default_factory=list)
    sites: list[tuple[str, str]] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)
    descriptions: list[tuple[str, str]] = field(default_factory=list)
    dates: list[DateSignal] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # the page's <h1>s, in order
    hostname: str | None = None
    wiki: bool = False
    article: bool = False  # the page declares itself an article (not a home or section page)


def collect(tree: lxml.html.HtmlElement, url: str | None = None) -> PageSignals:
    """Gather the page's statements about itself (see the module's notes)."""
    out = PageSignals()
    metas = _meta_values(tree)
    article = json_ld_article(tree)
    out.wiki = _is_wiki(tree, metas)
    types = article.get("types") or []
    out.article = any(
        str(v).lower().startswith("article") for v in metas.get("og:type", [])
    ) or any(
        t.endswith(("Article", "Posting", "Report"))
        for t in types  # type: ignore[union-attr]
    )
    _titles(out, tree, metas, article)
    _authors(out, tree, metas, article)
    for key in SITE_KEYS:
        out.sites += [(f"meta:{key}", v) for v in metas.get(key, [])]
    if article.get("publisher"):
        out.sites.insert(1 if out.sites else 0, ("jsonld:publisher", str(article["publisher"])))
    for key in DESCRIPTION_KEYS:
        out.descriptions += [(f"meta:{key}", v) for v in metas.get(key, [])]
    if article.get("description"):
        out.descriptions.append(("jsonld:description", str(article["description"])))
    _urls(out, tree, metas, article, url)
    _dates(out, tree, metas, article)
    return out


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = clean(html.unescape(meta.get("content") or ""))
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def _is_wiki(tree: lxml.html.HtmlElement, metas: dict[str, list[str]]) -> bool:
    if any(_WIKI_ENGINES.match(g) for g in metas.get("generator", [])):
        return True
    return bool(tree.xpath("//*[@id='footer-info-lastmod']"))


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _titles(out: PageSignals, tree, metas, article) -> None:  # type: ignore[no-untyped-def]
    for key in TITLE_KEYS:
        for value in metas.get(key, []):
            out.titles.append((f"meta:{key}", value))
        if key == "twitter:title" and article.get("title"):
            out.titles.append(("jsonld:headline", str(article["title"])))
    for element in tree.xpath("//*[@itemprop='headline' and not(self::meta)]"):
        if _text(element):
            out.titles.append(("itemprop:headline", _text(element)))
    title = tree.find(".//title")
    if title is not None and _text(title):
        out.titles.append(("html:title", _text(title)))
    out.headings = [text for h1 in tree.iter("h1") if (text := _text(h1))]
    out.titles += [("html:h1", text) for text in out.headings[:1]]


def _authors(out: PageSignals, tree, metas, article) -> None:  # type: ignore[no-untyped-def]
    if article.get("author"):
        out.authors.append(("jsonld:author", list(article["author"])))  # type: ignore[arg-type]
    for key in AUTHOR_KEYS:
        names = [n for v in metas.get(key, []) if (n := person_name(v))]
        if names:
            out.authors.append((f"meta:{key}", names))
    for xpath, origin in (
        ("//a[@rel='author'] | //link[@rel='author' and @title]", "html:rel-author"),
        ("//*[@itemprop='author' and not(self::meta)]", "itemprop:author"),
    ):
        names = []
        for element in tree.xpath(xpath):
            named = element.xpath(".//*[@itemprop='name']")
            raw = element.get("title") if element.tag == "link" else None
            raw = raw or (_text(named[0]) if named else _text(element))
            if (name := person_name(raw)) is not None:
                names.append(name)
        if names:
            out.authors.append((origin, names))


def person_name(value: str | None) -> str | None:
    """A byline's name, or None for what is not one (an address, a handle, "Produced by")."""
    value = clean(value)
    if not value or len(value) > 120:
        return None
    value = re.sub(r"^by\s+", "", value, flags=re.I).strip(" ,;|")
    if not value or re.match(r"(?:https?:)?//|www\.|\S+@\S+\.\w+$", value):
        return None
    if _HANDLE.match(value) or re.search(r"\bby$", value, re.I) or not re.search(r"\w", value):
        return None
    return value


def _urls(out: PageSignals, tree, metas, article, given: str | None) -> None:  # type: ignore[no-untyped-def]
    for href in tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href"):
        if re.match(r"https?://", href.strip()):
            out.urls.append(("html:canonical", href.strip()))
    out.urls += [("meta:og:url", v) for v in metas.get("og:url", []) if re.match(r"https?://", v)]
    if article.get("url"):
        out.urls.append(("jsonld:url", str(article["url"])))
    if given:
        out.urls.append(("given", given))
    for _, address in out.urls:
        host = re.match(r"https?://([^/:?#]+)", address)
        if host:
            out.hostname = host.group(1).lower()
            break


def _dates(out: PageSignals, tree, metas, article) -> None:  # type: ignore[no-untyped-def]
    dates = article.get("dates") or {}
    add = out.dates.append

    def stamp_of(raw: str | None, tier: str, origin: str, local: bool = False) -> None:
        stamp = parse_stamp(raw)
        if stamp is not None:
            add(DateSignal(stamp, tier, origin, local))

    # a wiki is cited by its revision; elsewhere an update only tells the page's time zone
    changed = "revision" if out.wiki else "modified"
    stamp_of(dates.get("dateModified"), changed, "jsonld:dateModified")  # type: ignore[union-attr]
    for key in sorted(MODIFIED_KEYS & metas.keys()):
        for value in metas[key]:
            stamp_of(value, changed, f"meta:{key}")
    if out.wiki:
        for found in _REVISED.finditer(_visible_text(tree, ("script", "style", "noscript"))):
            stamp_of(found.group(1), "revision", "text:last-edited", local=True)
    for key in ("datePublished", "dateCreated", "uploadDate"):
        stamp_of(dates.get(key), "declared", f"jsonld:{key}")  # type: ignore[union-attr]
    for key in sorted(PUBLISHED_KEYS & metas.keys()):
        for value in metas[key]:
            stamp_of(value, "declared", f"meta:{key}")
    for element in tree.xpath(
        "//*[(@itemprop='datePublished' or @itemprop='dateCreated') and not(self::meta)]"
        " | //time[@pubdate]"
    ):
        raw = element.get("datetime") or element.get("content") or _text(element)
        stamp_of(raw, "declared", f"markup:{element.tag}")
    dateline = _DATELINE.search(_visible_text(tree))
    if dateline:
        stamp_of(dateline.group(1), "shown", "text:dateline", local=True)
    first_time = _article_time(tree)
    if first_time is not None:
        stamp_of(first_time, "shown", "html:time", local=True)
    for origin, address in out.urls:
        stamp = url_stamp(address)
        if stamp is not None:
            add(DateSignal(stamp, "address", f"url:{origin}", local=True))
            break


def _article_time(tree: lxml.html.HtmlElement) -> str | None:
    """The first ``<time>`` of the article (or of the page, outside its navigation)."""
    for path in ("//article//time", "//time"):
        for element in tree.xpath(path):
            if any(a.tag in _HIDDEN for a in element.iterancestors()):
                continue
            raw = element.get("datetime") or _text(element)
            if raw and parse_stamp(raw) is not None:
                return raw
    return None


def _visible_text(tree: lxml.html.HtmlElement, hidden: tuple[str, ...] = _HIDDEN) -> str:
    """The page's readable text without scripts and styles and, by default, without its
    navigation, footers and asides (a wiki's revision date lives in its footer)."""
    body = tree.find("body")
    if body is None:
        return ""
    parts: list[str] = []
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(body, False)]
    while stack:  # iterative: a deeply nested page must not exhaust the call stack
        element, tail_only = stack.pop()
        if tail_only:
            if element.tail:
                parts.append(element.tail)
            continue
        if not isinstance(element.tag, str) or element.tag in hidden:
            if element.tail:
                parts.append(element.tail)
            continue
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        for child in reversed(element):
            stack.append((child, False))
    return " ".join(" ".join(parts).split())
