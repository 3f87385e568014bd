"""siunitx read as it prints: `\\SI{21.1}{\\celsius}` is "21.1 °C", `\\num{4,200}` is 4200.

The LaTeX reader collects a command's braced arguments; this module turns them into the text the
command prints, so the extractor reads a draft's quantities with their units.
"""

from __future__ import annotations

import re

from citekit.check.drafts.latex_commands import WORD_COMMANDS

_SI_PREFIXES = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n",
    "micro": "\u00b5", "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da",
    "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
    "zetta": "Z", "yotta": "Y",
}  # fmt: skip
_SI_UNITS = {
    "metre": "m", "meter": "m", "gram": "g", "second": "s", "ampere": "A", "kelvin": "K",
    "mole": "mol", "candela": "cd", "hertz": "Hz", "newton": "N", "pascal": "Pa", "joule": "J",
    "watt": "W", "coulomb": "C", "volt": "V", "farad": "F", "ohm": "\u03a9", "siemens": "S",
    "weber": "Wb", "tesla": "T", "henry": "H", "lumen": "lm", "lux": "lx", "becquerel": "Bq",
    "gray": "Gy", "sievert": "Sv", "katal": "kat", "celsius": "\u00b0C",
    "degreeCelsius": "\u00b0C", "litre": "L", "liter": "L", "tonne": "t", "hour": "h",
    "minute": "min", "day": "d", "hectare": "ha", "electronvolt": "eV", "bar": "bar",
    "percent": "%", "degree": "\u00b0", "arcminute": "\u2032", "arcsecond": "\u2033",
    "radian": "rad", "steradian": "sr", "astronomicalunit": "au", "dalton": "Da", "bel": "B",
    "decibel": "dB", "neper": "Np", "byte": "B", "bit": "bit", "angstrom": "\u00c5",
    "knot": "kn", "mmHg": "mmHg", "barn": "b", "nauticalmile": "M", "kWh": "kWh",
}  # fmt: skip
# siunitx's abbreviations (\km, \kg, \MHz ...): prefix letter(s) + unit symbol.
_SI_ABBREVIATIONS = {
    **{f"{p}{u}": f"{ps}{u}" for p, ps in (("f", "f"), ("p", "p"), ("n", "n"), ("u", "\u00b5"),
       ("m", "m"), ("", ""), ("k", "k")) for u in ("g",)},
    **{f"{p}m": f"{ps}m" for p, ps in (("n", "n"), ("u", "\u00b5"), ("m", "m"), ("c", "c"),
       ("d", "d"), ("k", "k"))},
    **{f"{p}s": f"{ps}s" for p, ps in (("a", "a"), ("f", "f"), ("p", "p"), ("n", "n"),
       ("u", "\u00b5"), ("m", "m"))},
    **{f"{p}{u}": f"{ps}{u}" for p, ps in (("m", "m"), ("", ""), ("k", "k"), ("M", "M"),
       ("G", "G"), ("T", "T")) for u in ("Hz", "W", "V", "N", "J", "Pa", "A", "eV")},
    **{f"{p}mol": f"{ps}mol" for p, ps in (("f", "f"), ("p", "p"), ("n", "n"),
       ("u", "\u00b5"), ("m", "m"), ("", ""), ("k", "k"))},
    **{f"{p}{u}": f"{ps}L" for p, ps in (("u", "\u00b5"), ("m", "m"), ("", ""), ("h", "h"))
       for u in ("l", "L")},
    "m": "m", "s": "s", "K": "K", "F": "F", "fF": "fF", "pF": "pF", "dB": "dB", "kWh": "kWh",
    "ohm": "\u03a9", "kohm": "k\u03a9", "Mohm": "M\u03a9",
}  # fmt: skip
# Bare symbols the figure extractor does not read as units ("5 m" is not "5 metres" to it):
# spelled out, so that the draft's quantity keeps its unit.
_SI_SPELLED = {
    "m": "metres", "s": "seconds", "h": "hours", "d": "days", "t": "tonnes", "g": "grams",
    "L": "litres", "min": "minutes", "K": "kelvin",
}  # fmt: skip
_SI_GLUED = frozenset({"%", "\u00b0", "\u2032", "\u2033"})  # printed without a space
_SI_NUMBER_COMMANDS = frozenset({"num"})
_SI_QUANTITY_COMMANDS = frozenset({"SI", "qty"})
_SI_UNIT_COMMANDS = frozenset({"si", "unit"})
_SI_RANGE_COMMANDS = {"numrange": 2, "SIrange": 3, "qtyrange": 3}
_SI_LIST_COMMANDS = {"numlist": 1, "SIlist": 2, "qtylist": 2}
_SI_ANGLE_COMMANDS = frozenset({"ang"})
_SI_EXPONENT = re.compile(
    r"^(?P<mantissa>.*?)(?:[eEdD](?P<e>[-+]?\d+)|(?:x|\\times)10\^\{?(?P<x>[-+]?\d+)\}?)$"
)
_SI_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SI_TOKEN = re.compile(
    r"(?:\\(?:tothe|raiseto)\s*|\^)\{?(?P<exponent>-?\d+)\}?"
    r"|\\(?P<name>[A-Za-z]+)|(?P<operator>[/.~*])|(?P<literal>[^\\^/.~*\s{}]+)"
)
_SUPERSCRIPTS = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def si_number(raw: str) -> str:
    """A siunitx number as plain text the extractor reads: `4,200`, `1.2e6` and `12 345` as
    4200, 1200000 and 12345; an uncertainty (`1.2(3)`, `1.2 \\pm 0.3`) is dropped.

    siunitx takes a comma for a decimal marker, but writers put `\\num{4,200}` for four
    thousand two hundred: a comma followed by groups of three digits is a thousands separator,
    any other comma a decimal marker (`\\num{3,5}` is 3.5).
    """
    text = re.sub(r"\\[,;: ]|[{}~\s]", "", raw)
    text = re.split(r"\+-|\\pm|\\mp", text)[0] or text
    text = re.sub(r"\(\d+\)", "", text)
    text = text.replace("\\times", "x").replace("\\cdot", "x")
    exponent = 0
    m = _SI_EXPONENT.match(text)
    if m and m.group("mantissa"):
        text = m.group("mantissa")
        exponent = int(m.group("e") or m.group("x"))
    elif m and m.group("x"):  # \num{10^6}
        text, exponent = "1", int(m.group("x"))
    sign = ""
    if text and text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    text = text.replace(",", "") if _SI_GROUPED.fullmatch(text) else text.replace(",", ".")
    if text.startswith("."):
        text = "0" + text
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        return sign + text if text else raw.strip()
    if exponent:
        if not -12 <= exponent <= 15:
            return f"{sign}{text} \u00d7 10{str(exponent).translate(_SUPERSCRIPTS)}"
        whole, _, fraction = text.partition(".")
        digits = whole + fraction
        point = len(whole) + exponent
        if point <= 0:
            text = "0." + "0" * -point + digits
        elif point >= len(digits):
            text = digits + "0" * (point - len(digits))
        else:
            text = digits[:point] + "." + digits[point:]
        text = text.lstrip("0") or "0"
        if text.startswith("."):
            text = "0" + text
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return sign + text


