"""The words trace searches by: tokens, lowercased, with a light plural stem (nurses -> nurs)."""

from __future__ import annotations

import functools
import re

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
STOP = frozenset(
    """a an the of and or for in on at to from by with as is are was were be been it its this
    that these those what where who how which did does do number figure figures""".split()
)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def tokens(text: str) -> set[str]:
    return {stem(t) for t in TOKEN.findall(text or "")}


def words_of(text: str) -> str:
    """The searchable form of text as the index stores it: its tokens, sorted, space-separated."""
    return " ".join(sorted(tokens(text)))
