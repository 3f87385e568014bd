"""The verdict for each number of a draft."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from citekit.check.matching.because import explain
from citekit.check.matching.context import Context, context_words, holds
from citekit.check.matching.discord import (
    NAME_NEAR,
    discord,
    near_places,
    other_direction,
    other_place,
    other_unit,
    same_place,
    similarity,
)
from citekit.check.matching.index import FigureIndex, NearGroup, figure_context, sentence_key
from citekit.check.matching.literal import traced_as_name, traced_as_text
from citekit.check.matching.quantity import (
    Quantity,
    agree,
    comparable,
    is_age,
    significant_digits,
    transposed,
)
from citekit.check.matching.records import Claim, Match, Verdict
from citekit.check.matching.scores import judge_scores
from citekit.check.matching.sums import sum_of
from citekit.check.matching.words import WHEN

VERDICTS = ("traced", "mismatch", "elsewhere", "unsourced")
# Worst first: what an editor must look at before what is fine (reports, pages, editors).
WORST_FIRST = ("mismatch", "elsewhere", "unsourced", "traced")

# Same-thing and same-value thresholds (context similarity is 0..1).
SAME_THING = 0.2  # a cited figure this close in context may be "the same thing"...
STRONG_SAME = 0.4  # ... and this close, it is, even when another source holds the value
TRACE_CONTEXT = 0.08  # a common value (500) needs at least this much shared context
ELSEWHERE_CONTEXT = 0.2  # ... and this much to be credited to an uncited source
# A near value (2,500 for 2,361: within about a quarter) or transposed digits are evidence of
# the same thing given wrongly, so they need less likeness.
SAME_THING_NEAR = 0.1
NEAR_VALUE = 0.95  # _closeness of values at most ~27% apart
TRANSPOSED_BONUS = 0.3
FAR_VALUE = 0.4  # _closeness of values a thousand or more times apart


@functools.cache
def claim_context(claim: Claim) -> Context:
    """The words around a draft's number, kept while a draft is checked (a check asks for each
    number's more than once, and a bounded cache read in draft order keeps none of a draft with
    more numbers than it holds); the check clears it when done."""
    return context_words(claim.sentence, claim.start, claim.end, claim.quantity.unit, claim.breaks)


def _rank(match: Match) -> float:
    """Likeness first; an exact, unqualified agreement breaks near-ties."""
    bonus = 0.0
    if match.agreement is not None:
        bonus = 0.15 if match.agreement.exact and not match.agreement.note else 0.05
    return match.similarity + bonus


def _closeness(a: Quantity, b: Quantity) -> float:
    """1 for the same magnitude, falling with each power of ten apart: a wrong figure is
    usually near the right one (2,500 for 2,361), rarely a thousand times off (2,500 for 5)."""
    if a.point is None or b.point is None or a.point == 0 or b.point == 0:
        return 0.5
    return 1.0 / (1.0 + 0.5 * abs(math.log10(abs(a.point)) - math.log10(abs(b.point))))


def _as_other(match: Match, q: Quantity) -> float:
    """How surely a non-agreeing figure is the draft's figure given wrongly: its words, its
    magnitude, and transposed digits (the classic copying slip) as strong evidence."""
    score = match.similarity * _closeness(q, Quantity.of(match.figure))
    if match.transposed:
        score += TRANSPOSED_BONUS
    return score


def _names_only_in(draft: Context, this: Context, other: Context) -> bool:
    """`this` holds a name the draft gives near its number that `other` does not: "The Trust
    reported 212" points at the Trust's figure, not at the ministry's 212."""
    return any(
        w >= NAME_NEAR and holds(n, this) >= NAME_NEAR and holds(n, other) < NAME_NEAR
        for n, w in draft.names.items()
    )


