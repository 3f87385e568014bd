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


# The readings of each token text met so far: a text's words repeat, the readings are worked out once.
_READINGS: dict[str, tuple[str, bool, bool]] = {}


def _readings(text: str) -> tuple[str, bool, bool]:
    """(lower case, is a word, is capitalised) of a token's text."""
    low = text.lower()
    first = text[0]
    found = (
        text if low == text else low,
        first.isalnum(),
        first.isupper()
        or (first.isdigit() and not text.isdigit() and any(c.isupper() for c in text)),
    )
    if len(_READINGS) >= 16384:
        _READINGS.clear()
    _READINGS[text] = found
    return found


class Token:
    """One token of the text, with its readings."""

    __slots__ = ("end", "is_capitalised", "is_word", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower, self.is_word, self.is_capitalised = _READINGS.get(text) or _readings(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end})"


# A token with the white space before it. Whatever is not white space starts a token (the last
# branch of TOKEN takes any one character), so between two tokens there is only white space: reading
# the pairs from `start` gives every token and, by the lengths, where it stands.
_SPACED = re.compile(r"(\s*)(" + TOKEN.pattern + ")")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end]."""
    out = []
    pos = start
    for space, token in _SPACED.findall(text, start, end):
        pos += len(space)
        stop = pos + len(token)
        out.append(Token(token, pos, stop))
        pos = stop
    return out


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
