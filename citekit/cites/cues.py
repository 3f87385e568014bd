"""Reporting clauses: who a sentence says is speaking ("the report says", "according to the UN").

Both halves of "who said it" need the same reading of a sentence: `works.find_works` collects the parties
that speak, `attribution.attribute` decides which speaker covers which figure. Keeping the reading in one
place means the two can never disagree about who the speaker of a clause is. The speaker itself is read
by `speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from citekit.cites.lexer import tokens
from citekit.cites.pertext import PerText
from citekit.cites.phrases import QUOTE_CLOSERS, Speaker
from citekit.cites.speakers import speaker_after, speaker_before, title_after
from citekit.cites.titlecase import word_set, word_tree
from citekit.cites.vocabulary import (
    DETERMINERS,
    FUNCTION_WORDS,
    OPENERS,
    PLACE_HEADS,
    REPORTING_VERBS,
    STRONG_VERBS,
    WINDOW,
    WORK_NOUNS,
)
from citekit.read.segment import Segment


def _cue_branches() -> list[str]:
    """'according to', 'citing figures from', a reporting verb, ', saying': the cues of a clause.

    Every branch opens with a literal character and checks that no letter stands before it with a
    look-behind placed after it (what a leading word boundary would say), so the engine skips
    ahead to the next possible first letter instead of trying every branch at every position.
    """
    citing = (
        r"(?:\s+(?:official\s+)?(?:figures|data|statistics|estimates|numbers)"
        r"(?:\s+(?:provided|published|released|compiled|supplied|gathered|collected|issued))?"
        r"(?:\s+(?:by|from))?)?"
    )
    branches = [
        r",\s*(?:saying|adding|estimating|claiming|insisting|arguing|noting)\b",
        r"A(?<!\w.)ccording to\b",
        r"a(?<!\w.)ccording to\b",
        r"C(?<!\w.)iting" + citing,
        r"c(?<!\w.)iting" + citing,
    ]
    by_first: dict[str, list[str]] = {}
    for verb in REPORTING_VERBS.split("|"):
        by_first.setdefault(verb[0], []).append(verb[1:])
    for first, rests in sorted(by_first.items()):
        branches.append(re.escape(first) + r"(?<!\w.)" + word_tree(rests) + r"\b")
    return branches


_CUE = re.compile("|".join(_cue_branches()))
# The comma branch of `_CUE` alone, and its word branches (all the others) without their
# look-behind: `_WORD_CUE` reads the character before the cue instead (`[^\w]`), so the search
# stops only at such characters (mostly spaces), not at every letter a cue may open with.
# `_WORD_CUE_AT` is for a cue at the very start of the text, with nothing before it.
_COMMA_CUE = re.compile(_cue_branches()[0])
_WORD_CUES = "(?:" + "|".join(b.replace(r"(?<!\w.)", "") for b in _cue_branches()[1:]) + ")"
_WORD_CUE = re.compile(r"[^\w]" + _WORD_CUES)
_WORD_CUE_AT = re.compile(_WORD_CUES)


def _cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    """What `_CUE.finditer(text, start, end)` gives, found by the two faster searches.

    No match of one kind can overlap one of the other (a comma cue's word is no reporting verb, a
    word cue holds no comma), so the cues are the two kinds merged in text order; each is then read
    by `_CUE` itself at its place, the very match the whole search would give there.
    """
    at = [m.start() for m in _COMMA_CUE.finditer(text, start, end)]
    pos = start
    if start == 0:
        first = _WORD_CUE_AT.match(text, 0, end)
        if first is not None:
            at.append(0)
            pos = first.end()
    else:
        pos = start - 1
    at += [m.start() + 1 for m in _WORD_CUE.finditer(text, pos, end)]
    at.sort()
    out = []
    for k in at:
        m = _CUE.match(text, k, end)
        assert m is not None
        out.append(m)
    return out


def _cue_kind(cue: str) -> str:
    """Which branch of `_CUE` matched: 'saying', 'according', 'citing' or 'verb'."""
    if cue[0] == ",":
        return "saying"
    if cue[1:9] == "ccording":
        return "according"
    return "citing" if cue[1:6] == "iting" else "verb"


_CLOSERS = frozenset(",.;:!?)\"'\u201d\u2019")
# Cues that are also plural nouns ("claims", "estimates"), and what follows them when they are nouns:
# "Insurance claims rose", "The IMF forecast of 3%". The verbs are listed rather than matched by "-ed",
# so that "the report cites unnamed officials" stays a cue.
_NOUN_OR_VERB = word_set(
    "claims estimates reports records counts documents projects forecasts forecast"
)
_VERB_NEXT = re.compile(
    r"\s+(?:of|for|rose|fell|grew|were|was|are|is|have|has|had|will|would|could|can|may|might|must"
    r"|stood|reached|hit|topped|jumped|dropped|doubled|halved|remain|remained|increased|decreased"
    r"|declined|climbed|soared|surged|slumped|totalled|totaled|show|suggest|vary|varied)\b"
)
# A clause set off by commas mid-sentence: "240 trains a day, the rail operator said, about 60%".
_COMMA_AFTER = re.compile(
    r"\s*(?:(?:on|in|at|last|this|late|earlier)\s+[\w\u00c0-\u024f-]+(?:\s+[\w\u00c0-\u024f-]+){0,3}\s*)?,"
)
# A short tail after a clause-final verb: "..., the ministry said on Wednesday."
_SHORT_TAIL = re.compile(
    r"\s*(?:(?:on|in|at|last|this|late|earlier|in a|in its|in an)\s+[\w\u00c0-\u024f-]+"
    r"(?:\s+[\w\u00c0-\u024f-]+){0,5}\s*)?[.!?;]?[\"'\u201d\u2019)]*\s*$"
)


# Read-only by convention: hashed and compared as a frozen dataclass would be, but made without
# the frozen dataclass's slower construction (tens of thousands per megabyte of text).
@dataclass(slots=True, unsafe_hash=True)
class Clause:
    """A reporting clause: its cue, its speaker (None when it cannot be told) and which way it reaches."""

    cue: str
    cue_start: int
    cue_end: int
    kind: str  # "verb", "according", "citing", "inverted"
    direction: str  # "forward" (X says ...), "backward" (..., X says.), "both" (mid-sentence)
    speaker: Speaker | None
    sentence: int  # index into the sentence list it was found in
    start: int  # first character of cue or speaker
    end: int  # last character of cue or speaker


def find_clauses(
    text: str, sentences: list[Segment], anchors: dict[int, int] | None = None
) -> list[Clause]:
    """Every reporting clause of every sentence, in text order; `anchors`: title end -> start.

    Party detection and attribution read the same sentences with more or fewer titles known: a
    sentence's cues are found once per text, and its clauses are read once and reused whenever
    every title position they looked up gives the same answer again (a clause looks at nothing
    outside its sentence).
    """
    out: list[Clause] = []
    anchors = anchors or {}
    titles = {start: end for end, start in anchors.items()}
    known = _ClauseMemo.of(text).sentences
    any_titles = bool(anchors)
    for index, seg in enumerate(sentences):
        key = (seg.start, seg.end, index)
        sentence = known.get(key)
        if sentence is None:
            cues = _cues(text, seg.start, seg.end)
            # A sentence without a cue has no clause, whatever titles are known (one shared reading).
            sentence = known[key] = _Sentence(cues) if cues else _NO_CUES
        if not sentence.cues:
            continue
        for v in sentence.variants:
            if v.holds(any_titles, anchors, titles):
                out += v.clauses
                break
        else:
            out += sentence.read(text, seg, index, anchors, titles)
    return out


class _Sentence:
    """The cues of one sentence, and each reading of its clauses with the title lookups it made."""

    __slots__ = ("cues", "variants")

    def __init__(self, cues: list[re.Match[str]]) -> None:
        self.cues = cues
        self.variants: list[_Variant] = []

    def read(
        self,
        text: str,
        seg: Segment,
        index: int,
        anchors: dict[int, int],
        titles: dict[int, int],
    ) -> list[Clause]:
        found: list[Clause] = []
        asked_anchors, asked_titles = _Asked(anchors), _Asked(titles)
        for m in self.cues:
            clause = _clause(text, m, seg, index, asked_anchors, asked_titles)
            if clause is not None:
                found.append(clause)
        self.variants.append(
            _Variant(
                found,
                bool(anchors),
                tuple(asked_anchors.asked.items()),
                tuple(asked_titles.asked.items()),
            )
        )
        return found


_NO_CUES = _Sentence([])


class _Asked(Mapping[int, int]):
    """Title positions, noting every position a clause asks about and the answer it got."""

    def __init__(self, values: dict[int, int]) -> None:
        self.values = values
        self.asked: dict[int, int | None] = {}

    def get(self, key: int, default: int | None = None) -> int | None:  # type: ignore[override]
        value = self.values.get(key)
        self.asked[key] = value
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        value = self.values.get(key) if isinstance(key, int) else None
        if isinstance(key, int):
            self.asked[key] = value
        return value is not None

    def __getitem__(self, key: int) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[int]:
        raise TypeError("the positions asked about are noted one by one")

    def __len__(self) -> int:
        return len(self.values)


@dataclass(slots=True)
class _Variant:
    """The clauses of one sentence and the title lookups they were read with."""

    clauses: list[Clause]
    any_titles: bool  # whether titles were known
    anchors: tuple[tuple[int, int | None], ...]  # (position, answer) of each lookup made
    titles: tuple[tuple[int, int | None], ...]

    def holds(self, any_titles: bool, anchors: dict[int, int], titles: dict[int, int]) -> bool:
        if self.any_titles != any_titles:
            return False
        for k, v in self.anchors:
            if anchors.get(k) != v:
                return False
        return not self.titles or all(titles.get(k) == v for k, v in self.titles)


def forget_clauses() -> None:
    """Drop the clauses kept for the last text read (they are kept only to be shared by the
    stages that analyse it)."""
    _ClauseMemo._last = None


class _ClauseMemo(PerText):
    """The sentences read in one text: their cues, and the readings of their clauses."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.sentences: dict[tuple[int, int, int], _Sentence] = {}


