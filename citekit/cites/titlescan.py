"""Where in a text a title may stand, found cheaply, so that the readings of `titles` are made only
there: the introducing patterns around their verbs, the paragraphs with words in capitals, the
sentences with a genre word or a work noun after a capitalised word. Each finds every place the
reading would use (the docstrings say why), and `tests/test_title_prefilters.py` compares them
with reading everything.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from citekit.cites.nounscan import WorkNouns
from citekit.cites.titlecase import word_set, word_tree
from citekit.cites.vocabulary import WORK_NOUN_ALTERNATION, WORK_NOUNS
from citekit.cites.windows import Folded, finditer_within, windows, word_positions
from citekit.read.segment import Segment

# Every work noun opens with one of these letters: a test the regular expression engine makes
# quickly at each position before trying the nouns themselves (the matches are the same).
_NOUN_FIRST = "(?=[" + "".join(sorted({w[0] for w in WORK_NOUNS})) + "])"
# "a report titled X", "the study, entitled X", "a survey called X".
_INTRO = re.compile(
    _NOUN_FIRST
    + rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})s?\b(?:\s+(?:by|from)\s+[^,.;:\"\u201c]{{1,80}}?)?,?\s+(?:(?:which\s+)?(?:is|was)\s+)?"
    r"(?P<verb>titled|entitled|called|dubbed)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# "The study, published in the journal Nature Medicine and titled X": "titled" may stand further off.
_INTRO_WIDE = re.compile(
    _NOUN_FIRST
    + rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})\b[^.;:!?\"\u201c\u201d]{{1,100}}?\b(?P<verb>titled|entitled)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# Every match of `_INTRO` or `_INTRO_WIDE` holds its verb, "entitled" holds "titled", and before the
# verb stand at most this many characters other than white space: the longest work noun, "s", " by"
# or " from" with 80 characters, ",", "which", "was" (or 100 characters between noun and verb).
_INTRO_VERBS = ("titled", "called", "dubbed")
_INTRO_REACH = max(len(w) for w in WORK_NOUNS) + 100
# Genre words that end titles of their own: 'the Global Peace Index'.
GENRE_WORDS = word_set(
    """report index survey outlook barometer review yearbook atlas census study poll monitor
    tracker ranking scorecard"""
)
# What every such title needs in its sentence (a superset test: it may only let more through): a
# capitalised genre word ("... Peace Index": an upper-case letter, then the word in any case), or a
# capitalised word then a lower-case work noun ("the World Bank Global Findex survey").
_GENRE_OR_WORK = re.compile(
    "[A-Z](?i:"
    + "|".join(sorted((w[1:] for w in GENRE_WORDS), key=len, reverse=True))
    + r")|[^\W\da-z_]\S*\s+(?:"
    + "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
    + ")"
)
# Cheaper than `_GENRE_OR_WORK` over every sentence, and found in every stretch it matches: its
# first part alone, and a white space before a work noun (its second part ends so). Run over the
# whole text once, they name the sentences `_GENRE_OR_WORK` is then asked about.
_GENRE_TAIL = re.compile("[A-Z](?i:" + word_tree(sorted({w[1:] for w in GENRE_WORDS})) + ")")
_NOT_LOWER = re.compile(r"[^\W\da-z_]")
# Two capital letters with neither white space nor a lower-case ASCII letter between them: every
# word that `is_capitals` accepts holds such a pair, so a paragraph without one has no such word.
_TWO_CAPITALS = re.compile(r"[A-Z\u00c0-\u024f][^\sa-z]*?[A-Z\u00c0-\u024f]")
# A stretch of characters other than white space or lower-case ASCII letters holding two such
# capitals, from the first of them to the stretch's end.
_CAPITALS_STRETCH = re.compile(_TWO_CAPITALS.pattern + r"[^\sa-z]*")
_NOT_SPACE_OR_LOWER = re.compile(r"[^\sa-z]")
_SPACE = re.compile(r"\s")


def introductions(text: str) -> list[re.Match[str]]:
    """The matches of `_INTRO` then those of `_INTRO_WIDE`, each as `finditer` over the whole text
    gives them, read only around the verbs."""
    low = Folded.of(text).low
    # A verb starts at the word found or, for "entitled", two characters before it.
    anchors = [(max(0, at - 2), at + 6) for at in word_positions(low, _INTRO_VERBS)]
    spans = windows(text, anchors, _INTRO_REACH)
    return [*finditer_within(_INTRO, text, spans), *finditer_within(_INTRO_WIDE, text, spans)]


def with_two_capital_words(
    text: str, paras: list[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """The paragraphs that may hold a run `titles._capital_runs` keeps (two words in capitals, one of four
    characters or more), each with the stretch of it where words in capitals stand.

    Such a word has no white space and no lower-case ASCII letter, and two letters in capitals: it
    lies in one stretch `_CAPITALS_STRETCH` finds (from that stretch's first capital to its end;
    what stands before that capital counts towards its length). Two words of a run are apart by
    white space, so in two stretches; no stretch crosses from one paragraph into the next. No token
    in capitals stands before the white space ahead of the first stretch or after the white space
    behind the last one, and tokens never hold white space: the tokens between are those of the
    whole paragraph there.
    """
    starts = [start for start, _ in paras]
    seen: dict[int, list[int]] = {}  # paragraph -> [first start, last end, stretches, long one]
    for m in _CAPITALS_STRETCH.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= paras[i][1]:
            continue  # between paragraphs (`paras` are the text's, as `paragraphs` splits it)
        got = seen.get(i)
        if got is None:
            got = seen[i] = [m.start(), m.end(), 0, 0]
        got[1] = m.end()
        got[2] += 1
        if not got[3]:
            lead = m.start()
            while lead > paras[i][0] and _NOT_SPACE_OR_LOWER.match(text, lead - 1):
                lead -= 1
            got[3] = m.end() - lead >= 4
    found: list[tuple[int, int, int, int]] = []
    for i, (first, last, count, long_word) in seen.items():
        if count < 2 or not long_word:
            continue
        p_start, p_end = paras[i]
        low = first
        while low > p_start and not text[low - 1].isspace():
            low -= 1
        space = _SPACE.search(text, last, p_end)
        found.append((p_start, p_end, low, space.start() if space else p_end))
    return found


def genre_sentences(text: str, segs: list[Segment]) -> list[Segment]:
    """The sentences (of `segs`, in text order, not overlapping) where `_GENRE_OR_WORK` matches:
    it is asked only of those touched by a match of `_GENRE_TAIL`, or by a work noun after white
    space that follows a word holding a letter `_NOT_LOWER` finds, and every such sentence is one.

    A match of `_GENRE_OR_WORK` inside a sentence holds a stretch `_GENRE_TAIL` matches, or a
    word with such a letter, white space and a work noun (which `WorkNouns` finds); the match
    `finditer` reports there, or the one it reported instead that overlaps it, touches the
    sentence.
    """
    starts = [seg.start for seg in segs]
    touched: set[int] = set()

    def touch(start: int, end: int) -> None:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(segs) and segs[i].start < end:
            if segs[i].end > start:
                touched.add(i)
            i += 1

    for m in _GENRE_TAIL.finditer(text):
        touch(m.start(), m.end())
    for noun, noun_end in WorkNouns.of(text).places:
        if noun == 0 or not text[noun - 1].isspace():
            continue
        end = noun - 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if _NOT_LOWER.search(text, start, end):
            touch(noun - 1, noun_end)
    return [
        segs[i]
        for i in sorted(touched)
        if _GENRE_OR_WORK.search(text, segs[i].start, segs[i].end) is not None
    ]
