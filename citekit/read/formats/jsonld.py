"""JSON-LD of a saved page: what the page's own structured data says of its article.

trafilatura ignores JSON-LD without a schema.org ``@context`` and never reads its publisher, yet
that block is often the only place a news page states its byline and masthead.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import lxml.html

from citekit.read.formats import Metadata


def clean(value: object) -> str | None:
    """A text value with its white space collapsed; None when empty or not a string."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def unique(names: list[str]) -> list[str]:
    """Names in order, each once (case and spacing aside), empty ones dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = norm(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


# schema.org types of a page's own article, best first (a WebPage node only when none is).
_ARTICLE_TYPES = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "Article", "BlogPosting", "Report",
    "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "LiveBlogPosting", "WebPage",
)  # fmt: skip
_JSON_LD_TYPE = re.compile(r"^\s*application/ld\+json\s*(?:;.*)?$", re.I)
_BYLINE = re.compile(r"^by\s+", re.I)  # "By Jane Doe" (not "von"/"di": they begin surnames)
_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def json_ld_metadata(tree: lxml.html.HtmlElement) -> Metadata:
    """Title, authors, publisher, date and URL that the page's JSON-LD declares for its article.

    Pages give structured data in many shapes: one object, a list, an ``@graph`` whose author
    and publisher are ``{"@id": ...}`` references to other nodes, authors as objects, lists or
    strings. Unparseable blocks are skipped: metadata is a convenience, never a reason to
    refuse a page.
    """
    article = json_ld_article(tree)
    meta: Metadata = {
        k: v  # type: ignore[misc]
        for k, v in article.items()
        if k in ("title", "author", "publisher", "url") and v
    }
    dates = article.get("dates") or {}
    for key in ("datePublished", "dateCreated", "uploadDate"):
        found = _DATE_PREFIX.match(dates.get(key, "")) if isinstance(dates, dict) else None
        if found:
            meta["date"] = found.group()
            break
    return meta


_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate", "dateModified")


def json_ld_article(tree: lxml.html.HtmlElement) -> dict[str, object]:
    """The page's article node as plain values: title, author (names), publisher, url,
    description, and ``dates`` (schema.org date key -> the string as written)."""
    nodes: list[dict[str, object]] = []
    for script in tree.iter("script"):
        if not _JSON_LD_TYPE.match(script.get("type") or ""):
            continue
        data = _load_json(script.text or "")
        if data is not None:
            nodes.extend(_nodes(data))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = _article(nodes)
    if article is None:
        return {}
    out: dict[str, object] = {"types": _types(article)}
    title = _string(article.get("headline")) or _string(article.get("name"))
    if title:
        out["title"] = title
    authors: list[str] = []
    for key in ("author", "creator"):
        authors = unique(
            [
                name
                for person in _persons(article.get(key), by_id)
                if (name := _person_name(person)) is not None
            ]
        )
        if authors:
            out["author"] = authors
            break
    publisher = _organisation(article.get("publisher"), by_id)
    if publisher is None:  # an article with no publisher: its WebSite node names the site
        site = next((n for n in nodes if "WebSite" in _types(n)), None)
        publisher = _string(site.get("name")) if site else None
    if publisher:
        out["publisher"] = publisher
    dates = {key: value for key in _DATE_KEYS if (value := _string(article.get(key)))}
    if dates:
        out["dates"] = dates
    description = _string(article.get("description"))
    if description:
        out["description"] = description
    url = _url(article.get("url")) or _url(article.get("mainEntityOfPage"))
    if url:
        out["url"] = url
    return out


def _load_json(text: str) -> object | None:
    """Parse one JSON-LD block, tolerating the HTML comment or CDATA wrappers CMSs add."""
    text = text.strip()
    for wrapper in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(wrapper[0]) and text.endswith(wrapper[1]):
            text = text[len(wrapper[0]) : -len(wrapper[1])].strip()
    try:
        return json.loads(text, strict=False)  # strict=False: raw newlines inside strings
    except (ValueError, RecursionError):
        return None


def _nodes(data: object) -> Iterator[dict[str, object]]:
    """Every object of a JSON-LD document: top level, lists, and ``@graph`` members."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            yield from _nodes(graph)


def _types(node: dict[str, object]) -> list[str]:
    kind = node.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return [n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)]


def _article(nodes: list[dict[str, object]]) -> dict[str, object] | None:
    """The node describing the page's article: the best-ranked type, first in the page."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, node in enumerate(nodes):
        ranks = [_ARTICLE_TYPES.index(t) for t in _types(node) if t in _ARTICLE_TYPES]
        if ranks and (best is None or (min(ranks), order) < best):
            best, chosen = (min(ranks), order), node
    return chosen


def _resolve(value: object, by_id: dict[object, dict[str, object]]) -> object:
    """A ``{"@id": ...}`` reference replaced by the node it names (when the page has it)."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _persons(value: object, by_id: dict[object, dict[str, object]]) -> list[object]:
    items = value if isinstance(value, list) else [value]
    return [_resolve(item, by_id) for item in items if item]


def _person_name(person: object) -> str | None:
    """An author's name; None for an organisation (the masthead, not a byline) or a URL."""
    if isinstance(person, dict):
        if "Organization" in _types(person) or "NewsMediaOrganization" in _types(person):
            return None
        name = _string(person.get("name"))
        if not name:
            given = _string(person.get("givenName"))
            family = _string(person.get("familyName"))
            name = " ".join(n for n in (given, family) if n) or None
    else:
        name = _string(person)
    if not name or re.match(r"(?:https?:)?//|www\.", name):
        return None
    return _BYLINE.sub("", name).strip() or None


def _organisation(value: object, by_id: dict[object, dict[str, object]]) -> str | None:
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = _resolve(item, by_id)
        name = _string(item.get("name")) if isinstance(item, dict) else _string(item)
        if name:
            return name
    return None


def _url(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, list):
        value = value[0] if value else None
    url = _string(value)
    return url if url and re.match(r"https?://", url) else None


def _string(value: object) -> str | None:
    """A JSON-LD text value, whitespace-collapsed; entities unescaped (CMSs often leave them)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str):
        return None
    return clean(html.unescape(value))
