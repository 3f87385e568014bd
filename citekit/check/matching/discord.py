"""Is it the same thing? Likeness of the words around two numbers, and the words that say a
source's figure is another one: another place, body or year named close to it, a change the other
way, another thing counted. "rose 3.3% in January" is not "a fall of 3.3% in December".
"""

from __future__ import annotations

from citekit.check.matching.context import GENERIC_UNITS, Context, holds, word_match
from citekit.check.matching.words import FALL, OPPOSITE, RISE

NAME_NEAR = 0.25
_SOURCE_NAME_NEAR = 0.35
_OTHER_NAME = 0.35
_OTHER_UNIT = 0.5
_DIRECTION_NEAR = 0.3
_SAME_DIRECTION = 0.1


def similarity(
    draft: Context,
    source: Context,
    idf: dict[str, float] | None = None,
    alike: dict[str, list[str]] | None = None,
) -> float:
    """Share of the draft's context (by weight, rarer words weighing more) the source shares,
    discounted when the two name different places or years, count different things, or say
    that the change went the other way.

    A change the same way ("rose" and "up from") adds a little, and only to some shared
    content: that two things rose makes them no more the same thing than that they are numbers.

    `alike`: for each draft word, the source's words that may match it, in the source's order
    (`Reach.alike`); the others need not be compared.
    """
    if not draft.weights or not source.weights:
        return 0.0
    choices = [w for w in source.weights if w not in OPPOSITE] if alike is None else []
    num = den = 0.0
    for word, weight in draft.weights.items():
        if word in OPPOSITE:
            continue
        w = weight * (idf.get(word, 1.0) if idf else 1.0)
        den += w
        among = choices if alike is None else alike.get(word, choices)
        num += w * word_match(word, source.weights, among)
    score = num / den if den else 0.0
    said = direction(draft)
    if score > 0 and said is not None and said == direction(source):
        score = min(1.0, score + _SAME_DIRECTION)
    if other_name(draft, source) or other_place(draft, source) or other_direction(draft, source):
        score *= _OTHER_NAME
    if units_differ(draft.unit, source.unit):
        score *= _OTHER_UNIT
    return score


def strongest_name(context: Context) -> str | None:
    """The name (place, body, year) said closest to the number, if one is close at all."""
    near = [(w, n) for n, w in context.names.items() if w >= NAME_NEAR]
    return max(near)[1] if near else None


def other_name(draft: Context, source: Context) -> bool:
    """Each side names, close to its number, something the other does not ("Cardiff sent
    800" against "700 people from Swansea"). One-sided names prove nothing: a source's
    "AFAD said 17,674" is not contradicted by a draft that leaves AFAD out, nor a draft's
    "pledged for East Africa" by a source sentence that names no place at all. The draft's
    closest name is the one that must be missing: "Cardiff sent 800 nurses to Leeds" is
    about Cardiff."""
    name = strongest_name(draft)
    if name is None or holds(name, source) >= NAME_NEAR:
        return False
    if same_place(draft, source):
        return False  # "AFAD said 3,400 died in Syria" and "3,400 were killed in Syria" agree
    return any(
        w >= _SOURCE_NAME_NEAR and holds(n, draft) < NAME_NEAR for n, w in source.names.items()
    )


def near_places(context: Context) -> list[str]:
    return [p for p, w in context.places.items() if w >= NAME_NEAR]


def same_place(draft: Context, source: Context) -> bool:
    """Every place the draft names near its number is a place the source names near its figure."""
    places = near_places(draft)
    return bool(places) and all(source.places.get(p, 0.0) >= NAME_NEAR for p in places)


def other_place(draft: Context, source: Context) -> bool:
    """The draft says where ("died in Syria") and the source's figure is said of another place
    ("died in Turkey") without naming the draft's: the figure of another place, whatever the
    other names (the agency that said it) have in common."""
    if all(holds(p, source) >= NAME_NEAR for p in near_places(draft)):
        return False
    return any(
        w >= _SOURCE_NAME_NEAR and holds(p, draft) < NAME_NEAR for p, w in source.places.items()
    )


def direction(context: Context) -> str | None:
    """Which way the change near the number went (rise or fall), by the closer direction word."""
    rise, fall = context.weights.get(RISE, 0.0), context.weights.get(FALL, 0.0)
    if max(rise, fall) < _DIRECTION_NEAR or rise == fall:
        return None
    return RISE if rise > fall else FALL


def other_direction(draft: Context, source: Context) -> bool:
    """The draft says the number rose where the source's figure fell, or the reverse."""
    said = direction(draft)
    return said is not None and direction(source) == OPPOSITE[said]


def discord(draft: Context, source: Context) -> bool:
    """Whether the words around a source's figure say it is not the draft's figure: another
    name close to it, a change the other way, or another thing counted. A shared value does not
    outweigh this: "rose 3.3% in January" is not "a fall of 3.3% in December"."""
    return (
        other_name(draft, source)
        or other_place(draft, source)
        or other_direction(draft, source)
        or other_unit(draft, source)
    )


def other_unit(draft: Context, source: Context) -> bool:
    """The two count different things, and neither mentions the other's near its number.

    Units are read loosely ("about 2,500 measles cases" counts "measles"), so a unit that the
    other side's words mention anyway ("2,361 cases" in a sentence about measles) is no proof.
    """
    if not units_differ(draft.unit, source.unit):
        return False
    return not any(holds(w, source) for w in draft.unit) and not any(
        holds(w, draft) for w in source.unit
    )


def units_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & GENERIC_UNITS or b & GENERIC_UNITS:
        return False
    choices = {w: 1.0 for w in b}
    return not any(word_match(w, choices, list(choices)) for w in a)
