"""Checking a draft against the library: every number traced to its source, or flagged.

The glue between reading a draft (citekit.check.drafts), the library's figure records and matching
(citekit.check.matching). I/O happens here and nowhere deeper: the draft file is read once, the library's
figures are loaded once, and everything in between is pure.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekit.check.drafts.reader import format_for, read_draft
from citekit.check.drafts.records import Draft, DraftNumber
from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import Quantity
from citekit.check.matching.records import Claim, Verdict
from citekit.check.matching.scores import judge_scores
from citekit.check.matching.verdicts import VERDICTS, claim_context, judge, rejudge_taken
from citekit.check.stored import StoredFigureIndex
from citekit.errors import SourceError

if TYPE_CHECKING:
    from citekit.library.folder import Library
    from citekit.library.index.candidates import FigureQueries

DEFAULT_FAIL_ON = ("mismatch", "elsewhere", "unsourced")


@dataclass
class NumberResult:
    """One number of the draft and its verdict."""

    number: DraftNumber
    verdict: Verdict

    @property
    def figure(self) -> dict[str, Any] | None:
        return self.verdict.match.figure if self.verdict.match else None

    def chain(self) -> list[str]:
        """source key -> the work it credits the figure to (when it names one)."""
        figure = self.figure
        if figure is None:
            return []
        out = [str(figure.get("source"))]
        if figure.get("attributed_to"):
            out.append(str(figure["attributed_to"]))
        return out

    def to_dict(self) -> dict[str, Any]:
        n, v = self.number, self.verdict
        f = n.figure
        figure = self.figure
        agreement = v.match.agreement if v.match else None
        return {
            "text": n.text,
            "line": n.line,
            "column": n.column,
            "cited": list(n.cited),
            "verdict": v.verdict,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "unit": f.unit,
            "kind": f.kind,
            "qualifier": f.qualifier,
            "cited_by": n.cited_by or None,
            "footnote": n.footnote,
            "sentence": n.sentence,
            "figure": figure,
            "source": figure.get("source") if figure else None,
            "source_value": figure.get("value") if figure else None,
            "source_text": figure.get("text") if figure else None,
            "attribution": self.chain(),
            "similarity": round(v.match.similarity, 3) if v.match else None,
            "exact": agreement.exact if agreement else None,
            "rounding": agreement.rounding if agreement else False,
            "transposed": v.transposed,
            "note": v.note,
            "unknown_keys": list(v.unknown_keys),
            "also": [_brief(a) for a in v.also],
            "sum_of": [_brief(a) for a in v.sum_of],
            "because": v.because,
            "score": round(v.score, 3),
            "weak": v.weak,
        }


def _brief(figure: dict[str, Any]) -> dict[str, Any]:
    return {k: figure.get(k) for k in ("id", "source", "text", "value", "sentence")}


@dataclass
class UnknownKey:
    """A citekey the library does not know, like LaTeX's undefined citation."""

    key: str
    lines: list[int]


@dataclass
class CheckReport:
    draft: str  # the path, or "-" for text given directly
    format: str
    results: list[NumberResult]
    unknown_keys: list[UnknownKey]
    cited_keys: list[str]
    library_sources: int
    library_figures: int
    timings: dict[str, float] = field(default_factory=dict)
    parsed: Draft | None = None

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for r in self.results:
            out[r.verdict.verdict] += 1
        return out

    def by_verdict(self, verdict: str) -> list[NumberResult]:
        return [r for r in self.results if r.verdict.verdict == verdict]

    def failed(self, fail_on: Iterable[str] = DEFAULT_FAIL_ON) -> bool:
        wanted = set(fail_on)
        return any(r.verdict.verdict in wanted for r in self.results)

    def to_json(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "draft": self.draft,
            "format": self.format,
            "summary": {"numbers": len(self.results), **counts},
            "numbers": [r.to_dict() for r in self.results],
            "unknown_keys": [u.key for u in self.unknown_keys],
            "undefined_citations": [{"key": u.key, "lines": u.lines} for u in self.unknown_keys],
            "cited_keys": self.cited_keys,
            "library": {"sources": self.library_sources, "figures": self.library_figures},
        }


def read_draft_file(path: Path) -> str:
    """The draft's text; a missing or unreadable file is one clear SourceError."""
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if path.is_dir():
        raise SourceError(f"{path}: is a directory, not a draft")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file, not a draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def claim_of(number: DraftNumber) -> Claim:
    f = number.figure
    quantity = Quantity(f.text, f.value, f.low, f.high, f.unit, f.kind, f.qualifier)
    return Claim(
        quantity,
        number.sentence,
        number.local_start,
        number.local_end,
        number.cited,
        number.breaks,
    )


_DIGIT = re.compile(r"\d")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|both|all|its|their|our|his|her|my|your)\s+$", re.IGNORECASE
)
SMALL_WORD_COUNT = 10