def _clause(
    text: str,
    m: re.Match[str],
    seg: Segment,
    index: int,
    anchors: Mapping[int, int] | None,
    titles: Mapping[int, int],
) -> Clause | None:
    kind = _cue_kind(m.group())
    if kind in {"according", "citing"}:
        return _according_clause(text, m, seg, index, titles)
    if kind == "saying":
        return _saying_clause(text, m, seg, index)
    return _verb_clause(text, m, seg, index, anchors)


def _according_clause(
    text: str, m: re.Match[str], seg: Segment, index: int, titles: Mapping[int, int]
) -> Clause | None:
    """'according to X', 'citing figures from X': the speaker follows the cue."""
    cue_start, cue_end = m.start(), m.end()
    kind = _cue_kind(m.group())
    sp = title_after(text, cue_end, seg.end, titles) or speaker_after(
        text, cue_end, seg.end, seg.start
    )
    if sp is None and kind == "citing":
        return None
    lead = text[max(seg.start, cue_start - 8) : cue_start]
    if cue_start - seg.start <= 8 and lead.strip() in {"", '"', "\u201c"}:
        direction = "forward"
    elif _short_tail(text, sp.end if sp else cue_end, seg.end):
        direction = "backward"
    else:
        direction = "both"
    return _make(m, kind, direction, sp, index)


