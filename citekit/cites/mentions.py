"""Later references to a cited work: the title again, "the report", "the Meridian Trust's report".

Recorded as mentions because attribution needs them: "according to the report" must land on the right
work. A reference that cannot be resolved without guessing (two reports and "the report") is left
unresolved.
"""

from __future__ import annotations

import re

from citekit.cites.cues import find_clauses
from citekit.cites.lexer import Token, tokens
from citekit.cites.names import NameIndex, same_organisation, short_form_of
from citekit.cites.nounscan import WorkNouns
from citekit.cites.phrases import Speaker, noun_phrase_ending
from citekit.cites.spans import Spans, sentence_at
from citekit.cites.titlecase import word_set, word_tree
from citekit.cites.vocabulary import DETERMINERS, WINDOW, WORK_NOUNS
from citekit.models import CitedWork, Span
from citekit.read.segment import Segment

_SPACE = re.compile(r"\s+")
_NEAR = 24
_BEFORE_THE = frozenset({"of", "for", "on"})
_FIRST_WORD = re.compile(r"[\w\u00c0-\u024f]+")
_WORD_CHAR = re.compile(r"[\w\u00c0-\u024f]")
# "the trust's previous report" is another work than the one just named.
_OTHER_WORK = word_set(
    "previous earlier prior last former another separate other older second next forthcoming"
)


