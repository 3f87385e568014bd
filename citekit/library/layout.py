"""Where a library keeps what: the paths of its files, its lock and its journal.

Kept apart from `Library` so that what writes into the folder (`recording`) needs only the
layout, not the whole library with its caches.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from citekit.errors import CitekitError
from citekit.library import journal
from citekit.library.fsutil import atomic_write, exclusive_lock, lock_if_free, real_target


class OutsideLibraryError(CitekitError):
    """A path the library would write lies outside the library folder."""


class Layout:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._bib_crlf = False
        self._real_root: tuple[Path, Path] | None = None  # (root as given, resolved)
        self._tidied = False

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

    def ensure_state_dir(self) -> Path:
        """.citekit/, made with a .gitignore of its own: a library kept in git never commits
        its derived index (a hook running citekit would otherwise change tracked files)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        ignore = self.state_dir / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# citekit's derived index: rebuilt from the library's files\n*\n")
        return self.state_dir

    @property
    def journal_path(self) -> Path:
        # In the library folder, not in .citekit/: deleting the cache must never lose a commit.
        return self.root / journal.JOURNAL

    def annotations_path(self, key: str) -> Path:
        return self.inside(self.annotations_dir / f"{key}.jsonl")

    def inside(self, path: Path) -> Path:
        """`path` when it resolves (symlinks followed) to a place inside the library folder."""
        if self._real_root is None or self._real_root[0] != self.root:
            self._real_root = (self.root, self.root.resolve())
        root = self._real_root[1]
        resolved = Path(os.path.realpath(path))
        if resolved != root and root not in resolved.parents:
            raise OutsideLibraryError(
                f"{path}: lies outside the library folder {root}; nothing was written"
            )
        return path

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """The writers' lock, held on the library folder itself (deleting .citekit/ cannot
        split it). Taking it finishes or rolls back what a killed command left."""
        self.root.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(self.root):
            self.recover()
            yield

    def tidy(self) -> None:
        """For a reader: finish a killed command's commit (waiting for the lock if a journal
        says there is one), and delete its temporary files when no writer is at work."""
        self._tidied = True
        if not self.root.is_dir():
            return
        try:
            if self.journal_path.exists():
                with self.lock():
                    return
            with lock_if_free(self.root) as free:
                if free:
                    self.recover()
        except PermissionError:  # a library this user may only read: left as it is
            return

    def recover(self) -> None:
        """Under the lock: replay a committed journal, delete staged files never committed."""
        folders = [self.root, self.annotations_dir, self.sources_dir]
        bib_dir = real_target(self.bib_path).parent
        if bib_dir not in folders:
            folders.append(bib_dir)
        journal.recover(self.journal_path, folders)

    def transaction(self, sync: bool = True) -> journal.Transaction:
        return journal.Transaction(self.journal_path, sync=sync)

    # -- refs.bib, line endings kept -------------------------------------------------------

    def read_bib_text(self) -> str:
        """refs.bib's text with '\\n' line ends; a CRLF file is remembered and written back so."""
        from citekit.errors import BibError

        try:
            raw = self.bib_path.read_bytes()
        except FileNotFoundError:
            return ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BibError(f"{self.bib_path}: not UTF-8 text") from None
        crlf = text.count("\r\n")
        self._bib_crlf = crlf > 0 and crlf * 2 >= text.count("\n")
        return text.replace("\r\n", "\n")

    def bib_bytes(self, text: str) -> str:
        """What to write for refs.bib text read by `read_bib_text` (CRLF when the file was)."""
        return text.replace("\n", "\r\n") if self._bib_crlf else text

    def write_bib(self, text: str) -> None:
        atomic_write(self.bib_path, self.bib_bytes(text))
