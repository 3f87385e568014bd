"""YAML front matter of Markdown notes, read without a YAML library.

Notes written by hand or exported by tools (Obsidian, Zotero, Hugo, pandoc) open with a
``---`` fenced block of ``key: value`` lines. Only the flat subset matters for a bibliography
entry, so a small parser handles scalars, quoted scalars, flow lists (``[a, b]``) and block lists
(``- a``); nested mappings and anything else are skipped rather than guessed at. This keeps
citekit free of a YAML dependency and of YAML's surprises (``no`` as a boolean, dates as objects).
"""

from __future__ import annotations

import re

from citekit.read.formats import Metadata

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*$")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T \t])")

# front-matter key -> metadata key
_ALIASES = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "source_url": "url",
    "publisher": "publisher",
    "organization": "publisher",
    "organisation": "publisher",
    "site": "site",
    "site_name": "site",
    "sitename": "site",
    "language": "language",
    "lang": "language",
}


def parse_front_matter(text: str) -> tuple[Metadata, int] | None:
    """Metadata of a leading ``---`` block and the offset just after its closing fence.

    Returns None when the text has no complete front matter block (an opening ``---`` without a
    closing one is a horizontal rule, not front matter).
    """
    opening = _OPEN.match(text)
    if not opening:
        return None
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return None
    raw = _parse_block(text[opening.end() : closing.start()])
    return normalise(raw), closing.end()


def _parse_block(block: str) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {}
    current: str | None = None  # key whose block list we are reading
    folded: str | None = None  # key whose block scalar (`>` or `|`) we are reading
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line[:1] in (" ", "\t")
        if folded is not None:
            if indented:
                previous = values.get(folded, "")
                values[folded] = f"{previous} {line.strip()}".strip()
                continue
            folded = None
        item = _ITEM.match(line)
        if item and current is not None:
            existing = values.setdefault(current, [])
            if isinstance(existing, list):
                existing.append(_scalar(item.group(1)))
            continue
        if indented:
            continue  # nested mapping or continuation: not part of the flat subset
        key = _KEY.match(line)
        if not key:
            current = None
            continue
        name, value = key.group(1).lower(), key.group(2)
        current = None
        if value is None or value == "":
            current = name
        elif value in (">", "|", ">-", "|-", ">+", "|+"):
            folded = name  # a long title written as a block scalar: lines joined by spaces
        elif value.startswith("[") and value.endswith("]"):
            values[name] = [_scalar(v) for v in _split_flow(value[1:-1]) if v.strip()]
        else:
            values[name] = _scalar(value)
    return values


def _split_flow(inner: str) -> list[str]:
    """Split a flow list on commas outside quotes."""
    parts: list[str] = []
    buf: list[str] = []
    quote = ""
    for ch in inner:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            buf.append(ch)
        elif ch == ",":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    # an unquoted scalar ends at a comment
    return re.sub(r"\s+#.*$", "", value)


def normalise(raw: dict[str, str | list[str]]) -> Metadata:
    """Map front-matter keys onto citekit's metadata keys; drop what we cannot use."""
    meta: Metadata = {}
    for key, value in raw.items():
        target = _ALIASES.get(key)
        if target is None or target in meta:
            continue
        if target == "author":
            names = [value] if isinstance(value, str) else value
            # "A; B" or "A and B" in a single string are several people
            split = [p.strip() for n in names for p in re.split(r";|\s+and\s+", n) if p.strip()]
            if split:
                meta["author"] = split
            continue
        scalar = value if isinstance(value, str) else ", ".join(value)
        if not scalar:
            continue
        if target == "date":
            m = _DATE.match(scalar)
            if not m:
                continue  # an unreadable date is left out rather than passed on
            scalar = "-".join(g for g in m.groups() if g)
        meta[target] = scalar
    if "site" in meta and "publisher" not in meta:
        meta["publisher"] = meta["site"]
    return meta
