"""Tokens and the noun phrases they make: "the water ministry", "the Meridian Trust's report", "UN".

A noun phrase is read token by token outward from its head, inside the sentence, in a bounded window,
so the cost is linear in the text and a pathological input cannot make a regular expression
backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citekit.cites.lexer import TOKEN, Token
from citekit.cites.vocabulary import (
    ANAPHORIC_HEADS,
    DATA_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    NAME_CONNECTORS,
    OPENERS,
    PRONOUNS,
    SOURCE_HEADS,
    STRONG_VERBS,
    WORK_NOUNS,
)

POSSESSIVE = re.compile(r"['\u2019]s$")
QUOTE_CLOSERS = frozenset("\"'\u201d\u2019")


# Read-only by convention: hashed and compared as a frozen dataclass would be, but made without
# the frozen dataclass's slower construction (tens of thousands per megabyte of text).
@dataclass(slots=True, unsafe_hash=True)
class Speaker:
    """A noun phrase that speaks: a name, a common noun ("the water ministry"), a work or a pronoun."""

    start: int
    end: int
    kind: str  # "name", "common", "work", "pronoun"
    name: str  # the phrase without a leading determiner, as written ("water ministry", "UN")
    head: str  # the head word, lower-case
    determiner: str = ""
    # "Meridian Trust" in "the Meridian Trust's report", "UN" in "a UN report".
    possessor: str | None = None
    possessor_start: int = -1


def iter_tokens(text: str, start: int, end: int) -> Iterator[Token]:
    """The tokens one at a time (a whole document's need not be held in memory)."""
    for m in TOKEN.finditer(text, start, end):
        yield Token(m.group(), m.start(), m.end())


_EDGE_GLUE = NAME_CONNECTORS | {"the"}


def strip_connectors(run: list[Token]) -> list[Token]:
    """`run` without the connectors ('of', 'the' ...) that open or close it."""
    lo, hi = _glue_before(run), len(run)
    while hi > lo and run[hi - 1].lower in _EDGE_GLUE:
        hi -= 1
    return run[lo:hi]


def _glue_before(run: list[Token]) -> int:
    """How many connectors open `run`."""
    k = 0
    while k < len(run) and run[k].lower in _EDGE_GLUE:
        k += 1
    return k


def _name_run_backward(toks: list[Token], i: int, sentence_start: int) -> int:
    """Index of the first token of the capitalised name ending at toks[i]."""
    j = i
    while j - 1 >= 0:
        prev = toks[j - 1]
        capitalised = prev.is_word and prev.is_capitalised and prev.lower not in DETERMINERS
        # "Center for ... Studies", "Ministry of the Interior": glue between capitalised words.
        glue = j >= 2 and (
            (prev.lower in NAME_CONNECTORS and toks[j - 2].is_capitalised)
            or (prev.lower == "the" and toks[j - 2].lower in {"of", "for", "on"})
        )
        if capitalised or glue:
            j -= 1
        else:
            break
    # "Besides", "Meanwhile" are capitalised only because they open the sentence.
    while i - j > 0 and toks[j].start == sentence_start and toks[j].lower in OPENERS:
        j += 1
    skipped = _glue_before(toks[j : i + 1])
    return j + skipped if j + skipped <= i else i


def phrase_text(text: str, toks: list[Token]) -> str:
    return text[toks[0].start : toks[-1].end]


def _common_name(text: str, toks: list[Token], sentence_start: int) -> str:
    """'The water ministry' -> 'water ministry'; 'Police' opening a sentence -> 'police'."""
    name = phrase_text(text, toks)
    # `islower` is false wherever a capital stands: then only is every character asked.
    rest = name[1:]
    if toks[0].start == sentence_start and (rest.islower() or not any(c.isupper() for c in rest)):
        name = name[:1].lower() + name[1:]
    return name


def is_anaphoric(sp: Speaker) -> bool:
    """'the group', 'the trust', 'the data': a body or a work named earlier, not a new party."""
    return (
        sp.kind == "common"
        and sp.determiner in {"the", "this"}
        and sp.name.lower() == sp.head
        and (sp.head in ANAPHORIC_HEADS or sp.head in DATA_WORDS)
    )


def noun_phrase_ending(text: str, toks: list[Token], i: int, sentence_start: int) -> Speaker | None:
    """Read the noun phrase whose head is toks[i], walking left."""
    head = toks[i]
    if not head.is_word:
        return None
    low = head.lower
    if low in PRONOUNS:
        return Speaker(head.start, head.end, "pronoun", head.text, low)
    lhead = low.rstrip("s") if low.endswith("s") and low.rstrip("s") in WORK_NOUNS else low
    if head.is_capitalised and not (
        head.start == sentence_start and (low in SOURCE_HEADS or low in WORK_NOUNS)
    ):
        if low in DETERMINERS or low in OPENERS or low in FUNCTION_WORDS:
            return None
        j = _name_run_backward(toks, i, sentence_start)
        run = toks[j : i + 1]
        det = toks[j - 1].lower if j > 0 and toks[j - 1].lower in DETERMINERS else ""
        start = toks[j - 1].start if det else run[0].start
        return Speaker(start, head.end, "name", phrase_text(text, run), low, det)
    if low not in SOURCE_HEADS and lhead not in WORK_NOUNS:
        return None
    kind = "work" if lhead in WORK_NOUNS else "common"
    j = i
    modifiers = 0
    possessor: list[Token] = []
    det = ""
    while j - 1 >= 0 and modifiers < 4:
        prev = toks[j - 1]
        if not prev.is_word:
            break
        plow = prev.lower
        if plow in DETERMINERS:
            det = plow
            break
        if POSSESSIVE.search(prev.text) or (
            kind == "work" and prev.is_capitalised and plow not in OPENERS
        ):
            k = _name_run_backward(toks, j - 1, sentence_start)
            possessor = toks[k:j]
            j = k
            if k - 1 >= 0 and toks[k - 1].lower in DETERMINERS:
                det = toks[k - 1].lower
            break
        if (
            plow in FUNCTION_WORDS
            or plow in STRONG_VERBS
            or not (prev.text.isalpha() or prev.text.isdigit() or "-" in prev.text)
        ):
            break
        if prev.is_capitalised and prev.start != sentence_start and plow not in SOURCE_HEADS:
            break
        j -= 1
        modifiers += 1
    phrase = toks[j : i + 1]
    start = phrase[0].start
    if det:
        k = j - 1
        while toks[k].lower != det:
            k -= 1
        start = toks[k].start
    owner = None
    owner_start = -1
    if possessor:
        owner = POSSESSIVE.sub("", phrase_text(text, strip_connectors(possessor) or possessor))
        owner_start = possessor[0].start
    name = _common_name(text, phrase, sentence_start)
    if owner is not None and owner.lower() in WORK_NOUNS:
        # "the study's authors" speak for the study.
        return Speaker(start, head.end, "work", name, owner.lower(), det)
    return Speaker(start, head.end, kind, name, lhead, det, owner, owner_start)
