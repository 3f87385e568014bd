"""What a count counts: the noun phrase after the number ("2,100 Welsh nurses are..." -> "Welsh
nurses").

Without a part-of-speech tagger we take the short run of content words after the number and stop at
the first function word, verb or punctuation. That is right for the way news and reports write counts
("700 people from Cardiff", "at least 7,900 agency nurses are"), and cheap: a bounded number of
anchored matches per figure.
"""

from __future__ import annotations

import re

# A word may carry a model number ("F1 drivers", "Airbus A321 aircraft").
_WORD = re.compile(
    r"[\x20\u00a0]{1,3}(?P<w>[A-Za-z][A-Za-z'\u2019]{0,30}(?:(?<=[A-Z])\d{1,4}[A-Za-z]?)?"
    r"(?:-[A-Za-z]{1,20}){0,3})(?![A-Za-z\d])"
)
_FIRST_WORD = re.compile(
    r"(?:[\x20\u00a0]{0,3}-[\x20\u00a0]{0,3}|[\x20\u00a0]{1,3})"
    r"(?P<w>[A-Za-z][A-Za-z'\u2019]{0,30}(?:(?<=[A-Z])\d{1,4}[A-Za-z]?)?"
    r"(?:-[A-Za-z]{1,20}){0,3})(?![A-Za-z\d])"
)
_MAX_WORDS = 3

_STOP_WORDS_TEXT = """a an the of in on at to for from by with without into onto over under about above below
    after before since until till during between among amongst across against along around
    through throughout within via per than as like and or but nor so yet if then because while
    whereas although though when where who whom whose which that this these those there here
    it its they them their theirs he him his she her hers we us our you your i me my mine
    is are was were be been being am have has had having do does did done will would shall
    should can could may might must ought not no nor never also only just even still already
    now then again too very more most less least much many few several some any all each every
    both either neither other another such same own one ones out up down off back away
    said says say told tell according reportedly allegedly apparently reported including
    include includes included against per cent percent year years old ago later earlier
    next last first second time what how why whether s t ll ve re d m
    compared versus vs respectively alone together altogether total overall approximately
    roughly nearly almost about around plus minus outside inside near behind beside besides
    toward towards upon across beneath underneath amid alongside despite unlike except
    goes does makes takes comes gets seems remains becomes stands sits
    lies rests belongs represents means wants keeps feels gives puts grows
    struck hit left took made came went fell rose won lost saw gave got ran began grew sank shook
    brought caught fought sold told built sent spent paid met led held kept felt stood found
    became broke chose drove flew knew laid rode rang shot shut sat slept spoke stole swam threw
    woke wore wrote fled quit remain remained face faced
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen half quarter"""
# Verbs in -s that are just as often plural nouns ("500 accounts", "120 runs", "300 lives",
# "two sets", "4,000 job cuts") are not stop words: after a number other than one the noun reading
# is the grammatical one ("300 people live", not "300 lives").
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# A first word that does not start a counted phrase but may be skipped: "500 more people".
_SKIPPABLE = frozenset({"more", "other", "additional", "extra", "further", "fewer", "such"})
_VERB_ENDINGS = ("ed", "ing", "ly")
_NOUNS_ENDING_LIKE_VERBS_TEXT = """buildings meetings killings shootings bombings earnings savings holdings findings
    beings hundred ring king thing things wing wings offspring spring string evening mornings
    evenings feelings settings ceilings bedding wedding weddings pudding seedlings siblings
    dwellings outings lightning"""
_NOUNS_ENDING_LIKE_VERBS = frozenset(_NOUNS_ENDING_LIKE_VERBS_TEXT.split())


_IRREGULAR_PLURALS = frozenset(
    [
        "people",
        "men",
        "women",
        "children",
        "police",
        "staff",
        "cattle",
        "sheep",
        "personnel",
        "feet",
        "teeth",
        "mice",
        "geese",
        "folk",
        "livestock",
        "data",
        "media",
        "criteria",
        "crew",
        "aircraft",
        "spacecraft",
        "offspring",
        "fish",
        "deer",
        "infantry",
        "clergy",
        "poultry",
        "youth",
    ]
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "news", "series", "species", "means")


def is_plural_head(word: str) -> bool:
    """A plural noun usually ends a counted phrase: "500 people from", "12 new homes in"."""
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(_NOT_PLURAL_ENDINGS)
        and word[-2] != "'"
    )