def repeated_titles(
    text: str, works: list[CitedWork], consumed: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """A title named again with no work noun beside it ("Dry Season was widely read").

    Titles are grouped by first word and length so the text is read once, whatever the number of works.
    """
    groups: dict[str, dict[int, dict[str, int]]] = {}
    for index, work in enumerate(works):
        needle = work.title_text
        first = _FIRST_WORD.match(needle)
        if len(needle) >= 4 and first:
            groups.setdefault(first.group(), {}).setdefault(len(needle), {}).setdefault(
                needle, index
            )
    if not groups:
        return []
    taken = Spans(
        [(s, e, 0) for s, e in consumed]
        + [(w.start, w.end, 0) for w in works]
        + [(m.start, m.end, 0) for w in works for m in w.mentions]
    )
    found: list[tuple[int, int, int]] = []
    # Only the words that open a title are looked for, each as a whole word.
    first_words = re.compile(word_tree(list(groups)) + r"(?![\w\u00c0-\u024f])")
    for m in first_words.finditer(text):
        pos = m.start()
        if pos > 0 and (_WORD_CHAR.match(text, pos - 1) or text[pos - 1].isalnum()):
            continue  # the end of a longer word
        lengths = groups[m.group()]
        for length, needles in list(lengths.items())[:50]:
            end = pos + length
            index = needles.get(text[pos:end])
            if index is None or (end < len(text) and text[end].isalnum()):
                continue
            if taken.overlapping(pos, end) is None:
                works[index].mentions.append(Span(pos, end))
                found.append((pos, end, index))
            break
    return found


# --- mentions ---------------------------------------------------------------------------------------


def resolve_mentions(
    text: str,
    segs: list[Segment],
    works: list[CitedWork],
    occurrences: list[tuple[int, int, int]],
    consumed: list[tuple[int, int]],
) -> None:
    """Later references to each work: 'the report', 'a new report', "the Meridian Trust's report"."""
    if not works:
        return
    events: list[tuple[int, int, int | None, Speaker | None]] = [
        (s, e, i, None) for s, e, i in occurrences
    ]
    taken = Spans((s, e, 0) for s, e in consumed)
    for start, end in WorkNouns.of(text).whole_words():
        if start in taken:
            continue
        seg = sentence_at(segs, start)
        if seg is None:
            continue
        toks = phrase_tokens(text, seg.start, end)
        sp = noun_phrase_ending(text, toks, len(toks) - 1, seg.start) if toks else None
        if sp is None or sp.kind != "work" or not (sp.determiner or sp.possessor):
            continue
        if _OTHER_WORK.intersection(sp.name.lower().split()):
            continue
        if taken.overlapping(sp.start, sp.end) is not None:
            continue
        events.append((sp.start, sp.end, None, sp))
    events.sort(key=lambda ev: ev[0])
    first_at = {i: works[i].start for i in range(len(works))}
    by_type: dict[str, list[int]] = {}
    for i, w in enumerate(works):
        by_type.setdefault(w.work_type, []).append(i)
    orgs = NameIndex()
    for i, w in enumerate(works):
        if w.organisation:
            orgs.add(w.organisation, i)
    last_of_type: dict[str, int] = {}
    for start, end, index, sp in events:
        if sp is None:
            assert index is not None
            last_of_type[works[index].work_type] = index
            continue
        work_type = WORK_NOUNS.get(sp.head, "report")
        same_type = by_type.get(work_type, [])
        target: int | None = None
        if sp.possessor:
            owned = orgs.same_organisation(sp.possessor) or orgs.short_form(sp.possessor)
            if len(owned) == 1:
                target = owned[0]
            elif (
                not owned
                and sp.possessor[:1].isupper()
                and len(same_type) == 1
                and works[same_type[0]].organisation is None
            ):
                target = same_type[0]
                works[target].organisation = sp.possessor
                orgs.add(sp.possessor, target)
        elif sp.determiner in {"a", "an"}:
            if len(same_type) == 1 and start < first_at[same_type[0]]:
                target = same_type[0]
        elif work_type in last_of_type:
            target = last_of_type[work_type]
        elif len(same_type) == 1:
            target = same_type[0]
        if target is not None and sp.determiner in {"its", "their"}:
            target = target if _owner_speaks(text, segs, start, end, works[target]) else None
        if target is not None:
            works[target].mentions.append(Span(start, end))
            last_of_type[work_type] = target
    for work in works:
        work.mentions.sort(key=lambda s: s.start)


def phrase_tokens(text: str, sentence_start: int, end: int) -> list[Token]:
    """The tokens a noun phrase ending at `end` is read from: those of the sentence in `WINDOW`
    characters before it, or only the last of them when these hold what stops every reading.

    A noun phrase is read leftwards over words and "&" only, and never past a determiner other
    than "the" (nor past "the" unless "of", "for" or "on" stands before it): at such a token the
    reading ends, and nothing before it is looked at but, for "the", the token before. So when the
    last `_NEAR` characters (from a white space on, where the tokens of the longer window split
    too) hold such a token before the head, they give the same phrase.
    """
    far = max(sentence_start, end - WINDOW)
    if end - _NEAR > far:
        gap = _SPACE.search(text, end - _NEAR, end)
        if gap is not None:
            near = tokens(text, gap.end(), end)
            if any(_stops_reading(near, q) for q in range(len(near) - 1)):
                return near
    return tokens(text, far, end)


def _stops_reading(toks: list[Token], q: int) -> bool:
    tok = toks[q]
    if not tok.is_word:
        return tok.text != "&"
    if tok.lower not in DETERMINERS:
        return False
    return tok.lower != "the" or (q > 0 and toks[q - 1].lower not in _BEFORE_THE)


def _owner_speaks(text: str, segs: list[Segment], start: int, end: int, work: CitedWork) -> bool:
    """'its report' is this work only when the sentence's speaker is the work's issuer.

    "Amnesty said 74%, the group said in its annual report" names Amnesty's report, not the report the
    article discussed before.
    """
    seg = sentence_at(segs, start)
    if seg is None or not work.organisation:
        return False
    near = Segment(max(seg.start, start - WINDOW), min(seg.end, end + WINDOW), seg.paragraph)
    if near.start != seg.start:
        return False
    for clause in find_clauses(text, [near]):
        sp = clause.speaker
        if sp is not None and sp.kind in {"name", "common"}:
            return same_organisation(sp.name, work.organisation) or short_form_of(
                sp.name, work.organisation
            )
    return False