def _si_unit(raw: str) -> str:
    """A siunitx unit as its printed symbol: `\\kilo\\metre\\per\\hour` is km/h,
    `\\square\\kilo\\metre` km², `\\celsius` °C; a literal unit (`km^2`) is kept."""
    numerator: list[str] = []
    denominator: list[str] = []
    last: list[str] | None = None  # the side the last unit went to (for \\squared, ^2)
    prefix = power = ""
    per = False
    for m in _SI_TOKEN.finditer(raw):
        name, exponent, operator, literal = m.group("name", "exponent", "operator", "literal")
        if name in _SI_PREFIXES:
            prefix += _SI_PREFIXES[name]
        elif name in ("square", "cubic"):
            power = "\u00b2" if name == "square" else "\u00b3"
        elif name in ("squared", "cubed") and last:
            last[-1] += "\u00b2" if name == "squared" else "\u00b3"
        elif name == "per" or operator == "/":
            per = True
        elif name in _SI_UNITS or name in _SI_ABBREVIATIONS or literal:
            symbol = _SI_UNITS.get(name or "") or _SI_ABBREVIATIONS.get(name or "") or literal
            last = denominator if per else numerator
            last.append(prefix + symbol + power)
            prefix = power = ""
            per = per and name is None  # \\per takes one unit; after "/" all go below
        elif exponent is not None and last:
            if exponent == "-1" and last is numerator and len(last) > 1:
                denominator.append(last.pop())
            else:
                last[-1] += exponent.translate(_SUPERSCRIPTS)
        elif name and name not in ("of", "highlight", "cancel", "unit"):
            last = denominator if per else numerator
            last.append(WORD_COMMANDS.get(name, name))
    unit = "".join(numerator)
    if denominator:
        unit = (unit or "1") + "/" + "".join(denominator)
    return _SI_SPELLED.get(unit, unit)


def _si_quantity(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit in _SI_GLUED:
        return number + unit
    return f"{number} {unit}"


SIUNITX = (
    _SI_NUMBER_COMMANDS
    | _SI_QUANTITY_COMMANDS
    | _SI_UNIT_COMMANDS
    | frozenset(_SI_RANGE_COMMANDS)
    | frozenset(_SI_LIST_COMMANDS)
    | _SI_ANGLE_COMMANDS
)


def arguments(name: str) -> int:
    """How many braced arguments a siunitx command takes."""
    if name in _SI_QUANTITY_COMMANDS:
        return 2
    return _SI_RANGE_COMMANDS.get(name) or _SI_LIST_COMMANDS.get(name) or 1


def printed(name: str, args: list[str]) -> str:
    """What a siunitx command prints, given its braced arguments."""
    count = len(args)
    if name in _SI_NUMBER_COMMANDS:
        text = si_number(args[0])
    elif name in _SI_QUANTITY_COMMANDS:
        text = _si_quantity(si_number(args[0]), _si_unit(args[1]))
    elif name in _SI_UNIT_COMMANDS:
        text = _si_unit(args[0])
    elif name in _SI_RANGE_COMMANDS:
        unit = _si_unit(args[2]) if count == 3 else ""
        low, high = si_number(args[0]), si_number(args[1])
        text = f"{_si_quantity(low, unit)} to {_si_quantity(high, unit)}"
    elif name in _SI_LIST_COMMANDS:
        unit = _si_unit(args[1]) if count == 2 else ""
        items = [_si_quantity(si_number(x), unit) for x in args[0].split(";") if x.strip()]
        text = (
            " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
        )
    else:  # \ang{30} or \ang{30;15;0}
        parts = [p.strip() for p in args[0].split(";")]
        marks = ("\u00b0", "\u2032", "\u2033")
        text = "".join(si_number(p) + mark for p, mark in zip(parts, marks, strict=False) if p)
    return text
