"""Comparing the names of organisations and parties: "Meridian", "the Meridian Water Trust" and "MWT"
may name one body. `NameIndex` answers those questions without comparing every pair.
"""

from __future__ import annotations

import re

from citekit.cites.vocabulary import NAME_CONNECTORS

_NAME_WORD = re.compile(r"[\w\u00c0-\u024f]+")
_ACRONYM_WORD = re.compile(r"[\w\u00c0-\u024f]+(?:-[\w\u00c0-\u024f]+)*")


def normalise_name(name: str) -> str:
    """Key for comparing names of organisations and parties: no article, no case, no punctuation."""
    words = _NAME_WORD.findall(name.casefold().replace("&", " and "))
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def same_organisation(a: str, b: str) -> bool:
    """'Meridian', 'the Meridian Water Trust' and 'Meridian Water Trust' name one organisation.

    One name's words must open the other's: a short form is the front of the full name in news usage.
    """
    wa, wb = normalise_name(a).split(), normalise_name(b).split()
    if not wa or not wb:
        return False
    short, full = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return full[: len(short)] == short


def acronym(name: str) -> str:
    """'International Monetary Fund' -> 'imf': the initials of its significant words (or '').

    A hyphenated word gives one initial: 'Organisation for Economic Co-operation and Development'
    -> 'oecd'.
    """
    words = [
        w
        for w in _ACRONYM_WORD.findall(name.casefold())
        if w not in NAME_CONNECTORS and w not in {"the", "a", "an"}
    ]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def is_acronym(name: str) -> bool:
    """'IMF', 'ECDC': a short word in capitals, which may stand for a longer name."""
    bare = name.strip()
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def short_form_of(short: str, full: str) -> bool:
    """'ministry' of 'education ministry', 'Okafor' of 'Jane Okafor': the same speaker named again."""
    sw, fw = normalise_name(short).split(), normalise_name(full).split()
    n = len(sw)
    return 0 < n < len(fw) and (fw[:n] == sw or fw[-n:] == sw)


class NameIndex:
    """Names looked up exactly, or by a shorter form that opens them ('Meridian' for 'Meridian Water
    Trust') or closes them ('ministry' for 'education ministry'), without comparing every pair."""

    def __init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._front: dict[str, list[int]] = {}
        self._back: dict[str, list[int]] = {}
        self._initials: dict[str, list[int]] = {}

    def add(self, name: str, value: int) -> None:
        words = normalise_name(name).split()
        if not words:
            return
        self._exact.setdefault(" ".join(words), []).append(value)
        initials = acronym(name)
        if len(initials) >= 2:
            self._initials.setdefault(initials, []).append(value)
        for n in range(1, len(words)):
            self._front.setdefault(" ".join(words[:n]), []).append(value)
            self._back.setdefault(" ".join(words[-n:]), []).append(value)

    def exact(self, name: str) -> list[int]:
        return list(self._exact.get(normalise_name(name), []))

    def same_organisation(self, name: str) -> list[int]:
        """Values whose name opens with `name` or opens `name` (see `same_organisation`)."""
        words = normalise_name(name).split()
        out = list(self._exact.get(" ".join(words), []))
        for n in range(1, len(words)):
            out += self._exact.get(" ".join(words[:n]), [])
        out += self._front.get(" ".join(words), [])
        if is_acronym(name):
            # "the IMF" after "the International Monetary Fund".
            out += self._initials.get(name.strip().lower(), [])
        return sorted(set(out))

    def short_form(self, name: str) -> list[int]:
        """Values of which `name` is a strictly shorter front or back part (see `short_form_of`)."""
        key = normalise_name(name)
        return sorted(set(self._front.get(key, []) + self._back.get(key, [])))