def _saying_clause(text: str, m: re.Match[str], seg: Segment, index: int) -> Clause | None:
    """ "The ministry disputed the figures, saying 212 ...": the sentence's subject says it."""
    subject = speaker_after(text, _subject_start(text, seg), seg.end, seg.start)
    if subject is None or subject.end > m.start() or subject.kind == "pronoun":
        return None
    word = m.group().lstrip(", \t\n")
    start = m.end() - len(word)
    return Clause(word, start, m.end(), "verb", "forward", subject, index, subject.start, m.end())


def _verb_clause(
    text: str, m: re.Match[str], seg: Segment, index: int, anchors: Mapping[int, int] | None
) -> Clause | None:
    """'X says', '..., X said.', '"...," said X': a reporting verb and who stands by it."""
    cue_start, cue_end = m.start(), m.end()
    verb = m.group()
    low = verb.lower()
    # "Insurance claims rose by 27%": a plural noun followed by its verb, not a reporting verb.
    if low in _NOUN_OR_VERB and _VERB_NEXT.match(text, cue_end, seg.end):
        return None
    # "Employers added 175,000 jobs" is not reporting; "..., he added." and "added that" are.
    if low in {"add", "adds", "added"}:
        nxt = text[cue_end : min(seg.end, cue_end + 12)].lstrip()
        if (
            nxt
            and nxt[0] not in ",.;:\"'\u201c\u201d\u2019"
            and not nxt.lower().startswith("that ")
        ):
            return None
    # Only the last words before the cue matter; a bounded slice keeps long sentences linear.
    before = text[max(seg.start, cue_start - WINDOW) : cue_start].rstrip()
    # Inverted: '"...," said the minister.' / '..., says Jane Doe, a spokeswoman.'
    if before and (before[-1] == "," or before[-1] in QUOTE_CLOSERS):
        sp = speaker_after(text, cue_end, seg.end, seg.start)
        if sp is not None:
            rest = text[sp.end : min(seg.end, sp.end + 8)].lstrip()
            if not rest or rest[0] in _CLOSERS:
                return _make(m, "inverted", "backward", sp, index)
    sp = speaker_before(text, cue_start, seg.start, anchors)
    if sp is None:
        words = before.split()
        last = words[-1].lower().strip("\"'\u201d\u2019,") if words else ""
        # 'it is said', 'bodies were found', 'to show': no one is speaking.
        if not last or last in FUNCTION_WORDS or last in DETERMINERS or not last[:1].isalpha():
            return None
        if low not in STRONG_VERBS:
            # 'The rate of inflation shows 5%': someone we cannot name may be speaking. Kept as a
            # weak clause: it silences a sentence that has no other speaker, nothing more.
            return _make(m, "weak", "forward", None, index)
    # '..., a new report says.' reaches back; 'fewer than economists had expected.' does not: a clause
    # that closes the sentence reaches back only when set off by a comma or a quotation.
    set_off = sp is None or _set_off(text, sp.start, seg.start)
    if before and set_off and _short_tail(text, cue_end, seg.end):
        direction = "backward"
    elif before and sp is not None and set_off and _COMMA_AFTER.match(text, cue_end, seg.end):
        # "240 trains a day, the rail operator said, about 60% of ...": a parenthetical clause
        # covers the figures on both sides of it.
        direction = "both"
    else:
        direction = "forward"
    if sp is not None and _is_place(sp) and low not in STRONG_VERBS:
        # "the city of Seville recorded 44.6 degrees": a measurement, not a report. Kept weak so
        # it still silences its sentence and ends any reported speech running into it.
        return _make(m, "weak", "forward", None, index)
    return _make(m, "verb", direction, sp, index)


