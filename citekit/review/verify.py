"""`citekit verify`: is every link from a figure to its passage still honest?

Sources change under a library: a snapshot is hand-edited, an outlet's correction is saved over
the old file, an entry is deleted from refs.bib but its annotations stay. verify walks the files
(refs.bib, annotations/, sources/) and reports each inconsistency as a :class:`Problem` with a fix
hint, in the spirit of `papis doctor`:

- refs.bib blocks that failed to parse and duplicate keys, with their line;
- entries whose snapshot (`file`) or original (`citekit-original`) is missing, or whose content
  no longer matches `citekit-sha256`;
- figure anchors (the figure's selectors and its passage) that moved, drifted or went missing —
  see :mod:`citekit.review.anchors`. A moved anchor was re-found exactly and `--fix` rewrites it; a
  drifted one was only found fuzzily and is never accepted;
- annotation files without an entry, entries without annotations, notes and corrections that
  target figure ids that no longer exist.

With ``fix=True`` moved anchors are rewritten under the library lock, atomically, after checking
that neither the snapshot nor the annotation changed since it was examined. When a plain-text
snapshot changed but every figure was re-found exactly and a fresh extraction finds the same
figures, the new hash is recorded too: the edit moved text around and lost no figure. Anything
else stays a problem for the user to resolve (usually by re-recording with `citekit add`).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from citekit.library import annotations as ann
from citekit.library.bib import BibFile
from citekit.library.folder import Library
from citekit.library.fsutil import atomic_write
from citekit.review import anchors

ERROR, WARNING, INFO = "error", "warning", "info"
# What `checked` counts, always present in --json.
CHECKED = (
    "entries",
    "sources",
    "snapshots",
    "annotation_files",
    "figures",
    "links",
    "targets",
    "moved",
    "fixed",
)


@dataclass
class Problem:
    """One thing wrong (or, for `info`, one thing repaired) in the library."""

    code: str  # stable, scriptable: snapshot-changed, figure-drifted, bib-failed-block, ...
    message: str
    hint: str  # what the user can do about it
    key: str | None = None  # citation key concerned
    id: str | None = None  # annotation id (short form: key:f3)
    path: str | None = None  # file concerned, relative to the library when inside it
    line: int | None = None  # 1-based line in `path`
    severity: str = ERROR  # error, warning, info
    fixed: bool = False  # repaired by --fix
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> bool:
        """Whether this makes `verify` fail: anything not repaired and more than information."""
        return not self.fixed and self.severity != INFO

    def to_dict(self) -> dict[str, Any]:
        """Where first (code, key, id, path, line), then what and what to do about it."""
        data = asdict(self)
        order = ("code", "key", "id", "path", "line", "message", "hint", "severity", "fixed")
        return {name: data[name] for name in (*order, "detail")}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=Counter)

    @property
    def clean(self) -> bool:
        return not any(p.counts for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "problems": [p.to_dict() for p in self.problems],
            "checked": dict(self.checked),
            "clean": self.clean,
        }


def verify(library: Library, fix: bool = False) -> list[Problem]:
    """Every problem found (with --fix: moved anchors rewritten and reported as fixed)."""
    return run(library, fix).problems


def run(library: Library, fix: bool = False) -> Report:
    """Check the whole library; the problems and what was checked (counts)."""
    report = Report(checked=Counter(dict.fromkeys(CHECKED, 0)))
    bib_rel = _rel(library, library.bib_path)
    try:
        raw = library.bib_path.read_text(encoding="utf-8") if library.bib_path.exists() else ""
    except UnicodeDecodeError:
        report.problems.append(
            Problem(
                "bib-unreadable",
                "refs.bib is not UTF-8 text",
                "re-save refs.bib as UTF-8 (citekit reads and writes nothing else)",
                path=bib_rel,
            )
        )
        return report
    bib = BibFile.parse(raw)
    report.checked["entries"] = len(bib.entries)
    for block in bib.failed:
        report.problems.append(
            Problem(
                "bib-failed-block",
                "cannot parse this block" + (f" ({block.error})" if block.error else ""),
                f"fix the entry at {bib_rel}:{block.line}; citekit keeps it verbatim and refuses "
                "to record until then",
                path=bib_rel,
                line=block.line,
            )
        )
    for block in bib.duplicates:
        report.problems.append(
            Problem(
                "bib-duplicate-key",
                block.error,
                f"rename or merge the second entry at {bib_rel}:{block.line}: only the first "
                "one is used",
                path=bib_rel,
                line=block.line,
            )
        )

    files = _read_annotation_files(library, report)
    all_ids = {a["id"] for annotations in files.values() for _, a in annotations if "id" in a}
    hash_updates: list[tuple[str, str, Path]] = []
    entry_keys = bib.keys()
    for key in entry_keys:
        fields = bib.fields(key)
        # Sources citekit recorded; a `file` field alone may be JabRef's or Zotero's, not ours.
        if "citekit-sha256" in fields or "citekit-origin" in fields or key in files:
            report.checked["sources"] += 1
            update = _check_source(library, report, key, fields, files.get(key), fix)
            if update is not None:
                hash_updates.append(update)
        _check_targets(library, report, key, files.get(key, []), all_ids)
    for key in sorted(set(files) - set(entry_keys)):
        path = library.annotations_path(key)
        report.problems.append(
            Problem(
                "annotations-orphaned",
                f"annotations for {key!r} but refs.bib has no such entry",
                f"restore the entry {key!r} in refs.bib (see `git log -p refs.bib`), or delete "
                f"{_rel(library, path)} if the source is gone for good",
                key=key,
                path=_rel(library, path),
            )
        )
    if fix and hash_updates:
        _record_hashes(library, report, hash_updates)
    return report


# -- reading -------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """A text file as citekit reads sources: BOM dropped, CRLF folded (offsets depend on it)."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def _rel(library: Library, path: Path) -> str:
    try:
        return path.resolve().relative_to(library.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_annotation_files(
    library: Library, report: Report
) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Every annotations/<key>.jsonl as (line, annotation) pairs; bad lines are problems."""
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for key in library.annotated_keys():
        path = library.annotations_path(key)
        report.checked["annotation_files"] += 1
        rows: list[tuple[int, dict[str, Any]]] = []
        try:
            lines = _read_text(path).split("\n")
        except UnicodeDecodeError:
            report.problems.append(
                Problem(
                    "annotations-unreadable",
                    "not UTF-8 text",
                    "restore the file from git (`git checkout -- <path>`)",
                    key=key,
                    path=_rel(library, path),
                )
            )
            out[key] = rows
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                record = None
                why = f"not valid JSON ({exc.msg})"
            else:
                why = "not a JSON object"
            if not isinstance(record, dict):
                report.problems.append(
                    Problem(
                        "annotations-invalid",
                        why,
                        "repair or delete this line; citekit rewrites the file only after it "
                        "parses",
                        key=key,
                        path=_rel(library, path),
                        line=number,
                    )
                )
                continue
            rows.append((number, record))
        out[key] = rows
    return out


# -- one source ----------------------------------------------------------------------------


def _check_source(
    library: Library,
    report: Report,
    key: str,
    fields: dict[str, str],
    rows: list[tuple[int, dict[str, Any]]] | None,
    fix: bool,
) -> tuple[str, str, Path] | None:
    """Snapshot, original, hash and anchors of one recorded source.

    Returns (key, old hash, snapshot path) when --fix may record the snapshot's new hash.
    """
    origin = fields.get("citekit-origin")
    readd = f"`citekit add {origin}`" if origin else "`citekit add <the source file>`"
    if not fields.get("file"):
        report.problems.append(
            Problem(
                "snapshot-unset",
                "entry has no file field: its figures have no snapshot to stand in",
                f"re-record the source with {readd} --key {key}",
                key=key,
                path=_rel(library, library.bib_path),
            )
        )
        return None
    snap_path = library.root / fields["file"]
    snap_rel = _rel(library, snap_path)
    original_rel = fields.get("citekit-original")
    original_path = library.root / original_rel if original_rel else None
    if not snap_path.is_file():
        report.problems.append(
            Problem(
                "snapshot-missing",
                f"snapshot {snap_rel} does not exist",
                f"restore it (`git checkout -- {snap_rel}`) or re-record with {readd}",
                key=key,
                path=snap_rel,
            )
        )
        return None
    report.checked["snapshots"] += 1
    if original_path is not None and not original_path.is_file():
        report.problems.append(
            Problem(
                "original-missing",
                f"original {_rel(library, original_path)} does not exist",
                f"restore it from git or re-record with {readd}; the snapshot text cannot be "
                "re-derived without it",
                key=key,
                path=_rel(library, original_path),
            )
        )
        original_path = None
    try:
        text = _read_text(snap_path)
    except UnicodeDecodeError as exc:
        report.problems.append(
            Problem(
                "snapshot-unreadable",
                f"snapshot is not UTF-8 text (byte {exc.start})",
                f"restore it (`git checkout -- {snap_rel}`) or re-record with {readd}",
                key=key,
                path=snap_rel,
            )
        )
        return None

    recorded = fields.get("citekit-sha256")
    if original_path is not None:
        actual = hashlib.sha256(original_path.read_bytes()).hexdigest()
        hashed = _rel(library, original_path)
    else:
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        hashed = snap_rel
    hash_problem: Problem | None = None
    if recorded and recorded != actual:
        hash_problem = Problem(
            "snapshot-changed",
            f"{hashed} changed since it was recorded (sha256 {actual[:12]}…, recorded "
            f"{recorded[:12]}…)",
            f"if the source was updated, re-record it with {readd} (keeps key, notes and figure "
            "ids, reports what changed); if the edit was a mistake, restore it from git",
            key=key,
            path=hashed,
        )
        report.problems.append(hash_problem)
    elif not recorded:
        report.problems.append(
            Problem(
                "hash-unset",
                "entry has no citekit-sha256: changes to its snapshot cannot be detected",
                f"re-record it with {readd}",
                key=key,
                severity=WARNING,
            )
        )

    if rows is None:
        report.problems.append(
            Problem(
                "annotations-missing",
                f"no {_rel(library, library.annotations_path(key))}: the source's figures are "
                "not recorded",
                f"re-record it with {readd}",
                key=key,
                path=_rel(library, library.annotations_path(key)),
            )
        )
        return None

    ann_rel = _rel(library, library.annotations_path(key))
    outcome = check_anchors(key, text, rows, ann_rel, readd)
    report.checked["figures"] += outcome.figures
    report.checked["links"] += outcome.links
    report.checked["moved"] += sum(p.code.endswith("-moved") for p in outcome.problems)
    if fix and outcome.updates:
        written = _write_updates(library, key, snap_path, text, outcome)
        for problem in outcome.problems:
            if problem.code.endswith("-moved") and problem.id in written:
                problem.fixed = True
                problem.severity = INFO
        report.checked["fixed"] += sum(p.fixed for p in outcome.problems)
    report.problems.extend(outcome.problems)

    if (
        fix
        and hash_problem is not None
        and original_path is None
        and outcome.all_exact
        and all(p.fixed for p in outcome.problems)
        and _same_figures(text, rows)
    ):
        hash_problem.detail["new_sha256"] = actual
        return key, recorded or "", snap_path
    return None


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
        updated = copy.deepcopy(annotation)
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


def _same_figures(text: str, rows: list[tuple[int, dict[str, Any]]]) -> bool:
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


def _check_targets(
    library: Library,
    report: Report,
    key: str,
    rows: list[tuple[int, dict[str, Any]]],
    all_ids: set[str],
) -> None:
    """Notes, corrections and links must point at annotations that still exist."""
    for line, annotation in rows:
        target = annotation.get("target")
        if not isinstance(target, dict) or not target.get("id"):
            continue
        report.checked["targets"] += 1
        target_id = str(target["id"])
        if target_id in all_ids or "urn:citekit:" + target_id in all_ids:
            continue
        short = ann.short_id(str(annotation.get("id", "")))
        report.problems.append(
            Problem(
                "target-missing",
                f"{short} ({annotation.get('motivation', 'annotation')}) targets "
                f"{ann.short_id(target_id)}, which no longer exists",
                "point it at the figure's new id (`citekit figures " + key + "`) or delete "
                "this line",
                key=key,
                id=short,
                path=_rel(library, library.annotations_path(key)),
                line=line,
            )
        )


# -- writing (--fix) -----------------------------------------------------------------------


def _write_updates(
    library: Library, key: str, snap_path: Path, text: str, outcome: AnchorOutcome
) -> set[str]:
    """Rewrite moved anchors under the lock; returns the short ids actually rewritten.

    Inside the lock the snapshot and each annotation are compared with what was examined: if
    another process changed either meanwhile, that annotation is left for the next verify.
    """
    written: set[str] = set()
    path = library.annotations_path(key)
    with library.lock():
        try:
            if _read_text(snap_path) != text:
                return written
        except (OSError, UnicodeDecodeError):
            return written
        current = ann.read(path)
        out = []
        for annotation in current:
            update = outcome.updates.get(str(annotation.get("id")))
            if update is not None and annotation == update[0]:
                out.append(update[1])
                written.add(ann.short_id(str(annotation["id"])))
            else:
                out.append(annotation)
        if written:
            ann.write(path, out)
    return written


def _record_hashes(library: Library, report: Report, updates: list[tuple[str, str, Path]]) -> None:
    """Record the new hash of snapshots whose every figure was re-found exactly.

    Inside the lock the snapshot is hashed again, and the entry's hash must still be the one
    verified: a concurrent edit or `add` wins.
    """
    with library.lock():
        bib = BibFile.parse(library.bib_path.read_text(encoding="utf-8"))
        done = []
        for key, old, snap_path in updates:
            expected = _report_hash(report, key)
            try:
                new = hashlib.sha256(_read_text(snap_path).encode("utf-8")).hexdigest()
            except (OSError, UnicodeDecodeError):
                continue
            if new != expected:
                continue
            if key in bib and bib.fields(key).get("citekit-sha256") == old:
                bib.set_entry(key, bib.entries[key].entry_type, {"citekit-sha256": new})
                done.append(key)
        if bib.dirty:
            atomic_write(library.bib_path, bib.render())
    for problem in report.problems:
        if problem.code == "snapshot-changed" and problem.key in done:
            problem.fixed = True
            problem.severity = INFO
            problem.message += "; every figure was re-found exactly, new hash recorded"


def _report_hash(report: Report, key: str) -> str | None:
    """The snapshot hash verify computed for `key` (kept in its snapshot-changed problem)."""
    for problem in report.problems:
        if problem.code == "snapshot-changed" and problem.key == key:
            return problem.detail.get("new_sha256")
    return None
