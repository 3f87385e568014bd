"""What a bare count is: a year, an age, a rate per a base number, a name's number, or a count of
the noun after it ("2,100 Welsh nurses", "two-thirds of the members").
"""

from __future__ import annotations

import re

from citekit.extract import identifiers, nouns, numbers, ranges
from citekit.extract.context import token_before
from citekit.extract.quantity import Quantity

_SP = r"[\x20\u00a0]"
_LIST_MARKER = re.compile(_SP + r"?\)")
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_COUNT_NOUNS_AFTER_YEAR_TEXT = """people persons men women children kids adults students workers employees jobs soldiers
    troops fighters civilians refugees migrants residents patients cases deaths homes houses
    households families members voters visitors tourists passengers cars vehicles units
    troops police officers staff teachers doctors nurses babies victims prisoners inmates
    protesters demonstrators species schools hospitals companies firms stores shops
    villages towns cities votes signatures tons tonnes barrels miles km calls complaints"""
_COUNT_NOUNS_AFTER_YEAR = frozenset(_COUNT_NOUNS_AFTER_YEAR_TEXT.split())
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:in|since|from|until|till|by|of|during|before|after|year|early|late|"
    r"circa|c\.|ca\.|around|throughout|spring|summer|autumn|fall|winter|and|to|between|the|"
    r"'s|whose|fiscal|season|class|vintage|through)" + _SP + r"+$",
    re.IGNORECASE,
)


# People right before "under five", "over 65": an age group, not a count of people.
_AGE_GROUP_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:children|kids|babies|infants|toddlers|boys|girls|men|women|people|adults|"
    r"those|anyone|everyone|persons|patients|pupils|youngsters|teenagers|teens|residents|"
    r"individuals|citizens|drivers|smokers|users|workers|employees|voters|pensioners|"
    r"participants|respondents|aged|ages|age|(?:under|over|below|above)"
    + _SP
    + r"+[\w-]+"
    + _SP
    + r"+(?:and|or))"
    + _SP
    + r"+$",  # "... under 18 and over 65"
    re.IGNORECASE,
)


def is_age_group(text: str, lo: int, qual_start: int, q: Quantity, hi: int) -> bool:
    """ "children under five", "people over 65": the number is an age bound (at most 120, whole,
    with no unit but years and no counted noun of its own)."""
    if not 0 < q.value <= 120 or not float(q.value).is_integer():
        return False
    # every match ends in a word ending in n, s, e, d or r, then spaces (the folds of case that
    # `re` makes for these letters are their capitals and the long s); "$" also matches before a
    # last newline, which the pattern is left to judge
    k = qual_start - 1
    while k > lo and text[k] in " \u00a0":
        k -= 1
    if text[qual_start - 1] != "\n" and (k == qual_start - 1 or text[k] not in _AGE_GROUP_LAST):
        return False
    if not _AGE_GROUP_BEFORE.search(text, max(lo, qual_start - 24), qual_start):
        return False
    if q.kind == "count":
        return q.unit is None and nouns.counted_noun(text, q.end, hi) is None
    return q.kind == "duration" and q.unit in ("years", "years of age")


_AGE_GROUP_LAST = frozenset("nNsSeEdDrR\u017f")

# "0.8 per 1,000", "14.5 per 100,000 people", "3 per thousand": a rate per a base number.
_PER_NUMBER = re.compile(
    _SP
    + r"+per"
    + _SP
    + r"+(?P<base>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?(?:"
    + _SP
    + r"?(?:thousand|million|billion|k)(?![A-Za-z]))?(?![\d.,]\d)|(?:a"
    + _SP
    + r"+|one"
    + _SP
    + r"+)?(?:hundred|thousand|million|billion)(?![A-Za-z]))",
    re.IGNORECASE,
)


