"""Currencies: the markers written before an amount ("$", "US$", "EUR ", "Rs."), the words written
after it ("euros", "Swiss francs"), and the ISO code each stands for.

A checker compares money by currency, so every spelling of one currency maps to its ISO 4217 code
("US$", "USD", "dollars" -> "USD"; "RMB", "yuan" -> "CNY").
"""

from __future__ import annotations

import re

# Prefix currency markers, longest first. Value: ISO code.
PREFIX_CURRENCIES = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "usd$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "aud$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "cad$": "CAD",
    "Can$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "NZD$": "NZD",
    "nzd$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "Mex$": "MXN",
    "MXN$": "MXN",
    "mxn$": "MXN",
    "NT$": "TWD",
    # Australian and Asian press write the symbol first: "$A3.1 billion", "$US3.40", "RM79"
    "$US": "USD",
    "$A": "AUD",
    "$NZ": "NZD",
    "$HK": "HKD",
    "$S": "SGD",
    "RM": "MYR",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₦": "NGN",
    "₱": "PHP",
    "₪": "ILS",
    "₫": "VND",
    "₿": "BTC",
    "Rs.": "INR",
    "Rs": "INR",
    "R": "ZAR",
    "Fr.": "CHF",
    "₴": "UAH",
    "₡": "CRC",
    "₭": "LAK",
    "₾": "GEL",
    "₸": "KZT",
    "元": "CNY",
}
_CURRENCY_CODES_TEXT = (
    "USD EUR GBP JPY CNY RMB INR CAD AUD CHF HKD NZD SGD ZAR BRL MXN RUB SEK NOK DKK KRW TRY "
    "PLN SAR AED NGN KES EGP PKR IDR THB MYR PHP VND ILS ARS CLP COP UAH BTC ETH"
)
CURRENCY_CODES = _CURRENCY_CODES_TEXT.split()
CODE_NORMAL = {"RMB": "CNY"}

# Currency words after the number, optionally with a country adjective.
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "quid": "GBP",
    "pence": "pence",
    "penny": "pence",
    "pennies": "pence",
    "p": "pence",
    "cent": "cents",
    "cents": "cents",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "kuai": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "CHF",
    "francs": "CHF",
    "mark": "DEM",
    "marks": "DEM",
    "deutschmarks": "DEM",
    "peso": "MXN",
    "pesos": "MXN",
    "peseta": "ESP",
    "pesetas": "ESP",
    "lira": "TRY",
    "liras": "TRY",
    "lire": "ITL",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "won": "KRW",
    "rand": "ZAR",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "riyal": "SAR",
    "riyals": "SAR",
    "dirham": "AED",
    "dirhams": "AED",
    "shekel": "ILS",
    "shekels": "ILS",
    "naira": "NGN",
    "guilder": "NLG",
    "guilders": "NLG",
    "markka": "FIM",
    "markkaa": "FIM",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "satoshi": "satoshi",
    "satoshis": "satoshi",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "dinar": "dinar",
    "dinars": "dinar",
    "shilling": "shilling",
    "shillings": "shilling",
    "escudos": "PTE",
    "drachma": "GRD",
    "drachmas": "GRD",
    "zloty": "PLN",
    "lari": "GEL",
    "kip": "LAK",
    "colon": "CRC",
    "colones": "CRC",
    "hryvnia": "UAH",
    "tenge": "KZT",
}
COUNTRY_ADJECTIVES = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "australian": "AUD",
    "canadian": "CAD",
    "hong kong": "HKD",
    "new zealand": "NZD",
    "singapore": "SGD",
    "taiwan": "TWD",
    "zimbabwe": "ZWL",
    "swiss": "CHF",
    "french": "FRF",
    "belgian": "BEF",
    "japanese": "JPY",
    "chinese": "CNY",
    "indian": "INR",
    "pakistani": "PKR",
    "turkish": "TRY",
    "mexican": "MXN",
    "argentine": "ARS",
    "brazilian": "BRL",
    "dutch": "NLG",
    "finnish": "FIM",
    "german": "DEM",
    "italian": "ITL",
    "spanish": "ESP",
    "south african": "ZAR",
    "swedish": "SEK",
    "norwegian": "NOK",
    "danish": "DKK",
    "russian": "RUB",
    "saudi": "SAR",
    "egyptian": "EGP",
    "jordanian": "JOD",
    "kuwaiti": "KWD",
    "iraqi": "IQD",
    "sri lankan": "LKR",
    "nigerian": "NGN",
    "kenyan": "KES",
    "british": "GBP",
    "irish": "IEP",
    "philippine": "PHP",
    "thai": "THB",
    "korean": "KRW",
    "south korean": "KRW",
    "israeli": "ILS",
}
# "pounds" alone is money or mass; without money context we read mass ("lost 25 pounds").
AMBIGUOUS_MONEY_WORDS = frozenset({"pound", "pounds", "mark", "marks", "p", "won", "rand"})


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_PREFIX_RE = re.compile(
    r"(?:(?P<sym>" + _alternation(list(PREFIX_CURRENCIES)) + r")"
    r"|(?P<code>" + _alternation(CURRENCY_CODES) + r")(?:\$)?)[\x20\u00a0]?$"
)


_LOWER_PREFIX_TAILS = frozenset({"rs", "s rs", "rs.", "usd", "eur", "gbp", "rmb", "jpy", "inr"})
LOWER_PREFIX_TAILS = _LOWER_PREFIX_TAILS  # for callers that test a lower-case tail before calling
_PREFIX_LAST_CHARS = frozenset(s[-1] for s in PREFIX_CURRENCIES if not s[-1].isalpha())
PREFIX_LAST_CHARS = _PREFIX_LAST_CHARS  # for callers that check before calling `currency_before`


def currency_before(text: str, lo: int, pos: int) -> tuple[str, int] | None:
    """A currency marker ending right before `pos` ("$", "US$ ", "EUR "): (code, start)."""
    last = text[pos - 1]
    if last in " \u00a0" and pos - 2 >= lo:
        last = text[pos - 2]
    if last.isalpha():
        if last.isupper():
            pass  # "USD 5", "R 20", "Fr. 3"
        elif text[max(lo, pos - 4) : pos].strip().lower() not in _LOWER_PREFIX_TAILS:
            return None
    elif last not in _PREFIX_LAST_CHARS:
        return None
    window_start = max(lo, pos - 8)
    m = _PREFIX_RE.search(text, window_start, pos)
    if not m:
        return None
    start = m.start()
    if start > lo and (
        text[start - 1].isalnum()
        and m.group("code")
        or m.group("sym") in ("R", "Rs", "Rs.")
        and text[start - 1].isalnum()
    ):
        return None
    if m.group("sym"):
        sym = m.group("sym")
        if sym == "R" and m.group().endswith((" ", "\u00a0")):
            return None
        return PREFIX_CURRENCIES[sym], start
    code = m.group("code")
    return CODE_NORMAL.get(code, code), start
