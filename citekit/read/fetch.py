"""Sources given as web addresses: fetched when online and read like a saved page."""

from __future__ import annotations

from citekit.errors import SourceError
from citekit.read.ingest import Document, parse_bytes


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch_url(url: str, timeout: float = 30.0) -> Document:
    """A web page read over the network (when online): its HTML becomes the original."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "citekit (+provenance)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read()
            final = response.geturl()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"{url}: cannot fetch ({reason})") from None
    doc = parse_bytes(data, ".html", url)
    doc.metadata.setdefault("url", final or url)
    if doc.original is None:
        doc.original = data
        doc.original_suffix = ".html"
    return doc
