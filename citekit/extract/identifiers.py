"""Numbers that belong to names and identifiers (Section 427, Big 12, 5G, COVID-19, F-150, ID.3,
phone numbers, page and paragraph references). They are dropped: checking them as figures would
only produce noise for a fact-checker.
"""

from __future__ import annotations

import re

from citekit.extract import currencies
from citekit.extract.context import BARE_MARKS, bare, token_before, words

_SP = r"[\x20\u00a0]"

# A reference word right before the number: "Section 427", "p. 3", "para 12", "Table 2".
_REFERENCE_WORDS_TEXT = (
    "section sections sec art article articles chapter chapters ch chap table tables figure "
    "figures fig figs page pages p pp para paras paragraph paragraphs clause clauses rule rules "
    "item items no nos number exhibit appendix annex schedule footnote note notes box chart step "
    "route highway interstate motorway flight room exit platform gate terminal version v ver "
    "level grade phase stage season episode ep series vol volume issue part act line lines "
    "verse verses psalm category cat class tier type model unit block lot district ward precinct "
    "zone region division league band channel track bus bay pier lane apt apartment suite floor "
    "row seat pg ref reg code amendment bill resolution directive regulation regulations title "
    "proposition prop measure question q round lap game match hole week day gen generation mk "
    "mark rev revision release build iteration op opus pier sector corps regiment battalion "
    "junction jct runway berth "
    "brigade squadron division wing fleet army district ss hms uss cve cvn lz rq"
)
_REFERENCE_WORDS = _REFERENCE_WORDS_TEXT.split()
_REFERENCE_SET = frozenset(_REFERENCE_WORDS) | {"no"}
_REFERENCE_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(sorted(_REFERENCE_WORDS, key=len, reverse=True))
    + r")\.?"
    + _SP
    + r"?(?:No\.?"
    + _SP
    + r"?)?#?$",
    re.IGNORECASE,
)
# Glued on the left: "COVID-19", "F-150", "ID.3", "G20", "A380", "scp-173", "#5".
_GLUED_LEFT_RE = re.compile(r"(?:[A-Za-z][A-Za-z]*[-.]?|#|No\.|№)$")
# Glued before a number without making a name ("then" and "now": "the then-19-year-old defender").
_PERIOD_PREFIXES = words(
    "mid late early pre post end start circa c ca over under about around top sub non anti us fy "
    "aged age approx nearly almost some up down by to from and or than at of in on per rs usd eur "
    "gbp cad aud jpy chf inr cny rmb hkd nzd sgd zar brl mxn mex minus plus with between for vs "
    "an the as is was were be are ages dollar hit only just magnitude then now"
)
# A capitalised name word right before a small number: "Big 12", "Windows 10", "Apollo 11".
_CAPITAL_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]*[A-Za-z])" + _SP + r"$")
_PHONE_RE = re.compile(
    r"(?:\+\d{1,3}[\x20.-]?)?(?:\(\d{2,5}\)[\x20.-]?)?\d{2,5}(?:[\x20.-]\d{2,8}){1,4}(?![\d])"
)
_PHONE_GROUPS = re.compile(r"\d+")
_CAPITAL_EXCEPTIONS = words(
    "January February March April May June July August September October November December Jan "
    "Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec The In About Around Nearly Almost Some Over "
    "Under Only Just At By To From Of On For With And Or Than Up Down Since Until Till Before "
    "After During Between Roughly Approximately All Another Those These Its Their His Her Our My "
    "Your Exactly Fully Each Every Estimated Least Most More Fewer Less Also Now Killed Kills "
    "Says Said Is Was Are Were Has Had Have Minus Plus Rose Fell Total Totalled Totaled Aged Age "
    "Ages Include Includes Including Included Reach Reached Hit Top Topped Cost Costs Paid Pay "
    "Pays Earn Earns Earned Lost Lose Won Win Wins Gained Gain Gains Rise Rises Fall Falls Like "
    "Circa Approx Sold Bought Buy Sell Employs Employ Employed Numbered Number Numbers Count "
    "Counted Jumped Dropped Climbed Grew Increased Decreased Declined Raised Cut Averaged Average "
    "Against Per Via Within Beyond Above Below Toward Towards Into Onto Upon When Where While If "
    "Because As So But Yet Nor Then Once Twice Perhaps Maybe Still Precisely Barely Reportedly "
    "Allegedly Officially Exceeding Exceeds Exceeded Well"
)


