"""What `verify --fix` writes: moved anchors re-anchored, and the new hash of a snapshot whose
every figure was re-found exactly. Both under the library lock, after checking that nothing
changed since it was examined: a concurrent edit or `add` wins.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from citekit.library import annotations as ann
from citekit.library.bib import BibFile
from citekit.library.layout import Layout
from citekit.review.problems import INFO, Report, read_text
from citekit.review.source_anchors import AnchorOutcome


def write_updates(
    library: Layout, key: str, snap_path: Path, text: str, outcome: AnchorOutcome
) -> set[str]:
    """Rewrite moved anchors under the lock; returns the short ids actually rewritten.

    Inside the lock the snapshot and each annotation are compared with what was examined: if
    another process changed either meanwhile, that annotation is left for the next verify.
    """
    written: set[str] = set()
    path = library.annotations_path(key)
    with library.lock():
        try:
            if read_text(snap_path) != text:
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


def record_hashes(library: Layout, report: Report, updates: list[tuple[str, str, Path]]) -> None:
    """Record the new hash of snapshots whose every figure was re-found exactly.

    Inside the lock the snapshot is hashed again, and the entry's hash must still be the one
    verified: a concurrent edit or `add` wins.
    """
    with library.lock():
        bib = BibFile.parse(library.read_bib_text())
        done = []
        for key, old, snap_path in updates:
            expected = _report_hash(report, key)
            try:
                new = hashlib.sha256(read_text(snap_path).encode("utf-8")).hexdigest()
            except (OSError, UnicodeDecodeError):
                continue
            if new != expected:
                continue
            if key in bib and bib.fields(key).get("citekit-sha256") == old:
                bib.set_entry(key, bib.entries[key].entry_type, {"citekit-sha256": new})
                done.append(key)
        if bib.dirty:
            library.write_bib(bib.render())
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
