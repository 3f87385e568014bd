"""Citation keys in the Better BibTeX manner: name, year, short title; a/b/c on collision."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Container, Iterator

from anyascii import anyascii

from citekit.errors import CitekitError

_STOP = frozenset(
    """a an the of and or for in on at to from by with as is are was were be been into over
    under about after before new report study survey says said its it this that these those
    their there than then but not no""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(ascii_fold(text))]


def _significant(text: str) -> list[str]:
    return [w for w in _words(text) if w not in _STOP and len(w) > 1]


def person_last_name(author: str) -> str:
    """'Smith, Jane' and 'Jane Smith' give 'smith'; '{The Meridian Trust}' gives 'meridian'."""
    first = re.split(r"\s+and\s+", author.strip(), maxsplit=1)[0].strip()
    if first.startswith("{") and first.endswith("}"):
        words = _significant(first)
        return words[0] if words else ""
    if "," in first:
        words = _words(first.split(",", 1)[0])
        return "".join(words[-1:])
    words = _words(first)
    return words[-1] if words else ""


def make_key(
    *,
    title: str | None,
    year: int | str | None,
    author: str | None = None,
    organisation: str | None = None,
    taken: Container[str] = (),
) -> str:
    """A new key that is not in `taken`."""
    # Titles and names in other scripts transliterated: 'Рост цен' gives 'rost2022tsen'.
    title, author, organisation = (anyascii(v) if v else v for v in (title, author, organisation))
    title_words = _significant(title or "")
    name = ""
    if author:
        name = person_last_name(author)
    if not name and organisation:
        org = _significant(organisation)
        name = org[0] if org else ""
    short = ""
    if name:
        short = next((w for w in title_words if w != name), "")
    elif title_words:
        name = title_words[0]
        short = title_words[1] if len(title_words) > 1 else ""
    base = f"{name or 'source'}{year or ''}{short}"
    base = re.sub(r"[^a-z0-9]", "", base.lower())[:40] or "source"
    if base not in taken:
        return base
    return next(base + suffix for suffix in _suffixes() if base + suffix not in taken)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _suffixes() -> Iterator[str]:
    """a..z, aa..zz, then numbered (-703, -704, ...): a suffix for every collision there is."""
    yield from _LETTERS
    for a in _LETTERS:
        for b in _LETTERS:
            yield a + b
    yield from (f"-{n}" for n in itertools.count(703))


KEY_MAX = 100
_KEY_CHARS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*")


class InvalidKeyError(CitekitError):
    """A citation key citekit will not use as a file name or a BibTeX key."""

    exit_code = 2


def validate_key(key: str) -> str:
    """`key` when it is a key citekit can write safely, else InvalidKeyError naming the problem.

    One character set for every key: ASCII letters and digits, then also `_ . + -`; at most
    KEY_MAX characters. Nothing that could leave the library folder (`/`, `..` first, an
    absolute path) or break a BibTeX block (`, { } " =`, spaces, newlines)."""
    if not key:
        raise InvalidKeyError("the key is empty")
    if len(key) > KEY_MAX:
        raise InvalidKeyError(f"the key is {len(key):,} characters long (at most {KEY_MAX})")
    if _KEY_CHARS.fullmatch(key):
        return key
    if key.startswith(("/", "\\", "~")):
        raise InvalidKeyError(f"key {key[:40]!r} is an absolute path: a key names no file")
    bad = next((c for c in key if not re.fullmatch(r"[A-Za-z0-9_.+-]", c)), key[0])
    shown = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab", " ": "a space"}.get(
        bad, repr(bad)
    )
    if bad == key[0] and re.fullmatch(r"[_.+-]", bad):
        raise InvalidKeyError(
            f"key {key[:40]!r} starts with {shown}: a key starts with a letter or a digit"
        )
    raise InvalidKeyError(
        f"key {key[:40]!r} holds {shown}: a key has only letters, digits and _ . + -"
    )