def read_rate_per_number(text: str, q: Quantity, hi: int) -> None:
    """Extend a bare number by "per <base> [noun]": one figure, kind "other", unit "per 1,000"."""
    m = _PER_NUMBER.match(text, q.end, hi)
    if not m:
        return
    base = m.group("base")
    q.end = m.end()
    noun = nouns.counted_noun(text, q.end, hi)
    q.unit = "per " + " ".join(base.split()) + (" " + noun if noun else "")
    q.kind = "other"


def _is_year(text: str, lo: int, q: Quantity, hi: int) -> bool:
    """A bare four-digit number is a year unless its context makes it a count: a plural noun after
    it ("delivered 1650 food parcels", "cancelled 1980 flights"), a quantity before "of" ("a total of
    1500"), or a partner in a pair that is no year ("from 1300 to 1700 families"). Words of time
    before it keep it a year whatever follows ("until 2150", "in 2019 researchers found")."""
    if not q.plain_integer or q.qualifier != "exact" or q.magnitude != 1.0 or q.unit:
        return False
    digits = text[q.num_start : q.end]
    if len(digits) != 4 or not digits.isdigit() or not 1000 <= q.raw <= 2199:
        return False
    noun = nouns.counted_noun(text, q.end, hi)
    head = noun.split()[-1].lower() if noun else ""
    if head in _COUNT_NOUNS_AFTER_YEAR:
        return False
    at = q.num_start
    if _ERA_AFTER.match(text, q.end, hi) or _TIME_WORD_BEFORE.search(text, max(lo, at - 16), at):
        return True  # "until 2150", "A.D. 1100", "1350 AD", "throughout 2017"
    if q.raw > 2100 or _QUANTITY_OF_BEFORE.search(text, max(lo, at - 24), at):
        return False  # "a total of 1500", "a total of 1500"
    if _pair_is_no_year(text, lo, q, hi):
        return False  # "from 1300 to 1700 families"
    if (
        noun
        and noun.islower()
        and nouns.is_plural_head(head)
        and head not in _NOUNS_A_YEAR_MODIFIES
        and (q.raw < 1800 or _verb_before(text, lo, at))
    ):
        return False  # "delivered 1650 food parcels"; but "the 2020 elections", "its 1990 accounts"
    if q.raw >= 1800:
        return True
    return bool(_YEAR_CONTEXT_BEFORE.search(text, max(lo, at - 12), at))


def _verb_before(text: str, lo: int, at: int) -> bool:
    """Is the word before `at` a lower-case word that is no determiner, preposition or number
    ("delivered 1650 food parcels", "cancelled 1980 flights")? Then a plural noun after makes the
    number a count; after "the", "its", "three" or "(" a year modifies it ("three 2002 marriages")."""
    if at - lo < 2 or text[at - 1] not in " \u00a0":
        return False
    token = token_before(text, lo, at)
    written = text[at - 1 - len(token) : at - 1]  # token_before lower-cases it
    return token.isalpha() and written.islower() and token not in _NOT_VERBS


_NOT_VERBS = (
    frozenset(
        "the a an its their his her our my your this that these those of for in on at to from by "
        "with and or as among between into over under since than per each every all both first "
        "last next new old early late mid".split()
    )
    | frozenset(numbers.SMALL)
    | frozenset(numbers.TENS)
    | {"dozen", "hundred"}
)


def _pair_is_no_year(text: str, lo: int, q: Quantity, hi: int) -> bool:
    """ "from 1300 to 1700 families": the partner of a pair joined by "to"/"and"/"or" decides;
    a pair whose other end is no plausible year (or has a plural noun after it) is a pair of
    counts."""
    before = _PARTNER_BEFORE.search(text, max(lo, q.num_start - 24), q.num_start)
    if before:
        partner = before.group("n").replace(",", "")
        if not (len(partner) == 4 and 1800 <= int(partner) <= 2100):
            return nouns.counted_noun(text, q.end, hi) is not None
    after = _PARTNER_AFTER.match(text, q.end, hi)
    if after:
        partner = after.group("n").replace(",", "")
        noun = nouns.counted_noun(text, after.end(), hi)
        if noun and nouns.is_plural_head(noun.split()[-1].lower()):
            return q.raw < 1800 or not (len(partner) == 4 and 1800 <= int(partner) <= 2100)
    return False