def _is_place(sp: Speaker) -> bool:
    """'the city of Seville', 'the town': a place, which measures but does not give figures."""
    return sp.kind == "common" and sp.head in PLACE_HEADS


_TITLING = re.compile(r"\b(?:titled|entitled|called|dubbed)\W*$")
_WORK_NOUN_WORD = re.compile(r"\b(?:" + "|".join(WORK_NOUNS) + r")\b", re.IGNORECASE)


def _set_off(text: str, pos: int, sentence_start: int) -> bool:
    """Whether a comma, a dash or a closing quotation stands just before `pos` (white space aside)."""
    k = pos - 1
    while k >= sentence_start and text[k].isspace():
        k -= 1
    if k >= sentence_start and text[k] in ",\u2014\u2013-\"'\u201d\u2019":
        return True
    # ", a report published on Wednesday by X says." / ", the report titled X says.": the work is
    # what is set off, from the comma before its noun.
    titled = text[max(sentence_start, k - 12) : k + 1].lower()
    if titled.endswith((" by", " from")) or _TITLING.search(titled):
        comma = text.rfind(",", max(sentence_start, k - WINDOW), k)
        return comma >= 0 and _WORK_NOUN_WORD.search(text, comma, pos) is not None
    return False


def _short_tail(text: str, pos: int, end: int) -> bool:
    """Whether only a short adjunct ("on Wednesday.") follows `pos` before the sentence ends."""
    return end - pos <= 60 and _SHORT_TAIL.fullmatch(text, pos, end) is not None


def _subject_start(text: str, seg: Segment) -> int:
    """Where the sentence's subject starts, past an opener such as 'But' or 'However,'."""
    toks = tokens(text, seg.start, min(seg.end, seg.start + 40))
    k = 0
    while k < len(toks) and (toks[k].lower in OPENERS or toks[k].text in {",", '"', "\u201c"}):
        k += 1
    return toks[k].start if k < len(toks) else seg.start


def _make(m: re.Match[str], kind: str, direction: str, sp: Speaker | None, index: int) -> Clause:
    start = min(m.start(), sp.start) if sp else m.start()
    end = max(m.end(), sp.end) if sp else m.end()
    return Clause(m.group(), m.start(), m.end(), kind, direction, sp, index, start, end)
