"""A number the cited source writes but did not record as a figure.

Extraction leaves out what reads as no quantity: years before the common era ("in 3800-3700 BC"),
labels ("Position 8"), numbers inside names. When a draft states such a number and the cited
source writes the same numeral, in a sentence whose words near it the draft shares, the number
is traced as a weaker match saying so: the source holds it, as text. Only the cited sources'
sentences that hold figures are read, each once, so the cost grows with the cited sources only.

A number that is part of a name the draft does not show as one (a lower-cased "the ftse 100",
"3m"; a bare "the 500" for the "Indianapolis 500") is traced when the cited source writes that
name: a name's number is no quantity, and never a false alarm (`traced_as_name`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from citekit.check.matching.context import Context, context_words
from citekit.check.matching.discord import similarity
from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import Agreement
from citekit.check.matching.records import Claim, Match, Verdict
from citekit.extract.nouns import STOP_WORDS

LITERAL_CONTEXT = 0.2  # the words near the numeral must be this alike
PAIRED_CONTEXT = 0.08  # ... or this, when the source writes the draft's pair ("3800-3700")
_DASH = r"\s?[-\u2013\u2014]\s?"
_NUMERAL = r"\d[\d,\u2009\u202f]*(?:\.\d+)?"
_PARTNER_AFTER = re.compile(rf"{_DASH}({_NUMERAL})")
_PARTNER_BEFORE = re.compile(rf"(?<![\d.,])({_NUMERAL}){_DASH}$")
_PLAIN = re.compile(r"\d{1,3}(?:[,\u2009\u202f ]?\d{3})*(?:\.\d+)?")


def _pattern(text: str) -> re.Pattern[str] | None:
    """The numeral written with or without thousands separators: "3,800" finds "3800"."""
    if not _PLAIN.fullmatch(text):
        return None
    digits = re.sub(r"[,\u2009\u202f ]", "", text)
    whole, _, decimals = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    body = whole + "".join(rf"[,\u2009\u202f ]?{g}" for g in groups)
    if decimals:
        body += r"\." + decimals
    return re.compile(rf"(?<![\d.,]){body}(?![\d]|[.,]\d)")


@dataclass(frozen=True)
class _Partner:
    """The numeral the draft joins to this one by a dash ("3,800-3,700"), where it stands."""

    pattern: re.Pattern[str]
    follows: bool
    start: int
    end: int


def _partner(claim: Claim) -> _Partner | None:
    after = _PARTNER_AFTER.match(claim.sentence, claim.end)
    if after:
        p = _pattern(after.group(1).rstrip(","))
        return _Partner(p, True, after.start(1), after.end(1)) if p else None
    before = _PARTNER_BEFORE.search(claim.sentence[: claim.start])
    if before:
        p = _pattern(before.group(1))
        return _Partner(p, False, before.start(1), before.end(1)) if p else None
    return None


def _paired(sentence: str, start: int, end: int, partner: _Partner) -> tuple[int, int] | None:
    """Where the source writes the partner, when it writes the draft's pair whole."""
    if partner.follows:
        dash = re.compile(_DASH).match(sentence, end)
        found = partner.pattern.match(sentence, dash.end()) if dash else None
        return found.span() if found else None
    found = re.search(rf"(?:{partner.pattern.pattern}){_DASH}$", sentence[:start])
    if found is None:
        return None
    first = partner.pattern.search(sentence, found.start())
    return first.span() if first else None


def _covered(figures: list[dict[str, Any]], local: int) -> bool:
    """A recorded figure of the sentence already stands where the numeral is."""
    for f in figures:
        start, s_start = f.get("start"), f.get("sentence_start")
        if start is None or s_start is None:
            continue
        begin = int(start) - int(s_start)
        if begin <= local < begin + len(str(f.get("text") or "")):
            return True
    return False