def is_identifier(
    text: str,
    lo: int,
    pos: int,
    num_end: int,
    end: int,
    plain_integer: bool,
    token: str | None = None,
) -> bool:
    """True when the number at [pos, num_end) is part of a name or an identifier."""
    window = pos - 24 if pos - 24 > lo else lo
    if pos > lo:
        before = text[pos - 1]
        if before.isalpha() or before in "#№_/@\\":
            if (
                before == "R"
                and (pos - 1 == lo or not text[pos - 2].isalnum())
                and _RAND_AMOUNT.match(text, pos)
            ):
                return False  # "R4.2bn", "R18.50", "R1,500": rand, not a name like "R2"
            if (
                before != "R"
                and before.isupper()
                and (num_end >= end or text[num_end] not in "(-")
                and currencies.currency_before(text, lo, pos)
            ):
                return False  # "RM1,800", "$A3.1 billion", "$US3.40" (not "RM1(SS)")
            return not _period_prefix(text, lo, pos)
        if before in "-." and pos - 1 > lo and text[pos - 2].isalnum():
            if _GLUED_LEFT_RE.search(text, window, pos) and not _period_prefix(text, lo, pos):
                return True
            if text[pos - 2].isdigit() and before == ".":
                return True  # 1.2.3 version numbers
    if num_end < end:
        after = text[num_end]
        if after == "-" and plain_integer:
            name = _NAME_AFTER_HYPHEN.match(text, num_end, end)
            if name and name.group(1).lower() not in _TITLE_CASE_UNITS:
                return True  # "7-Eleven", "3-Com": a name that opens with a number
        if after == "-" and num_end + 1 < end and text[num_end + 1].isdigit():
            # "555-1234" codes, not "2014-15" (dates handle those) nor ranges (caller decides)
            pass
        if (
            after in "._"
            and num_end + 1 < end
            and text[num_end + 1].isalnum()
            and not text[num_end + 1].isdigit()
        ):
            return True
        if after in "piKk" and plain_integer and _RESOLUTION.match(text, pos, end):
            return True  # "1080p", "a 4K TV": a display resolution, not pence or thousands
        if after in "xX" and plain_integer and _BY_NAME.match(text, num_end, end):
            return True  # "4x4 vehicles", "a 2x4": a name, not "4 times"
    if token is None:
        token = token_before(text, lo, pos)
    if not plain_integer:
        # "Section 4.1", "Table 2.3", "version 2.1": a dotted reference, not a decimal
        return (
            bare(token) in _DOTTED_REFERENCES
            and _DOTTED_NUMBER.fullmatch(text, pos, num_end) is not None
            and _REFERENCE_RE.search(text, window, pos) is not None
        )
    if not token:
        return False
    if token == "of" and _PAGE_OF.search(text, window, pos):
        return True  # "Page 4 of 12": the number of pages of a page reference
    reference = token.strip(BARE_MARKS) in _REFERENCE_SET or token.endswith("#")
    return reference and _REFERENCE_RE.search(text, window, pos) is not None


_RESOLUTION = re.compile(
    r"(?:480|576|720|1080|1440|2160|4320)[pi](?![A-Za-z\d])|[2-8][Kk](?=" + _SP + r"?(?:TVs?|"
    r"televisions?|displays?|screens?|monitors?|video|resolution|streaming|content|cameras?|"
    r"Ultra|UHD|HDR|OLED|LCD)(?![A-Za-z]))"
)
_DOTTED_REFERENCES = frozenset(
    "section sections sec chapter ch chap table tables figure fig para paragraph clause article "
    "art appendix annex item note rule step version v ver release build schedule part exhibit "
    "box chart".split()
)
_DOTTED_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3}){1,3}")
_PAGE_OF = re.compile(
    r"(?<![A-Za-z])(?:page|p\.|pp\.|pg\.?)" + _SP + r"*\d{1,4}" + _SP + r"+of" + _SP + r"+$",
    re.IGNORECASE,
)


