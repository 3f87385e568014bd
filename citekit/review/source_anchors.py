"""Checking one source's anchors against its snapshot text: which figures, passages and links
still stand, which moved (re-found exactly: `--fix` may rewrite them), which drifted or went
missing. Pure: text and annotation rows in, an AnchorOutcome out; `anchors` locates each quote.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from citekit.library import annotations as ann
from citekit.review import anchors
from citekit.review.problems import WARNING, Problem


@dataclass
class AnchorOutcome:
    """What checking one source's anchors found, and the rewrites --fix would make."""

    problems: list[Problem] = field(default_factory=list)
    updates: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    figures: int = 0
    links: int = 0  # other annotations anchored on text (cited works, notes)
    all_exact: bool = True


def check_anchors(
    key: str,
    text: str,
    rows: list[tuple[int, dict[str, Any]]],
    ann_path: str,
    readd: str,
) -> AnchorOutcome:
    """Locate every figure and passage of a source in its snapshot text (no I/O).

    Figures are the point; links to cited works and notes anchored on text are re-anchored the
    same way, so --fix leaves no stale selector behind. `updates` maps an annotation id to
    (annotation as read, annotation re-anchored).
    """
    snap = anchors.Snapshot(text)
    out = AnchorOutcome()
    for line, annotation in rows:
        body = annotation.get("body")
        body = body if isinstance(body, dict) else {}
        quote_sel, pos_sel = _selectors(annotation)
        is_figure = body.get("type") == "Figure"
        if not is_figure and quote_sel is None:
            continue
        what = "figure" if is_figure else "link" if body.get("type") == "CitedWork" else "anchor"
        if is_figure:
            out.figures += 1
        else:
            out.links += 1
        short = ann.short_id(str(annotation.get("id", "")))
        updated = annotation  # copied before its first rewrite: most anchors stand as they are
        moved = False
        if quote_sel is not None:
            figure = anchors.Quote(
                quote_sel.get("exact", ""),
                quote_sel.get("prefix", ""),
                quote_sel.get("suffix", ""),
                *_position(pos_sel),
            )
            found = anchors.locate(snap, figure)
            problem = _anchor_problem(what, key, short, ann_path, line, figure, found, readd)
            if found.status != anchors.OK:
                out.all_exact &= found.is_exact
            if problem is not None:
                out.problems.append(problem)
            if found.start is not None and _stale(figure, text, found):
                updated = copy.deepcopy(annotation)
                _set_target(updated, anchors.requote(text, found.start, found.end or found.start))
                moved = True
        passage = body.get("passage") if is_figure else None
        if isinstance(passage, dict) and passage.get("exact"):
            quote = anchors.Quote(
                passage.get("exact", ""),
                passage.get("prefix", ""),
                passage.get("suffix", ""),
                *_position(passage),
            )
            found = anchors.locate(snap, quote)
            problem = _anchor_problem("passage", key, short, ann_path, line, quote, found, readd)
            if found.status != anchors.OK:
                out.all_exact &= found.is_exact
            if problem is not None:
                _add_passage_problem(out.problems, problem, short)
            if found.start is not None and _stale(quote, text, found):
                updated = updated if moved else copy.deepcopy(annotation)
                _set_passage(updated, text, quote, found)
                moved = True
        if moved:
            out.updates[str(annotation.get("id"))] = (annotation, updated)
    return out


def _stale(quote: anchors.Quote, text: str, found: anchors.Anchor) -> bool:
    """Whether the selectors need rewriting: the quote moved, or it stands where it was but the
    text around it changed (its prefix/suffix would no longer help re-find it next time)."""
    if found.status == anchors.MOVED:
        return True
    if found.status != anchors.OK or found.start is None or found.end is None:
        return False
    fresh = anchors.requote(text, found.start, found.end)
    return (fresh.prefix, fresh.suffix) != (quote.prefix, quote.suffix)


def _add_passage_problem(problems: list[Problem], problem: Problem, short: str) -> None:
    """One line per annotation when the figure and its passage share a fate (both moved...)."""
    status = problem.detail["status"]
    last = problems[-1] if problems else None
    if last is not None and last.id == short and last.code == f"figure-{status}":
        last.message += f" (its passage {status} too)"
        last.detail["passage"] = problem.detail
        return
    problems.append(problem)


