"""The unit lexicon: percentages, units of measure and durations (and the currencies of
`currencies`), each with one normal name.

A fact-checker compares figures by unit, so every spelling ("kilometres", "km", "kms") maps to one
normal name ("km"). Abbreviations are matched case-sensitively (5G is a network, 5g is grams; 10 MB
is megabytes, 10 mb is millibars to some and megabytes to others), words case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citekit.extract import currencies


@dataclass(slots=True)
class UnitMatch:
    unit: str
    kind: str  # money, percent, measure, duration
    end: int
    ambiguous_money: bool = False


# (surface forms, normal name, kind). Abbreviations are case-sensitive, words are not.
_MEASURE_ABBREVIATIONS: list[tuple[str, str, str]] = [
    ("km²", "km²", "measure"),
    ("km2", "km²", "measure"),
    ("sq km", "km²", "measure"),
    ("sq. km", "km²", "measure"),
    ("sq mi", "sq mi", "measure"),
    ("m²", "m²", "measure"),
    ("m2", "m²", "measure"),
    ("sq m", "m²", "measure"),
    ("sq ft", "sq ft", "measure"),
    ("m³", "m³", "measure"),
    ("m3", "m³", "measure"),
    ("cm", "cm", "measure"),
    ("mm", "mm", "measure"),
    ("km", "km", "measure"),
    ("kms", "km", "measure"),
    ("µm", "µm", "measure"),
    ("nm", "nm", "measure"),
    ("mi", "mi", "measure"),
    ("ft", "ft", "measure"),
    ("yd", "yd", "measure"),
    ("yds", "yd", "measure"),
    ("kg", "kg", "measure"),
    ("kgs", "kg", "measure"),
    ("mg", "mg", "measure"),
    ("µg", "µg", "measure"),
    ("μg", "µg", "measure"),
    ("mcg", "µg", "measure"),
    ("lb", "lb", "measure"),
    ("lbs", "lb", "measure"),
    ("oz", "oz", "measure"),
    ("Mt", "Mt", "measure"),
    ("kt", "kt", "measure"),
    ("mph", "mph", "measure"),
    ("km/h", "km/h", "measure"),
    ("kmh", "km/h", "measure"),
    ("km/hr", "km/h", "measure"),
    ("kph", "km/h", "measure"),
    ("kmph", "km/h", "measure"),
    ("m/s", "m per second", "measure"),
    ("km/s", "km per second", "measure"),
    ("km/ms", "km per millisecond", "measure"),
    ("m.p.h.", "mph", "measure"),
    ("m.p.h", "mph", "measure"),
    ("k.p.h.", "km/h", "measure"),
    ("μm", "µm", "measure"),
    ("°C", "°C", "measure"),
    ("°F", "°F", "measure"),
    ("ºC", "°C", "measure"),
    ("ºF", "°F", "measure"),
    ("° C", "°C", "measure"),
    ("° F", "°F", "measure"),
    ("°", "°", "measure"),
    ("º", "°", "measure"),
    ("℃", "°C", "measure"),
    ("℉", "°F", "measure"),
    ("ml", "ml", "measure"),
    ("mL", "ml", "measure"),
    ("cl", "cl", "measure"),
    ("bbl", "barrels", "measure"),
    ("bpd", "barrels per day", "measure"),
    ("kW", "kW", "measure"),
    ("MW", "MW", "measure"),
    ("GW", "GW", "measure"),
    ("TW", "TW", "measure"),
    ("kWh", "kWh", "measure"),
    ("MWh", "MWh", "measure"),
    ("GWh", "GWh", "measure"),
    ("TWh", "TWh", "measure"),
    ("kV", "kV", "measure"),
    ("Hz", "Hz", "measure"),
    ("kHz", "kHz", "measure"),
    ("MHz", "MHz", "measure"),
    ("GHz", "GHz", "measure"),
    ("KB", "KB", "measure"),
    ("kB", "KB", "measure"),
    ("MB", "MB", "measure"),
    ("GB", "GB", "measure"),
    ("TB", "TB", "measure"),
    ("PB", "PB", "measure"),
    ("kbps", "kbps", "measure"),
    ("Mbps", "Mbps", "measure"),
    ("Gbps", "Gbps", "measure"),
    ("Mb/s", "Mbps", "measure"),
    ("Gb/s", "Gbps", "measure"),
    ("mb", "MB", "measure"),
    ("gb", "GB", "measure"),
    ("hp", "hp", "measure"),
    ("bhp", "hp", "measure"),
    ("psi", "psi", "measure"),
    ("mmHg", "mmHg", "measure"),
    ("dB", "dB", "measure"),
    ("kcal", "kcal", "measure"),
    ("cal", "cal", "measure"),
    ("rad", "rad", "measure"),
    ("ppm", "ppm", "measure"),
    ("ppb", "ppb", "measure"),
    ("mSv", "mSv", "measure"),
    ("Bq", "Bq", "measure"),
    ("kn", "knots", "measure"),
    ("ha", "ha", "measure"),
    ("tsp", "teaspoons", "measure"),
    ("tbsp", "tablespoons", "measure"),
    ("hrs", "hours", "duration"),
    ("hr", "hours", "duration"),
    ("mins", "minutes", "duration"),
    ("min", "minutes", "duration"),
    ("secs", "seconds", "duration"),
    ("sec", "seconds", "duration"),
    ("ms", "milliseconds", "duration"),
    ("yrs", "years", "duration"),
    ("yr", "years", "duration"),
    ("yo", "years of age", "duration"),
    ("y/o", "years of age", "duration"),
    ("in.", "inches", "measure"),
    ('"', "inches", "measure"),
    ("″", "inches", "measure"),
    ("′", "ft", "measure"),
]
# Single letters only count when glued to the number ("48m", "5g", "100t", "3h", "75L").
_GLUED_LETTERS: dict[str, tuple[str, str]] = {
    "m": ("m", "measure"),
    "g": ("g", "measure"),
    "l": ("l", "measure"),
    "L": ("l", "measure"),
    "t": ("tonnes", "measure"),
    "h": ("hours", "duration"),
    "W": ("W", "measure"),
    "V": ("V", "measure"),
    "K": ("K", "measure"),
    "J": ("J", "measure"),
    "C": ("°C", "measure"),
    "F": ("°F", "measure"),
}
_MEASURE_WORDS: list[tuple[str, str, str]] = []


def _words(forms: str, normal: str, kind: str = "measure") -> None:
    for form in forms.split("|"):
        _MEASURE_WORDS.append((form, normal, kind))


_words("kilometres|kilometers|kilometre|kilometer|kilometer", "km")
_words("metres|meters|metre|meter", "m")
_words("centimetres|centimeters|centimetre|centimeter", "cm")
_words("millimetres|millimeters|millimetre|millimeter", "mm")
_words("micrometres|micrometers|microns|micron", "µm")
_words("nanometres|nanometers|nanometre|nanometer", "nm")
_words("picometres|picometers|picometre|picometer", "pm")
_words("decimetres|decimeters|decimetre|decimeter", "dm")
_words("nautical miles|nautical mile", "nmi")
_words("miles|mile", "mi")
_words("light years|light-years|light year|light-year", "light years")
_words("feet|foot", "ft")
_words("inches|inch", "inches")
_words("yards|yard", "yd")
_words("square kilometres|square kilometers|square kilometre|square kilometer", "km²")
_words("square metres|square meters|square metre|square meter", "m²")
_words("square miles|square mile", "sq mi")
_words("square feet|square foot", "sq ft")
_words("cubic metres|cubic meters|cubic metre|cubic meter", "m³")
_words("cubic feet|cubic foot", "cu ft")
_words("acres|acre", "acres")
_words("hectares|hectare", "ha")
_words("kilograms|kilogrammes|kilogram|kilogramme|kilos|kilo", "kg")
_words("milligrams|milligrammes|milligram|milligramme", "mg")
_words("micrograms|microgrammes|microgram|microgramme", "µg")
_words("grams|grammes|gram|gramme", "g")
_words("metric tonnes|metric tons|metric ton|tonnes|tonne", "tonnes")
_words("tons|ton", "tons")
_words("ounces|ounce", "oz")
_words("stone", "stone")
_words("litres|liters|litre|liter", "l")
_words("millilitres|milliliters|millilitre|milliliter", "ml")
_words("gallons|gallon", "gallons")
_words("barrels|barrel", "barrels")
_words("pints|pint", "pints")
_words("cups|cup", "cups")
_words("tablespoons|tablespoon", "tablespoons")
_words("teaspoons|teaspoon", "teaspoons")
_words("miles per hour|miles an hour|mile per hour|mile an hour", "mph")
_words("kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour", "km/h")
_words("knots", "knots")
_words("degrees celsius|degrees centigrade|degree celsius|degrees c|degree c|deg c|deg. c", "°C")
_words("degrees fahrenheit|degree fahrenheit|degrees farenheit|degrees f|degree f|deg f", "°F")
_words("celsius|celcius|centigrade|centigrate", "°C")
_words("fahrenheit|farenheit", "°F")
_words("degrees|degree|deg.|deg", "°")
_words("radians|radian", "rad")
_words("magnitude", "magnitude")
_words("turns", "turns")
_words("kilowatt hours|kilowatt-hours|kilowatt hour|kilowatt-hour", "kWh")
_words("megawatt hours|megawatt-hours|megawatt hour|megawatt-hour", "MWh")
_words("gigawatt hours|gigawatt-hours|gigawatt hour|gigawatt-hour", "GWh")
_words("terawatt hours|terawatt-hours|terawatt hour|terawatt-hour", "TWh")
_words("kilowatts|kilowatt", "kW")
_words("megawatts|megawatt", "MW")
_words("gigawatts|gigawatt", "GW")
_words("watts|watt", "W")
_words("volts|volt", "V")
_words("horsepower", "hp")
_words("calories|calorie", "cal")
_words("megabytes|megabyte", "MB")
_words("gigabytes|gigabyte", "GB")
_words("terabytes|terabyte", "TB")
_words("kilobytes|kilobyte", "KB")
_words("bytes|byte", "bytes")
_words("bits|bit", "bits")
_words("megapixels|megapixel", "megapixels")
_words("pixels|pixel", "pixels")
_words("decibels|decibel", "dB")
_words("milliseconds|millisecond", "milliseconds", "duration")
_words("seconds|second", "seconds", "duration")  # "a 30-second advert", "a 10.4 second sprint"
_words("minutes|minute", "minutes", "duration")
_words("hours|hour", "hours", "duration")
_words("days|day", "days", "duration")
_words("nights|night", "nights", "duration")
_words("weeks|week", "weeks", "duration")
_words("fortnights|fortnight", "fortnights", "duration")
_words("months|month", "months", "duration")
_words("years|year", "years", "duration")
_words("decades|decade", "decades", "duration")
_words("centuries|century", "centuries", "duration")
_words("millennia|millennium", "millennia", "duration")


# "a day", "per share", "/hr": a rate after the unit.
_RATE_RE = re.compile(
    r"(?:[\x20\u00a0-]+(?:a|an|per|each)[\x20\u00a0-]|[\x20\u00a0]*/[\x20\u00a0]*)"
    r"(?P<per>day|week|month|year|annum|hour|minute|second|share|head|person|capita|barrel|"
    r"tonne|ton|litre|liter|gallon|kilo|kg|dozen|unit|night|hr|h|s|yr|km|mile)(?![A-Za-z])",
    re.IGNORECASE,
)
_PER_NORMAL = {
    "annum": "year",
    "hr": "hour",
    "h": "hour",
    "s": "second",
    "yr": "year",
    "capita": "person",
    "kilo": "kg",
}
_AGE_RE = re.compile(r"[\x20\u00a0]?-?[\x20\u00a0]?(?:old\b|of[\x20\u00a0]+age\b)", re.IGNORECASE)
_SPACES = re.compile(r"[\x20\u00a0-]+")


def _key(text: str) -> str:
    return text.lower().replace("-", " ").replace("\u00a0", " ")


# The lexicon as two dictionaries: exact-case keys (abbreviations, symbols, codes) and lower-case
# keys (words). A unit is found by looking up the next one to three words, longest first: one
# regex match and a few dictionary probes, instead of a scan through alternations.
_Entry = tuple[str, str, bool]  # normal name, kind, ambiguous money/mass
_EXACT: dict[str, _Entry] = {}
_LOWER: dict[str, _Entry] = {}
_GLUED: dict[str, _Entry] = {}

for _form, _normal, _kind in _MEASURE_ABBREVIATIONS:
    _EXACT[_form] = (_normal, _kind, False)
for _form, _normal, _kind in _MEASURE_WORDS:
    _LOWER[_key(_form)] = (_normal, _kind, False)
for _letter, (_normal, _kind) in _GLUED_LETTERS.items():
    _GLUED[_letter] = (_normal, _kind, False)
_GLUED["p"] = ("pence", "money", False)
_GLUED["in"] = ("inches", "measure", False)  # "5ft 10in"
_GLUED["x"] = ("times", "count", False)  # "risen 3x"
for _word, _code in currencies.CURRENCY_WORDS.items():
    if _word != "p":
        _LOWER[_word] = (_code, "money", _word in currencies.AMBIGUOUS_MONEY_WORDS)
        for _adj, _adj_code in currencies.COUNTRY_ADJECTIVES.items():
            if _code not in ("cents", "pence"):
                _LOWER[_key(_adj + " " + _word)] = (_adj_code, "money", False)
_LOWER["swiss francs"] = _LOWER["swiss franc"] = ("CHF", "money", False)
for _code in currencies.CURRENCY_CODES:
    _EXACT[_code] = (currencies.CODE_NORMAL.get(_code, _code), "money", False)
for _code in ("usd", "eur", "gbp", "rmb", "jpy", "cny", "inr", "aud", "chf", "hkd", "btc"):
    _LOWER[_code] = (currencies.CODE_NORMAL.get(_code.upper(), _code.upper()), "money", False)
for _sym, _code in currencies.PREFIX_CURRENCIES.items():
    if not _sym[0].isalpha():
        _EXACT[_sym] = (_code, "money", False)
for _form in ("%", "per cent", "percent", "pct", "pc", "per centum"):
    _LOWER[_form] = ("%", "percent", False)
for _form in ("percentage points", "percentage point", "percent points", "per cent points"):
    _LOWER[_form] = ("percentage points", "percent", False)
for _form in ("basis points", "basis point", "bps"):
    _LOWER[_form] = ("basis points", "percent", False)
_EXACT["bp"] = ("basis points", "percent", False)
_LOWER.pop("pm", None)  # "2 pm" is a time of day far more often than picometres
# Abbreviations whose case news gets wrong and whose other cases mean nothing else: "2.4Ghz",
# "5 KM", "100 Kwh", "10 MPH".
_CASELESS: dict[str, _Entry] = {
    form.lower(): _EXACT[form]
    for form in (
        "Hz", "kHz", "MHz", "GHz", "kWh", "MWh", "GWh", "TWh", "kbps", "Mbps", "Gbps", "km",
        "kms", "kg", "kgs", "mph", "kph", "kmh", "km/h", "lbs", "sq ft", "sq km",
    )
}  # fmt: skip
# Units that are also names: a capitalised "Stone" or "Mark" after a number is a name ("in 2017
# Stone remained ..."), never a unit.
_NAME_LIKE = frozenset({"stone", "mark", "marks", "rand", "won", "grand"})
# Units written with a digit ("28m2", "1,200 km2"): the letters, and the unit with the digit.
_WITH_DIGIT = {
    (form[:-1], form[-1]): form for form in _EXACT if form[-1] in "23" and form[:-1].isalpha()
}

_EXACT_FIRST = (
    frozenset(k.split()[0] for k in _EXACT)
    | frozenset(k.split()[0] + "." for k in _EXACT)
    | frozenset(_GLUED)
    | frozenset(g + "." for g in _GLUED)
)
_LOWER_FIRST = (
    frozenset(k.split()[0] for k in _LOWER)
    | frozenset(k.split()[0] + "." for k in _LOWER)
    | frozenset(k.split()[0] for k in _CASELESS)
)
_WORD_CHARS = r"[^\s\d,;:!?()\[\]{}<>\"\u201c\u201d'\u2019\-\u2010-\u2015\u2212]{1,40}"
_NEXT_WORDS = re.compile(
    r"(?P<sp>[\x20\u00a0]?)(?P<hy>-[\x20\u00a0]?)?(?P<w1>" + _WORD_CHARS + r")"
    r"(?:[\x20\u00a0-](?P<w2>" + _WORD_CHARS + r"))?"
    r"(?:[\x20\u00a0-](?P<w3>" + _WORD_CHARS + r"))?"
)
_NEXT_WORD = re.compile(r"(?P<sp>[\x20\u00a0]?)(?P<hy>-[\x20\u00a0]?)?(?P<w1>" + _WORD_CHARS + r")")
# The first words of the keys of two and three words: after any other word only one is looked up.
_MULTI_EXACT_FIRST = frozenset(k.split(" ")[0] for k in _EXACT if " " in k)
_MULTI_LOWER_FIRST = frozenset(k.split(" ")[0] for d in (_LOWER, _CASELESS) for k in d if " " in k)
_WORD_GROUPS = ("", "w1", "w2", "w3")


def unit_after(text: str, pos: int, end: int, glued_ok: bool = True) -> UnitMatch | None:
    """The unit written right after a number: percent, currency, measure or time.

    "5km", "40 mph", "six-mile", "41%", "20 euros", "3 years old", "115USD". Single letters count
    only glued to the number ("48m", "5g"), where they cannot be a word of the sentence.
    """
    m = _NEXT_WORD.match(text, pos, end)
    if not m:
        return None
    first = m.group("w1")
    low_first = first.lower()
    if first not in _EXACT_FIRST and low_first not in _LOWER_FIRST:
        return None
    if first in _MULTI_EXACT_FIRST or low_first in _MULTI_LOWER_FIRST:
        m = _NEXT_WORDS.match(text, pos, end)
        assert m is not None
        words = [first, m.group("w2"), m.group("w3")]
    else:
        words = [first, None, None]  # no key of two or three words opens with this one
    found: _Entry | None = None
    stop = pos
    for k in (3, 2, 1):
        if words[k - 1] is None:
            continue
        if k == 1:  # a word holds no hyphen or no-break space: its key is its lower case
            key, low_key, w_end = first, low_first, m.end("w1")
        else:
            key = " ".join(words[:k])
            low_key, w_end = key.lower(), m.end(_WORD_GROUPS[k])
        found = _EXACT.get(key) or _LOWER.get(low_key) or _CASELESS.get(low_key)
        if found is None and key.endswith("."):
            found = _EXACT.get(key[:-1]) or _LOWER.get(_key(key[:-1]))
            w_end -= 1
        if found is not None and low_key in _NAME_LIKE and key[0].isupper():
            return None  # "In 2019 Stone told the court ...": a name
        if found is None and k == 1 and glued_ok and not m.group("sp") and not m.group("hy"):
            found = _GLUED.get(key) or (_GLUED.get(key[:-1]) if key.endswith(".") else None)
            if found is not None and key.endswith("."):
                w_end = m.end("w1") - 1
        if found is not None:
            stop = w_end
            break
    if found is None:
        return None
    if words[0].lower() == "second" and not _second_is_a_unit(text, pos, stop, end, m.group("hy")):
        return None
    if stop < end and text[stop] in "23" and (stop + 1 == end or not text[stop + 1].isalnum()):
        with_digit = _WITH_DIGIT.get((text[pos:stop].strip(" \u00a0"), text[stop]))
        if with_digit is not None:  # "28m2", "1,200 km2"
            found, stop = _EXACT[with_digit], stop + 1
    normal, kind, ambiguous = found
    if kind == "money" and not words[0][0].isalpha() and m.group("hy"):
        return None  # "$5bn-$10bn": the symbol opens the next amount
    if kind == "duration":
        age = _AGE_RE.match(text, stop, end)
        if age:
            unit = normal if normal.endswith("of age") else normal + " of age"
            return UnitMatch(unit, "duration", age.end())
    return UnitMatch(normal, kind, stop, ambiguous)


_DECIMAL_OR_ONE_BEFORE = re.compile(r"(?:\d\.\d+|(?<![\w.,])1|(?<![A-Za-z])[Oo]ne)$")


def _second_is_a_unit(text: str, pos: int, stop: int, end: int, hyphen: str | None) -> bool:
    """Singular "second" after a number is a unit in "a 30-second advert", "a 10.4 second sprint",
    "one second"; elsewhere it is an ordinal ("the 1966 second album", "15 second-half goals")."""
    if stop < end and text[stop] in "-\u2010\u2011":
        return False
    if hyphen:
        return True
    return _DECIMAL_OR_ONE_BEFORE.search(text, max(0, pos - 12), pos) is not None


def currency_after(text: str, pos: int, end: int) -> UnitMatch | None:
    """A currency written after the number: "20 euros", "115USD", "10 $", "50p"."""
    u = unit_after(text, pos, end)
    return u if u and u.kind == "money" else None


def measure_after(text: str, pos: int, end: int, glued_ok: bool = True) -> UnitMatch | None:
    """A unit of measure or time right after the number ("5km", "six-mile", "3 years")."""
    u = unit_after(text, pos, end, glued_ok)
    return u if u and u.kind in ("measure", "duration") else None


# One name per unit: a speed written with a rate is the speed's own symbol ("40 km an hour" is
# "km/h", as "40 km/h" and "40 kilometres per hour" are).
_RATE_NORMAL = {"km per hour": "km/h", "mi per hour": "mph", "nmi per hour": "knots"}


def with_rate(unit: str, rate: str) -> str:
    """The unit with a rate after it: ("USD", " per share") -> "USD per share"."""
    combined = unit + rate
    return _RATE_NORMAL.get(combined, combined)


def rate_after(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """ "a day", "per share", "/hr" after a unit: (" per day", end)."""
    m = _RATE_RE.match(text, pos, end)
    if not m:
        return None
    per = m.group("per").lower()
    return " per " + _PER_NORMAL.get(per, per), m.end()