def incidental_count(number: DraftNumber, verdict: Verdict) -> bool:
    """A small count written in words that no source holds and that is no measurement: "three
    reasons", "two ministers have resigned", "the two countries". Not reported at all (there is
    no verdict for "not checked"), under a conservative rule:

    - written in words, not digits ("three", never "3"), a whole count below ten (never a
      share, money, a measure or a duration);
    - the verdict would be `unsourced` (no source holds it: a cited figure that holds it or
      gives another value for the same thing is still reported, traced or mismatch);
    - and no citation stands in its sentence, or it reads as a reference to things already
      named ("the two countries", "both", "its three").

    A written count whose sentence cites a source ("Twelve people died [@flood]") is checked
    like any other number.
    """
    f = number.figure
    if verdict.verdict != "unsourced" or _DIGIT.search(number.text):
        return False
    if f.kind in ("percent", "money", "measure", "duration") or f.value is None:
        return False
    if f.value != int(f.value) or not 0 < f.value < SMALL_WORD_COUNT:
        return False
    if number.cited_by != "sentence":
        return True
    return bool(_DETERMINER_BEFORE.search(number.sentence[: number.local_start]))


def check_text(
    text: str,
    fmt: str,
    figures: list[dict[str, Any]],
    known: Iterable[str],
    name: str = "-",
) -> CheckReport:
    """Check a draft's text against figure records (pure: no library, no files)."""
    t0 = time.perf_counter()
    draft = read_draft(text, fmt)
    t1 = time.perf_counter()
    index = FigureIndex(figures)
    counts = (len({str(f.get("source")) for f in figures}), len(figures))
    timings = {"read draft": t1 - t0, "index": time.perf_counter() - t1}
    return _check(draft, index, frozenset(known), fmt, name, counts, timings)


def _check(
    draft: Draft,
    index: Any,
    known: frozenset[str],
    fmt: str,
    name: str,
    counts: tuple[int, int],
    timings: dict[str, float],
) -> CheckReport:
    """The verdicts of a read draft's numbers against `index` (a FigureIndex or its like)."""
    t2 = time.perf_counter()
    claims = [claim_of(n) for n in draft.numbers]
    try:
        verdicts = rejudge_taken(claims, [judge(c, index, known) for c in claims], index, known)
        verdicts = judge_scores(claims, verdicts, index, known)
    finally:
        claim_context.cache_clear()
    results = [
        NumberResult(n, v)
        for n, v in zip(draft.numbers, verdicts, strict=True)
        if not incidental_count(n, v)
    ]
    timings["match"] = time.perf_counter() - t2
    unknown: dict[str, list[int]] = {}
    for citation in draft.citations:
        if citation.footnote is not None:
            continue  # a marker repeats its footnote's citations
        for key in citation.keys:
            if key not in known:
                lines = unknown.setdefault(key, [])
                if citation.line not in lines:
                    lines.append(citation.line)
    return CheckReport(
        draft=name,
        format=fmt,
        results=results,
        unknown_keys=[UnknownKey(k, lines) for k, lines in unknown.items()],
        cited_keys=draft.cited_keys(),
        library_sources=counts[0],
        library_figures=counts[1],
        timings=timings,
        parsed=draft,
    )


def stored_index(queries: FigureQueries, claims: list[Claim]) -> StoredFigureIndex:
    """The index's figures as a draft's claims need them: those of the sources they cite and
    those near their values, with the rarities of the claims' words at hand."""
    wanted = []
    for claim in claims:
        point = claim.quantity.point
        if point is not None:
            wanted.append((point, claim.quantity.step(point) or 0.0))
    index = StoredFigureIndex(queries, wanted)
    index.held_by(dict.fromkeys(k for c in claims for k in c.cited))
    index.idf.prefetch(w for c in claims for w in claim_context(c).weights)
    return index


def check_draft(library: Library, path_or_text: Path | str, fmt: str | None = None) -> CheckReport:
    """Check a draft (a Path to read, or the draft's text itself) against the library.

    A string is always the draft's text (stdin gives one), never a file name: no guessing. The
    format is `fmt`, else the file's suffix (.md, .tex, .txt), else Markdown. The library's
    figures are read through its index, only those the draft's numbers need.
    """
    from citekit.library.index import open_index

    t0 = time.perf_counter()
    if isinstance(path_or_text, Path):
        text = read_draft_file(path_or_text)
        name = str(path_or_text)
        fmt = fmt or format_for(path_or_text)
    else:
        text, name, fmt = path_or_text, "-", fmt or "md"
    t1 = time.perf_counter()
    store = open_index(library)
    store.raise_unreadable()
    known = frozenset(library.keys())
    queries = store.figure_queries()
    t2 = time.perf_counter()
    draft = read_draft(text, fmt)
    t3 = time.perf_counter()
    index = stored_index(queries, [claim_of(n) for n in draft.numbers])
    timings = {
        "read file": t1 - t0,
        "load library": t2 - t1,
        "read draft": t3 - t2,
        "index": time.perf_counter() - t3,
    }
    return _check(draft, index, known, fmt, name, queries.counts(), timings)