# Words of time right before a year: it stays a year whatever follows ("in 2019 researchers").
_TIME_WORD_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:in|since|until|till|by|during|before|after|throughout|circa|c\.|ca\.|"
    r"early|late|mid|spring|summer|autumn|winter|fiscal|year|A\.?D\.?|C\.?E\.?)" + _SP + r"+$",
    re.IGNORECASE,
)
_ERA_AFTER = re.compile(_SP + r"*(?:A\.?D\.?|B\.?C\.?E?\.?|C\.?E\.?)(?![A-Za-z])")
# A quantity named before "of": "a total of 1500", "a crowd of 1100".
_QUANTITY_OF_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:average|total|sum|tally|maximum|minimum|population|crowd|audience|"
    r"attendance|budget|fine|cost|price|salary|wage|rent|fee|score|bill|sample|turnout|"
    r"workforce|staff|fleet|herd)" + _SP + r"+of" + _SP + r"+$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:the|its|their|his|her|our|this|that|these|those|and|to|from|between|of|"
    r"[A-Za-z]+'s|[A-Za-z]+\u2019s)" + _SP + r"+$",
    re.IGNORECASE,
)
# Things a year modifies rather than counts: "the 2020 elections", "its 1998 accounts".
_NOUNS_A_YEAR_MODIFIES = frozenset(
    "elections olympics games championships finals playoffs results accounts figures prices "
    "rates levels standards rules regulations budgets models editions festivals awards oscars "
    "protests riots attacks floods fires wildfires earthquakes riots talks negotiations accords "
    "agreements polls surveys forecasts estimates statistics data census winners nominees "
    "graduates recruits classes seasons campaigns midterms primaries caucuses sales revenues "
    "earnings profits losses contestants speakers nominees finalists boundaries".split()
)
_PARTNER_BEFORE = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,3}(?:,\d{3})+|\d+)" + _SP + r"*(?:to|and|or|[-\u2013])" + _SP + r"*$",
    re.IGNORECASE,
)
_PARTNER_AFTER = re.compile(
    _SP + r"*(?:to|and|or|[-\u2013])" + _SP + r"*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)",
    re.IGNORECASE,
)


