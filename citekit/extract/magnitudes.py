"""Whether a magnitude written after a numeral stands: "$5m", "5m people", "Unemployment stood at
1.35m" are millions; "a 2.5m wall", "sea levels rose 1.5m", "the 400m hurdles" are metres.

A single letter is a magnitude only on evidence -- money, a plural counted noun, a counted subject
before it ("a population of 8m") -- and never where the words around it speak of length.
"""

from __future__ import annotations

import re

from citekit.extract import nouns, units
from citekit.extract.context import token_before
from citekit.extract.context import words as context_words

_SP = r"[\x20\u00a0]"


def accept_magnitude(text: str, end: int, hi: int, short: bool, word: str, kind: str) -> bool:
    """Single-letter magnitudes need evidence: money ("$5m"), or a counted noun ("5m people")."""
    if not short or kind == "money":
        return True
    if word in ("bn", "mn", "tn", "mln", "bln", "trn", "k", "K"):
        return True
    if units.currency_after(text, end, hi):
        return True
    noun = nouns.counted_noun(text, end, hi)
    if not noun:
        return False
    head = noun.split()[-1].lower()
    if noun.split()[0].lower() in _RACE_WORDS:
        return False  # "the 400m hurdles", "100m freestyle heats": a race distance in metres
    return head.endswith("s") or head in ("people", "children", "men", "women")


_RACE_WORDS = context_words(
    "hurdles hurdle freestyle butterfly backstroke breaststroke medley relay relays sprint sprints "
    "dash steeplechase heats heat semifinals semi-finals finals race races individual"
)


# A glued "m" after a decimal ("1.35m") is a million unless the words around it speak of length:
# news writes "Unemployment stood at 1.35m" and "Between 1.2m and 1.5m people", but "sea levels
# rose 1.5m", "1.35m tall", "a depth of 3.5m", "a 2.5m wall".
_LENGTH_AFTER = re.compile(
    _SP + r"*(?:[-\u2010\u2011]" + _SP + r"*)?(?:tall|high|long|wide|deep|thick|away|across|"
    r"above|below|underground|under"
    + _SP
    + r"+water|up|down|in"
    + _SP
    + r"+(?:diameter|length|height|depth|width|circumference)|of"
    + _SP
    + r"+(?:water|snow|rain|rainfall|sea|mud|ice)|per|an?"
    + _SP
    + r"+(?:second|minute|hour|year)"
    r"|from" + _SP + r"+the" + _SP + r"+(?:ground|floor|surface|shore|coast|edge)|short|"
    r"sea" + _SP + r"+level)(?![A-Za-z])|[/\u00b2\u00b3]",
    re.IGNORECASE,
)
_LENGTH_BEFORE = context_words(
    "rose rise rises risen rising fell fall falls fallen falling dropped drop drops jumped jump "
    "jumps leapt leaped cleared clear clears threw throw throws thrown swam measuring measures "
    "measured measure depth depths height heights length lengths distance width altitude "
    "elevation diameter radius tall high deep long wide thick waves wave surge surges metres "
    "meters"
)
_LENGTH_BEFORE_OF = re.compile(
    r"(?<![A-Za-z])(?:depth|height|length|distance|width|altitude|elevation|diameter|radius|"
    r"span|reach|range|wingspan|circumference|wave|swell|surge|drop|leap|jump|throw)s?"
    + _SP
    + r"+of"
    + _SP
    + r"+(?:[a-z]+"
    + _SP
    + r"+){0,2}$",
    re.IGNORECASE,
)
# A singular noun after "a 2.5m ..." is a thing measured ("a 2.5m wall") unless it is money's or a
# number's ("a 1.5m deal", "the 1.5m mark").
_NOT_LENGTH_NOUNS = context_words(
    "deal contract fund package loan budget bonus salary fee investment payout settlement project "
    "scheme programme program bid offer grant sale purchase takeover fine bill debt shortfall "
    "deficit surplus increase rise fall cut profit loss revenue turnover pay raise donation gift "
    "windfall overhaul refurbishment redevelopment makeover upgrade expansion renovation "
    "compensation award prize jackpot transfer signing fortune home house mansion property "
    "figure target mark threshold milestone total level cap limit estimate number tally"
)
# Things measured in metres, a few words before: "the river rose to over 4.5m".
_LENGTH_SUBJECT = re.compile(
    r"(?<![A-Za-z])(?:river|water|floodwater|sea|seas|flood|floods|tide|tides|waves?|snow|"
    r"walls?|towers?|fences?|barriers?|heights?|depths?|lengths?|jump|jumped|vault|throw|threw|"
    r"glaciers?|ice|dunes?|drifts?)(?![A-Za-z])",
    re.IGNORECASE,
)
_ARTICLE_RIGHT_BEFORE = re.compile(r"(?<![A-Za-z])(?:a|an|the)" + _SP + r"+$", re.IGNORECASE)


# People or things counted, a few words before a whole number with a glued "m": "a population of
# 8m", "viewers peaked at 12m", "visitor numbers rose to 40m" are millions, not metres.
_COUNTED_SUBJECT = re.compile(
    r"(?<![A-Za-z])(?:population|populations|audience|audiences|viewers|viewing|visitors?|"
    r"subscribers?|users|passengers?|customers|members|membership|downloads|tourists?|followers|"
    r"households|residents|inhabitants|voters|listeners|readers|readership|copies|shoppers|"
    r"travellers|travelers|spectators|attendance|enrolment|enrollment)(?![A-Za-z])",
    re.IGNORECASE,
)


_COUNT_LINKS = context_words(
    "of at to reached reach reaches hit hits topped tops than about around nearly almost some "
    "over past exceeded exceeds surpassed passed roughly approximately by totalled totaled"
)
_AWAY_AFTER = re.compile(
    r"\d+m"
    + _SP
    + r"+(?:from|away|off|to|into|along|across|behind|ahead|short|above|below|up|down)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def counted_subject(text: str, lo: int, pos: int) -> bool:
    """A whole number with a glued "m" after a counted subject in its clause ("a population of
    8m"): a million. Only asked when the letter after the number is an "m"."""
    if token_before(text, lo, pos) not in _COUNT_LINKS:
        return False  # "tourists walked 400m", "spectators stood 5m from the track"
    if _AWAY_AFTER.match(text, pos):
        return False  # "evacuated to 500m from the site"
    w_start = max(lo, pos - 48)
    clause = max(
        text.rfind(".", w_start, pos - 1),
        text.rfind(";", w_start, pos),
        text.rfind(",", w_start, pos),
    )
    return _COUNTED_SUBJECT.search(text, max(w_start, clause + 1), pos) is not None


def metres_context(text: str, lo: int, pos: int, end: int, hi: int) -> bool:
    """Is the "m" glued to the decimal at `pos` metres? (See `_LENGTH_AFTER`.)"""
    if _LENGTH_AFTER.match(text, end, hi):
        return True
    token = token_before(text, lo, pos)
    if token in _LENGTH_BEFORE:
        return True
    if _LENGTH_BEFORE_OF.search(text, max(lo, pos - 40), pos):
        return True
    w_start = max(lo, pos - 48)
    clause = max(text.rfind(".", w_start, pos - 1), text.rfind(";", w_start, pos))
    if _LENGTH_SUBJECT.search(text, max(w_start, clause + 1), pos):
        return True
    if _ARTICLE_RIGHT_BEFORE.search(text, max(lo, pos - 5), pos):
        noun = nouns.counted_noun(text, end, hi)
        if noun is not None:
            head = noun.split()[-1].lower()
            return not nouns.is_plural_head(head) and head not in _NOT_LENGTH_NOUNS
    return False