def written_in_cited(
    claim: Claim, ctx: Context, index: FigureIndex, cited: list[str], at_least: float = 0.0
) -> Match | None:
    """The best sentence of the cited sources writing the draft's numeral where no figure was
    recorded, as a Match on a figure of that sentence; None if none is alike enough."""
    text = claim.sentence[claim.start : claim.end]
    pattern = _pattern(text)
    if pattern is None:
        return None
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for i in index.held_by(cited):
        f = index.entries[i].figure
        sentences.setdefault((str(f.get("source")), str(f.get("sentence") or "")), []).append(f)
    partner = _partner(claim)
    best: tuple[float, Match] | None = None
    for (_source, sentence), figures in sentences.items():
        for m in pattern.finditer(sentence):
            if _covered(figures, m.start()):
                continue
            sim = similarity(ctx, context_words(sentence, m.start(), m.end()))
            paired = _paired(sentence, m.start(), m.end(), partner) if partner else None
            if partner is not None and paired is not None:
                # One pair, one likeness: the better of its two halves'.
                theirs = context_words(
                    claim.sentence, partner.start, partner.end, None, claim.breaks
                )
                sim = max(sim, similarity(theirs, context_words(sentence, *paired)))
            needed = max(PAIRED_CONTEXT if paired else LITERAL_CONTEXT, at_least)
            if sim >= needed and (best is None or sim > best[0]):
                figure = _found_figure(figures[0], m, claim.quantity.value, "text")
                best = (sim, Match(figure, sim, Agreement(exact=True)))
    return best[1] if best else None


def traced_as_text(claim: Claim, ctx: Context, index: FigureIndex, verdict: Verdict) -> Verdict:
    """`verdict`, or traced (weaker) when the cited source writes the numeral as text: for an
    unsourced number whenever its words are alike; for a mismatch only when they are more alike
    than the figure it was compared with."""
    if verdict.verdict not in ("unsourced", "mismatch") or claim.quantity.kind != "count":
        return verdict
    floor = verdict.match.similarity + 0.1 if verdict.match is not None else 0.0
    match = written_in_cited(claim, ctx, index, list(claim.cited), floor)
    if match is None:
        return verdict
    note = (
        f"weaker match: {match.figure.get('source')} writes {match.figure.get('text')!r} in a"
        " sentence like the draft's, but did not record it as a figure"
    )
    return Verdict("traced", match, note, unknown_keys=verdict.unknown_keys, weak=True)


# A number that is part of a name: "the Daytona 500", "FTSE 100", "3M".
# A name's number is no quantity: it is checked literally, never raised as a false alarm. When the
# cited source writes the draft's name (the numeral with the word it is glued to, or the word
# right before it), in any case, where it recorded no figure, the number is traced as named
# there. A draft's bare "the 500", nothing counted, reads as the short form of a name the cited
# source writes ("Indianapolis 500"): traced, as a weaker match saying so. A name the cited source
# does not write keeps its verdict.

_GLUED = re.compile(r"[A-Za-z0-9]+")
_NAME_WORD = re.compile(r"(?<![\w&'.-])([A-Za-z][A-Za-z&.]*)[ \u00a0-]$")
_BARE_BEFORE = re.compile(r"(?<![\w])the\s$", re.IGNORECASE)
_BARE_AFTER = re.compile(
    r"\s*(?:[,.;:!?)\]\"\u201d]|$|\s(?:and|or|but|in|at|on|for|with|by|"
    r"was|is|were|are|has|had|have|will|would|which|that|who|race|event|"
    r"winner|title|crown|victory|race's|since|after|before|when)\b)"
)
_REACH = 24
# Words before a numeral that make no name with it ("scored 17", "Age 27", "Sunday 5").
_NOT_NAMES = frozenset(
    "age aged ages about around nearly almost over under some only just least most more less "
    "than top total killed said says scored won lost had has have was were is are be been".split()
)


def _glued_name(sentence: str, start: int, end: int) -> str | None:
    """The draft's numeral with the letters glued to it ("3m", "8VC", "A380"), if any."""
    lo, hi = start, end
    while lo > 0 and sentence[lo - 1].isalnum():
        lo -= 1
    while hi < len(sentence) and sentence[hi].isalnum():
        hi += 1
    token = sentence[lo:hi]
    return token if _GLUED.fullmatch(token) and not token.isdigit() else None


def _word_name(sentence: str, start: int) -> str | None:
    """The word right before the draft's numeral, when it can be a name's ("daytona 500")."""
    m = _NAME_WORD.search(sentence, max(0, start - _REACH), start)
    if m is None:
        return None
    word = m.group(1).rstrip(".")
    if len(word) < 2 or word.lower() in STOP_WORDS or word.lower() in _NOT_NAMES:
        return None
    return word


