"""Which cited work or party each figure is given on the authority of, and the cue that says so.

A figure is credited only when the text says who gives it: a reporting clause in its sentence ("the report
says", "according to the UN"), or reported speech still running from an earlier sentence of the paragraph,
or from the paragraph before when the new paragraph plainly continues it ("They include ...", "Besides,
...", "The survey of 1,012 adults ..." after a poll, or a paragraph whose first reporting clause is the
same work again). A new speaker ends the run; a speaker the text does not let us identify ends it too, and
so does a new subject clause ("..., while the Bank of England held its rate at 5.25%"). Anything else
stays unattributed: a wrong attribution would send a fact-checker to the wrong origin, a missing one only
sends them to the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from citekit.cites.cues import Clause, find_clauses
from citekit.cites.phrases import Speaker, is_anaphoric
from citekit.cites.sources import Known, Source, described_as, resolve, work_type
from citekit.cites.spans import Spans, figures_by_sentence, sentences_of
from citekit.cites.speakers import speaker_after
from citekit.cites.vocabulary import (
    DATA_WORDS,
    GENERIC_BODIES,
    PLACE_HEADS,
    SOURCE_HEADS,
    WORK_NOUNS,
)
from citekit.cites.windows import word_positions
from citekit.models import Attribution, CitedWork, Figure, Party
from citekit.read.segment import Segment

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

# A new subject clause ends the speaker's reach: "The Treasury said it would spend 2.5bn, while the
# Bank of England held its rate at 5.25%": the rate is not the Treasury's.
_NEW_SUBJECT = re.compile(
    r",?\s+(?:while|whereas|although|though)\s+(?=(?:the|a|an)\s|[A-Z])"
    r"|;\s+(?=(?:the|a|an)\s|[A-Z])"
)
# "The survey of 1,012 adults ...": a paragraph that opens on the work just reported goes on with it.
_OPENS_ON_WORK = re.compile(
    r"[\"'\u201c\u2018]?\s*(?:the|this|that)\s+(?P<noun>" + "|".join(WORK_NOUNS) + r")\b",
    re.IGNORECASE,
)
# "a 2019 survey by the Valley Farmers Cooperative found": the name speaks as the issuer of an
# untitled work that just came up before it.
_ISSUER_OF = re.compile(
    r"\b(?P<noun>"
    + "|".join(WORK_NOUNS)
    + r")\b[^.,;:\"\u201c\u201d]{0,40}?\b(?:by|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ISSUER_TAIL = re.compile(r"(?:by|from|the)\Z", re.IGNORECASE)
# The strings one of which every `_NEW_SUBJECT` match holds (case as written).
_SUBJECT_MARKS = (";", "though", "while", "whereas")
# Work nouns a text uses for one another: a poll is reported on as "the survey".
_FAMILY = {"poll": "survey", "census": "survey"}


@dataclass(slots=True)
class _Resolved:
    clause: Clause
    source: Source | None  # None: someone speaks, but we cannot tell who
    # `_spoken_family` of its speaker, once read (`family_read`).
    family: str | None = None
    family_read: bool = False

    def spoken_family(self, text: str) -> str | None:
        """`_spoken_family` of the clause's speaker (None without one), read once."""
        if not self.family_read:
            sp = self.clause.speaker
            self.family = _spoken_family(text, sp) if sp is not None else None
            self.family_read = True
        return self.family


