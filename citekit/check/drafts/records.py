"""What reading a draft gives: its citations, the numbers it states, and the draft itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from citekit.check.drafts.shiftmap import Mapped
from citekit.models import Figure


@dataclass(frozen=True)
class Citation:
    """One citation in the draft: its keys, their locators, and where it stands."""

    keys: tuple[str, ...]
    locators: tuple[str, ...]  # per key ("p. 3", "ch. 2" or "")
    pos: int  # position in the clean text (where the citation was removed)
    start: int  # span in the draft
    end: int
    line: int
    footnote: str | None = None  # set on a footnote marker: it cites what that footnote cites
    in_footnote: str | None = None  # the footnote this citation stands in


@dataclass
class DraftNumber:
    """A figure the draft states, where it stands, and the citations that cover it."""

    figure: Figure  # offsets into the clean text
    text: str  # exactly as the draft writes it (e.g. "4{,}200", "41\\%")
    start: int  # span in the draft
    end: int
    line: int  # 1-based
    column: int  # 1-based, in code points
    cited: tuple[str, ...]  # keys covering the number, in order, without duplicates
    cited_by: str  # "sentence", "paragraph", "footnote" or "" when nothing covers it
    sentence: str  # the clean sentence holding it
    sentence_start: int  # offset of that sentence in the clean text
    footnote: str | None = None  # label of the footnote the number stands in
    breaks: tuple[int, ...] = ()  # where citations stood in `sentence` (sentence offsets)

    @property
    def local_start(self) -> int:
        return self.figure.start - self.sentence_start

    @property
    def local_end(self) -> int:
        return self.figure.end - self.sentence_start


@dataclass
class Draft:
    """A draft read for checking: its text, clean text, citations and numbers."""

    text: str
    format: str
    clean: Mapped
    citations: list[Citation]
    numbers: list[DraftNumber]
    footnotes: dict[str, tuple[int, int]]  # label -> clean span

    def cited_keys(self) -> list[str]:
        """Every key the draft cites, in order of first use."""
        seen: dict[str, None] = {}
        for citation in self.citations:
            for key in citation.keys:
                seen.setdefault(key, None)
        return list(seen)

    def first_line(self, key: str) -> int | None:
        for citation in self.citations:
            if key in citation.keys:
                return citation.line
        return None

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def narrative_word(key: str) -> str:
    """A word standing for the author in "@meridian2021 says": keeps the sentence a sentence.

    The key's leading letters, capitalised ("Meridian"); never its digits, which would be read as a
    year or a count.
    """
    letters = re.match(r"[^\W\d_]+", key)
    word = letters.group() if letters else "They"
    return word[:1].upper() + word[1:]
