"""A page's entry metadata decided from everything it says about itself.

The signals come from `pagesignals`, each list in precedence order. The rules, the same for
every page:

* **Title**: the page's declared titles (scholarly ``citation_title``, Open Graph, Twitter card,
  JSON-LD headline, other title tags) before its ``<title>`` element and its first ``<h1>``. Each
  loses the decoration sites add (" | Site", "Site - "): a part naming the site or its host, a
  part after a headline another signal states alone, or a short trailing " | part". A value that
  is the site's own name, a placeholder ("Home", "Untitled") or no words at all is not a title.
  Agreement decides when precedence is doubtful: a first choice that no other signal shares any
  words with gives way to a title two other signals agree on (a site-wide Open Graph title, a
  stale ``<title>``).
* **Authors**: structured bylines (JSON-LD, ``citation_author``) before meta tags before marked
  up bylines (``rel=author``, microdata) before trafilatura's guess; addresses, handles and
  "Produced by" are not names.
* **Site**: Open Graph site name, the JSON-LD publisher, the application name, then trafilatura's.
* **Date**: `pagedates.choose_date`.
"""

from __future__ import annotations

import re

from citekit.read.formats import Metadata
from citekit.read.formats.jsonld import unique
from citekit.read.formats.pagedates import DateSignal, choose_date
from citekit.read.formats.pagesignals import PageSignals, person_name

# " | Site", " - Site", " — Site", " :: Site", " · Site", " « Site"
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|«|»)\s+")
_PLACEHOLDERS = frozenset(
    "home homepage untitled index welcome loading".split()
    + ["home page", "untitled document", "page not found", "not found", "just a moment"]
)
_MAX_TITLE = 300
# title origins that state the same thing twice: agreement must come from another family
_FAMILY = {"meta:og:title": "social", "meta:twitter:title": "social", "html:title": "document"}


def decide(signals: PageSignals, extra: dict[str, str | None]) -> Metadata:
    """Entry metadata from the page's signals; `extra` holds trafilatura's findings, used last
    (``title``, ``author`` "; "-joined, ``sitename``, ``url``, ``date``, ``hostname``)."""
    meta: Metadata = {}
    host = signals.hostname or extra.get("hostname")
    site = next((v for _, v in signals.sites if v), None) or extra.get("sitename")
    titles = list(signals.titles)
    if extra.get("title"):
        titles.append(("trafilatura:title", str(extra["title"])))
    title = choose_title(
        titles, site_names(signals, site, host), signals.headings, article=signals.article
    )
    if title:
        meta["title"] = title
    authors = choose_authors(signals, extra.get("author"))
    if authors:
        meta["author"] = authors
    dates = list(signals.dates)
    guess = _guess(extra.get("date"))
    if guess is not None:
        dates.append(guess)
    chosen = choose_date(dates)
    if chosen is not None:
        meta["date"] = chosen.stamp.date.isoformat()
    url = next((v for o, v in signals.urls if o != "given"), None) or extra.get("url")
    url = url or next((v for o, v in signals.urls if o == "given"), None)
    if url:
        meta["url"] = url
    if site:
        meta["site"] = meta["publisher"] = site
    return meta


def _guess(raw: str | None) -> DateSignal | None:
    from citekit.read.formats.pagedates import parse_stamp

    stamp = parse_stamp(raw)
    return DateSignal(stamp, "guess", "trafilatura:date") if stamp else None


def site_names(signals: PageSignals, site: str | None, host: str | None) -> set[str]:
    """Every way the page names its site, normalised: site names, the host and its label."""
    names = {_words(v) for _, v in signals.sites if v}
    if site:
        names.add(_words(site))
    for name in list(names):
        if name.startswith("the "):
            names.add(name[4:])
    if host:
        bare = host.lower().removeprefix("www.")
        names |= {_words(bare), _words(bare.split(".")[0]), bare.replace(".", "")}
    names.discard("")
    return names