def after_name(text: str, lo: int, pos: int, token: str | None = None) -> bool:
    """A capitalised name word right before the number ("Big 12", "Windows 10", "Apollo 11").

    Checked only for bare counts: "Rotate 90°" or "Roughly 50%" are figures whatever the case.
    """
    if token is None:
        token = token_before(text, lo, pos)
    if not token or pos - lo < 2 or text[pos - 1] not in " \u00a0":
        return False
    if "&" in token and _AMPERSAND_NAME.search(text, max(lo, pos - 12), pos):
        return True  # "S&P 500", "AT&T 5": a name with an ampersand
    word_start = pos - 1 - len(token)
    if not text[word_start].isupper():
        # camel-case product names: "iPhone 15", "eBay 2"
        return (
            token.isalpha()
            and not text[word_start : pos - 1].islower()
            and text[word_start].isalpha()
        )
    raw = text[word_start : pos - 1]
    if (
        raw.endswith(("'s", "\u2019s"))
        and raw[:-2].isalpha()
        and _SMALL_NUMBER.match(text, pos)
        and not _OPENS_SENTENCE.search(text, max(lo, word_start - 3), word_start)
        and word_start > lo
    ):
        return True  # "Ocean's 11", "Schindler's 2": a title (callers keep counted nouns)
    m = _CAPITAL_NAME_RE.search(text, max(lo, pos - 24), pos)
    if (
        m
        and m.group(1) == "Top"
        and not _OPENS_SENTENCE.search(text, max(lo, m.start(1) - 3), m.start(1))
        and m.start(1) > lo
    ):
        return True  # "the Top 40", "a Top 10 finish": a chart, mid-sentence
    if not m or m.group(1) not in _CAPITAL_EXCEPTIONS and _GROUPED_NUMBER.match(text, pos):
        return False  # names carry small plain numbers ("Big 12"), not "Saudi Arabia 3,424"
    return m.group(1) not in _CAPITAL_EXCEPTIONS and m.group(1) not in _SENTENCE_ADVERBS


def product_number(text: str, lo: int, pos: int) -> bool:
    """ "Windows 11 devices", "Fortune 500 companies", "14 Falcon 9 rockets", "50 million
    PlayStation 5 consoles": the number is a model or series number although a plural noun
    follows -- the name is a known product line, or the name itself is counted by a number right
    before it (a count does not come between a counted name and its noun). "Texas 14 counties"
    stays a count."""
    m = _NAME_BEFORE_NUMBER.search(text, max(lo, pos - 40), pos)
    if not m:
        return False
    if m.group("name") in _NUMBERED_PRODUCTS:
        return True
    count = m.group("count")
    return bool(count) and not (len(count) == 4 and count[:2] in ("19", "20"))


# An amount after a glued "R": grouped, with cents, or with a magnitude ("R4.2bn", "R3 million").
_RAND_AMOUNT = re.compile(
    r"\d{1,3}(?:,\d{3})+(?!,?\d)|\d+\.\d\d(?!\d)|\d+(?:\.\d+)?(?:bn|mn|tn|m|k|"
    + _SP
    + r"(?:million|billion|trillion))(?![A-Za-z])"
)


def name_goes_on(text: str, lo: int, pos: int, noun: str) -> bool:
    """ "iPhone 15 units", "Boeing 737 Max jets": the name goes on past the number (a camel-case
    product name, or a capitalised word that is not itself the plural head), so the plural noun
    after it does not make the number a count."""
    m = _CAMEL_BEFORE.search(text, max(lo, pos - 16), pos)
    if m:
        return True
    words = noun.split()
    return (
        len(words) > 1
        and words[0][:1].isupper()
        and words[0].isalpha()
        and not words[0].endswith("s")
    )