def _selectors(annotation: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The annotation's selectors; a hand-written target of another shape (an IRI string, a
    single selector object) has none citekit can check."""
    target = annotation.get("target")
    if not isinstance(target, dict) or not isinstance(target.get("selector", []), list):
        return None, None
    if not all(isinstance(sel, dict) for sel in target.get("selector") or []):
        return None, None
    return ann.selectors(annotation)


def _position(selector: dict[str, Any] | None) -> tuple[int | None, int | None]:
    if not selector:
        return None, None
    start, end = selector.get("start"), selector.get("end")
    return (start if isinstance(start, int) else None, end if isinstance(end, int) else None)


def _anchor_problem(
    what: str,
    key: str,
    short: str,
    ann_path: str,
    line: int,
    quote: anchors.Quote,
    found: anchors.Anchor,
    readd: str,
) -> Problem | None:
    shown = _clip(quote.exact)
    detail: dict[str, Any] = {
        "status": found.status,
        "exact": quote.exact,
        "recorded": [quote.start, quote.end],
        "start": found.start,
        "end": found.end,
        "found": found.found,
        "score": found.score,
    }
    if found.status == anchors.OK:
        return None
    if found.status == anchors.MOVED:
        how = " after normalising whitespace/quotes" if found.normalised else ""
        return Problem(
            f"{what}-moved",
            f"{what} {shown!r} moved from {quote.start}-{quote.end} to "
            f"{found.start}-{found.end}{how}",
            "run `citekit verify --fix` to rewrite its anchor (the quote was re-found exactly)",
            key=key,
            id=short,
            path=ann_path,
            line=line,
            severity=WARNING,
            detail=detail,
        )
    if found.status == anchors.DRIFTED:
        return Problem(
            f"{what}-drifted",
            f"{what} {shown!r} is not in the snapshot any more; closest, at "
            f"{found.start}-{found.end} (similarity {found.score:.1f}%), reads "
            f"{_difference(quote.exact, found.found or '')}",
            f"the source now says something else: check the change, then re-record it with "
            f"{readd} to re-extract (never accepted automatically)",
            key=key,
            id=short,
            path=ann_path,
            line=line,
            detail=detail,
        )
    return Problem(
        f"{what}-missing",
        f"{what} {shown!r} cannot be found in the snapshot",
        f"restore the snapshot from git, or re-record the source with {readd} (the figure "
        "will be reported as removed)",
        key=key,
        id=short,
        path=ann_path,
        line=line,
        detail=detail,
    )


def _difference(old: str, new: str) -> str:
    """Where two quotes differ, whole words only: "'…the 2,846 nurses' → '…the 2,864 nurses'"."""
    old, new = " ".join(old.split()), " ".join(new.split())
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    # Widen to whole words plus one word of context each side.
    start = old.rfind(" ", 0, max(0, old.rfind(" ", 0, head)))
    start = 0 if start < 0 else start + 1
    end_old, end_new = _word_end(old, len(old) - tail), _word_end(new, len(new) - tail)
    lead = "…" if start > 0 else ""
    trail_old = "…" if end_old < len(old) else ""
    trail_new = "…" if end_new < len(new) else ""
    return (
        f"'{lead}{_clip(old[start:end_old])}{trail_old}' → "
        f"'{lead}{_clip(new[start:end_new])}{trail_new}'"
    )


def _word_end(text: str, pos: int) -> int:
    """The end of the word after the one holding `pos` (one word of context)."""
    for step in (0, 1):
        nxt = text.find(" ", pos + step)
        if nxt < 0:
            return len(text)
        pos = nxt
    return pos


def _clip(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _set_target(annotation: dict[str, Any], quote: anchors.Quote) -> None:
    start = quote.start or 0
    end = quote.end if quote.end is not None else start
    selectors = []
    for sel in annotation.get("target", {}).get("selector", []) or []:
        if sel.get("type") == "TextQuoteSelector":
            sel = {**sel, "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix}
        elif sel.get("type") == "TextPositionSelector":
            sel = {**sel, "start": start, "end": end}
        selectors.append(sel)
    annotation["target"]["selector"] = selectors


def _set_passage(
    annotation: dict[str, Any], text: str, old: anchors.Quote, found: anchors.Anchor
) -> None:
    """Re-anchor the passage; the attribution cue inside it shifts with it."""
    assert found.start is not None and found.end is not None
    body = annotation["body"]
    new = anchors.requote(text, found.start, found.end)
    body["passage"] = {
        **body["passage"],
        "start": new.start,
        "end": new.end,
        "exact": new.exact,
        "prefix": new.prefix,
        "suffix": new.suffix,
    }
    cue = body.get("cue")
    if isinstance(cue, dict) and old.start is not None and not found.normalised:
        c_start, c_end = cue.get("start"), cue.get("end")
        if isinstance(c_start, int) and isinstance(c_end, int):
            shifted = c_start + found.start - old.start
            if old.start <= c_start and text[shifted : shifted + c_end - c_start] == cue.get(
                "text"
            ):
                cue["start"], cue["end"] = shifted, shifted + c_end - c_start


def same_figures(text: str, rows: list[tuple[int, dict[str, Any]]]) -> bool:
    """Whether extracting the snapshot afresh finds exactly the figures recorded.

    Recording a changed snapshot's hash is only honest when no figure was added or removed by
    the edit (re-anchoring cannot notice a new figure).
    """
    try:
        from citekit.extract import extract_figures
        from citekit.read.ingest import parse_text

        doc = parse_text(text)
        fresh = Counter(f.text for f in extract_figures(doc.body))
    except Exception:  # noqa: BLE001 - extraction failing just means "not provably the same"
        return False
    recorded = Counter(
        a["body"].get("text")
        for _, a in rows
        if isinstance(a.get("body"), dict)
        and a["body"].get("type") == "Figure"
        and a.get("generator") == "citekit:extracted"
    )
    return fresh == recorded