def counted_noun(text: str, pos: int, end: int) -> str | None:
    """The noun phrase counted by a number ending at `pos`, as written, or None."""
    words: list[str] = []
    m = _FIRST_WORD.match(text, pos, end)
    i = pos
    skipped = False
    limit = _MAX_WORDS
    while m and len(words) < limit:
        word = m.group("w")
        low = word.lower()
        if low in _SKIPPABLE and not words and not skipped:
            skipped = True
            i = m.end()
            m = _WORD.match(text, i, end)
            continue
        if low in STOP_WORDS:
            if (
                low in ("and", "or")
                and len(words) == 1
                and _modifier_and_plural(text, m.end(), end)
            ):
                limit += 2  # "1.5M new and used cars", "20 senior and junior doctors"
                words.append(word)
                i = m.end()
                m = _WORD.match(text, i, end)
                continue
            break
        # "armed men", "400 charging stations", "6 wind-powered pumping stations" keep the modifier;
        # "300 died", "a few thousand watched online", "500 living in" do not make it a unit
        if (
            low.endswith(_VERB_ENDINGS)
            and low not in _NOUNS_ENDING_LIKE_VERBS
            and (low.endswith("ly") or not _modifies_a_plural(text, m.end(), end, low))
        ):
            break
        words.append(word)
        i = m.end()
        if is_plural_head(low) and low not in _MODIFYING_PLURALS:
            break  # a plural ends the phrase (no need to read the word after it)
        m = _WORD.match(text, i, end)
        if is_plural_head(low) and not (
            m and len(words) < limit and m.group("w").islower() and _is_plain_plural(m.group("w"))
        ):
            break  # a plural ends the phrase unless it modifies another: "crew members"
    if not words:
        return None
    # A trailing participle ("nurses hired") or conjunction is not part of what is counted.
    while len(words) > 1 and (
        words[-1].lower().endswith(_VERB_ENDINGS)
        and words[-1].lower() not in _NOUNS_ENDING_LIKE_VERBS
        or words[-1].lower() in ("and", "or")
    ):
        words.pop()
    return " ".join(words)


# Collective plurals that also modify a noun: "police officers", "staff nurses", "crew members".
_MODIFYING_PLURALS = frozenset(
    "police staff crew aircraft youth personnel cattle livestock media data".split()
)


def _is_plain_plural(low: str) -> bool:
    return (
        is_plural_head(low)
        and low not in STOP_WORDS
        and (not low.endswith(_VERB_ENDINGS) or low in _NOUNS_ENDING_LIKE_VERBS)
    )


def _modifier_and_plural(text: str, pos: int, end: int) -> bool:
    """After "and": exactly a modifier and a plural noun ("new and used cars")."""
    first = _WORD.match(text, pos, end)
    if not first or _is_plain_plural(first.group("w").lower()):
        return False
    low = first.group("w").lower()
    if low in STOP_WORDS or low.endswith(_VERB_ENDINGS):
        return False
    second = _WORD.match(text, first.end(), end)
    return second is not None and _is_plain_plural(second.group("w").lower())


def _modifies_a_plural(text: str, pos: int, end: int, low: str) -> bool:
    """An -ed or -ing word before the counted noun: "armed men", "qualified Detroiters",
    "charging stations", "wind-powered pumping stations"."""
    if low.endswith("ed"):
        nxt = _WORD.match(text, pos, end)
        if nxt and is_plural_head(nxt.group("w").lower()):
            return True
    return _plural_within(text, pos, end, 2, participles="-" in low)


def _plural_within(text: str, pos: int, end: int, limit: int, participles: bool = False) -> bool:
    """Does a plural noun come within `limit` plain words after `pos` ("power stations")? Other
    participles may come between only after a hyphenated modifier ("wind-powered pumping
    stations"; but "300 died protecting homes")."""
    m = _WORD.match(text, pos, end)
    for _ in range(limit):
        if not m or not m.group("w").islower():
            return False
        low = m.group("w")
        if (
            low in STOP_WORDS
            or low.endswith("ly")
            or not participles
            and low.endswith(_VERB_ENDINGS)
            and low not in _NOUNS_ENDING_LIKE_VERBS
        ):
            return False
        if is_plural_head(low):
            return True
        m = _WORD.match(text, m.end(), end)
    return False


def noun_after_of(text: str, pos: int, end: int) -> str | None:
    """ "hundreds of volunteers": the noun after "of" (and an optional article)."""
    # "of" after spaces (only "o" and "O" match "o" here): most words after a number fail this
    if text[pos : pos + 1] not in _SPACES or text[pos + 1 : pos + 2] not in _OF_SECOND:
        return None
    m = _OF.match(text, pos, end)
    if not m:
        return None
    at = m.end()
    possessive = _POSSESSIVE.match(text, at, end)
    if possessive:  # "8m of the region's homes": the households
        at = possessive.end()
    return counted_noun(text, at, end)


_SPACES = frozenset(" \u00a0")
_OF_SECOND = frozenset(" \u00a0oO")
_POSSESSIVE = re.compile(r"[\x20\u00a0][A-Za-z]{2,30}(?:'s|\u2019s|s'|s\u2019)(?=[\x20\u00a0])")
_OF = re.compile(
    r"[\x20\u00a0]+of(?:[\x20\u00a0]+(?:the|those|these|their|our|its))?(?=[\x20\u00a0])",
    re.IGNORECASE,
)
