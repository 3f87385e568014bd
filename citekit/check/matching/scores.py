"""Scores and tallies ("won 2-1", "a 27-22 defeat", "6–0 in the first set"): one thing, not two.

Extraction reads "2-1" as two numbers; judged apart, each half finds some 2 and some 1 in a
match report, so "won 3-1" against "won 2-1" would pass its "1". A draft's score is checked whole:
traced when a cited source writes the same pair (in either order: "lost 1-2" and "won 2-1" tell
the same result), both halves with the same verdict; otherwise both are flagged, `elsewhere` when
another recorded source writes it, else `unsourced` (with the cited source's scores shown when it
writes some in a sentence like the draft's).

A pair is a score when both sides are whole numbers of at most three digits joined by a hyphen or
a dash with no unit in between, and extraction did not read it as a range (ranges are ascending
and carry what they count: "10-12 ft", "aged 18-34").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citekit.check.matching.index import FigureIndex
from citekit.check.matching.records import Claim, Match, Verdict

_DASH = r"\s?[-\u2013\u2014]\s?"
_AFTER = re.compile(rf"{_DASH}(\d{{1,3}})(?![\d.,]?\d|\s?(?:%|per\b|percent))")
_BEFORE = re.compile(rf"(?<![\d.,])(\d{{1,3}}){_DASH}$")
_WHOLE = re.compile(r"\d{1,3}")
_BEFORE_REACH = 12  # longer than any "123 – " the pattern can match
_ANY_SCORE = re.compile(rf"(?<![\d.,])\d{{1,3}}{_DASH}\d{{1,3}}(?![\d]|[.,]\d)")


@dataclass(frozen=True)
class Score:
    first: int
    second: int
    text: str  # as the draft writes it: "27-22"


def score_of(claim: Claim) -> Score | None:
    """The score a draft's number is half of, if it is one."""
    q = claim.quantity
    text = claim.sentence[claim.start : claim.end]
    if q.value is None or q.kind != "count" or not _WHOLE.fullmatch(text):
        return None
    after = _AFTER.match(claim.sentence, claim.end)
    # The half before ends where the number starts: looked for in the few characters before it
    # (the look-behind still sees what precedes them), so a long sentence is not read again.
    before = _BEFORE.search(claim.sentence, max(0, claim.start - _BEFORE_REACH), claim.start)
    if after and not before:
        return Score(int(text), int(after.group(1)), claim.sentence[claim.start : after.end()])
    if before and not after:
        start = before.start()
        return Score(int(before.group(1)), int(text), claim.sentence[start : claim.end])
    return None


def _writes(sentence: str, score: Score) -> bool:
    for a, b in ((score.first, score.second), (score.second, score.first)):
        if re.search(rf"(?<![\d.,]){a}{_DASH}{b}(?![\d]|[.,]\d)", sentence):
            return True
    return False


def _holder(
    index: FigureIndex, score: Score, among: set[int] | None, skip: set[int]
) -> Match | None:
    """A figure (among these, or any outside `skip`) with one half's value whose sentence writes
    the score. Looked up by value, so a large library costs no more than a small one."""
    for value in (score.first, score.second):
        for i in index.near(float(value), 0.0):
            if (among is not None and i not in among) or i in skip:
                continue
            figure = index.entries[i].figure
            if _writes(str(figure.get("sentence") or ""), score):
                return Match(figure, 1.0)
    return None


def _misquoted(
    verdicts: Sequence[Verdict], claims: Sequence[Claim], i: int, score: Score
) -> tuple[Match, str] | None:
    """The cited source's other score that a half of this one was judged a mismatch with: the
    figure's sentence writes a score ("beat Ely 2-1" for the draft's "beat Ely 3-1")."""
    for j in (i - 1, i, i + 1):
        if not 0 <= j < len(claims) or claims[j].sentence != claims[i].sentence:
            continue
        other = score_of(claims[j])
        v = verdicts[j]
        if other != score or v.verdict != "mismatch" or v.match is None:
            continue
        found = _ANY_SCORE.search(str(v.match.figure.get("sentence") or ""))
        if found:
            return v.match, found.group()
    return None


def judge_scores(
    claims: Sequence[Claim], verdicts: list[Verdict], index: FigureIndex, known: frozenset[str]
) -> list[Verdict]:
    """Each half of a draft's score judged as the whole score (see the module's docstring)."""
    out = list(verdicts)
    for i, claim in enumerate(claims):
        score = score_of(claim)
        if score is None:
            continue
        cited = [k for k in claim.cited if k in known]
        cited_ids = set(index.held_by(cited))
        held = _holder(index, score, cited_ids, set())
        unknown = verdicts[i].unknown_keys
        if held is not None:
            because = (
                f"{held.figure.get('source')} writes the score {score.text!r} whole:"
                f" {str(held.figure.get('sentence'))[:80]!r}"
            )
            out[i] = Verdict("traced", held, None, unknown_keys=unknown, because=because, score=0.9)
            continue
        elsewhere = _holder(index, score, None, cited_ids)
        where = ", ".join(claim.cited) if claim.cited else "no citation"
        if elsewhere is not None:
            src = elsewhere.figure.get("source")
            note = f"the score {score.text!r} is not in {where}; held by {src}"
            out[i] = Verdict(
                "elsewhere", elsewhere, note, unknown_keys=unknown, because=note, score=0.7
            )
            continue
        wrong = _misquoted(verdicts, claims, i, score)
        if wrong is not None:
            match, other = wrong
            because = (
                f"{match.figure.get('source')} writes the score {other!r} where the draft"
                f" writes {score.text!r}"
            )
            out[i] = Verdict(
                "mismatch", match, because, unknown_keys=unknown, because=because, score=0.8
            )
            continue
        because = f"no cited or recorded source writes the score {score.text!r} ({where})"
        out[i] = Verdict(
            "unsourced", None, because, unknown_keys=unknown, because=because, score=0.9
        )
    return out
