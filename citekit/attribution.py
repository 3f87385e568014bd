"""Which cited work or party each figure is given on the authority of, and the cue that says so.

A figure is credited only when the text says who gives it: a reporting clause in its sentence ("the report
says", "according to the UN"), or reported speech still running from an earlier sentence of the paragraph,
or from the paragraph before when the new paragraph plainly continues it ("They include ...", "Besides,
..."). A new speaker ends the run; a speaker the text does not let us identify ends it too. Anything else
stays unattributed: a wrong attribution would send a fact-checker to the wrong origin, a missing one only
sends them to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citekit.cues import (
    WORK_NOUNS,
    Clause,
    Speaker,
    find_clauses,
    normalise_name,
    same_organisation,
)
from citekit.models import Attribution, CitedWork, Figure, Party
from citekit.segment import Segment, segment_at, sentences
from citekit.works import party_name

# A paragraph that opens like this continues the reported speech of the paragraph before it.
_CONTINUES = re.compile(
    r"[\"'\u201c\u2018(]?\s*(?:"
    r"(?:they|these|those|it|its|their|this|such|another|other|others|both|including|also|besides|"
    r"additionally|moreover|furthermore|similarly|likewise|of\s+(?:these|them|those|this|the\s+total)|"
    r"among\s+(?:them|these|those)|in\s+addition|(?:most|some|many|all|none|hundreds|thousands|half)"
    r"\s+of\s+(?:them|these|those)|the\s+(?:figures?|numbers?|total|remaining|rest|majority|same|"
    r"findings?|data))\b"
    r"|[-\u2022*\u2013\u2014]\s)",
    re.IGNORECASE,
)

_TITLE_GAP = re.compile(
    r"[\s,]*(?:(?:which\s+)?(?:is|was)\s+)?(?:(?:titled|entitled|called|named|dubbed)\b)?"
    r"[\s,:]*[\"'\u201c\u2018\u00ab]?\s*"
)

# A source: ("work", index) or ("party", name).
_Source = tuple[str, int | str]


@dataclass
class _Resolved:
    clause: Clause
    source: _Source | None  # None: someone speaks, but we cannot tell who


def attribute(
    text: str, figures: list[Figure], works: list[CitedWork], parties: list[Party]
) -> list[Attribution | None]:
    """One element per figure, in order: the work or party that covers it, with its cue, or None."""
    segs = sentences(text)
    title_spans = [(w.start, w.end) for w in works]
    party_keys = {normalise_name(p.name): p.name for p in parties}
    anchors = {w.end: w.start for w in works}
    for w in works:
        for m in w.mentions:
            anchors.setdefault(m.end, m.start)
    by_sentence: dict[int, list[_Resolved]] = {}
    for clause in find_clauses(text, segs, anchors):
        source = _resolve(text, clause.speaker, works, party_keys)
        by_sentence.setdefault(clause.sentence, []).append(_Resolved(clause, source))
    figures_at: dict[int, list[int]] = {}
    for index, fig in enumerate(figures):
        seg = segment_at(segs, fig.start)
        if seg is not None:
            figures_at.setdefault(_seg_index(segs, seg), []).append(index)

    context: _Resolved | None = None

    out: list[Attribution | None] = [None] * len(figures)
    paragraph = -1
    for s_index, seg in enumerate(segs):
        if seg.paragraph != paragraph:
            if paragraph >= 0 and not _CONTINUES.match(text, seg.start):
                context = None
            paragraph = seg.paragraph
        clauses = by_sentence.get(s_index, [])
        for item in clauses:
            sp = item.clause.speaker
            if sp is not None and sp.kind == "pronoun":
                item.source = _pronoun_source(sp, context)
        for f_index in figures_at.get(s_index, []):
            fig = figures[f_index]
            if not fig.is_figure or any(s <= fig.start < e for s, e in title_spans):
                continue
            cover, carried = _covering(clauses, seg, fig.start), False
            if cover is None and context is not None:
                cover, carried = context, True
            if cover is None or cover.source is None:
                continue
            kind, value = cover.source
            c = cover.clause
            out[f_index] = Attribution(
                figure_index=f_index,
                work_index=value if kind == "work" and isinstance(value, int) else None,
                party=value if kind == "party" and isinstance(value, str) else None,
                cue=c.cue,
                cue_start=c.cue_start,
                cue_end=c.cue_end,
                carried=carried,
            )
        if clauses:
            context = max(clauses, key=lambda r: r.clause.cue_start)
    return out


def _seg_index(segs: list[Segment], seg: Segment) -> int:
    lo, hi = 0, len(segs)
    while lo < hi:
        mid = (lo + hi) // 2
        if segs[mid].start < seg.start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _pronoun_source(sp: Speaker, context: _Resolved | None) -> _Source | None:
    """'It found' continues a work or an organisation; 'he said' only a party, never a report."""
    if context is None or context.source is None:
        return None
    if sp.head == "it" or context.source[0] == "party":
        return context.source
    return None


def _resolve(
    text: str,
    sp: Speaker | None,
    works: list[CitedWork],
    party_keys: dict[str, str],
) -> _Source | None:
    """Who a speaker is: a cited work (by its title, a mention, or its issuer) or a known party."""
    if sp is None or sp.kind == "pronoun":
        return None
    for i, work in enumerate(works):
        spans = [(work.start, work.end)] + [(m.start, m.end) for m in work.mentions]
        if any(s < sp.end and sp.start < e for s, e in spans):
            return ("work", i)
    if sp.kind == "work":
        # "The report, titled Dry Season, found": the noun introduces the title that follows it.
        gap = _TITLE_GAP.match(text, sp.end)
        for i, work in enumerate(works):
            if gap.end() == work.start:
                return ("work", i)
    name = party_name(sp)
    if not name:
        return None
    owned = [i for i, w in enumerate(works) if w.organisation and same_organisation(w.organisation, name)]
    if len(owned) == 1 and (sp.kind != "work" or works[owned[0]].work_type == _work_type(sp)):
        return ("work", owned[0])
    key = normalise_name(name)
    if key in party_keys:
        return ("party", party_keys[key])
    # "the ministry" after "the education ministry", "Okafor" after "Jane Okafor": one party only.
    short = [p for k, p in party_keys.items() if short_form_of(key, k)]
    if len(short) == 1:
        return ("party", short[0])
    return None



def _work_type(sp: Speaker) -> str:
    return WORK_NOUNS.get(sp.head, "report")


def _covering(items: list[_Resolved], seg: Segment, pos: int) -> _Resolved | None:
    """The clause whose reach includes `pos` in its sentence.

    'X says ...' reaches forward from X to the next clause; '..., X says.' reaches back to the previous
    clause; a mid-sentence 'according to X' reaches both ways. A single clause reaches the whole sentence,
    except that a forward clause does not reach figures before its speaker.
    """
    if not items:
        return None
    ordered = sorted(items, key=lambda r: r.clause.start)
    # 'Citing figures provided by X, the Center says ...': the Center speaks, X is its source, so the
    # citing phrase (and any figure in it) belongs to the clause it introduces.
    if any(r.clause.kind != "citing" for r in ordered):
        lead_in = {id(r): ordered[k - 1].clause.start for k, r in enumerate(ordered)
                   if k > 0 and ordered[k - 1].clause.kind == "citing"}
        ordered = [r for r in ordered if r.clause.kind != "citing"]
    else:
        lead_in = {}
    prev_end = seg.start
    for k, item in enumerate(ordered):
        c = item.clause
        next_start = ordered[k + 1].clause.start if k + 1 < len(ordered) else seg.end
        if c.direction == "forward":
            lo, hi = lead_in.get(id(item), c.start), next_start
        elif c.direction == "backward":
            lo, hi = prev_end, c.end
        else:
            lo, hi = prev_end, next_start
        if lo <= pos < hi:
            return item
        prev_end = c.end
    return None