def finish_count(
    text: str, lo: int, pos: int, hi: int, n: numbers.Number, q: Quantity, token: str | None
) -> Quantity | None:
    """A bare count: a year, a magnitude, a share, an age, a name's number, an enumerator, or a
    count of the noun after it."""
    if q.end - q.num_start == 4 and _is_year(text, lo, q, hi):
        return Quantity(pos, n.end, None, kind="year", num_start=pos)
    if (
        q.start == pos
        and pos - lo >= 10
        and text[pos - 1] in " -\u00a0"
        and text[pos - 2] in "eE"  # only "e" and "E" lower-case to "e": most words need no slice
        and text[pos - 10 : pos - 1].lower() == "magnitude"
    ):
        q.unit, q.kind = "magnitude", "measure"  # "a magnitude 7.8 earthquake"
        return q
    if (
        n.written is False
        and not n.integer
        and q.magnitude == 1.0
        and n.value < 1
        and "/" in text[pos : n.end]
    ):
        q.kind = "other"  # "1/4 of the vote"
    q.noun_end = q.end
    if q.unit is None and token and token.rstrip(":") in _AGE_WORDS and q.start == pos:
        q.unit, q.kind = "years of age", "duration"  # "aged 15", "Age: 52" (a labelled field)
        return q
    if (
        q.unit is None
        and text[pos - 2 : pos - 1] == ","
        and _age_in_apposition(text, lo, pos, hi, q)
    ):
        q.unit, q.kind = "years of age", "duration"  # "Tom Reyes, 52, was named ..."
        return q
    if q.unit is None:
        # the compound opens with a hyphen: most counts need no match
        compound = (
            _COMPOUND_NOUN.match(text, q.end, hi)
            if q.end < hi and text[q.end] in "-\u2010\u2011"
            else None
        )
        word = compound.group("w") if compound else ""
        if word == "fold":
            q.unit, q.kind, q.end = "times", "other", compound.end()  # "rose three-fold"
            return q
        if word and word not in nouns.STOP_WORDS and word not in _NOT_COMPOUND:
            q.unit, q.end = word, compound.end()  # "a three-bedroom flat"
            return q
        q.unit = nouns.counted_noun(text, q.end, hi)
        if q.unit and _is_a_verb(text, q, hi, n.value):
            q.unit = None  # "About 900 commute from the suburbs": a verb, not what is counted
    if _is_a_names_number(text, lo, pos, hi, q, token):
        return None
    if (
        q.plain_integer
        and q.unit is None
        and ")" in text[q.end : q.end + 2]  # what every `_LIST_MARKER` match holds
        and _LIST_MARKER.match(text, q.end, hi)
        and "(" not in text[max(lo, pos - 3) : pos]
    ):
        return None  # "1 ) explains ...": an enumerator
    if q.unit is None:
        q.unit = nouns.noun_after_of(text, q.end, hi)
        if 0 < n.value < 1:
            q.kind = "other"  # "two-thirds of the members": a share, not a count
    return q


# A number glued to a singular noun makes a compound adjective: "a three-bedroom flat", "a
# 12-storey block", "five-door versions". The number counts that noun.
_COMPOUND_NOUN = re.compile(r"[-\u2010\u2011](?P<w>[a-z]{2,20})(?![A-Za-z\d]|[-\u2010\u2011]\w)")
# Hyphenated words that say how many of the noun after ("a 20-strong squad"), not what is counted.
_NOT_COMPOUND = frozenset({"strong", "odd", "plus", "something", "ish"})
# After a count, a single singular word followed by one of these is a verb ("900 commute from").
_AFTER_A_VERB = re.compile(
    _SP + r"+(?:from|to|in|at|on|into|onto|with|for|across|after|before|during|since|each|every|"
    r"here|there|home|abroad|overseas|daily|annually|yearly|today|yesterday|last|this|next|"
    r"a|an|the|their|his|her|its|our|up|down|out|off|away|back)(?![A-Za-z])"
)


def _is_a_verb(text: str, q: Quantity, hi: int, value: float) -> bool:
    """ "About 900 commute from the suburbs", "300 attend each year": a single lower-case singular
    word after a count of more than one, followed by a preposition or an object, is a verb."""
    unit = q.unit or ""
    if value == 1 or " " in unit or not unit.islower() or nouns.is_plural_head(unit):
        return False
    if "-" in unit:
        return False
    at = text.find(unit, q.end, q.end + 4 + len(unit))
    return at >= 0 and _AFTER_A_VERB.match(text, at + len(unit), hi) is not None


# An age in apposition: "Tom Reyes, 52, was named", "The cyclist, 19, was hurt".
_APPOSITION_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])[A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?<![A-Za-z])(?:man|woman|boy|girl|driver|"
    r"mother|father|son|daughter|wife|husband|widow|widower|victim|suspect|teacher|student|"
    r"pensioner|resident|worker|officer|nurse|doctor|pilot|passenger|cyclist|pedestrian|"
    r"motorist|defendant|accused|singer|actor|actress|player|striker|owner|founder|chief|"
    r"executive|manager|farmer|soldier|journalist|victims?|friend|neighbour|neighbor|"
    r"grandmother|grandfather|mum|dad|brother|sister|partner|boyfriend|girlfriend|teenager))"
    r",[\x20\u00a0]$"
)
_APPOSITION_AFTER = re.compile(r",[\x20\u00a0]+(?:[a-z]|and(?![A-Za-z]))")