def choose_title(
    titles: list[tuple[str, str]],
    names: set[str],
    headings: list[str] | None = None,
    article: bool = False,
) -> str | None:
    """The page's title (see the module's notes) from (origin, text) in precedence order.

    A title that is the site's name is the title of a home page; on a page that declares
    itself an article it is a site-wide default, taken only when nothing else names the page.
    """
    texts = [t for _, raw in titles if (t := _tidy(raw))]
    candidates: list[tuple[str, str]] = []
    for origin, raw in titles:
        text = _tidy(raw)
        if not text:
            continue
        others = [t for t in texts if t != text] + list(headings or [])
        text = strip_decoration(text, names, others)
        if _is_title(text):
            candidates.append((origin, text))
    if article:
        named = [c for c in candidates if _names_site(c[1], names)]
        candidates = [c for c in candidates if c not in named] + named
    if not candidates:
        return None
    if _supported(0, candidates) or len(candidates) < 3:
        return candidates[0][1]
    for i in range(1, len(candidates)):
        if _supported(i, candidates):
            return candidates[i][1]
    return candidates[0][1]


def _supported(index: int, candidates: list[tuple[str, str]]) -> bool:
    origin, text = candidates[index]
    family = _FAMILY.get(origin, origin)
    return any(
        _overlap(text, other)
        for j, (other_origin, other) in enumerate(candidates)
        if j != index
        and _FAMILY.get(other_origin, other_origin) != family
        and not other_origin.startswith("trafilatura:")  # read from the same tags: no witness
    )


def _overlap(a: str, b: str) -> bool:
    wa, wb = set(_words(a).split()), set(_words(b).split())
    if not wa or not wb:
        return False
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _tidy(raw: str) -> str:
    return " ".join(raw.split())


def _is_title(text: str) -> bool:
    words = _words(text)
    if not words or len(text) > _MAX_TITLE or not re.search(r"[^\W\d_]", text):
        return False
    return words not in _PLACEHOLDERS


def _names_site(text: str, names: set[str]) -> bool:
    words = _words(text)
    return words in names or words.replace(" ", "") in names


def strip_decoration(title: str, names: set[str], others: list[str] | None = None) -> str:
    """The title without the site's name (or host) before or after a separator, without a
    suffix after a headline another signal states alone, and without a short trailing
    " | part" (a pipe is never part of a headline, unless what it leaves is shorter)."""
    for other in others or []:
        if (
            other
            and title != other
            and title.startswith(other)
            and _TITLE_SEPARATOR.match(title[len(other) :])
            and _words(other) not in names
        ):
            return other
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = list(_TITLE_SEPARATOR.finditer(title))
    last, first = separators[-1], separators[0]
    if _words(parts[-1]) in names:
        return title[: last.start()].strip()
    if _words(parts[0]) in names:
        return title[first.end() :].strip()
    kept, dropped = title[: last.start()], title[last.end() :]
    if last.group().strip() == "|" and len(kept.split()) >= len(dropped.split()) <= 4:
        return kept.strip()
    return title


def strip_site_suffix(
    title: str, site: str | None, h1: str | None = None, hostname: str | None = None
) -> str:
    """`strip_decoration` with the site known by its name and host, and the page's headline."""
    names = {_words(n) for n in (site,) if n}
    for name in list(names):
        if name.startswith("the "):
            names.add(name[4:])
    if hostname:
        bare = hostname.lower().removeprefix("www.")
        names |= {_words(bare), _words(bare.split(".")[0])}
    return strip_decoration(title, names, [h1] if h1 else [])


def choose_authors(signals: PageSignals, fallback: str | None) -> list[str]:
    """The first byline source in precedence order that names people."""
    sources = list(signals.authors)
    if fallback:
        sources.append(("trafilatura:author", [a.strip() for a in fallback.split(";")]))
    for _, names in sources:
        people = unique([n for raw in names for n in _split_names(raw)])
        if people:
            return people
    return []


def _split_names(raw: str) -> list[str]:
    """Names of one byline value: ";"-separated, or "A and B" when both sides are names."""
    out: list[str] = []
    for part in raw.split(";"):
        name = person_name(part)
        if name is None:
            continue
        pieces = re.split(r"\s+(?:and|&)\s+", name)
        if len(pieces) > 1 and all(_looks_like_person(p) for p in pieces):
            out.extend(pieces)
        else:
            out.append(name)
    return out


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()
