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

This module walks the library; `sources` checks one recorded source, `source_anchors` its
anchors, `repair` makes the --fix writes, `problems` holds what they report.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citekit.library import annotations as ann
from citekit.library.bib import BibFile
from citekit.library.folder import Library
from citekit.library.index import bulk
from citekit.review import repair
from citekit.review.problems import (
    CHECKED,
    ERROR,
    INFO,
    WARNING,
    Problem,
    Report,
    read_text,
    relative,
)
from citekit.review.sources import HashUpdate, check_source

# From this many entries the sources are checked by worker processes (all cores), a task of
# `_TASK` entries each.
_PARALLEL_AFTER = 400
_TASK = 40

__all__ = ["CHECKED", "ERROR", "INFO", "WARNING", "Problem", "Report", "run", "verify"]


def verify(library: Library, fix: bool = False) -> list[Problem]:
    """Every problem found (with --fix: moved anchors rewritten and reported as fixed)."""
    return run(library, fix).problems


def run(
    library: Library, fix: bool = False, progress: Callable[[int, int, str], None] | None = None
) -> Report:
    """Check the whole library; the problems and what was checked (counts). `progress` is
    called as (sources done, entries in all, key) after each entry.

    One annotation file at a time is held in memory: each is read when its entry is checked."""
    report = Report(checked=Counter(dict.fromkeys(CHECKED, 0)))
    bib = _check_bib(library, report)
    if bib is None:
        return report
    first = len(report.problems)
    files = AnnotationFiles(library, set(library.annotated_keys()))
    hash_updates: list[HashUpdate] = []
    entry_keys = bib.keys()
    items = [(key, bib.fields(key)) for key in entry_keys]
    workers = 0 if fix or len(items) < _PARALLEL_AFTER else bulk.workers_for(len(items))
    if workers:  # reading and checking sources in worker processes; problems kept in order
        tasks = [
            (str(library.root), items[i : i + _TASK], files.keys)
            for i in range(0, len(items), _TASK)
        ]
        done = 0
        with bulk.in_workers(check_entries, tasks, workers) as results:
            for part, bad, _ in results:
                report.problems.extend(part.problems)
                report.checked.update(part.checked)
                files.bad.update(bad)
                done = min(len(items), done + _TASK)
                if progress is not None:
                    progress(done, len(items), items[done - 1][0])
    else:
        for done, (key, fields) in enumerate(items, 1):
            _check_entry(library, report, key, fields, files, fix, hash_updates)
            if progress is not None:
                progress(done, len(items), key)
    for key in sorted(files.keys - set(entry_keys)):
        files.read(key)
        path = library.annotations_path(key)
        report.problems.append(
            Problem(
                "annotations-orphaned",
                f"annotations for {key!r} but refs.bib has no such entry",
                f"restore the entry {key!r} in refs.bib (see `git log -p refs.bib`), or delete "
                f"{relative(library, path)} if the source is gone for good",
                key=key,
                path=relative(library, path),
            )
        )
    report.checked["annotation_files"] += len(files.keys)
    # What the files' lines said comes first, file by file, as when they were all read first.
    report.problems[first:first] = [p for k in sorted(files.bad) for p in files.bad[k]]
    _check_unreferenced(library, report, bib)
    if fix and hash_updates:
        repair.record_hashes(library, report, hash_updates)
    return report


def _check_entry(
    library: Library,
    report: Report,
    key: str,
    fields: dict[str, str],
    files: AnnotationFiles,
    fix: bool,
    hash_updates: list[HashUpdate],
) -> None:
    rows = files.read(key)
    # Sources citekit recorded; a `file` field alone may be JabRef's or Zotero's, not ours.
    if "citekit-sha256" in fields or "citekit-origin" in fields or rows is not None:
        report.checked["sources"] += 1
        update = check_source(library, report, key, fields, rows, fix)
        if update is not None:
            hash_updates.append(update)
    _check_targets(library, report, key, rows or [], files)


def check_entries(
    root: str, items: list[tuple[str, dict[str, str]]], keys: set[str]
) -> tuple[Report, dict[str, list[Problem]], list[HashUpdate]]:
    """Check some entries without --fix (a worker's task): their report, the problems of
    their annotation files' lines, by key."""
    library = Library(Path(root))
    library._tidied = True  # the parent tidied the library before checking
    report = Report(checked=Counter())
    files = AnnotationFiles(library, keys)
    updates: list[HashUpdate] = []
    for key, fields in items:
        _check_entry(library, report, key, fields, files, False, updates)
    return report, files.bad, updates