def _age_in_apposition(text: str, lo: int, pos: int, hi: int, q: Quantity) -> bool:
    if not (q.plain_integer and q.qualifier == "exact" and q.start == pos and q.end - pos <= 3):
        return False
    if not 1 <= q.raw <= 120 or pos - lo < 4 or text[pos - 2] != ",":
        return False
    return bool(
        _APPOSITION_AFTER.match(text, q.end, hi)
        and _APPOSITION_BEFORE.search(text, max(lo, pos - 24), pos)
    )


def _is_a_names_number(
    text: str, lo: int, pos: int, hi: int, q: Quantity, token: str | None
) -> bool:
    """ "Big 12", "Windows 11 devices", "123 Random Street", "the Nova 5 and 5 Max", "three more
    777 Freighters", "every 737 and A321", "Leon Marsh (9)": a number that belongs to a name."""
    if not (q.plain_integer and q.qualifier == "exact" and q.start == pos):
        return False
    if q.unit and identifiers.is_address(q.unit):
        return True
    if _is_model_or_address_number(text, lo, pos, hi, q, token):
        return True
    # A name before the number first: most numbers have none, and then the product patterns
    # (pure tests, as this one is) need no look.
    return bool(
        identifiers.after_name(text, lo, pos, token)
        and (
            q.unit is None
            or not nouns.is_plural_head(q.unit.split()[-1].lower())
            or identifiers.name_goes_on(text, lo, pos, q.unit)
            or identifiers.product_number(text, lo, pos)
        )
        and not ranges.is_score(text, lo, pos, hi)
    )


def _is_model_or_address_number(
    text: str, lo: int, pos: int, hi: int, q: Quantity, token: str | None
) -> bool:
    if not text[pos : q.end].isdigit():
        return False  # grouped numbers ("2,000") are counts, not names
    if token in ("more", "fewer", "less") and text[pos - 1] == " ":
        return True  # "five more 787 Dreamliners", "No More 404": "more N" counts nothing
    if _may_be_an_address(text, q.end, hi) and _ADDRESS_AFTER.match(text, q.end, hi):
        return True  # "221 W 34th St", "12 Rue Cler", "221B Baker Street"
    if q.unit is None:
        if (_opens_with(text, q.end, hi, "ao,") and _MODEL_AFTER.match(text, q.end, hi)) or (
            _joined_before(text, max(lo, pos - 24), pos, ("and", "or", ","))
            and _MODEL_BEFORE.search(text, max(lo, pos - 24), pos)
        ):
            return True  # "every 737 and A321", "the A350 and 777"
        if (
            pos - lo >= 3
            and text[pos - 1] == "("
            and text[q.end : q.end + 1] == ")"
            and text[pos - 3].isalpha()
            and _CAPITALISED_BEFORE.search(text, max(lo, pos - 32), pos - 1)
        ):
            return True  # "Leon Marsh (9)": a shirt number (or an age), never a count
        house = (
            _HOUSE_RANGE.match(text, q.end, hi) if q.end < hi and text[q.end] in "-\u2013" else None
        )
        if house:
            noun = nouns.counted_noun(text, house.end(), hi)
            return noun is not None and identifiers.is_address(noun)  # "14-16 Harbour Road"
        return False
    if (
        q.raw >= 100
        and token in _DETERMINERS
        and " " not in q.unit
        and q.unit.islower()
        and not nouns.is_plural_head(q.unit)
    ):
        return True  # "the 520 bridge", "a 404 error", "the 747 jet": a name's number
    named = (
        _NAMED_NUMBER_BEFORE.search(text, max(lo, pos - 32), pos)
        if _joined_before(text, max(lo, pos - 32), pos, ("and", "or"))
        else None
    )
    if named and identifiers.after_name(text, lo, named.start("n"), None):
        return True  # "the Nova 5 and 5 Max", "Windows 10 or 11 devices": the same name's number
    head = q.unit.split()[-1].lower()
    return head in _CODE_NOUNS  # "the 90210 ZIP code", "a 0800 number"