def attribute(
    text: str, figures: list[Figure], works: list[CitedWork], parties: list[Party]
) -> list[Attribution | None]:
    """One element per figure, in order: the work or party that covers it, with its cue, or None."""
    segs = sentences_of(text)
    known = Known(works, parties)
    title_spans = Spans((w.start, w.end, i) for i, w in enumerate(works))
    para_end = {seg.paragraph: seg.end for seg in segs}
    by_sentence = _clauses_by_sentence(text, segs, works, known, para_end)
    figures_at = figures_by_sentence(segs, figures, title_spans)
    first_source = _first_sources(segs, by_sentence)
    scope = _NewSubjects(text)

    # The clause whose reported speech is still running, if any.
    context: _Resolved | None = None
    out: list[Attribution | None] = [None] * len(figures)
    paragraph = -1
    with_clauses = sorted(by_sentence)
    s_index = -1
    while True:
        s_index += 1
        if context is None:
            # Nothing runs: the next sentence that matters is the next with a clause of its own.
            k = bisect_left(with_clauses, s_index)
            if k == len(with_clauses):
                break
            s_index = with_clauses[k]
        elif s_index == len(segs):
            break
        seg = segs[s_index]
        if seg.paragraph != paragraph:
            # (Nothing running: nothing to continue.)
            if (
                context is not None
                and paragraph >= 0
                and not _continues(text, seg, context, first_source)
            ):
                context = None
            paragraph = seg.paragraph
            running = _Running(context) if context is not None else _NO_ONE
        elif context is None:
            running = _NO_ONE
        else:
            running = _Running(context, text, seg, known, para_end[seg.paragraph])
        clauses = by_sentence.get(s_index)
        here = figures_at.get(s_index)
        if not clauses:
            # Only the speech running into the sentence can cover its figures.
            speaking = running.get() if here else None
            if speaking is not None and speaking.source is not None:
                for f_index in here or ():
                    out[f_index] = _attribution(f_index, speaking, True)
            context = running.get()
            continue
        if any(r.clause.kind == "weak" for r in clauses):
            strong = [r for r in clauses if r.clause.kind != "weak"]
            clauses = strong or clauses[:1]
        if any(r.source is None for r in clauses):
            _resolve_pronouns(text, clauses, running.get, known, para_end[seg.paragraph])
        # Where a new subject takes over after the last clause ("..., while the Bank held
        # ..."): nothing past it is the speaker's, neither in this sentence nor after it.
        last_end = (
            clauses[0].clause.end if len(clauses) == 1 else max(r.clause.end for r in clauses)
        )
        cut = scope.at(seg.start, seg.end, last_end)
        regions = _regions(clauses, seg, scope, cut) if here else []
        los = [lo for lo, _, _ in regions]
        for f_index in here or ():
            pos = figures[f_index].start
            cover, carried = _covering(regions, los, pos), False
            if cover is None and pos < cut and running.get() is not None:
                cover, carried = running.get(), True
            if cover is not None and cover.source is not None:
                out[f_index] = _attribution(f_index, cover, carried)
        context = _last_speaking(clauses) if cut == seg.end else None
    return out


def _last_speaking(clauses: list[_Resolved]) -> _Resolved:
    """Whose speech runs on after a sentence with these clauses: the last cue's ("..., the Center
    says, citing the ministry": the Center keeps speaking, not the ministry)."""
    if len(clauses) == 1:
        return clauses[0]
    main = [r for r in clauses if r.clause.kind != "citing"] or clauses
    return max(main, key=lambda r: r.clause.cue_start)


class _Running:
    """The reported speech running into a sentence of the same paragraph. Whether the sentence
    stops it (`_ends_speech`) is asked only when something reads it: a sentence whose own clause
    takes over, and which has no pronoun or uncovered figure to give it, need not be read."""

    def __init__(
        self,
        context: _Resolved | None,
        text: str = "",
        seg: Segment | None = None,
        known: Known | None = None,
        upto: int = 0,
    ) -> None:
        self.context = context
        self._asked = (text, seg, known, upto) if context is not None and seg is not None else None

    def get(self) -> _Resolved | None:
        if self._asked is not None:
            text, seg, known, upto = self._asked
            self._asked = None
            assert seg is not None and known is not None and self.context is not None
            if _ends_speech(text, seg, self.context, known, upto):
                self.context = None
        return self.context


# No speech runs into the sentence (shared: nothing about it changes).
_NO_ONE = _Running(None)


def _clauses_by_sentence(
    text: str,
    segs: list[Segment],
    works: list[CitedWork],
    known: Known,
    para_end: dict[int, int],
) -> dict[int, list[_Resolved]]:
    """Every reporting clause with the source it resolves to on its own, by sentence index."""
    anchors = {w.end: w.start for w in works}
    for w in works:
        for m in w.mentions:
            anchors.setdefault(m.end, m.start)
    by_sentence: dict[int, list[_Resolved]] = {}
    for clause in find_clauses(text, segs, anchors):
        upto = para_end[segs[clause.sentence].paragraph]
        source = resolve(text, clause.speaker, known, upto)
        by_sentence.setdefault(clause.sentence, []).append(_Resolved(clause, source))
    return by_sentence


