"""Tokens: a word (with a possessive or a hyphenated/dotted form) or one punctuation mark.

Every stage that reads a noun phrase asks for the tokens of a window of the text. A token carries
the readings those stages ask of it again and again (lower case, whether it is a word, whether it
is capitalised), computed once when it is made.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"\d+(?:[.,]\d+)+|[\w\u00c0-\u024f](?:[\w\u00c0-\u024f&.\-]*[\w\u00c0-\u024f])?(?:['\u2019]s)?|\S"
)


class Token:
    """One token of the text, with its readings."""

    __slots__ = ("end", "is_capitalised", "is_word", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        low = text.lower()
        self.lower = text if low == text else low
        first = text[0]
        self.is_word = first.isalnum()
        self.is_capitalised = first.isupper() or (
            first.isdigit() and any(c.isupper() for c in text)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end})"


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end]."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