def _may_be_an_address(text: str, at: int, hi: int) -> bool:
    """What every match of `_ADDRESS_AFTER` at `at` opens with: an optional ASCII letter, a space,
    and (after any more spaces) a capital or a digit. Most counts fail it on two characters."""
    c = text[at] if at < hi else ""
    if c and c.isascii() and c.isalpha():
        at += 1
        c = text[at] if at < hi else ""
    if not c or c not in " \u00a0":
        return False
    c = text[at + 1] if at + 1 < hi else ""
    return c != "" and (c in " \u00a0" or "A" <= c <= "Z" or c.isdigit())


def _opens_with(text: str, at: int, hi: int, firsts: str) -> bool:
    """Could a pattern that opens with optional spaces and then one of `firsts` match at `at`?
    (Two or more spaces are let through, for the pattern to decide.)"""
    c = text[at] if at < hi else ""
    if c in " \u00a0" and c:
        c = text[at + 1] if at + 1 < hi else ""
        if c in " \u00a0" and c:
            return True
    return c != "" and c in firsts


def _joined_before(text: str, start: int, pos: int, joiners: tuple[str, ...]) -> bool:
    """Does text[start:pos] end in one of `joiners` and one or more spaces? Every match of the
    patterns that look for a coordinated number before this one (`_MODEL_BEFORE`,
    `_NAMED_NUMBER_BEFORE`) does, so most numbers are let through without a search."""
    if pos > start and text[pos - 1] == "\n":
        return True  # their "$" matches before a last newline too: the pattern decides
    k = pos
    while k > start and text[k - 1] in " \u00a0":
        k -= 1
    return k < pos and text.endswith(joiners, start, k)


# A model number coordinated with another: "every 737 and A321", "the A350 and 777".
_MODEL_AFTER = re.compile(_SP + r"*(?:and|or|,)" + _SP + r"+[A-Z]{1,3}-?\d{2,4}(?![\w,.]\w)")
_MODEL_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,3}-?\d{2,4}" + _SP + r"*(?:and|or|,)" + _SP + r"+$")
_CAPITALISED_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+" + _SP + r"?$")
_HOUSE_RANGE = re.compile(r"[-\u2013]\d{1,4}[A-Za-z]?(?=" + _SP + r")")
# A number coordinated with the number of a name before it: "the Nova 5 and 5 Max".
_NAMED_NUMBER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][a-z]+|[a-z]+[A-Z][A-Za-z]*)"
    + _SP
    + r"(?P<n>\d{1,4})"
    + _SP
    + r"+(?:and|or)"
    + _SP
    + r"+$"
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
_CODE_NOUNS = frozenset({"code", "codes", "postcode", "zip", "zipcode", "extension"})
# A house number before a street: an optional direction, up to three name words (or an ordinal),
# and a street type; or a street type first ("Rue Cler", "Via Roma").
_STREET_TYPES = (
    r"(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|"
    r"Terrace|Crescent|Court|Ct|Close|Highway|Hwy|Parkway|Pkwy|Row|Mews|Gardens|Walk|Hill)"
)
_ADDRESS_AFTER = re.compile(
    r"[A-Za-z]?"
    + _SP
    + r"+(?:(?:[NSEW]|North|South|East|West)\.?"
    + _SP
    + r"+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z]+)"
    + _SP
    + r"+){1,3}"
    + _STREET_TYPES
    + r"\.?(?![A-Za-z])|"
    + _SP
    + r"+(?:Rue|Via|Calle|Avenida|Rua|Strada|Boulevard|Avenue)"
    + _SP
    + r"+(?:de|du|des|della|del|da|do|la|le)?"
    + _SP
    + r"*[A-Z]"
)
