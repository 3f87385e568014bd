"""Restore title case to titles printed in capitals ("DRY SEASON IN THE SAHEL" -> "Dry Season in the Sahel").

News text often sets a report's title in capitals; a bibliography entry wants it in title case. Capitals
destroy the information about which words were acronyms, so a short list of common ones is kept upper-case;
everything else follows the usual English headline rules (small words lower-case except at the start of the
title or of a subtitle).
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """A frozen set from white-space separated words: keeps long word lists readable."""
    return frozenset(words.split())


def word_tree(words: list[str]) -> str:
    """An alternation of `words` with shared beginnings written once ("add(?:ed|s)"): the regular
    expression engine then tries a letter once, not once per word (the same words match)."""
    if words == [""]:
        return ""
    rests: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        if word:
            rests.setdefault(word[0], []).append(word[1:])
    body = "|".join(re.escape(c) + word_tree(rest) for c, rest in rests.items())
    if len(rests) > 1 or "" in words:
        body = f"(?:{body})"
    return body + "?" if "" in words else body


SMALL_WORDS = word_set(
    """a an the and but or nor for so yet of in on at to by up as from with into onto over per via
    vs versus than off out"""
)
# Acronyms that survive capitalisation. Kept short on purpose: a wrong guess ("IT" for "it") is worse
# than a lower-cased acronym the user can fix.
ACRONYMS = word_set(
    """UN EU US USA UK NATO ISIS ISIL IS UNICEF UNHCR UNESCO OECD IMF GDP HIV AIDS NGO NGOS COVID
    AI CO2 OPEC ASEAN BRICS G7 G20 II III IV VI VII VIII IX XI XII XX XXI"""
)
_WORD = re.compile(r"[^\s]+")
_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A subtitle starts after a colon, a question mark or a dash standing alone.
_SUBTITLE_ENDS = (":", ";", "?", "!")
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


def is_capitals(text: str) -> bool:
    """True when every letter of `text` is upper-case and there are enough letters to tell."""
    if text.isascii():
        # ASCII letters are the only cased characters here: no lower-case one, and two or more.
        return text.isupper() and sum(1 for c in text if c.isupper()) >= 2
    letters = _LETTERS.findall(text)
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _cap_word(core: str, first: bool) -> str:
    lower = core.lower()
    if core.upper() in ACRONYMS and not (core.upper() == "IS" and first):
        return core.upper()
    if not first and lower in SMALL_WORDS:
        return lower
    # Hyphenated compounds: "POST-CONFLICT" -> "Post-Conflict".
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))


def restore_title_case(title: str) -> str:
    """Title case for a title whose capitals carry no information; mixed-case parts are kept.

    A title such as "DRY SEASON: Water Access and the Cost of Delay" has a capitalised
    main title and an already cased subtitle: only words in capitals are rewritten.
    """
    out: list[str] = []
    pos = 0
    first = True
    for m in _WORD.finditer(title):
        out.append(title[pos : m.start()])
        token = m.group()
        lead = len(token) - len(token.lstrip("\"'(\u201c\u2018["))
        tail = len(token.rstrip("\"'),.:;?!\u201d\u2019]"))
        core = token[lead:tail]
        if core and is_capitals(core) or (core.isalpha() and core.isupper() and len(core) == 1):
            core = _cap_word(core, first)
        elif core and core.lower() in SMALL_WORDS and not first and is_capitals(title):
            core = core.lower()
        out.append(token[:lead] + core + token[tail:])
        pos = m.end()
        if token in _DASHES:
            first = True
        elif core:
            first = token.endswith(_SUBTITLE_ENDS)
    out.append(title[pos:])
    return "".join(out)
