"""Why a verdict was given, in words a person can check, and how strongly the evidence holds.

`because` names the figure the verdict rests on (its source and text), how the values agree (the
same value, or which rounding), and which words of the draft's sentence the source's sentence
shares near it. `score` (0 to 1) is how strongly that evidence supports the verdict: a traced
number whose words the source shares scores near 1, one traced on its value alone about 0.3; a
mismatch with a figure clearly about the same thing near 1; an unsourced number with nothing
near its value in the library 1.
"""

from __future__ import annotations

from citekit.check.matching.context import Context, holds
from citekit.check.matching.index import figure_context
from citekit.check.matching.quantity import Quantity
from citekit.check.matching.records import Claim, Match, Verdict

SHOWN_WORDS = 4
_SURE = 0.4  # a likeness of words at which "the same thing" is beyond doubt


def shared_words(draft: Context, source: Context, limit: int = SHOWN_WORDS) -> list[str]:
    """The draft's words near its number that the source's sentence holds near its figure
    (exactly or by stem), closest to the draft's number first."""
    found = [(weight, word) for word, weight in draft.weights.items() if holds(word, source) > 0]
    found.sort(key=lambda pair: (-pair[0], pair[1]))
    return [w for _, w in found[:limit]]


def _words(draft: Context, match: Match) -> str:
    words = shared_words(draft, figure_context(match.figure))
    if not words:
        return "no words in common near it"
    return "shared words: " + ", ".join(words)


def _sure(similarity: float) -> float:
    return min(1.0, similarity / _SURE)


def _how(match: Match) -> str:
    agreement = match.agreement
    if agreement is None:
        return ""
    if agreement.exact:
        return "the same value" + (f" ({agreement.note})" if agreement.note else "")
    return agreement.note or "a faithful rounding"


def explain(claim: Claim, verdict: Verdict, draft: Context) -> tuple[str, float]:
    """(because, score) for one verdict of one claim."""
    q: Quantity = claim.quantity
    match = verdict.match
    if verdict.verdict == "traced" and match is not None and match.figure.get("kind") == "text":
        text = (
            f"{match.figure.get('source')} writes {match.figure.get('text')!r} but did not record"
            f" it as a figure; {_words(draft, match)}; a weaker match"
        )
        return text, round(0.3 + 0.2 * _sure(match.similarity), 3)
    if verdict.verdict == "traced" and match is not None and match.figure.get("kind") == "name":
        if match.figure.get("short_form"):
            text = (
                f"{match.figure.get('source')} names {match.figure.get('text')!r}; the draft's"
                f" {q.text!r} reads as its short form, a name, not a quantity; a weaker match"
            )
            return text, 0.4
        text = (
            f"{match.figure.get('source')} names {match.figure.get('text')!r} verbatim: a name,"
            " not a quantity"
        )
        return text, 0.8
    if verdict.verdict == "traced" and match is not None:
        text = f"{match.figure.get('source')} states {match.figure.get('text')!r}: {_how(match)}"
        text += f"; {_words(draft, match)}"
        if verdict.weak:
            return text + "; a weaker match: the value alone, no figure there says otherwise", (
                0.3 + 0.2 * _sure(match.similarity)
            )
        score = 0.55 + 0.45 * _sure(match.similarity)
        if match.discord:
            score -= 0.2
        if match.agreement is not None and not match.agreement.exact:
            score -= 0.05
        if verdict.also:
            score -= 0.1  # ambiguous: another figure holds the value too
        return text, round(max(0.0, score), 3)
    if verdict.verdict == "mismatch" and match is not None:
        text = (
            f"{match.figure.get('source')} gives {match.figure.get('text')!r} for what the draft"
            f" calls {q.text!r}; {_words(draft, match)}"
        )
        if verdict.transposed:
            text += "; the same digits in another order"
        score = 0.5 + 0.5 * _sure(match.similarity) + (0.2 if verdict.transposed else 0.0)
        return text, round(min(1.0, score), 3)
    if verdict.verdict == "elsewhere" and match is not None:
        cited = ", ".join(claim.cited) if claim.cited else "no citation"
        text = (
            f"not in {cited}; {match.figure.get('source')} states {match.figure.get('text')!r}:"
            f" {_how(match)}; {_words(draft, match)}"
        )
        return text, round(0.5 + 0.5 * _sure(match.similarity), 3)
    if claim.cited:
        text = (
            f"no figure of {', '.join(claim.cited)} or any other recorded source holds {q.text!r}"
        )
    else:
        text = f"no citation, and no recorded source holds {q.text!r}"
    if verdict.sum_of:
        text += "; it is the sum of two cited figures"
    return text, 1.0
