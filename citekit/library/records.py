"""Between analyses, annotations and the figure records users see.

Figure ids are stable: re-extracting a changed source keeps the id of every figure that is still
there (same text in the same sentence, or the same sentence with a new value), and gives new
figures fresh numbers. Annotations citekit did not make from extraction (notes, corrections,
manual links) are carried over untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citekit.library import annotations as ann
from citekit.models import NON_FIGURE_KINDS, Figure

if TYPE_CHECKING:
    from citekit.cites.analysis import Analysis
    from citekit.read.ingest import Document


@dataclass
class FigureChange:
    change: str  # added, removed, changed
    id: str
    old: str | None = None
    new: str | None = None


# Annotations that extraction owns and rebuilds; every other one is the user's.
_GENERATED = "citekit:extracted"
# A passage is the figure's sentence; a "sentence" longer than this (a table flattened into one
# line, text without full stops) is cut to the words around the figure, so that what is stored
# and printed per figure stays bounded whatever the length of the run of text.
PASSAGE_MAX = 1_200
_PASSAGE_REACH = 500


def passage_span(text: str, figure: Figure) -> tuple[int, int]:
    """The passage of a figure: its sentence, or the words around it in an overlong one."""
    s_start, s_end = figure.sentence_start, figure.sentence_end
    if s_end <= s_start:
        return figure.start, figure.end
    if s_end - s_start <= PASSAGE_MAX:
        return s_start, s_end
    lo = max(s_start, figure.start - _PASSAGE_REACH)
    hi = min(s_end, figure.end + _PASSAGE_REACH)
    if lo > s_start:  # start after a space, not inside a word
        space = text.find(" ", lo, figure.start)
        lo = space + 1 if space != -1 else lo
    if hi < s_end:
        space = text.rfind(" ", figure.end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def is_figure_annotation(annotation: dict[str, Any]) -> bool:
    body = annotation.get("body") or {}
    return body.get("type") == "Figure" and body.get("kind") not in NON_FIGURE_KINDS


def _is_generated(annotation: dict[str, Any]) -> bool:
    return annotation.get("generator") == _GENERATED


def _page(doc: Document, offset: int) -> dict[str, Any] | None:
    for page in doc.pages:
        if page.start <= offset < page.end:
            return {"index": page.index, "label": page.label}
    return None


def figure_annotation(
    key: str,
    local: str,
    doc: Document,
    figure: Figure,
    attributed_to: str | None,
    party: str | None,
    cue: dict[str, Any] | None,
) -> dict[str, Any]:
    text = doc.text
    s_start, s_end = passage_span(text, figure)
    body: dict[str, Any] = {
        "type": "Figure",
        "text": figure.text,
        "value": _number(figure.value),
        "low": _number(figure.low),
        "high": _number(figure.high),
        "unit": figure.unit,
        "kind": figure.kind,
        "qualifier": figure.qualifier,
        "paragraph": figure.paragraph,
        "attributed_to": attributed_to,
        "attributed_party": party,
        "cue": cue,
        "passage": {"start": s_start, "end": s_end, **_quote(text, s_start, s_end)},
    }
    page = _page(doc, figure.start)
    if page:
        body["page"] = page
    return {
        "@context": ann.CONTEXT,
        "id": ann.urn(key, local),
        "type": "Annotation",
        "motivation": "identifying",
        "generator": _GENERATED,
        "body": body,
        "target": ann.target(key, text, figure.start, figure.end),
    }


def _number(value: float | None) -> float | int | None:
    """Integers print as integers (2846, not 2846.0) in annotations and JSON."""
    if value is not None and float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _quote(text: str, start: int, end: int) -> dict[str, str]:
    sel = ann.quote_selector(text, start, end)
    return {"exact": sel["exact"], "prefix": sel["prefix"], "suffix": sel["suffix"]}


def work_annotation(key: str, local: str, doc: Document, work, work_key: str) -> dict[str, Any]:
    return {
        "@context": ann.CONTEXT,
        "id": ann.urn(key, local),
        "type": "Annotation",
        "motivation": "linking",
        "generator": _GENERATED,
        "body": {
            "type": "CitedWork",
            "id": work_key,
            "title": work.title,
            "organisation": work.organisation,
            "year": work.year,
            "year_inferred": work.year_inferred,
        },
        "target": ann.target(key, doc.text, work.start, work.end),
    }


def _figure_signature(annotation: dict[str, Any]) -> tuple[str, str]:
    body = annotation["body"]
    return body.get("text", ""), body.get("passage", {}).get("exact", "")


def _number_of(annotation_id: str) -> int:
    parsed = ann.parse_id(annotation_id)
    return parsed[2] if parsed else 0


def build_annotations(
    key: str, analysis: Analysis, work_keys: list[str], old: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Any]]:
    """The new annotation list of a source and the figure changes since `old`."""
    kept = [a for a in old if not _is_generated(a)]
    old_figures = [a for a in old if _is_generated(a) and a.get("motivation") == "identifying"]
    # Manual figures (`link --quote`) hold f<n> ids too: new figures number above them all.
    next_number = 1 + max(
        (_number_of(a["id"]) for a in old if a.get("motivation") == "identifying"), default=0
    )
    drafts = figure_drafts(key, analysis, work_keys)
    assigned, unmatched_old, changes = match_figures(drafts, old_figures)
    for i, draft in enumerate(drafts):
        if i in assigned:
            draft["id"] = assigned[i]
        else:
            draft["id"] = ann.urn(key, f"f{next_number}")
            next_number += 1
            if draft["body"]["kind"] not in NON_FIGURE_KINDS and old_figures:
                changes.append(
                    FigureChange("added", ann.short_id(draft["id"]), None, draft["body"]["text"])
                )
    for old_id, a in unmatched_old.items():
        if a["body"].get("kind") not in NON_FIGURE_KINDS:
            changes.append(FigureChange("removed", ann.short_id(old_id), a["body"]["text"], None))
    return work_links(key, analysis, work_keys) + drafts + kept, changes


def figure_drafts(key: str, analysis: Analysis, work_keys: list[str]) -> list[dict[str, Any]]:
    """An annotation per extracted figure, its attribution resolved to a work key or a party;
    ids are assigned afterwards."""
    drafts: list[dict[str, Any]] = []
    sentences: dict[tuple[int, int], dict[str, Any]] = {}
    for index, figure in enumerate(analysis.figures):
        attribution = analysis.attributions[index] if index < len(analysis.attributions) else None
        attributed_to = party = None
        cue = None
        if attribution is not None:
            if attribution.work_index is not None and attribution.work_index < len(work_keys):
                attributed_to = work_keys[attribution.work_index]
            elif attribution.party:
                party = attribution.party
                attributed_to = attribution.party
            cue = {
                "text": attribution.cue,
                "start": attribution.cue_start,
                "end": attribution.cue_end,
            }
        drafts.append(figure_annotation(key, "f0", analysis.doc, figure, attributed_to, party, cue))
        passage = drafts[-1]["body"]["passage"]  # one sentence's figures share its text
        passage.update(sentences.setdefault((passage["start"], passage["end"]), dict(passage)))
    return drafts


def match_figures(
    drafts: list[dict[str, Any]], old_figures: list[dict[str, Any]]
) -> tuple[dict[int, str], dict[str, dict[str, Any]], list[FigureChange]]:
    """Old figure ids for new drafts: exact signature first, then the same sentence shape.

    Returns (draft index -> old id, old figures left unmatched, the `changed` changes).
    """
    unmatched_old = {a["id"]: a for a in old_figures}
    assigned: dict[int, str] = {}
    by_signature: dict[tuple[str, str], list[str]] = {}
    for a in old_figures:
        by_signature.setdefault(_figure_signature(a), []).append(a["id"])
    for i, draft in enumerate(drafts):
        ids = by_signature.get(_figure_signature(draft))
        if ids:
            old_id = ids.pop(0)
            assigned[i] = old_id
            del unmatched_old[old_id]
    changes: list[FigureChange] = []

    def changed(i: int, old_id: str, old: dict[str, Any]) -> None:
        if drafts[i]["body"]["kind"] not in NON_FIGURE_KINDS:
            changes.append(
                FigureChange(
                    "changed", ann.short_id(old_id), old["body"]["text"], drafts[i]["body"]["text"]
                )
            )

    # imported here: only a source recorded again needs it (and its fuzzy matcher), not `extract`
    from citekit.library.realign import realign

    realign(drafts, unmatched_old, assigned, changed)
    return assigned, unmatched_old, changes


def work_links(key: str, analysis: Analysis, work_keys: list[str]) -> list[dict[str, Any]]:
    """A `linking` annotation per cited work, once per work key."""
    links = []
    seen: set[str] = set()
    for index, work in enumerate(analysis.works):
        if index >= len(work_keys) or work_keys[index] in seen:
            continue
        seen.add(work_keys[index])
        links.append(
            work_annotation(key, f"w{len(links) + 1}", analysis.doc, work, work_keys[index])
        )
    return links


def figure_records(
    key: str, annotations: list[dict[str, Any]], all_kinds: bool = False
) -> list[dict[str, Any]]:
    """DESIGN's figure JSON shape, built from a source's annotations (corrections applied)."""
    edits: dict[str, list[dict[str, Any]]] = {}
    notes: dict[str, list[dict[str, Any]]] = {}
    for a in annotations:
        target = a.get("target")
        target_id = target.get("id") if isinstance(target, dict) else None
        if not target_id:
            continue
        if a.get("motivation") == "editing":
            edits.setdefault(target_id, []).append(a)
        elif a.get("motivation") in ("commenting", "tagging"):
            notes.setdefault(target_id, []).append(a)
    out = []
    for a in annotations:
        body = a.get("body") or {}
        if a.get("motivation") != "identifying" or body.get("type") != "Figure":
            continue
        record = figure_record(key, a)
        for edit in edits.get(a["id"], []):
            apply_edit(record, edit)
        if record.get("not_a_figure"):
            continue
        if not all_kinds and record["kind"] in NON_FIGURE_KINDS:
            continue
        record["notes"] = [note_record(n) for n in notes.get(a["id"], [])]
        out.append(record)
    out.sort(key=lambda r: (r["start"], r["end"], r["id"]))
    return out


def figure_record(key: str, annotation: dict[str, Any]) -> dict[str, Any]:
    body = annotation["body"]
    quote, position = ann.selectors(annotation)
    passage = body.get("passage") or {}
    start = position["start"] if position else passage.get("start", 0)
    end = position["end"] if position else start + len(body.get("text", ""))
    return {
        "id": ann.short_id(annotation["id"]),
        "source": key,
        "text": body.get("text"),
        "value": body.get("value"),
        "low": body.get("low"),
        "high": body.get("high"),
        "unit": body.get("unit"),
        "kind": body.get("kind"),
        "qualifier": body.get("qualifier"),
        "start": start,
        "end": end,
        "quote": {
            "exact": passage.get("exact", ""),
            "prefix": passage.get("prefix", ""),
            "suffix": passage.get("suffix", ""),
        },
        "sentence": passage.get("exact", ""),
        "sentence_start": passage.get("start"),
        "sentence_end": passage.get("end"),
        "paragraph": body.get("paragraph"),
        "page": body.get("page"),
        "attributed_to": body.get("attributed_to"),
        "attributed_party": body.get("attributed_party"),
        "cue": body.get("cue"),
        "manual": not _is_generated(annotation),
    }


def apply_edit(record: dict[str, Any], edit: dict[str, Any]) -> None:
    """Apply a user's correction, keeping the extracted values under `original`."""
    changes = (edit.get("body") or {}).get("changes") or {}
    original = record.setdefault("original", {})
    for name, value in changes.items():
        if name == "not_a_figure":
            record["not_a_figure"] = bool(value)
            continue
        if name not in original:
            original[name] = record.get(name)
        record[name] = value
    record["corrected"] = True


