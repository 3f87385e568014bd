"""Who issued a cited work: "the Lakeside Institute's survey", "a report by the Meridian Water Trust",
"the Trust released a report titled X", and the full name behind "the IMF" or "the authority".
"""

from __future__ import annotations

import re

from citekit.cites.cues import find_clauses
from citekit.cites.lexer import tokens
from citekit.cites.mentions import phrase_tokens
from citekit.cites.names import is_acronym, normalise_name
from citekit.cites.nametable import NameTable
from citekit.cites.phrases import Speaker, is_anaphoric, noun_phrase_ending
from citekit.cites.spans import sentence_at
from citekit.cites.speakers import speaker_after, speaker_before
from citekit.cites.titles import POSSESSIVE_END
from citekit.cites.vocabulary import (
    DATA_WORDS,
    GENERIC_BODIES,
    MONTHS,
    WINDOW,
    WORK_NOUN_ALTERNATION,
)
from citekit.models import CitedWork
from citekit.read.segment import Segment

_PUBLISHED_BY = re.compile(
    r"\b(?:published|released|issued|produced|compiled|written|prepared|commissioned|conducted|authored"
    r"|carried out|put out)\s+(?:[\w\u00c0-\u024f-]+\s+){0,4}?by\s+"
    rf"|\b(?:{WORK_NOUN_ALTERNATION})s?\s+(?:by|from)\s+",
    re.IGNORECASE,
)
_BY_AFTER_TITLE = re.compile(r"[\"'\u201d\u2019\u00bb]?,?\s+(?:by|from)\s+")
_PUBLISHER_VERB = re.compile(
    r"\b(?:published|publishes|released|releases|issued|issues|produced|launched|launches|unveiled"
    r"|presented|compiled|commissioned|(?:said|says|warned|warns|found|finds|wrote|writes)\s+in)\b"
)
_MENTION_NOUN_ANY = re.compile(rf"\b(?:{WORK_NOUN_ALTERNATION})\b", re.IGNORECASE)
# ", a Geneva-based research group": the name before it is an organisation that may issue a work.
_APPOSITIVE_ORG = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w\u00c0-\u024f-]+\s+){0,5}?"
    r"(?:think[- ]tank|research (?:group|centre|center|institute|organi[sz]ation)|institute|"
    r"organi[sz]ation|charity|ngo|watchdog|group|consultancy|firm|agency|foundation|non-?profit|"
    r"university|observatory)\b",
    re.IGNORECASE,
)
# 'its October World Economic Outlook': the edition, then the title.
_ITS_BEFORE = re.compile(
    rf"\b(?:its|their)\s+(?:(?:19|20)\d{{2}}\s+)?(?:(?:{MONTHS})\s+)?$", re.IGNORECASE
)
_POSSESSIVE_ENDS = ("'s", "\u2019s")
DATA_HEADS = frozenset({"data", "figures", "statistics", "estimates", "records", "numbers"})


# --- organisations ----------------------------------------------------------------------------------


def direct_organisation(
    text: str, segs: list[Segment], work: CitedWork, intro: tuple[int, int]
) -> str | None:
    """The issuer named where the work is introduced.

    "the Lakeside Institute's survey, titled X"; "a report titled X by the Meridian Water Trust";
    "the Trust released a report titled X"; "in its report X, the Observatory found ...".
    """
    seg = sentence_at(segs, work.start)
    if seg is None:
        return None
    intro_np = _intro_phrase(text, seg, work, intro)
    if (
        intro_np is not None
        and intro_np.possessor
        and not work.start <= intro_np.possessor_start < work.end
    ):
        # ("its Global Economic Prospects report": the capitalised words are the title, not whose.)
        return intro_np.possessor
    owner = _possessor_before(text, seg, work.start)
    if owner:
        return owner
    by = published_by(text, segs, work, min(intro[0], work.start))
    if by:
        return by
    start = intro_np.start if intro_np is not None else min(intro[0], work.start)
    last = None
    for m in _PUBLISHER_VERB.finditer(text, max(seg.start, start - WINDOW), start):
        last = m
    if last is not None:
        sp = speaker_before(text, last.start(), seg.start)
        if sp is not None and sp.kind in {"name", "common"} and sp.head not in DATA_HEADS:
            return sp.name
    its = (intro_np is not None and intro_np.determiner in {"its", "their"}) or (
        _ITS_BEFORE.search(text, max(seg.start, work.start - 40), work.start) is not None
    )
    if its:
        # "In its October World Economic Outlook, the IMF forecast ...": whose "its" is, is who
        # speaks in the sentence.
        near = Segment(seg.start, min(seg.end, work.end + WINDOW), seg.paragraph)
        for clause in find_clauses(text, [near]) if work.start - seg.start < 2 * WINDOW else []:
            sp = clause.speaker
            if sp is not None and sp.kind == "name" and not _inside(sp, work):
                return sp.name
    return None


def named_in_full(org: str, before: int, names: NameTable) -> str:
    """The organisation as the text names it in full, for an acronym or a bare common noun.

    "the IMF" -> "International Monetary Fund" when the text spells that out; "The authority's annual
    report" -> "Metropolitan Transit Authority" named before it. Only one candidate name will do: with
    two authorities named, "the authority" stays as written rather than pick the wrong one.
    """
    if is_acronym(org):
        found = names.spelled_out(org.lower())
        return found.pop() if len(found) == 1 else org
    if org.islower() and " " not in org:
        count, only = names.only_head_before(org, before)
        return only if count == 1 and only is not None else org
    return org


