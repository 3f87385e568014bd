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
            first.isdigit() and not text.isdigit() and any(c.isupper() for c in text)
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


class TokenStream(list[Token]):
    """The tokens of a window, read only as far as a reader asks: `reach(n)` says whether the window
    has an n-th token, reading on to it first. The list holds what has been read so far, in order,
    the same tokens `tokens` would give."""

    __slots__ = ("_matches",)

    def __init__(self, text: str, start: int, end: int) -> None:
        super().__init__()
        self._matches = TOKEN.finditer(text, start, end)

    def reach(self, n: int) -> bool:
        while len(self) <= n:
            m = next(self._matches, None)
            if m is None:
                return False
            self.append(Token(m.group(), m.start(), m.end()))
        return True


def reach(toks: list[Token], n: int) -> bool:
    """Whether `toks` has an n-th token (a stream reads on to it)."""
    return n < len(toks) or (isinstance(toks, TokenStream) and toks.reach(n))