def judge(
    claim: Claim,
    index: FigureIndex,
    known: frozenset[str] | set[str],
    taken: frozenset[str] | set[str] = frozenset(),
) -> Verdict:
    """The verdict for one number of the draft (see `_judge`), and, when the cited sources do
    not hold it, whether it is the sum of two of their figures: "21,074 deaths in both countries"
    for 17,674 in Turkey and 3,400 in Syria is a figure the draft computed, not one the source
    states. Its verdict stays (the source does not hold it) and the note says which two figures
    add up to it, so a derived number is never passed as traced nor left unexplained."""
    ctx = claim_context(claim)
    verdict = _judge(claim, index, known, taken, ctx)
    verdict = traced_as_text(claim, ctx, index, verdict)
    verdict = traced_as_name(claim, index, verdict)
    if verdict.verdict in ("mismatch", "unsourced"):
        parts = sum_of(claim.quantity, index, [k for k in claim.cited if k in known])
        if parts:
            a, b = parts
            what = f"{a.get('text')!r} + {b.get('text')!r} in {a.get('source')}"
            if a.get("source") != b.get("source"):
                what = (
                    f"{a.get('text')!r} in {a.get('source')} + {b.get('text')!r} in "
                    f"{b.get('source')}"
                )
            note = f"the sum of {what}: a derived figure the source does not state"
            verdict.note = note + ("; " + verdict.note if verdict.note else "")
            verdict.sum_of = [a, b]
    verdict.because, verdict.score = explain(claim, verdict, ctx)
    return verdict


@dataclass
class _Candidates:
    """The cited figures considered for a claim, sorted by what they say of its value."""

    agreeing: list[tuple[Match, Context]] = field(default_factory=list)
    weak: list[Match] = field(default_factory=list)  # the value, too little in common to trace
    others: list[tuple[Match, Context]] = field(default_factory=list)  # another value, same thing


def _candidates(
    q: Quantity,
    ctx: Context,
    index: FigureIndex,
    cited_ids: list[int],
    distinctive: bool,
    taken: frozenset[str] | set[str],
) -> _Candidates:
    out = _Candidates()
    ids = [i for i in cited_ids if comparable(q, index.entries[i].quantity)]
    for i, source in zip(ids, index.contexts_of(ids), strict=True):
        entry = index.entries[i]
        agreement = agree(q, entry.quantity)
        if agreement is not None:
            sim = similarity(ctx, source, alike=index.alike(ctx, source))
            match = Match(entry.figure, sim, agreement, discord(ctx, source))
            if sim >= TRACE_CONTEXT or distinctive:
                out.agreeing.append((match, source))
            else:
                out.weak.append(match)
            continue
        if taken and entry.figure.get("id") in taken:
            continue
        is_transposed = transposed(q, entry.quantity)
        closeness = _closeness(q, entry.quantity)
        near = is_transposed or closeness >= NEAR_VALUE
        # Values a thousand times apart ("three ministries", "2.7 million people") are the same
        # thing only when the words say so strongly.
        needed = STRONG_SAME if closeness < FAR_VALUE else SAME_THING
        lowest = min(needed, SAME_THING_NEAR) if near else needed
        if not index.may_reach(ctx, source, lowest):
            continue  # (a bound on `similarity`: it cannot reach either threshold)
        sim = similarity(ctx, source, alike=index.alike(ctx, source))
        if sim >= needed or (near and sim >= SAME_THING_NEAR):
            match = Match(entry.figure, sim, None, discord(ctx, source))
            match.transposed = is_transposed
            out.others.append((match, source))
    return out


