"""Where a library keeps what: the paths of its files and its lock.

Kept apart from `Library` so that what writes into the folder (`recording`) needs only the
layout, not the whole library with its caches.
"""

from __future__ import annotations

from pathlib import Path

from citekit.library.fsutil import exclusive_lock


class Layout:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def bib_path(self) -> Path:
        return self.root / "refs.bib"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def state_dir(self) -> Path:
        return self.root / ".citekit"

    def annotations_path(self, key: str) -> Path:
        return self.annotations_dir / f"{key}.jsonl"

    def lock(self):  # noqa: ANN201 - a context manager
        return exclusive_lock(self.state_dir / "lock")
