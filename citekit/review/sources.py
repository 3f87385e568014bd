"""Checking one recorded source: its snapshot and original exist and read, the content matches
the recorded hash, its annotations exist and their anchors stand (`source_anchors`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citekit.library.layout import Layout
from citekit.review import repair
from citekit.review.problems import INFO, WARNING, Problem, Report, read_text, relative
from citekit.review.source_anchors import AnchorOutcome, check_anchors, same_figures

# (key, hash recorded, snapshot path): a snapshot --fix may record the new hash of.
HashUpdate = tuple[str, str, Path]


@dataclass
class Snapshot:
    """A source's snapshot as read for checking; `original` is the HTML/PDF it came from."""

    path: Path
    rel: str
    text: str
    original: Path | None


def readd_hint(fields: dict[str, str]) -> str:
    origin = fields.get("citekit-origin")
    return f"`citekit add {origin}`" if origin else "`citekit add <the source file>`"


def check_source(
    library: Layout,
    report: Report,
    key: str,
    fields: dict[str, str],
    rows: list[tuple[int, dict[str, Any]]] | None,
    fix: bool,
) -> HashUpdate | None:
    """Snapshot, original, hash and anchors of one recorded source.

    Returns (key, old hash, snapshot path) when --fix may record the snapshot's new hash.
    """
    readd = readd_hint(fields)
    snap = read_snapshot(library, report, key, fields, readd)
    if snap is None:
        return None
    hash_problem, actual = check_hash(library, report, key, fields, snap, readd)
    if rows is None:
        ann_rel = relative(library, library.annotations_path(key))
        report.problems.append(
            Problem(
                "annotations-missing",
                f"no {ann_rel}: the source's figures are not recorded",
                f"re-record it with {readd}",
                key=key,
                path=ann_rel,
            )
        )
        return None
    outcome = check_figures(library, report, key, snap, rows, readd, fix)
    if (
        fix
        and hash_problem is not None
        and snap.original is None
        and outcome.all_exact
        and all(p.fixed for p in outcome.problems)
        and same_figures(snap.text, rows)
    ):
        hash_problem.detail["new_sha256"] = actual
        return key, fields.get("citekit-sha256") or "", snap.path
    return None


def read_snapshot(
    library: Layout, report: Report, key: str, fields: dict[str, str], readd: str
) -> Snapshot | None:
    """The snapshot's text (and its original's path), or None after reporting why not."""
    if not fields.get("file"):
        report.problems.append(
            Problem(
                "snapshot-unset",
                "entry has no file field: its figures have no snapshot to stand in",
                f"re-record the source with {readd} --key {key}",
                key=key,
                path=relative(library, library.bib_path),
            )
        )
        return None
    snap_path = library.root / fields["file"]
    snap_rel = relative(library, snap_path)
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
                f"original {relative(library, original_path)} does not exist",
                f"restore it from git or re-record with {readd}; the snapshot text cannot be "
                "re-derived without it",
                key=key,
                path=relative(library, original_path),
            )
        )
        original_path = None
    try:
        text = read_text(snap_path)
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
    return Snapshot(snap_path, snap_rel, text, original_path)


def check_hash(
    library: Layout,
    report: Report,
    key: str,
    fields: dict[str, str],
    snap: Snapshot,
    readd: str,
) -> tuple[Problem | None, str]:
    """(the snapshot-changed problem or None, the content's hash now)."""
    recorded = fields.get("citekit-sha256")
    if snap.original is not None:
        actual = hashlib.sha256(snap.original.read_bytes()).hexdigest()
        hashed = relative(library, snap.original)
    else:
        actual = hashlib.sha256(snap.text.encode("utf-8")).hexdigest()
        hashed = snap.rel
    if recorded and recorded != actual:
        problem = Problem(
            "snapshot-changed",
            f"{hashed} changed since it was recorded (sha256 {actual[:12]}…, recorded "
            f"{recorded[:12]}…)",
            f"if the source was updated, re-record it with {readd} (keeps key, notes and figure "
            "ids, reports what changed); if the edit was a mistake, restore it from git",
            key=key,
            path=hashed,
        )
        report.problems.append(problem)
        return problem, actual
    if not recorded:
        report.problems.append(
            Problem(
                "hash-unset",
                "entry has no citekit-sha256: changes to its snapshot cannot be detected",
                f"re-record it with {readd}",
                key=key,
                severity=WARNING,
            )
        )
    return None, actual


def check_figures(
    library: Layout,
    report: Report,
    key: str,
    snap: Snapshot,
    rows: list[tuple[int, dict[str, Any]]],
    readd: str,
    fix: bool,
) -> AnchorOutcome:
    """Every anchor of the source; with --fix, moved ones rewritten (and reported as fixed)."""
    ann_rel = relative(library, library.annotations_path(key))
    outcome = check_anchors(key, snap.text, rows, ann_rel, readd)
    report.checked["figures"] += outcome.figures
    report.checked["links"] += outcome.links
    report.checked["moved"] += sum(p.code.endswith("-moved") for p in outcome.problems)
    if fix and outcome.updates:
        written = repair.write_updates(library, key, snap.path, snap.text, outcome)
        for problem in outcome.problems:
            if problem.code.endswith("-moved") and problem.id in written:
                problem.fixed = True
                problem.severity = INFO
        report.checked["fixed"] += sum(p.fixed for p in outcome.problems)
    report.problems.extend(outcome.problems)
    return outcome
