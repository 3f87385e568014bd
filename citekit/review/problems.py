"""What `verify` reports: a Problem per inconsistency (with a fix hint) and the Report of a run.

Shared by the checks (`verify`, `sources`, `source_anchors`) and the repairs (`repair`), so
that none of them needs another to describe what it found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from citekit.library.layout import Layout

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


def relative(library: Layout, path: Path) -> str:
    """A path as the user knows it: relative to the library when inside it."""
    try:
        return path.resolve().relative_to(library.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """A text file as citekit reads sources: BOM dropped, CRLF folded (offsets depend on it)."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