def _resolve_pronouns(
    text: str,
    clauses: list[_Resolved],
    context: Callable[[], _Resolved | None],
    known: Known,
    upto: int,
) -> None:
    """Give the clauses of one sentence whose speaker is a pronoun or 'the group' their source.

    Only a clause without a source is given one (a pronoun resolves to none on its own), and
    `context` is read only for one: clauses that all have a source are left as they are."""
    # '"We counted 4,500 birds," said Ana Ruiz': the first person inside the quotation is
    # whoever the closing clause names.
    closing = [r for r in clauses if r.clause.kind == "inverted" and r.source is not None]
    for item in clauses:
        sp = item.clause.speaker
        if (
            closing
            and sp is not None
            and sp.kind == "pronoun"
            and sp.head in {"we", "i"}
            and item.clause.start < closing[0].clause.start
        ):
            item.source = closing[0].source
    # A pronoun speaks for whoever spoke last: earlier in this sentence, or before it (`context`,
    # asked only when the first clause needs it).
    speaking: _Resolved | None = None
    for k, item in enumerate(sorted(clauses, key=lambda r: r.clause.start)):
        sp = item.clause.speaker
        if k == 0 and sp is not None and item.source is None:
            speaking = context()
        if sp is not None and item.source is None and (sp.kind == "pronoun" or is_anaphoric(sp)):
            item.source = _pronoun_source(sp, speaking)
            if item.source is None and sp.kind != "pronoun":
                # "Open Classrooms, a Nairobi-based charity" ... "The charity estimates": with
                # no one speaking, the body the text described with that noun, if only one.
                item.source = described_as(text, sp, known, upto)
        elif sp is not None and item.source is None and _untitled_again(text, sp, speaking):
            # "A UN report says 500. The report also says 200.": the same untitled report.
            item.source = speaking.source if speaking else None
        speaking = item


def _attribution(f_index: int, cover: _Resolved, carried: bool) -> Attribution:
    assert cover.source is not None
    kind, value = cover.source
    c = cover.clause
    return Attribution(
        f_index,
        value if kind == "work" and isinstance(value, int) else None,
        value if kind == "party" and isinstance(value, str) else None,
        c.cue,
        c.cue_start,
        c.cue_end,
        carried,
    )


# Openers that turn to another matter: what follows is no longer the speaker's.
_SHIFT = re.compile(
    r"\s*(?:separately|meanwhile|elsewhere|unrelated(?:ly)?|in\s+other\s+news|in\s+a\s+separate)\b",
    re.IGNORECASE,
)
_OPENS_QUOTE = re.compile(r"\s*[\"\u201c\u2018]")


def _ends_speech(text: str, seg: Segment, context: _Resolved, known: Known, upto: int) -> bool:
    """Whether a sentence inside a paragraph stops the reported speech running into it.

    - 'Separately, a fire destroyed 14 homes': the text turns to another matter.
    - '..., said Jan Ek, an analyst. The central bank targets 2%': a quotation closed by its
      speaker ends there, unless the next sentence goes on quoting, continues ("They include"),
      or speaks through a pronoun ("She said another 2,000").
    """
    if _SHIFT.match(text, seg.start):
        return True
    # The sentence's subject is read only when the answer depends on it.
    subject_of = partial(_subject_of, text, seg)
    if context.clause.kind == "inverted":
        if _CONTINUES.match(text, seg.start) or _OPENS_QUOTE.match(text, seg.start):
            return False
        subject = subject_of()
        return not (subject is not None and subject.kind == "pronoun")
    return _new_body(text, subject_of, context, known, upto)


def _subject_of(text: str, seg: Segment) -> Speaker | None:
    return speaker_after(text, _sentence_subject(text, seg), seg.end, seg.start)


def _new_body(
    text: str,
    subject_of: Callable[[], Speaker | None],
    context: _Resolved,
    known: Known,
    upto: int,
) -> bool:
    """'Dr Park said 30% ... The hospital treats 9,000 patients': a person or body speaking (not
    a work, whose findings run on) is followed by a sentence whose subject is another body that
    could speak for itself: that sentence is the text's, not the speaker's."""
    sp = context.clause.speaker
    if sp is None or sp.kind not in {"name", "common"} or context.spoken_family(text) is not None:
        return False
    subject = subject_of()
    if (
        subject is None
        or subject.kind != "common"
        or subject.determiner not in {"the", "a", "an"}
        or is_anaphoric(subject)
        or subject.head not in SOURCE_HEADS
        or subject.head in DATA_WORDS
        or subject.head in PLACE_HEADS
    ):
        return False
    if _CONTINUES.match(text, subject.start):
        return False
    return resolve(text, subject, known, upto) != context.source