_CAMEL_BEFORE = re.compile(r"(?<![A-Za-z])[a-z]+[A-Z][A-Za-z]*" + _SP + r"$")
_NAME_AFTER_HYPHEN = re.compile(r"-([A-Z][a-z]{2,})(?![A-Za-z-])")
# Title case of a figure, not a name: "a 5-Year Plan", "a 3-Day Event".
_TITLE_CASE_UNITS = frozenset(
    "year years day days week weeks month months hour hours minute minutes second seconds "
    "decade decades mile miles metre metres meter meters foot feet inch inches point points star "
    "stars seat seats member members person man woman page pages game games storey story floor "
    "room bed lane acre acres pound pounds ton tons tonne tonnes percent times".split()
)
_BY_NAME = re.compile(
    r"[xX]\d{1,2}(?![\d.,]|[\x20\u00a0]?[a-zA-Z]*(?:m|cm|mm|ft|in|feet|"
    r"inches|metres|meters)\b)"
)
_SMALL_NUMBER = re.compile(r"\d{1,2}(?!\d|[,.]\d)")
_OPENS_SENTENCE = re.compile(r"(?:[.!?][\"')\u201d\u2019]?\s+|^)$")
# Product lines and series that carry a model number: "Windows 11", "Boeing 737", "Fortune 500".
_NUMBERED_PRODUCTS = frozenset(
    "Windows PlayStation Xbox Galaxy Pixel Switch Android Office Microsoft Falcon Boeing Airbus "
    "Fortune Russell Nikkei Stoxx FTSE CAC DAX Apollo Artemis Soyuz Formula Chandrayaan Gaganyaan "
    "Shenzhou Tianzhou Voyager Sputnik Macintosh Kindle Surface Wii Radio Top".split()
)
_NAME_BEFORE_NUMBER = re.compile(
    r"(?:(?<![\w.,])(?P<count>\d[\d,.]*)(?:[\x20\u00a0]+(?:thousand|million|billion|m|bn|mn))?"
    r"[\x20\u00a0]+)?(?<![A-Za-z])(?P<name>[A-Z][A-Za-z]*[A-Za-z])" + _SP + r"$"
)
_AMPERSAND_NAME = re.compile(r"(?<![A-Za-z])[A-Z]+&[A-Z]+" + _SP + r"$")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d")

# Capitalised only because they open a sentence: "Later 700 left", "Overall 45 died".
_SENTENCE_ADVERBS = frozenset(
    "Later Earlier Overall Altogether Today Yesterday Tonight Last Next Already Recently "
    "Currently Meanwhile Nationwide Worldwide Elsewhere Besides Together Again Finally "
    "Initially Eventually Separately Similarly Likewise Previously Subsequently Ultimately "
    "Originally Additionally Moreover Furthermore However Instead Otherwise Thus Hence "
    "Therefore Nevertheless Nonetheless Roughly Altogether Collectively Combined Globally "
    "Locally Annually Monthly Weekly Daily Officially Reportedly Apparently Some Many Nearly "
    "Almost Another Around Approximately Only Just About Over Under Exactly Precisely".split()
)


_STREET_TYPES = frozenset(
    [
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "lane",
        "boulevard",
        "blvd",
        "drive",
        "way",
        "place",
        "square",
        "terrace",
        "crescent",
        "court",
        "close",
        "highway",
    ]
)


def is_address(noun: str) -> bool:
    """ "123 Random Street": a house number, not a count of streets."""
    head = noun.split()[-1]
    return head[:1].isupper() and head.lower().rstrip(".") in _STREET_TYPES


def _period_prefix(text: str, lo: int, pos: int) -> bool:
    """ "mid-2015", "pre-1990", "US$5", "aged18": a glued prefix that does not make a name."""
    i = pos - 1
    if text[i] in "-.":
        i -= 1
    j = i
    while j >= lo and j > pos - 12 and text[j].isalpha():
        j -= 1
    word = text[j + 1 : i + 1].lower()
    return word in _PERIOD_PREFIXES


def phone_number_end(text: str, pos: int, end: int) -> int | None:
    """End of a phone number starting at `pos` ("+44 20 7946 0958", "(555) 123-4567")."""
    start = pos
    if pos > 0 and text[pos - 1] in "+(":
        start = pos - 1
    m = _PHONE_RE.match(text, start, end)
    if not m:
        return None
    groups = _PHONE_GROUPS.findall(m.group())
    digits = sum(len(g) for g in groups)
    if digits < 7 or len(groups) < 2:
        return None
    if (
        all(len(g) == 3 for g in groups[1:])
        and len(groups[0]) <= 3
        and "+" not in m.group()
        and "(" not in m.group()
        and " " in m.group()
    ):
        return None  # "10 000 000" is a number with thin-space grouping
    surface = m.group()
    if digits < 9 and not any(c in surface for c in "-+(."):
        return None
    return m.end()