def note_record(annotation: dict[str, Any]) -> dict[str, Any]:
    body = annotation.get("body") or {}
    return {
        "id": ann.short_id(annotation.get("id", "")),
        "text": body.get("value") if isinstance(body, dict) else None,
        "tags": body.get("tags", []) if isinstance(body, dict) else [],
        "created": annotation.get("created"),
    }


def extracted_records(analysis: Analysis, all_kinds: bool = False) -> list[dict[str, Any]]:
    """Figure records of a document that is not recorded (`extract`): no keys exist yet, so a
    figure's `attributed_to` names the cited work by title (or the party), and `cited_work`
    gives the work's details."""
    text = analysis.doc.text
    out: list[dict[str, Any]] = []
    # The figures of one sentence share its text (one string, not a copy per figure).
    shared: dict[tuple[int, int], tuple[str, dict[str, str]]] = {}
    attributions = analysis.attributions
    for index, figure in enumerate(analysis.figures):
        if not (all_kinds or figure.kind not in NON_FIGURE_KINDS):  # figure.is_figure
            continue
        attribution = attributions[index] if index < len(attributions) else None
        work = None
        if attribution is not None and attribution.work_index is not None:
            work = analysis.works[attribution.work_index]
        s_start, s_end = passage_span(text, figure)
        if (s_start, s_end) not in shared:
            shared[s_start, s_end] = text[s_start:s_end], _quote(text, s_start, s_end)
        sentence, quote = shared[s_start, s_end]
        out.append(
            {
                "id": f"f{len(out) + 1}",
                "text": figure.text,
                "value": _number(figure.value),
                "low": None if figure.low is None else _number(figure.low),
                "high": None if figure.high is None else _number(figure.high),
                "unit": figure.unit,
                "kind": figure.kind,
                "qualifier": figure.qualifier,
                "start": figure.start,
                "end": figure.end,
                "quote": dict(quote),
                "sentence": sentence,
                "sentence_start": s_start,
                "sentence_end": s_end,
                "paragraph": figure.paragraph,
                "attributed_to": (
                    work.title if work else attribution.party if attribution else None
                ),
                "attributed_party": attribution.party if attribution and not work else None,
                "cited_work": (
                    {"title": work.title, "organisation": work.organisation, "year": work.year}
                    if work
                    else None
                ),
                "cue": (
                    {
                        "text": attribution.cue,
                        "start": attribution.cue_start,
                        "end": attribution.cue_end,
                    }
                    if attribution
                    else None
                ),
            }
        )
    return out