def _judge(
    claim: Claim,
    index: FigureIndex,
    known: frozenset[str] | set[str],
    taken: frozenset[str] | set[str] = frozenset(),
    ctx: Context | None = None,
) -> Verdict:
    """The verdict for one number of the draft.

    `taken`: ids of figures that another number of the same draft sentence traces exactly; such a
    figure is that number's, so it is not offered as the one this number gets wrong.

    Only the cited sources' figures decide between traced and mismatch, and their likeness is
    measured without the library's word rarities: recording an unrelated source must not change
    whether a cited source holds a number.
    """
    q = claim.quantity
    unknown = tuple(k for k in claim.cited if k not in known)
    cited = [k for k in claim.cited if k in known]
    ctx = ctx or claim_context(claim)
    distinctive = significant_digits(q) >= 3
    cited_ids = index.held_by(cited)
    found = _candidates(q, ctx, index, cited_ids, distinctive, taken)
    others = found.others

    # The cited figure with the draft's value, said of another thing (reported with a mismatch).
    said_of_other = max(found.weak, key=_rank) if found.weak else None
    if found.agreeing:
        best, best_ctx = max(
            found.agreeing,
            key=lambda pair: (not pair[0].discord, _years_held(ctx, pair[1]), _rank(pair[0])),
        )
        rivals = _rivals(ctx, best, best_ctx, others, distinctive)
        if not rivals:
            return _traced(ctx, best, best_ctx, found.agreeing, unknown)
        others, said_of_other = rivals, best
    elif said_of_other is not None and _weakly_held(q, ctx, said_of_other, others):
        return _traced_weak(said_of_other, found.weak, unknown)

    elsewhere = _elsewhere(claim, ctx, index, set(cited_ids), distinctive)
    top = max((m.similarity for m, _ in others), default=0.0)
    # A weak likeness in the cited source loses to a better match of the value elsewhere: the
    # right number cited to the wrong source.
    if others and (
        top >= STRONG_SAME
        or not elsewhere
        or elsewhere[0].similarity <= top
        or any(m.transposed for m, _ in others)
    ):
        return _mismatch(q, ctx, others, elsewhere, said_of_other, unknown)
    if elsewhere:
        best = elsewhere[0]
        note = f"held by {best.figure.get('source')}"
        if claim.cited:
            note = f"not in {', '.join(claim.cited)}; " + note
        return Verdict(
            "elsewhere", best, note, also=[m.figure for m in elsewhere[1:3]], unknown_keys=unknown
        )
    note = None
    if unknown and not cited:
        note = "cited only by unknown keys"
    elif cited and not cited_ids:
        note = "the cited entries hold no recorded figures"
    return Verdict("unsourced", None, note, unknown_keys=unknown)


def _traced(
    ctx: Context,
    best: Match,
    best_ctx: Context,
    agreeing: list[tuple[Match, Context]],
    unknown: tuple[str, ...],
) -> Verdict:
    note = best.agreement.note if best.agreement else None
    if best.similarity < TRACE_CONTEXT or best.discord:
        note = (note + "; " if note else "") + "same value, but the words around it differ"
    also: list[dict[str, Any]] = []
    if best.agreement is not None and not best.agreement.exact:
        # "about 2,000" rounds both 1,912 (last year) and 2,046 (2024): say so.
        years = _years_held(ctx, best_ctx)
        # A figure of the same source sentence said of another month or place is no rival when
        # the draft names neither ("about 2,000 tonnes" of "1,960 tonnes in May and 2,030 tonnes
        # in June" is ambiguous).
        same = sentence_key(best.figure)
        unplaced = not near_places(ctx) and not any(
            (n.isdigit() or n in WHEN) and w >= NAME_NEAR for n, w in ctx.names.items()
        )
        also = [
            m.figure
            for m, c in agreeing
            if m is not best
            and (not m.discord or (unplaced and sentence_key(m.figure) == same))
            and _years_held(ctx, c) >= years
            and m.agreement is not None
            and m.figure.get("id") != best.figure.get("id")
        ]
        if also:
            texts = ", ".join(repr(f.get("text")) for f in also[:3])
            note = (note + "; " if note else "") + f"ambiguous: it also rounds {texts}"
    return Verdict("traced", best, note, also=also[:3], unknown_keys=unknown)


def _said_apart(draft: Context, source: Context) -> bool:
    """The words say the two numbers are different figures: another thing counted, a change the
    other way, another place, or another time (a year, month or day named near each, the
    draft's not the source's). A name one side gives and the other leaves out proves nothing."""
    if other_unit(draft, source) or other_direction(draft, source) or other_place(draft, source):
        return True
    whens = [n for n, w in draft.names.items() if (n.isdigit() or n in WHEN) and w >= NAME_NEAR]
    theirs = [n for n, w in source.names.items() if (n.isdigit() or n in WHEN) and w >= NAME_NEAR]
    return bool(whens and theirs) and not any(holds(n, source) >= NAME_NEAR for n in whens)


def _weakly_held(
    q: Quantity, draft: Context, holder: Match, others: list[tuple[Match, Context]]
) -> bool:
    """Whether the cited source's figure with the draft's value, said of something the draft's
    words do not obviously share ("Reyes, 34," against "the 34-year-old signed"), traces it as a
    weaker match: yes, unless a figure of that source clearly about the same thing gives another
    value. The value must be the source's exactly: a rounding with nothing else in common is
    chance. Words that say it is another figure (another thing counted, place, month: see
    `_said_apart`) keep it apart, save for an age: what surrounds a person's age is what they
    did, which two texts rarely tell alike, and the days and places named are theirs."""
    if holder.agreement is None or not holder.agreement.exact:
        return False  # a rounding ("more than 20" for 22) with nothing else in common is chance
    age = is_age(q) or is_age(Quantity.of(holder.figure))
    if holder.discord and not age and _said_apart(draft, figure_context(holder.figure)):
        return False
    return not any(
        not m.discord and (m.similarity >= SAME_THING or m.transposed) for m, _ in others
    )


