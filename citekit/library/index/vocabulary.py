"""The words matching reads: content words, stopwords, synonyms, months, rise and fall.

They sit with the index because the words around each figure are weighed when its source is
indexed (`contexts`); `check.matching.words` gives them to matching.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_](?:[\w\u2019'-]*[^\W_])?|(?<!\d)(?:1[89]|20)\d\d(?!\d)")
BOUNDARY = re.compile(r"[,;:()\[\]\u2013\u2014]|\s-\s")
NUMBER = re.compile(r"\d")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = word_set(
    """a an the of from and or but in into to at by on for with as than that this these those it
    its their they them there here is are was were be been being has have had having do does did
    will would could should may might can which who whom whose what when where while also other
    another all any each both per cent percent some about around nearly almost over under more
    most less least fewer only just approximately roughly estimated estimate an some
    such so not no nor if then out off own same very too s t says said say according report
    reports reported including include includes among between within without since after before
    during until via total overall new one"""
) | frozenset(
    # Written numbers say how many, not what: "three ministries" is about ministries, and a
    # capitalised "Five" opening a sentence is no name.
    """two three four five six seven eight nine ten eleven twelve hundred hundreds thousand
    thousands million millions billion billions""".split()
)

# Words that say the same thing measured, reduced to one word so that a draft's paraphrase
# ("joblessness", "killed", "houses", "the economy") meets the source's wording. Kept small and
# unambiguous: each group names one measure.
_SYNONYM_GROUPS = (
    "unemployment unemployed joblessness jobless",
    "deaths death dead died die dies killed killing fatalities fatality fatal toll",
    "homes home houses house dwellings",
    "people persons residents inhabitants",
    "economy economic gdp output",
)
_SYNONYMS = {word: group.split()[0] for group in _SYNONYM_GROUPS for word in group.split()}


def canonical(word: str) -> str:
    """The word that stands for `word`'s synonym group (itself when it has none)."""
    return _SYNONYMS.get(word, word)


PREFIX_MIN = 5

# Which way a change goes. Words of one direction stand for each other ("rose" is "jumped" is
# "up"), and a change said the other way ("a fall of 3.3%" for "rose 3.3%") is another figure.
RISE = "\u2191"
FALL = "\u2193"
DIRECTION = {
    **dict.fromkeys(
        word_set(
            """rose rise rises rising risen up increase increased increases increasing grew grow
            grows growing jumped jump jumps climbed climb climbs gained gain gains soared surged
            higher doubled tripled"""
        ),
        RISE,
    ),
    **dict.fromkeys(
        word_set(
            """fell fall falls falling fallen down decrease decreased decreases decreasing
            declined decline declines dropped drop drops shrank shrink shrinks slipped slip
            slumped plunged lost lower cut halved"""
        ),
        FALL,
    ),
}
OPPOSITE = {RISE: FALL, FALL: RISE}

WHEN = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"""
)
PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