def _name_pattern(claim: Claim) -> tuple[re.Pattern[str], bool] | None:
    """How the cited source would write the draft's name, and whether it is the short form."""
    s, start, end = claim.sentence, claim.start, claim.end
    numeral = s[start:end]
    if not _GLUED.fullmatch(numeral) or not numeral[:1].isdigit():
        return None  # "500" or "3m"; not "$3m", "2.5", "24-year-old"
    glued = _glued_name(s, start, end)
    if glued is not None:
        return re.compile(rf"(?<![\w]){re.escape(glued)}(?![\w])", re.IGNORECASE), False
    if not numeral.isdigit() or claim.quantity.kind != "count" or claim.quantity.unit is not None:
        return None  # a name carries no unit nor counted noun
    word = _word_name(s, start)
    if word is not None:
        body = rf"{re.escape(word)}[ \u00a0-]{numeral}"
        return re.compile(rf"(?<![\w&]){body}(?![\d]|[.,]\d)", re.IGNORECASE), False
    if _BARE_BEFORE.search(s, max(0, start - 4), start) and _BARE_AFTER.match(s, end):
        body = rf"[A-Z][A-Za-z&.]*[A-Za-z][ \u00a0-]{numeral}"
        return re.compile(rf"(?<![\w&]){body}(?![\d]|[.,]\d)"), True
    return None


def _named(
    pattern: re.Pattern[str], short: bool, sentence: str, figures: list[dict[str, Any]]
) -> re.Match[str] | None:
    for m in pattern.finditer(sentence):
        digits = re.search(r"\d+", m.group())
        local = m.start() + (digits.start() if digits else 0)
        if _covered(figures, local):
            continue
        if short and m.group().split()[0].rstrip("-").lower() in STOP_WORDS | _NOT_NAMES:
            continue  # "The 500" opening a sentence, "In 500": no name
        return m
    return None


def named_in_cited(claim: Claim, index: FigureIndex, cited: list[str]) -> Match | None:
    """The cited sources' sentence naming the draft's name, as a Match on a figure of it."""
    found = _name_pattern(claim)
    if found is None:
        return None
    pattern, short = found
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for i in index.held_by(cited):
        f = index.entries[i].figure
        sentences.setdefault((str(f.get("source")), str(f.get("sentence") or "")), []).append(f)
    for (_source, sentence), figures in sentences.items():
        m = _named(pattern, short, sentence, figures)
        if m is None:
            continue
        figure = _found_figure(figures[0], m, claim.quantity.value, "name", short_form=short)
        return Match(figure, 1.0 if not short else 0.0, Agreement(exact=True))
    return None


def traced_as_name(claim: Claim, index: FigureIndex, verdict: Verdict) -> Verdict:
    """`verdict`, or traced when the number is part of a name the cited source writes."""
    if verdict.verdict == "traced":
        return verdict  # held as a figure, or its numeral written in a sentence like the draft's
    match = named_in_cited(claim, index, list(claim.cited))
    if match is None:
        return verdict
    short = bool(match.figure.get("short_form"))
    if short and verdict.verdict == "mismatch":
        return verdict  # a figure of the source about the same thing says otherwise
    source, text = match.figure.get("source"), match.figure.get("text")
    note = f"a name, not a quantity: {source} names {text!r}"
    if short:
        note = (
            f"weaker match: the draft's {claim.quantity.text!r} reads as {source}'s name {text!r}"
        )
    return Verdict("traced", match, note, unknown_keys=verdict.unknown_keys, weak=short)


def _found_figure(
    base: dict[str, Any], m: re.Match[str], value: Any, kind: str, **more: Any
) -> dict[str, Any]:
    """A figure for words found in the sentence of `base` (a recorded figure): where they
    stand in the source, with the claim's value and no range or unit of their own."""
    offset = int(base.get("sentence_start") or 0)
    return dict(
        base,
        id=f"{base.get('source')}:{kind}",
        text=m.group(),
        value=value,
        start=offset + m.start(),
        end=offset + m.end(),
        low=None,
        high=None,
        unit=None,
        kind=kind,
        **more,
    )
