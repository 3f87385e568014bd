"""The organisations and people a source quotes as giving figures without naming a work."""

from __future__ import annotations

from citekit.cites.cues import find_clauses
from citekit.cites.names import NameIndex, normalise_name
from citekit.cites.nametable import NameTable
from citekit.cites.organisations import DATA_HEADS, full_name_for
from citekit.cites.phrases import Speaker, is_anaphoric
from citekit.cites.spans import Spans
from citekit.cites.vocabulary import DATA_WORDS, GENERIC_BODIES
from citekit.models import CitedWork, Party
from citekit.read.segment import Segment

# --- parties ----------------------------------------------------------------------------------------


def party_name(sp: Speaker) -> str | None:
    """The name a speaker is recorded under when it speaks without a titled work, or None."""
    if sp.kind == "pronoun":
        return None
    if is_anaphoric(sp) and (sp.head in GENERIC_BODIES or sp.head in DATA_WORDS):
        return None
    if sp.kind == "work":
        return sp.possessor
    if sp.head in DATA_HEADS and " " not in sp.name:
        return None
    return sp.name


def issued_by(sp: Speaker, name: str, orgs: NameIndex) -> list[int]:
    """The works (indices in `orgs`) whose issuer a named speaker is.

    By the full name or an acronym ("the IMF"), or by the short form a text uses after naming the
    body in full ("The Trust says" for the Meridian Water Trust). Shared by party detection and
    attribution so the two agree on who speaks for a work.
    """
    owned = orgs.same_organisation(name)
    if not owned and sp.kind == "name" and sp.determiner == "the":
        owned = orgs.short_form(name)
    return owned


def find_parties(text: str, segs: list[Segment], works: list[CitedWork]) -> list[Party]:
    """Organisations and people that speak in the text and are neither a work nor a work's issuer."""
    spans = Spans(
        [(w.start, w.end, 0) for w in works]
        + [(s.start, s.end, 0) for w in works for s in w.mentions]
    )
    orgs = NameIndex()
    for i, w in enumerate(works):
        if w.organisation:
            orgs.add(w.organisation, i)
    para_end = {seg.paragraph: seg.end for seg in segs}
    first = [min([w.start] + [m.start for m in w.mentions]) for w in works]
    seen: set[str] = set()
    names = NameTable.of(text)
    spoken = NameIndex()
    parties: list[Party] = []
    anchors = {w.end: w.start for w in works}
    # Names come again and again: each one's key, and the works it may speak for, found once.
    keys: dict[str, str] = {}
    issuers: dict[tuple[str, str], list[int]] = {}
    for clause in find_clauses(text, segs, anchors):
        sp = clause.speaker
        if sp is None or spans.overlapping(sp.start, sp.end) is not None:
            continue
        name = party_name(sp)
        if not name:
            continue
        full = full_name_for(text, sp, names) if is_anaphoric(sp) else None
        if full:
            name = full
        key = keys.get(name)
        if key is None:
            key = keys[name] = normalise_name(name)
        if not key or key in seen or spoken.short_form(name):
            continue
        # An issuer speaks for its work once the work is named (see sources.resolve): before
        # that it is a party of its own ("the Authority said 85%", then "its annual report says").
        upto = para_end[segs[clause.sentence].paragraph]
        how = "anaphoric" if is_anaphoric(sp) else str(sp.kind == "name" and sp.determiner == "the")
        owned = issuers.get((name, how))
        if owned is None:
            owned = (
                orgs.same_organisation(name) or orgs.short_form(name)
                if how == "anaphoric"
                else issued_by(sp, name, orgs)
            )
            issuers[(name, how)] = owned
        if any(first[i] < upto for i in owned):
            continue
        seen.add(key)
        spoken.add(name, len(parties))
        start = sp.possessor_start if sp.kind == "work" else sp.start
        parties.append(Party(name, start, start + len(name) if sp.kind == "work" else sp.end))
    return parties
