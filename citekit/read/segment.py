"""Paragraphs and sentences, as spans of the original text (linear time, no backtracking)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! ? or … (with closing quotes/brackets), followed by space.
# Possessive runs that may only start at the first mark of a run: a megabyte of "....." is read
# once, not once per mark. The pattern opens with the mark itself and checks the character before
# it by a lookbehind placed after it, so the regex engine can skip ahead to the next mark (a pattern
# opening with a lookbehind is tried at every position, about four times slower).
_SENTENCE_END = re.compile(
    r"[.!?\u2026](?<![.!?\u2026].)[.!?\u2026]*+[\"'\u201d\u2019)\]]*+"
    r"(?=\s++([\"'\u201c\u2018(\[]*+)(\S)|\s)"
)
_ABBREVIATIONS_TEXT = """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt gov sen rep rev hon pres messrs
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols fig figs p pp para ch sec
    art eq approx est inc ltd co corp bros dept univ assn govt intl natl e.g i.e etc cf vs al
    u.s u.k u.n e.u a.m p.m"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    paragraph: int  # 0-based paragraph index


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs (blank-line separated), trimmed of surrounding white space."""
    return list(iter_paragraphs(text))


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `paragraphs`, one at a time: a caller that works paragraph by paragraph then
    holds one span, not a list that grows with the text (memory stays flat)."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        span = _trimmed(text, pos, m.start())
        if span is not None:
            yield span
        pos = m.end()
    span = _trimmed(text, pos, len(text))
    if span is not None:
        yield span


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


_DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
# Longest word looked at behind a period: abbreviations are short, and a bounded look keeps a
# megabyte-long line with no spaces linear.
_MAX_ABBREVIATION = 12


def _is_abbreviation(text: str, para_start: int, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    limit = max(para_start, dot - _MAX_ABBREVIATION - 1)
    space = max(text.rfind(" ", limit, dot), text.rfind("\n", limit, dot))
    if space < 0 and limit > para_start:
        return False  # a long word: not an abbreviation
    word = text[space + 1 if space >= 0 else limit : dot].lstrip("(\"'\u201c").lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.").
    if len(word) == 1:
        return word.isalpha()
    return "." in word and _DOTTED_ACRONYM.fullmatch(word) is not None


def split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one paragraph span (used to work paragraph by paragraph)."""
    return _split_paragraph(text, start, end)


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sent_start = start
    for m in _SENTENCE_END.finditer(text, start, end):
        dot = m.start()
        if (
            text[dot] == "."
            and m.end() - dot == 1
            and text[dot - 1].isalpha()
            and not (dot - 7 >= start and text[dot - 7 : dot].isalpha())
            and _is_abbreviation(text, start, dot)
        ):
            # every abbreviation and initial ends in a letter and is at most six letters long,
            # so "5." and "reported." need no look
            continue
        following = m.group(2)
        if following is not None and m.start(2) < end:
            if following.islower():
                continue
            yield sent_start, m.end()
            sent_start = m.start(1)
        else:
            yield sent_start, m.end()
            sent_start = m.end()
    if sent_start < end:
        stripped_start = sent_start
        while stripped_start < end and text[stripped_start].isspace():
            stripped_start += 1
        if stripped_start < end:
            yield stripped_start, end


def sentences(text: str) -> list[Segment]:
    """Sentence spans with their paragraph index, in text order.

    One analysis asks for the sentences of the same text several times (its figures, the works it
    cites, their attribution): the last long text's sentences are kept and handed out again (as a
    new list; segments are immutable), so they are split once."""
    global _last_sentences
    last = _last_sentences
    if last is not None and last[0] is text:
        return list(last[1])
    out: list[Segment] = []
    spans = paragraphs(text)
    for index, (p_start, p_end) in enumerate(spans):
        for s_start, s_end in _split_paragraph(text, p_start, p_end):
            out.append(Segment(s_start, s_end, index))
    if len(text) >= _KEEP_FROM:
        _last_sentences = (text, tuple(out), *_starts_and_ends(spans))
    return out


def _starts_and_ends(spans: list[tuple[int, int]]) -> tuple[array[int], array[int]]:
    return array("q", [a for a, _ in spans]), array("q", [b for _, b in spans])


def sentences_and_paragraphs(text: str) -> tuple[list[Segment], array[int], array[int]]:
    """`sentences(text)`, and the starts and the ends of `paragraphs(text)` (two arrays), the
    paragraphs split once for both and kept, compactly, with the sentences of the last long
    text."""
    last = _last_sentences
    if last is None or last[0] is not text:
        segs = sentences(text)
        last = _last_sentences
        if last is None or last[0] is not text:
            return segs, *_starts_and_ends(paragraphs(text))
    else:
        segs = list(last[1])
    return segs, last[2][:], last[3][:]


# The long text last split by `sentences`, its segments and its paragraphs (one entry: memory
# holds one text's). A short text (a title, a document's opening looked at alone) is split again
# when asked, and does not push out the long one being analysed.
_last_sentences: tuple[str, tuple[Segment, ...], array[int], array[int]] | None = None
_KEEP_FROM = 10_000


def segment_at(segments: list[Segment], offset: int) -> Segment | None:
    """The segment containing `offset` (binary search over sorted, non-overlapping segments; the
    search itself runs in C)."""
    at = bisect_right(segments, offset, key=_START) - 1
    if at >= 0:
        seg = segments[at]
        if offset < seg.end:
            return seg
    return None


_START = attrgetter("start")