def _traced_weak(best: Match, weak: list[Match], unknown: tuple[str, ...]) -> Verdict:
    note = best.agreement.note if best.agreement else None
    reason = "weaker match: the cited source states the value, but the words around it differ"
    note = (note + "; " if note else "") + reason
    also = [m.figure for m in weak if m is not best and m.figure.get("id") != best.figure.get("id")]
    return Verdict("traced", best, note, also=also[:3], unknown_keys=unknown, weak=True)


def _mismatch(
    q: Quantity,
    ctx: Context,
    others: list[tuple[Match, Context]],
    elsewhere: list[Match],
    said_of_other: Match | None,
    unknown: tuple[str, ...],
) -> Verdict:
    best_pair = max(
        others,
        key=lambda pair: (not pair[0].discord, same_place(ctx, pair[1]), _as_other(pair[0], q)),
    )
    best = best_pair[0]
    source_q = Quantity.of(best.figure)
    note = f"the source gives {source_q.text!r}"
    if best.transposed:
        note += " (digits transposed?)"
    also = [m.figure for m in elsewhere[:3]]
    if said_of_other is not None:
        text = said_of_other.figure.get("text")
        note += f"; its {text!r} is said of something else"
        also.insert(0, said_of_other.figure)
    return Verdict(
        "mismatch", best, note, also=also, unknown_keys=unknown, transposed=best.transposed
    )


def _years_held(draft: Context, source: Context) -> int:
    """How many of the draft's "when" names near its number (years, months, days) the source
    names near its figure: "about 2,000 in June" is June's 2,030, not May's 1,960."""
    return sum(
        1
        for n, w in draft.names.items()
        if (n.isdigit() or n in WHEN) and w >= NAME_NEAR and holds(n, source) >= NAME_NEAR
    )


def _rivals(
    ctx: Context,
    best: Match,
    best_ctx: Context,
    others: list[tuple[Match, Context]],
    distinctive: bool,
) -> list[tuple[Match, Context]]:
    """The cited figures that, though their value differs, are more surely the draft's figure
    than `best`, the figure holding its value; none means the value is traced.

    - The holder's words contradict the draft (a fall in December for "rose in January"):
      any figure whose words do not wins.
    - An exact, distinctive value (17,674) is rarely a coincidence: only a figure that holds a
      name of the draft the holder lacks, and is far more alike, takes its place.
    - A common value (400, 3.3%) needs its words: a figure far more alike wins.
    """
    clean = [(m, c) for m, c in others if not m.discord]
    if best.discord:
        return [(m, c) for m, c in clean if m.similarity >= SAME_THING or m.transposed]
    strong = [
        (m, c)
        for m, c in clean
        if m.similarity >= STRONG_SAME and m.similarity >= 2 * best.similarity
    ]
    exact = best.agreement is not None and best.agreement.exact
    if distinctive and exact:
        return [(m, c) for m, c in strong if _names_only_in(ctx, c, best_ctx)]
    if strong:
        return strong
    if best.similarity < TRACE_CONTEXT:
        return [(m, c) for m, c in clean if m.similarity >= SAME_THING]
    return []


