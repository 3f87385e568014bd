"""Is it the same value? Numbers compared as quantities: value with scale, kind and unit,
qualifier, and the precision the draft writes ("about 2,800" is a faithful rounding of 2,846,
"2,900" is not, "2,864" is a different number altogether).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

LOWER = frozenset({"more_than", "at_least"})
UPPER = frozenset({"less_than", "at_most"})
POINT = frozenset({"exact", "approx", "vague"})
_UNIT_KINDS = frozenset({"money", "measure", "duration"})


def _fields_of(q: Quantity) -> tuple[Any, ...]:
    return (q.text, q.value, q.low, q.high, q.unit, q.kind, q.qualifier)


@dataclass(frozen=True)
class Quantity:
    """What a number states: value (or range), kind, unit, qualifier, and as written."""

    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    qualifier: str = "exact"

    def __post_init__(self) -> None:
        # NaN and infinities never reach matching (a hand-made annotation may hold them): a
        # value that is no finite number is no value.
        for name in ("value", "low", "high"):
            if _float(getattr(self, name)) is None and getattr(self, name) is not None:
                object.__setattr__(self, name, None)
        # Hashed once: quantities key the lookups of every figure near a draft's number.
        object.__setattr__(self, "_hash", hash(_fields_of(self)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined,no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        # (A string's hash is another in another process: a pickled quantity hashes anew.)
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_hash", hash(_fields_of(self)))

    @classmethod
    def of(cls, record: dict[str, Any]) -> Quantity:
        return cls(
            text=str(record.get("text") or ""),
            value=_float(record.get("value")),
            low=_float(record.get("low")),
            high=_float(record.get("high")),
            unit=record.get("unit"),
            kind=record.get("kind") or "count",
            qualifier=record.get("qualifier") or "exact",
        )

    @property
    def point(self) -> float | None:
        """The value, or the low end of a range (for lookups)."""
        return self.value if self.value is not None else self.low

    def step(self, value: float | None = None) -> float | None:
        """The precision the text claims: 3,400 -> 100; 2.3 million -> 100,000; 41.5% -> 0.1."""
        value = self.value if value is None else value
        if value is None:
            return None
        return precision_step(self.text, value)


def _float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


_NUMERAL = re.compile(r"\d[\d,\u2009\u202f ]*(?:\.\d+)?|\.\d+")


def precision_step(text: str, value: float) -> float:
    """The rounding step a written number claims, from its digits and its scale.

    Trailing zeros of a whole number count as rounding ("3,400" claims hundreds); decimals claim
    their last place; a written number ("five hundred") is read from its value.
    """
    if value == 0:
        return 1.0
    digits, numeral_value = _numeral_for(text, abs(value))
    scale = abs(value) / numeral_value if numeral_value else 1.0
    if digits and "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return 10.0 ** (-decimals) * scale
    whole = int(round(numeral_value))
    if whole == 0 or abs(numeral_value - whole) > 1e-9:
        return 10.0**-6 * scale if not digits else scale
    zeros = 0
    while whole and whole % 10 == 0:
        whole //= 10
        zeros += 1
    return 10.0**zeros * scale


def _numeral_for(text: str, value: float) -> tuple[str, float]:
    """The numeral of `text` that writes `value` (up to a scale word: 2.3 for 2.3 million).

    In a range ("between 120 and 150") each bound has its own numeral. A written number has none:
    the value stands for itself.
    """
    for raw in _NUMERAL.findall(text):
        digits = re.sub(r"[,\u2009\u202f ]", "", raw.strip())
        try:
            number = float(digits)
        except ValueError:
            continue
        ratio = value / number if number > 0 else 0.0
        if not 0 < ratio < math.inf:  # (a ratio that underflows or overflows fits no scale)
            continue
        exponent = math.log10(ratio)
        if abs(exponent - round(exponent)) < 1e-6:
            return digits, number
    return "", value


def significant_digits(q: Quantity) -> int:
    """How many significant digits a number states (2,846 -> 4; 2,100 -> 2)."""
    value = q.point
    if value is None:
        return 0
    step = q.step(value) or 1.0
    if step <= 0 or value == 0:
        return 1
    return max(1, int(math.floor(math.log10(abs(value) / step) + 1e-9)) + 1)


AGE = "years of age"


def is_age(q: Quantity) -> bool:
    """An age: "Tom Reyes, 52," or "the 52-year-old" (extraction's unit "years of age")."""
    return q.kind == "duration" and q.unit == AGE


def bare(q: Quantity) -> bool:
    """A number with nothing said of what it counts: "34" in "reyes, 34," of a lower-cased draft,
    "75" in "was 75". Case and wording decide whether extraction sees an age, so a bare number
    may be the age another text writes as "the 34-year-old"."""
    return q.kind == "count" and not q.unit


def comparable(draft: Quantity, source: Quantity) -> bool:
    """Whether two numbers could measure the same thing (a count is no percentage).

    An age is comparable with another age and with a bare number ("Reyes, 34,", "was 34"),
    however each text happened to be read; not with a span of years ("missing for 22 years")."""
    if is_age(draft) or is_age(source):
        other = source if is_age(draft) else draft
        return bare(other) or is_age(other)
    if draft.kind == source.kind:
        if draft.kind in _UNIT_KINDS and draft.unit and source.unit:
            return _norm_unit(draft.unit) == _norm_unit(source.unit)
        if draft.kind == "percent":
            # "to 4.5%" is a level, "by 0.25 percentage points" a change: never the same thing.
            return _points(draft.unit) == _points(source.unit)
        return True
    return {draft.kind, source.kind} <= {"count", "other"}


def _points(unit: str | None) -> bool:
    return bool(unit) and "point" in str(unit).lower()


def _norm_unit(unit: str) -> str:
    return unit.strip().lower().rstrip("s")


@dataclass(frozen=True)
class Agreement:
    """How a draft's number agrees with a source's: exactly, by faithful rounding, with a note."""

    exact: bool
    rounding: bool = False
    note: str | None = None


def _close(a: float, b: float, step: float) -> bool:
    return abs(a - b) <= max(step * 1e-6, abs(a) * 1e-9, 1e-12)


def _round_to(value: float, step: float, how: str) -> float:
    ratio = value / step
    if not math.isfinite(ratio):  # a step too fine for the value's size: it is its own rounding
        return value
    # Absorb float noise (41.300000000000004 / 0.1) before flooring.
    nearest = round(ratio)
    if abs(ratio - nearest) < 1e-9:
        ratio = nearest
    if how == "floor":
        return math.floor(ratio) * step
    if how == "ceil":
        return math.ceil(ratio) * step
    return math.floor(ratio + 0.5) * step


FAITHFUL_SHARE = 0.34  # a rounding stays within about a third of the source's value


def agree(draft: Quantity, source: Quantity) -> Agreement | None:
    """Whether the draft's number is the source's, exactly or as a faithful rounding.

    Faithful means: the source's value rounded to the precision the draft writes gives the draft's
    number, in the direction its qualifier claims ("more than 4,000" floors, "nearly 3,000"
    ceils, "about 3,400" rounds). A qualifier dropped or added is accepted and noted.
    """
    if draft.value is None or source.value is None:
        if draft.low is None or draft.high is None or source.low is None or source.high is None:
            return None
        low = agree(_bound(draft, draft.low), _bound(source, source.low))
        high = agree(_bound(draft, draft.high), _bound(source, source.high))
        if low is None or high is None:
            return None
        rounding = low.rounding or high.rounding
        return Agreement(low.exact and high.exact, rounding, low.note or high.note)
    x, s = draft.value, source.value
    dq, sq = draft.qualifier, source.qualifier
    if _close(x, s, max(abs(s), 1.0) * 1e-9):
        if (dq in LOWER and sq in UPPER) or (dq in UPPER and sq in LOWER):
            return None
        if dq == sq or (dq in POINT and sq in ("exact", "approx")):
            return Agreement(exact=True)
        if dq in LOWER and sq in LOWER or dq in UPPER and sq in UPPER:
            return Agreement(exact=True)
        if dq in POINT:
            return Agreement(exact=True, note=f"qualifier dropped: the source says {source.text!r}")
        return Agreement(exact=True, note=f"qualifier added: the source says {source.text!r}")
    step = draft.step()
    if not step or step <= 0:
        return None
    if dq in POINT:
        how = "round"
    elif dq in LOWER:
        how = "floor"
        if x > s and sq not in LOWER:
            return None
    else:
        how = "ceil"
        if x < s and sq not in UPPER:
            return None
    if not _close(_round_to(s, step, how), x, step):
        return None
    if how == "round" and abs(x - s) > FAITHFUL_SHARE * abs(s):
        # "$1 million" for $500,000 rounds half up at the draft's precision, but doubles the
        # source's figure: a precision coarser than the value itself is no faithful rounding.
        return None
    if dq == "exact" and significant_digits(draft) < 2 and _numeral_for(draft.text, x)[1] == x:
        # "50" for 47 or "2,000" for 2,346 reads as a count, not an estimate: without "about"
        # (or a scale word, "3 million") one significant digit is not a faithful rounding.
        return None
    wording = {"round": "rounds", "floor": "rounds down", "ceil": "rounds up"}[how]
    note = f"{draft.text!r} {wording} the source's {source.text!r}"
    if dq == "exact" and sq == "exact":
        note += " without a qualifier such as 'about'"
    return Agreement(exact=False, rounding=True, note=note)


def _bound(q: Quantity, value: float) -> Quantity:
    return Quantity(q.text, value, unit=q.unit, kind=q.kind, qualifier="exact")


def transposed(draft: Quantity, source: Quantity) -> bool:
    """Same digits in another order (2,864 for 2,846): the classic copying slip."""
    if draft.value is None or source.value is None or draft.value == source.value:
        return False
    a = re.sub(r"\D", "", f"{draft.value:.6f}".rstrip("0"))
    b = re.sub(r"\D", "", f"{source.value:.6f}".rstrip("0"))
    return len(a) > 1 and sorted(a) == sorted(b)