def full_name_for(text: str, sp: Speaker, names: NameTable | None = None) -> str | None:
    """'the bank' -> 'Central Bank of Norland' when the text named exactly one body built on that
    noun before it; None otherwise (two banks named: no guess)."""
    if not is_anaphoric(sp) or sp.head in GENERIC_BODIES or sp.head in DATA_WORDS:
        return None
    names = NameTable(text[: sp.start]) if names is None else names
    # Only a body named in the anaphor's own paragraph, or the subject of the lead sentence (the
    # story's protagonist), is what "the bank" goes back to: "Workers walked out. The European
    # Union has funded the plant. [new paragraph] The union said" is a trade union.
    para = text.rfind("\n\n", 0, sp.start)
    lead = names.lead_end()
    found = names.heads_between(sp.head, para, sp.start) | names.heads_before(
        sp.head, min(lead, sp.start - 1)
    )
    if len(found) != 1:
        return None
    full = found.pop()
    # "Unite, Britain's largest union, ... the European Union": another body the text calls by
    # the same noun makes "the union" ambiguous.
    count, only = names.described_as(sp.head).distinct_upto(sp.start)
    if count > 1 or (count == 1 and only != full.split()[-1]):
        return None
    return full


def _possessor_before(text: str, seg: Segment, pos: int) -> str | None:
    """ "The Economist Intelligence Unit's Democracy Index": the name whose possessive precedes a title."""
    low = max(seg.start, pos - WINDOW)
    end = pos
    while end > low and text[end - 1].isspace():
        end -= 1
    if end - 2 < low or text[end - 2 : end] not in _POSSESSIVE_ENDS:
        return None  # the last token, which ends there, is no possessive
    toks = tokens(text, low, pos)
    if not toks or not toks[-1].is_capitalised or not POSSESSIVE_END.search(toks[-1].text):
        return None
    sp = noun_phrase_ending(text, toks, len(toks) - 1, seg.start)
    if sp is None or sp.kind != "name":
        return None
    return POSSESSIVE_END.sub("", sp.name)


def _intro_phrase(
    text: str, seg: Segment, work: CitedWork, intro: tuple[int, int]
) -> Speaker | None:
    """The noun phrase of the work noun that introduces a title ("The Lakeside Institute's survey")."""
    for m in _MENTION_NOUN_ANY.finditer(text, max(seg.start, intro[0]), min(seg.end, intro[1])):
        if work.start <= m.start() < work.end:
            continue
        toks = phrase_tokens(text, seg.start, m.end())
        if toks:
            return noun_phrase_ending(text, toks, len(toks) - 1, seg.start)
    return None


def published_by(text: str, segs: list[Segment], work: CitedWork, start: int) -> str | None:
    """'published on Wednesday by X', 'a study by X' standing after `start` in its sentence."""
    seg = sentence_at(segs, start)
    if seg is None:
        return None
    right_after = _BY_AFTER_TITLE.match(text, work.end)
    if right_after and start <= work.start:
        sp = speaker_after(text, right_after.end(), seg.end, seg.start)
        if sp is not None and sp.kind == "name":
            return sp.name
    for m in _PUBLISHED_BY.finditer(text, max(seg.start, start - 5), min(seg.end, start + WINDOW)):
        sp = speaker_after(text, m.end(), seg.end, seg.start)
        if sp is not None and sp.kind in {"name", "common"} and not _inside(sp, work):
            return sp.name
    return None


def _inside(sp: Speaker, work: CitedWork) -> bool:
    return sp.start < work.end and work.start < sp.end


def appositive_organisations(text: str, segs: list[Segment], works: list[CitedWork]) -> None:
    """'The Meridian Trust, a Geneva-based research group, says ... The report titled X': the Center issued X.

    Weak evidence, so used only when it cannot point at the wrong work: one work still without an
    organisation, one such organisation named in its paragraph or the one before.
    """
    orphans = [w for w in works if w.organisation is None]
    if len(orphans) != 1:
        return
    work = orphans[0]
    seg = sentence_at(segs, work.start)
    if seg is None:
        return
    known = {normalise_name(w.organisation) for w in works if w.organisation}
    names: dict[str, str] = {}
    for m in _APPOSITIVE_ORG.finditer(text):
        at = sentence_at(segs, m.start())
        if (
            at is None
            or not (seg.paragraph - 1 <= at.paragraph <= seg.paragraph)
            or m.start() > work.end
        ):
            continue
        sp = speaker_before(text, m.start(), at.start)
        if sp is not None and sp.kind == "name" and normalise_name(sp.name) not in known:
            names.setdefault(normalise_name(sp.name), sp.name)
    if len(names) == 1:
        work.organisation = next(iter(names.values()))


def display_organisation(text: str, name: str) -> str:
    """The organisation's name as a bibliography should print it.

    Names are matched without a leading article; when the source writes the name with "the" at
    every mention ("The Meridian Trust ...", "the Meridian Trust says"), the article belongs to the
    name and is restored: "The Meridian Trust".
    """
    if not name or name.lower().startswith("the "):
        return name
    mentions = [m.start() for m in re.finditer(re.escape(name), text)]
    if not mentions:
        return name
    with_article = sum(
        1 for pos in mentions if re.search(r"\b[Tt]he\s+$", text[max(0, pos - 5) : pos])
    )
    return f"The {name}" if with_article == len(mentions) else name