def _elsewhere(
    claim: Claim,
    ctx: Context,
    index: FigureIndex,
    skip: set[int],
    distinctive: bool,
    limit: int = 3,
) -> list[Match]:
    """Library figures outside the cited sources that hold the draft's value, best first: the
    first `limit` (a verdict names one and shows two more).

    Whether a figure qualifies is judged by plain likeness, the scale the cited sources are
    judged by; the library's word rarities only order the ones that do.
    """
    q = claim.quantity
    value = q.point
    if value is None:
        return []
    step = q.step(value) or 0.0
    threshold = TRACE_CONTEXT if distinctive else ELSEWHERE_CONTEXT
    # Figures that read alike (one story recorded from two outlets) are judged once, as a group.
    agreements: dict[Quantity, Any] = {}
    agreeing: list[NearGroup] = []
    for group in index.near_groups(value, step, skip):
        if group.quantity not in agreements:
            agreements[group.quantity] = (
                agree(q, group.quantity) if comparable(q, group.quantity) else None
            )
        if agreements[group.quantity] is not None:
            agreeing.append(group)
    found: list[tuple[float, float, NearGroup, float]] = []  # (rank, point, group, likeness)
    sources = index.group_contexts(agreeing)
    # (A bound on `similarity` leaves out the figures whose words cannot reach the threshold.)
    reaching = index.reaching(ctx, sources, threshold)
    for group, source, reaches in zip(agreeing, sources, reaching, strict=True):
        if not reaches:
            continue
        alike = index.alike(ctx, source)
        sim = similarity(ctx, source, alike=alike)
        if sim >= threshold:
            agreement = agreements[group.quantity]
            weighted = similarity(ctx, source, index.idf, alike) if index.idf else sim
            found.append((_rank(Match({}, weighted, agreement)), group.point, group, sim))
    return _best_members(index, found, agreements, skip, limit)


def _best_members(
    index: FigureIndex,
    found: list[tuple[float, float, NearGroup, float]],
    agreements: dict[Quantity, Any],
    skip: set[int],
    limit: int,
) -> list[Match]:
    """The first `limit` members of the groups found, best first: by rank, then in the order
    `near` gives (by value, then the library's order). The members of one group share its
    rank and value, so only the groups that can hold the first `limit` are read."""
    found.sort(key=lambda t: (-t[0], t[1]))
    out: list[Match] = []
    k = 0
    while k < len(found) and len(out) < limit:
        rank, point = found[k][0], found[k][1]
        tied: list[tuple[Any, int, float, Any]] = []
        while k < len(found) and found[k][0] == rank and found[k][1] == point:
            _rank_, _point, group, sim = found[k]
            agreement = agreements[group.quantity]
            tied.extend(
                (index.position(i), i, sim, agreement) for i in index.group_members(group, skip)
            )
            k += 1
        tied.sort(key=lambda t: t[0])
        for _position, i, sim, agreement in tied[: limit - len(out)]:
            out.append(Match(index.entries[i].figure, sim, agreement))
    return out


def judge_all(
    claims: Sequence[Claim], figures: Sequence[dict[str, Any]], known: Iterable[str]
) -> list[Verdict]:
    """Verdicts for every claim against the library's figure records."""
    index = FigureIndex(figures)
    known_set = frozenset(known)
    verdicts = [judge(claim, index, known_set) for claim in claims]
    verdicts = rejudge_taken(claims, verdicts, index, known_set)
    return judge_scores(claims, verdicts, index, known_set)


def rejudge_taken(
    claims: Sequence[Claim],
    verdicts: list[Verdict],
    index: FigureIndex,
    known: frozenset[str] | set[str],
) -> list[Verdict]:
    """Judge again each mismatch whose source figure a sibling number of its sentence traces.

    "fell to 5.4% in April, from 5.9%": the 5.4% is the first number's, so the 5.9% is not a wrong
    5.4% but the source's own 5.9%.

    "cost 3.1 billion euros, or 700 million over budget" against "cost 3.1 billion euros, 600
    million more than planned": the 3.1 billion is the first number's; the 700 million is wrong
    about the 600 million, not about the 3.1 billion.
    """
    traced: dict[str, set[str]] = {}
    for claim, v in zip(claims, verdicts, strict=True):
        if v.verdict == "traced" and v.match is not None and v.match.agreement is not None:
            fid = v.match.figure.get("id")
            if fid is not None and v.match.agreement.exact:
                traced.setdefault(claim.sentence, set()).add(str(fid))
    out = list(verdicts)
    for i, (claim, v) in enumerate(zip(claims, verdicts, strict=True)):
        if v.verdict != "mismatch" or v.match is None:
            continue
        taken = traced.get(claim.sentence, set())
        if v.match.figure.get("id") not in taken:
            continue
        again = judge(claim, index, known, frozenset(taken))
        # Only a better reading of the cited source is taken: a value it holds (traced), or the
        # figure the number truly gets wrong (mismatch).
        if again.verdict in {"traced", "mismatch"}:
            out[i] = again
    return out
