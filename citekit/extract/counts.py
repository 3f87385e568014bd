"""What a bare count is: a year, an age, a rate per a base number, a name's number, or a count of
the noun after it ("2,100 Welsh nurses", "two-thirds of the members").
"""

from __future__ import annotations

import re

from citekit.extract import identifiers, nouns, numbers, ranges
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
    if not _AGE_GROUP_BEFORE.search(text, max(lo, qual_start - 24), qual_start):
        return False
    if q.kind == "count":
        return q.unit is None and nouns.counted_noun(text, q.end, hi) is None
    return q.kind == "duration" and q.unit in ("years", "years of age")


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
    """A bare four-digit number is a year unless its context makes it a count."""
    if not q.plain_integer or q.qualifier != "exact" or q.magnitude != 1.0 or q.unit:
        return False
    digits = text[q.num_start : q.end]
    if len(digits) != 4 or not digits.isdigit() or not 1000 <= q.raw <= 2100:
        return False
    noun = nouns.counted_noun(text, q.end, hi)
    if noun and noun.split()[-1].lower() in _COUNT_NOUNS_AFTER_YEAR:
        return False
    if q.raw >= 1800:
        return True
    return bool(_YEAR_CONTEXT_BEFORE.search(text, max(lo, q.start - 12), q.start))


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
    if q.unit is None and token in _AGE_WORDS and q.start == pos:
        q.unit, q.kind = "years of age", "duration"  # "aged 15", "aged 12 and over pay ..."
        return q
    if q.unit is None:
        q.unit = nouns.counted_noun(text, q.end, hi)
    if _is_a_names_number(text, lo, pos, hi, q, token):
        return None
    if (
        q.plain_integer
        and q.unit is None
        and _LIST_MARKER.match(text, q.end, hi)
        and "(" not in text[max(lo, pos - 3) : pos]
    ):
        return None  # "1 ) explains ...": an enumerator
    if q.unit is None:
        q.unit = nouns.noun_after_of(text, q.end, hi)
        if 0 < n.value < 1:
            q.kind = "other"  # "two-thirds of the members": a share, not a count
    return q


def _is_a_names_number(
    text: str, lo: int, pos: int, hi: int, q: Quantity, token: str | None
) -> bool:
    """ "Big 12", "Windows 11 devices", "123 Random Street": a number that belongs to a name."""
    if not (q.plain_integer and q.qualifier == "exact" and q.start == pos):
        return False
    if q.unit and identifiers.is_address(q.unit):
        return True
    return bool(
        (
            q.unit is None
            or not nouns.is_plural_head(q.unit.split()[-1].lower())
            or identifiers.name_goes_on(text, lo, pos, q.unit)
            or identifiers.product_number(text, lo, pos)
        )
        and identifiers.after_name(text, lo, pos, token)
        and not ranges.is_score(text, lo, pos, hi)
    )