def _sentence_subject(text: str, seg: Segment) -> int:
    """Where the sentence's first word stands (past white space and an opening quote)."""
    k = seg.start
    while k < seg.end and (text[k].isspace() or text[k] in "\"\u201c'\u2018"):
        k += 1
    return k


class _NewSubjects:
    """Where a new subject clause ('while the Bank of England held ...') starts in a stretch of a
    sentence after a point: once asked often, the places of the strings every such clause holds
    are found in one pass over the text (either way the answer is `_new_subject_at`'s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.marks: list[int] | None = None

    def at(self, start: int, end: int, after: int) -> int:
        """`_new_subject_at` of the stretch [start, end) after `after`."""
        marks = self.marks
        if marks is None:
            self.asked += 1
            if self.asked < _MARKS_AFTER:
                return _new_subject_at(self.text, start, end, after)
            marks = self.marks = word_positions(self.text, _SUBJECT_MARKS)
        lo = max(start, after)
        # No mark starts in [lo, end): no string a match needs is found there either.
        i = bisect_left(marks, lo)
        if i == len(marks) or marks[i] >= end:
            return end
        return _new_subject_at(self.text, start, end, after)


# A pass over the whole text costs about what this many stretches read apart do.
_MARKS_AFTER = 5000


def _new_subject_at(text: str, start: int, end: int, after: int) -> int:
    """Where a new subject clause starts in the stretch [start, end) of a sentence after `after`."""
    lo = max(start, after)
    # Every match holds ';' or one of the words (case as written): most stretches hold none.
    if (
        text.find(";", lo, end) < 0
        and text.find("though", lo, end) < 0
        and text.find("while", lo, end) < 0
        and text.find("whereas", lo, end) < 0
    ):
        return end
    m = _NEW_SUBJECT.search(text, lo, end)
    return m.start() if m else end


def _first_sources(
    segs: list[Segment], by_sentence: dict[int, list[_Resolved]]
) -> dict[int, Source | None]:
    """The source of each paragraph's first reporting clause, as far as it resolves on its own."""
    out: dict[int, Source | None] = {}
    for s_index, seg in enumerate(segs):
        if seg.paragraph in out:
            continue
        clauses = [r for r in by_sentence.get(s_index, []) if r.clause.kind != "weak"]
        if clauses:
            out[seg.paragraph] = min(clauses, key=lambda r: r.clause.start).source
    return out


def _continues(
    text: str,
    seg: Segment,
    context: _Resolved | None,
    first_source: dict[int, Source | None],
) -> bool:
    """Whether a new paragraph goes on with the reported speech of the one before.

    It does when it opens like a continuation ("They include ...", "Besides, ..."); when it opens on
    the work that was just reported ("The survey of 1,012 adults ..." after "a poll by Ipsos"); or
    when its first reporting clause is the same work again ("... The report says ..."): the text
    keeps reporting that work, so what comes before that clause is its too.
    """
    if _CONTINUES.match(text, seg.start):
        return True
    if context is None or context.source is None:
        return False
    opening = _OPENS_ON_WORK.match(text, seg.start)
    family = context.spoken_family(text) if opening is not None else None
    if opening is not None and family is not None:
        noun = WORK_NOUNS[opening.group("noun").lower()]
        if _FAMILY.get(noun, noun) == family:
            return True
    source = first_source.get(seg.paragraph)
    return source is not None and source[0] == "work" and source == context.source


def _pronoun_source(sp: Speaker, context: _Resolved | None) -> Source | None:
    """Who a pronoun or a bare 'the group' / 'the data' stands for, given who spoke last.

    'It found' and 'the data shows' continue a work or a party; 'the group said' too (a named body);
    'he said' continues only a party, never a report; 'the company said' after a minister: no one.
    """
    if context is None or context.source is None:
        return None
    if sp.kind == "common":
        return context.source if sp.head in DATA_WORDS or sp.head in GENERIC_BODIES else None
    if sp.head == "it" or context.source[0] == "party":
        return context.source
    return None