class AnnotationFiles:
    """annotations/<key>.jsonl read one at a time, the problems of their lines kept aside,
    and the ids of any file found again when a note or correction targets one."""

    def __init__(self, library: Library, keys: set[str]) -> None:
        self.library = library
        self.keys = keys
        self.bad: dict[str, list[Problem]] = {}
        self._ids: dict[str, set[str]] = {}
        self._all: set[str] | None = None

    def read(self, key: str) -> list[tuple[int, dict[str, Any]]] | None:
        """The file's (line, annotation) pairs; None when there is no such file."""
        if key not in self.keys:
            return None
        problems: list[Problem] = []
        rows = _read_annotation_file(self.library, key, problems)
        if problems:
            self.bad[key] = problems
        self._ids[key] = {str(a["id"]) for _, a in rows if "id" in a}
        if len(self._ids) > 64:  # only the last few are looked at again
            self._ids.pop(next(iter(self._ids)))
        return rows

    def ids_of(self, key: str) -> set[str]:
        if key not in self._ids:
            if key not in self.keys:
                return set()
            rows = _read_annotation_file(self.library, key, [])
            self._ids[key] = {str(a["id"]) for _, a in rows if "id" in a}
        return self._ids[key]

    def exists(self, key: str, target_id: str) -> bool:
        """Whether an annotation of any file has the id `target_id` (or its urn)."""
        wanted = {target_id, "urn:citekit:" + target_id}
        if wanted & self.ids_of(key):
            return True
        owner = target_id.removeprefix("urn:citekit:").rpartition(":")[0]
        if owner and wanted & self.ids_of(owner):
            return True
        if self._all is None:  # an id of another form: every file's ids, once
            self._all = set()
            for other in sorted(self.keys):
                rows = _read_annotation_file(self.library, other, [])
                self._all |= {str(a["id"]) for _, a in rows if "id" in a}
        return bool(wanted & self._all)


def _check_unreferenced(library: Library, report: Report, bib: BibFile) -> None:
    """Files in sources/ that no entry names (`file` or `citekit-original`): a snapshot left
    by something that never finished recording, or by an entry deleted by hand."""
    if not library.sources_dir.is_dir():
        return
    named = set()
    for key in bib.keys():
        fields = bib.fields(key)
        for name in ("file", "citekit-original"):
            if fields.get(name):
                named.add(os.path.normpath(library.root / fields[name]))
    for path in sorted(library.sources_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if os.path.normpath(path) in named:
            continue
        rel = relative(library, path)
        report.problems.append(
            Problem(
                "snapshot-unreferenced",
                f"{rel} is named by no entry in refs.bib",
                f"re-record its source with `citekit add`, or delete {rel} if it is not needed",
                severity=WARNING,
                path=rel,
            )
        )


def _check_bib(library: Library, report: Report) -> BibFile | None:
    """refs.bib parsed, its failed blocks and duplicate keys reported; None when unreadable."""
    bib_rel = relative(library, library.bib_path)
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
        return None
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
    return bib


def _read_annotation_files(
    library: Library, report: Report
) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Every annotation file at once (for a caller that wants them all; `run` streams)."""
    out = {}
    for key in library.annotated_keys():
        report.checked["annotation_files"] += 1
        out[key] = _read_annotation_file(library, key, report.problems)
    return out


def _read_annotation_file(
    library: Library, key: str, problems: list[Problem]
) -> list[tuple[int, dict[str, Any]]]:
    """annotations/<key>.jsonl as (line, annotation) pairs; bad lines go to `problems`."""
    path = library.annotations_path(key)
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        lines = read_text(path).split("\n")
    except UnicodeDecodeError:
        problems.append(
            Problem(
                "annotations-unreadable",
                "not UTF-8 text",
                "restore the file from git (`git checkout -- <path>`)",
                key=key,
                path=relative(library, path),
            )
        )
        return rows
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
            problems.append(
                Problem(
                    "annotations-invalid",
                    why,
                    "repair or delete this line; citekit rewrites the file only after it parses",
                    key=key,
                    path=relative(library, path),
                    line=number,
                )
            )
            continue
        rows.append((number, record))
    return rows


def _check_targets(
    library: Library,
    report: Report,
    key: str,
    rows: list[tuple[int, dict[str, Any]]],
    files: AnnotationFiles,
) -> None:
    """Notes, corrections and links must point at annotations that still exist."""
    for line, annotation in rows:
        target = annotation.get("target")
        if not isinstance(target, dict) or not target.get("id"):
            continue
        report.checked["targets"] += 1
        target_id = str(target["id"])
        if files.exists(key, target_id):
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
                path=relative(library, library.annotations_path(key)),
                line=line,
            )
        )