def _untitled_again(text: str, sp: Speaker, context: _Resolved | None) -> bool:
    """'the report' right after an untitled report ('a UN report says', 'a survey by X found')
    spoke: the same one."""
    if context is None or context.source is None or context.clause.speaker is None:
        return False
    return (
        sp.kind == "work"
        and sp.determiner in {"the", "this", "that"}
        and sp.possessor is None
        and context.spoken_family(text) == _family(sp)
    )


def _spoken_family(text: str, sp: Speaker) -> str | None:
    """The kind of untitled work a speaker speaks as: its own noun ('a UN report says') or, for a
    name, the work noun it issued just before ('a 2019 survey by the X Cooperative found')."""
    if sp.kind == "work":
        # A titled work is found by its mentions, not as "the report" again.
        return _family(sp) if sp.head in WORK_NOUNS else None
    if sp.kind != "name":
        return None
    return _issuer_family(text, sp)


def _issuer_family(text: str, sp: Speaker) -> str | None:
    lo = max(0, sp.start - 80)
    # An `_ISSUER_OF` match ends on 'by', 'from' or 'the' and white space only: test that first.
    tail = text[lo : sp.start].rstrip()
    if _ISSUER_TAIL.search(tail, max(0, len(tail) - 4)) is None:
        return None
    m = _ISSUER_OF.search(text, lo, sp.start)
    if m is None:
        return None
    noun = WORK_NOUNS[m.group("noun").lower()]
    return _FAMILY.get(noun, noun)


def _family(sp: Speaker) -> str:
    """The kind of work a noun names, where a poll and a survey are one ("the survey" of "a poll")."""
    noun = work_type(sp)
    return _FAMILY.get(noun, noun)


def _regions(
    items: list[_Resolved], seg: Segment, scope: _NewSubjects, cut: int
) -> list[tuple[int, int, _Resolved]]:
    """The stretch of its sentence that each clause reaches, in clause order.

    'X says ...' reaches forward from X to the next clause; '..., X says.' reaches back to the previous
    clause; a mid-sentence 'according to X' reaches both ways. So a lone clause reaches the whole
    sentence, except that a forward clause does not reach figures before its speaker. No clause
    reaches past a new subject clause ('..., while the Bank of England held ...').
    `cut` is where the first such clause after the last clause's end stands (or the sentence end).
    """
    if len(items) == 1:
        # One clause: its region ends at the sentence end, or at its own end when it reaches back.
        item = items[0]
        c = item.clause
        if c.direction == "forward":
            lo, hi = c.start, seg.end
        elif c.direction == "backward":
            lo, hi = seg.start, c.end
        else:
            lo, hi = seg.start, seg.end
        return [(lo, cut if hi > c.end else hi, item)]
    ordered = sorted(items, key=lambda r: r.clause.start)
    # 'Citing figures provided by X, the Center says ...': the Center speaks, X is its source, so the
    # citing phrase (and any figure in it) belongs to the clause it introduces.
    lead_in: dict[int, int] = {}
    if any(r.clause.kind != "citing" for r in ordered):
        lead_in = {
            id(r): ordered[k - 1].clause.start
            for k, r in enumerate(ordered)
            if k > 0 and ordered[k - 1].clause.kind == "citing"
        }
        ordered = [r for r in ordered if r.clause.kind != "citing"]
    out: list[tuple[int, int, _Resolved]] = []
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
            if k + 1 < len(ordered) and ordered[k + 1].clause.direction == "backward":
                # "Exports rose 5%, the ministry said, and imports fell 3%, the agency said": what
                # follows a parenthetical clause belongs to the clause that closes it.
                hi = c.end
        if hi > c.end:
            hi = min(hi, scope.at(seg.start, hi, c.end))
        out.append((lo, hi, item))
        prev_end = c.end
    return out


def _covering(
    regions: list[tuple[int, int, _Resolved]], los: list[int], pos: int
) -> _Resolved | None:
    """The first clause (in order) whose region holds `pos`; regions start in order, so look near."""
    if len(regions) == 1:
        lo, hi, item = regions[0]
        return item if lo <= pos < hi else None
    i = bisect_right(los, pos) - 1
    best: int | None = None
    for k in range(i, max(-1, i - 4), -1):
        lo, hi, _ = regions[k]
        if lo <= pos < hi:
            best = k
    return regions[best][2] if best is not None else None
